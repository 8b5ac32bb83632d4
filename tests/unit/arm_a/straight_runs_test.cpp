// The run loop's straight stretches (DecodedArm::straight: entries whose op never writes the
// PC, run one after another without the next-PC bookkeeping) against the per-instruction
// path of a core without the specialised ops, where nothing is straight: a budget that ends
// inside a stretch, a data abort in the middle and at the end of one, and a store that
// rewrites an instruction further on in the stretch being run (the page is dropped and
// decoded again). Registers, the pc and the cycle and instruction counts must agree; the
// expected values come from the ARMv7-A ARM (A8.8 encodings, B1.8.3 exception entry).
#include <catch2/catch.hpp>

#include <vector>

#include "tests/unit/arm_a/test_machine.h"

using namespace anvil;
using namespace anvil::arm;

namespace {

constexpr std::uint32_t kSupervisorThumb = 0x1F3;  // SVC mode, IRQ/FIQ masked, T
constexpr std::uint32_t kSupervisorArm = 0x1D3;    // the same in ARM state
constexpr std::uint32_t kData = 0x8000;            // RAM the programs load and store
constexpr std::uint32_t kUnmapped = 0x00800000;    // above the 4 MiB of RAM: accesses abort

// Thumb encodings (ARMv7-A ARM A8.8).
constexpr std::uint16_t movs(unsigned rd, unsigned imm8) {  // MOVS <Rd>,#imm8 (T1)
  return static_cast<std::uint16_t>(0x2000 | (rd << 8) | imm8);
}
constexpr std::uint16_t adds1(unsigned rdn) {  // ADDS <Rd>,<Rn>,#1 (T1)
  return static_cast<std::uint16_t>(0x1C40 | (rdn << 3) | rdn);
}
constexpr std::uint16_t lsls1(unsigned rdm) {  // LSLS <Rd>,<Rm>,#1 (T1)
  return static_cast<std::uint16_t>(0x0040 | (rdm << 3) | rdm);
}
constexpr std::uint16_t ldr(unsigned rt, unsigned rn) {  // LDR <Rt>,[<Rn>] (T1)
  return static_cast<std::uint16_t>(0x6800 | (rn << 3) | rt);
}
constexpr std::uint16_t str(unsigned rt, unsigned rn) {  // STR <Rt>,[<Rn>] (T1)
  return static_cast<std::uint16_t>(0x6000 | (rn << 3) | rt);
}
constexpr std::uint16_t strh(unsigned rt, unsigned rn) {  // STRH <Rt>,[<Rn>] (T1)
  return static_cast<std::uint16_t>(0x8000 | (rn << 3) | rt);
}
// B <label> (T2) from the halfword at index `from` to the one at index `to`: PC reads 4 ahead.
constexpr std::uint16_t branch(int from, int to) {
  return static_cast<std::uint16_t>(0xE000 | ((to - from - 2) & 0x7FF));
}
constexpr std::uint32_t kArmBranchSelf = 0xEAFFFFFE;  // B . in ARM state (A8.8.18 A1)

struct Pair {
  test::Machine ops{"cortex-a15", false, nullptr, true};
  test::Machine handlers{"cortex-a15", false, nullptr, false};

  void load_thumb(std::uint32_t at, const std::vector<std::uint16_t>& code) {
    for (test::Machine* m : {&ops, &handlers})
      m->load({reinterpret_cast<const std::uint8_t*>(code.data()), code.size() * 2}, at);
  }
  void set(unsigned n, std::uint32_t v) {
    ops.set(n, v);
    handlers.set(n, v);
  }
  void load_arm(std::uint32_t at, const std::vector<std::uint32_t>& code) {
    for (test::Machine* m : {&ops, &handlers})
      m->load({reinterpret_cast<const std::uint8_t*>(code.data()), code.size() * 4}, at);
  }
  void start(std::uint32_t thumb_address) {
    set(arm_a_register::kCpsr, kSupervisorThumb);
    set(arm_a_register::kPc, thumb_address | 1);
  }
  void start_arm(std::uint32_t address) {
    set(arm_a_register::kCpsr, kSupervisorArm);
    set(arm_a_register::kPc, address);
  }
  void run(Cycles budget) {
    ops.core->run(budget);
    handlers.core->run(budget);
  }
  // Runs with each budget from 1 to `largest` cycles in turn, then a long run, comparing
  // after each: the budgets end at every point of a short loop.
  void run_in_small_steps(Cycles largest) {
    run_with_budgets(1, largest, 1);
    run(4000);
    require_same("after a long run");
  }
  void run_with_budgets(Cycles first, Cycles last, Cycles step) {
    for (Cycles budget = first; budget <= last; budget += step) {
      INFO("budget " << budget);
      run(budget);
      require_same("after a run with that budget");
    }
  }
  // Registers, pc, CPSR and both counts agree.
  void require_same(const char* when) {
    INFO(when);
    for (unsigned r = 0; r <= 15; ++r) {
      INFO("register " << r);
      REQUIRE(ops.r(r) == handlers.r(r));
    }
    REQUIRE(ops.r(arm_a_register::kCpsr) == handlers.r(arm_a_register::kCpsr));
    REQUIRE(ops.core->cycle_count() == handlers.core->cycle_count());
    REQUIRE(ops.core->instruction_count() == handlers.core->instruction_count());
  }
};

}  // namespace

TEST_CASE("straight runs: a budget ending anywhere inside a stretch stops at that instruction") {
  Pair p;
  // A loop of 16 straight instructions (loads and stores take extra cycles, so the budget
  // ends at varying points) closed by a branch back.
  std::vector<std::uint16_t> code{movs(0, 0), movs(1, 1)};
  for (int i = 0; i < 4; ++i) {
    code.push_back(adds1(0));
    code.push_back(str(0, 3));
    code.push_back(ldr(2, 3));
    code.push_back(lsls1(1));
  }
  code.push_back(branch(static_cast<int>(code.size()), 2));
  p.load_thumb(0x1000, code);
  p.set(3, kData);
  p.start(0x1000);
  p.run_in_small_steps(40);
  // About 3000 instructions: r0 counts the ADDS, four in each pass of 17.
  CHECK(p.ops.r(0) > 500);
}

TEST_CASE("straight runs: IT blocks inside a stretch, with and without per-instruction hooks") {
  // Per-instruction hooks run every entry on its own (the loop's Single path), which meets
  // the IT-block entries' in_it_block ops outside a stretch; the hook never stops.
  Hooks never_stop;
  for (const bool hooked : {false, true}) {
    INFO("per-instruction hooks " << hooked);
    Pair p;
    if (hooked) p.ops.core->set_hooks(&never_stop, true);
    // r0 counts; LSLS r2,r0,#31 sets Z when r0 is even; ITE EQ: ADD r4,#1 / STR r0,[r3];
    // ITT NE: LDR r5,[r3]; ADD r5,#1 (A8.8.55: no flags inside the blocks); B back.
    constexpr std::uint16_t kLslsR2R0By31 = 0x07C2, kIteEq = 0xBF0C, kIttNe = 0xBF1C;
    std::vector<std::uint16_t> code{movs(0, 0), movs(4, 0), adds1(0), kLslsR2R0By31, kIteEq,
                                    adds1(4),   str(0, 3),  kIttNe,   ldr(5, 3),     adds1(5)};
    code.push_back(branch(static_cast<int>(code.size()), 2));
    p.load_thumb(0x1000, code);
    p.set(3, kData);
    p.start(0x1000);
    p.run_in_small_steps(60);
    // r4 counts the even values of r0, r5 the odd ones stored and reloaded plus one.
    CHECK(p.ops.r(0) > 300);
    CHECK(p.ops.r(4) >= p.ops.r(0) / 2 - 1);
    CHECK(p.ops.r(4) <= p.ops.r(0) / 2);
  }
}

TEST_CASE("straight runs: an access with more wait states than an instruction's bound") {
  // ArmA::horizon_ lets a stretch skip the limit check while no instruction can reach it; a
  // store and a load in a stretch go to a page with 5000 cycles of wait states (more than
  // 2^kHorizonShift, and than the horizon allows for the instructions around it), through
  // the handler, so the limit falls right after them.
  constexpr std::uint32_t kSlowPage = 0x9000;
  Pair p;
  for (test::Machine* m : {&p.ops, &p.handlers}) {
    m->bus.slow_page = kSlowPage;
    m->bus.slow_delay = 5000;
  }
  std::vector<std::uint16_t> code{movs(0, 0)};
  for (int i = 0; i < 3; ++i)
    code.insert(code.end(), {adds1(0), str(0, 3), adds1(1), adds1(1), adds1(1)});
  code.insert(code.end(), {str(0, 6), adds1(1), ldr(2, 6), adds1(1), adds1(1)});
  code.push_back(branch(static_cast<int>(code.size()), 1));
  p.load_thumb(0x1000, code);
  p.set(3, kData);
  p.set(6, kSlowPage + 0x10);
  p.start(0x1000);
  p.run_with_budgets(1, 40, 1);
  p.run_with_budgets(200, 30000, 397);
  p.run(200000);
  p.require_same("after a long run");
  CHECK(p.ops.r(2) + 1 >= p.ops.r(0) - 3);  // the slow load read back what was stored
  CHECK(p.ops.core->cycle_count() > 5000 * p.ops.r(0) / 4);
}

TEST_CASE("straight runs: a stop requested by a device during an access ends the run there") {
  // As CpuModule does when an access schedules activity before the run's end: the core
  // returns after the accessing instruction, inside a stretch and at any budget.
  constexpr std::uint32_t kDevicePage = 0x9000;
  Pair p;
  for (test::Machine* m : {&p.ops, &p.handlers}) {
    m->bus.slow_page = kDevicePage;
    m->bus.on_slow_access = [m] { m->core->request_stop(); };
  }
  p.load_thumb(0x1000,
               {movs(0, 0), adds1(0), adds1(0), str(0, 6), adds1(0), adds1(0), branch(6, 1)});
  p.set(6, kDevicePage);
  p.start(0x1000);
  for (int pass = 1; pass <= 3; ++pass) {
    p.run(1'000'000);
    p.require_same("after the stop");
    CHECK(p.ops.core->pc() == 0x1008);  // right after the STR (A8.8.203)
    CHECK(p.ops.r(0) == 2u * static_cast<unsigned>(pass) + 2u * (pass - 1u));
  }
}

TEST_CASE("straight runs: a branch whose target changes (the loop's last-target guess)") {
  Pair p;
  // r0 counts; ITE EQ picks r6 or r7 by r0's parity (LSLS r2,r0,#31 sets Z when even) and
  // BX r1 goes there (A8.8.27): A counts in r4, B in r5, each branching back. Neither is
  // the instruction after the BX (a MOVS never executed), and the BX entry's target
  // alternates, so the guess of where it went last time is wrong every time.
  constexpr std::uint16_t kLslsR2R0By31 = 0x07C2, kIteEq = 0xBF0C;
  constexpr std::uint16_t kMovR1R6 = 0x4631, kMovR1R7 = 0x4639, kBxR1 = 0x4708;
  const std::vector<std::uint16_t> code{
      movs(0, 0), movs(4, 0), adds1(0), kLslsR2R0By31, kIteEq,   kMovR1R6,     kMovR1R7,
      kBxR1,      movs(3, 0), adds1(4), branch(10, 2), adds1(5), branch(12, 2)};
  p.load_thumb(0x1000, code);
  p.set(3, 0x3333);
  p.set(5, 0);
  p.set(6, 0x1000 + 9 * 2 + 1);   // A, Thumb
  p.set(7, 0x1000 + 11 * 2 + 1);  // B, Thumb
  p.start(0x1000);
  p.run_in_small_steps(60);
  // Every pass went to A or B, by parity (the last pass may not have got there yet).
  const std::uint64_t passes = p.ops.r(0), even = p.ops.r(4), odd = p.ops.r(5);
  CHECK(passes > 300);
  CHECK(even + odd >= passes - 1);
  CHECK(even + odd <= passes);
  CHECK(even <= passes / 2);
  CHECK(odd <= (passes + 1) / 2);
  CHECK(p.ops.r(3) == 0x3333);
}

TEST_CASE("straight runs: a store rewriting a function the loop remembers branching to") {
  // STRH r2,[r7] (to data at first), then BLX r6 calls MOVS r1,#5; BX LR on another page
  // (A8.8.26, A8.8.27); run three times, so the last calls find the function where the
  // earlier one went (ArmA::branch_targets_). Then the STRH rewrites the function's MOVS to
  // MOVS r1,#7: its page is dropped, and the call after it runs the new instruction.
  constexpr std::uint16_t kBlxR6 = 0x47B0, kBxLr = 0x4770, kBranchSelf = 0xE7FE;
  Pair p;
  p.load_thumb(0x1000, {strh(2, 7), kBlxR6, adds1(0), kBranchSelf});
  p.load_thumb(0x3000, {movs(1, 5), kBxLr});
  p.set(0, 0);
  p.set(2, movs(1, 7));
  p.set(6, 0x3001);
  p.set(7, kData);
  for (int pass = 1; pass <= 4; ++pass) {
    if (pass == 4) p.set(7, 0x3000);
    p.start(0x1000);
    p.run(100);
    p.require_same("after a call");
    CHECK(p.ops.r(1) == (pass < 4 ? 5u : 7u));
    CHECK(p.ops.r(0) == static_cast<unsigned>(pass));
    CHECK(p.ops.core->pc() == 0x1006);
  }
}

TEST_CASE("straight runs: a BX to ARM state in a long run leaves the Thumb loop at once") {
  // BX r6 with bit 0 clear switches to ARM state (A8.8.27, BXWritePC): an event ends the
  // Thumb loop right after it, before the horizon (ArmA::horizon_) would have it look at
  // the limit; ARM code then adds to r0 and loops (ADD r0,r0,#1; B .).
  constexpr std::uint16_t kBxR6 = 0x4730;
  Pair p;
  p.load_thumb(0x1000, {movs(0, 1), adds1(0), kBxR6, adds1(0), adds1(0), 0xE7FE});
  p.load_arm(0x2000, {0xE2800001, kArmBranchSelf});
  p.set(6, 0x2000);
  p.start(0x1000);
  p.run(100000);
  p.require_same("after the switch");
  CHECK(p.ops.r(0) == 3);
  CHECK(p.ops.core->pc() == 0x2004);
  const auto cpsr = static_cast<std::uint32_t>(p.ops.r(arm_a_register::kCpsr));
  CHECK((cpsr & 0x20) == 0);          // T clear (B1.3.3)
  CHECK(((cpsr >> 10) & 0x3F) == 0);  // no IT state
  CHECK(((cpsr >> 25) & 3) == 0);
}

TEST_CASE("straight runs: a budget ending inside an ARM-state stretch with conditional entries") {
  Pair p;
  // A32 (A8.8): MOV r0,#0; MOV r4,#0; then four times ADDS r0,r0,#1; STR r0,[r3];
  // LDR r2,[r3]; TST r0,#1; ADDNE r4,r4,#1 (an entry with its condition); B back.
  std::vector<std::uint32_t> code{0xE3A00000, 0xE3A04000};
  for (int i = 0; i < 4; ++i)
    code.insert(code.end(), {0xE2900001, 0xE5830000, 0xE5932000, 0xE3100001, 0x12844001});
  // B to index 2: imm24 = (target - (this + 8)) / 4.
  const auto from = static_cast<std::int32_t>(code.size());
  code.push_back(0xEA000000 | (static_cast<std::uint32_t>(2 - from - 2) & 0xFFFFFF));
  p.load_arm(0x1000, code);
  p.set(3, kData);
  p.start_arm(0x1000);
  p.run_in_small_steps(50);
  // ADDNE counts the odd values of r0 (the last one's ADDNE may not have run yet).
  CHECK(p.ops.r(0) > 500);
  CHECK(p.ops.r(4) >= p.ops.r(0) / 2);
  CHECK(p.ops.r(4) <= (p.ops.r(0) + 1) / 2);
}

TEST_CASE("straight runs: a data abort in the middle or at the end of a stretch is precise") {
  for (const bool at_end : {false, true}) {
    INFO("abort at the end of the stretch " << at_end);
    Pair p;
    std::vector<std::uint16_t> code{movs(0, 1), adds1(0), ldr(1, 3)};
    if (!at_end) code.insert(code.end(), {adds1(0), movs(2, 5)});
    code.push_back(0xE7FE);  // B .
    p.load_thumb(0x1000, code);
    for (test::Machine* m : {&p.ops, &p.handlers}) m->set_word(0x10, kArmBranchSelf);
    p.set(1, 0x1111);
    p.set(2, 0x2222);
    p.set(3, kUnmapped);
    p.start(0x1000);
    p.run(200);
    p.require_same("after the abort");
    // Data abort (B1.8.3, B1.9.8): the vector in ARM state, LR_abt = the load + 8; nothing
    // after the load executed, the load wrote no register.
    CHECK(p.ops.core->pc() == 0x10);
    CHECK(p.ops.r(arm_a_register::kLr) == 0x1004 + 8);
    CHECK(p.ops.r(0) == 2);
    CHECK(p.ops.r(1) == 0x1111);
    CHECK(p.ops.r(2) == 0x2222);
  }
}

TEST_CASE("straight runs: a store rewriting an instruction further on in the stretch") {
  Pair p;
  // STRH r2,[r3] replaces MOVS r1,#1 two instructions on with r2's MOVS r1,#7 (A3.5.4: a
  // store to code is seen by the instructions fetched after it, here with no barrier
  // needed by the model).
  const std::vector<std::uint16_t> code{movs(0, 1), strh(2, 3), adds1(0),
                                        movs(1, 1), adds1(0),   0xE7FE};
  p.load_thumb(0x1000, code);
  p.set(2, movs(1, 7));
  // First through once with the store going to data, so the run is decoded; then again with
  // the store hitting the code.
  p.set(3, kData);
  p.start(0x1000);
  p.run(50);
  p.require_same("after the first pass");
  REQUIRE(p.ops.r(1) == 1);
  p.set(3, 0x1006);
  p.start(0x1000);
  p.run(50);
  p.require_same("after the store to the code");
  CHECK(p.ops.r(1) == 7);
  CHECK(p.ops.r(0) == 3);
  CHECK(p.ops.core->pc() == 0x100A);
}
