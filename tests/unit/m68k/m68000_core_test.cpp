// The 68000 core against the M68000 User's Manual (UM): reset, instruction timing (UM 8),
// interrupts (UM 6.3.2), exception frames (UM 6.3.9), STOP, and the Linux user-mode hooks.
// Programs are hand-assembled; each opcode's encoding was checked with
// m68k-linux-gnu-as -m68000 (shown in the comments).
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "cores/m68k/m68000.h"
#include "cores/m68k/m68000_core.h"
#include "tests/unit/m68k/m68k_test_ram.h"

using namespace anvil;
using namespace anvil::m68k;

namespace {

using testing::handler;
using testing::kCode;
using testing::kStack;

using testing::Ram;

constexpr unsigned kD0 = 0, kA0 = 8, kSr = 16, kPc = 17;

struct Machine {
  Ram ram;
  MemoryPort port{ram, std::endian::big, 24};
  std::unique_ptr<M68000> cpu;
  explicit Machine(bool linux_user = false) {
    ram.longword(0, kStack);  // reset vectors (UM 6.3.1)
    ram.longword(4, kCode);
    for (unsigned v = 2; v < 64; ++v) ram.longword(v * 4, 0x4000 + v * 16);  // handlers
    M68000Config config;
    config.log_bus_cycles = true;
    config.linux_user = linux_user;
    cpu = create_m68000(config, port);
  }
  void boot() {
    cpu->reset();
    cpu->clear_bus_log();
  }
  // Runs `n` instructions, returning the cycles they took.
  Cycles steps(unsigned n) {
    Cycles total = 0;
    for (unsigned i = 0; i < n; ++i) total += cpu->step();
    return total;
  }
};

}  // namespace

TEST_CASE("reset loads SSP and PC from vectors 0 and 1 and fills the queue", "[m68k]") {
  Machine m;
  m.ram.program(kCode, {0x4E71, 0x4E71});  // nop; nop
  m.cpu->reset();
  CHECK(m.cpu->read_register(kA0 + 7) == kStack);
  CHECK(m.cpu->pc() == kCode);
  CHECK(m.cpu->read_register(kSr) == 0x2700);  // S set, interrupts masked, T clear
  std::vector<std::uint32_t> reads;
  for (const BusCycle& c : m.cpu->bus_log()) {
    if (c.kind != BusCycleKind::Read) continue;
    CHECK(c.function_code == kSupervisorProgram);
    reads.push_back(c.address);
  }
  CHECK(reads == std::vector<std::uint32_t>{0, 2, 4, 6, kCode, kCode + 2});
}

TEST_CASE("a loop takes the cycles UM section 8 lists", "[m68k]") {
  Machine m;
  m.ram.program(kCode, {
                           0x7000,          // moveq #0,d0       4
                           0x720A,          // moveq #10,d1      4
                           0xD081,          // add.l d1,d0       8
                           0x5381,          // subq.l #1,d1      8
                           0x66FA,          // bne.s -6          10 taken, 8 not
                           0x4E72, 0x2000,  // stop #$2000       4 (then asleep)
                       });
  m.boot();
  const Cycles cycles = m.steps(2 + 10 * 3 + 1);
  CHECK(m.cpu->read_register(kD0) == 55);
  CHECK(cycles == 4 + 4 + 10 * (8 + 8) + 9 * 10 + 8 + 4);
  CHECK(m.cpu->state() == CoreState::Sleeping);
  CHECK(m.cpu->instruction_count() == 33);
}

TEST_CASE("an autovectored interrupt wakes STOP and stacks the next PC and the old SR", "[m68k]") {
  Machine m;
  m.ram.program(kCode, {0x4E72, 0x2000, 0x4E71});           // stop #$2000; nop
  m.ram.program(0x4000 + (24 + 3) * 16, {0x4E71, 0x4E71});  // the handler: nop; nop
  m.boot();
  m.steps(1);
  REQUIRE(m.cpu->state() == CoreState::Sleeping);
  CHECK(m.cpu->step() == 0);  // nothing pending: still asleep
  m.cpu->set_irq_line(3, true);
  m.cpu->clear_bus_log();
  const Cycles cycles = m.cpu->step();
  CHECK(cycles == 44);                           // UM Table 8-14: interrupt 44(5/3)
  CHECK(m.cpu->pc() == 0x4000 + (24 + 3) * 16);  // autovector 27 (UM 6.3.2)
  CHECK(m.cpu->read_register(kSr) == 0x2300);    // S, mask raised to the level
  const std::uint32_t sp = static_cast<std::uint32_t>(m.cpu->read_register(kA0 + 7));
  CHECK(sp == kStack - 6);
  CHECK(m.ram.word(sp) == 0x2000);             // SR before
  CHECK(m.ram.longword(sp + 2) == kCode + 4);  // the instruction after STOP
  bool acknowledged = false;
  for (const BusCycle& c : m.cpu->bus_log())
    if (c.kind == BusCycleKind::InterruptAcknowledge) {
      acknowledged = true;
      CHECK(c.function_code == kCpuSpace);
      CHECK(((c.address >> 1) & 7) == 3);  // A3-A1 carry the level (UM 5.1.4)
    }
  CHECK(acknowledged);
  // A level at or below the mask waits.
  m.cpu->set_irq_line(3, false);
  m.cpu->set_irq_line(2, true);
  m.cpu->step();
  CHECK(m.cpu->read_register(kSr) == 0x2300);
}

TEST_CASE("an odd word access stacks the long address-error frame", "[m68k]") {
  Machine m;
  m.ram.program(kCode, {0x3010});  // move.w (a0),d0
  m.boot();
  m.cpu->write_register(kA0, 0x2001);
  m.steps(1);
  CHECK(m.cpu->pc() == 0x4000 + 3 * 16);  // vector 3 (UM 6.3.9)
  const std::uint32_t sp = static_cast<std::uint32_t>(m.cpu->read_register(kA0 + 7));
  REQUIRE(sp == kStack - 14);
  // UM Figure 6-7: status word, access address, instruction register, SR, PC.
  const std::uint16_t status = m.ram.word(sp);
  CHECK((status & 0x10) == 0x10);               // R/W: a read
  CHECK((status & 7) == kSupervisorData);       // function code of the access
  CHECK(m.ram.longword(sp + 2) == 0x2001);      // access address
  CHECK(m.ram.word(sp + 6) == 0x3010);          // instruction register
  CHECK(m.ram.word(sp + 8) == 0x2700);          // SR
  CHECK(m.ram.longword(sp + 10) == kCode + 2);  // PC: past the opcode (vectors)
}

TEST_CASE("an access to nothing is a bus error", "[m68k]") {
  Machine m;
  m.ram.program(kCode, {0x3010});  // move.w (a0),d0
  m.boot();
  m.cpu->write_register(kA0, 0x200000);  // above the 1 MiB of RAM
  m.steps(1);
  CHECK(m.cpu->pc() == 0x4000 + 2 * 16);  // vector 2
  CHECK(m.ram.longword(static_cast<std::uint32_t>(m.cpu->read_register(kA0 + 7)) + 2) == 0x200000);
}

TEST_CASE("privileged instructions in user mode trap to vector 8 with their own PC", "[m68k]") {
  Machine m;
  m.ram.program(kCode, {0x46FC, 0x0000, 0x46FC, 0x0700});  // move #0,sr; move #$700,sr
  m.boot();
  m.steps(1);
  CHECK(m.cpu->read_register(kSr) == 0x0000);  // now in user mode
  m.steps(1);
  CHECK(m.cpu->pc() == 0x4000 + 8 * 16);
  CHECK(m.ram.longword(static_cast<std::uint32_t>(m.cpu->read_register(kA0 + 7)) + 2) == kCode + 4);
}

TEST_CASE("DIVU by zero traps to vector 5; TAS is read, idle, write", "[m68k]") {
  Machine m;
  m.ram.program(kCode, {0x4AD1, 0x82C2});  // tas (a1); divu.w d2,d1
  m.ram.bytes[0x3000] = 0x01;
  m.boot();
  m.cpu->write_register(kA0 + 1, 0x3000);
  m.steps(1);
  CHECK(m.ram.bytes[0x3000] == 0x81);
  std::vector<BusCycleKind> kinds;
  for (const BusCycle& c : m.cpu->bus_log()) kinds.push_back(c.kind);
  CHECK(kinds == std::vector<BusCycleKind>{BusCycleKind::Read, BusCycleKind::Idle,
                                           BusCycleKind::Write, BusCycleKind::Read});
  m.steps(1);
  CHECK(m.cpu->pc() == 0x4000 + 5 * 16);
}

namespace {
struct UserModeHooks final : Hooks {
  Core* cpu = nullptr;
  std::vector<Addr> call_pcs;
  std::vector<UserFault> faults;
  bool system_call(std::uint32_t) override {
    call_pcs.push_back(cpu->read_register(kPc));
    cpu->write_register(kD0, cpu->read_register(kD0) + 100);  // the "kernel's" result
    return false;
  }
  bool user_fault(UserFault fault, Addr, Addr) override {
    faults.push_back(fault);
    return true;
  }
};
}  // namespace

TEST_CASE("linux_user: TRAP #0 calls Hooks::system_call, faults call user_fault", "[m68k]") {
  Machine m(true);
  UserModeHooks hooks;
  hooks.cpu = m.cpu.get();
  m.cpu->set_hooks(&hooks, false);
  m.ram.program(kCode, {0x7001, 0x4E40, 0x5280, 0x82C2, 0x4AFC});
  // moveq #1,d0; trap #0; addq.l #1,d0; divu.w d2,d1; illegal
  m.cpu->write_register(kPc, kCode);
  CHECK(m.cpu->read_register(kSr) == 0);  // user mode
  m.steps(3);
  REQUIRE(hooks.call_pcs.size() == 1);
  CHECK(hooks.call_pcs[0] == kCode + 4);  // past the TRAP
  CHECK(m.cpu->read_register(kD0) == 1 + 100 + 1);
  m.steps(1);
  m.cpu->write_register(kPc, kCode + 8);
  m.steps(1);
  CHECK(hooks.faults ==
        std::vector<UserFault>{UserFault::ArithmeticError, UserFault::IllegalInstruction});
}

TEST_CASE("a vectored interrupt acknowledge takes the vector the device supplies", "[m68k]") {
  Machine m;
  m.ram.program(kCode, {0x46FC, 0x2000, 0x4E71, 0x4E71});  // move #$2000,sr; nop; nop
  m.ram.longword(0x40 * 4, 0x5000);                        // the device's vector 0x40
  m.ram.program(0x5000, {0x4E71, 0x4E71});
  m.boot();
  auto* core = dynamic_cast<M68000Core*>(m.cpu.get());
  REQUIRE(core);
  unsigned asked_level = 0;
  core->set_vector_source(
      [](void* context, unsigned level) {
        *static_cast<unsigned*>(context) = level;
        return 0x40;  // as an MC68681 answers IACK with its IVR
      },
      &asked_level);
  m.steps(1);
  m.cpu->set_irq_line(5, true);
  m.cpu->clear_bus_log();
  m.steps(1);
  CHECK(asked_level == 5);
  CHECK(m.cpu->pc() == 0x5000);
  CHECK(m.cpu->read_register(kSr) == 0x2500);
  bool acknowledged = false;
  for (const BusCycle& c : m.cpu->bus_log())
    if (c.kind == BusCycleKind::InterruptAcknowledge) acknowledged = c.data == 0x40;
  CHECK(acknowledged);
}
