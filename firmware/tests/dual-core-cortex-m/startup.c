// Start-up for two Cortex-M3 cores sharing one memory map (tests/gdb/dual-cortex-m3.lua).
// Both cores reset through the same vector table. Cortex-M has no core-number register, so
// the board tells them apart by configuration: cpu1 has 64 interrupt lines, cpu0 32, and
// ICTR.INTLINESNUM (ARMv7-M ARM B3.4.4) is 0 on cpu0, 1 on cpu1. (A ticket taken with
// LDREX/STREX would be the usual way, but Anvil's Cortex-M keeps only a local exclusive
// monitor: both cores' STREX succeed.) cpu0 sets up the C run-time and runs main(); cpu1
// waits until that is done, moves to its own stack and runs second_core_main().
#include <stdint.h>

#include "dual_core.h"
#include "semihosting_calls.h"

extern uint32_t __data_start__, __data_end__, __data_load__, __bss_start__, __bss_end__;
extern uint32_t __stack;
extern int main(void);

#define ICTR (*(volatile uint32_t*)0xE000E004u)
// Set by cpu0 once .data and .bss are ready; PSRAM, which the image does not touch, reads
// as zero after reset.
#define RUNTIME_READY (*(volatile uint32_t*)0x21000004u)

static void __attribute__((noreturn)) second_core_start(void) {
  while (!RUNTIME_READY) {
  }
  __asm__ volatile("msr msp, %0" : : "r"(SECOND_CORE_STACK_TOP) : "memory");
  second_core_main();
}

void __attribute__((noreturn)) Reset_Handler(void) {
  if ((ICTR & 0xFu) != 0) second_core_start();
  uint32_t* from = &__data_load__;
  for (uint32_t* to = &__data_start__; to < &__data_end__;) *to++ = *from++;
  for (uint32_t* to = &__bss_start__; to < &__bss_end__;) *to++ = 0;
  RUNTIME_READY = 1;
  semihosting_exit(main());
}

// Any other exception ends the run: these programs take none.
void Default_Handler(void) {
  semihosting_write0("unexpected exception\n");
  semihosting_exit(99);
}

typedef void (*vector_t)(void);

// ARMv7-M ARM B1.5.3: word 0 is the initial main stack pointer, word n the handler of
// exception n.
__attribute__((section(".vectors"), used)) static const vector_t vector_table[16] = {
    (vector_t)&__stack, (vector_t)Reset_Handler, Default_Handler, Default_Handler,
    Default_Handler,    Default_Handler,         Default_Handler, 0,
    0,                  0,                       0,               Default_Handler,
    Default_Handler,    0,                       Default_Handler, Default_Handler,
};
