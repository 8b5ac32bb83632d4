// printf of integers, characters and strings with every common flag and width.
#include <stdint.h>
#include <stdio.h>
#include "portable.h"

int main(void) {
  static const int32_t values[] = {0, 7, -7, 255, -32768, 2147483647, -2147483647 - 1};
  for (unsigned i = 0; i < sizeof values / sizeof values[0]; ++i) {
    const int32_t v = values[i];
    printf("[%" PRId32 "] [%5" PRId32 "] [%-5" PRId32 "|] [%05" PRId32 "] [%+" PRId32 "] [% " PRId32
           "]\n",
           v, v, v, v, v, v);
    printf("[%" PRIx32 "] [%" PRIX32 "] [%#" PRIx32 "] [%" PRIo32 "] [%#" PRIo32 "] [%" PRIu32
           "] [%.8" PRIx32 "]\n",
           (uint32_t)v, (uint32_t)v, (uint32_t)v, (uint32_t)v, (uint32_t)v, (uint32_t)v,
           (uint32_t)v);
  }
  printf("[%c%c%c] [%5c] [%-3c|]\n", 'a', 'B', '0', 'x', 'y');
  printf("[%s] [%10s] [%-10s|] [%.3s] [%*s]\n", "anvil", "right", "left", "truncate", 6, "star");
  printf("[%hhd] [%hd] [%lld] [%llu]\n", (signed char)-3, (short)-1234, -1234567890123ll,
         18446744073709551615ull);
  printf("[%%]\n");
  char buffer[16];
  volatile size_t size = sizeof buffer;  // volatile: GCC warns about the intended truncation
  const int n = snprintf(buffer, size, "%s-%d-%s", "truncated", 12345, "output");
  printf("snprintf returned %d, kept \"%s\"\n", n, buffer);
  int count = 0;
  printf("count%n here\n", &count);
  printf("count was %d\n", count);
  return 0;
}
