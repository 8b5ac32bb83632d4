// Variable arguments: int, long long and double mixed (AAPCS aligns 64-bit values to even
// registers and 8-byte stack slots), va_copy, and a vsnprintf wrapper.
#include <stdarg.h>
#include <stdio.h>

#include "portable.h"

static int32_t sum_ints(int count, ...) {
  va_list args;
  va_start(args, count);
  int32_t total = 0;
  for (int i = 0; i < count; ++i) total += va_arg(args, int32_t);
  va_end(args);
  return total;
}

// Format letters: i = int, l = long long, d = double, s = string.
static void mixed(const char* format, ...) {
  va_list args, again;
  va_start(args, format);
  va_copy(again, args);
  for (const char* f = format; *f; ++f) {
    switch (*f) {
      case 'i':
        printf("int %d; ", va_arg(args, int));
        break;
      case 'l':
        printf("long long %" PRId64 "; ", (int64_t)va_arg(args, long long));
        break;
      case 'd':
        printf("double %.6g; ", va_arg(args, double));
        break;
      case 's':
        printf("string %s; ", va_arg(args, const char*));
        break;
    }
  }
  printf("\n");
  double total = 0;  // the copy walks the same arguments again
  for (const char* f = format; *f; ++f) {
    switch (*f) {
      case 'i':
        total += va_arg(again, int);
        break;
      case 'l':
        total += (double)va_arg(again, long long);
        break;
      case 'd':
        total += va_arg(again, double);
        break;
      case 's':
        total += (double)(*va_arg(again, const char*));
        break;
    }
  }
  printf("  total %.6f\n", total);
  va_end(again);
  va_end(args);
}

static char* format_into(char* buffer, size_t size, const char* format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(buffer, size, format, args);
  va_end(args);
  return buffer;
}

int main(void) {
  printf("sum: %" PRId32 " %" PRId32 " %" PRId32 "\n", sum_ints(0), sum_ints(3, 1, 2, 3),
         sum_ints(10, -1, -2, -3, -4, -5, 100, 200, 300, 400, 500));
  mixed("idls", 7, 2.5, -1234567890123ll, "text");
  mixed("lilidid", 1ll, 2, 3ll, 4, 5.5, 6, 7.25);
  mixed("dddddddddi", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10);
  char buffer[64];
  printf("%s\n", format_into(buffer, sizeof buffer, "[%05d|%-6s|%.3f|%c]", 42, "ab", 3.14159, 'z'));
  printf("%s\n", format_into(buffer, 10, "%s", "cut to nine characters"));
  return 0;
}
