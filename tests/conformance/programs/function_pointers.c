// Function pointers: tables of operations, callbacks, functions returning functions, and an
// array of handlers indexed by data.
#include <stdio.h>

#include "portable.h"

typedef int32_t (*binary_op)(int32_t, int32_t);

static int32_t add(int32_t a, int32_t b) {
  return a + b;
}
static int32_t subtract(int32_t a, int32_t b) {
  return a - b;
}
static int32_t multiply(int32_t a, int32_t b) {
  return a * b;
}
static int32_t divide(int32_t a, int32_t b) {
  return b ? a / b : 0;
}
static int32_t maximum(int32_t a, int32_t b) {
  return a > b ? a : b;
}

static const struct {
  char symbol;
  binary_op apply;
} kOperations[] = {{'+', add}, {'-', subtract}, {'*', multiply}, {'/', divide}, {'M', maximum}};

static binary_op lookup(char symbol) {
  for (unsigned i = 0; i < sizeof kOperations / sizeof kOperations[0]; ++i) {
    if (kOperations[i].symbol == symbol) return kOperations[i].apply;
  }
  return NULL;
}

static int32_t fold(const int32_t* values, int count, binary_op op, int32_t start) {
  for (int i = 0; i < count; ++i) start = op(start, values[i]);
  return start;
}

static void for_each(int32_t* values, int count, void (*visit)(int32_t*, void*), void* context) {
  for (int i = 0; i < count; ++i) visit(&values[i], context);
}
static void square_it(int32_t* v, void* context) {
  (void)context;
  *v *= *v;
}
static void accumulate(int32_t* v, void* context) {
  *(int64_t*)context += *v;
}

int main(void) {
  const int32_t values[] = {3, -7, 12, 5, -2, 9};
  for (unsigned i = 0; i < sizeof kOperations / sizeof kOperations[0]; ++i) {
    printf("fold %c: %" PRId32 "\n", kOperations[i].symbol,
           fold(values, 6, kOperations[i].apply, kOperations[i].symbol == '*' ? 1 : 0));
  }
  const char* program = "+3*4-5/2M9";  // applied left to right to 10
  int32_t accumulator = 10;
  for (const char* p = program; p[0] && p[1]; p += 2) {
    accumulator = lookup(p[0])(accumulator, p[1] - '0');
    printf("%c%c -> %" PRId32 "\n", p[0], p[1], accumulator);
  }
  printf("unknown: %s\n", lookup('?') ? "found" : "null");
  int32_t copy[6];
  for (int i = 0; i < 6; ++i) copy[i] = values[i];
  for_each(copy, 6, square_it, NULL);
  int64_t total = 0;
  for_each(copy, 6, accumulate, &total);
  printf("sum of squares: %" PRId64 "\n", total);
  binary_op chain[200];
  for (int i = 0; i < 200; ++i) chain[i] = kOperations[(i * 7) % 5].apply;
  int32_t x = 1;
  for (int i = 0; i < 200; ++i) x = chain[i](x, i % 11 + 1) & 0xFFFF;
  printf("chain: %" PRId32 "\n", x);
  return 0;
}
