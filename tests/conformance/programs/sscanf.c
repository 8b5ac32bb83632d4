// sscanf: integers in several bases, floats, strings, character sets, %n and return counts.
#include <stdio.h>

#include "portable.h"

int main(void) {
  int a = 0, b = 0, c = 0, consumed = 0;
  int n = sscanf("  42 -17 0x1F rest", "%d %d %i%n", &a, &b, &c, &consumed);
  printf("ints: n=%d %d %d %d consumed=%d\n", n, a, b, c, consumed);
  unsigned hex = 0, octal = 0;
  n = sscanf("ff 755", "%x %o", &hex, &octal);
  printf("hex/octal: n=%d %u %u\n", n, hex, octal);
  double d = 0;
  float f = 0;
  n = sscanf("3.25e2 -0.125", "%lf %f", &d, &f);
  printf("floats: n=%d %.17g %.9g\n", n, d, f);
  char word[16], rest[32];
  n = sscanf("name=anvil; version 1.2.3", "name=%15[^;]; %31[^\n]", word, rest);
  printf("sets: n=%d [%s] [%s]\n", n, word, rest);
  int major = 0, minor = 0, patch = 0;
  n = sscanf(rest, "version %d.%d.%d", &major, &minor, &patch);
  printf("version: n=%d %d.%d.%d\n", n, major, minor, patch);
  n = sscanf("abc", "%d", &a);
  printf("mismatch: n=%d\n", n);
  n = sscanf("", "%d", &a);
  printf("empty: n=%d (EOF is %d)\n", n, EOF);
  int64_t big = 0;
  n = sscanf("-9000000000000", "%" SCNd64, &big);
  printf("int64: n=%d %" PRId64 "\n", n, big);
  char c1 = 0, c2 = 0;
  n = sscanf("x y", "%c %c", &c1, &c2);
  printf("chars: n=%d %c%c\n", n, c1, c2);
  int day, month, year;
  n = sscanf("2024-02-29", "%4d-%2d-%2d", &year, &month, &day);
  printf("date: n=%d %02d/%02d/%04d\n", n, day, month, year);
  return 0;
}
