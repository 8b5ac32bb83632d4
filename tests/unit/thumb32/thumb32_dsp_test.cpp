// The ARMv7E-M DSP extension executed on a Cortex-M4, and its absence on a Cortex-M3.
// Encodings are arm-none-eabi-as output (-mcpu=cortex-m4, the comment gives the source
// line); expected values are worked from the ARMv7-M ARM pseudocode of each instruction.
#include <catch2/catch.hpp>

#include "tests/unit/thumb32/test_cpu.h"

using namespace anvil::arm;
using namespace anvil::arm::test;

namespace {
// Runs one instruction on a fresh Cortex-M4 with r1, r2, r3 set; returns the machine.
struct M4 {
  TestCpu t{"cortex-m4"};
  M4& with(unsigned n, std::uint32_t v) {
    t.set(n, v);
    return *this;
  }
  M4& run(std::uint32_t insn) {
    t.run({insn});
    return *this;
  }
  std::uint32_t r0() const { return t.r(0); }
  unsigned ge() const { return t.cpu.flags.ge; }
  bool q() const { return t.cpu.flags.q; }
};
}  // namespace

TEST_CASE("signed and unsigned parallel add/subtract set GE per lane") {
  M4 a;
  a.with(1, 0x0001FFFF).with(2, 0x00010000).run(0xFA91F002);  // sadd16 r0, r1, r2
  CHECK(a.r0() == 0x0002FFFF);
  CHECK(a.ge() == 0b1100);

  M4 b;
  b.with(1, 0x01020380).with(2, 0x02010101).run(0xFAC1F002);  // ssub8 r0, r1, r2
  CHECK(b.r0() == 0xFF01027F);
  CHECK(b.ge() == 0b0110);

  M4 c;
  c.with(1, 0xFF800102).with(2, 0x01800203).run(0xFA81F042);  // uadd8 r0, r1, r2
  CHECK(c.r0() == 0x00000305);
  CHECK(c.ge() == 0b1100);

  M4 d;
  d.with(1, 0x00050003).with(2, 0x00030005).run(0xFAD1F042);  // usub16 r0, r1, r2
  CHECK(d.r0() == 0x0002FFFE);
  CHECK(d.ge() == 0b1100);

  M4 e;
  e.with(1, 0x00100020).with(2, 0x00050003).run(0xFAA1F002);  // sasx r0, r1, r2
  CHECK(e.r0() == 0x0013001B);
  CHECK(e.ge() == 0b1111);

  M4 f;
  f.with(1, 0x00010002).with(2, 0x0003FFFF).run(0xFAE1F042);  // usax r0, r1, r2
  CHECK(f.r0() == 0x00020005);
  CHECK(f.ge() == 0);
}

TEST_CASE("saturating and halving parallel forms leave GE and Q alone") {
  M4 a;
  a.t.cpu.flags.ge = 0b1010;
  a.with(1, 0x7FFF8000).with(2, 0x0001FFFF).run(0xFA91F012);  // qadd16 r0, r1, r2
  CHECK(a.r0() == 0x7FFF8000);
  CHECK(a.ge() == 0b1010);
  CHECK_FALSE(a.q());

  M4 b;
  b.with(1, 0x10200305).with(2, 0x20100306).run(0xFAC1F052);  // uqsub8 r0, r1, r2
  CHECK(b.r0() == 0x00100000);

  M4 c;
  c.with(1, 0xFFFF0003).with(2, 0xFFFE0004).run(0xFA91F022);  // shadd16 r0, r1, r2
  CHECK(c.r0() == 0xFFFE0003);

  M4 d;
  d.with(1, 0x00000010).with(2, 0x00000020).run(0xFAC1F062);  // uhsub8 r0, r1, r2
  CHECK(d.r0() == 0x000000F8);
}

TEST_CASE("SEL picks bytes by GE; USAD8/USADA8 sum absolute differences") {
  M4 a;
  a.t.cpu.flags.ge = 0b0101;
  a.with(1, 0x11223344).with(2, 0xAABBCCDD).run(0xFAA1F082);  // sel r0, r1, r2
  CHECK(a.r0() == 0xAA22CC44);

  M4 b;
  b.with(1, 0x01020304).with(2, 0x04030201).run(0xFB71F002);  // usad8 r0, r1, r2
  CHECK(b.r0() == 8);
  b.with(3, 100).run(0xFB713002);  // usada8 r0, r1, r2, r3
  CHECK(b.r0() == 108);
}

TEST_CASE("halfword multiplies and their Q flag") {
  M4 a;
  a.with(1, 0x0000FFFF).with(2, 2).with(3, 10).run(0xFB113002);  // smlabb r0, r1, r2, r3
  CHECK(a.r0() == 8);
  CHECK_FALSE(a.q());
  a.with(1, 0x00008000).with(2, 0x00008000).with(3, 0x40000000).run(0xFB113002);
  CHECK(a.r0() == 0x80000000);
  CHECK(a.q());

  M4 b;
  b.with(1, 0x80000000).with(2, 0x80000000).run(0xFB11F032);  // smultt r0, r1, r2
  CHECK(b.r0() == 0x40000000);

  M4 c;
  c.with(1, 0x00010000).with(2, 3).with(3, 1).run(0xFB313002);  // smlawb r0, r1, r2, r3
  CHECK(c.r0() == 4);
  CHECK_FALSE(c.q());
  c.with(1, 0x7FFFFFFF).with(2, 0x7FFF).with(3, 0x7FFFFFFF).run(0xFB313002);
  CHECK(c.r0() == 0xBFFF7FFE);
  CHECK(c.q());

  M4 d;
  d.with(1, 0xFFFFFFFF).with(2, 0x00020000).run(0xFB31F012);  // smulwt r0, r1, r2
  CHECK(d.r0() == 0xFFFFFFFF);
}

TEST_CASE("dual multiplies, with exchange and overflow") {
  M4 a;
  a.with(1, 0x00020003).with(2, 0x00040005).with(3, 100).run(0xFB213002);  // smlad
  CHECK(a.r0() == 123);
  a.run(0xFB21F012);  // smuadx r0, r1, r2
  CHECK(a.r0() == 22);
  a.run(0xFB413002);  // smlsd r0, r1, r2, r3
  CHECK(a.r0() == 107);
  a.run(0xFB41F002);  // smusd r0, r1, r2
  CHECK(a.r0() == 7);
  CHECK_FALSE(a.q());
  a.with(1, 0x80008000).with(2, 0x80008000).run(0xFB21F012);  // smuadx: 2 * 2^30
  CHECK(a.r0() == 0x80000000);
  CHECK(a.q());
}

TEST_CASE("most-significant-word multiplies round when asked") {
  M4 a;
  a.with(1, 0x40000000).with(2, 6).run(0xFB51F002);  // smmul r0, r1, r2
  CHECK(a.r0() == 1);
  a.run(0xFB51F012);  // smmulr r0, r1, r2
  CHECK(a.r0() == 2);
  a.with(2, 4).with(3, 10).run(0xFB513002);  // smmla r0, r1, r2, r3
  CHECK(a.r0() == 11);
  a.run(0xFB613002);  // smmls r0, r1, r2, r3
  CHECK(a.r0() == 9);
}

TEST_CASE("QADD, QSUB, QDADD, QDSUB saturate and set Q") {
  M4 a;
  a.with(1, 0x7FFFFFFF).with(2, 1).run(0xFA82F081);  // qadd r0, r1, r2
  CHECK(a.r0() == 0x7FFFFFFF);
  CHECK(a.q());
  M4 b;
  b.with(1, 0x80000000).with(2, 1).run(0xFA82F0A1);  // qsub r0, r1, r2
  CHECK(b.r0() == 0x80000000);
  CHECK(b.q());
  M4 c;
  c.with(1, 5).with(2, 7).run(0xFA82F0A1);  // qsub: no saturation
  CHECK(c.r0() == static_cast<std::uint32_t>(-2));
  CHECK_FALSE(c.q());
  M4 d;
  d.with(1, 1).with(2, 0x40000000).run(0xFA82F091);  // qdadd r0, r1, r2
  CHECK(d.r0() == 0x7FFFFFFF);
  CHECK(d.q());
  M4 e;
  e.with(1, 0).with(2, 0xC0000000).run(0xFA82F0B1);  // qdsub r0, r1, r2
  CHECK(e.r0() == 0x7FFFFFFF);
  CHECK(e.q());
}

TEST_CASE("PKHBT/PKHTB, extend-and-add and halfword saturation") {
  M4 a;
  a.with(1, 0x11112222).with(2, 0x33334444).run(0xEAC14002);  // pkhbt r0, r1, r2, lsl #16
  CHECK(a.r0() == 0x44442222);
  a.run(0xEAC14022);  // pkhtb r0, r1, r2, asr #16
  CHECK(a.r0() == 0x11113333);
  a.with(2, 0x83334444).run(0xEAC10022);  // pkhtb r0, r1, r2, asr #32
  CHECK(a.r0() == 0x1111FFFF);

  M4 b;
  b.with(1, 100).with(2, 0xFF).run(0xFA41F082);  // sxtab r0, r1, r2
  CHECK(b.r0() == 99);
  b.with(1, 1).with(2, 0xFFFF0000).run(0xFA11F0A2);  // uxtah r0, r1, r2, ror #16
  CHECK(b.r0() == 0x10000);
  b.with(1, 0x00800080).run(0xFA2FF081);  // sxtb16 r0, r1
  CHECK(b.r0() == 0xFF80FF80);
  b.with(1, 0x00010001).with(2, 0xAA00BB00).run(0xFA31F092);  // uxtab16 r0, r1, r2, ror #8
  CHECK(b.r0() == 0x00AB00BC);

  M4 c;
  c.with(1, 0x0100FF00).run(0xF3210007);  // ssat16 r0, #8, r1
  CHECK(c.r0() == 0x007FFF80);
  CHECK(c.q());
  M4 d;
  d.with(1, 0x0100FFFF).run(0xF3A10008);  // usat16 r0, #8, r1
  CHECK(d.r0() == 0x00FF0000);
  CHECK(d.q());
}

TEST_CASE("DSP long multiplies accumulate into RdHi:RdLo") {
  M4 a;
  a.with(0, 1).with(1, 0).with(2, 0x0000FFFF).with(3, 2).run(0xFBC20183);  // smlalbb r0, r1, r2, r3
  CHECK(a.t.r(0) == 0xFFFFFFFF);
  CHECK(a.t.r(1) == 0xFFFFFFFF);

  M4 b;
  b.with(0, 0xFFFFFFFF).with(1, 0).with(2, 0x00020003).with(3, 0x00040005).run(0xFBC201C3);
  // smlald r0, r1, r2, r3: 3*5 + 2*4 = 23
  CHECK(b.t.r(0) == 22);
  CHECK(b.t.r(1) == 1);

  M4 c;
  c.with(0, 10).with(1, 0).with(2, 0x00020003).with(3, 0x00040005).run(0xFBD201D3);
  // smlsldx r0, r1, r2, r3: 3*4 - 2*5 = 2
  CHECK(c.t.r(0) == 12);
  CHECK(c.t.r(1) == 0);

  M4 d;
  d.with(0, 0xFFFFFFFF).with(1, 0xFFFFFFFF).with(2, 0xFFFFFFFF).with(3, 0xFFFFFFFF);
  d.run(0xFBE20163);  // umaal r0, r1, r2, r3: the largest result, 2^64 - 1
  CHECK(d.t.r(0) == 0xFFFFFFFF);
  CHECK(d.t.r(1) == 0xFFFFFFFF);
}

TEST_CASE("on the Cortex-M3 the DSP encodings are UNDEFINED") {
  for (std::uint32_t insn : {0xFA91F002u,   // sadd16 r0, r1, r2
                             0xFAA1F082u,   // sel r0, r1, r2
                             0xFB113002u,   // smlabb r0, r1, r2, r3
                             0xFA82F081u,   // qadd r0, r1, r2
                             0xEAC14002u,   // pkhbt r0, r1, r2, lsl #16
                             0xFA41F082u,   // sxtab r0, r1, r2
                             0xF3210007u,   // ssat16 r0, #8, r1
                             0xFBE20163u})  // umaal r0, r1, r2, r3
  {
    INFO(insn);
    TestCpu t;
    t.set(0, 0x1234);
    t.run({insn});
    CHECK(t.faulted());
    CHECK(t.r(0) == 0x1234);
    CHECK((t.fault_status() & kUfsrUndefined) != 0);
  }
}
