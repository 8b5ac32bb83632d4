// 32-bit data-processing instructions executed on a Cortex-M3. Encodings are arm-none-eabi-as
// output (the comment gives the source line); expected values follow the ARMv7-M ARM
// pseudocode (AddWithCarry, Shift_C, ThumbExpandImm_C, SignedSatQ, A2.2).
#include <catch2/catch.hpp>

#include "tests/unit/thumb32/test_cpu.h"

using namespace anvil::arm;
using namespace anvil::arm::test;

namespace {
struct Nzcv {
  bool n, z, c, v;
};
Nzcv flags(const TestCpu& t) {
  return {t.cpu.flags.n, t.cpu.flags.z, t.cpu.flags.c, t.cpu.flags.v};
}
bool operator==(const Nzcv& a, const Nzcv& b) {
  return a.n == b.n && a.z == b.z && a.c == b.c && a.v == b.v;
}
}  // namespace

TEST_CASE("ADDS/ADCS/SUBS/SBCS.W set carry and overflow as AddWithCarry") {
  TestCpu t;
  t.set(1, 0x7FFFFFFF);
  t.set(2, 1);
  t.run({0xEB110002});  // adds.w r0, r1, r2
  CHECK(t.r(0) == 0x80000000);
  CHECK(flags(t) == Nzcv{true, false, false, true});

  t.set(1, 0xFFFFFFFF);
  t.run({0xF1110001});  // adds.w r0, r1, #1
  CHECK(t.r(0) == 0);
  CHECK(flags(t) == Nzcv{false, true, true, false});

  // carry in from the last ADDS: 5 + 6 + 1
  t.set(1, 5);
  t.set(2, 6);
  t.run({0xEB510002});  // adcs.w r0, r1, r2
  CHECK(t.r(0) == 12);
  CHECK(flags(t) == Nzcv{false, false, false, false});

  // 0x80000000 - 1 overflows; no borrow so C = 1
  t.set(1, 0x80000000);
  t.set(2, 1);
  t.run({0xEBB10002});  // subs.w r0, r1, r2
  CHECK(t.r(0) == 0x7FFFFFFF);
  CHECK(flags(t) == Nzcv{false, false, true, true});

  // SBC with C = 0 subtracts one more: 3 - 5 - 1 = -3, borrow so C = 0
  t.cpu.flags.c = false;
  t.set(1, 3);
  t.set(2, 5);
  t.run({0xEB710002});  // sbcs.w r0, r1, r2
  CHECK(t.r(0) == 0xFFFFFFFD);
  CHECK(flags(t) == Nzcv{true, false, false, false});

  // RSBS r0, r1, #0 of INT_MIN overflows
  t.set(1, 0x80000000);
  t.run({0xF1D10000});  // rsbs.w r0, r1, #0
  CHECK(t.r(0) == 0x80000000);
  CHECK(flags(t) == Nzcv{true, false, false, true});
}

TEST_CASE("CMP.W/CMN.W/TST.W/TEQ.W set flags and write no register") {
  TestCpu t;
  t.set(0, 0xAAAA5555);
  t.set(1, 2);
  t.set(2, 3);
  t.run({0xEBB10F02});  // cmp.w r1, r2
  CHECK(flags(t) == Nzcv{true, false, false, false});
  t.set(1, 0xFFFFFFFF);
  t.run({0xF1110F01});  // cmn.w r1, #1
  CHECK(flags(t) == Nzcv{false, true, true, false});
  // TST with a rotated constant: 0xff00 is encoded with rotation, so C is the constant's
  // bit 31 (0); the register leaves Z set.
  t.cpu.flags.c = true;
  t.set(1, 0x00FF00FF);
  t.run({0xF4114F7F});  // tst.w r1, #0xff00
  CHECK(flags(t) == Nzcv{false, true, false, false});
  t.set(1, 0x80000001);
  t.set(2, 0x00000001);
  t.run({0xEA910F02});  // teq.w r1, r2
  CHECK(t.cpu.flags.n);
  CHECK_FALSE(t.cpu.flags.z);
  CHECK(t.r(0) == 0xAAAA5555);
}

TEST_CASE("logical operations take the carry from the modified immediate or the shifter") {
  TestCpu t;
  t.cpu.flags.c = false;
  t.set(1, 0xFFFFFFFF);
  t.run({0xF0114000});  // ands.w r0, r1, #0x80000000 (a rotated constant: C = bit 31)
  CHECK(t.r(0) == 0x80000000);
  CHECK(flags(t) == Nzcv{true, false, true, false});

  t.run({0xF05F4000});  // movs.w r0, #0x80000000
  CHECK(t.r(0) == 0x80000000);
  CHECK(t.cpu.flags.c);

  t.cpu.flags.c = true;
  t.run({0xF07F00FF});  // mvns.w r0, #0xff (unrotated constant: C unchanged)
  CHECK(t.r(0) == 0xFFFFFF00);
  CHECK(flags(t) == Nzcv{true, false, true, false});

  t.set(1, 0x0F);
  t.set(2, 0xF0);
  t.run({0xEA710002});  // orns r0, r1, r2
  CHECK(t.r(0) == 0xFFFFFF0F);

  // BICS with LSL #4: the last bit shifted out (bit 28 of r2) is the carry
  t.set(1, 0xFFFFFFFF);
  t.set(2, 0x1000000F);
  t.run({0xEA311002});  // bics.w r0, r1, r2, lsl #4
  CHECK(t.r(0) == 0xFFFFFF0F);
  CHECK(t.cpu.flags.c);

  // LSR #32: result 0, carry = bit 31
  t.set(1, 0x12345678);
  t.set(2, 0x80000000);
  t.run({0xEA910012});  // eors.w r0, r1, r2, lsr #32
  CHECK(t.r(0) == 0x12345678);
  CHECK(t.cpu.flags.c);

  // ASR #32 of a negative value: all ones, carry = 1
  t.set(1, 0);
  t.set(2, 0x80000000);
  t.run({0xEA510022});  // orrs.w r0, r1, r2, asr #32
  CHECK(t.r(0) == 0xFFFFFFFF);
  CHECK(flags(t) == Nzcv{true, false, true, false});
}

TEST_CASE("immediate shifts, RRX and MOV.W") {
  TestCpu t;
  t.set(1, 3);
  t.run({0xEA5F70C1});  // lsls.w r0, r1, #31
  CHECK(t.r(0) == 0x80000000);
  CHECK(t.cpu.flags.c);  // bit 1 of r1 was the last out

  t.set(1, 0x80000000);
  t.run({0xEA5F0011});  // lsrs.w r0, r1, #32
  CHECK(t.r(0) == 0);
  CHECK(flags(t) == Nzcv{false, true, true, false});

  t.set(1, 0x7FFFFFFF);
  t.run({0xEA5F0021});  // asrs.w r0, r1, #32
  CHECK(t.r(0) == 0);
  CHECK_FALSE(t.cpu.flags.c);

  t.set(1, 0x123456F8);
  t.run({0xEA5F2031});  // rors.w r0, r1, #8
  CHECK(t.r(0) == 0xF8123456);
  CHECK(t.cpu.flags.c);

  t.cpu.flags.c = true;
  t.set(1, 0x00000002);
  t.run({0xEA5F0031});  // rrxs r0, r1
  CHECK(t.r(0) == 0x80000001);
  CHECK_FALSE(t.cpu.flags.c);

  t.set(1, 0xCAFEF00D);
  t.run({0xEA4F0001});  // mov.w r0, r1
  CHECK(t.r(0) == 0xCAFEF00D);
  t.set(1, 0x20001000);
  t.run({0xEA4F0D01});  // mov.w sp, r1
  CHECK(t.r(13) == 0x20001000);
}

TEST_CASE("register-controlled shifts use the bottom byte of Rm") {
  TestCpu t;
  t.set(1, 0x80000001);
  t.set(2, 0x100);  // bottom byte 0: no shift, carry unchanged
  t.cpu.flags.c = true;
  t.run({0xFA11F002});  // lsls.w r0, r1, r2
  CHECK(t.r(0) == 0x80000001);
  CHECK(t.cpu.flags.c);

  t.set(2, 32);
  t.run({0xFA11F002});  // lsls.w r0, r1, r2
  CHECK(t.r(0) == 0);
  CHECK(t.cpu.flags.c);  // bit 0

  t.set(2, 33);
  t.run({0xFA31F002});  // lsrs.w r0, r1, r2
  CHECK(t.r(0) == 0);
  CHECK_FALSE(t.cpu.flags.c);

  t.set(2, 200);
  t.run({0xFA51F002});  // asrs.w r0, r1, r2
  CHECK(t.r(0) == 0xFFFFFFFF);
  CHECK(t.cpu.flags.c);

  t.set(2, 36);         // ROR by 36 is ROR by 4
  t.run({0xFA71F002});  // rors.w r0, r1, r2
  CHECK(t.r(0) == 0x18000000);
  CHECK_FALSE(t.cpu.flags.c);
}

TEST_CASE("12-bit add/subtract, ADR, MOVW/MOVT and the SP forms") {
  TestCpu t;
  const std::uint32_t sp = t.r(13);
  t.run({0xF10D0008});  // add.w r0, sp, #8
  CHECK(t.r(0) == sp + 8);
  t.run({0xF1AD0D10});  // sub.w sp, sp, #16
  CHECK(t.r(13) == sp - 16);
  t.set(1, 0x1000);
  t.run({0xF60120BC});  // addw r0, r1, #0xabc
  CHECK(t.r(0) == 0x1ABC);
  t.run({0xF6A120BC});  // subw r0, r1, #0xabc
  CHECK(t.r(0) == 0x544);
  t.run({0xF20F00FC});  // adr.w r0, .+0x100 (at kCode)
  CHECK(t.r(0) == kCode + 0x100);
  t.run({0xF2AF1004});  // adr.w r0, .-0x100
  CHECK(t.r(0) == kCode - 0x100);
  t.run({0xF2412034, 0xF2C56078});  // movw r0, #0x1234; movt r0, #0x5678
  CHECK(t.r(0) == 0x56781234);
}

TEST_CASE("SSAT/USAT saturate and set Q, shifts included") {
  TestCpu t;
  t.set(1, 200);
  t.run({0xF3010007});  // ssat r0, #8, r1
  CHECK(t.r(0) == 127);
  CHECK(t.cpu.flags.q);

  t.cpu.flags.q = false;
  t.set(1, static_cast<std::uint32_t>(-100));
  t.run({0xF3010007});  // ssat r0, #8, r1
  CHECK(t.r(0) == static_cast<std::uint32_t>(-100));
  CHECK_FALSE(t.cpu.flags.q);

  t.set(1, 0x00008000);  // << 8 = 0x800000, above 16-bit signed max
  t.run({0xF301200F});   // ssat r0, #16, r1, lsl #8
  CHECK(t.r(0) == 0x7FFF);
  CHECK(t.cpu.flags.q);

  t.cpu.flags.q = false;
  t.set(1, static_cast<std::uint32_t>(-5));
  t.run({0xF3810008});  // usat r0, #8, r1
  CHECK(t.r(0) == 0);
  CHECK(t.cpu.flags.q);

  t.cpu.flags.q = false;
  t.set(1, 1);
  t.run({0xF3810000});  // usat r0, #0, r1: the only unsaturated value is 0
  CHECK(t.r(0) == 0);
  CHECK(t.cpu.flags.q);

  t.cpu.flags.q = false;
  t.set(1, 0x80000000);
  t.run({0xF321005F});  // ssat r0, #32, r1, asr #1: never saturates
  CHECK(t.r(0) == 0xC0000000);
  CHECK_FALSE(t.cpu.flags.q);
}

TEST_CASE("bit-field extract, insert and clear") {
  TestCpu t;
  t.set(1, 0x00000F80);
  t.run({0xF3411007});  // sbfx r0, r1, #4, #8
  CHECK(t.r(0) == 0xFFFFFFF8);
  t.run({0xF3C11007});  // ubfx r0, r1, #4, #8
  CHECK(t.r(0) == 0xF8);
  t.set(1, 0xDEADBEEF);
  t.run({0xF3C1001F});  // ubfx r0, r1, #0, #32
  CHECK(t.r(0) == 0xDEADBEEF);
  t.set(0, 0x11111111);
  t.set(1, 0x000000AB);
  t.run({0xF361200F});  // bfi r0, r1, #8, #8
  CHECK(t.r(0) == 0x1111AB11);
  t.set(0, 0xFFFFFFFF);
  t.run({0xF36F101B});  // bfc r0, #4, #24
  CHECK(t.r(0) == 0xF000000F);
}

TEST_CASE("extension with rotation, byte reversal, RBIT and CLZ") {
  TestCpu t;
  t.set(1, 0x12F0FF34);
  t.run({0xFA0FF091});  // sxth.w r0, r1, ror #8 -> halfword 0xF0FF
  CHECK(t.r(0) == 0xFFFFF0FF);
  t.run({0xFA1FF0A1});  // uxth.w r0, r1, ror #16 -> 0x12F0
  CHECK(t.r(0) == 0x12F0);
  t.run({0xFA4FF0B1});  // sxtb.w r0, r1, ror #24 -> byte 3 of r1, 0x12
  CHECK(t.r(0) == 0x12);
  t.run({0xFA5FF081});  // uxtb.w r0, r1
  CHECK(t.r(0) == 0x34);
  t.set(1, 0x000000F0);
  t.run({0xFA4FF0B1});  // sxtb.w r0, r1, ror #24 -> byte 3 is 0
  CHECK(t.r(0) == 0);

  t.set(1, 0x11223344);
  t.run({0xFA91F081});  // rev.w r0, r1
  CHECK(t.r(0) == 0x44332211);
  t.run({0xFA91F091});  // rev16.w r0, r1
  CHECK(t.r(0) == 0x22114433);
  t.set(1, 0x000080FF);
  t.run({0xFA91F0B1});  // revsh.w r0, r1
  CHECK(t.r(0) == 0xFFFFFF80);
  t.set(1, 0x00000001);
  t.run({0xFA91F0A1});  // rbit r0, r1
  CHECK(t.r(0) == 0x80000000);
  t.run({0xFAB1F081});  // clz r0, r1
  CHECK(t.r(0) == 31);
  t.set(1, 0);
  t.run({0xFAB1F081});  // clz r0, r1
  CHECK(t.r(0) == 32);
}

TEST_CASE("a destination of PC is UNDEFINED and raises a UsageFault") {
  TestCpu t;
  t.set(1, 5);
  // ADD.W pc, r1, #5 (Rd = PC with S = 0): UNPREDICTABLE, UNDEFINED here. Hand-encoded,
  // GNU as refuses it.
  t.run({0xF1010F05});
  CHECK(t.faulted());
  CHECK((t.fault_status() & kUfsrUndefined) != 0);
}
