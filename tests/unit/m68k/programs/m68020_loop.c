/* A CPU-bound loop for measuring guest MIPS (tests/unit/m68k/m68k_loop_bench.cpp), built
 * like m68020_checks.c. Exits with the low byte of a checksum. */
static volatile unsigned seed = 12345;

void _start(void) {
  unsigned a = seed, b = 0, data[64];
  for (unsigned i = 0; i < 64; ++i) data[i] = i * seed;
  for (unsigned round = 0; round < 400000; ++round) {
    for (unsigned i = 0; i < 16; ++i) {
      a = a * 1103515245u + 12345u;
      b += data[(a >> 8) & 63] ^ (a >> 16);
      data[i] += b;
    }
  }
  register long d0 __asm__("d0") = 1;
  register long d1 __asm__("d1") = (long)(b & 0xff);
  __asm__ volatile("trap #0" : : "d"(d0), "d"(d1));
  for (;;) {
  }
}
