// The Core API of the Cortex-M: models, configuration errors, register description for GDB,
// register access, step(), stop requests and hooks.
#include <stdexcept>

#include "programs/instructions.h"
#include "test_machine.h"

using namespace arm_test;
namespace p = programs::instructions;

TEST_CASE("the library names its models and rejects unknown ones by name") {
  const auto models = arm::cortex_m_models();
  CHECK(models == std::vector<std::string>{"cortex-m3", "cortex-m4"});
  CHECK(arm::is_cortex_m_model("cortex-m4"));
  CHECK_FALSE(arm::is_cortex_m_model("cortex-m0"));
  TestBus bus;
  MemoryPort port(bus, std::endian::little);
  arm::CortexMConfig config;
  config.model = "cortex-m7";
  CHECK_THROWS_WITH(arm::create_cortex_m(config, port), Catch::Contains("cortex-m7"));
  config.model = "cortex-m3";
  config.external_irqs = 241;
  CHECK_THROWS_AS(arm::create_cortex_m(config, port), std::invalid_argument);
  config.external_irqs = 32;
  config.priority_bits = 2;
  CHECK_THROWS_AS(arm::create_cortex_m(config, port), std::invalid_argument);
  config.priority_bits = 3;
  const auto core = arm::create_cortex_m(config, port);
  CHECK(core->model() == "cortex-m3");
  CHECK(core->isa() == "arm");
}

TEST_CASE("register_info describes the M-profile GDB features") {
  Machine m(p::kImage);
  const auto regs = m.core->register_info();
  REQUIRE(regs.size() == 23);
  CHECK(regs[0].name == "r0");
  CHECK(regs[12].name == "r12");
  CHECK(regs[kSp].name == "sp");
  CHECK(regs[kSp].gdb_type == "data_ptr");
  CHECK(regs[kLr].gdb_type == "code_ptr");
  CHECK(regs[kPc].name == "pc");
  CHECK(regs[kPc].gdb_type == "code_ptr");
  CHECK(regs[kXpsr].name == "xpsr");
  for (unsigned i = 0; i <= kXpsr; ++i) {
    CHECK(regs[i].gdb_feature == "org.gnu.gdb.arm.m-profile");
    CHECK(regs[i].bits == 32);
  }
  const char* system[] = {"msp", "psp", "primask", "basepri", "faultmask", "control"};
  for (unsigned i = 0; i < 6; ++i) {
    CHECK(regs[kMsp + i].name == system[i]);
    CHECK(regs[kMsp + i].gdb_feature == "org.gnu.gdb.arm.m-system");
  }
}

TEST_CASE("register writes: SP is word-aligned, MSP and PSP are banked by CONTROL.SPSEL") {
  Machine m(p::kImage);
  m.set(kSp, 0x20001003);
  CHECK(m.reg(kSp) == 0x20001000);
  CHECK(m.reg(kMsp) == 0x20001000);
  m.set(kPsp, 0x20000800);
  m.set(kControl, 2);
  CHECK(m.reg(kSp) == 0x20000800);
  CHECK(m.reg(kMsp) == 0x20001000);
  m.set(kControl, 0);
  CHECK(m.reg(kSp) == 0x20001000);
  m.set(kXpsr, 0xF8000000 | (1u << 24));
  CHECK(m.reg(kXpsr) == (0xF8000000 | (1u << 24)));
}

TEST_CASE("step() executes exactly one instruction") {
  Machine m(p::kImage);
  m.set(kPc, p::branches);
  CHECK(m.core->step() == 1);  // MOVS
  CHECK(m.reg(kPc) == p::branches + 2);
  CHECK(m.core->step() == 3);  // B: 1 + pipeline refill
  CHECK(m.core->instruction_count() == 2);
}

namespace {
class BreakAt : public Hooks {
 public:
  Addr address;
  unsigned calls = 0;
  explicit BreakAt(Addr a) : address(a) {}
  bool before_instruction(Addr pc) override {
    ++calls;
    return pc == address;
  }
};
class StopRequester : public Hooks {
 public:
  Core* core = nullptr;
  bool before_instruction(Addr) override {
    core->request_stop();
    return false;
  }
};
}  // namespace

TEST_CASE("a before_instruction hook stops before the instruction; resume runs past it") {
  Machine m(p::kImage);
  BreakAt hook(p::branches + 2);
  m.core->set_hooks(&hook, true);
  m.set(kPc, p::branches);
  m.core->run(1000);
  CHECK(m.core->state() == CoreState::Stopped);
  CHECK(m.reg(kPc) == p::branches + 2);
  m.core->resume();
  m.core->run(1000);
  CHECK(m.core->state() == CoreState::Stopped);
  CHECK(m.reg(0) == 1);  // reached the final BKPT
  m.core->set_hooks(nullptr, false);
  const unsigned calls = hook.calls;
  m.run_from(p::branches);
  CHECK(hook.calls == calls);  // hooks off: not called
}

TEST_CASE("request_stop makes run() return after the current instruction") {
  Machine m(p::kImage);
  StopRequester hook;
  hook.core = m.core.get();
  m.core->set_hooks(&hook, true);
  m.set(kPc, p::branches);
  m.core->run(1000);
  CHECK(m.core->instruction_count() == 1);
  CHECK(m.core->state() == CoreState::Running);
}

TEST_CASE("an interrupt line the NVIC does not have is an error naming it") {
  Machine m(p::kImage);
  CHECK_THROWS_WITH(m.core->set_irq_line(32, true), Catch::Contains("interrupt line 32"));
  CHECK_NOTHROW(m.core->set_irq_line(31, false));
}

namespace {
class Watchpoint : public Hooks {
 public:
  Addr watched;
  std::vector<std::pair<Access, Addr>> seen;
  explicit Watchpoint(Addr a) : watched(a) {}
  bool data_access(Access kind, Addr addr, unsigned) override {
    seen.emplace_back(kind, addr);
    return addr == watched;
  }
};
}  // namespace

TEST_CASE("data accesses to a page forced to the slow path reach the watchpoint hook") {
  Machine m(p::kImage);
  Watchpoint watch(0x20000104);
  m.core->set_hooks(&watch, false);  // no per-instruction hooks needed for watchpoints
  m.port.force_slow_path(0x20000000, true);
  m.set(0, 0x1234);
  m.set(1, 0x20000100);
  m.set(kPc, p::ldst);
  m.core->run(1000);
  CHECK(m.core->state() == CoreState::Stopped);
  CHECK(m.reg(kPc) == p::ldst + 2);  // stopped after the accessing STR
  REQUIRE(watch.seen.size() == 1);
  CHECK(watch.seen[0].first == Access::Store);
  CHECK(m.word(0x20000104) == 0x1234);  // the store happened
  m.port.force_slow_path(0x20000000, false);
}
