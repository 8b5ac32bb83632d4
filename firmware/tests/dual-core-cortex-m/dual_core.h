// The two halves of the dual-core test program.
#ifndef ANVIL_FIRMWARE_DUAL_CORE_H
#define ANVIL_FIRMWARE_DUAL_CORE_H

// The second core's stack: the top 64 KiB of PSRAM (0x21000000, 16 MiB), away from the first
// core's stack at the top of SSRAM2/3.
#define SECOND_CORE_STACK_TOP 0x22000000u

// Runs on the second core once the first has set up the C run-time.
void second_core_main(void) __attribute__((noreturn));

#endif
