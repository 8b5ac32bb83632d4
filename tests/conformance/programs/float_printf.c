// printf of floating point: %f, %e, %g with widths, precisions and flags. Both C libraries
// convert exactly (correctly rounded), so the text must match.
#include <stdio.h>

int main(void) {
  static const double values[] = {0.0,   1.0,     -1.5,      3.14159265358979, 1234567.891,
                                  1e-5,  6.02e23, -2.5e-300, 0.000123456,      99999.95,
                                  0.125, 2.675,   1e21};
  for (unsigned i = 0; i < sizeof values / sizeof values[0]; ++i) {
    const double v = values[i];
    printf("[%f] [%.2f] [%10.3f] [%-12.1f] [%+.0f]\n", v, v, v, v, v);
    printf("[%e] [%.3e] [%12.2E] [%g] [%.10g] [%#g] [%G]\n", v, v, v, v, v, v, v);
  }
  float f = 1.1f;
  printf("float promoted: %.10f %g\n", f, f);
  printf("rounding: %.1f %.1f %.2f %.0f %.0f\n", 0.25, 0.35, 1.005, 2.5, 3.5);
  printf("width star: [%*.*f]\n", 12, 4, 2.0 / 3.0);
  return 0;
}
