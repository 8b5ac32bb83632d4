// The timing tables (cores/mips/mips_variant.cpp): one cycle per instruction, plus the
// MFLO interlock after MULT for the multiply latency each core's manual gives (R3000 12,
// IDT R30xx manual ch. 2; 24Kf 4, 24K SUM Table 2-2), and none once enough instructions
// separate them.
#include "mips_test_machine.h"

namespace mips_test {

namespace {

// Encodings from the MIPS32 ISA manual: MULT $a0,$a1; MFLO $v0; NOP (SLL $0,$0,0).
constexpr std::uint32_t kMult = 0x00850018, kMflo = 0x00001012, kNop = 0;

Cycles cycles_for(const std::string& model, unsigned nops_between) {
  Machine m(model, std::endian::big);
  std::vector<std::uint32_t> program{kMult};
  program.insert(program.end(), nops_between, kNop);
  program.push_back(kMflo);
  for (std::size_t i = 0; i < program.size(); ++i) {
    const std::uint32_t be = anvil::byteswap(program[i]);
    std::memcpy(&m.bus.ram[4 * i], &be, 4);
  }
  m.core->reset();
  m.core->write_register(kPc, 0x80000000);
  Cycles used = 0;
  for (std::size_t i = 0; i < program.size(); ++i) used += m.core->step();
  return used;
}

}  // namespace

TEST_CASE("MULT then MFLO waits for the multiplier: 12 cycles on the R3000, 4 on the 24Kf",
          "[mips]") {
  CHECK(cycles_for("r3000", 0) == 1 + 12);
  CHECK(cycles_for("r3000", 11) == 1 + 11 + 1);  // ready by then: no stall
  CHECK(cycles_for("r3000", 5) == 1 + 5 + (12 - 5));
  CHECK(cycles_for("24kf", 0) == 1 + 4);
  CHECK(cycles_for("24kf", 3) == 1 + 3 + 1);
}

}  // namespace mips_test
