// Division and modulo with negative operands at every width: C truncates toward zero, and
// the remainder takes the dividend's sign (C11 6.5.5). Cortex-M3 has SDIV/UDIV for 32 bits.
#include <stdint.h>
#include <stdio.h>
#include "portable.h"

int main(void) {
  static const int32_t values[] = {-2147483647 - 1, -1000, -7, -3, -1, 0, 1, 3, 7, 1000,
                                   2147483647};
  static const int32_t divisors[] = {-1000, -7, -2, -1, 1, 2, 3, 7, 1000};
  for (unsigned i = 0; i < sizeof values / sizeof values[0]; ++i) {
    printf("%11" PRId32 ":", values[i]);
    for (unsigned j = 0; j < sizeof divisors / sizeof divisors[0]; ++j) {
      volatile int32_t v = values[i], d = divisors[j];
      if (v == -2147483647 - 1 && d == -1) continue;  // overflow: undefined
      printf(" %" PRId32 "/%" PRId32 "", v / d, v % d);
    }
    printf("\n");
  }
  volatile int8_t a8 = -128, b8 = 3;
  volatile int16_t a16 = -32768, b16 = -7;
  volatile int64_t a64 = -9223372036854775807ll, b64 = 10;
  printf("int8: %d %d\n", a8 / b8, a8 % b8);
  printf("int16: %d %d\n", a16 / b16, a16 % b16);
  printf("int64: %" PRId64 " %" PRId64 "\n", a64 / b64, a64 % b64);
  volatile uint32_t u = 0xFFFFFFFFu, ud = 0x10001u;
  printf("unsigned: %" PRIu32 " %" PRIu32 "\n", u / ud, u % ud);
  int32_t check = 0;
  for (int32_t v = -500; v <= 500; ++v) {
    for (int32_t d = -13; d <= 13; ++d) {
      if (d == 0) continue;
      volatile int32_t vv = v, dd = d;
      if ((vv / dd) * dd + vv % dd != vv) ++check;
      check += (vv / dd) ^ (vv % dd);
    }
  }
  printf("identity check: %" PRId32 "\n", check);
  return 0;
}
