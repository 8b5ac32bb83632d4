/* System calls and output for the freestanding m68k test programs: the Linux m68k ABI
 * (TRAP #0, the number in d0, arguments in d1-d3, the result in d0). Output collects in a
 * buffer that finish() writes to stdout before exiting with status 0. */
#ifndef M68K_LINUX_IO_H
#define M68K_LINUX_IO_H

static long sys3(long n, long a, long b, long c) {
  register long d0 __asm__("d0") = n;
  register long d1 __asm__("d1") = a;
  register long d2 __asm__("d2") = b;
  register long d3 __asm__("d3") = c;
  __asm__ volatile("trap #0" : "+d"(d0) : "d"(d1), "d"(d2), "d"(d3) : "memory");
  return d0;
}

static char output[8192];
static unsigned output_used;

static void put(const char* s) {
  while (*s) output[output_used++] = *s++;
}

/* The low `digits` hex digits of v. */
static void put_hex(unsigned long long v, int digits) {
  for (int i = digits - 1; i >= 0; --i)
    output[output_used++] = "0123456789abcdef"[(v >> (4 * i)) & 15];
}

static void finish(void) {
  sys3(4, 1, (long)output, output_used); /* write */
  sys3(1, 0, 0, 0);                      /* exit */
  for (;;) {
  }
}

#endif
