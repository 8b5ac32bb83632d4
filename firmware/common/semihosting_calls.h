// Direct semihosting calls (BKPT 0xAB, ARM IHI 0080) for code that must not depend on the C
// library: exception handlers and the start-up code. Ordinary code uses newlib (rdimon).
#ifndef ANVIL_FIRMWARE_SEMIHOSTING_CALLS_H
#define ANVIL_FIRMWARE_SEMIHOSTING_CALLS_H

#include <stdint.h>

#define SH_SYS_WRITE0 0x04u
#define SH_SYS_EXIT_EXTENDED 0x20u
#define SH_APPLICATION_EXIT 0x20026u

static inline uint32_t semihosting_call(uint32_t op, const void* param) {
  register uint32_t r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = param;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static inline void semihosting_write0(const char* text) {
  semihosting_call(SH_SYS_WRITE0, text);
}

// Ends the simulation with `status` (SYS_EXIT_EXTENDED, so the status survives on AArch32).
static inline __attribute__((noreturn)) void semihosting_exit(int status) {
  const uint32_t block[2] = {SH_APPLICATION_EXIT, (uint32_t)status};
  for (;;) semihosting_call(SH_SYS_EXIT_EXTENDED, block);
}

#endif
