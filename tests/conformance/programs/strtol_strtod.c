// strtol/strtoul/strtoll/strtod: bases, prefixes, end pointers, overflow (ERANGE), atoi.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "portable.h"

int main(void) {
  static const struct {
    const char* text;
    int base;
  } integers[] = {{"12345", 10}, {"-0x7fFF", 16},  {"0x1A", 0}, {"0755", 0}, {"101101", 2},
                  {"zz", 36},    {"  +42abc", 10}, {"", 10},    {"-", 10},   {"9", 8}};
  // Left out: "0x" in base 16 (glibc consumes the "0", newlib nothing) and ERANGE for
  // subnormal results (implementation-defined, C11 7.22.1.3): libc differences, not the CPU's.
  for (unsigned i = 0; i < sizeof integers / sizeof integers[0]; ++i) {
    char* end;
    errno = 0;
    const long long v = strtoll(integers[i].text, &end, integers[i].base);
    printf("strtoll(\"%s\", %d) = %" PRId64 ", consumed %d, errno %d\n", integers[i].text,
           integers[i].base, (int64_t)v, (int)(end - integers[i].text), errno);
  }
  errno = 0;
  const long long too_big = strtoll("99999999999999999999", NULL, 10);
  printf("overflow: %" PRId64 " ERANGE=%d\n", (int64_t)too_big, errno == ERANGE);
  errno = 0;
  const unsigned long ul = strtoul("4294967295", NULL, 10);
  printf("strtoul max 32: %lu errno %d\n", ul, errno);
  errno = 0;
  const unsigned long long ull = strtoull("18446744073709551615", NULL, 10);
  printf("strtoull max: %" PRIu64 " errno %d\n", (uint64_t)ull, errno);
  printf("atoi: %d %d %d\n", atoi("  -123xyz"), atoi("2147483647"), atoi("abc"));
  static const char* const reals[] = {
      "3.14159",       "-2.5e-3", "1e308", "1e-300", "0x1.8p3", "  .5",
      "6.02214076e23", "123abc",  "inf",   "-0.0",   "0.1",     "2.2250738585072014e-308",
      "1e400"};
  for (unsigned i = 0; i < sizeof reals / sizeof reals[0]; ++i) {
    char* end;
    errno = 0;
    const double d = strtod(reals[i], &end);
    printf("strtod(\"%s\") = %.17g, consumed %d, ERANGE %d\n", reals[i], d, (int)(end - reals[i]),
           errno == ERANGE);
  }
  const float f = strtof("0.1", NULL);
  printf("strtof: %.9g\n", f);
  printf("atof: %.17g\n", atof("1.0000000000000002"));
  return 0;
}
