/* fpu-m68k: the floating-point unit of a 68040, or of a 68020/68030 with a 68881/68882, on
   the SBC board (built twice, see CMakeLists.txt). Loads two doubles into
   FP0 and FP1 and multiplies them, stops by at fpu_checkpoint (where the GDB test
   tests/gdb/run_m68k_fpu_gdb_test.py reads and writes FP0/FP1), multiplies again and prints
   both products times 10000. Every value is a short binary fraction, so each product is
   exact: 1.5 x 2.25 = 3.375, then x 2.25 = 7.59375. */
#include "sbc.h"

static volatile double a = 1.5, b = 2.25;

/* The level-4 autovector of start.S calls this; the DUART's interrupts stay masked here. */
void duart_interrupt(void) {}

static void put_scaled(const char *label, double value) {
  duart_puts(label);
  if (value < 0) {
    duart_putc('-');
    value = -value;
  }
  duart_put_decimal((uint32_t)(value * 10000.0));
  duart_putc('\n');
}

int main(void) {
  DUART_CRA = 0x05; /* enable receiver and transmitter A */
  double first, second;
  __asm__ volatile(
      "fmove.d %2, %%fp0\n\t"
      "fmove.d %3, %%fp1\n\t"
      "fmul.x %%fp1, %%fp0\n\t"
      ".globl fpu_checkpoint\n"
      "fpu_checkpoint:\n\t"
      "fmove.d %%fp0, %0\n\t"
      "fmul.x %%fp1, %%fp0\n\t"
      "fmove.d %%fp0, %1"
      : "=m"(first), "=m"(second)
      : "m"(a), "m"(b)
      : "fp0", "fp1", "memory");
  put_scaled("first ", first);
  put_scaled("second ", second);
  return 0;
}
