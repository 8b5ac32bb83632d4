/* Pure computations shared by the guest program (c_programs/smoke.c, built with
   arm-none-eabi-gcc) and the host test that checks its results (c_program_test.cpp). */
#ifndef ARM_TEST_WORKLOAD_H
#define ARM_TEST_WORKLOAD_H
#include <stdint.h>

static inline uint32_t workload_crc32(const uint8_t* p, int n) {
  uint32_t c = 0xFFFFFFFFu;
  for (int i = 0; i < n; ++i) {
    c ^= p[i];
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

static inline void workload_sort(int32_t* a, int n) {
  for (int i = 1; i < n; ++i) {
    int32_t v = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      --j;
    }
    a[j + 1] = v;
  }
}

/* Fills `out[0..5]`: a CRC, a sort, 64-bit and signed division, bit tricks. */
static inline void workload_run(uint32_t* out) {
  uint8_t buf[256];
  for (int i = 0; i < 256; ++i) buf[i] = (uint8_t)(i * 7 + 3);
  out[0] = workload_crc32(buf, 256);
  int32_t a[10] = {5, -3, 99, 0, 12, -50, 7, 7, 1000, 2};
  workload_sort(a, 10);
  out[1] = (uint32_t)a[0] ^ ((uint32_t)a[9] << 8);
  volatile uint64_t x = 0x123456789ull;
  out[2] = (uint32_t)(x * 3 / 7);
  volatile int32_t y = -1000;
  out[3] = (uint32_t)(y / 7) + (uint32_t)(y % 7);
  uint32_t bits = 0;
  for (uint32_t v = 0x80000001u; v != 0; v >>= 3) bits = bits * 31 + (v & 0xFF) + (uint32_t)(v >> 29);
  out[4] = bits;
  int64_t m = (int64_t)(int32_t)0x87654321 * 0x12345;
  out[5] = (uint32_t)(m >> 17);
}
#endif
