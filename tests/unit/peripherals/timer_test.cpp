// CMSDK APB timer against ARM DDI 0479C (APB timer chapter): the counter decrements once
// per PCLK, reloads from RELOAD after reaching zero, and interrupts on reaching zero.
#include <catch2/catch.hpp>

#include "peripherals/timer/cmsdk_timer.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;

namespace {

struct TimerBench {
  test::TestInitiator cpu{"cpu"};
  CmsdkTimer timer{"timer", sc_time(40, SC_NS)};  // 25 MHz PCLK
  bool irq = false;
  std::vector<sc_time> rises;
  TimerBench() {
    cpu.socket.bind(timer.socket);
    sc_start(SC_ZERO_TIME);  // events are scheduled from simulation time on
    timer.irq.connect([this](bool l) {
      if (l && !irq) rises.push_back(sc_time_stamp());
      irq = l;
    });
  }
};

}  // namespace

TEST_CASE("timer: VALUE counts down one per PCLK and wraps through RELOAD") {
  TimerBench b;
  CHECK(b.cpu.read32(0xFE0) == 0x22);  // PID0: part number 0x822
  b.cpu.write(CmsdkTimer::kReload, 9);
  b.cpu.write(CmsdkTimer::kValue, 4);
  b.cpu.write(CmsdkTimer::kCtrl, CmsdkTimer::kEnable);
  test::advance(sc_time(40 * 3, SC_NS));
  CHECK(b.cpu.read32(CmsdkTimer::kValue) == 1);
  test::advance(sc_time(40, SC_NS));
  CHECK(b.cpu.read32(CmsdkTimer::kValue) == 0);
  test::advance(sc_time(40, SC_NS));
  CHECK(b.cpu.read32(CmsdkTimer::kValue) == 9);  // reloaded on the next edge
  test::advance(sc_time(40 * 10, SC_NS));
  CHECK(b.cpu.read32(CmsdkTimer::kValue) == 9);  // a full period is RELOAD + 1 edges
  // Disabled: the value holds.
  b.cpu.write(CmsdkTimer::kCtrl, 0);
  test::advance(sc_time(40 * 5, SC_NS));
  CHECK(b.cpu.read32(CmsdkTimer::kValue) == 9);
  CHECK(b.rises.empty());  // interrupt not enabled
  CHECK(b.cpu.read32(CmsdkTimer::kIntStatus) == 0);
}

TEST_CASE("timer: the interrupt rises at the exact edge the counter reaches zero, every RELOAD+1") {
  TimerBench b;
  b.cpu.write(CmsdkTimer::kReload, 99);
  b.cpu.write(CmsdkTimer::kValue, 99);
  b.cpu.write(CmsdkTimer::kCtrl, CmsdkTimer::kEnable | CmsdkTimer::kIntEnable);
  test::advance(sc_time(99 * 40 - 1, SC_NS));
  CHECK_FALSE(b.irq);
  test::advance(sc_time(1, SC_NS));
  CHECK(b.irq);
  REQUIRE(b.rises.size() == 1);
  CHECK(b.rises[0] == sc_time(99 * 40, SC_NS));
  CHECK(b.cpu.read32(CmsdkTimer::kIntStatus) == 1);
  b.cpu.write(CmsdkTimer::kIntStatus, 1);  // INTCLEAR
  CHECK_FALSE(b.irq);
  test::advance(sc_time(100 * 40, SC_NS));
  REQUIRE(b.rises.size() == 2);
  CHECK(b.rises[1] == sc_time((99 + 100) * 40, SC_NS));
}

TEST_CASE("timer: the external-input modes stop the counter (EXTIN is not connected)") {
  TimerBench b;
  b.cpu.write(CmsdkTimer::kValue, 50);
  b.cpu.write(CmsdkTimer::kCtrl, CmsdkTimer::kEnable | CmsdkTimer::kExternalEnable);
  test::advance(sc_time(400, SC_NS));
  CHECK(b.cpu.read32(CmsdkTimer::kValue) == 50);
}
