// 64-bit integers on a 32-bit core: multiply, divide (libgcc helpers), shifts, comparisons.
#include <stdint.h>
#include <stdio.h>
#include "portable.h"

int main(void) {
  volatile uint64_t a = 0x0123456789ABCDEFull, b = 0xFEDCBA9876543210ull;
  printf("add %016" PRIx64 " sub %016" PRIx64 "\n", a + b, a - b);
  printf("mul %016" PRIx64 "\n", a * b);
  printf("div %" PRIu64 " mod %" PRIu64 "\n", b / a, b % a);
  printf("div by small %" PRIu64 " mod %" PRIu64 "\n", b / 7, b % 7);
  volatile int64_t n = -9000000000000000001ll, d = 12345678901ll;
  printf("signed div %" PRId64 " mod %" PRId64 "\n", n / d, n % d);
  for (int shift = 0; shift < 64; shift += 13) {
    printf("shift %2d: %016" PRIx64 " %016" PRIx64 " %" PRId64 "\n", shift, a << shift, b >> shift,
           n >> shift);
  }
  printf("compare: %d %d %d\n", a < b, n < 0, (int64_t)b < 0);
  uint64_t factorial = 1;
  for (uint64_t i = 1; i <= 20; ++i) factorial *= i;
  printf("20! = %" PRIu64 "\n", factorial);
  uint64_t x = 88172645463325252ull, mix = 0;
  for (int i = 0; i < 50000; ++i) {  // xorshift64
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    mix += x % 1000003;
  }
  printf("xorshift64: %016" PRIx64 " mix %" PRIu64 "\n", x, mix);
  printf("int32 * int32 widened: %" PRId64 "\n", (int64_t)(int32_t)-2000000000 * 2000000000);
  printf("uint64 max: %" PRIu64 ", int64 min: %" PRId64 "\n", UINT64_MAX, INT64_MIN);
  return 0;
}
