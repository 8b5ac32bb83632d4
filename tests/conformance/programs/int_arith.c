// 32-bit integer arithmetic: wrap-around of unsigned values, limits, mixed signedness.
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include "portable.h"

static uint32_t lcg(uint32_t* state) {
  return *state = *state * 1664525u + 1013904223u;
}

int main(void) {
  volatile uint32_t a = 0xFFFFFFF0u, b = 0x20u;
  printf("wrap add: %" PRIu32 "\n", a + b);
  printf("wrap sub: %" PRIu32 "\n", b - a);
  printf("wrap mul: %" PRIu32 "\n", a * a);
  volatile int32_t min = INT32_MIN, max = INT32_MAX;
  printf("limits: %" PRId32 " %" PRId32 "\n", min, max);
  printf("neg of max: %" PRId32 ", min / -1 avoided, min %% 7 = %" PRId32 "\n", -max, min % 7);
  printf("signed to unsigned: %" PRIu32 "\n", (uint32_t)(int32_t)-5);
  printf("unsigned compare: %d, signed compare: %d\n", (uint32_t)-1 > 1u, -1 > 1);
  volatile int16_t s16 = -300;
  volatile uint8_t u8 = 250;
  printf("narrowing: %d %d %u\n", (int8_t)s16, (int16_t)(s16 * 200), (uint8_t)(u8 + 10));
  printf("promotion: %d\n", (int)(u8 * u8));
  uint32_t state = 1, sum = 0, product = 1, xor_all = 0;
  for (int i = 0; i < 100000; ++i) {
    const uint32_t v = lcg(&state);
    sum += v;
    product = product * (v | 1u);
    xor_all ^= v >> (i % 32);
  }
  printf("lcg: sum %08" PRIx32 " product %08" PRIx32 " xor %08" PRIx32 "\n", sum, product, xor_all);
  int32_t total = 0;
  for (int32_t i = -1000; i <= 1000; i += 3) total += i * i - 7 * i;
  printf("polynomial sum: %" PRId32 "\n", total);
  return 0;
}
