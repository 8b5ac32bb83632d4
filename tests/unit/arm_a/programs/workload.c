/* A freestanding Linux program (no libc) that exercises the integer, DSP and floating-point
   instructions gcc emits, and prints every result in hex through the write system call.
   Built for several targets (ARM/Thumb-2, hard/soft float) and run under qemu-arm at build
   time; the unit test runs the same ELF on Anvil and compares the output byte for byte. */
#include <stdint.h>
#if defined(__ARM_FEATURE_DSP) || defined(__ARM_FEATURE_SIMD32) || defined(__ARM_FEATURE_QBIT)
#include <arm_acle.h>
#endif

static long syscall3(long number, long a, long b, long c) {
  register long r0 __asm__("r0") = a;
  register long r1 __asm__("r1") = b;
  register long r2 __asm__("r2") = c;
  register long r7 __asm__("r7") = number;
  __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
  return r0;
}

static char buffer[4096];
static unsigned used;

static void flush(void) {
  syscall3(4, 1, (long)buffer, used);
  used = 0;
}

static void put(char c) {
  if (used == sizeof buffer) flush();
  buffer[used++] = c;
}

static void hex(const char* label, uint32_t v) {
  while (*label) put(*label++);
  put('=');
  for (int i = 28; i >= 0; i -= 4) put("0123456789abcdef"[(v >> i) & 0xF]);
  put('\n');
}

static void hex64(const char* label, uint64_t v) {
  hex(label, (uint32_t)(v >> 32));
  hex(label, (uint32_t)v);
}

/* gcc may call these even with -nostdlib; libgcc's division by zero calls raise(). */
int raise(int sig) {
  syscall3(1, 128 + sig, 0, 0);
  return 0;
}
void* memset(void* d, int c, unsigned n) {
  unsigned char* p = d;
  while (n--) *p++ = (unsigned char)c;
  return d;
}
void* memcpy(void* d, const void* s, unsigned n) {
  unsigned char* p = d;
  const unsigned char* q = s;
  while (n--) *p++ = *q++;
  return d;
}

static volatile uint32_t seeds[8] = {0x12345678u, 0x9abcdef0u, 0x80000000u, 0x7fffffffu,
                                     0xffffffffu, 1u,          0xdeadbeefu, 0x00ff00ffu};

static uint32_t crc32(const uint8_t* p, unsigned n) {
  uint32_t crc = 0xffffffffu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
  }
  return ~crc;
}

static void integers(void) {
  for (int i = 0; i < 8; ++i) {
    const uint32_t a = seeds[i], b = seeds[(i + 3) & 7];
    const int32_t sa = (int32_t)a, sb = (int32_t)b;
    hex("add", a + b);
    hex("sub", a - b);
    hex("mul", a * b);
    hex64("umull", (uint64_t)a * b);
    hex64("smull", (int64_t)sa * sb);
    hex64("smlal", (int64_t)sa * sb + (int64_t)a);
    if (b) hex("udiv", a / b);
    if (b && !(sa == INT32_MIN && sb == -1)) hex("sdiv", (uint32_t)(sa / sb));
    if (b) hex("umod", a % b);
    hex("shl", a << (b & 31));
    hex("lsr", a >> (b & 31));
    hex("asr", (uint32_t)(sa >> (b & 31)));
    hex("ror", (a >> (b & 31)) | (a << ((32 - (b & 31)) & 31)));
    hex("clz", a ? (uint32_t)__builtin_clz(a) : 32);
    hex("rev", __builtin_bswap32(a));
    hex("rev16", (uint32_t)__builtin_bswap16((uint16_t)a));
    hex("sxtb", (uint32_t)(int32_t)(int8_t)a);
    hex("sxth", (uint32_t)(int32_t)(int16_t)a);
    hex("ubfx", (a >> 5) & 0x3ff);
    hex("sbfx", (uint32_t)(((int32_t)(a << 7)) >> 20));
    hex("bfi", (a & ~0x0ff0u) | ((b << 4) & 0x0ff0u));
    hex("lt", (uint32_t)(sa < sb) | (uint32_t)(a < b) << 1 | (uint32_t)(sa <= sb) << 2);
    hex("min", sa < sb ? a : b);
    hex64("add64", ((uint64_t)a << 32 | b) + ((uint64_t)b << 32 | a));
    hex64("mul64", ((uint64_t)a << 32 | b) * ((uint64_t)b << 32 | a));
    if (b) hex64("div64", ((uint64_t)a << 32 | b) / b);
  }
}

#if defined(__ARM_FEATURE_SIMD32)
static void media(void) {
  for (int i = 0; i < 8; ++i) {
    const uint32_t a = seeds[i], b = seeds[(i + 5) & 7];
    hex("sadd16", (uint32_t)__sadd16((int16x2_t)a, (int16x2_t)b));
    hex("uadd8", (uint32_t)__uadd8((uint8x4_t)a, (uint8x4_t)b));
    hex("sel", (uint32_t)__sel((uint8x4_t)a, (uint8x4_t)b));
    hex("qsub8", (uint32_t)__qsub8((int8x4_t)a, (int8x4_t)b));
    hex("uhadd16", (uint32_t)__uhadd16((uint16x2_t)a, (uint16x2_t)b));
    hex("usad8", __usad8((uint8x4_t)a, (uint8x4_t)b));
    hex("smuad", (uint32_t)__smuad((int16x2_t)a, (int16x2_t)b));
    hex("ssat", (uint32_t)__ssat((int32_t)a, 12));
    hex("usat", __usat((int32_t)a, 9));
    hex("qadd", (uint32_t)__qadd((int32_t)a, (int32_t)b));
    hex("smlabb", (uint32_t)__smlabb((int32_t)a, (int32_t)b, 7));
    hex("sxtab16", (uint32_t)__sxtab16((int16x2_t)a, (int8x4_t)b));
    hex64("smlald", (uint64_t)__smlald((int16x2_t)a, (int16x2_t)b, 5));
  }
}
#endif

#if defined(__ARM_FP)
static void floats(void) {
  volatile float fs[6] = {1.5f, -2.25f, 3.0e38f, 1.0e-40f, 0.1f, -0.0f};
  volatile double ds[6] = {1.5, -2.25, 1.0e308, 4.9e-324, 0.1, 1.0 / 3.0};
  for (int i = 0; i < 6; ++i) {
    const float a = fs[i], b = fs[(i + 1) % 6];
    const double x = ds[i], y = ds[(i + 2) % 6];
    union { float f; uint32_t u; } f;
    union { double d; uint64_t u; } d;
    f.f = a + b; hex("fadd", f.u);
    f.f = a * b; hex("fmul", f.u);
    f.f = a / (b == 0 ? 3.0f : b); hex("fdiv", f.u);
    f.f = a * b + fs[(i + 2) % 6]; hex("fmla", f.u);
    d.d = x + y; hex64("dadd", d.u);
    d.d = x * y; hex64("dmul", d.u);
    d.d = x / y; hex64("ddiv", d.u);
    d.d = __builtin_sqrt(x < 0 ? -x : x); hex64("dsqrt", d.u);
    d.d = (double)a; hex64("f2d", d.u);
    f.f = (float)x; hex("d2f", f.u);
    hex("d2i", (uint32_t)(int32_t)(x > 2e9 || x < -2e9 ? 7 : x));
    hex("f2u", (uint32_t)(a < 0 || a > 4e9f ? 9u : (uint32_t)a));
    d.d = (double)(int32_t)seeds[i]; hex64("i2d", d.u);
    f.f = (float)seeds[i]; hex("u2f", f.u);
    hex("fcmp", (uint32_t)(a < b) | (uint32_t)(a == b) << 1 | (uint32_t)(x > y) << 2 |
                    (uint32_t)(x <= y) << 3);
  }
}
#endif

static void memory(void) {
  static uint8_t bytes[256];
  for (unsigned i = 0; i < sizeof bytes; ++i) bytes[i] = (uint8_t)(i * 37 + 11);
  hex("crc", crc32(bytes, sizeof bytes));
  uint32_t sorted[16];
  for (int i = 0; i < 16; ++i) sorted[i] = seeds[i & 7] * (uint32_t)(i + 1);
  for (int i = 1; i < 16; ++i)
    for (int j = i; j > 0 && sorted[j - 1] > sorted[j]; --j) {
      const uint32_t t = sorted[j];
      sorted[j] = sorted[j - 1];
      sorted[j - 1] = t;
    }
  for (int i = 0; i < 16; ++i) hex("sort", sorted[i]);
  volatile uint16_t* h = (volatile uint16_t*)(bytes + 1);  /* unaligned halfword */
  hex("ldrh", *h);
  volatile int8_t* sb = (volatile int8_t*)(bytes + 200);
  hex("ldrsb", (uint32_t)(int32_t)*sb);
  static int counter;
  hex("atomic", (uint32_t)__sync_add_and_fetch(&counter, 5));
  hex("cas", (uint32_t)__sync_val_compare_and_swap(&counter, 5, 9));
  hex("counter", (uint32_t)counter);
}

void __attribute__((noreturn, used)) program_main(void) {
  integers();
#if defined(__ARM_FEATURE_SIMD32)
  media();
#endif
#if defined(__ARM_FP)
  floats();
#endif
  memory();
  flush();
  syscall3(1, 0, 0, 0); /* exit(0) */
  for (;;) {}
}

/* The entry point: the stack pointer is the kernel's (or the test's). */
__asm__(".global _start\n_start:\n bl program_main\n");
