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
