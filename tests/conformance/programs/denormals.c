// Subnormal (denormal) numbers: operands and results below the normal range, in single and
// double precision, as IEEE 754 defines them. Hardware that leaves them to software (the
// MIPS 24Kf raises Unimplemented Operation and Linux's FPU emulator finishes the job) must
// still print the exact results.
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "portable.h"

static uint32_t float_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}
static uint64_t double_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

int main(void) {
  volatile float smallest_normal = FLT_MIN, denormal = 1.4e-45f, one = 1.0f, third = 1.0f / 3;
  printf("float: min/2 %08" PRIx32 ", min/3 %08" PRIx32 ", denormal*3 %08" PRIx32 "\n",
         float_bits(smallest_normal / 2), float_bits(smallest_normal / 3),
         float_bits(denormal * 3));
  printf("float: 1+denormal %08" PRIx32 ", denormal+denormal %08" PRIx32 ", min*third %08" PRIx32
         "\n",
         float_bits(one + denormal), float_bits(denormal + denormal),
         float_bits(smallest_normal * third));
  printf("float: denormal/denormal %08" PRIx32 ", sqrt(denormal) %08" PRIx32
         ", -denormal %08" PRIx32 "\n",
         float_bits(denormal / denormal), float_bits(__builtin_sqrtf(denormal)),
         float_bits(-denormal));
  volatile double dmin = DBL_MIN, ddenormal = 4.9e-324, dthird = 1.0 / 3, tiny = 1e-40;
  printf("double: min/2 %016" PRIx64 ", min*third %016" PRIx64 ", denormal*5 %016" PRIx64 "\n",
         double_bits(dmin / 2), double_bits(dmin * dthird), double_bits(ddenormal * 5));
  printf("convert: 1e-40 to float %08" PRIx32 ", float denormal to double %016" PRIx64 "\n",
         float_bits((float)tiny), double_bits((double)denormal));
  volatile float accumulate = smallest_normal;
  for (int i = 0; i < 30; ++i) accumulate *= 0.75f;
  printf("gradual underflow: %08" PRIx32 " %.9g\n", float_bits(accumulate), (double)accumulate);
  printf("compare: %d %d\n", denormal > 0.0f, ddenormal < dmin);
  return 0;
}
