// malloc/calloc/realloc/free in a pseudo-random pattern; every block's contents are checked
// before it is freed, and calloc memory must be zero.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portable.h"

static uint32_t next(uint32_t* state) {
  return *state = *state * 1103515245u + 12345u;
}

int main(void) {
  enum { kSlots = 64 };
  unsigned char* blocks[kSlots] = {0};
  uint32_t sizes[kSlots] = {0};
  uint32_t state = 7, checksum = 0, errors = 0, allocations = 0;
  for (int round = 0; round < 4000; ++round) {
    const uint32_t slot = (next(&state) >> 8) % kSlots;
    if (blocks[slot]) {
      for (uint32_t i = 0; i < sizes[slot]; ++i) {
        if (blocks[slot][i] != (unsigned char)(slot + i)) ++errors;
        checksum += blocks[slot][i];
      }
      if ((next(&state) >> 9) % 3 == 0) {  // grow or shrink, keeping the common prefix
        const uint32_t size = 1 + (next(&state) >> 10) % 700;
        unsigned char* grown = realloc(blocks[slot], size);
        if (!grown) return 2;
        for (uint32_t i = sizes[slot]; i < size; ++i) grown[i] = (unsigned char)(slot + i);
        blocks[slot] = grown;
        sizes[slot] = size;
        continue;
      }
      free(blocks[slot]);
      blocks[slot] = NULL;
    } else {
      const uint32_t size = 1 + (next(&state) >> 10) % 1500;
      const int zeroed = (next(&state) >> 11) % 2;
      blocks[slot] = zeroed ? calloc(size, 1) : malloc(size);
      if (!blocks[slot]) return 2;
      if (zeroed) {
        for (uint32_t i = 0; i < size; ++i) errors += blocks[slot][i] != 0;
      }
      for (uint32_t i = 0; i < size; ++i) blocks[slot][i] = (unsigned char)(slot + i);
      sizes[slot] = size;
      ++allocations;
    }
  }
  for (int slot = 0; slot < kSlots; ++slot) free(blocks[slot]);
  char* text = malloc(4);
  strcpy(text, "abc");
  for (int i = 0; i < 10; ++i) {
    const size_t length = strlen(text);
    text = realloc(text, 2 * length + 1);
    memcpy(text + length, text, length);  // the halves must not overlap
    text[2 * length] = '\0';
  }
  printf("allocations %" PRIu32 ", checksum %" PRIu32 ", errors %" PRIu32 "\n", allocations,
         checksum, errors);
  printf("doubled string: length %u, tail %s\n", (unsigned)strlen(text), text + strlen(text) - 6);
  free(text);
  return errors ? 1 : 0;
}
