// The 68020+ decoded runs (cores/m68k/m68020_decoded_run.cpp) against the per-instruction
// path they replace: step() runs every instruction through its ordinary handler with the
// look-ahead queue, which the qemu-m68k comparisons in m68020_test.cpp check. Running the
// same program through run() (decoded runs, with budgets that end them anywhere) must give
// the same output, instruction count and cycle count.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <vector>

#include "tests/unit/m68k/m68k_test_ram.h"
#include "tests/unit/m68k/m68k_user_harness.h"

using namespace anvil;
using namespace anvil::m68k;

namespace {

using testing::handler;
using testing::kCode;
using testing::kStack;

struct Outcome {
  std::string output;
  int exit_status = -1;
  std::uint64_t instructions = 0;
  Cycles cycles = 0;
};

Outcome stepped(const char* model, const char* program) {
  testing::UserProgram run(model, program);
  for (std::uint64_t n = 0; n < 200'000'000 && !run.exited && !run.faulted; ++n) run.cpu->step();
  REQUIRE(run.exited);
  return {run.output, run.exit_status, run.cpu->instruction_count(), run.cpu->cycle_count()};
}

// run() in slices of `budget` cycles, so decoded runs end at many different places.
Outcome decoded(const char* model, const char* program, Cycles budget) {
  testing::UserProgram run(model, program);
  while (!run.exited && !run.faulted && run.cpu->cycle_count() < 2'000'000'000)
    run.cpu->run(budget);
  REQUIRE(run.exited);
  return {run.output, run.exit_status, run.cpu->instruction_count(), run.cpu->cycle_count()};
}

void same_as_stepped(const char* program) {
  for (const char* model : {"68020", "68040"}) {
    INFO(model << " " << program);
    const Outcome reference = stepped(model, program);
    for (const Cycles budget : {Cycles{1'000'000}, Cycles{7}, Cycles{1}}) {
      INFO("budget " << budget);
      const Outcome run = decoded(model, program, budget);
      CHECK(run.output == reference.output);
      CHECK(run.exit_status == reference.exit_status);
      CHECK(run.instructions == reference.instructions);
      CHECK(run.cycles == reference.cycles);
    }
  }
}

// A bare system-mode machine whose RAM the port reaches directly (so run() takes decoded
// runs): 128 KiB at 0, every exception handler a STOP, code at 0x1000.
constexpr std::uint32_t kRamSize = 0x20000;
constexpr unsigned kD0 = 0, kA0 = 8, kPc = 17, kRegisters = 18;

// A device page at kDevice the port has no host pointer for: every access takes 3 wait
// states, a read returns how many accesses came before it, and a store raises the
// interrupt level it writes (0: none).
constexpr std::uint32_t kDevice = 0x00E00000;

class RamAndDevice final : public BusBackend {
 public:
  testing::SparseRam ram;
  M68000* cpu = nullptr;
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override {
    if ((addr & ~Addr{0xFFF}) != kDevice) return ram.transport(kind, addr, data, size, delay);
    delay = 3;
    if (kind == Access::Store) {
      std::uint32_t level = 0;
      for (unsigned i = 0; i < size; ++i) level = (level << 8) | data[i];
      for (unsigned line = 1; line < 8; ++line) cpu->set_irq_line(line, line == level);
    } else {
      for (unsigned i = 0; i < size; ++i)
        data[i] = static_cast<std::uint8_t>(accesses_ >> (8 * (size - 1 - i)));
    }
    ++accesses_;
    return BusStatus::Ok;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    return ram.debug_transport(is_write, addr, data, size);
  }
  void request_direct_access(MemoryPort& port, Addr addr, Access kind) override {
    if ((addr & ~Addr{0xFFF}) != kDevice) ram.request_direct_access(port, addr, kind);
  }

 private:
  std::uint32_t accesses_ = 0;
};

struct Machine {
  RamAndDevice bus;
  testing::SparseRam& ram = bus.ram;
  MemoryPort port{bus, std::endian::big, 32};
  std::unique_ptr<M68000> cpu;
  Machine(const char* model, const std::vector<std::uint16_t>& program,
          std::initializer_list<std::pair<unsigned, std::uint32_t>> registers) {
    ram.map(0, kRamSize);
    longword(0, kStack);
    longword(4, kCode);
    for (unsigned v = 2; v < 64; ++v) {
      longword(v * 4, 0x4000 + v * 16);
      word(0x4000 + v * 16, 0x4E72);  // stop #$2700
      word(0x4000 + v * 16 + 2, 0x2700);
    }
    std::uint32_t at = kCode;
    for (const std::uint16_t w : program) word(at, w), at += 2;
    M68000Config config;
    config.model = model;
    cpu = create_m68000(config, port);
    bus.cpu = cpu.get();
    cpu->reset();
    for (const auto& [index, value] : registers) cpu->write_register(index, value);
  }
  void word(std::uint32_t address, std::uint16_t value) {
    const std::uint8_t bytes[2] = {static_cast<std::uint8_t>(value >> 8),
                                   static_cast<std::uint8_t>(value)};
    port.debug_write(address, bytes, 2);
  }
  void longword(std::uint32_t address, std::uint32_t value) {
    word(address, static_cast<std::uint16_t>(value >> 16));
    word(address + 2, static_cast<std::uint16_t>(value));
  }
  std::uint32_t reg(unsigned index) const {
    return static_cast<std::uint32_t>(cpu->read_register(index));
  }
  std::vector<std::uint8_t> memory() {
    std::vector<std::uint8_t> bytes(kRamSize);
    port.debug_read(0, bytes.data(), kRamSize);
    return bytes;
  }
};

// Runs the program to its STOP once with run() and once with step(), and checks that both
// end in the same state: registers, counts, memory (the exception frames included).
void run_and_step_agree(Machine& run, Machine& stepped, Cycles budget = 1'000'000) {
  for (unsigned n = 0; n < 100'000 && run.cpu->state() == CoreState::Running; ++n)
    run.cpu->run(budget);
  for (unsigned n = 0; n < 100'000 && stepped.cpu->state() == CoreState::Running; ++n)
    stepped.cpu->step();
  CHECK(run.cpu->state() == CoreState::Sleeping);
  CHECK(stepped.cpu->state() == CoreState::Sleeping);
  for (unsigned i = 0; i < kRegisters; ++i) {
    INFO("register " << i);
    CHECK(run.reg(i) == stepped.reg(i));
  }
  CHECK(run.cpu->instruction_count() == stepped.cpu->instruction_count());
  CHECK(run.cpu->cycle_count() == stepped.cpu->cycle_count());
  CHECK(run.memory() == stepped.memory());
}

// Exception vector numbers (UM Table 6-2).
constexpr unsigned kVectorBusError = 2, kVectorAddressError = 3, kVectorTrap = 32;

}  // namespace

TEST_CASE("a bus error inside a decoded run is taken at the faulting instruction",
          "[m68k][68020][decoded]") {
  for (const char* model : {"68020", "68030", "68040"}) {
    INFO(model);
    auto make = [&] {
      return Machine(model,
                     {0x7005,   // moveq #5,d0
                      0x5280,   // addq.l #1,d0
                      0x2218,   // move.l (a0)+,d1: A0 is not mapped
                      0x7407},  // moveq #7,d2
                     {{kA0, 0x00F00000}});
    };
    Machine run = make(), stepped = make();
    run_and_step_agree(run, stepped);
    // 020 UM 6.4 / 040 UM 8.4: the frame's PC is the faulting instruction; A0 was
    // incremented by the (An)+ before the read faulted, as M68000Core::ea() does.
    CHECK(run.reg(kD0) == 6);
    CHECK(run.reg(kA0) == 0x00F00004);
    CHECK(run.reg(kPc) == handler(kVectorBusError) + 4);
    const std::vector<std::uint8_t> memory = run.memory();
    const std::uint32_t frame = run.reg(kA0 + 7);
    const std::uint32_t stacked_pc = (memory[frame + 2] << 24) | (memory[frame + 3] << 16) |
                                     (memory[frame + 4] << 8) | memory[frame + 5];
    CHECK(stacked_pc == kCode + 4);
  }
}

TEST_CASE("a faulted write inside a decoded run is reported at the end of its instruction",
          "[m68k][68020][decoded]") {
  // 020 UM 6.4.4 / 040 UM 8.4.6: the write's fault is reported when the instruction ends
  // (format $A / $7, PC of the next instruction); nothing after it runs first.
  for (const char* model : {"68020", "68030", "68040"}) {
    INFO(model);
    auto make = [&] {
      return Machine(model,
                     {0x7005,   // moveq #5,d0
                      0x2080,   // move.l d0,(a0): A0 is not mapped
                      0x7407,   // moveq #7,d2
                      0x7609},  // moveq #9,d3
                     {{kA0, 0x00F00000}});
    };
    Machine run = make(), stepped = make();
    run_and_step_agree(run, stepped);
    CHECK(run.reg(kPc) == handler(kVectorBusError) + 4);
    CHECK(run.reg(2) == 0);  // d2: the moveq after the store has not run
    CHECK(run.reg(3) == 0);
  }
}

TEST_CASE("an odd jump target and a TRAP inside decoded runs match single steps",
          "[m68k][68020][decoded]") {
  {
    Machine run("68040", {0x7005, 0x4ED0}, {{kA0, kCode + 1}}),  // moveq; jmp (a0): odd
        stepped("68040", {0x7005, 0x4ED0}, {{kA0, kCode + 1}});
    run_and_step_agree(run, stepped);
    CHECK(run.reg(kPc) == handler(kVectorAddressError) + 4);
  }
  {
    const std::initializer_list<std::uint16_t> program = {0x7001,   // moveq #1,d0
                                                          0x4E43,   // trap #3
                                                          0x7002};  // moveq #2,d0
    Machine run("68020", program, {}), stepped("68020", program, {});
    run_and_step_agree(run, stepped);
    CHECK(run.reg(kD0) == 1);
    CHECK(run.reg(kPc) == handler(kVectorTrap + 3) + 4);
  }
}

TEST_CASE("a store into decoded code is seen when that code runs again", "[m68k][68020][decoded]") {
  const std::initializer_list<std::uint16_t> program = {
      0x6100, 0x001E,          // 1000: bsr.w $1020 (moveq #0,d0; rts)
      0x31FC, 0x7063, 0x1020,  // 1004: move.w #$7063,$1020.w: moveq #$63,d0 there
      0x6100, 0x0014,          // 100A: bsr.w $1020
      0x4E72, 0x2700,          // 100E: stop #$2700
  };
  Machine run("68040", program, {}), stepped("68040", program, {});
  run.word(0x1020, 0x7000);  // moveq #0,d0
  run.word(0x1022, 0x4E75);  // rts
  stepped.word(0x1020, 0x7000);
  stepped.word(0x1022, 0x4E75);
  run_and_step_agree(run, stepped);
  CHECK(run.reg(kD0) == 0x63);
}

// A jump that leaves a straight-line run goes straight to the entry it reached last time
// when that entry is on the same page: RTS then returns alternately to two call sites, and
// the loop's DBRA goes back to code it rewrote.
TEST_CASE("chained jumps follow their target each time and see rewritten code",
          "[m68k][68020][decoded]") {
  for (const char* model : {"68020", "68040"}) {
    INFO(model);
    {
      const std::initializer_list<std::uint16_t> program = {
          0x7203,          // 1000: moveq #3,d1
          0x6100, 0x001C,  // 1002: bsr.w $1020
          0x5282,          // 1006: addq.l #1,d2
          0x6100, 0x0016,  // 1008: bsr.w $1020
          0x5482,          // 100C: addq.l #2,d2
          0x51C9, 0xFFF2,  // 100E: dbra d1,$1002
          0x4E72, 0x2700,  // 1012: stop #$2700
      };
      Machine run(model, program, {}), stepped(model, program, {});
      for (Machine* machine : {&run, &stepped}) {
        machine->word(0x1020, 0x5280);  // addq.l #1,d0
        machine->word(0x1022, 0x4E75);  // rts
      }
      run_and_step_agree(run, stepped);
      CHECK(run.reg(kD0) == 8);  // four passes, two calls each
      CHECK(run.reg(2) == 12);   // d2: both returns reached, four times
    }
    {
      const std::initializer_list<std::uint16_t> program = {
          0x7000,                  // 1000: moveq #0,d0
          0x7202,                  // 1002: moveq #2,d1
          0x5280,                  // 1004: addq.l #1,d0, rewritten to addq.l #4,d0
          0x31FC, 0x5880, 0x1004,  // 1006: move.w #$5880,$1004.w
          0x51C9, 0xFFF6,          // 100C: dbra d1,$1004
          0x4E72, 0x2700,          // 1010: stop #$2700
      };
      Machine run(model, program, {}), stepped(model, program, {});
      run_and_step_agree(run, stepped);
      CHECK(run.reg(kD0) == 1 + 4 + 4);  // caches are off after reset (020 UM 7.3.4)
    }
  }
}

// The run loop checks the budget once for the part of a run that fits in it (and per
// instruction where it does not); an access to a page without a host pointer (wait states,
// a device that raises an interrupt) ends that part after its instruction. With every
// budget from 1 cycle up, each run ends exactly where step() would have stopped.
TEST_CASE("decoded runs end where the budget, wait states and a device's interrupt end them",
          "[m68k][68020][decoded]") {
  const std::initializer_list<std::uint16_t> program = {
      0x46FC, 0x2000,  // 1000: move.w #$2000,sr: interrupts at level 1 and up
      0x7001,          // 1004: moveq #1,d0
      0x5280,          // 1006: addq.l #1,d0
      0x2211,          // 1008: move.l (a1),d1: the device, 3 wait states
      0x5280,          // 100A: addq.l #1,d0
      0xD081,          // 100C: add.l d1,d0
      0x2411,          // 100E: move.l (a1),d2
      0x5280,          // 1010: addq.l #1,d0
      0x2283,          // 1012: move.l d3,(a1): level 3 (d3), taken after this instruction
      0x5280,          // 1014: addq.l #1,d0 (after the handler's STOP: not reached)
      0x5280,          // 1016: addq.l #1,d0
      0x4E72, 0x2700,  // 1018: stop #$2700
  };
  for (const char* model : {"68020", "68030", "68040"}) {
    for (const Cycles budget : {Cycles{1}, Cycles{2}, Cycles{3}, Cycles{5}, Cycles{7}, Cycles{11},
                                Cycles{13}, Cycles{1'000'000}}) {
      INFO(model << " budget " << budget);
      auto make = [&] { return Machine(model, program, {{kA0 + 1, kDevice}, {3, 3}}); };
      Machine run = make(), stepped = make();
      run_and_step_agree(run, stepped, budget);
      CHECK(run.reg(kD0) == 1 + 1 + 1 + 0 + 1);  // d1: the device's first read saw 0
      CHECK(run.reg(2) == 1);                    // d2: the second saw one access before it
      constexpr unsigned kAutovector3 = 27;      // UM Table 6-2
      CHECK(run.reg(kPc) == handler(kAutovector3) + 4);
    }
  }
}

// A store into the page being run drops its decoded code in the middle of a run: the run
// ends after the store, and the rewritten instruction is decoded again when reached.
TEST_CASE("a store into the running page ends the run after it, with any budget",
          "[m68k][68020][decoded]") {
  const std::initializer_list<std::uint16_t> program = {
      0x7000,                  // 1000: moveq #0,d0
      0x5280,                  // 1002: addq.l #1,d0
      0x31FC, 0x5A80, 0x100E,  // 1004: move.w #$5A80,$100E.w: addq.l #5,d0 there
      0x5280,                  // 100A: addq.l #1,d0
      0x5280,                  // 100C: addq.l #1,d0
      0x5280,                  // 100E: addq.l #1,d0, rewritten
      0x4E72, 0x2700,          // 1010: stop #$2700
  };
  for (const char* model : {"68020", "68040"}) {
    for (const Cycles budget : {Cycles{1}, Cycles{3}, Cycles{6}, Cycles{1'000'000}}) {
      INFO(model << " budget " << budget);
      Machine run(model, program, {}), stepped(model, program, {});
      run_and_step_agree(run, stepped, budget);
      CHECK(run.reg(kD0) == 1 + 1 + 1 + 5);
    }
  }
}

// MOVEM makes its accesses straight to memory when its whole block is on one page; across
// a page boundary, and into unmapped memory (a bus error part-way), it makes them one by one.
TEST_CASE("MOVEM across a page boundary and into unmapped memory matches single steps",
          "[m68k][68020][decoded]") {
  const std::initializer_list<std::uint16_t> program = {
      0x48E7, 0xFFFE,  // 1000: movem.l d0-d7/a0-a6,-(a7): across $8000
      0x4280,          // 1004: clr.l d0
      0x4CDF, 0x7FFF,  // 1006: movem.l (a7)+,d0-d7/a0-a6
      0x48A1, 0xC000,  // 100A: movem.w d0-d1,-(a1): across $9000
      0x48D0, 0x00FF,  // 100E: movem.l d0-d7,(a0): past the end of RAM
      0x7407,          // 1012: moveq #7,d2
  };
  std::vector<std::pair<unsigned, std::uint32_t>> registers;
  for (unsigned i = 0; i < 15; ++i) registers.emplace_back(i, 0x01010101u * (i + 1));
  registers.emplace_back(kA0 + 7, 0x8010);
  registers.emplace_back(kA0 + 1, 0x9002);
  registers.emplace_back(kA0, kRamSize - 12);
  for (const char* model : {"68020", "68040"}) {
    INFO(model);
    Machine run(model, program, {}), stepped(model, program, {});
    for (Machine* machine : {&run, &stepped})
      for (const auto& [index, value] : registers) machine->cpu->write_register(index, value);
    run_and_step_agree(run, stepped);
    CHECK(run.reg(kD0) == 0x01010101u);  // restored by the second MOVEM
    CHECK(run.reg(kPc) == handler(kVectorBusError) + 4);
  }
}

// A flag-setting instruction followed by a Bcc on its page runs as one fused handler when
// the segment covers both (M68020FastPath::then_branch), and a taken Bcc back to an entry it
// went to before starts the next segment itself (branch_to). Every condition code after
// CMP.B/.W/.L, CMPA, TST and a CMP with a memory operand on a device page (which settles the
// segment at the compare), on operand pairs that make each condition true and false; a
// loop's TST/BNE back edge. Run in slices of every budget from 1 to 40 cycles (so slices end
// between the halves of every pair) and compared after each slice with the per-instruction
// path run the same way: registers (SR's condition codes included), instruction and cycle
// counts.
namespace {

std::vector<std::uint16_t> fused_pairs_program() {
  std::vector<std::uint16_t> code = {
      0x41F8, 0x2000,  // lea $2000.w,a0: the operand pairs
      0x7E07,          // moveq #7,d7: the pairs left
  };
  const std::size_t loop = code.size();
  code.insert(code.end(), {
                              0x2218,  // move.l (a0)+,d1
                              0x2418,  // move.l (a0)+,d2
                              0x2442,  // movea.l d2,a2
                          });
  // Each pair doubles d0 and adds one when the branch is not taken.
  const std::uint16_t flag_setters[] = {
      0xB401,  // cmp.b d1,d2
      0xB441,  // cmp.w d1,d2
      0xB481,  // cmp.l d1,d2
      0xB5C1,  // cmpa.l d1,a2
      0x4A82,  // tst.l d2
      0x4A02,  // tst.b d2
      0xB493,  // cmp.l (a3),d2: the device (wait states)
  };
  for (const std::uint16_t setter : flag_setters) {
    for (unsigned condition = 2; condition < 16; ++condition) {
      code.insert(code.end(), {
                                  0xD080,  // add.l d0,d0
                                  setter,
                                  static_cast<std::uint16_t>(0x6002 | condition << 8),  // b<cc>.s
                                  0x5280,  // addq.l #1,d0
                              });
    }
  }
  code.insert(code.end(), {0x5387, 0x4A87, 0x6600});  // subq.l #1,d7; tst.l d7; bne.w loop
  const auto back = static_cast<std::int32_t>(loop) - static_cast<std::int32_t>(code.size());
  code.push_back(static_cast<std::uint16_t>(back * 2));  // from the extension word's address
  code.insert(code.end(), {0x4E72, 0x2700});             // stop #$2700
  return code;
}

// d1, d2 pairs: equal, less and greater both signed and unsigned, overflow, zero and
// negative in the low byte and word too.
constexpr std::uint32_t kOperandPairs[7][2] = {
    {0, 0},
    {1, 2},
    {2, 1},
    {0x80000000, 1},
    {1, 0x80000000},
    {0x7FFFFF80, 0xFFFF7F7F},
    {0x00000180, 0x8000807F},
};

// Runs both in slices of `budget`, `run` with decoded runs and `stepped` one instruction at a
// time (a per-instruction hook keeps it off the decoded path), and compares them after each
// slice: each must end after the same instruction, in the same state.
void every_slice_agrees(Machine& run, Machine& stepped, Cycles budget) {
  Hooks per_instruction;
  stepped.cpu->set_hooks(&per_instruction, true);
  for (unsigned n = 0; n < 100'000 && run.cpu->state() == CoreState::Running; ++n) {
    run.cpu->run(budget);
    stepped.cpu->run(budget);
    INFO("slice " << n);
    REQUIRE(stepped.cpu->instruction_count() == run.cpu->instruction_count());
    REQUIRE(stepped.cpu->cycle_count() == run.cpu->cycle_count());
    for (unsigned i = 0; i < kRegisters; ++i) {
      INFO("register " << i);
      REQUIRE(run.reg(i) == stepped.reg(i));
    }
  }
  stepped.cpu->set_hooks(nullptr, false);
  CHECK(run.cpu->state() == CoreState::Sleeping);
  CHECK(run.memory() == stepped.memory());
}

}  // namespace

TEST_CASE("fused compare-and-branch pairs and chained back edges match single steps",
          "[m68k][68020][decoded]") {
  const std::vector<std::uint16_t> program = fused_pairs_program();
  for (const char* model : {"68020", "68040"}) {
    std::vector<Cycles> budgets = {Cycles{1'000'000}};
    for (Cycles budget = 1; budget <= 40; ++budget) budgets.push_back(budget);
    for (const Cycles budget : budgets) {
      INFO(model << " budget " << budget);
      Machine run(model, program, {{kA0 + 3, kDevice}});
      Machine stepped(model, program, {{kA0 + 3, kDevice}});
      for (Machine* machine : {&run, &stepped})
        for (std::size_t i = 0; i < std::size(kOperandPairs); ++i) {
          machine->longword(static_cast<std::uint32_t>(0x2000 + 8 * i), kOperandPairs[i][0]);
          machine->longword(static_cast<std::uint32_t>(0x2004 + 8 * i), kOperandPairs[i][1]);
        }
      every_slice_agrees(run, stepped, budget);
      CHECK(run.reg(7) == 0);
    }
  }
}

#ifdef ANVIL_M68020_FUZZ
TEST_CASE("decoded runs give the operand sweep's output, instructions and cycles of step()",
          "[m68k][68020][decoded]") {
  same_as_stepped(ANVIL_M68020_FUZZ);
}

TEST_CASE("decoded runs give the workload's output, instructions and cycles of step()",
          "[m68k][68020][decoded]") {
  same_as_stepped(ANVIL_M68020_WORKLOAD);
}

TEST_CASE("decoded runs give the 68020 checks' output, instructions and cycles of step()",
          "[m68k][68020][decoded]") {
  same_as_stepped(ANVIL_M68020_CHECKS);
}
#endif
