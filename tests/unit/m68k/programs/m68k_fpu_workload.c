/* FP code as gcc -m68020 -O2 emits it for the 68881 (FPm,FPn and Dn,FPn operations,
 * FMOVECR, FBcc on every comparison, NaN and infinity operands), with FPCR's rounding modes
 * and precisions and an enabled exception the operations never raise, and FPSR read after
 * each step. Its output, instruction count and cycles must be the same whether the core
 * steps every instruction through its ordinary handler or runs decoded (m68k_fpu_decoded.cpp). */
typedef unsigned int u32;
typedef unsigned long long u64;

#include "m68k_linux_io.h"

static u32 fpsr(void) {
  u32 value;
  __asm__ volatile("fmove.l %%fpsr,%0" : "=d"(value));
  return value;
}

static void set_fpcr(u32 value) {
  __asm__ volatile("fmove.l %0,%%fpcr" : : "d"(value));
}

static void put_double(const char* name, double d) {
  u64 bits;
  __builtin_memcpy(&bits, &d, sizeof bits);
  put(name);
  put(" ");
  put_hex(bits, 16);
  put(" fpsr ");
  put_hex(fpsr(), 8);
  put("\n");
}

static long double pi(void) {
  long double value;
  __asm__ volatile("fmovecr.x #0,%0" : "=f"(value));
  return value;
}

static volatile int taken;

/* FPSR right after an FBcc on a < b (gcc's IEEE-nonaware predicate: BSUN when unordered)
 * or on __builtin_isless (IEEE-aware: no BSUN). */
static u32 fpsr_after_branch(double a, double b, int ieee) {
  if (ieee ? __builtin_isless(a, b) : a < b) taken++;
  return fpsr();
}

static double square_root(double x) {
  double root;
  __asm__("fsqrt.x %1,%0" : "=f"(root) : "f"(x));
  return root;
}

static volatile double inputs[] = {1.0, -2.5, 0.1, 3e300, -0.0, 1e-310, 7.0, 0.0};

static double kernel(int n) {
  double sum = 0, product = 1;
  for (int k = 0; k < n; ++k) {
    const double x = inputs[k & 7], y = inputs[(k * 3 + 1) & 7];
    sum += (k % 2 ? -4.0 : 4.0) / (2.0 * k + 1.0);
    product = product * (x + 1.5) / (y == 0 ? 3.0 : y);
    if (product > 1e100 || product < -1e100) product = 1;
    if (x < y) sum -= x * 1e-9;
    if (x >= y) sum += y * 1e-9;
    if (!(x != y)) sum += 1e-12;
    sum += square_root(k * 0.5) * 1e-6 - __builtin_fabs(x) * 1e-12 + (double)(short)k;
  }
  return sum + product;
}

void _start(void) {
  static const u32 modes[] = {0x00, 0x10, 0x20, 0x30, 0x40, 0x80, 0x90, 0xE0};
  for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; ++m) {
    set_fpcr(modes[m]);
    put_double("kernel", kernel(200 + m));
    put_double("pi", (double)(pi() * 3));
  }
  set_fpcr(0x0400); /* DZ enabled: nothing below divides by zero, but nothing runs decoded */
  put_double("enabled", kernel(50));
  set_fpcr(0);
  volatile double zero = 0, nan = zero / zero, inf = 1 / zero;
  put_double("nan", nan);
  put("branches ");
  put_hex(fpsr_after_branch(nan, 1, 0), 8);
  put_hex(fpsr_after_branch(nan, 1, 1), 8);
  put_hex(fpsr_after_branch(1, 2, 0), 8);
  put_hex(taken, 8);
  put("\n");
  put_double("nan+1", nan + 1);
  put_double("inf-inf", inf - inf);
  put_double("inf", inf * -2);
  finish();
}
