// <fenv.h>: the four rounding modes applied to division, rint and lrint, and the sticky
// exception flags (underflow, inexact, divide by zero). Needs hardware floating point: a
// soft-float C library (armel) has only round-to-nearest and no flags, so the conformance
// runner skips it there. Built with -frounding-math (CMakeLists.txt).
#include <fenv.h>
#include <math.h>
#include <stdio.h>

// volatile: GCC must not fold or rewrite (rint(-x) as -rint(x)) what depends on the mode.
static volatile double one = 1.0, three = 3.0, tiny = 1e-300, two_and_half = 2.5,
                       minus_two_and_half = -2.5, three_and_half = 3.5;

int main(void) {
  const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
  const char* names[] = {"nearest", "upward", "downward", "toward zero"};
  for (int m = 0; m < 4; ++m) {
    if (fesetround(modes[m]) != 0) {
      printf("%s: not supported\n", names[m]);
      continue;
    }
    printf("%s: 1/3 %a, -1/3 %a, rint(2.5) %a, rint(-2.5) %a, lrint(3.5) %ld\n", names[m],
           one / three, -one / three, rint(two_and_half), rint(minus_two_and_half),
           lrint(three_and_half));
  }
  fesetround(FE_TONEAREST);
  feclearexcept(FE_ALL_EXCEPT);
  volatile double underflow = tiny * tiny;
  (void)underflow;
  printf("underflow raised %d, inexact raised %d\n", fetestexcept(FE_UNDERFLOW) != 0,
         fetestexcept(FE_INEXACT) != 0);
  feclearexcept(FE_ALL_EXCEPT);
  volatile double divide = one / (one - 1);
  (void)divide;
  printf("divbyzero raised %d\n", fetestexcept(FE_DIVBYZERO) != 0);

  return 0;
}
