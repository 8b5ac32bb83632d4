// The timing tables (cores/mips/mips_variant.cpp) on short sequences, in cycles for the
// whole sequence (one per instruction plus stalls and branch costs). The references:
//  - R3000: MULT 12 and DIV 35 cycles before MFHI/MFLO (IDT R30xx manual ch. 2); nothing
//    else stalls (the load delay slot is architectural).
//  - 4Kc: load to use 1 stall, also as an address (4K SUM ch. 2).
//  - 24Kf: the 24K SUM's latencies as GCC's 24K model (gcc/config/mips/24k.md) gives them:
//    load to use 2, load to a base 3, ALU to a base 2, MUL 5, MFLO 5 with MULT to MFLO 1,
//    DIV 36; ADD.S 4, DIV.S 17 repeating every 14, LWC1 3, C.cond to BC1 2; branch-likely
//    predicted taken, JR $31 by the return stack, other JRs and mispredictions 4
//    (mips_variant.cpp says which numbers are ours).
// Encodings from GNU as (mips-linux-gnu-as -march=mips32r2).
#include <functional>

#include "cores/mips/mips_timing.h"
#include "cores/mips/mips_variant.h"
#include "mips_test_machine.h"

namespace mips_test {

namespace {

constexpr std::uint32_t kLwT0 = 0x8c080200;          // lw    $t0, 0x200($zero)
constexpr std::uint32_t kAdduT1T0T0 = 0x01084821;    // addu  $t1, $t0, $t0
constexpr std::uint32_t kAdduT1T2T3 = 0x014b4821;    // addu  $t1, $t2, $t3
constexpr std::uint32_t kLwT1BaseT0 = 0x8d090200;    // lw    $t1, 0x200($t0)
constexpr std::uint32_t kLiT0 = 0x24080200;          // addiu $t0, $zero, 0x200
constexpr std::uint32_t kMulT0 = 0x70854002;         // mul   $t0, $a0, $a1
constexpr std::uint32_t kPrefBaseT0 = 0xcd000000;    // pref  0, 0($t0)
constexpr std::uint32_t kMult = 0x00850018;          // mult  $a0, $a1
constexpr std::uint32_t kMflo = 0x00001012;          // mflo  $v0
constexpr std::uint32_t kAdduT1V0V0 = 0x00424821;    // addu  $t1, $v0, $v0
constexpr std::uint32_t kDiv = 0x0085001a;           // div   $zero, $a0, $a1
constexpr std::uint32_t kBnelNotTaken = 0x5400000a;  // bnel  $zero, $zero, +40
constexpr std::uint32_t kBeqTaken = 0x10000009;      // beq   $zero, $zero, +36
constexpr std::uint32_t kJrT0 = 0x01000008;          // jr    $t0
constexpr std::uint32_t kJrRa = 0x03e00008;          // jr    $ra
constexpr std::uint32_t kJal10 = 0x0c000004;         // jal   0x80000010
constexpr std::uint32_t kAddSF2 = 0x46000080;        // add.s $f2, $f0, $f0
constexpr std::uint32_t kAddSF4F2 = 0x46021100;      // add.s $f4, $f2, $f2
constexpr std::uint32_t kDivSF2 = 0x46000083;        // div.s $f2, $f0, $f0
constexpr std::uint32_t kDivSF4F6 = 0x46063103;      // div.s $f4, $f6, $f6
constexpr std::uint32_t kLwc1F0 = 0xc4000200;        // lwc1  $f0, 0x200($zero)
constexpr std::uint32_t kCLtS = 0x4602003c;          // c.lt.s $f0, $f2
constexpr std::uint32_t kBc1t = 0x45010002;          // bc1t  +8
constexpr std::uint32_t kNop = 0;

constexpr unsigned kT0 = 8, kStatus = 32;
constexpr std::uint32_t kCu1 = 1u << 29;

// Places `program` at 0x80000000 (kseg0) and returns the cycles of its first `steps`
// instructions (all of them by default). `setup` may set registers first.
Cycles cycles_for(
    const std::string& model, const std::vector<std::uint32_t>& program, std::size_t steps = 0,
    const std::function<void(Core&)>& setup = [](Core&) {}) {
  Machine m(model, std::endian::big);
  for (std::size_t i = 0; i < program.size(); ++i) {
    const std::uint32_t be = anvil::byteswap(program[i]);
    std::memcpy(&m.bus.ram[4 * i], &be, 4);
  }
  m.core->reset();
  m.core->write_register(kPc, 0x80000000);
  m.core->write_register(kStatus, m.core->read_register(kStatus) | kCu1);
  setup(*m.core);
  Cycles used = 0;
  for (std::size_t i = 0; i < (steps ? steps : program.size()); ++i) used += m.core->step();
  return used;
}

std::vector<std::uint32_t> mult_nops_mflo(unsigned nops_between) {
  std::vector<std::uint32_t> program{kMult};
  program.insert(program.end(), nops_between, kNop);
  program.push_back(kMflo);
  return program;
}

}  // namespace

TEST_CASE("MULT then MFLO: the R3000 waits 12 cycles, the 24Kf's pipelined MDU none", "[mips]") {
  CHECK(cycles_for("r3000", mult_nops_mflo(0)) == 1 + 12);
  CHECK(cycles_for("r3000", mult_nops_mflo(11)) == 1 + 11 + 1);  // ready by then: no stall
  CHECK(cycles_for("r3000", mult_nops_mflo(5)) == 1 + 5 + (12 - 5));
  CHECK(cycles_for("24kf", mult_nops_mflo(0)) == 2);
  // MFLO's own result comes 5 cycles after it issues: a user right behind waits 4.
  CHECK(cycles_for("24kf", {kMult, kMflo, kAdduT1V0V0}) == 1 + 1 + 1 + 4);
  CHECK(cycles_for("4kc", mult_nops_mflo(0)) == 1 + 2);
}

TEST_CASE("DIV then MFLO: 35 cycles on the R3000, 36 on the 24Kf; the MDU is busy", "[mips]") {
  CHECK(cycles_for("r3000", {kDiv, kMflo}) == 1 + 35);
  CHECK(cycles_for("24kf", {kDiv, kMflo}) == 1 + 36);
  // A multiply behind a divide waits for the unit too.
  CHECK(cycles_for("24kf", {kDiv, kMult}) == 1 + 36);
}

TEST_CASE("Load to use: 24Kf and 4Kc interlock, the R3000 has its delay slot", "[mips]") {
  // Independent ALU operations: one cycle each.
  CHECK(cycles_for("24kf", {kAdduT1T2T3, kAdduT1T2T3, kAdduT1T2T3, kAdduT1T2T3}) == 4);
  CHECK(cycles_for("24kf", {kLwT0, kAdduT1T0T0}) == 1 + 1 + 1);
  CHECK(cycles_for("24kf", {kLwT0, kNop, kAdduT1T0T0}) == 3);  // covered by the nop
  CHECK(cycles_for("4kc", {kLwT0, kAdduT1T0T0}) == 1 + 1 + 1);
  CHECK(cycles_for("r3000", {kLwT0, kAdduT1T0T0}) == 2);
  // As a base address the 24K needs the value a stage earlier: 2 stalls after a load, 1
  // after an ALU result; the 4Kc computes addresses with the ALU.
  CHECK(cycles_for("24kf", {kLwT0, kLwT1BaseT0}) == 1 + 1 + 2);
  CHECK(cycles_for("24kf", {kLwT0, kNop, kLwT1BaseT0}) == 1 + 1 + 1 + 1);
  CHECK(cycles_for("24kf", {kLiT0, kLwT1BaseT0}) == 1 + 1 + 1);
  CHECK(cycles_for("4kc", {kLwT0, kLwT1BaseT0}) == 1 + 1 + 1);
  // PREF's base is an address too, though the hint itself does nothing here.
  CHECK(cycles_for("24kf", {kLwT0, kPrefBaseT0}) == 1 + 1 + 2);
  CHECK(cycles_for("24kf", {kLiT0, kPrefBaseT0}) == 1 + 1 + 1);
  CHECK(cycles_for("4kc", {kLwT0, kPrefBaseT0}) == 1 + 1 + 1);
  CHECK(cycles_for("4kc", {kLiT0, kLwT1BaseT0}) == 2);
}

TEST_CASE("MUL to a GPR: its user waits for latency 5 on the 24Kf", "[mips]") {
  CHECK(cycles_for("24kf", {kMulT0, kAdduT1T0T0}) == 1 + 1 + 4);
  CHECK(cycles_for("24kf", {kMulT0, kNop, kNop, kNop, kNop, kAdduT1T0T0}) == 6);
  CHECK(cycles_for("24kf", {kMulT0, kAdduT1T2T3}) == 2);  // independent: no stall
}

TEST_CASE("MUL to a GPR on the 4Kc: 2 cycles, whatever follows", "[mips]") {
  // 4K SUM (MD00016) Table 2-3: MUL writes its GPR after 2 cycles, stalling the pipeline.
  CHECK(cycles_for("4kc", {kMulT0}) == 2);
  CHECK(cycles_for("4kc", {kMulT0, kAdduT1T2T3}) == 2 + 1);
  CHECK(cycles_for("4kc", {kMulT0, kAdduT1T0T0}) == 2 + 1);
}

TEST_CASE("24Kf branches: branch-likely, the return stack and register jumps", "[mips]") {
  // BNEL not taken is a misprediction (predicted taken); its delay slot is annulled.
  CHECK(cycles_for("24kf", {kBnelNotTaken}) == 1 + 4);
  // A taken BEQ the counters have not seen: predicted not taken.
  CHECK(cycles_for("24kf", {kBeqTaken}) == 1 + 4);
  // JAL 0x80000010 (pushing the return address), its delay slot, then JR $ra there: the
  // return stack predicts it.
  std::vector<std::uint32_t> call{kJal10, kNop, kNop, kNop, kJrRa, kNop};
  CHECK(cycles_for("24kf", call, 4) == 4);
  // JR through another register waits for its target.
  const auto t0_at_return = [](Core& core) { core.write_register(kT0, 0x80000008); };
  CHECK(cycles_for("24kf", {kJrT0, kNop}, 2, t0_at_return) == 1 + 4 + 1);
  CHECK(cycles_for("4kc", {kJrT0, kNop}, 2, t0_at_return) == 2);
}

TEST_CASE("24Kf FPU latencies: ADD.S 4, DIV.S repeat 14, LWC1 3, C.cond 2", "[mips]") {
  CHECK(cycles_for("24kf", {kAddSF2, kAddSF4F2}) == 1 + 1 + 3);
  CHECK(cycles_for("24kf", {kAddSF2, kNop, kNop, kNop, kAddSF4F2}) == 5);
  CHECK(cycles_for("24kf", {kDivSF2, kDivSF4F6}) == 1 + 1 + 13);  // independent, one unit
  CHECK(cycles_for("24kf", {kDivSF2, kAddSF4F2}) == 1 + 1 + 16);
  CHECK(cycles_for("24kf", {kLwc1F0, kAddSF2}) == 1 + 1 + 2);
  // C.cond to BC1: 2 (BC1 not taken here: 0 < 0 is false, as its counter predicts).
  CHECK(cycles_for("24kf", {kCLtS, kBc1t, kNop}) == 1 + 1 + 1 + 1);
  CHECK(cycles_for("24kf", {kCLtS, kNop, kBc1t, kNop}) == 4);
}

// The run loop's inline forms check their operands themselves and stay inline only where
// the instruction's IssueSummary (decoded from the encoding, mips_timing.cpp) names the same
// registers, stages and result; a form that claimed other operands must not match.
TEST_CASE("inline issue checks agree with the decoded summary, and only then", "[mips]") {
  using Read = mips::PipelineTiming::Read;
  const mips::PipelineTiming timing(*mips::find_variant("24kf").timing);
  constexpr std::uint8_t t0 = 8, t1 = 9, t2 = 10, t3 = 11;
  const auto matches = [&](std::uint32_t insn, std::initializer_list<Read> reads, unsigned result,
                           bool load) {
    return timing.summary_matches(timing.summary(insn), std::span(reads.begin(), reads.size()),
                                  result, load);
  };
  // lw t1,0x200(t0): t0 at address generation, t1 with the load latency.
  CHECK(matches(kLwT1BaseT0, {{t0, true}}, t1, true));
  CHECK_FALSE(matches(kLwT1BaseT0, {{t0, false}}, t1, true));  // not as an ALU operand
  CHECK_FALSE(matches(kLwT1BaseT0, {{t0, true}}, t1, false));  // not the ALU's latency
  // addu t1,t2,t3 and addu t1,t0,t0 (one register read twice).
  CHECK(matches(kAdduT1T2T3, {{t2, false}, {t3, false}}, t1, false));
  CHECK(matches(kAdduT1T0T0, {{t0, false}, {t0, false}}, t1, false));
  CHECK_FALSE(matches(kAdduT1T2T3, {{t2, false}}, t1, false));
  CHECK_FALSE(matches(kAdduT1T2T3, {{t2, false}, {t3, false}}, t2, false));
  // addiu t0,zero,0x200: $zero is always ready and left out.
  CHECK(matches(kLiT0, {{0, false}}, t0, false));
  CHECK(matches(kLiT0, {}, t0, false));
  // beq zero,zero: no operand to wait for, no result; mult needs the unit: never inline.
  CHECK(matches(kBeqTaken, {{0, false}, {0, false}}, 0, false));
  CHECK_FALSE(matches(kBeqTaken, {}, t0, false));
  CHECK_FALSE(matches(kMult, {{4, false}, {5, false}}, 0, false));
}

}  // namespace mips_test
