/* Operand sweep for the 68020 integer instructions, run on Anvil and on qemu-m68k: for each
 * instruction form, pseudo-random operands (and the edge values) go through the instruction
 * and its result and condition codes are folded into a checksum, printed per form. Flags
 * the PRM leaves undefined are masked out where named. Built like m68020_checks.c. */
typedef unsigned int u32;

#include "m68k_linux_io.h"

static u32 state = 0x2545F491;
static u32 next(void) { /* xorshift32 */
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}
static const u32 edges[] = {0,       1,      2,      0x7f,       0x80,       0xff,
                            0x7fff,  0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
                            0x10000, 31,     32,     33,         63,         64};
static u32 operand(unsigned i) {
  const u32 n = sizeof edges / sizeof edges[0];
  if (i < n) return edges[i];
  const u32 r = next();
  switch (r & 3) { /* small and large values both */
    case 0:
      return r >> 24;
    case 1:
      return r >> 16;
    default:
      return next();
  }
}

/* A byte of two valid BCD digits: results for other bytes are not defined by the PRM. */
static u32 bcd(u32 v) {
  return ((((v >> 4) & 15) % 10) << 4) | ((v & 15) % 10);
}

static u32 sum;
static void mix(u32 v) {
  sum = (sum ^ v) * 0x01000193u + 0x9e3779b9u;
}
static void report(const char* name) {
  put(name);
  put(" ");
  put_hex(sum, 8);
  put("\n");
}

#define ROUNDS 600

/* Binary register-register forms: "op %src,%dst", flags read after. X in from `x`. */
#define BINARY(name, insn, ccr_mask)                                                \
  do {                                                                              \
    sum = 0;                                                                        \
    for (unsigned i = 0; i < ROUNDS; ++i) {                                         \
      u32 s = operand(i), d = operand(i + 7), c = (i & 1) ? 0x10 : 0, x = i & 0x1f; \
      __asm__ volatile("move.w %3,%%ccr\n\t" insn " %2,%0\n\tmove.w %%ccr,%1"       \
                       : "+d"(d), "=d"(c)                                           \
                       : "d"(s), "d"(x));                                           \
      mix(d);                                                                       \
      mix(c&(ccr_mask));                                                            \
    }                                                                               \
    report(name);                                                                   \
  } while (0)

/* Unary forms on a data register. */
#define UNARY(name, insn, ccr_mask)                                        \
  do {                                                                     \
    sum = 0;                                                               \
    for (unsigned i = 0; i < ROUNDS; ++i) {                                \
      u32 d = operand(i), c, x = i & 0x1f;                                 \
      __asm__ volatile("move.w %2,%%ccr\n\t" insn " %0\n\tmove.w %%ccr,%1" \
                       : "+d"(d), "=d"(c)                                  \
                       : "d"(x));                                          \
      mix(d);                                                              \
      mix(c&(ccr_mask));                                                   \
    }                                                                      \
    report(name);                                                          \
  } while (0)

/* Bit-field forms with random offset/width in registers: "insn %d{%off:%width}". */
#define FIELD_READ(name, insn)                                                           \
  do {                                                                                   \
    sum = 0;                                                                             \
    for (unsigned i = 0; i < ROUNDS; ++i) {                                              \
      u32 d = operand(i), off = next() % 40, width = next() % 33, r = operand(i + 3), c; \
      __asm__ volatile(insn " %2{%3:%4},%0\n\tmove.w %%ccr,%1"                           \
                       : "+d"(r), "=d"(c)                                                \
                       : "d"(d), "d"(off), "d"(width));                                  \
      mix(r);                                                                            \
      mix(c & 0x1f);                                                                     \
    }                                                                                    \
    report(name);                                                                        \
  } while (0)

#define FIELD_WRITE(name, insn)                                      \
  do {                                                               \
    sum = 0;                                                         \
    for (unsigned i = 0; i < ROUNDS; ++i) {                          \
      u32 d = operand(i), off = next() % 40, width = next() % 33, c; \
      __asm__ volatile(insn " %0{%2:%3}\n\tmove.w %%ccr,%1"          \
                       : "+d"(d), "=d"(c)                            \
                       : "d"(off), "d"(width));                      \
      mix(d);                                                        \
      mix(c & 0x1f);                                                 \
    }                                                                \
    report(name);                                                    \
  } while (0)

static unsigned char memory_field[16];

void _start(void) {
  BINARY("add.b", "add.b", 0x1f);
  BINARY("add.w", "add.w", 0x1f);
  BINARY("add.l", "add.l", 0x1f);
  BINARY("sub.b", "sub.b", 0x1f);
  BINARY("sub.l", "sub.l", 0x1f);
  BINARY("addx.b", "addx.b", 0x1f);
  BINARY("addx.l", "addx.l", 0x1f);
  BINARY("subx.w", "subx.w", 0x1f);
  BINARY("subx.l", "subx.l", 0x1f);
  BINARY("cmp.b", "cmp.b", 0x1f);
  BINARY("cmp.l", "cmp.l", 0x1f);
  BINARY("and.l", "and.l", 0x1f);
  BINARY("or.w", "or.w", 0x1f);
  BINARY("eor.l", "eor.l", 0x1f);
  BINARY("mulu.w", "mulu.w", 0x1f);
  BINARY("muls.w", "muls.w", 0x1f);
  BINARY("mulu.l", "mulu.l", 0x1f);
  BINARY("muls.l", "muls.l", 0x1f);
  BINARY("asl.b", "asl.b", 0x1f);
  BINARY("asl.l", "asl.l", 0x1f);
  BINARY("asr.w", "asr.w", 0x1f);
  BINARY("asr.l", "asr.l", 0x1f);
  BINARY("lsl.l", "lsl.l", 0x1f);
  BINARY("lsr.b", "lsr.b", 0x1f);
  BINARY("lsr.l", "lsr.l", 0x1f);
  BINARY("rol.w", "rol.w", 0x1f);
  BINARY("ror.l", "ror.l", 0x1f);
  BINARY("roxl.b", "roxl.b", 0x1f);
  BINARY("roxl.l", "roxl.l", 0x1f);
  BINARY("roxr.w", "roxr.w", 0x1f);
  BINARY("roxr.l", "roxr.l", 0x1f);
  BINARY("btst", "btst", 0x1f);
  BINARY("bchg", "bchg", 0x1f);
  BINARY("bset", "bset", 0x1f);
  BINARY("bclr", "bclr", 0x1f);
  /* ABCD/SBCD/NBCD on valid BCD bytes; N and V are undefined (PRM 4-3). */
  sum = 0;
  for (unsigned i = 0; i < ROUNDS; ++i) {
    u32 s = bcd(operand(i)), d = bcd(operand(i + 7)), e = bcd(operand(i + 3)), c,
        x = (i & 0x1f) | 4;
    __asm__ volatile("move.w %3,%%ccr\n\tabcd %2,%0\n\tmove.w %%ccr,%1"
                     : "+d"(d), "=d"(c)
                     : "d"(s), "d"(x));
    mix(d);
    mix(c & 0x15);
    __asm__ volatile("move.w %3,%%ccr\n\tsbcd %2,%0\n\tmove.w %%ccr,%1"
                     : "+d"(e), "=d"(c)
                     : "d"(s), "d"(x));
    mix(e);
    mix(c & 0x15);
    __asm__ volatile("move.w %2,%%ccr\n\tnbcd %0\n\tmove.w %%ccr,%1" : "+d"(s), "=d"(c) : "d"(x));
    mix(s);
    mix(c & 0x15);
  }
  report("bcd");
  UNARY("neg.b", "neg.b", 0x1f);
  UNARY("neg.l", "neg.l", 0x1f);
  UNARY("negx.w", "negx.w", 0x1f);
  UNARY("negx.l", "negx.l", 0x1f);
  UNARY("not.l", "not.l", 0x1f);
  UNARY("ext.w", "ext.w", 0x1f);
  UNARY("ext.l", "ext.l", 0x1f);
  UNARY("extb.l", "extb.l", 0x1f);
  UNARY("swap", "swap", 0x1f);
  UNARY("tst.b", "tst.b", 0x1f);
  FIELD_READ("bfextu", "bfextu");
  FIELD_READ("bfexts", "bfexts");
  FIELD_READ("bfffo", "bfffo");
  FIELD_WRITE("bfchg", "bfchg");
  FIELD_WRITE("bfset", "bfset");
  FIELD_WRITE("bfclr", "bfclr");
  FIELD_WRITE("bftst", "bftst");
  /* BTST/BCHG/BCLR/BSET with an immediate bit number (modulo 32 on a data register) and
   * the bit-field instructions with an immediate offset and width, on data registers. */
  sum = 0;
  for (unsigned i = 0; i < ROUNDS; ++i) {
    u32 d = operand(i), e = operand(i + 3), r = 0, c;
    __asm__ volatile("btst #5,%0\n\tmove.w %%ccr,%1" : "+d"(d), "=d"(c));
    mix(c & 0x1f);
    __asm__ volatile("bchg #37,%0\n\tmove.w %%ccr,%1" : "+d"(d), "=d"(c));
    mix(d);
    mix(c & 0x1f);
    __asm__ volatile("bclr #31,%0\n\tmove.w %%ccr,%1" : "+d"(d), "=d"(c));
    mix(d);
    mix(c & 0x1f);
    __asm__ volatile("bset #16,%0\n\tmove.w %%ccr,%1" : "+d"(d), "=d"(c));
    mix(d);
    mix(c & 0x1f);
    __asm__ volatile("bfextu %2{27:3},%0\n\tmove.w %%ccr,%1" : "+d"(r), "=d"(c) : "d"(e));
    mix(r);
    mix(c & 0x1f);
    __asm__ volatile("bfexts %2{4:12},%0\n\tmove.w %%ccr,%1" : "+d"(r), "=d"(c) : "d"(e));
    mix(r);
    mix(c & 0x1f);
    __asm__ volatile("bfffo %2{20:32},%0\n\tmove.w %%ccr,%1" : "+d"(r), "=d"(c) : "d"(e));
    mix(r);
    mix(c & 0x1f);
    __asm__ volatile("bftst %1{30:2}\n\tmove.w %%ccr,%0" : "=d"(c) : "d"(e));
    mix(c & 0x1f);
    __asm__ volatile("bfchg %0{28:8}\n\tmove.w %%ccr,%1" : "+d"(e), "=d"(c));
    mix(e);
    mix(c & 0x1f);
    __asm__ volatile("bfclr %0{0:5}\n\tmove.w %%ccr,%1" : "+d"(e), "=d"(c));
    mix(e);
    mix(c & 0x1f);
    __asm__ volatile("bfset %0{9:1}\n\tmove.w %%ccr,%1" : "+d"(e), "=d"(c));
    mix(e);
    mix(c & 0x1f);
    __asm__ volatile("bfins %2,%0{3:7}\n\tmove.w %%ccr,%1" : "+d"(e), "=d"(c) : "d"(d));
    mix(e);
    mix(c & 0x1f);
  }
  report("bits.immediate");
  /* BFINS into a register, and the memory forms with negative and large offsets. */
  sum = 0;
  for (unsigned i = 0; i < ROUNDS; ++i) {
    u32 d = operand(i), s = operand(i + 5), off = next() % 40, width = next() % 33, c;
    __asm__ volatile("bfins %2,%0{%3:%4}\n\tmove.w %%ccr,%1"
                     : "+d"(d), "=d"(c)
                     : "d"(s), "d"(off), "d"(width));
    mix(d);
    mix(c & 0x1f);
  }
  report("bfins");
  sum = 0;
  for (unsigned i = 0; i < ROUNDS; ++i) {
    for (unsigned b = 0; b < 16; ++b) memory_field[b] = (unsigned char)next();
    u32 off = (next() % 64) - 32, width = next() % 33, s = operand(i), r, c;
    __asm__ volatile("bfextu 8(%2){%3:%4},%0\n\tmove.w %%ccr,%1"
                     : "=d"(r), "=d"(c)
                     : "a"(memory_field), "d"(off), "d"(width)
                     : "memory");
    mix(r);
    mix(c & 0x1f);
    __asm__ volatile("bfins %1,8(%2){%3:%4}\n\tmove.w %%ccr,%0"
                     : "=d"(c)
                     : "d"(s), "a"(memory_field), "d"(off), "d"(width)
                     : "memory");
    mix(c & 0x1f);
    for (unsigned b = 0; b < 16; ++b) mix(memory_field[b]);
  }
  report("bf.memory");
  /* The indexed modes compilers use for tables (PRM 2.2.8, 2.2.11-12): a 32-bit base
   * displacement from An or with the base suppressed, and the PC-relative brief and full
   * formats (a switch's table of words and its jump), read, written and as an address. */
  sum = 0;
  for (unsigned i = 0; i < ROUNDS; ++i) {
    for (unsigned b = 0; b < 16; ++b) memory_field[b] = (unsigned char)next();
    u32 k = next() & 3, r = operand(i), c;
    unsigned char* base = memory_field - 0x12340;
    unsigned char* address;
    __asm__ volatile("move.b 0x12340(%2,%3.l),%0\n\tmove.w %%ccr,%1"
                     : "+d"(r), "=d"(c)
                     : "a"(base), "d"(k)
                     : "memory");
    mix(r);
    mix(c & 0x1f);
    __asm__ volatile("add.w 0x12340(%2,%3.w*2),%0\n\tmove.w %%ccr,%1"
                     : "+d"(r), "=d"(c)
                     : "a"(base), "d"(k)
                     : "memory");
    mix(r);
    mix(c & 0x1f);
    __asm__ volatile("move.l %1,0x12340(%0,%2.l*4)" : : "a"(base), "d"(r), "d"(k) : "memory");
    __asm__ volatile("lea 0x12340(%1,%2.l*2),%0" : "=a"(address) : "a"(base), "d"(k));
    mix((u32)(address - memory_field));
    __asm__ volatile("move.w (memory_field,%2.l*2),%0\n\tmove.w %%ccr,%1"
                     : "+d"(r), "=d"(c)
                     : "d"(k)
                     : "memory");
    mix(r);
    mix(c & 0x1f);
    __asm__ volatile(
        "move.w (1f,%%pc,%2.l*2),%0\n\tmove.w %%ccr,%1\n\tbra.s 2f\n"
        "1:\t.word 0x1234,0x8000,0x7fff,0xfffe\n2:"
        : "+d"(r), "=d"(c)
        : "d"(k));
    mix(r);
    mix(c & 0x1f);
    __asm__ volatile(
        "move.l (1f,%%pc,%1.w*4),%0\n\tbra.w 2f\n\t.skip 200\n"
        "1:\t.long 0x12345678,0x80000000,0x7fffffff,0\n2:"
        : "=d"(r)
        : "d"(k));
    mix(r);
    __asm__ volatile(
        "jmp (1f,%%pc,%1.l*2)\n1:\tbra.s 10f\n\tbra.s 11f\n\tbra.s 12f\n\tbra.s 13f\n"
        "10:\tmoveq #10,%0\n\tbra.s 3f\n11:\tmoveq #11,%0\n\tbra.s 3f\n"
        "12:\tmoveq #12,%0\n\tbra.s 3f\n13:\tmoveq #13,%0\n3:"
        : "=d"(r)
        : "d"(k));
    mix(r);
    for (unsigned b = 0; b < 16; ++b) mix(memory_field[b]);
  }
  report("index");
  /* Divides: overflow leaves N and Z undefined (PRM 4-93), so only V and C then. */
  sum = 0;
  for (unsigned i = 0; i < ROUNDS; ++i) {
    u32 q = operand(i + 2), r = operand(i), dv = operand(i + 11) | 1, c;
    __asm__ volatile("divu.w %2,%0\n\tmove.w %%ccr,%1" : "+d"(q), "=d"(c) : "d"(dv));
    mix(q);
    mix(c & ((c & 2) ? 0x13 : 0x1f));
    q = operand(i + 1);
    __asm__ volatile("divs.w %2,%0\n\tmove.w %%ccr,%1" : "+d"(q), "=d"(c) : "d"(dv));
    mix(q);
    mix(c & ((c & 2) ? 0x13 : 0x1f));
    q = operand(i + 4);
    __asm__ volatile("divul.l %3,%1:%0\n\tmove.w %%ccr,%2" : "+d"(q), "=d"(r), "=d"(c) : "d"(dv));
    mix(q);
    mix(r);
    mix(c & 0x1f);
    q = operand(i + 6);
    __asm__ volatile("divsl.l %3,%1:%0\n\tmove.w %%ccr,%2" : "+d"(q), "=d"(r), "=d"(c) : "d"(dv));
    mix(q);
    mix(r);
    mix(c & ((c & 2) ? 0x13 : 0x1f));
    u32 hi = operand(i + 9) & 0xff, lo = operand(i + 3);
    __asm__ volatile("divu.l %3,%1:%0\n\tmove.w %%ccr,%2" : "+d"(lo), "+d"(hi), "=d"(c) : "d"(dv));
    mix(lo);
    mix(hi);
    mix(c & ((c & 2) ? 0x13 : 0x1f));
  }
  report("div");
  finish();
}
