/* A CPU-bound bare-metal workload (68000, MIPS32): CRC-32, a 16-bit matrix multiply, a heap sort
   and a sieve, repeated a fixed number of rounds and folded into one checksum. Only what a 68000
   does without libgcc (Debian's is built for the 68020): 32-bit add, shift and logic, and the 16 x
   16 -> 32-bit MULS.W; no 32-bit multiply or any divide. */
#include "workload.h"

#ifndef BENCH_ROUNDS
#define BENCH_ROUNDS 48
#endif

static uint32_t fold(uint32_t checksum, uint32_t value) {
  checksum ^= value;
  return (checksum << 5) | (checksum >> 27); /* rotate left 5 */
}

static uint32_t xorshift(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static uint32_t crc_table[256];

static void make_crc_table(void) {
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
}

static uint32_t bench_crc(unsigned round) {
  static uint8_t buffer[4096];
  for (unsigned i = 0; i < sizeof buffer; ++i) buffer[i] = (uint8_t)((i << 3) + i + round);
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned i = 0; i < sizeof buffer; ++i)
    crc = crc_table[(crc ^ buffer[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

enum { kMatrix = 16 };

static uint32_t bench_matrix(unsigned round) {
  static int16_t a[kMatrix][kMatrix], b[kMatrix][kMatrix];
  uint32_t state = 0x9E3779B9u + round;
  for (int i = 0; i < kMatrix; ++i) {
    for (int j = 0; j < kMatrix; ++j) {
      a[i][j] = (int16_t)((xorshift(&state) & 0xFF) - 128);
      b[i][j] = (int16_t)((xorshift(&state) & 0xFF) - 128);
    }
  }
  uint32_t checksum = 0;
  for (int i = 0; i < kMatrix; ++i) {
    for (int j = 0; j < kMatrix; ++j) {
      int32_t sum = 0;
      for (int k = 0; k < kMatrix; ++k) sum += (int32_t)a[i][k] * b[k][j]; /* MULS.W */
      checksum = fold(checksum, (uint32_t)sum);
    }
  }
  return checksum;
}

static void sift_down(int32_t *v, int root, int end) {
  while (2 * root + 1 <= end) {
    int child = 2 * root + 1;
    if (child < end && v[child] < v[child + 1]) ++child;
    if (v[root] >= v[child]) return;
    const int32_t t = v[root];
    v[root] = v[child];
    v[child] = t;
    root = child;
  }
}

static uint32_t bench_sort(unsigned round) {
  enum { kCount = 1024 };
  static int32_t values[kCount];
  uint32_t state = 12345u + round;
  for (int i = 0; i < kCount; ++i) values[i] = (int32_t)xorshift(&state);
  for (int start = kCount / 2 - 1; start >= 0; --start) sift_down(values, start, kCount - 1);
  for (int end = kCount - 1; end > 0; --end) {
    const int32_t t = values[0];
    values[0] = values[end];
    values[end] = t;
    sift_down(values, 0, end - 1);
  }
  uint32_t checksum = 0;
  for (int i = 0; i < kCount; i += 97) checksum = fold(checksum, (uint32_t)values[i]);
  return checksum;
}

static uint32_t bench_sieve(unsigned round) {
  enum { kLimit = 8192 };
  static uint8_t composite[kLimit];
  for (unsigned i = 0; i < kLimit; ++i) composite[i] = 0;
  uint32_t count = 0, last = 0;
  for (unsigned n = 2; n < kLimit - round; ++n) {
    if (composite[n]) continue;
    ++count;
    last = n;
    for (unsigned m = n + n; m < kLimit; m += n) composite[m] = 1;
  }
  return (count << 16) ^ last;
}

uint32_t bench_bare_checksum(void) {
  make_crc_table();
  uint32_t checksum = 0;
  for (unsigned round = 0; round < BENCH_ROUNDS; ++round) {
    checksum = fold(checksum, bench_crc(round));
    checksum = fold(checksum, bench_matrix(round));
    checksum = fold(checksum, bench_sort(round));
    checksum = fold(checksum, bench_sieve(round));
  }
  return checksum;
}
