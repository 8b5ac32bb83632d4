/* A freestanding C program for the Cortex-M3 core: runs workload_run() (results in
   `result`), then sleeps with WFI until SysTick has fired five times, then halts with BKPT.
   Built with arm-none-eabi-gcc -O2, so it exercises the 32-bit Thumb-2 instructions too. */
#include <stdint.h>

#include "workload.h"

uint32_t result[8];
volatile uint32_t ticks;

void systick_handler(void) { ticks++; }

int main(void) {
  workload_run(result);
  *(volatile uint32_t*)0xE000E014 = 999; /* SYST_RVR */
  *(volatile uint32_t*)0xE000E018 = 0;   /* SYST_CVR */
  *(volatile uint32_t*)0xE000E010 = 7;   /* SYST_CSR: enable, interrupt, core clock */
  while (ticks < 5) __asm volatile("wfi");
  result[6] = ticks;
  __asm volatile("bkpt #0");
  for (;;) {
  }
}

__attribute__((naked)) void reset_handler(void) { __asm volatile("bl main\n b ."); }

__attribute__((section(".vectors"), used)) const void* const vectors[16] = {
    (void*)0x20008000, (void*)reset_handler, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    (void*)systick_handler};
