// The MIPS32 run loop executes a decoded run as the unit (cores/mips/mips_run_loop.cpp): the
// entries of a run one after another, the budget checked after each. step() runs one
// instruction per loop entry, so it never goes on to a run's next entry; these tests run the
// same programs both ways and require the same state at every point where run() stops (the
// per-instruction path is the reference), with budgets that end inside runs, in delay slots
// and right after branches. Expected exception state from MIPS32 PRA 6.2.1 (EPC names the
// branch for a fault in its delay slot, with Cause.BD set).
#include "mips_test_machine.h"
#include "programs/exceptions_eb.h"
#include "programs/instructions_eb.h"
#include "programs/instructions_el.h"

namespace mips_test {

namespace {

constexpr unsigned kBadVaddr = 35, kCause = 36, kEpc = 72, kStatus = 32;
constexpr unsigned kV0 = 2, kT1 = 9;
constexpr std::uint32_t kBev = 1u << 22, kCu1 = 1u << 29;

// Words placed at kseg0 addresses (physical = address - 0x80000000).
struct Placed {
  std::uint32_t address;
  std::vector<std::uint32_t> words;
};

void place(Machine& m, std::span<const Placed> code) {
  for (const Placed& p : code)
    for (std::size_t i = 0; i < p.words.size(); ++i) {
      std::uint32_t word = p.words[i];
      if (m.port.guest_order() == std::endian::big) word = anvil::byteswap(word);
      std::memcpy(&m.bus.ram[(p.address & 0x1FFFFFFF) + 4 * i], &word, 4);
    }
}

// Ready to run at 0x80000000 with exceptions vectored to 0x80000180 (Status.BEV clear) and
// CP1 usable.
void start(Machine& m) {
  m.core->write_register(kPc, 0x80000000);
  m.core->write_register(kStatus, (m.core->read_register(kStatus) & ~kBev) | kCu1);
}

void require_same_state(const Core& reference, const Core& core) {
  REQUIRE(core.instruction_count() == reference.instruction_count());
  INFO("after " << core.instruction_count() << " instructions, pc " << std::hex << core.pc());
  REQUIRE(core.cycle_count() == reference.cycle_count());
  const auto registers = core.register_info();
  for (unsigned i = 0; i < registers.size(); ++i) {
    INFO("register " << registers[i].name);
    REQUIRE(core.read_register(i) == reference.read_register(i));
  }
}

// Runs a machine made by `make` with run() in budgets of 1 to 13 cycles (a fixed irregular
// sequence), and a second one with step(), comparing their state whenever run() returns,
// until `instructions` have run.
// With `fixed_budget` (not 0), every run() gets that budget instead.
template <class Make>
void run_against_step(Make make, std::uint64_t instructions, unsigned fixed_budget = 0) {
  const std::unique_ptr<Machine> by_run = make();
  const std::unique_ptr<Machine> by_step = make();
  Core& run_core = *by_run->core;
  Core& step_core = *by_step->core;
  unsigned budget = 5;
  while (run_core.instruction_count() < instructions) {
    budget = fixed_budget ? fixed_budget : (budget * 7 + 3) % 13 + 1;
    run_core.run(budget);
    // step() is the reference only if it runs one instruction at a time (a branch never
    // takes its delay slot along).
    while (step_core.instruction_count() < run_core.instruction_count()) {
      const std::uint64_t before = step_core.instruction_count();
      step_core.step();
      REQUIRE(step_core.instruction_count() <= before + 1);
    }
    // run() takes a pending interrupt before it looks at the budget; step() takes it as a
    // step of its own.
    if (step_core.pc() != run_core.pc()) step_core.step();
    require_same_state(step_core, run_core);
  }
}

}  // namespace

TEST_CASE("run() stops in the state step() reaches, at any budget", "[mips]") {
  struct Program {
    const char* what;
    std::endian order;
    std::span<const std::uint8_t> image;
    std::uint64_t instructions;
  };
  const Program programs[] = {
      {"instructions.s", std::endian::big, programs::instructions_eb::kImage, 2000},
      {"instructions.s", std::endian::little, programs::instructions_el::kImage, 2000},
      {"exceptions.s (faults, the timer interrupt)", std::endian::big,
       programs::exceptions_eb::kImage, 3000},
  };
  for (const char* model : {"4kc", "24kf"})
    for (const Program& p : programs) {
      INFO(model << ": " << p.what << (p.order == std::endian::big ? ", big" : ", little"));
      const auto make = [&] {
        auto m = std::make_unique<Machine>(model, p.order);
        m->load(p.image);
        return m;
      };
      run_against_step(make, p.instructions);
    }
}

namespace {

// lui t0,0x8000 ; ori t0,t0,0x101 (an odd address) ; j `branch_at - 4` ; nop, then at
// `branch_at - 4`: addiu v0,zero,1 ; the branch ; lw t1,0(t0) (AdEL in its delay slot) ;
// addiu v0,zero,2 ; addiu v0,zero,3. The exception vector spins in `b .`.
std::vector<Placed> delay_slot_fault(std::uint32_t branch_at, std::uint32_t branch) {
  const std::uint32_t jump = 0x08000000u | (((branch_at - 4) & 0x0FFFFFFFu) >> 2);
  return {{0x80000000, {0x3c088000, 0x35080101, jump, 0x00000000}},
          {branch_at - 4, {0x24020001, branch, 0x8d090000, 0x24020002, 0x24020003}},
          {0x80000180, {0x1000ffff, 0x00000000}}};
}

}  // namespace

TEST_CASE("a fault in a delay slot inside a run and on the next page: EPC and BD", "[mips]") {
  constexpr std::uint32_t kBeqTaken = 0x10000002;     // beq zero,zero,+8
  constexpr std::uint32_t kBneNotTaken = 0x14000002;  // bne zero,zero,+8
  // 0x80000040: the slot is the branch's next entry in the run; 0x80000FFC: the branch ends
  // the page's run and its slot starts a run of the next page.
  for (const std::uint32_t branch_at : {0x80000040u, 0x80000FFCu}) {
    for (const std::uint32_t branch : {kBeqTaken, kBneNotTaken}) {
      for (const char* model : {"4kc", "24kf"}) {
        INFO(model << " branch " << std::hex << branch << " at " << branch_at);
        const auto make = [&] {
          auto m = std::make_unique<Machine>(model, std::endian::big);
          place(*m, delay_slot_fault(branch_at, branch));
          m->core->reset();
          start(*m);
          return m;
        };
        const std::unique_ptr<Machine> machine = make();
        Machine& m = *machine;
        m.core->run(200);
        CHECK((m.core->pc() == 0x80000180 || m.core->pc() == 0x80000184));
        CHECK(m.core->read_register(kEpc) == branch_at);
        CHECK(m.core->read_register(kCause) >> 31 == 1);            // BD
        CHECK(((m.core->read_register(kCause) >> 2) & 0x1F) == 4);  // AdEL
        CHECK(m.core->read_register(kBadVaddr) == 0x80000101);
        CHECK(m.core->read_register(kV0) == 1);  // nothing after the slot ran
        CHECK(m.core->read_register(kT1) == 0);  // the load did not write
        run_against_step(make, 40);
      }
    }
  }
}

TEST_CASE("a store that drops the running page ends the run after the store, in any budget",
          "[mips]") {
  // lui t0,0x8000 ; lw t1,0x20(t0) ; sw t1,12(t0) (the next instruction) ; addiu v0,zero,2,
  // replaced by addiu v0,zero,3 ; b . ; nop ; the replacement at 0x20.
  const std::vector<Placed> code{{0x80000000,
                                  {0x3c088000, 0x8d090020, 0xad09000c, 0x24020002, 0x1000ffff,
                                   0x00000000, 0x00000000, 0x00000000, 0x24020003}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const auto make = [&] {
      auto m = std::make_unique<Machine>(model, std::endian::big);
      place(*m, code);
      m->core->reset();
      start(*m);
      return m;
    };
    run_against_step(make, 30);
    const std::unique_ptr<Machine> m = make();
    m->core->run(100);
    CHECK(m->core->read_register(kV0) == 3);
  }
}

}  // namespace mips_test

namespace mips_test {

namespace {

// Words placed at flat user addresses (physical = virtual), for a `linux_user` machine whose
// kuseg loads and stores take the direct path.
std::unique_ptr<Machine> user_machine(const char* model, std::span<const Placed> code) {
  auto m = std::make_unique<Machine>(model, std::endian::big, true);
  place(*m, code);
  m->core->reset();
  m->core->write_register(kPc, code.front().address);
  return m;
}

// Runs `code` under run() against step() over `instructions` at irregular budgets (and at
// every fixed budget from 1 to `every_budget_to` cycles when given), then returns a fresh
// machine run for `cycles`, whose end state the test checks against values worked out by
// hand.
std::unique_ptr<Machine> checked_user_run(const char* model, std::span<const Placed> code,
                                          std::uint64_t instructions, std::uint64_t cycles,
                                          unsigned every_budget_to = 0) {
  const auto make = [&] { return user_machine(model, code); };
  for (unsigned budget = 1; budget <= every_budget_to; ++budget) {
    INFO(model << ", budget " << budget);
    run_against_step(make, instructions, budget);
  }
  run_against_step(make, instructions);
  std::unique_ptr<Machine> m = make();
  m->core->run(cycles);
  return m;
}

}  // namespace

TEST_CASE(
    "a branch that runs its delay slot: ALU, load and store slots, taken or not, in any "
    "budget",
    "[mips]") {
  // lui t0,2 ; addiu t2,zero,20 ; L: lw t1,0(t0) ; addiu t1,t1,3 ; andi t3,t2,1 ;
  // beq t3,zero,+2 (taken every other time) ; [sw t1,0(t0)] ; addiu v0,v0,1 ;
  // addiu t2,t2,-1 ; bne t2,zero,L ; [lw t4,4(t0)] ; jal F ; [addu t5,t4,t1] ; b . ; nop ;
  // F (0x10040): jr ra ; [sw t5,8(t0)].
  const std::vector<Placed> code{{0x10000,
                                  {0x3c080002, 0x240a0014, 0x8d090000, 0x25290003, 0x314b0001,
                                   0x11600002, 0xad090000, 0x24420001, 0x254affff, 0x1540fff8,
                                   0x8d0c0004, 0x0c004010, 0x01896821, 0x1000ffff, 0x00000000}},
                                 {0x10040, {0x03e00008, 0xad0d0008}},
                                 {0x20000, {0, 7}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 200, 2000);
    // A delay slot runs whether or not its branch is taken (MIPS32 ISA, BEQ): t1 gains 3 on
    // each of the 20 passes through memory; v0 counts the passes with t2 odd (not taken).
    CHECK(m->core->read_register(kV0) == 10);
    CHECK(m->core->read_register(9) == 60);        // t1
    CHECK(m->core->read_register(13) == 7 + 60);   // t5 = t4 + t1, in jal's slot
    CHECK(m->core->read_register(31) == 0x10034);  // ra: after jal's slot
    CHECK(m->core->pc() == 0x10034);
    CHECK(m->bus.ram[0x2000B] == 67);  // jr's slot stored t5 (big-endian word at 0x20008)
  }
}

TEST_CASE("a store in a branch's delay slot into the running page", "[mips]") {
  // lui t0,1 ; lw t1,0x20(t0) ; beq zero,zero,+1 ; [sw t1,0x10(t0)] (replaces the next
  // instruction) ; addiu v0,zero,2, replaced by addiu v0,zero,3 ; b . ; nop ; nop ; the
  // replacement at 0x10020.
  const std::vector<Placed> code{{0x10000,
                                  {0x3c080001, 0x8d090020, 0x10000001, 0xad090010, 0x24020002,
                                   0x1000ffff, 0x00000000, 0x00000000, 0x24020003}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 30, 100);
    CHECK(m->core->read_register(kV0) == 3);
  }
}

TEST_CASE("a taken branch ahead within its run, with every budget from 1 to 13 cycles", "[mips]") {
  // lui t0,2 ; addiu t2,zero,20 ; L: andi t3,t2,1 ; beq t3,zero,+2 (taken every other
  // time, to the addiu t2 two entries ahead) ; [addiu t1,t1,3] ; addiu v0,v0,1 ;
  // addiu t2,t2,-1 ; bne t2,zero,L ; [nop] ; b . ; nop.
  const std::vector<Placed> code{
      {0x10000,
       {0x3c080002, 0x240a0014, 0x314b0001, 0x11600002, 0x25290003, 0x24420001, 0x254affff,
        0x1540fffa, 0x00000000, 0x1000ffff, 0x00000000}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 120, 1000, 13);
    CHECK(m->core->read_register(kV0) == 10);  // the passes with t2 odd (not taken)
    CHECK(m->core->read_register(9) == 60);    // t1: the slot runs on every pass
    CHECK(m->core->pc() == 0x10024);
  }
}

TEST_CASE("a store into the running page, then a taken branch ahead to the stored word", "[mips]") {
  // lui t0,1 ; lw t1,0x24(t0) ; sw t1,0x18(t0) (replaces the branch's target) ;
  // beq zero,zero,+2 ; [addiu v1,zero,5] ; addiu v0,zero,1 (skipped) ; addiu v0,zero,2,
  // replaced by addiu v0,zero,3 ; b . ; nop ; the replacement at 0x10024.
  const std::vector<Placed> code{{0x10000,
                                  {0x3c080001, 0x8d090024, 0xad090018, 0x10000002, 0x24030005,
                                   0x24020001, 0x24020002, 0x1000ffff, 0x00000000, 0x24020003}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 30, 100);
    CHECK(m->core->read_register(kV0) == 3);
    CHECK(m->core->read_register(3) == 5);  // v1, from the branch's delay slot
  }
}

TEST_CASE("a store into the running page replaces a branch's remembered target", "[mips]") {
  // lui t0,1 ; addiu t2,zero,4 ; lw t1,0x34(t0) ; L: addiu t2,t2,-1 ; addiu t3,t2,-1 ;
  // bne t3,zero,T ; [nop] ; sw t1,0x20(t0) (only with t2 1: replaces T) ;
  // T: addiu v0,v0,1, replaced by addiu v0,v0,100 ; bne t2,zero,L ; [nop] ; b . ; nop ;
  // the replacement at 0x10034. The branch to T, taken twice before the store and once
  // after it, must not go on at the entry it remembered before the page was dropped.
  const std::vector<Placed> code{
      {0x10000,
       {0x3c080001, 0x240a0004, 0x8d090034, 0x254affff, 0x254bffff, 0x15600002, 0x00000000,
        0xad090020, 0x24420001, 0x1540fff9, 0x00000000, 0x1000ffff, 0x00000000, 0x24420064}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 60, 200);
    CHECK(m->core->read_register(kV0) == 1 + 1 + 100 + 100);
    CHECK(m->core->pc() == 0x1002c);
  }
}

TEST_CASE("a return remembers one target and checks it: a function called from two places",
          "[mips]") {
  // jal F ; [addiu v0,zero,1] ; jal F ; [addiu v1,zero,2] ; b . ; nop, and at 0x10040
  // F: addiu t0,t0,1 ; jr ra ; [addiu t1,t1,1]. The second return goes elsewhere than the
  // first, which jr remembered.
  const std::vector<Placed> code{
      {0x10000, {0x0c004010, 0x24020001, 0x0c004010, 0x24030002, 0x1000ffff, 0x00000000}},
      {0x10040, {0x25080001, 0x03e00008, 0x25290001}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 40, 200);
    CHECK(m->core->read_register(8) == 2);  // t0: F ran twice
    CHECK(m->core->read_register(9) == 2);  // t1: and its return's delay slot
    CHECK(m->core->read_register(kV0) == 1);
    CHECK(m->core->read_register(3) == 2);  // v1
    CHECK(m->core->pc() == 0x10010);
  }
}

TEST_CASE("calls to a function on another page and its returns to each caller, any budget",
          "[mips]") {
  // addiu t2,zero,3 ; L: jal F ; [addiu v1,v1,1] ; jal F ; [addiu a0,a0,1] ;
  // addiu t2,t2,-1 ; bne t2,zero,L ; [nop] ; b . ; nop, and on the next page, at 0x11000,
  // F: addiu v0,v0,1 ; jr ra ; [addiu t1,t1,1]. The calls and the returns cross pages: the
  // branches go on at the targets the run loop found before (MipsCore::known_targets_).
  const std::vector<Placed> code{{0x10000,
                                  {0x240a0003, 0x0c004400, 0x24630001, 0x0c004400, 0x24840001,
                                   0x254affff, 0x1540fffa, 0x00000000, 0x1000ffff, 0x00000000}},
                                 {0x11000, {0x24420001, 0x03e00008, 0x25290001}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 60, 400, 13);
    CHECK(m->core->read_register(kV0) == 6);        // F ran six times
    CHECK(m->core->read_register(9) == 6);          // t1: and its return's delay slot
    CHECK(m->core->read_register(3) == 3);          // v1
    CHECK(m->core->read_register(4) == 3);          // a0
    CHECK(m->core->read_register(31) == 0x10014u);  // ra: after the second call's slot
    CHECK(m->core->pc() == 0x10020u);
  }
}

TEST_CASE("a store into another page forgets the call targets found on it", "[mips]") {
  // lui t0,1 ; lw t1,0x60(t0) ; lui t4,1 ; ori t4,t4,0x1000 ; three times jal F ; [nop] ;
  // sw t1,0(t4) (replaces F's first instruction) ; twice jal F ; [nop] ; b . ; nop ; the
  // replacement addiu v0,v0,100 at 0x10060, and on the next page F (0x11000):
  // addiu v0,v0,1 ; jr ra ; [nop]. The page is decoded on F's second call, and the third
  // call finds F there; the calls after the store dropped the page must not go on at the
  // entry found before.
  const std::vector<Placed> code{
      {0x10000,
       {0x3c080001, 0x8d090060, 0x3c0c0001, 0x358c1000, 0x0c004400, 0x00000000, 0x0c004400,
        0x00000000, 0x0c004400, 0x00000000, 0xad890000, 0x0c004400, 0x00000000, 0x0c004400,
        0x00000000, 0x1000ffff, 0x00000000}},
      {0x10060, {0x24420064}},
      {0x11000, {0x24420001, 0x03e00008, 0x00000000}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 50, 400, 13);
    CHECK(m->core->read_register(kV0) == 3 + 100 + 100);
    CHECK(m->core->pc() == 0x1003cu);
  }
}

TEST_CASE("a page decoded full starts afresh and forgets the call targets found on it", "[mips]") {
  // The page at P = 0x12000 holds 512 functions f_i at P + 8i: jr ra ; [addiu v0,v0,i].
  //   lui t9,1 ; ori t9,t9,0x2ff8 (f_511) ; lui s0,1 ; ori s0,s0,0x2000 (P) ;
  //   three times jalr t9 ; [nop] ; addiu t2,zero,511 ;
  //   L: addiu t2,t2,-1 ; sll t8,t2,3 ; addu t8,t8,s0 ; jalr t8 ; [nop] ; bgtz t2,L ; [nop] ;
  //   jalr t9 ; [nop] ; b . ; nop
  // f_511's page is decoded on its second call, and the third finds it there. The loop then
  // calls f_510 down to f_0, each decoded as a run of two (up to the function after it)
  // and its terminator, until the page's storage is full and starts afresh
  // (DecodedRuns::Page::decode_run): the last call must not go on at the entry the third
  // call found for f_511.
  std::vector<std::uint32_t> page;
  for (std::uint32_t i = 0; i < 512; ++i) {
    page.push_back(0x03e00008);
    page.push_back(0x24420000 | i);
  }
  const std::vector<Placed> code{
      {0x10000, {0x3c190001, 0x37392ff8, 0x3c100001, 0x36102000, 0x0320f809, 0x00000000,
                 0x0320f809, 0x00000000, 0x0320f809, 0x00000000, 0x240a01ff, 0x254affff,
                 0x000ac0c0, 0x0310c021, 0x0300f809, 0x00000000, 0x1d40fffa, 0x00000000,
                 0x0320f809, 0x00000000, 0x1000ffff, 0x00000000}},
      {0x12000, page}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 4300, 12000);
    CHECK(m->core->read_register(kV0) == 4 * 511 + 510 * 511 / 2);
    CHECK(m->core->pc() == 0x10050u);
  }
}

TEST_CASE("a loop across a run cut short before code another run decoded first, any budget",
          "[mips]") {
  // At 0x10100: lui t0,2 ; addiu t2,zero,20 ; j M ; [nop]. At 0x10000: L: addiu v0,v0,1 ;
  // lw t1,0(t0) ; addiu t1,t1,3 ; M: sw t1,0(t0) ; addiu t2,t2,-1 ; bne t2,zero,L ; [nop] ;
  // b . ; nop. M's run is decoded first, so L's run ends before M and goes on there.
  const std::vector<Placed> code{{0x10100, {0x3c080002, 0x240a0014, 0x08004003, 0x00000000}},
                                 {0x10000,
                                  {0x24420001, 0x8d090000, 0x25290003, 0xad090000, 0x254affff,
                                   0x1540fffa, 0x00000000, 0x1000ffff, 0x00000000}},
                                 {0x20000, {0}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 130, 1000, 13);
    CHECK(m->core->read_register(kV0) == 19);  // the passes through L
    CHECK(m->core->read_register(9) == 57);    // t1: 3 more on each
    CHECK(m->bus.ram[0x20003] == 57);          // and stored (big-endian word)
    CHECK(m->core->pc() == 0x1001c);
  }
}

TEST_CASE("a store into the running page at the end of a run cut short", "[mips]") {
  // At 0x10100: lui t0,1 ; lw t4,0x30(t0) ; addiu t2,zero,5 ; j M ; [nop]. At 0x10000:
  // L: addiu t2,t2,-1 ; sw t4,0xc(t0) (replaces M) ; addiu v1,v1,2 ; M: addiu v0,v0,1,
  // replaced by addiu v0,v0,100 ; bne t2,zero,L ; [nop] ; b . ; nop ; the replacement at
  // 0x10030. The run from L ends before the code decoded from M (after each drop, before
  // the store's successor), and must go on at M as stored.
  const std::vector<Placed> code{
      {0x10100, {0x3c080001, 0x8d0c0030, 0x240a0005, 0x08004003, 0x00000000}},
      {0x10000,
       {0x254affff, 0xad0c000c, 0x24630002, 0x24420001, 0x1540fffb, 0x00000000, 0x1000ffff,
        0x00000000}},
      {0x10030, {0x24420064}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 40, 300);
    CHECK(m->core->read_register(kV0) == 1 + 5 * 100);  // M once as written, then as stored
    CHECK(m->core->read_register(3) == 10);             // v1
    CHECK(m->core->pc() == 0x10018);
  }
}

}  // namespace mips_test

namespace mips_test {

TEST_CASE("MUL, LB and the linking branches in the run loop's segments, any budget", "[mips]") {
  // lui t0,2 ; addiu t2,zero,5 ; addiu t3,zero,1 ; L: lb t1,0(t0) (0xF9: -7) ;
  // mul t3,t3,t1 (the loaded byte at once) ; addu v0,v0,t3 (the product at once) ;
  // mul zero,t1,t1 (no result) ; addiu t2,t2,-1 ; bne t2,zero,L ; [lb t4,1(t0)] (0x80) ;
  // bltzal zero,+16 (not taken, links) ; [addu s0,ra,zero] ; bgezal zero,F ;
  // [addiu v1,zero,7] ; b . ; nop, and at 0x10040 F: jr ra ; [addiu a1,a1,1].
  const std::vector<Placed> code{
      {0x10000,
       {0x3c080002, 0x240a0005, 0x240b0001, 0x81090000, 0x71695802, 0x004b1021, 0x71290002,
        0x254affff, 0x1540fffa, 0x810c0001, 0x04100010, 0x03e08021, 0x04110003, 0x24030007,
        0x1000ffff, 0x00000000, 0x03e00008, 0x24a50001}},
      {0x20000, {0xF9800000}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 80, 1000, 13);
    // LB sign-extends the byte (MIPS32 ISA, LB); MUL writes the low word of the signed
    // product (MIPS32 ISA, MUL): t3 = (-7)^5 = -16807, v0 = -7 + 49 - 343 + 2401 - 16807.
    CHECK(m->core->read_register(9) == 0xFFFFFFF9u);   // t1
    CHECK(m->core->read_register(11) == 0xFFFFBE59u);  // t3
    CHECK(m->core->read_register(kV0) == 0xFFFFC68Du);
    CHECK(m->core->read_register(12) == 0xFFFFFF80u);  // t4, from the delay slot
    CHECK(m->core->read_register(0) == 0);
    // BLTZAL and BGEZAL link whether or not they branch: ra is the address after the delay
    // slot, already in ra for the slot (MIPS32 ISA, BLTZAL/BGEZAL).
    CHECK(m->core->read_register(16) == 0x10030u);  // s0, from bltzal's slot
    CHECK(m->core->read_register(31) == 0x10038u);  // ra, from bgezal
    CHECK(m->core->read_register(3) == 7);          // v1, bgezal's slot
    CHECK(m->core->read_register(5) == 1);          // a1: F ran once
    CHECK(m->core->pc() == 0x10038u);
  }
}

namespace {

// MIPS32 encodings (MIPS32 ISA, chapter 3) for the programs built below.
constexpr std::uint32_t immediate_form(unsigned op, unsigned rs, unsigned rt, std::uint16_t imm) {
  return op << 26 | rs << 21 | rt << 16 | imm;
}
constexpr std::uint32_t register_form(unsigned rs, unsigned rt, unsigned rd, unsigned sa,
                                      unsigned funct) {
  return rs << 21 | rt << 16 | rd << 11 | sa << 6 | funct;
}

}  // namespace

TEST_CASE("every branch with each delay-slot form it runs inline, taken and not, any budget",
          "[mips]") {
  // A branch and the common slot forms after it run as one handler (fused_with_slot); step()
  // runs the slot as an instruction of its own (budget 0 for the branch), the reference.
  //   lui t0,2 ; addiu t2,zero,2 ; L: andi t3,t2,1 ; addu t4,t3,t3 ; addiu t4,t4,-1 ;
  //   lw t5,0(t0) ; lui t9,1 ; ori t9,t9,0x2c ; BRANCH to T ; [SLOT] ; addiu v0,v0,1 ;
  //   T: addiu v1,v1,1 ; addiu t2,t2,-1 ; bne t2,zero,L ; [nop] ; b . ; nop
  // Two passes: t3 = 0 then 1, t4 = -1 then 1, so each conditional branch is taken on one
  // pass and not on the other; the slot reads the word just loaded (a late operand) or the
  // branch's own operands, or writes them.
  constexpr unsigned t0 = 8, t2 = 10, t3 = 11, t4 = 12, t5 = 13, t9 = 25, a0 = 4, ra = 31;
  struct Branch {
    const char* name;
    std::uint32_t insn;
    bool conditional;
    bool links = false;  // ra: the address after the slot, taken or not
  };
  const Branch branches[] = {
      {"beq", immediate_form(4, t3, 0, 2), true},
      {"bne", immediate_form(5, t3, 0, 2), true},
      {"blez", immediate_form(6, t4, 0, 2), true},
      {"bgtz", immediate_form(7, t4, 0, 2), true},
      {"bltz", immediate_form(1, t4, 0, 2), true},
      {"bgez", immediate_form(1, t4, 1, 2), true},
      {"bltzal", immediate_form(1, t4, 0x10, 2), true, true},
      {"bgezal", immediate_form(1, t4, 0x11, 2), true, true},
      {"j", 0x08000000u | (0x1002cu >> 2), false},
      {"jal", 0x0c000000u | (0x1002cu >> 2), false, true},
      {"jr", register_form(t9, 0, 0, 0, 8), false},
      {"jalr", register_form(t9, 0, ra, 0, 9), false, true},
  };
  constexpr std::uint32_t kWord = 0x11223344;  // at 0x20000, and 0x55 at 0x20004
  struct Slot {
    const char* name;
    std::uint32_t insn;
    unsigned reg;  // the register the slot leaves `value` in, or 0: memory at `address`
    std::uint32_t value;
    std::uint32_t address = 0;
  };
  const Slot slots[] = {
      {"nop", 0, 0, 0, 0},
      {"lw t3,4(t0)", immediate_form(0x23, t0, t3, 4), t3, 0x55},
      {"sw t5,8(t0)", immediate_form(0x2b, t0, t5, 8), 0, kWord, 0x20008},
      {"addiu t4,t5,7", immediate_form(9, t5, t4, 7), t4, kWord + 7},
      {"addu a0,a0,t5", register_form(a0, t5, a0, 0, 0x21), a0, 2 * kWord},
      {"subu a0,a0,t3", register_form(a0, t3, a0, 0, 0x23), a0, 0xFFFFFFFFu},  // 0 - 0 - 1
      {"and a0,t5,t4", register_form(t5, t4, a0, 0, 0x24), a0, kWord & 1},
      {"or a0,t5,zero", register_form(t5, 0, a0, 0, 0x25), a0, kWord},
      {"andi a0,t5,0xff", immediate_form(0x0c, t5, a0, 0xff), a0, 0x44},
      {"sll a0,t5,3", register_form(0, t5, a0, 3, 0), a0, kWord << 3},
      {"xor a0,t4,t5", register_form(t4, t5, a0, 0, 0x26), a0, kWord ^ 1},
      {"sltu a0,t4,t5", register_form(t4, t5, a0, 0, 0x2b), a0, 1},
      {"lbu a0,1(t0)", immediate_form(0x24, t0, a0, 1), a0, 0x22},
      {"sb t5,12(t0)", immediate_form(0x28, t0, t5, 12), 0, 0x44000000u, 0x2000c},
  };
  for (const Branch& b : branches)
    for (const Slot& slot : slots) {
      INFO(b.name << " with " << slot.name << " in its delay slot");
      const std::vector<Placed> code{
          {0x10000,
           {0x3c080002, 0x240a0002, 0x314b0001, 0x016b6021, 0x258cffff, 0x8d0d0000, 0x3c190001,
            0x3739002c, b.insn, slot.insn, 0x24420001, 0x24630001, 0x254affff, 0x1540fff4,
            0x00000000, 0x1000ffff, 0x00000000}},
          {0x20000, {kWord, 0x55}}};
      for (const char* model : {"4kc", "24kf"}) {
        INFO(model);
        const std::unique_ptr<Machine> m = checked_user_run(model, code, 40, 400, 4);
        CHECK(m->core->read_register(3) == 2);                          // v1: both passes
        CHECK(m->core->read_register(kV0) == (b.conditional ? 1 : 0));  // not taken once
        CHECK(m->core->pc() == 0x1003cu);
        if (b.links) CHECK(m->core->read_register(ra) == 0x10028u);
        if (slot.reg) {
          CHECK(m->core->read_register(slot.reg) == slot.value);
        } else if (slot.address) {
          std::uint32_t word = 0;
          std::memcpy(&word, &m->bus.ram[slot.address], 4);
          CHECK(anvil::byteswap(word) == slot.value);  // a big-endian machine
        }
      }
    }
}

TEST_CASE("MULT, MULTU, MFHI and MFLO in the run loop's segments, any budget", "[mips]") {
  // addiu t0,zero,-3 ; addiu t1,zero,5 ; multu t0,t1 ; mfhi v0 ; mflo v1 ; mult t0,t1 ;
  // mfhi a0 ; mflo a1 ; b . ; nop.
  const std::vector<Placed> code{{0x10000,
                                  {0x2408fffd, 0x24090005, 0x01090019, 0x00001010, 0x00001812,
                                   0x01090018, 0x00002010, 0x00002812, 0x1000ffff, 0x00000000}}};
  for (const char* model : {"4kc", "24kf"}) {
    INFO(model);
    const std::unique_ptr<Machine> m = checked_user_run(model, code, 20, 100, 13);
    // MULTU: 0xFFFFFFFD * 5 = 0x4_FFFFFFF1; MULT: -3 * 5 = -15 (MIPS32 ISA, MULT/MULTU).
    CHECK(m->core->read_register(kV0) == 4);
    CHECK(m->core->read_register(3) == 0xFFFFFFF1u);  // v1
    CHECK(m->core->read_register(4) == 0xFFFFFFFFu);  // a0
    CHECK(m->core->read_register(5) == 0xFFFFFFF1u);  // a1
  }
}

}  // namespace mips_test
