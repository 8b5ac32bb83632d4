// Double-precision arithmetic (soft-float): every operation correctly rounded, so the bits
// must match the host's SSE2 results exactly.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "portable.h"

static uint64_t bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

int main(void) {
  volatile double a = 0.1, b = 0.2, c = 0.3;
  printf("0.1+0.2 = %.17g, == 0.3: %d\n", a + b, a + b == c);
  printf("bits %016" PRIx64 " %016" PRIx64 "\n", bits(a + b), bits(c));
  double pi = 0;  // Leibniz series: slow but exact in every step's rounding
  for (int k = 0; k < 200000; ++k) pi += (k % 2 ? -4.0 : 4.0) / (2.0 * k + 1.0);
  printf("leibniz pi: %.15f\n", pi);
  double e = 1, term = 1;
  for (int k = 1; k < 25; ++k) e += term /= k;
  printf("e: %.17g\n", e);
  volatile double huge = 1e308, small = 5e-324;
  printf("inf: %f %d, subnormal: %g, halved: %g\n", huge * 10, isinf(huge * 10), small, small / 2);
  volatile double zero = 0.0;
  const double not_a_number = zero / zero;
  printf("nan: isnan %d, equal to itself %d\n", isnan(not_a_number), not_a_number == not_a_number);
  printf("negative zero: %g, sign %d\n", -zero, signbit(-zero) != 0);
  volatile double x = -123456.789;
  printf("conversions: %d %" PRId64 " %.17g\n", (int)x, (int64_t)(x * 1e6), (double)(float)x);
  printf("int64 to double: %.17g\n", (double)(int64_t)9007199254740993ll);
  double newton = 1;
  for (int i = 0; i < 8; ++i) newton = 0.5 * (newton + 2.0 / newton);
  printf("sqrt(2) by Newton: %.17g, sqrt(): %.17g\n", newton, sqrt(2.0));
  double mixed = 0;
  for (int i = 1; i < 1000; ++i) mixed += (double)i / 7.0 - (double)(i % 13) * 1.25e-3;
  printf("mixed: %.17g %016" PRIx64 "\n", mixed, bits(mixed));
  return 0;
}
