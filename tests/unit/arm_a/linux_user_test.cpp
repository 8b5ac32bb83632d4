// The linux_user configuration: what platforms/user relies on (Core API Hooks::system_call and
// Hooks::user_fault, the TPIDRURO register, USR mode at reset, register access for signal
// frames).
#include <catch2/catch.hpp>

#include "programs/system.h"
#include "tests/unit/arm_a/test_machine.h"

using namespace anvil;
using namespace anvil::arm;
namespace p = programs::system;
using namespace arm_a_register;

namespace {

struct RecordingHooks final : Hooks {
  bool system_call(std::uint32_t immediate) override {
    calls.push_back({immediate, static_cast<std::uint32_t>(core->pc()),
                     static_cast<std::uint32_t>(core->read_register(7))});
    core->write_register(0, 1000);  // the system call's result
    return return_from_run;
  }
  bool user_fault(UserFault fault, Addr pc, Addr address) override {
    faults.push_back({fault, static_cast<std::uint32_t>(pc), static_cast<std::uint32_t>(address)});
    return true;
  }
  struct Call {
    std::uint32_t immediate, pc, number;
  };
  struct Fault {
    UserFault fault;
    std::uint32_t pc, address;
  };
  Core* core = nullptr;
  bool return_from_run = false;
  std::vector<Call> calls;
  std::vector<Fault> faults;
};

struct UserMachine : test::Machine {
  explicit UserMachine(const std::string& model = "cortex-a15")
      : Machine(model, /*linux_user=*/true, &hooks) {
    hooks.core = core.get();
    load(p::kImage);
    set(kSp, 0x8000);
  }
  RecordingHooks hooks;
};

}  // namespace

TEST_CASE("linux_user: USR mode with interrupts unmasked and VFP usable at reset") {
  UserMachine m;
  CHECK((m.r(kCpsr) & 0x1FF) == 0x10);
  m.set(kPc, p::vfp_add_single);
  m.core->step();
  CHECK(m.r(kPc) == p::vfp_add_single_end);
  CHECK(m.hooks.faults.empty());
}

TEST_CASE("linux_user: SVC calls Hooks::system_call with the pc past it") {
  UserMachine m;
  REQUIRE(m.run(p::user_svc, p::user_svc_end, 10));
  REQUIRE(m.hooks.calls.size() == 1);
  CHECK(m.hooks.calls[0].immediate == 0);
  CHECK(m.hooks.calls[0].pc == p::user_svc + 8);
  CHECK(m.hooks.calls[0].number == 20);
  CHECK(m.r(1) == 1001);  // the result written by the hook, seen by the next instruction
}

TEST_CASE("linux_user: a system call that returns true makes run() return") {
  UserMachine m;
  m.hooks.return_from_run = true;
  m.set(kPc, p::user_svc);
  m.core->run(1'000'000);
  CHECK(m.r(kPc) == p::user_svc + 8);
  CHECK(m.core->state() == CoreState::Running);
}

TEST_CASE("linux_user: undefined, abort and BKPT reach Hooks::user_fault at the instruction") {
  UserMachine m;
  m.set(kPc, p::undefined_call);
  m.core->run(1000);
  REQUIRE(m.hooks.faults.size() == 1);
  CHECK(m.hooks.faults[0].fault == UserFault::IllegalInstruction);
  CHECK(m.hooks.faults[0].pc == p::undefined_call);
  CHECK(m.r(kPc) == p::undefined_call);  // as the signal handler would see it

  m.set(1, 0x80000000);
  m.set(kPc, p::load_abort);
  m.core->run(1000);
  REQUIRE(m.hooks.faults.size() == 2);
  CHECK(m.hooks.faults[1].fault == UserFault::SegmentationFault);
  CHECK(m.hooks.faults[1].pc == p::load_abort);
  CHECK(m.hooks.faults[1].address == 0x80000000);

  m.set(kPc, p::user_bkpt);
  m.core->run(1000);
  REQUIRE(m.hooks.faults.size() == 3);
  CHECK(m.hooks.faults[2].fault == UserFault::Breakpoint);
}

TEST_CASE(
    "linux_user: TPIDRURO is set through the register file and read by MRC, USR cannot write it") {
  UserMachine m;
  m.set(kTpidruro, 0xB6FFF490);
  REQUIRE(m.run(p::tls_read, p::tls_read_end, 10));
  CHECK(m.r(0) == 0xB6FFF490);
  m.set(kPc, p::tls_write);
  m.core->run(100);
  REQUIRE(m.hooks.faults.size() == 1);
  CHECK(m.hooks.faults[0].fault == UserFault::IllegalInstruction);
}

TEST_CASE("harness use: set every register, run N instructions, read them back") {
  UserMachine m;
  for (unsigned n = 0; n < 13; ++n) m.set(n, 0x100 * n);
  m.set(kCpsr, 0x60000010);  // Z and C, USR
  m.set(1, 0x7FFFFFFF);
  m.set(2, 1);
  m.set(kPc, p::flags_adds);
  for (int i = 0; i < 7; ++i) m.core->step();
  CHECK(m.r(kPc) == p::flags_adds_end);
  CHECK(m.r(0) == 0x80000000);
  CHECK(m.r(3) >> 28 == 0x9);  // N and V (A8.8.4 ADDS: AddWithCarry)
  CHECK(m.r(4) == 0);
  CHECK(m.r(5) >> 28 == 0x6);   // Z and C
  CHECK(m.r(6) == 0x80000001);  // RSC: 0 - 0x7FFFFFFF - NOT(1)
  CHECK(m.r(7) == 0xFFFFFFFE);
  CHECK(m.r(8) >> 28 == 0x8);  // N, C = bit 31 of 0x7FFFFFFF = 0
  CHECK(m.core->instruction_count() == 7);
}

TEST_CASE("shifts by register and by 32 (A8.4.1, Shift_C)") {
  UserMachine m;
  m.set(1, 0x80000001);
  REQUIRE(m.run(p::shifts, p::shifts_end, 20));
  CHECK(m.r(0) == 0);
  CHECK(m.r(4) == 0x01800000);
  CHECK(m.r(5) == 0xFFFFFFFF);
  CHECK(m.r(6) == ((m.r(kCpsr) >> 29 & 1) << 31 | 0x40000000));
  CHECK(m.r(7) == 0);
  CHECK(m.r(8) >> 28 == 0x4);  // Z, C clear
}

TEST_CASE("long multiplies and UMAAL (A8.8.257, A8.8.189, A8.8.255)") {
  UserMachine m;
  m.set(1, 0xFFFFFFFF);
  m.set(2, 0xFFFFFFFF);
  m.set(7, 1);
  m.set(8, 2);
  REQUIRE(m.run(p::multiplies, p::multiplies_end, 20));
  CHECK(m.r(0) == 1);
  CHECK(m.r(3) == 0xFFFFFFFE);
  CHECK(m.r(4) == 1);  // -1 * -1
  CHECK(m.r(5) == 0);
  CHECK(m.r(6) == 0);  // 1 + (-1)
  CHECK(m.r(7) == 4);  // 0xFFFFFFFE00000001 + 1 + 2
  CHECK(m.r(8) == 0xFFFFFFFE);
}

TEST_CASE("loads and stores: pre/post-index writeback, sign extension, LDRD/STRD, PUSH/POP") {
  UserMachine m;
  m.set(0, 0x20000);
  REQUIRE(m.run(p::load_store, p::load_store_end, 20));
  CHECK(m.r(2) == 0xFFFFFF80);
  CHECK(m.r(3) == 0x8000);  // halfword at 0x20000: bytes 00 80
  CHECK(m.r(6) == 0x11);
  CHECK(m.r(7) == 0x22);
  CHECK(m.r(8) == 0x22);
  CHECK(m.r(0) == 0x20010);
  CHECK(m.r(9) == 0x11);
  CHECK(m.r(10) == 0x22);
  CHECK(m.r(kSp) == 0x8000);
}

TEST_CASE("exclusives: STREX succeeds once per LDREX, CLREX clears (A3.4)") {
  UserMachine m;
  m.set(0, 0x20000);
  m.set_word(0x20000, 41);
  REQUIRE(m.run(p::exclusive, p::exclusive_end, 20));
  CHECK(m.word(0x20000) == 42);
  CHECK(m.r(2) == 0);
  CHECK(m.r(3) == 1);
  CHECK(m.r(4) == 42);
  CHECK(m.r(6) == 1);
}

TEST_CASE("interworking: BLX to Thumb, an IT block, BX LR back to ARM") {
  UserMachine m;
  REQUIRE(m.run(p::interworking, p::interworking_end, 20));
  CHECK(m.r(2) == 41);
  CHECK((m.r(kCpsr) & 0x20) == 0);
}
