/* Ordinary C, compiled by gcc -m68020 -O2 (with libgcc for 64-bit division): sorting,
 * hashing, string handling, 64-bit arithmetic, structures with bit fields, recursion,
 * function pointers and switch tables. Anvil's output must equal qemu-m68k's. */
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long i64;

#include "m68k_linux_io.h"

static void put_u64(const char* name, u64 v) {
  put(name);
  put(" ");
  put_hex(v, 16);
  put("\n");
}

static volatile u32 seed = 0x1234567;
static u32 rng(void) {
  seed = seed * 1664525u + 1013904223u;
  return seed;
}

static void sort(int* a, int n, int (*less)(int, int)) { /* insertion + shell */
  for (int gap = n / 2; gap > 0; gap /= 2)
    for (int i = gap; i < n; ++i) {
      int v = a[i], j = i;
      while (j >= gap && less(v, a[j - gap])) {
        a[j] = a[j - gap];
        j -= gap;
      }
      a[j] = v;
    }
}
static int less_signed(int x, int y) { return x < y; }
static int less_unsigned(int x, int y) { return (u32)x < (u32)y; }

static u32 crc32(const unsigned char* p, unsigned n) {
  u32 crc = 0xffffffffu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
  }
  return ~crc;
}

static unsigned string_length(const char* s) {
  const char* p = s;
  while (*p) ++p;
  return (unsigned)(p - s);
}
static void reverse(char* s) {
  for (unsigned i = 0, j = string_length(s); i + 1 < j; ++i, --j) {
    char t = s[i];
    s[i] = s[j - 1];
    s[j - 1] = t;
  }
}
static void to_decimal(i64 v, char* buf) {
  u64 u = v < 0 ? (u64)-v : (u64)v;
  unsigned n = 0;
  do {
    buf[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) buf[n++] = '-';
  buf[n] = 0;
  reverse(buf);
}

struct record {
  unsigned kind : 3;
  signed delta : 7;
  unsigned flags : 6;
  unsigned short count;
  signed char small;
  int value;
};

static int ackermann(int m, int n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static u32 dispatch(u32 op, u32 a, u32 b) {
  switch (op % 9) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return b ? a / b : 0;
    case 4: return b ? a % b : 0;
    case 5: return a << (b & 31);
    case 6: return (u32)((int)a >> (b & 31));
    case 7: return a ^ ~b;
    default: return (a & 0xff00ff00) | (b & 0x00ff00ff);
  }
}

void _start(void) {
  int data[200];
  for (int i = 0; i < 200; ++i) data[i] = (int)rng();
  sort(data, 200, less_signed);
  put_u64("sort.signed", crc32((const unsigned char*)data, sizeof data));
  sort(data, 200, less_unsigned);
  put_u64("sort.unsigned", crc32((const unsigned char*)data, sizeof data));

  u64 acc = 0x9e3779b97f4a7c15ULL;
  i64 sacc = -123456789012345LL;
  for (int i = 0; i < 300; ++i) {
    u64 d = ((u64)rng() << 32 | rng()) >> (rng() % 48);
    if (d == 0) d = 7;
    acc = acc * 6364136223846793005ULL + 1442695040888963407ULL;
    acc ^= acc / d;
    sacc = sacc / ((i64)(rng() % 1000) - 500 ? (i64)(rng() % 1000) - 500 : 3) + (i64)acc % 1000003;
  }
  put_u64("u64.math", acc);
  put_u64("i64.math", (u64)sacc);

  char buf[32];
  to_decimal(-9223372036854775807LL, buf);
  put(buf);
  put("\n");
  to_decimal((i64)acc, buf);
  put(buf);
  put("\n");

  struct record records[40];
  for (int i = 0; i < 40; ++i) {
    records[i].kind = rng();
    records[i].delta = (int)rng();
    records[i].flags = rng();
    records[i].count = (unsigned short)rng();
    records[i].small = (signed char)rng();
    records[i].value = (int)rng();
  }
  i64 total = 0;
  for (int i = 0; i < 40; ++i)
    total += records[i].kind * 1000 + records[i].delta * records[i].small + records[i].flags -
             records[i].count + records[i].value / (records[i].delta | 1);
  put_u64("records", (u64)total);

  put_u64("ackermann", (u64)ackermann(2, 300) << 16 | (u64)ackermann(3, 4));

  u32 x = 1;
  for (u32 i = 0; i < 2000; ++i) x = dispatch(rng(), x, rng() | 1) + i;
  put_u64("dispatch", x);

  unsigned char bytes[256];
  for (int i = 0; i < 256; ++i) bytes[i] = (unsigned char)(i * 7 + 3);
  put_u64("crc", crc32(bytes, 256));

  finish();
}
