// <math.h>: functions whose results are exact (sqrt, floor, ceil, fmod, frexp, ldexp, modf,
// round, trunc, fabs, hypot of Pythagorean triples) printed in full, and transcendental ones
// (exp, log, sin, cos, atan2, pow) printed to 10 significant digits, since C libraries may
// differ in the last bit.
#include <math.h>
#include <stdio.h>

int main(void) {
  static const double values[] = {0.0, 0.5, 1.0, 2.0, 2.5, -2.5, 10.75, -0.3, 1e10, 123456.789};
  for (unsigned i = 0; i < sizeof values / sizeof values[0]; ++i) {
    const double v = values[i];
    int exponent;
    double integral;
    const double mantissa = frexp(v, &exponent);
    const double fraction = modf(v, &integral);
    printf(
        "%g: sqrt|v| %.17g floor %g ceil %g round %g trunc %g fmod3 %.17g frexp %.17g*2^%d "
        "modf %.17g+%g ldexp %g\n",
        v, sqrt(fabs(v)), floor(v), ceil(v), round(v), trunc(v), fmod(v, 3.0), mantissa, exponent,
        fraction, integral, ldexp(v, -3));
  }
  printf("hypot: %g %g\n", hypot(3, 4), hypot(5, 12));
  for (int i = -3; i <= 3; ++i) {
    const double x = i * 0.7;
    printf("x=%.1f exp %.10g sin %.10g cos %.10g atan2 %.10g\n", x, exp(x), sin(x), cos(x),
           atan2(x, 1.5));
  }
  for (int i = 1; i <= 5; ++i) {
    printf("log(%d) %.10g log10 %.10g pow(%d, 1.5) %.10g\n", i * 7, log(i * 7.0), log10(i * 7.0), i,
           pow(i, 1.5));
  }
  printf("sqrt(-1) is nan: %d, log(0) = %g\n", isnan(sqrt(-1.0)) != 0, log(0.0));
  float f = 2.0f;
  printf("sqrtf(2) %.9g floorf %.9g\n", sqrtf(f), floorf(-f / 3.0f));
  return 0;
}
