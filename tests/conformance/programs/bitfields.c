// Bit-fields: packing, sign extension of signed fields, wrap-around on overflow, and the
// same layout on both sides (little-endian, allocated from the least significant bit).
#include <stdio.h>
#include <string.h>

#include "portable.h"

struct packed_flags {
  uint32_t ready : 1;
  uint32_t mode : 3;
  int32_t offset : 6;
  uint32_t count : 10;
  uint32_t tag : 12;
};

struct header {
  uint16_t version : 4;
  uint16_t length : 12;
  uint8_t kind : 2;
  uint8_t priority : 6;
};

int main(void) {
  struct packed_flags f;
  memset(&f, 0, sizeof f);
  f.ready = 1;
  f.mode = 5;
  f.offset = -17;
  f.count = 1000;
  f.tag = 0xABC;
  uint32_t raw;
  memcpy(&raw, &f, sizeof raw);
  printf("size %u raw %08" PRIx32 "\n", (unsigned)sizeof f, raw);
  printf("fields: %u %u %d %u %x\n", (unsigned)f.ready, (unsigned)f.mode, (int)f.offset,
         (unsigned)f.count, (unsigned)f.tag);
  f.mode += 4;               // 5 + 4 wraps to 1 in 3 bits
  f.count += 30;             // 1030 wraps to 6 in 10 bits
  f.offset = f.offset - 20;  // -37 does not fit in 6 bits: wraps (GCC documents modulo)
  printf("wrapped: %u %u %d\n", (unsigned)f.mode, (unsigned)f.count, (int)f.offset);
  for (int v = -32; v < 32; v += 9) {
    f.offset = v;
    printf("%d->%d ", v, (int)f.offset);
  }
  printf("\n");
  struct header h = {.version = 3, .length = 4095, .kind = 2, .priority = 45};
  unsigned char bytes[sizeof h];
  memcpy(bytes, &h, sizeof h);
  printf("header size %u bytes:", (unsigned)sizeof h);
  for (unsigned i = 0; i < sizeof h; ++i) printf(" %02x", bytes[i]);
  printf("\n");
  uint32_t checksum = 0;
  for (uint32_t i = 0; i < 5000; ++i) {
    f.tag = i * 7;
    f.count = i;
    f.offset = (int32_t)(i % 64) - 32;
    memcpy(&raw, &f, sizeof raw);
    checksum = checksum * 31 + raw;
  }
  printf("checksum %08" PRIx32 "\n", checksum);
  return 0;
}
