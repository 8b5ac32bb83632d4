// The A-profile system level against the ARMv7-A ARM (ARM DDI 0406C): exception entry
// (B1.8.3: mode, LR offsets, SPSR, masks), return (B9.3.20 MOVS pc; SRS/RFE), banked
// registers, CP15 identification, interrupts, and UNDEFINED per variant.
#include <catch2/catch.hpp>

#include "programs/system.h"
#include "tests/unit/arm_a/test_machine.h"

using namespace anvil;
using namespace anvil::arm;
namespace p = programs::system;
using namespace arm_a_register;

namespace {

constexpr std::uint32_t kModeMask = 0x1F, kUser = 0x10, kFiq = 0x11, kIrq = 0x12, kSvc = 0x13,
                        kAbort = 0x17, kUndefined = 0x1B;
constexpr std::uint32_t kI = 1u << 7, kF = 1u << 6, kA = 1u << 8;

struct SystemMachine : test::Machine {
  explicit SystemMachine(const std::string& model = "cortex-a15") : Machine(model) {
    load(p::kImage);
    set(kSp, 0x8000);
  }
  void write_register_spsr(std::uint32_t v) { set(kSpsr, v); }
  // Runs from `start` to `end`; true when it got there.
  bool from(std::uint32_t start, std::uint32_t end) { return run(start, end, 1000); }
};

}  // namespace

TEST_CASE("reset: SVC mode, ARM state, A I F masked, at the low vector (B1.8.4)") {
  SystemMachine m;
  CHECK(m.r(kPc) == 0);
  CHECK((m.r(kCpsr) & 0x1FF) == (kSvc | kI | kF | kA));
}

TEST_CASE("SVC: Supervisor mode, LR = next instruction, SPSR = old CPSR (B1.8.3)") {
  SystemMachine m;
  m.set(kCpsr, kUser | 0xA0000000);  // N and C set, to see them in the SPSR
  REQUIRE(m.from(p::svc_call, p::handler_done));
  CHECK((m.r(10) & kModeMask) == kSvc);
  CHECK((m.r(10) & kI) != 0);
  CHECK(m.r(11) == p::svc_call_after);
  CHECK(m.r(12) == (kUser | 0xA0000000));
}

TEST_CASE("MOVS pc, lr returns from SVC and restores the CPSR (B9.3.20)") {
  SystemMachine m;
  m.set(kCpsr, kUser | 0x40000000);
  m.set(0, 0x55);
  REQUIRE(m.from(p::svc_call, p::svc_call_after));
  CHECK(m.r(kCpsr) == (kUser | 0x40000000));
}

TEST_CASE("SRS and RFE: save LR/SPSR on the SVC stack and return through them (B9.3.16)") {
  SystemMachine m;
  m.set(kCpsr, kUser);
  m.set(0, 0x66);
  REQUIRE(m.from(p::svc_call, p::svc_call_after));
  CHECK(m.r(1) == 0x99);
  CHECK((m.r(kCpsr) & kModeMask) == kUser);
  m.set(kCpsr, kSvc | kI | kF);
  CHECK(m.r(kSp) == 0x8000);  // the SVC SP went down by 8 and back up
}

TEST_CASE("UDF: Undefined mode, LR = instruction + 4 (B1.9.? TakeUndefInstrException)") {
  SystemMachine m;
  REQUIRE(m.from(p::undefined_call, p::handler_done));
  CHECK((m.r(10) & kModeMask) == kUndefined);
  CHECK(m.r(11) == p::undefined_call + 4);
}

TEST_CASE("data abort: Abort mode, LR = instruction + 8, DFAR and DFSR (B1.9.?)") {
  SystemMachine m;
  m.set(1, 0x80000000);  // nothing is mapped there: external abort
  REQUIRE(m.from(p::load_abort, p::handler_done));
  CHECK((m.r(10) & kModeMask) == kAbort);
  CHECK((m.r(10) & kA) != 0);
  CHECK(m.r(11) == p::load_abort + 8);
  CHECK(m.r(9) == 0x80000000);  // DFAR
  CHECK(m.r(8) == 0x8);         // DFSR: synchronous external abort
}

TEST_CASE("IRQ and FIQ lines: taken when unmasked, LR = next + 4, FIQ banks r8-r12") {
  SystemMachine m;
  m.set(kCpsr, kSvc);  // I and F clear
  m.set(8, 0x1234);
  m.set(kPc, p::irq_wait);
  m.core->step();  // the NOP
  m.core->set_irq_line(0, true);
  m.core->step();  // takes the interrupt
  REQUIRE(m.r(kPc) == 0x18);
  REQUIRE(m.run(0x18, p::handler_done, 100));
  CHECK((m.r(10) & kModeMask) == kIrq);
  CHECK((m.r(10) & kI) != 0);
  CHECK((m.r(10) & kF) == 0);
  CHECK(m.r(11) == p::irq_wait_next + 4);
  CHECK(m.r(9) == 0x1234);  // r8 is shared with IRQ mode

  SystemMachine f;
  f.set(kCpsr, kSvc);
  f.set(8, 0x1234);
  f.set(kPc, p::irq_wait);
  f.core->set_irq_line(1, true);
  f.core->step();
  REQUIRE(f.run(0x1C, p::handler_done, 100));
  CHECK((f.r(10) & kModeMask) == kFiq);
  CHECK((f.r(10) & (kI | kF)) == (kI | kF));
  CHECK(f.r(9) == 0);  // FIQ's own r8
  f.set(kCpsr, kSvc | kI | kF);
  CHECK(f.r(8) == 0x1234);  // back in SVC mode: the shared r8 again
}

TEST_CASE("masked interrupts wait") {
  SystemMachine m;  // I and F masked after reset
  m.set(kPc, p::irq_wait);
  m.core->set_irq_line(0, true);
  m.core->step();
  CHECK(m.r(kPc) == p::irq_wait_next);
}

TEST_CASE("WFI sleeps until an interrupt line rises, even a masked one (B1.8.?)") {
  SystemMachine m;  // I and F masked
  REQUIRE(m.from(p::wfi_wait, p::wfi_wait + 0));
  m.core->step();
  CHECK(m.core->state() == CoreState::Sleeping);
  m.core->run(1000);
  CHECK(m.r(kPc) == p::wfi_wait + 4);  // asleep: nothing ran
  m.core->set_irq_line(0, true);
  CHECK(m.core->state() == CoreState::Running);
  m.core->step();
  CHECK(m.r(kPc) == p::wfi_wait + 8);  // masked: no exception, execution goes on
}

TEST_CASE("STM/LDM with ^ reach the User registers from SVC mode (B9.3.5, B9.3.17)") {
  SystemMachine m;
  m.set(kCpsr, kUser);
  m.set(kSp, 0x7000);
  m.set(kLr, 0x1111);
  m.set(kCpsr, kSvc | kI | kF);
  m.set(kSp, 0x9000);
  m.set(0, 0x20000);
  REQUIRE(m.from(p::user_registers, p::user_registers_end));
  CHECK(m.word(0x20000) == 0x7004);
  CHECK(m.word(0x20004) == 0x1111);
  CHECK(m.r(kSp) == 0x9000);
  m.set(kCpsr, kUser);
  CHECK(m.r(kSp) == 0x7004);
}

TEST_CASE("CPS changes mode, each mode has its own SP (B1.3.2, B9.3.2)") {
  SystemMachine m;
  m.set(kSp, 0x5000);
  REQUIRE(m.from(p::cps_modes, p::cps_modes_end));
  CHECK(m.r(1) == 0x5000);
  m.set(kCpsr, kIrq | kI | kF);
  CHECK(m.r(kSp) == 0x1200);
}

TEST_CASE("CP15 identification per variant (each TRM's c0 registers)") {
  SystemMachine a15("cortex-a15");
  REQUIRE(a15.from(p::read_ids, p::read_ids_end));
  CHECK(a15.r(0) == 0x412FC0F1);  // Cortex-A15 r2p1
  CHECK(a15.r(2) == 0x00C50078);  // SCTLR reset value
  CHECK(a15.r(3) == 0x02101110);  // ID_ISAR0: SDIV/UDIV in ARM and Thumb
  SystemMachine a7("cortex-a7");
  REQUIRE(a7.from(p::read_ids, p::read_ids_end));
  CHECK(a7.r(0) == 0x410FC075);
  SystemMachine arm1176("arm1176");
  REQUIRE(arm1176.from(p::read_ids, p::read_ids_end));
  CHECK(arm1176.r(0) == 0x410FB767);
  SystemMachine arm926("arm926ej-s");
  REQUIRE(arm926.from(p::read_ids, p::read_ids + 4));
  CHECK(arm926.r(0) == 0x41069265);
  SystemMachine arm7("arm7tdmi");  // no CP15: MRC p15 is UNDEFINED
  REQUIRE(arm7.from(p::read_ids, p::handler_done));
  CHECK((arm7.r(10) & kModeMask) == kUndefined);
}

TEST_CASE("SCTLR.V moves the vectors to 0xFFFF0000 (B1.8.1)") {
  SystemMachine m;
  REQUIRE(m.from(p::high_vectors, p::high_vectors_end - 4));
  m.core->step();
  CHECK(m.r(kPc) == 0xFFFF0008);
}

TEST_CASE("instructions of later architectures are UNDEFINED on earlier variants") {
  struct Case {
    std::uint32_t address;
    const char* oldest;  // the first variant that has it
  };
  const Case cases[] = {{p::insn_clz, "arm926ej-s"},  {p::insn_blx, "arm926ej-s"},
                        {p::insn_ldrd, "arm926ej-s"}, {p::insn_sadd16, "arm1176"},
                        {p::insn_ldrex, "arm1176"},   {p::insn_movw, "cortex-a7"},
                        {p::insn_sdiv, "cortex-a7"},  {p::insn_ubfx, "cortex-a7"}};
  const char* order[] = {"arm7tdmi", "arm926ej-s", "arm1176", "cortex-a7", "cortex-a15"};
  for (const Case& c : cases) {
    bool has = false;
    for (const char* model : order) {
      has = has || std::string(model) == c.oldest;
      SystemMachine m(model);
      m.set(2, 0x20000);
      m.set(3, 0x400);  // a BLX target that is an ordinary address
      m.set(kPc, c.address);
      m.core->step();
      INFO(model << " at " << c.address);
      CHECK((m.r(kPc) == 0x04) == !has);  // the Undefined vector
    }
  }
}

TEST_CASE("A-profile-only T32: LDREXD/STREXD with any Rt2, MRS SPSR, CPS.W (t32_a_profile)") {
  SystemMachine m;
  m.set(kCpsr, kUser);
  m.set(kSp, 0x7700);  // User/System SP
  m.set(kCpsr, kSvc);
  m.write_register_spsr(0x600000D0);
  m.set(6, 0x20000);
  m.set_word(0x20000, 0x11);
  m.set_word(0x20004, 0x22);
  REQUIRE(m.from(p::thumb_system, p::thumb_system_end));
  CHECK(m.r(2) == 0x11);
  CHECK(m.r(4) == 0x22);
  CHECK(m.r(5) == 0);
  CHECK(m.r(7) == 0x600000D0);
  CHECK((m.r(kCpsr) & kI) != 0);
  CHECK(m.r(8) == 0x7700);
}

TEST_CASE("BLX <label> from Thumb enters ARM state, BX LR comes back (A8.8.25 T2)") {
  for (const char* model : {"arm926ej-s", "arm1176", "cortex-a15"}) {
    SystemMachine m(model);
    INFO(model);
    REQUIRE(m.from(p::thumb_blx, p::thumb_blx_end));
    CHECK(m.r(1) == 7);
  }
}

TEST_CASE("16-bit Thumb of later versions is UNDEFINED before them (REV: ARMv6, CBZ: ARMv6T2)") {
  const std::pair<const char*, bool> rev[] = {{"arm926ej-s", false}, {"arm1176", true}};
  for (auto [model, has] : rev) {
    SystemMachine m(model);
    REQUIRE(m.from(p::thumb16_new, p::thumb16_rev));
    m.core->step();
    INFO(model);
    CHECK((m.r(kPc) == 0x04) == !has);
  }
  const std::pair<const char*, bool> cbz[] = {{"arm1176", false}, {"cortex-a7", true}};
  for (auto [model, has] : cbz) {
    SystemMachine m(model);
    REQUIRE(m.from(p::thumb16_new, p::thumb16_cbz));
    m.core->step();
    INFO(model);
    CHECK((m.r(kPc) == 0x04) == !has);
  }
}

TEST_CASE("prefetch abort: a fetch from nowhere enters Abort mode with LR = address + 4, IFAR") {
  SystemMachine m;
  m.set(kPc, 0x80000000);
  m.core->step();
  REQUIRE(m.r(kPc) == 0x0C);
  CHECK((m.r(kCpsr) & kModeMask) == kAbort);
  CHECK(m.r(kLr) == 0x80000004);
  REQUIRE(m.from(p::prefetch_abort_read, p::prefetch_abort_read_end));
  CHECK(m.r(0) == 0x80000000);  // IFAR
  CHECK(m.r(1) == 0x8);         // IFSR: synchronous external abort
}
