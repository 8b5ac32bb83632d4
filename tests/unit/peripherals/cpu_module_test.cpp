// CpuModule with ScriptCore (test_support.h): time advances by cycles x period across
// quantum boundaries, DMI pages are installed and invalidated, bus errors reach the core,
// and WFI sleeps until an interrupt without spinning.
#include <catch2/catch.hpp>

#include "cores/systemc/cpu_module.h"
#include "peripherals/memory/memory.h"
#include "peripherals/router/router.h"
#include "peripherals/timer/cmsdk_timer.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;
using test::Op;
using test::ScriptCore;

namespace {

constexpr Addr kRam = 0x20000000, kRecorder = 0x40000000, kTimer = 0x40001000;

struct Bench {
  Router router{"router"};
  Memory ram{"ram", 0x10000, MemoryKind::Ram};
  test::Recorder recorder{"recorder"};
  ScriptCore* core = nullptr;
  CpuModule cpu;
  std::vector<CpuModule::Halt> halts;

  // 100 MHz core (10 ns), 1 us quantum = 100 cycles.
  explicit Bench(std::vector<Op> program)
      : cpu("cpu0", sc_time(10, SC_NS), std::endian::little, [&](MemoryPort& m) {
          auto c = std::make_unique<ScriptCore>(m, std::move(program));
          core = c.get();
          return c;
        }) {
    tlm::tlm_global_quantum::instance().set(sc_time(1, SC_US));
    cpu.socket.bind(router.target_socket);
    router.map("ram", kRam, 0x10000, ram.socket);
    router.map("recorder", kRecorder, 0x1000, recorder.socket);
    cpu.set_halt_handler([this](CpuModule&, CpuModule::Halt why) { halts.push_back(why); });
  }
};

}  // namespace

TEST_CASE("cpu module: bus accesses happen at cycles x clock period, across quanta") {
  Bench b({{Op::Compute, 0, 250},
           {Op::Store, kRecorder + 4, 1},
           {Op::Compute, 0, 49},
           {Op::Store, kRecorder + 8, 2}});
  sc_start();
  REQUIRE(b.recorder.writes.size() == 2);
  // 250 one-cycle instructions, then the store: 2500 ns. The store itself is one cycle,
  // then 49 more: the second store at (250 + 1 + 49) cycles.
  CHECK(b.recorder.writes[0].time == sc_time(2500, SC_NS));
  CHECK(b.recorder.writes[0].offset == 4);
  CHECK(b.recorder.writes[1].time == sc_time(3000, SC_NS));
  CHECK(b.core->cycle_count() == 301);
  REQUIRE(b.halts.size() == 1);
  CHECK(b.halts[0] == CpuModule::Halt::Stopped);  // the script ran out
  // Never more than one quantum ahead of SystemC time.
  CHECK(b.cpu.local_time() - sc_time_stamp() <= sc_time(1, SC_US));
}

TEST_CASE("cpu module: RAM gets DMI pages after the first slow access, invalidation drops them") {
  Bench b(
      {{Op::Store, kRam + 0x1234, 0xA5A5A5A5}, {Op::Load, kRam + 0x1234}, {Op::Load, 0x10000000}});
  MemoryPort& port = b.cpu.memory();
  CHECK(port.fetch_page(kRam) == nullptr);
  sc_start();
  REQUIRE(b.core->loads.size() == 2);
  CHECK(b.core->loads[0] == 0xA5A5A5A5);
  CHECK(b.core->load_ok[0]);
  CHECK_FALSE(b.core->load_ok[1]);  // unmapped: a bus error for the core
  // The whole RAM is mapped, translated to its global address.
  CHECK(port.fetch_page(kRam) == b.ram.data());
  CHECK(port.fetch_page(kRam + 0xF000) == b.ram.data() + 0xF000);
  CHECK(port.fetch_page(kRam + 0x10000) == nullptr);
  CHECK(port.fetch_page(kRecorder) == nullptr);  // no DMI for devices

  b.ram.invalidate_direct_access(0x1000, 0x1FFF);  // the memory's own offsets
  CHECK(port.fetch_page(kRam + 0x1000) == nullptr);
  CHECK(port.fetch_page(kRam) == b.ram.data());
  CHECK(port.fetch_page(kRam + 0x2000) == b.ram.data() + 0x2000);
}

TEST_CASE("cpu module: a ROM page is mapped read-only, so stores stay on the slow path and fail") {
  Router router("router");
  Memory rom("rom", 0x1000, MemoryKind::Rom);
  ScriptCore* core = nullptr;
  CpuModule cpu("cpu0", sc_time(10, SC_NS), std::endian::little, [&](MemoryPort& m) {
    auto c = std::make_unique<ScriptCore>(
        m, std::vector<Op>{{Op::Load, 0x10}, {Op::Store, 0x10, 7}, {Op::Load, 0x10}});
    core = c.get();
    return c;
  });
  cpu.socket.bind(router.target_socket);
  router.map("rom", 0, 0x1000, rom.socket);
  rom.data()[0x10] = 0x42;
  sc_start();
  REQUIRE(core->loads.size() == 2);
  CHECK(core->loads[1] == 0x42);  // the store did not land
  CHECK(cpu.memory().fetch_page(0) == rom.data());
}

TEST_CASE("cpu module: WFI sleeps until the timer interrupt, without spinning") {
  Bench b({{Op::Compute, 0, 10}, {Op::Wfi}, {Op::Store, kRecorder, 1}});
  CmsdkTimer timer("timer", sc_time(10, SC_NS));
  b.router.map("timer", kTimer, 0x1000, timer.socket);
  timer.irq.connect([&](bool level) { b.cpu.set_irq(3, level); });
  // Interrupt after 5000 timer cycles = 50 us, set up at time 0 (while the core runs into
  // its WFI in the first delta cycle).
  test::TestInitiator setup("setup");
  setup.socket.bind(b.router.target_socket);
  sc_start(SC_ZERO_TIME);
  setup.write(kTimer + CmsdkTimer::kValue, 5000);
  setup.write(kTimer + CmsdkTimer::kCtrl, CmsdkTimer::kEnable | CmsdkTimer::kIntEnable);
  sc_start();

  REQUIRE(b.recorder.writes.size() == 1);
  // 10 cycles of work and the WFI (11 cycles = 110 ns), asleep to 50 us, then the store.
  CHECK(b.recorder.writes[0].time == sc_time(50, SC_US));
  CHECK(b.core->idle_cycles == 5000 - 11);
  CHECK(b.core->line(3));
  // A spinning loop would call run() once per 1 us quantum (50 times) while asleep.
  CHECK(b.core->run_calls_while_asleep == 0);
  CHECK(b.core->run_calls <= 4);
}

TEST_CASE("cpu module: a locked-up core reports Lockup and ends its thread") {
  Bench b({{Op::Compute, 0, 5}, {Op::Lockup}});
  sc_start();
  REQUIRE(b.halts.size() == 1);
  CHECK(b.halts[0] == CpuModule::Halt::Lockup);
  CHECK(b.core->cycle_count() == 5);
}

TEST_CASE("cpu module: an instruction budget stops the core after exactly that many") {
  Bench b({{Op::Compute, 0, 100000}});
  InstructionBudget budget{777};
  b.cpu.set_instruction_budget(&budget);
  sc_start();
  CHECK(b.core->instruction_count() == 777);
  CHECK(budget.remaining == 0);
  REQUIRE(b.halts.size() == 1);
  CHECK(b.halts[0] == CpuModule::Halt::BudgetExhausted);
}
