/* bench-bare on the host: the checksum the 68000 and MIPS runs must print (scripts/bench). */
#include <inttypes.h>
#include <stdio.h>

#include "workload.h"

int main(void) {
  printf("bench-bare checksum 0x%08" PRIx32 "\n", bench_bare_checksum());
  return 0;
}
