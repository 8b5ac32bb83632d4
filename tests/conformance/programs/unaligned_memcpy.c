// Unaligned data through memcpy (the only portable way): 16-, 32- and 64-bit values at every
// offset of a byte buffer, little-endian decoding by hand, and copies that overlap nothing.
#include <stdio.h>
#include <string.h>

#include "portable.h"

static uint32_t load32(const unsigned char* p) {
  uint32_t v;
  memcpy(&v, p, sizeof v);
  return v;
}
static uint32_t decode_le32(const unsigned char* p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int main(void) {
  unsigned char bytes[64];
  for (int i = 0; i < 64; ++i) bytes[i] = (unsigned char)(i * 37 + 11);
  uint32_t mismatches = 0;
  for (int offset = 0; offset < 8; ++offset) {
    uint16_t h;
    uint64_t d;
    memcpy(&h, bytes + offset, sizeof h);
    memcpy(&d, bytes + offset, sizeof d);
    const uint32_t w = load32(bytes + offset);
    mismatches += w != decode_le32(bytes + offset);
    printf("offset %d: %04x %08" PRIx32 " %016" PRIx64 "\n", offset, h, w, d);
  }
  for (int offset = 1; offset < 8; ++offset) {  // unaligned stores
    const uint32_t value = 0xA1B2C3D4u + (uint32_t)offset;
    memcpy(bytes + 16 + offset * 5, &value, sizeof value);
  }
  for (int i = 16; i < 56; ++i) printf("%02x", bytes[i]);
  printf("\n");
  unsigned char destination[80];
  uint32_t sum = 0;
  for (int from = 0; from < 7; ++from) {
    for (int to = 0; to < 7; ++to) {
      for (int length = 0; length < 33; length += 4) {
        memset(destination, 0xEE, sizeof destination);
        memcpy(destination + to, bytes + from, (size_t)length);
        for (int i = 0; i < 48; ++i) sum = sum * 33 + destination[i];
      }
    }
  }
  printf("copy checksum %08" PRIx32 ", mismatches %" PRIu32 "\n", sum, mismatches);
  return 0;
}
