/* A hosted C program (glibc, static) for the user-mode smoke test: stdio with floating-point
   formatting, libm, qsort, malloc, string functions. Its output under qemu-arm, captured at
   build time, is the reference. Prints nothing that depends on the environment. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void* a, const void* b) {
  return *(const int*)a - *(const int*)b;
}

int main(int argc, char** argv) {
  printf("hello, argc=%d, argv[0] %s\n", argc, argv[0][0] ? "set" : "empty");
  double x = 0;
  for (int i = 1; i < 100; ++i) x += sin(i) * exp(-i / 50.0) / sqrt(i);
  printf("sum=%.15g pow=%.10e atan2=%.12f\n", x, pow(1.5, 40.3), atan2(-1.0, -3.0));
  int v[50];
  for (int i = 0; i < 50; ++i) v[i] = (i * 7919) % 101;
  qsort(v, 50, sizeof v[0], compare);
  char* s = malloc(200);
  snprintf(s, 200, "%d %d %d %x %lld", v[0], v[25], v[49], 0xdeadbeef, 1234567890123LL);
  puts(s);
  free(s);
  char buf[64];
  strcpy(buf, "strings");
  strcat(buf, "-concat");
  printf("%s %zu %s\n", buf, strlen(buf), strstr(buf, "con"));
  printf("%f %e %g %.3f\n", 3.14159, 1e-300 * 1e-10, 123456789.0, strtod("2.5e3", 0));
  long long big = 1;
  for (int i = 0; i < 40; ++i) big = big * 3 % 1000000007LL;
  printf("%lld %llu\n", big, 18446744073709551615ULL / 7);
  return 0;
}
