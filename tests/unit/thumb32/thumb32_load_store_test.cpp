// 32-bit loads and stores executed on a Cortex-M3: addressing forms and writeback, literal
// loads, multiple/dual/exclusive accesses and table branches. Encodings are arm-none-eabi-as
// output (the comment gives the source line) unless marked hand-encoded; expected values
// follow the ARMv7-M ARM pseudocode (A7.7) and memory is little-endian.
#include <catch2/catch.hpp>

#include "tests/unit/thumb32/test_cpu.h"

using namespace anvil::arm;
using namespace anvil::arm::test;

namespace {
constexpr std::uint32_t kBase = kRam + 0x100;
constexpr std::uint32_t kUnmapped = 0x30000000;
}  // namespace

TEST_CASE("LDR.W offset, pre-indexed, post-indexed and register forms") {
  TestCpu t;
  for (std::uint32_t i = 0; i < 8; ++i) t.poke32(kBase - 8 + 4 * i, 0x1000 + i);  // kBase: 0x1002
  t.set(1, kBase);
  t.run({0xF8D10008});  // ldr.w r0, [r1, #8]
  CHECK(t.r(0) == 0x1004);
  CHECK(t.r(1) == kBase);
  t.run({0xF8510C04});  // ldr r0, [r1, #-4]
  CHECK(t.r(0) == 0x1001);
  CHECK(t.r(1) == kBase);
  t.run({0xF8510B04});  // ldr r0, [r1], #4
  CHECK(t.r(0) == 0x1002);
  CHECK(t.r(1) == kBase + 4);
  t.run({0xF8510D04});  // ldr r0, [r1, #-4]!
  CHECK(t.r(0) == 0x1002);
  CHECK(t.r(1) == kBase);
  t.set(2, 1);
  t.run({0xF8510022});  // ldr.w r0, [r1, r2, lsl #2]
  CHECK(t.r(0) == 0x1003);
  t.run({0xF8510E04});  // ldrt r0, [r1, #4] (privileged Thread mode: an ordinary load)
  CHECK(t.r(0) == 0x1003);
}

TEST_CASE("LDR.W without alignment checking reads a misaligned word") {
  TestCpu t;
  t.poke32(kBase, 0x44332211);
  t.poke32(kBase + 4, 0x88776655);
  t.set(1, kBase);
  t.run({0xF8D10002});  // ldr.w r0, [r1, #2]
  CHECK(t.r(0) == 0x66554433);
}

TEST_CASE("literal loads address from Align(PC, 4) in both directions") {
  TestCpu t;
  t.poke32(kCode + 4 + 8, 0xCAFEBABE);
  t.run({0xF8DF0008});  // ldr.w r0, [pc, #8]
  CHECK(t.r(0) == 0xCAFEBABE);
  t.poke32(kCode + 4 - 0x400, 0x0BADF00D);
  t.run({0xF85F0400});  // ldr.w r0, [pc, #-0x400] (a literal row of its own)
  CHECK(t.r(0) == 0x0BADF00D);
  t.poke32(kCode + 4 + 8, 0x11111111);
  t.poke32(kCode + 4 + 12, 0x22222222);
  t.run({0xE9DF2302});  // ldrd r2, r3, [pc, #8]
  CHECK(t.r(2) == 0x11111111);
  CHECK(t.r(3) == 0x22222222);
}

TEST_CASE("byte and halfword loads zero- or sign-extend") {
  TestCpu t;
  t.poke32(kBase, 0x80F17F01);
  t.set(1, kBase);
  t.run({0xF8910003});  // ldrb.w r0, [r1, #3]
  CHECK(t.r(0) == 0x80);
  t.run({0xF9910003});  // ldrsb.w r0, [r1, #3]
  CHECK(t.r(0) == 0xFFFFFF80);
  t.run({0xF8B10002});  // ldrh.w r0, [r1, #2]
  CHECK(t.r(0) == 0x80F1);
  t.run({0xF9B10002});  // ldrsh.w r0, [r1, #2]
  CHECK(t.r(0) == 0xFFFF80F1);
  t.set(1, kBase + 2);
  t.run({0xF9310902});  // ldrsh r0, [r1], #-2
  CHECK(t.r(0) == 0xFFFF80F1);
  CHECK(t.r(1) == kBase);
  t.run({0xF8110F01});  // ldrb r0, [r1, #1]!
  CHECK(t.r(0) == 0x7F);
  CHECK(t.r(1) == kBase + 1);
}

TEST_CASE("stores of each size, with writeback and register offsets") {
  TestCpu t;
  t.set(0, 0xA1B2C3D4);
  t.set(1, kBase);
  t.run({0xF8810001});  // strb.w r0, [r1, #1]
  CHECK(t.peek32(kBase) == 0x0000D400);
  t.run({0xF8A10002});  // strh.w r0, [r1, #2]
  CHECK(t.peek32(kBase) == 0xC3D4D400);
  t.run({0xF8C10004});  // str.w r0, [r1, #4]
  CHECK(t.peek32(kBase + 4) == 0xA1B2C3D4);
  t.run({0xF8410D04});  // str r0, [r1, #-4]!
  CHECK(t.peek32(kBase - 4) == 0xA1B2C3D4);
  CHECK(t.r(1) == kBase - 4);
  t.set(0, 0x12345678);
  t.run({0xF8410B08});  // str r0, [r1], #8
  CHECK(t.peek32(kBase - 4) == 0x12345678);
  CHECK(t.r(1) == kBase + 4);
  t.set(2, 4);
  t.run({0xF8410012});  // str.w r0, [r1, r2, lsl #1]
  CHECK(t.peek32(kBase + 12) == 0x12345678);
  t.run({0xF8210C02});  // strh r0, [r1, #-2]
  CHECK(t.peek16(kBase + 2) == 0x5678);
  t.run({0xF8410E04});  // strt r0, [r1, #4]
  CHECK(t.peek32(kBase + 8) == 0x12345678);
}

TEST_CASE("a load that faults changes neither the destination nor the base") {
  TestCpu t;
  t.set(0, 0x5A5A5A5A);
  t.set(1, kUnmapped);
  t.run({0xF8510B04});  // ldr r0, [r1], #4
  CHECK(t.faulted());
  CHECK(t.r(0) == 0x5A5A5A5A);
  CHECK(t.r(1) == kUnmapped);
}

TEST_CASE("preloads only decode: an unmapped address does not fault") {
  TestCpu t;
  t.set(1, kUnmapped);
  t.set(2, 4);
  t.run({0xF891F004, 0xF911F002});  // pld [r1, #4]; pli [r1, r2]
  CHECK_FALSE(t.faulted());
  CHECK(t.pc() == kCode + 8);
}

TEST_CASE("the unprivileged forms cannot reach the System Control Space") {
  TestCpu t;
  t.set(1, kCfsr - 4);
  t.run({0xF8D10004});  // ldr.w r0, [r1, #4]: privileged, reads the CFSR
  CHECK_FALSE(t.faulted());
  t.run({0xF8510E04});  // ldrt r0, [r1, #4]: unprivileged, BusFault
  CHECK(t.faulted());
}

TEST_CASE("LDR.W into PC is an interworking branch") {
  TestCpu t;
  t.poke32(kBase + 4, 0x00002001);
  t.set(1, kBase);
  t.run({0xF8D1F004});  // ldr.w pc, [r1, #4]
  CHECK(t.pc() == 0x2000);
  // An even address clears EPSR.T: the next instruction faults with INVSTATE.
  t.poke32(kBase + 4, 0x00002000);
  t.run({0xF8D1F004});
  CHECK(t.faulted());
}

TEST_CASE("STR.W with Rn = PC is UNDEFINED") {
  TestCpu t;
  t.run({0xF8CF0004});  // hand-encoded str.w r0, [pc, #4]
  CHECK(t.faulted());
  CHECK((t.fault_status() & kUfsrUndefined) != 0);
}

TEST_CASE("LDM/STM/LDMDB/STMDB and their writeback") {
  TestCpu t;
  for (std::uint32_t i = 0; i < 4; ++i) t.poke32(kBase + 4 * i, 0xA0 + i);
  t.set(0, kBase);
  t.run({0xE8B0000E});  // ldmia.w r0!, {r1, r2, r3}
  CHECK(t.r(1) == 0xA0);
  CHECK(t.r(2) == 0xA1);
  CHECK(t.r(3) == 0xA2);
  CHECK(t.r(0) == kBase + 12);
  t.run({0xE9300006});  // ldmdb r0!, {r1, r2}
  CHECK(t.r(1) == 0xA1);
  CHECK(t.r(2) == 0xA2);
  CHECK(t.r(0) == kBase + 4);

  t.set(1, 0x11);
  t.set(2, 0x22);
  t.set(0, kBase + 0x40);
  t.run({0xE8A00006});  // stmia.w r0!, {r1, r2}
  CHECK(t.peek32(kBase + 0x40) == 0x11);
  CHECK(t.peek32(kBase + 0x44) == 0x22);
  CHECK(t.r(0) == kBase + 0x48);
  t.run({0xE9200006});  // stmdb r0!, {r1, r2}
  CHECK(t.r(0) == kBase + 0x40);

  // The base in the list: the loaded value wins, with or without writeback (the latter
  // UNPREDICTABLE, hand-encoded).
  t.set(0, kBase);
  t.run({0xE8900003});  // ldmia.w r0, {r0, r1}
  CHECK(t.r(0) == 0xA0);
  CHECK(t.r(1) == 0xA1);
  t.set(0, kBase);
  t.run({0xE8B00003});  // ldmia.w r0!, {r0, r1}
  CHECK(t.r(0) == 0xA0);
}

TEST_CASE("LDM requires word alignment and leaves registers untouched on a fault") {
  TestCpu t;
  t.set(0, kBase + 2);
  t.set(1, 0x77);
  t.run({0xE8B0000E});  // ldmia.w r0!, {r1, r2, r3}
  CHECK(t.faulted());
  CHECK((t.fault_status() & kUfsrUnaligned) != 0);

  TestCpu u;
  u.set(0, kRam + 0x10000 - 4);  // the second word is past the end of RAM
  u.set(1, 0x77);
  u.run({0xE8B0000E});
  CHECK(u.faulted());
  CHECK(u.r(1) == 0x77);
  CHECK(u.r(0) == kRam + 0x10000 - 4);
}

TEST_CASE("PUSH.W and POP.W including PC") {
  TestCpu t;
  const std::uint32_t sp = t.r(13);
  t.set(1, 0x111);
  t.set(2, 0x222);
  t.set(14, 0x00003001);
  t.run({0xE92D4006});  // push.w {r1, r2, lr}
  CHECK(t.r(13) == sp - 12);
  CHECK(t.peek32(sp - 12) == 0x111);
  CHECK(t.peek32(sp - 8) == 0x222);
  CHECK(t.peek32(sp - 4) == 0x3001);
  t.set(1, 0);
  t.set(2, 0);
  t.run({0xE8BD8006});  // pop.w {r1, r2, pc}
  CHECK(t.r(1) == 0x111);
  CHECK(t.r(2) == 0x222);
  CHECK(t.r(13) == sp);
  CHECK(t.pc() == 0x3000);

  t.set(3, 0xABC);
  t.run({0xF84D3D04});  // str.w r3, [sp, #-4]!  (PUSH T3)
  CHECK(t.r(13) == sp - 4);
  CHECK(t.peek32(sp - 4) == 0xABC);
  t.set(3, 0);
  t.run({0xF85D3B04});  // ldr.w r3, [sp], #4  (POP T3)
  CHECK(t.r(3) == 0xABC);
  CHECK(t.r(13) == sp);
}

TEST_CASE("LDRD/STRD offset, pre- and post-indexed; alignment is required") {
  TestCpu t;
  t.poke32(kBase + 8, 0x88888888);
  t.poke32(kBase + 12, 0xCCCCCCCC);
  t.set(0, kBase);
  t.run({0xE9D02302});  // ldrd r2, r3, [r0, #8]
  CHECK(t.r(2) == 0x88888888);
  CHECK(t.r(3) == 0xCCCCCCCC);
  CHECK(t.r(0) == kBase);
  t.run({0xE9F02302});  // ldrd r2, r3, [r0, #8]!
  CHECK(t.r(0) == kBase + 8);
  t.run({0xE8702302});  // ldrd r2, r3, [r0], #-8
  CHECK(t.r(2) == 0x88888888);
  CHECK(t.r(0) == kBase);
  t.set(2, 0x12);
  t.set(3, 0x34);
  t.run({0xE9602302});  // strd r2, r3, [r0, #-8]!
  CHECK(t.r(0) == kBase - 8);
  CHECK(t.peek32(kBase - 8) == 0x12);
  CHECK(t.peek32(kBase - 4) == 0x34);

  t.set(0, kBase);
  t.run({0xE9D02301});  // ldrd r2, r3, [r0, #4] with r0 + 4 word aligned: fine
  CHECK_FALSE(t.faulted());
  t.set(0, kBase + 2);
  t.run({0xE9D02301});  // misaligned
  CHECK(t.faulted());
  CHECK((t.fault_status() & kUfsrUnaligned) != 0);
}

TEST_CASE("LDREX/STREX succeed as a pair and fail after CLREX") {
  TestCpu t;
  t.poke32(kBase + 4, 41);
  t.set(0, kBase);
  t.run({0xE8501F01});  // ldrex r1, [r0, #4]
  CHECK(t.r(1) == 41);
  t.set(3, 42);
  t.run({0xE8403201});  // strex r2, r3, [r0, #4]
  CHECK(t.r(2) == 0);
  CHECK(t.peek32(kBase + 4) == 42);
  // The monitor is now clear: a second STREX fails and stores nothing.
  t.set(3, 43);
  t.run({0xE8403201});
  CHECK(t.r(2) == 1);
  CHECK(t.peek32(kBase + 4) == 42);
  // LDREX, CLREX, STREX: fails.
  t.run({0xE8501F01, 0xF3BF8F2F, 0xE8403201});  // ldrex; clrex; strex
  CHECK(t.r(2) == 1);
  CHECK(t.peek32(kBase + 4) == 42);
}

TEST_CASE("byte and halfword exclusives") {
  TestCpu t;
  t.poke32(kBase, 0x0000BEEF);
  t.set(0, kBase);
  t.set(3, 0x1234);
  t.run({0xE8D01F5F, 0xE8C03F52});  // ldrexh r1, [r0]; strexh r2, r3, [r0]
  CHECK(t.r(1) == 0xBEEF);
  CHECK(t.r(2) == 0);
  CHECK(t.peek32(kBase) == 0x00001234);
  t.set(3, 0xAB);
  t.run({0xE8D01F4F, 0xE8C03F42});  // ldrexb r1, [r0]; strexb r2, r3, [r0]
  CHECK(t.r(1) == 0x34);
  CHECK(t.r(2) == 0);
  CHECK(t.peek32(kBase) == 0x000012AB);
}

TEST_CASE("TBB and TBH branch forward by twice the table entry") {
  TestCpu t;
  t.set(0, 2);
  t.load({0xE8DFF000});  // tbb [pc, r0]; the byte table follows at kCode + 4
  t.poke8(kCode + 4 + 2, 5);
  t.step();
  CHECK(t.pc() == kCode + 4 + 10);

  t.set(0, 1);
  t.load({0xE8DFF010});  // tbh [pc, r0, lsl #1]
  t.poke16(kCode + 4 + 2, 0x100);
  t.step();
  CHECK(t.pc() == kCode + 4 + 0x200);
}

TEST_CASE("POP.W of an EXC_RETURN into PC returns from the exception") {
  // SVC enters the handler at kOtherHandler with LR = EXC_RETURN (B1.5.6); the handler's
  // push.w {r4, lr} / pop.w {r4, pc} returns to the instruction after the SVC (B1.5.8).
  TestCpu t;
  t.poke32(kOtherHandler, 0x4010E92D);      // push.w {r4, lr}
  t.poke32(kOtherHandler + 4, 0x8010E8BD);  // pop.w {r4, pc}
  t.load({0xDF00, 0xBF00});                 // svc #0; nop
  t.step();
  CHECK(t.pc() == kOtherHandler);
  CHECK(t.r(14) == 0xFFFFFFF9);
  t.step(2);
  CHECK(t.pc() == kCode + 2);
  CHECK((t.cpu.read_register(16) & 0x1FF) == 0);  // xPSR.IPSR: back in Thread mode
}
