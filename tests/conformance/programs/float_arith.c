// Single-precision arithmetic (soft-float on the Cortex-M3): IEEE 754 rounding of each
// operation, conversions, and accumulation order.
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "portable.h"

static uint32_t bits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

int main(void) {
  volatile float a = 1.0f / 3.0f, b = 2.5e-3f, c = 16777216.0f;
  printf("1/3 = %.9g (%08" PRIx32 ")\n", a, bits(a));
  printf("a+b %.9g a*b %.9g a/b %.9g a-b %.9g\n", a + b, a * b, a / b, a - b);
  printf("c+1 %.9g (rounded away), c+2 %.9g\n", c + 1.0f, c + 2.0f);
  float sum = 0;
  for (int i = 1; i <= 10000; ++i) sum += 1.0f / (float)i;
  printf("harmonic(10000) float: %.9g (%08" PRIx32 ")\n", sum, bits(sum));
  float reverse_sum = 0;
  for (int i = 10000; i >= 1; --i) reverse_sum += 1.0f / (float)i;
  printf("reverse order: %.9g (%08" PRIx32 ")\n", reverse_sum, bits(reverse_sum));
  volatile float big = 3.4e38f, tiny = 1.4e-45f;
  printf("overflow: %f, underflow to subnormal: %08" PRIx32 ", half of it: %08" PRIx32 "\n",
         big * 10.0f, bits(tiny), bits(tiny / 2.0f));
  volatile float negative = -7.75f;
  printf("to int: %d %d %u\n", (int)negative, (int)(negative * -1.0f), (unsigned)(2.9f));
  printf("from int: %.9g %.9g\n", (float)16777217, (float)-2147483647);
  printf("compare: %d %d %d\n", a<b, a> b, a == a);
  volatile float x = 2.0f;
  for (int i = 0; i < 6; ++i) x = x * x - 1.5f * x + 0.25f;
  printf("iteration: %.9g\n", x);
  return 0;
}
