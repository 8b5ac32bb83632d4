// A CPU-bound benchmark for scripts/bench: CRC-32, integer matrix multiply, sorting and
// string work, each repeated a fixed number of rounds. It prints one checksum (the same on
// every host and simulator: tests/conformance checks it against a native run) and exits.
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BENCH_ROUNDS
#define BENCH_ROUNDS 30
#endif

static uint32_t mix(uint32_t checksum, uint32_t value) {
  return (checksum ^ value) * 16777619u;  // FNV-1a step
}

static uint32_t crc_table[256];

static uint32_t crc32(const uint8_t* data, size_t length) {
  uint32_t crc = 0xFFFFFFFFu;
  while (length--) crc = crc_table[(crc ^ *data++) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

static uint32_t bench_crc(unsigned round) {
  static uint8_t buffer[16384];
  for (size_t i = 0; i < sizeof buffer; ++i) buffer[i] = (uint8_t)(i * 131 + round);
  return crc32(buffer, sizeof buffer);
}

enum { kMatrix = 32 };

static uint32_t bench_matrix(unsigned round) {
  static int32_t a[kMatrix][kMatrix], b[kMatrix][kMatrix], c[kMatrix][kMatrix];
  for (int i = 0; i < kMatrix; ++i) {
    for (int j = 0; j < kMatrix; ++j) {
      a[i][j] = (int32_t)((i * 7 + j * 3 + round) % 19) - 9;
      b[i][j] = (int32_t)((i * 5 + j * 11 + round) % 23) - 11;
    }
  }
  for (int i = 0; i < kMatrix; ++i) {
    for (int j = 0; j < kMatrix; ++j) {
      int32_t sum = 0;
      for (int k = 0; k < kMatrix; ++k) sum += a[i][k] * b[k][j];
      c[i][j] = sum;
    }
  }
  uint32_t checksum = 0;
  for (int i = 0; i < kMatrix; ++i) checksum = mix(checksum, (uint32_t)c[i][(i * 3) % kMatrix]);
  return checksum;
}

static int compare_int32(const void* x, const void* y) {
  const int32_t a = *(const int32_t*)x, b = *(const int32_t*)y;
  return (a > b) - (a < b);
}

static uint32_t bench_sort(unsigned round) {
  enum { kCount = 4000 };
  static int32_t values[kCount];
  uint32_t state = 1 + round;
  for (int i = 0; i < kCount; ++i) {
    state = state * 1664525u + 1013904223u;
    values[i] = (int32_t)(state >> 4);
  }
  qsort(values, kCount, sizeof values[0], compare_int32);
  return mix((uint32_t)values[0], (uint32_t)values[kCount / 2]) ^ (uint32_t)values[kCount - 1];
}

static uint32_t bench_strings(unsigned round) {
  static char text[4096];
  static const char* const words[] = {"anvil", "forge", "hammer", "tongs", "quench", "temper"};
  size_t length = 0;
  for (unsigned i = 0; length + 16 < sizeof text; ++i) {
    length += (size_t)snprintf(text + length, sizeof text - length, "%s%u ", words[(i + round) % 6],
                               i % 97);
  }
  uint32_t checksum = (uint32_t)strlen(text);
  for (const char* p = text; (p = strstr(p, "temper")) != NULL; ++p)
    checksum = mix(checksum, (uint32_t)(p - text));
  char copy[sizeof text];
  strcpy(copy, text);
  unsigned tokens = 0;
  for (char* t = strtok(copy, " "); t; t = strtok(NULL, " ")) tokens += (unsigned)strlen(t);
  return mix(checksum, tokens);
}

int main(void) {
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    crc_table[i] = c;
  }
  uint32_t checksum = 0;
  for (unsigned round = 0; round < BENCH_ROUNDS; ++round) {
    checksum = mix(checksum, bench_crc(round));
    checksum = mix(checksum, bench_matrix(round));
    checksum = mix(checksum, bench_sort(round));
    checksum = mix(checksum, bench_strings(round));
  }
  printf("bench: %d rounds, checksum %08" PRIx32 "\n", BENCH_ROUNDS, checksum);
  return 0;
}
