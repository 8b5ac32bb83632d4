// <math.h> beyond the basics: exactly rounded operations printed in hex (%a), which must
// match bit for bit (sqrt, fma, rounding functions, frexp/ldexp, remainder, nextafter,
// classification), and a few transcendentals printed with 10 significant digits (libm
// implementations may differ in the last bit). Rounding modes: fenv_rounding.c.
#include <float.h>
#include <math.h>
#include <stdio.h>

static volatile double one = 1.0;

int main(void) {
  const double values[] = {0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 1e-310, 123456.789, -7.25, 1e300};
  for (unsigned i = 0; i < sizeof values / sizeof values[0]; ++i) {
    const double x = values[i];
    int exponent;
    const double mantissa = frexp(x, &exponent);
    printf("%a: sqrt|x| %a round %a trunc %a floor %a ceil %a rint %a frexp %a,%d class %d\n",
           x, sqrt(fabs(x)), round(x), trunc(x), floor(x), ceil(x), rint(x), mantissa,
           exponent, fpclassify(x));
  }
  printf("fma(0x1p-60+1, 1-0x1p-60, -1) = %a\n", fma(1 + 0x1p-60, 1 - 0x1p-60, -1.0));
  printf("ldexp(1, -1074) = %a, ldexp(1, 1024) = %a\n", ldexp(1.0, -1074), ldexp(1.0, 1024));
  printf("remainder(10, 3) = %a, fmod(-10, 3) = %a\n", remainder(10.0, 3.0), fmod(-10.0, 3.0));
  printf("nextafter(1, 2) = %a, nextafter(0, -1) = %a\n", nextafter(1.0, 2.0), nextafter(0.0, -1.0));
  printf("copysign %a, hypot(3,4) %a, cbrt(27) %a\n", copysign(3.0, -0.0), hypot(3.0, 4.0),
         cbrt(27.0));
  printf("isnan(0/0) %d, isinf(1/0) %d, signbit(-0) %d\n", isnan(0.0 / (one - 1)) != 0,
         isinf(one / (one - 1)) != 0, signbit(-0.0) != 0);
  printf("float: sqrtf(2) %a, fmaf %a, nearbyintf(2.5) %a\n", (double)sqrtf(2.0f),
         (double)fmaf(1.1f, 1.1f, -1.21f), (double)nearbyintf(2.5f));

  printf("exp(1) %.10g log(10) %.10g sin(1) %.10g cos(1) %.10g tan(1) %.10g\n", exp(1.0),
         log(10.0), sin(1.0), cos(1.0), tan(1.0));
  printf("atan2(1,-1) %.10g pow(2,0.5) %.10g sinh(1) %.10g erf(0.5) %.10g lgamma(5.5) %.10g\n",
         atan2(1.0, -1.0), pow(2.0, 0.5), sinh(1.0), erf(0.5), lgamma(5.5));
  return 0;
}
