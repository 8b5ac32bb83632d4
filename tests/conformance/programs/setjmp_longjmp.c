// setjmp/longjmp: non-local exits across several frames, values passed back, nested
// handlers, and volatile locals that keep their values.
#include <setjmp.h>
#include <stdio.h>

static jmp_buf outer, inner;
static int depth_reached;

// dive() never returns (every path ends in longjmp), which GCC reports as infinite recursion.
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static void dive(int depth, int limit) {
  depth_reached = depth;
  if (depth < limit) dive(depth + 1, limit);
  longjmp(outer, depth_reached * 10);
}

static int checked_divide(int a, int b, jmp_buf* on_error) {
  if (b == 0) longjmp(*on_error, 1);
  return a / b;
}

int main(void) {
  for (volatile int limit = 1; limit <= 4; ++limit) {
    const int value = setjmp(outer);
    if (value == 0) {
      dive(0, limit);
      printf("not reached\n");
    } else {
      printf("limit %d: longjmp returned %d, depth %d\n", limit, value, depth_reached);
    }
  }
  volatile int attempts = 0;
  volatile int total = 0;
  static const int divisors[] = {3, 0, 5, 0, 7};
  for (volatile int i = 0; i < 5; ++i) {
    if (setjmp(inner) == 0) {
      total += checked_divide(100, divisors[i], &inner);
    } else {
      printf("division %d failed\n", i);
    }
    ++attempts;
  }
  printf("attempts %d total %d\n", attempts, total);
  volatile int zero_becomes_one = setjmp(outer);
  if (zero_becomes_one == 0) longjmp(outer, 0);  // longjmp(…, 0) returns 1 (C11 7.13.2.1)
  printf("longjmp with 0 gives %d\n", zero_becomes_one);
  return 0;
}
