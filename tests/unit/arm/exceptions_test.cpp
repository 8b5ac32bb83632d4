// The ARMv7-M exception model (ARMv7-M ARM B1.5) and the SCS registers that drive it, run
// through programs/exceptions.s: every handler logs its exception number on entry and the
// number + 100 on exit, so the log shows nesting and order.
#include <vector>

#include "programs/exceptions.h"
#include "test_machine.h"

using namespace arm_test;
namespace e = programs::exceptions;

namespace {
constexpr std::uint32_t kLogPtr = 0x20000000, kLog = 0x20000100, kActions = 0x20000400;
constexpr std::uint32_t kIser = 0xE000E100, kIcer = 0xE000E180, kIspr = 0xE000E200;
constexpr std::uint32_t kIcpr = 0xE000E280, kIpr = 0xE000E400, kIctr = 0xE000E004;
constexpr std::uint32_t kSystCsr = 0xE000E010, kSystRvr = 0xE000E014, kSystCvr = 0xE000E018;
constexpr std::uint32_t kCpuid = 0xE000ED00, kIcsr = 0xE000ED04, kVtor = 0xE000ED08;
constexpr std::uint32_t kAircr = 0xE000ED0C, kScr = 0xE000ED10, kShpr3 = 0xE000ED20;
constexpr std::uint32_t kShcsr = 0xE000ED24, kCfsr = 0xE000ED28, kBfar = 0xE000ED38;
constexpr std::uint32_t kMpuType = 0xE000ED90;

struct ExceptionMachine : Machine {
  explicit ExceptionMachine(arm::CortexMConfig config = {}) : Machine(e::kImage, config) {
    poke(kLogPtr, kLog);
    run_to_halt();  // the reset handler is a BKPT
  }
  std::vector<std::uint32_t> log() {
    std::vector<std::uint32_t> out;
    for (std::uint32_t a = kLog; a < word(kLogPtr); a += 4) out.push_back(word(a));
    return out;
  }
  void action(unsigned exception, std::uint32_t label) {
    poke(kActions + 4 * exception, label | 1);
  }
  // SCS accesses from guest code (debug accesses do not reach the SCS).
  void store(std::uint32_t address, std::uint32_t value) {
    set(0, value);
    set(1, address);
    run_from(e::t_store);
  }
  void store_byte(std::uint32_t address, std::uint32_t value) {
    set(0, value);
    set(1, address);
    run_from(e::t_store_byte);
  }
  std::uint32_t load(std::uint32_t address) {
    set(1, address);
    run_from(e::t_load);
    return reg(0);
  }
  unsigned ipsr() const { return reg(kXpsr) & 0x1FF; }
};

using Log = std::vector<std::uint32_t>;

// Records the cycle count at every instruction and exception entry.
class TimelineHooks : public Hooks {
 public:
  explicit TimelineHooks(Core& core) : core_(core) {}
  struct Entry {
    Addr pc;
    Cycles cycle;
  };
  std::vector<Entry> instructions;
  std::vector<std::pair<unsigned, Cycles>> exceptions;
  bool before_instruction(Addr pc) override {
    instructions.push_back({pc, core_.cycle_count()});
    return false;
  }
  void exception_taken(unsigned number, Addr) override {
    exceptions.emplace_back(number, core_.cycle_count());
  }
  Cycles first_at(Addr pc) const {
    for (const Entry& e : instructions)
      if (e.pc == pc) return e.cycle;
    FAIL("pc never executed");
    return 0;
  }

 private:
  Core& core_;
};
}  // namespace

TEST_CASE("SVC stacks R0-R3, R12, LR, PC and xPSR, 8-byte aligned, and EXC_RETURN restores them") {
  ExceptionMachine m;
  m.action(11, e::action_bkpt);
  for (unsigned r = 0; r < 4; ++r) m.set(r, 0x10 + r);
  m.set(12, 0x1C);
  m.set(kLr, 0x0000ABCD);
  m.set(kSp, 0x20007FFC);  // not 8-byte aligned: the frame gets a padding word
  m.set_flags(kN | kC);
  m.run_from(e::t_svc);

  REQUIRE(m.reg(kPc) == e::action_bkpt);
  CHECK(m.ipsr() == 11);
  const std::uint32_t frame = m.reg(kSp) + 8;  // above log_handler's PUSH {r4, lr}
  CHECK(frame == ((0x20007FFC - 0x20) & ~7u));
  CHECK(m.word(frame + 0) == 0x10);
  CHECK(m.word(frame + 4) == 0x11);
  CHECK(m.word(frame + 8) == 0x12);
  CHECK(m.word(frame + 12) == 0x13);
  CHECK(m.word(frame + 16) == 0x1C);
  CHECK(m.word(frame + 20) == 0xABCD);
  CHECK(m.word(frame + 24) == e::t_svc_done);                       // SVC returns after itself
  CHECK(m.word(frame + 28) == (kN | kC | (1u << 24) | (1u << 9)));  // T bit, padding flag
  CHECK(m.word(m.reg(kSp) + 4) == 0xFFFFFFF9);  // EXC_RETURN: Thread, main stack

  m.continue_after_bkpt();
  CHECK(m.reg(kPc) == e::t_svc_done);
  CHECK(m.ipsr() == 0);
  CHECK(m.reg(kSp) == 0x20007FFC);
  for (unsigned r = 0; r < 4; ++r) CHECK(m.reg(r) == 0x10 + r);
  CHECK(m.reg(12) == 0x1C);
  CHECK(m.reg(kLr) == 0xABCD);
  CHECK(m.flags() == (kN | kC));
  CHECK(m.log() == Log{11, 111});
}

TEST_CASE("an exception from Thread mode on the process stack returns with EXC_RETURN 0xFFFFFFFD") {
  ExceptionMachine m;
  m.action(11, e::action_bkpt);
  m.set(kPsp, 0x20006000);
  m.set(kControl, 2);  // SPSEL: Thread mode uses the PSP
  CHECK(m.reg(kSp) == 0x20006000);
  m.run_from(e::t_svc);
  CHECK(m.reg(kSp) == m.reg(kMsp));  // handlers always run on the main stack
  CHECK(m.reg(kPsp) == 0x20006000 - 0x20);
  CHECK(m.word(m.reg(kSp) + 4) == 0xFFFFFFFD);
  CHECK(m.reg(kControl) == 0);
  m.continue_after_bkpt();
  CHECK(m.reg(kControl) == 2);
  CHECK(m.reg(kSp) == 0x20006000);
  CHECK(m.reg(kMsp) == 0x20008000);
}

TEST_CASE("PendSV set in a handler tail-chains after it, 6 cycles instead of a return and entry") {
  ExceptionMachine m;
  m.action(11, e::action_pend_pendsv);
  TimelineHooks hooks(*m.core);
  m.core->set_hooks(&hooks, true);
  m.run_from(e::t_svc);
  CHECK(m.log() == Log{11, 111, 14, 114});  // same priority: PendSV waits, then chains
  REQUIRE(hooks.exceptions.size() == 2);
  // From the handler's POP {r4, pc} (1 + 2 registers; an EXC_RETURN load is no branch, its
  // refill is part of the return sequence) to PendSV's entry.
  const Cycles pop = hooks.first_at(e::log_return);
  CHECK(hooks.exceptions[1].second - pop == 3 + 6);
  CHECK(m.reg(kPc) == e::t_svc_done);
}

TEST_CASE("exception entry costs 12 cycles from the request to the handler's first instruction") {
  ExceptionMachine m;
  TimelineHooks hooks(*m.core);
  m.core->set_hooks(&hooks, true);
  m.run_from(e::t_svc);
  const Cycles svc = hooks.first_at(e::t_svc);
  const Cycles handler = hooks.first_at(e::log_handler);
  CHECK(handler - svc == 1 + 12);
}

TEST_CASE("a higher-priority interrupt preempts a handler; a lower one waits and tail-chains") {
  ExceptionMachine m;
  m.action(16, e::action_pend_irq1);
  m.store(kIser, 3);
  SECTION("IRQ1 higher") {
    m.store(kIpr, 0x00004080);  // IRQ0 0x80, IRQ1 0x40
    m.store(kIspr, 1);
    CHECK(m.log() == Log{16, 17, 117, 116});
  }
  SECTION("IRQ1 lower") {
    m.store(kIpr, 0x0000A080);
    m.store(kIspr, 1);
    CHECK(m.log() == Log{16, 116, 17, 117});
  }
  SECTION("same group priority under PRIGROUP: no preemption") {
    m.store(kAircr, 0x05FA0700);  // PRIGROUP 7: no group bits (B1.5.4)
    m.store(kIpr, 0x00004080);
    m.store(kIspr, 1);
    CHECK(m.log() == Log{16, 116, 17, 117});
  }
  CHECK(m.ipsr() == 0);
}

TEST_CASE("an interrupt inside an IT block stacks and restores the IT state") {
  ExceptionMachine m;
  m.store(kIser, 1);
  for (unsigned r = 2; r <= 4; ++r) m.set(r, 0);
  m.set(0, 1);
  m.set(1, kIspr);
  TimelineHooks hooks(*m.core);
  m.core->set_hooks(&hooks, false);
  m.run_from(e::t_it_irq);
  CHECK(m.log() == Log{16, 116});
  CHECK(m.reg(2) == 0);
  CHECK(m.reg(3) == 1);
  CHECK(m.reg(4) == 0);
}

TEST_CASE("among pending interrupts the lowest priority value goes first, then the lowest number") {
  ExceptionMachine m;
  m.store(kIser, 3);
  SECTION("subpriority decides within a group") {
    m.store(kAircr, 0x05FA0700);  // one group: 0x40 and 0x80 differ only in subpriority
    m.store(kIpr, 0x00004080);
    m.store(kIspr, 3);
    CHECK(m.log() == Log{17, 117, 16, 116});
  }
  SECTION("equal priorities: exception number decides") {
    m.store(kIspr, 3);
    CHECK(m.log() == Log{16, 116, 17, 117});
  }
}

TEST_CASE("PRIMASK holds a pending interrupt until CPSIE") {
  ExceptionMachine m;
  m.store(kIser, 1);
  m.set(0, 1);
  m.set(1, kIspr);
  m.run_from(e::t_primask);
  CHECK(m.log() == Log{0xAA, 16, 116, 0xBB});
  CHECK(m.reg(kPrimask) == 0);
}

TEST_CASE("BASEPRI masks interrupts at or below its priority") {
  ExceptionMachine m;
  m.store(kIser, 3);
  m.store(kIpr, 0x00002080);  // IRQ0 0x80, IRQ1 0x20
  m.set(kBasepri, 0x40);
  m.core->set_irq_line(0, true);
  m.core->set_irq_line(0, false);  // a pulse: pending latches
  m.core->set_irq_line(1, true);
  m.core->set_irq_line(1, false);
  m.run_from(e::t_svc_done);
  CHECK(m.log() == Log{17, 117});
  CHECK(m.load(kIspr) == 1);  // IRQ0 still pending
  m.set(kBasepri, 0);
  m.run_from(e::t_svc_done);
  CHECK(m.log() == Log{17, 117, 16, 116});
}

TEST_CASE("SysTick requests its exception every RVR+1 cycles, at the exact cycle") {
  ExceptionMachine m;
  TimelineHooks hooks(*m.core);
  m.store(kSystRvr, 99);
  m.store(kSystCvr, 0);
  m.core->set_hooks(&hooks, false);
  const Cycles enabled_at = m.core->cycle_count();  // the STR below is the first instruction
  m.store(kSystCsr, 7);                             // ENABLE | TICKINT | CLKSOURCE
  m.start(e::t_nops);
  m.core->run(250 + enabled_at - m.core->cycle_count());
  REQUIRE(hooks.exceptions.size() >= 2);
  CHECK(hooks.exceptions[0].first == 15);
  // Loaded from RVR on the cycle after enabling, zero RVR cycles later: entry adds 12.
  CHECK(hooks.exceptions[0].second == enabled_at + 100 + 12);
  CHECK(hooks.exceptions[1].second == enabled_at + 200 + 12);
  CHECK((m.load(kSystCsr) & (1u << 16)) != 0);  // COUNTFLAG, cleared by the read
  CHECK((m.load(kSystCsr) & (1u << 16)) == 0);
}

TEST_CASE("SysTick counts down lazily and reports the cycles to its next event") {
  ExceptionMachine m;
  m.store(kSystRvr, 999);
  m.store(kSystCvr, 0);
  m.store(kSystCsr, 3);
  const Cycles start = m.core->cycle_count();
  // The enabling STR and the BKPT after it took a cycle each; the counter loaded RVR on the
  // cycle after enabling and reaches zero RVR cycles later.
  CHECK(m.core->next_internal_event() == 1000 - 2);
  m.core->advance_idle(500);
  CHECK(m.core->next_internal_event() == 1000 - 2 - 500);
  const std::uint32_t before = m.core->cycle_count() - start;
  const std::uint32_t cvr = m.load(kSystCvr);  // read by the first instruction
  CHECK(cvr == 1000 - 2 - before);
}

TEST_CASE("NVIC enable, pending and priority registers") {
  ExceptionMachine m;
  m.store(kIser, 0x5);
  CHECK(m.load(kIser) == 0x5);
  CHECK(m.load(kIcer) == 0x5);
  m.store(kIcer, 0x1);
  CHECK(m.load(kIser) == 0x4);
  m.set(kPrimask, 1);  // keep them pending
  m.store(kIspr, 0x6);
  CHECK(m.load(kIspr) == 0x6);
  const std::uint32_t icsr = m.load(kIcsr);
  CHECK(((icsr >> 12) & 0x1FF) == 16 + 2);  // VECTPENDING: the enabled one
  CHECK((icsr & (1u << 22)) != 0);          // ISRPENDING
  m.store(kIcpr, 0x2);
  CHECK(m.load(kIspr) == 0x4);
  m.store_byte(kIpr + 5, 0xFF);  // 3 implemented priority bits: 0xE0 reads back
  CHECK(m.load(kIpr + 4) == 0x0000E000);
  m.store(kShpr3, 0xFFFFFFFF);
  CHECK(m.load(kShpr3) == 0xE0E000E0);  // SysTick, PendSV, DebugMonitor; 13 is reserved
  CHECK(m.load(kIctr) == 0);            // 32 lines
  CHECK(m.load(kMpuType) == 0);         // no MPU
  CHECK(m.load(kCpuid) == 0x412FC231);  // Cortex-M3 r2p1
  CHECK((m.load(kAircr) >> 16) == 0xFA05);
  m.store(kAircr, 0x00000300);  // no VECTKEY: ignored
  CHECK(((m.load(kAircr) >> 8) & 7) == 0);
  m.store(kVtor, 0x00001080);
  CHECK(m.load(kVtor) == 0x00001080);
}

TEST_CASE("the SCS reflects the configuration: Cortex-M4 CPUID, 64 interrupt lines") {
  arm::CortexMConfig config;
  config.model = "cortex-m4";
  config.external_irqs = 64;
  config.priority_bits = 4;
  ExceptionMachine m(config);
  CHECK(m.load(kCpuid) == 0x410FC241);
  CHECK(m.load(kIctr) == 1);
  CHECK(m.core->irq_line_count() == 64);
  m.store_byte(kIpr + 40, 0xFF);
  CHECK(m.load(kIpr + 40) == 0xF0);
  m.store(kIser + 4, 0xFFFFFFFF);
  CHECK(m.load(kIser + 4) == 0xFFFFFFFF);
}

TEST_CASE("a fault with its handler disabled escalates to HardFault (FORCED)") {
  ExceptionMachine m;
  m.run_from(e::t_udf);
  CHECK(m.reg(kPc) == e::hardfault + 10);  // its BKPT
  CHECK(m.ipsr() == 3);
  CHECK(m.reg(0) == 0x00010000);             // CFSR.UFSR.UNDEFINSTR
  CHECK(m.reg(1) == 0x40000000);             // HFSR.FORCED
  CHECK(m.word(m.reg(2) + 24) == e::t_udf);  // the faulting instruction is stacked
}

TEST_CASE("an enabled UsageFault is taken by its own handler") {
  ExceptionMachine m;
  m.store(kShcsr, 1u << 18);  // USGFAULTENA
  m.action(6, e::action_skip_faulting);
  m.run_from(e::t_udf);
  CHECK(m.reg(kPc) == e::t_udf_done);
  CHECK(m.log() == Log{6, 106});
  CHECK(m.load(kCfsr) == 0x00010000);
  m.store(kCfsr, 0x00010000);  // write one to clear
  CHECK(m.load(kCfsr) == 0);
}

TEST_CASE("a load from nowhere is a precise BusFault with BFAR") {
  ExceptionMachine m;
  m.set(1, 0x30000000);
  m.run_from(e::t_load);
  CHECK(m.ipsr() == 3);
  CHECK(m.reg(0) == 0x00008200);  // BFARVALID | PRECISERR
  CHECK(m.word(m.reg(2) + 24) == e::t_load);
  CHECK(m.load(kBfar) == 0x30000000);
}

TEST_CASE("unprivileged code cannot reach the SCS") {
  ExceptionMachine m;
  m.set(kControl, 1);  // nPRIV
  m.set(1, kCpuid);
  m.run_from(e::t_load);
  CHECK(m.ipsr() == 3);
  CHECK(m.reg(0) == 0x00008200);
}

TEST_CASE("a fault in NMI locks the processor up") {
  ExceptionMachine m;
  m.action(2, e::action_udf);
  m.set(0, 1u << 31);  // ICSR.NMIPENDSET
  m.set(1, kIcsr);
  m.start(e::t_store);
  m.core->run(10000);
  CHECK(m.core->state() == CoreState::Lockup);
  CHECK(m.reg(kPc) == 0xFFFFFFFE);
  CHECK(m.log() == Log{2});
}

TEST_CASE("a fault with FAULTMASK set locks up") {
  ExceptionMachine m;
  m.set(kFaultmask, 1);
  m.start(e::t_udf);
  m.core->run(1000);
  CHECK(m.core->state() == CoreState::Lockup);
}

TEST_CASE("returning to Handler mode from the only active exception is INVPC") {
  ExceptionMachine m;
  m.action(11, e::action_bkpt);
  m.run_from(e::t_svc);
  REQUIRE(m.ipsr() == 11);
  m.set(0, 0xFFFFFFF1);
  m.run_from(e::t_bx_r0);
  CHECK(m.ipsr() == 3);
  CHECK(m.reg(0) == (1u << (16 + 2)));  // UFSR.INVPC
}

TEST_CASE("WFI sleeps until an interrupt; the handler runs, then the code after WFI") {
  ExceptionMachine m;
  m.store(kIser, 1u << 2);
  m.start(e::t_wfi);
  m.core->run(1000);
  REQUIRE(m.core->state() == CoreState::Sleeping);
  CHECK(m.reg(kPc) == e::t_wfi_done);
  CHECK(m.core->run(1000) == 0);  // still asleep
  m.core->set_irq_line(2, true);
  CHECK(m.core->state() == CoreState::Running);
  m.core->set_irq_line(2, false);
  m.run_to_halt();
  CHECK(m.log() == Log{18, 118});
  CHECK(m.reg(5) == 1);
}

TEST_CASE("WFI with PRIMASK set wakes without taking the interrupt") {
  ExceptionMachine m;
  m.store(kIser, 1u << 2);
  m.set(kPrimask, 1);
  m.start(e::t_wfi);
  m.core->run(1000);
  REQUIRE(m.core->state() == CoreState::Sleeping);
  m.core->set_irq_line(2, true);
  m.core->set_irq_line(2, false);
  m.run_to_halt();
  CHECK(m.log().empty());
  CHECK(m.reg(5) == 1);
}

TEST_CASE("SysTick wakes a sleeping core after the cycles it announced") {
  ExceptionMachine m;
  m.store(kSystRvr, 999);
  m.store(kSystCvr, 0);
  m.store(kSystCsr, 3);
  m.start(e::t_wfi);
  m.core->run(100);
  REQUIRE(m.core->state() == CoreState::Sleeping);
  const Cycles wait = m.core->next_internal_event();
  m.core->advance_idle(wait - 1);
  CHECK(m.core->state() == CoreState::Sleeping);
  m.core->advance_idle(1);
  CHECK(m.core->state() == CoreState::Running);
  m.run_to_halt();
  CHECK(m.log() == Log{15, 115});
}

TEST_CASE("SLEEPONEXIT sleeps when the last handler returns to Thread mode") {
  ExceptionMachine m;
  m.store(kScr, 1u << 1);
  m.start(e::t_svc);
  m.core->run(1000);
  // The SVC handler ran and returned; the core went to sleep instead of reaching the BKPT.
  CHECK(m.core->state() == CoreState::Sleeping);
  CHECK(m.log() == Log{11, 111});
  CHECK(m.reg(kPc) == e::t_svc_done);
}

TEST_CASE("a level-sensitive line held high pends again when its handler returns") {
  ExceptionMachine m;
  m.store(kIser, 1u << 4);
  m.core->set_irq_line(4, true);
  m.start(e::t_nops);
  m.core->run(400);
  const Log log = m.log();
  REQUIRE(log.size() >= 4);
  CHECK(log[0] == 20);
  CHECK(log[2] == 20);  // entered again
  m.core->set_irq_line(4, false);
}

TEST_CASE("AIRCR.SYSRESETREQ resets the core") {
  ExceptionMachine m;
  m.set(kSp, 0x20001000);
  m.store(kAircr, 0x05FA0004);
  CHECK(m.reg(kPc) == e::reset);
  CHECK(m.reg(kSp) == 0x20008000);
}

TEST_CASE("instruction fetches from Execute Never regions and from nowhere fault") {
  ExceptionMachine m;
  SECTION("XN: the Peripheral region is a MemManage fault (IACCVIOL), escalated") {
    m.set(0, 0x40000001);
    m.run_from(e::t_bx_r0);
    CHECK(m.reg(0) == 0x00000001);
    CHECK(m.word(m.reg(2) + 24) == 0x40000000);
  }
  SECTION("unmapped: an instruction BusFault (IBUSERR), escalated") {
    m.set(0, 0x30000001);
    m.run_from(e::t_bx_r0);
    CHECK(m.reg(0) == 0x00000100);
    CHECK(m.word(m.reg(2) + 24) == 0x30000000);
  }
  CHECK(m.ipsr() == 3);
  CHECK(m.reg(1) == 0x40000000);
}

TEST_CASE("CCR.UNALIGN_TRP makes unaligned LDR a UsageFault") {
  ExceptionMachine m;
  m.store(0xE000ED14, (1u << 9) | (1u << 3));  // CCR: STKALIGN | UNALIGN_TRP
  m.set(1, 0x20000101);
  m.run_from(e::t_load);
  CHECK(m.ipsr() == 3);
  CHECK(m.reg(0) == (1u << (16 + 8)));  // UFSR.UNALIGNED
}

TEST_CASE("a stack pointer into nowhere makes exception entry fail and lock up") {
  ExceptionMachine m;
  m.set(kSp, 0x30000100);
  m.start(e::t_svc);
  m.core->run(1000);
  CHECK(m.core->state() == CoreState::Lockup);
}

TEST_CASE("VTOR moves the vector table") {
  ExceptionMachine m;
  // A copy of the table at 0x1000 whose SVCall entry points at action_bkpt.
  for (std::uint32_t i = 0; i < 24; ++i) m.poke(0x1000 + 4 * i, m.word(4 * i));
  m.poke(0x1000 + 4 * 11, e::action_bkpt | 1);
  m.store(kVtor, 0x1000);
  m.run_from(e::t_svc);
  CHECK(m.reg(kPc) == e::action_bkpt);
  CHECK(m.ipsr() == 11);
}

TEST_CASE("WFE sleeps until an event; SEVONPEND makes a new pending interrupt one") {
  ExceptionMachine m;
  m.store(kScr, 1u << 4);  // SEVONPEND
  m.start(e::t_wfe);
  m.core->run(1000);
  REQUIRE(m.core->state() == CoreState::Sleeping);
  m.core->set_irq_line(5, true);  // not enabled: no exception, but an event
  CHECK(m.core->state() == CoreState::Running);
  m.run_to_halt();
  CHECK(m.reg(5) == 2);
  CHECK(m.log().empty());
}
