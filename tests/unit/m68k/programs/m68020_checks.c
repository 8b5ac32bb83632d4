/* A 68020 integer-ISA self-check, run on Anvil's 68020 and on qemu-m68k -cpu m68020: both
 * must print the same lines. Built with m68k-linux-gnu-gcc -m68020 -O2 -nostdlib -static;
 * gcc itself emits MULS.L/DIVSL.L, scaled-index modes, EXTB.L, bit fields, CAS and
 * Bcc.L; the rest is inline assembly. Every line is "name value [ccr]" in hex. */
typedef unsigned int u32;
typedef unsigned long long u64;

#include "m68k_linux_io.h"

static void line(const char* name, u32 value, u32 ccr) {
  put(name);
  put(" ");
  put_hex(value, 8);
  put(" ");
  put_hex(ccr, 8);
  put("\n");
}

static u32 ccr_now(void) {
  u32 v;
  __asm__ volatile("move.w %%ccr,%0" : "=d"(v));
  return v & 0x1f;
}

/* Volatile inputs so gcc cannot fold the arithmetic. */
static volatile u32 seeds[8] = {0x12345678, 0xfedcba98, 7, 0x80000000, 0xffffffff, 3, 100, 0x0f0f};
static volatile u64 wide = 0x0123456789abcdefULL;

struct packed {
  unsigned a : 3, b : 13, c : 7, d : 9;
};
static volatile struct packed fields = {5, 0x1abc, 0x55, 0x123};

static int table[16];
u32 check_array[8] = {10, 20, 30, 40, 50, 60, 70, 80};
u32* check_pointers[2] = {check_array, check_array + 4};

__attribute__((noinline)) static u32 switch_on(u32 k) {
  switch (k) { /* a jump table: (d8,PC,Xn*scale) */
    case 0: return 11;
    case 1: return 22;
    case 2: return 33;
    case 3: return 44;
    case 4: return 55;
    case 5: return 66;
    default: return 99;
  }
}

void _start(void) {
  u32 x = seeds[0], y = seeds[1], z = seeds[2];
  u32 r, c;

  /* MULU.L / MULS.L, 32 and 64-bit products */
  __asm__ volatile("mulu.l %2,%0\n\tmove.w %%ccr,%1" : "=d"(r), "=d"(c) : "d"(y), "0"(x));
  line("mulu.l", r, c & 0x1f);
  {
    u32 hi, lo = x;
    __asm__ volatile("mulu.l %3,%1:%0\n\tmove.w %%ccr,%2" : "+d"(lo), "=d"(hi), "=d"(c) : "d"(y));
    line("mulu.q.hi", hi, c & 0x1f);
    line("mulu.q.lo", lo, 0);
    lo = x;
    __asm__ volatile("muls.l %3,%1:%0\n\tmove.w %%ccr,%2" : "+d"(lo), "=d"(hi), "=d"(c) : "d"(y));
    line("muls.q.hi", hi, c & 0x1f);
    line("muls.q.lo", lo, 0);
  }
  /* DIVU.L / DIVS.L / DIVUL / DIVSL */
  {
    u32 q = y, rem;
    __asm__ volatile("divul.l %3,%1:%0\n\tmove.w %%ccr,%2" : "+d"(q), "=d"(rem), "=d"(c) : "d"(z));
    line("divul.q", q, c & 0x1f);
    line("divul.r", rem, 0);
    q = y;
    __asm__ volatile("divsl.l %3,%1:%0\n\tmove.w %%ccr,%2" : "+d"(q), "=d"(rem), "=d"(c) : "d"(z));
    line("divsl.q", q, c & 0x1f);
    line("divsl.r", rem, 0);
    u32 hi = 5, lo = x;
    __asm__ volatile("divu.l %3,%1:%0\n\tmove.w %%ccr,%2" : "+d"(lo), "+d"(hi), "=d"(c) : "d"(y));
    line("divu.64.q", lo, c & 0x1f);
    line("divu.64.r", hi, 0);
    hi = 0xffffffff, lo = (u32)-1000000;
    __asm__ volatile("divs.l %3,%1:%0\n\tmove.w %%ccr,%2" : "+d"(lo), "+d"(hi), "=d"(c) : "d"(z));
    line("divs.64.q", lo, c & 0x1f);
    line("divs.64.r", hi, 0);
    q = x;
    __asm__ volatile("divu.l %2,%0\n\tmove.w %%ccr,%1" : "+d"(q), "=d"(c) : "d"(z));
    line("divu.l", q, c & 0x1f);
  }
  /* C arithmetic as gcc compiles it for the 68020 */
  line("c.mul64", (u32)((wide * seeds[5]) >> 32), (u32)(wide * seeds[5]));
  line("c.div", (u32)((int)seeds[1] / (int)seeds[2]), (u32)((int)seeds[1] % (int)seeds[2]));
  line("c.udiv", seeds[0] / seeds[6], seeds[0] % seeds[6]);
  /* EXTB.L */
  __asm__ volatile("extb.l %0\n\tmove.w %%ccr,%1" : "=d"(r), "=d"(c) : "0"(0x1234abf0));
  line("extb.l", r, c & 0x1f);
  /* Bit fields, register and memory */
  __asm__ volatile("bfextu %2{#4:#12},%0\n\tmove.w %%ccr,%1" : "=d"(r), "=d"(c) : "d"(x));
  line("bfextu.reg", r, c & 0x1f);
  __asm__ volatile("bfexts %2{#28:#8},%0\n\tmove.w %%ccr,%1" : "=d"(r), "=d"(c) : "d"(y));
  line("bfexts.wrap", r, c & 0x1f);
  r = x;
  __asm__ volatile("bfins %2,%0{#6:#10}\n\tmove.w %%ccr,%1" : "+d"(r), "=d"(c) : "d"(y));
  line("bfins.reg", r, c & 0x1f);
  r = x;
  __asm__ volatile("bfchg %0{#30:#5}\n\tmove.w %%ccr,%1" : "+d"(r), "=d"(c));
  line("bfchg.reg", r, c & 0x1f);
  __asm__ volatile("bfffo %2{#3:#20},%0\n\tmove.w %%ccr,%1" : "=d"(r), "=d"(c) : "d"(0x00001000));
  line("bfffo", r, c & 0x1f);
  {
    static unsigned char bytes[8] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
    u32 off = 13;
    __asm__ volatile("bfextu (%2){%3:#27},%0\n\tmove.w %%ccr,%1"
                     : "=d"(r), "=d"(c)
                     : "a"(bytes), "d"(off));
    line("bfextu.mem", r, c & 0x1f);
    off = (u32)-3;
    __asm__ volatile("bfset 2(%1){%2:#9}\n\tmove.w %%ccr,%0" : "=d"(c) : "a"(bytes), "d"(off) : "memory");
    line("bfset.mem", ((u32)bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3], c & 0x1f);
    __asm__ volatile("bfclr (%1){#7:#12}\n\tmove.w %%ccr,%0" : "=d"(c) : "a"(bytes + 4) : "memory");
    line("bfclr.mem", ((u32)bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7], c & 0x1f);
  }
  line("c.bitfield", fields.b, fields.d);
  /* CAS and CAS2 */
  {
    static u32 word = 0x11111111, word2 = 0x22222222;
    u32 cmp = 0x11111111, upd = 0x33333333;
    __asm__ volatile("cas.l %0,%2,(%3)\n\tmove.w %%ccr,%1"
                     : "+d"(cmp), "=d"(c)
                     : "d"(upd), "a"(&word)
                     : "memory");
    line("cas.hit", word, c & 0x1f);
    cmp = 0x11111111;
    __asm__ volatile("cas.l %0,%2,(%3)\n\tmove.w %%ccr,%1"
                     : "+d"(cmp), "=d"(c)
                     : "d"(upd), "a"(&word)
                     : "memory");
    line("cas.miss", cmp, c & 0x1f);
    u32 c1 = 0x33333333, c2 = 0x22222222, u1 = 0x44444444, u2 = 0x55555555;
    __asm__ volatile("cas2.l %0:%1,%3:%4,(%5):(%6)\n\tmove.w %%ccr,%2"
                     : "+d"(c1), "+d"(c2), "=d"(c)
                     : "d"(u1), "d"(u2), "r"(&word), "r"(&word2)
                     : "memory");
    line("cas2", word ^ word2, c & 0x1f);
    int counter = 5;
    __atomic_fetch_add(&counter, 3, __ATOMIC_SEQ_CST);
    line("c.atomic", (u32)counter, 0);
  }
  /* CMP2/CHK2: qemu-m68k 7.2 treats them as illegal; m68020_test.cpp checks them. */
  /* PACK/UNPK: qemu-m68k 7.2 gets them wrong (UNPK of $59 gives 0); m68020_test.cpp
   * checks them against the PRM. */
  /* Scaled index, memory indirect, full extension words */
  {
    u32* array = check_array;
    u32** pointers = check_pointers;
    u32 i = 3;
    __asm__ volatile("move.l (%1,%2.l*4),%0" : "=d"(r) : "a"(array), "d"(i));
    line("index*4", r, 0);
    __asm__ volatile("move.l ([%1],%2.l*4,8),%0" : "=d"(r) : "a"(pointers), "d"(1));
    line("postindexed", r, 0);
    __asm__ volatile("move.l ([4,%1,%2.l*2],4),%0" : "=d"(r) : "a"(pointers), "d"(0));
    line("preindexed", r, 0);
    __asm__ volatile("move.l ([%1]),%0" : "=d"(r) : "a"(pointers));
    line("indirect", r, 0);
    __asm__ volatile("lea (0x12345,%1,%2.w*8),%0" : "=a"(r) : "a"(array), "d"(-2));
    line("bd.long", r - (u32)array, 0);
    __asm__ volatile("move.l ([check_pointers+4:l,%%za0]),%0" : "=d"(r));
    line("za0.abs", r, 0);
  }
  /* TST An / TST #, CMPI (d16,PC) */
  {
    u32 an = 0;
    __asm__ volatile("tst.l %1\n\tmove.w %%ccr,%0" : "=d"(c) : "a"(an));
    line("tst.an", an, c & 0x1f);
  }
  /* C code: arrays, switch, loops */
  for (int i = 0; i < 16; ++i) table[i] = i * i * (int)seeds[2] - (int)seeds[6];
  u32 sum = 0;
  for (int i = 0; i < 16; ++i) sum = sum * 31 + (u32)table[i] + switch_on((u32)i % 8);
  line("c.loop", sum, 0);
  (void)ccr_now;

  finish();
}
