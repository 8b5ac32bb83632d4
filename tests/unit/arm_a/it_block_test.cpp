// IT blocks in the run loop over decoded runs (ArmA::decode_in_run: the instructions after an
// IT carry the IT state they were decoded under): the results the ARMv7-A ARM gives
// (A8.8.55 IT, A2.5.2 ITSTATE, B1.8.3 the SPSR of an exception inside a block), on a core
// with the specialised ops and on one without (which runs every block by the live ITSTATE),
// for a block entered in order, a branch into a block, a block whose IT ends a decoded run,
// and a data abort inside a block.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/unit/arm_a/test_machine.h"

using namespace anvil;
using namespace anvil::arm;

namespace {

constexpr std::uint32_t kSupervisorThumb = 0x1F3;  // SVC mode, IRQ/FIQ masked, T
constexpr std::uint32_t kZ = 1u << 30, kN = 1u << 31;

// Thumb encodings (ARMv7-A ARM A8.8): MOVS r0,#1; CMP r0,#1; ITE EQ (firstcond 0000, mask
// 1100); MOV<c> r1,#2 and #3 (MOVS outside a block, flags untouched inside); B .; LDR r1,[r3].
constexpr std::uint16_t kMovsR0One = 0x2001, kCmpR0One = 0x2801, kIteEq = 0xBF0C;
constexpr std::uint16_t kMovR1Two = 0x2102, kMovR1Three = 0x2103, kBranchSelf = 0xE7FE;
constexpr std::uint16_t kLdrR1AtR3 = 0x6819;

void load_thumb(test::Machine& m, std::uint32_t at, const std::vector<std::uint16_t>& code) {
  m.load({reinterpret_cast<const std::uint8_t*>(code.data()), code.size() * 2}, at);
}

// Runs from `start` through run() (the decoded-run loop) for `cycles`.
void run_from(test::Machine& m, std::uint32_t start, Cycles cycles) {
  m.set(arm_a_register::kCpsr, kSupervisorThumb);
  m.set(arm_a_register::kPc, start | 1);
  m.core->run(cycles);
}

}  // namespace

TEST_CASE("IT: ITE EQ after an equal compare takes the then-instruction, flags untouched") {
  for (const bool ops : {true, false}) {
    INFO("specialised ops " << ops);
    test::Machine m("cortex-a15", false, nullptr, ops);
    load_thumb(m, 0x1000,
               {kMovsR0One, kCmpR0One, kIteEq, kMovR1Two, kMovR1Three, kMovsR0One, kBranchSelf});
    m.set(1, 0xFFFF);
    run_from(m, 0x1000, 40);
    CHECK(m.core->pc() == 0x100C);
    CHECK(m.r(1) == 2);
    CHECK((m.r(arm_a_register::kCpsr) & kZ) == 0);            // the MOVS after the block sets flags
    CHECK(((m.r(arm_a_register::kCpsr) >> 10) & 0x3F) == 0);  // ITSTATE done
    CHECK(((m.r(arm_a_register::kCpsr) >> 25) & 3) == 0);

    // The same block again, now decoded, after a compare that fails: the else-instruction.
    m.set(0, 5);
    m.set(arm_a_register::kCpsr, kSupervisorThumb);
    m.set(arm_a_register::kPc, 0x1003);  // CMP r0,#1
    m.core->run(40);
    CHECK(m.r(1) == 3);
  }
}

TEST_CASE("IT: a branch into a decoded IT block runs the instruction unconditionally") {
  for (const bool ops : {true, false}) {
    INFO("specialised ops " << ops);
    test::Machine m("cortex-a15", false, nullptr, ops);
    load_thumb(m, 0x1000, {kMovsR0One, kCmpR0One, kIteEq, kMovR1Two, kMovR1Three, kBranchSelf});
    run_from(m, 0x1000, 40);  // decodes the run with the block
    REQUIRE(m.r(1) == 2);
    // ITSTATE 0 at the else-instruction: outside a block MOVS r1,#3 executes and sets N and Z.
    m.set(arm_a_register::kCpsr, kSupervisorThumb | kZ);
    m.set(arm_a_register::kPc, 0x1009);
    m.core->run(40);
    CHECK(m.core->pc() == 0x100A);
    CHECK(m.r(1) == 3);
    CHECK((m.r(arm_a_register::kCpsr) & (kZ | kN)) == 0);
  }
}

TEST_CASE("IT: a block whose IT is the last instruction of a decoded page") {
  for (const bool ops : {true, false}) {
    INFO("specialised ops " << ops);
    test::Machine m("cortex-a15", false, nullptr, ops);
    // ITE EQ at 0x1FFC ends the page's decoded run; its block runs on at 0x1FFE and 0x2000.
    load_thumb(m, 0x1FF8, {kMovsR0One, kCmpR0One, kIteEq, kMovR1Two, kMovR1Three, kBranchSelf});
    m.set(1, 0xFFFF);
    run_from(m, 0x1FF8, 40);
    CHECK(m.core->pc() == 0x2002);
    CHECK(m.r(1) == 2);
    CHECK((m.r(arm_a_register::kCpsr) & kZ) != 0);
  }
}

TEST_CASE("IT: a data abort inside a block records the instruction's ITSTATE in SPSR") {
  for (const bool ops : {true, false}) {
    INFO("specialised ops " << ops);
    test::Machine m("cortex-a15", false, nullptr, ops);
    load_thumb(m, 0x1000, {kMovsR0One, kCmpR0One, kIteEq, kLdrR1AtR3, kMovR1Three, kBranchSelf});
    m.set(3, 0x00800000);  // above the 4 MiB of RAM: the load aborts
    m.set(arm_a_register::kCpsr, kSupervisorThumb);
    REQUIRE(m.run(0x1001, 0x10, 10));  // the data abort vector (B1.8.1), SCTLR.V = 0
    const std::uint32_t spsr = static_cast<std::uint32_t>(m.r(arm_a_register::kSpsr));
    // ITSTATE 0x0C (firstcond EQ, mask 1100) at the load: IT[7:2] in bits 15:10, IT[1:0] in
    // 26:25 (B1.3.3).
    CHECK(((spsr >> 10) & 0x3F) == (0x0C >> 2));
    CHECK(((spsr >> 25) & 3) == (0x0C & 3));
    CHECK((spsr & 0x20) != 0);
    CHECK(m.r(arm_a_register::kLr) == 0x1006 + 8);  // LR_abt: the load + 8 (B1.8.7)
    CHECK(((m.r(arm_a_register::kCpsr) >> 10) & 0x3F) == 0);
  }
}
