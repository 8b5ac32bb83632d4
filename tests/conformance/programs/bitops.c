// Bit operations: shifts, rotates, population count, leading/trailing zeros, bit reversal.
#include <stdint.h>
#include <stdio.h>
#include "portable.h"

static uint32_t rotl(uint32_t v, unsigned n) {
  return (v << (n & 31)) | (v >> ((32 - n) & 31));
}
static uint32_t reverse(uint32_t v) {
  uint32_t r = 0;
  for (int i = 0; i < 32; ++i, v >>= 1) r = (r << 1) | (v & 1);
  return r;
}
static int popcount_loop(uint32_t v) {
  int n = 0;
  for (; v; v &= v - 1) ++n;
  return n;
}

int main(void) {
  static const uint32_t samples[] = {0,           1,           0x80000000u, 0xFFFFFFFFu,
                                     0x12345678u, 0xF0F00F0Fu, 0x00010000u, 0xDEADBEEFu};
  for (unsigned i = 0; i < sizeof samples / sizeof samples[0]; ++i) {
    const uint32_t v = samples[i];
    printf("%08" PRIx32 ": pop %2d/%2d clz %2d ctz %2d rotl5 %08" PRIx32 " rev %08" PRIx32
           " bswap %08" PRIx32 "\n",
           v, __builtin_popcount(v), popcount_loop(v), v ? __builtin_clz(v) : 32,
           v ? __builtin_ctz(v) : 32, rotl(v, 5), reverse(v), __builtin_bswap32(v));
  }
  volatile int32_t negative = -123456;
  printf("arithmetic shift: %" PRId32 " %" PRId32 "\n", negative >> 4, negative >> 31);
  printf("logical shift: %08" PRIx32 "\n", (uint32_t)negative >> 4);
  printf("and/or/xor/not: %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "\n",
         samples[4] & samples[5], samples[4] | samples[5], samples[4] ^ samples[5], ~samples[4]);
  uint64_t wide = 0x8000000000000001ull;
  printf("64-bit: pop %d clz %d ctz %d\n", __builtin_popcountll(wide), __builtin_clzll(wide >> 3),
         __builtin_ctzll(wide << 5));
  uint32_t gray_check = 0;
  for (uint32_t i = 0; i < 4096; ++i) {
    const uint32_t gray = i ^ (i >> 1);
    uint32_t back = gray;
    for (uint32_t s = 1; s < 32; s <<= 1) back ^= back >> s;
    gray_check += (back == i) + popcount_loop(gray ^ ((i + 1) ^ ((i + 1) >> 1)));
  }
  printf("gray codes: %" PRIu32 "\n", gray_check);
  return 0;
}
