// Checksums with published check values (the CRC catalogue's "123456789" test vector):
// CRC-32, CRC-32C, CRC-16/CCITT-FALSE, Adler-32 and FNV-1a. Exits with 0 when all match.
#include <stdio.h>
#include <string.h>

#include "portable.h"

static uint32_t crc32_table[256];

static void make_crc32_table(uint32_t polynomial) {
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ polynomial : c >> 1;
    crc32_table[i] = c;
  }
}
static uint32_t crc32_with_table(const void* data, size_t n) {
  const unsigned char* p = data;
  uint32_t c = 0xFFFFFFFFu;
  while (n--) c = crc32_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
  return ~c;
}
static uint16_t crc16_ccitt(const void* data, size_t n) {
  const unsigned char* p = data;
  uint16_t c = 0xFFFF;
  while (n--) {
    c ^= (uint16_t)(*p++ << 8);
    for (int k = 0; k < 8; ++k)
      c = (c & 0x8000) ? (uint16_t)((c << 1) ^ 0x1021) : (uint16_t)(c << 1);
  }
  return c;
}
static uint32_t adler32(const void* data, size_t n) {
  const unsigned char* p = data;
  uint32_t a = 1, b = 0;
  while (n--) {
    a = (a + *p++) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}
static uint32_t fnv1a(const void* data, size_t n) {
  const unsigned char* p = data;
  uint32_t h = 2166136261u;
  while (n--) h = (h ^ *p++) * 16777619u;
  return h;
}

static int failures;
static void expect(const char* name, uint32_t got, uint32_t want) {
  printf("%-10s %08" PRIx32 " %s\n", name, got, got == want ? "ok" : "WRONG");
  failures += got != want;
}

int main(void) {
  const char* check = "123456789";
  const size_t n = strlen(check);
  make_crc32_table(0xEDB88320u);
  expect("crc32", crc32_with_table(check, n), 0xCBF43926u);
  make_crc32_table(0x82F63B78u);
  expect("crc32c", crc32_with_table(check, n), 0xE3069283u);
  expect("crc16", crc16_ccitt(check, n), 0x29B1u);
  expect("adler32", adler32("Wikipedia", 9), 0x11E60398u);
  expect("fnv1a", fnv1a("", 0), 0x811C9DC5u);
  static unsigned char block[8192];
  for (size_t i = 0; i < sizeof block; ++i) block[i] = (unsigned char)(i * i + (i >> 5));
  make_crc32_table(0xEDB88320u);
  printf("block: crc32 %08" PRIx32 " adler %08" PRIx32 " fnv %08" PRIx32 " crc16 %04x\n",
         crc32_with_table(block, sizeof block), adler32(block, sizeof block),
         fnv1a(block, sizeof block), crc16_ccitt(block, sizeof block));
  return failures;
}
