// Two Cortex-M3 cores sharing RAM (tests/gdb/dual-cortex-m3.lua), for the multi-core GDB
// test: the first core counts while it waits for the second, which sums squares and reports
// back; the first prints the result and exits with 0 if it is right.
#include <stdint.h>

#include "an385.h"
#include "dual_core.h"
#include "uart.h"

volatile uint32_t first_core_spins;  // counts while the first core waits
volatile uint32_t second_core_result;
volatile int second_core_done;

// 1^2 + 2^2 + ... + n^2, one term at a time; a call of its own for the breakpoint.
__attribute__((noinline)) uint32_t sum_of_squares(uint32_t n) {
  uint32_t sum = 0;
  for (uint32_t i = 1; i <= n; ++i) sum += i * i;
  return sum;
}

void second_core_main(void) {
  // Start once the first core is in its loop, so a debugger stopping here finds it there.
  while (first_core_spins < 1000) {
  }
  second_core_result = sum_of_squares(10);
  second_core_done = 1;
  for (;;) __asm__ volatile("wfi");
}

int main(void) {
  uart_init(AN385_UART0_BASE);
  uart_puts(AN385_UART0_BASE, "dual-core: first core waits for the second\n");
  while (!second_core_done) ++first_core_spins;
  uart_printf(AN385_UART0_BASE, "dual-core: second core says %lu\n",
              (unsigned long)second_core_result);
  return second_core_result == 385 ? 0 : 1;  // n(n + 1)(2n + 1) / 6 for n = 10
}
