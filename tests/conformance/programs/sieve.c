// The sieve of Eratosthenes up to 200000: prime count, sum, the last primes, twin primes,
// and the gaps' histogram.
#include <stdio.h>
#include <string.h>

#include "portable.h"

enum { kLimit = 200000 };
static unsigned char composite[kLimit + 1];

int main(void) {
  memset(composite, 0, sizeof composite);
  composite[0] = composite[1] = 1;
  for (uint32_t i = 2; i * i <= kLimit; ++i) {
    if (composite[i]) continue;
    for (uint32_t j = i * i; j <= kLimit; j += i) composite[j] = 1;
  }
  uint32_t count = 0, twins = 0, previous = 0, gaps[16] = {0};
  uint64_t sum = 0;
  for (uint32_t i = 2; i <= kLimit; ++i) {
    if (composite[i]) continue;
    ++count;
    sum += i;
    if (previous) {
      const uint32_t gap = i - previous;
      if (gap == 2) ++twins;
      gaps[gap / 2 < 15 ? gap / 2 : 15]++;
    }
    previous = i;
  }
  printf("primes up to %d: %" PRIu32 ", sum %" PRIu64 ", twin pairs %" PRIu32 "\n", kLimit, count,
         sum, twins);
  printf("last primes:");
  int shown = 0;
  for (uint32_t i = kLimit; shown < 5; --i) {
    if (!composite[i]) {
      printf(" %" PRIu32, i);
      ++shown;
    }
  }
  printf("\ngap histogram (gap/2):");
  for (int i = 0; i < 16; ++i) printf(" %" PRIu32, gaps[i]);
  printf("\n");
  return 0;
}
