// 32-bit multiplies, divides, branches and miscellaneous control executed on a Cortex-M3
// (and a Cortex-M4 where timing differs). Encodings are arm-none-eabi-as output (the
// comment gives the source line); expected values follow the ARMv7-M ARM pseudocode, cycle
// counts the Cortex-M3/M4 TRM instruction timing tables.
#include <catch2/catch.hpp>

#include "tests/unit/thumb32/test_cpu.h"

using namespace anvil::arm;
using namespace anvil::arm::test;

TEST_CASE("MUL, MLA and MLS keep the low 32 bits") {
  TestCpu t;
  t.set(1, 0x10001);
  t.set(2, 0x10001);
  t.set(3, 5);
  t.run({0xFB01F002});  // mul.w r0, r1, r2
  CHECK(t.r(0) == 0x00020001);
  t.run({0xFB013002});  // mla r0, r1, r2, r3
  CHECK(t.r(0) == 0x00020006);
  t.run({0xFB013012});  // mls r0, r1, r2, r3
  CHECK(t.r(0) == 5u - 0x00020001u);
}

TEST_CASE("long multiplies and accumulates") {
  TestCpu t;
  t.set(2, 0xFFFFFFFF);  // -1 signed
  t.set(3, 2);
  t.run({0xFB820103});  // smull r0, r1, r2, r3
  CHECK(t.r(0) == 0xFFFFFFFE);
  CHECK(t.r(1) == 0xFFFFFFFF);
  t.run({0xFBA20103});  // umull r0, r1, r2, r3
  CHECK(t.r(0) == 0xFFFFFFFE);
  CHECK(t.r(1) == 1);
  // r1:r0 = 1:0xFFFFFFFE; SMLAL adds -2 -> 1:0xFFFFFFFC
  t.run({0xFBC20103});  // smlal r0, r1, r2, r3
  CHECK(t.r(0) == 0xFFFFFFFC);
  CHECK(t.r(1) == 1);
  // UMLAL adds 0x1FFFFFFFE -> 3:0xFFFFFFFA
  t.run({0xFBE20103});  // umlal r0, r1, r2, r3
  CHECK(t.r(0) == 0xFFFFFFFA);
  CHECK(t.r(1) == 3);
}

TEST_CASE("SDIV and UDIV round towards zero; INT_MIN / -1 is INT_MIN") {
  TestCpu t;
  t.set(1, static_cast<std::uint32_t>(-7));
  t.set(2, 2);
  t.run({0xFB91F0F2});  // sdiv r0, r1, r2
  CHECK(t.r(0) == static_cast<std::uint32_t>(-3));
  t.set(1, 0x80000000);
  t.set(2, 0xFFFFFFFF);
  t.run({0xFB91F0F2});  // sdiv r0, r1, r2
  CHECK(t.r(0) == 0x80000000);
  t.set(1, 0xFFFFFFFF);
  t.set(2, 2);
  t.run({0xFBB1F0F2});  // udiv r0, r1, r2
  CHECK(t.r(0) == 0x7FFFFFFF);
}

TEST_CASE("divide by zero gives 0, or a DIVBYZERO UsageFault with CCR.DIV_0_TRP") {
  TestCpu t;
  t.set(0, 0x1234);
  t.set(1, 100);
  t.set(2, 0);
  t.run({0xFB91F0F2});  // sdiv r0, r1, r2
  CHECK(t.r(0) == 0);
  CHECK_FALSE(t.faulted());

  t.trap_divide_by_zero();
  t.set(0, 0x1234);
  t.set(1, 100);
  t.set(2, 0);
  t.run({0xFBB1F0F2});  // udiv r0, r1, r2
  CHECK(t.faulted());
  CHECK(t.r(0) == 0x1234);
  CHECK((t.fault_status() & kUfsrDivideByZero) != 0);
}

TEST_CASE("cycle counts: multiply-accumulate, long multiply and divide per core") {
  TestCpu m3;
  m3.set(1, 3);
  m3.set(2, 4);
  m3.load({0xFB013002});  // mla r0, r1, r2, r3
  CHECK(m3.cpu.step() == 2);
  m3.load({0xFBA20103});  // umull r0, r1, r2, r3: small operands terminate early
  CHECK(m3.cpu.step() == 3);
  m3.set(2, 0x12345678);
  m3.set(3, 0x9ABCDEF0);
  m3.load({0xFBA20103});  // umull: both operands wider than 16 bits
  CHECK(m3.cpu.step() == 5);
  m3.set(1, 7);
  m3.set(2, 9);
  m3.load({0xFBB1F0F2});  // udiv r0, r1, r2: quotient 0
  CHECK(m3.cpu.step() == 2);
  m3.set(1, 0xFFFFFFFF);
  m3.set(2, 1);
  m3.load({0xFBB1F0F2});  // udiv: a 32-bit quotient
  CHECK(m3.cpu.step() == 12);

  TestCpu m4("cortex-m4");
  m4.set(2, 0x12345678);
  m4.set(3, 0x9ABCDEF0);
  m4.load({0xFB013002});  // mla: single-cycle MAC on the M4
  CHECK(m4.cpu.step() == 1);
  m4.load({0xFBA20103});  // umull
  CHECK(m4.cpu.step() == 1);
}

TEST_CASE("cycle counts: loads, LDM and taken branches (M3 TRM Table 18-1)") {
  TestCpu t;
  t.set(0, kRam);
  t.load({0xF8D10008});  // ldr.w r0, [r1, #8]
  t.set(1, kRam);
  CHECK(t.cpu.step() == 2);
  t.load({0xE8B0000E});  // ldmia.w r0!, {r1, r2, r3}: 1 + N
  CHECK(t.cpu.step() == 4);
  t.load({0xF000BFFE});  // b.w .+0x1000: 1 + P
  CHECK(t.cpu.step() == 3);
}

TEST_CASE("B.W, conditional B.W and BL") {
  TestCpu t;
  t.run({0xF000BFFE});  // b.w .+0x1000
  CHECK(t.pc() == kCode + 0x1000);

  t.cpu.flags.z = true;
  t.run({0xF43FAF7E});  // beq.w .-0x100
  CHECK(t.pc() == kCode - 0x100);
  t.run({0xF040807E});  // bne.w .+0x100 (not taken)
  CHECK(t.pc() == kCode + 4);
  t.cpu.flags.z = false;
  t.run({0xF040807E});  // bne.w .+0x100 (taken)
  CHECK(t.pc() == kCode + 0x100);

  t.run({0xF001FFFE});  // bl .+0x2000
  CHECK(t.pc() == kCode + 0x2000);
  CHECK(t.r(14) == ((kCode + 4) | 1));
  t.run({0xF7FEFFFE});  // bl .-0x1000
  CHECK(t.pc() == kCode - 0x1000);
}

TEST_CASE("B.W T4 reaches the far ends of its +/-16 MiB range") {
  // S = 1, J1 = J2 = 0 gives I1 = I2 = 0: the most negative offset.
  TestCpu t;
  t.run({0xF4009000});  // b.w .-0x1000000+4: offset -16 MiB
  CHECK(t.pc() == kCode + 4 - 0x1000000);
}

TEST_CASE("MRS and MSR move the APSR and the special registers") {
  TestCpu t;
  t.set(1, 0xF8000000);  // N Z C V Q
  t.run({0xF3818800});   // msr apsr_nzcvq, r1
  CHECK(t.cpu.flags.n);
  CHECK(t.cpu.flags.z);
  CHECK(t.cpu.flags.c);
  CHECK(t.cpu.flags.v);
  CHECK(t.cpu.flags.q);
  t.run({0xF3EF8000});  // mrs r0, apsr
  CHECK(t.r(0) == 0xF8000000);
  t.set(1, 1);
  t.run({0xF3818810, 0xF3EF8010});  // msr primask, r1; mrs r0, primask
  CHECK(t.r(0) == 1);
}

TEST_CASE("hints and barriers execute as single-cycle no-ops") {
  TestCpu t;
  t.set(0, 0x55);
  t.run({0xF3AF8000, 0xF3AF8001, 0xF3AF8004, 0xF3BF8F4F, 0xF3BF8F5F, 0xF3BF8F6F});
  // nop.w; yield.w; sev.w; dsb sy; dmb sy; isb sy
  CHECK(t.pc() == kCode + 24);
  CHECK(t.r(0) == 0x55);
  CHECK_FALSE(t.faulted());
}

TEST_CASE("UDF.W is UNDEFINED and coprocessor instructions raise NOCP") {
  TestCpu t;
  t.run({0xF7F0A001});  // udf.w #1
  CHECK(t.faulted());
  CHECK((t.fault_status() & kUfsrUndefined) != 0);

  TestCpu u;
  u.run({0xEE070F15});  // mcr p15, 0, r0, c7, c5, 0
  CHECK(u.faulted());
  CHECK((u.fault_status() & kUfsrNoCoprocessor) != 0);

  TestCpu v;
  v.run({0xED902100});  // ldc p1, c2, [r0]
  CHECK(v.faulted());
  CHECK((v.fault_status() & kUfsrNoCoprocessor) != 0);
}

TEST_CASE("an IT block skips a failed 32-bit instruction") {
  TestCpu t;
  t.cpu.flags.z = false;
  t.set(1, 1);
  t.set(2, 2);
  // ite eq; addeq.w r0, r1, r2; subne.w r0, r1, r2
  t.run({0xBF0C, 0xEB010002, 0xEBA10002});
  CHECK(t.r(0) == 0xFFFFFFFF);
}
