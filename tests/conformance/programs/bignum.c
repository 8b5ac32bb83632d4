// Arbitrary-precision unsigned arithmetic in base 10^9 limbs: 100!, 2^1000, Fibonacci(1000)
// and a long division, printed in full.
#include <stdio.h>
#include <string.h>

#include "portable.h"

enum { kLimbs = 400 };
#define BASE 1000000000u

struct big {
  uint32_t limb[kLimbs];  // least significant first
  int used;
};

static void set_small(struct big* b, uint32_t v) {
  memset(b, 0, sizeof *b);
  b->limb[0] = v % BASE;
  b->limb[1] = v / BASE;
  b->used = b->limb[1] ? 2 : 1;
}
static void multiply_small(struct big* b, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < b->used; ++i) {
    const uint64_t v = (uint64_t)b->limb[i] * m + carry;
    b->limb[i] = (uint32_t)(v % BASE);
    carry = v / BASE;
  }
  while (carry) {
    b->limb[b->used++] = (uint32_t)(carry % BASE);
    carry /= BASE;
  }
}
static void add(struct big* sum, const struct big* a, const struct big* b) {
  uint32_t carry = 0;
  const int n = a->used > b->used ? a->used : b->used;
  for (int i = 0; i < n; ++i) {
    const uint32_t v = (i < a->used ? a->limb[i] : 0) + (i < b->used ? b->limb[i] : 0) + carry;
    sum->limb[i] = v % BASE;
    carry = v / BASE;
  }
  sum->used = n;
  if (carry) sum->limb[sum->used++] = carry;
}
static uint32_t divide_small(struct big* b, uint32_t d) {  // returns the remainder
  uint64_t remainder = 0;
  for (int i = b->used - 1; i >= 0; --i) {
    const uint64_t v = remainder * BASE + b->limb[i];
    b->limb[i] = (uint32_t)(v / d);
    remainder = v % d;
  }
  while (b->used > 1 && b->limb[b->used - 1] == 0) --b->used;
  return (uint32_t)remainder;
}
static void print(const char* name, const struct big* b) {
  printf("%s = %" PRIu32, name, b->limb[b->used - 1]);
  for (int i = b->used - 2; i >= 0; --i) printf("%09" PRIu32, b->limb[i]);
  printf("\n");
}
static uint32_t digit_sum(const struct big* b) {
  uint32_t sum = 0;
  for (int i = 0; i < b->used; ++i) {
    for (uint32_t v = b->limb[i]; v; v /= 10) sum += v % 10;
  }
  return sum;
}

int main(void) {
  static struct big a, b, c;
  set_small(&a, 1);
  for (uint32_t i = 2; i <= 100; ++i) multiply_small(&a, i);
  print("100!", &a);
  printf("digit sum of 100! = %" PRIu32 "\n", digit_sum(&a));
  const uint32_t remainder = divide_small(&a, 1000003);
  print("100! / 1000003", &a);
  printf("remainder %" PRIu32 "\n", remainder);
  set_small(&a, 1);
  for (int i = 0; i < 1000; ++i) multiply_small(&a, 2);
  print("2^1000", &a);
  printf("digit sum of 2^1000 = %" PRIu32 "\n", digit_sum(&a));
  set_small(&a, 0);
  set_small(&b, 1);
  for (int i = 1; i < 1000; ++i) {
    add(&c, &a, &b);
    a = b;
    b = c;
  }
  print("fib(1000)", &b);
  return 0;
}
