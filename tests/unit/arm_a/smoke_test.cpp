#include <catch2/catch.hpp>

#include "tests/unit/arm_a/test_machine.h"

using namespace anvil;
using namespace anvil::arm;

TEST_CASE("smoke: ARM add, then Thumb via BX") {
  test::Machine m;
  // e3a00005 mov r0,#5 ; e2801007 add r1,r0,#7 ; e28f2001 add r2,pc,#1 ; e12fff12 bx r2
  // thumb: 3103 adds r1,#3 ; e7fe b .
  const std::uint32_t code[] = {0xe3a00005, 0xe2801007, 0xe28f2001, 0xe12fff12, 0xe7fe3103};
  m.load({reinterpret_cast<const std::uint8_t*>(code), sizeof code}, 0x1000);
  m.set(arm_a_register::kCpsr, 0x1D3);
  REQUIRE(m.run(0x1000, 0x1012));
  CHECK(m.r(0) == 5);
  CHECK(m.r(1) == 15);
}

TEST_CASE("a store to the next instruction of a decoded run executes the new instruction") {
  test::Machine m;
  // e59f100c ldr r1,[pc,#12] (the word at 0x1014) ; e50f1004 str r1,[pc,#-4] (to 0x1008)
  // e3a00002 mov r0,#2, replaced by e3a00003 mov r0,#3 ; e3a02007 mov r2,#7 ; eafffffe b .
  const std::uint32_t code[] = {0xe59f100c, 0xe50f1004, 0xe3a00002,
                                0xe3a02007, 0xeafffffe, 0xe3a00003};
  m.load({reinterpret_cast<const std::uint8_t*>(code), sizeof code}, 0x1000);
  m.set(arm_a_register::kCpsr, 0x1D3);
  m.set(arm_a_register::kPc, 0x1000);
  // One run() over the whole program: the first pass decodes it as one straight-line run
  // before the store changes it.
  m.core->run(100);
  CHECK(m.core->pc() == 0x1010);
  CHECK(m.r(0) == 3);
  CHECK(m.r(2) == 7);
}
