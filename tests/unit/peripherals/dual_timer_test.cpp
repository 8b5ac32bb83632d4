// CMSDK APB dual timer against the SP804 programmer's model (ARM DDI 0271) that DDI 0479C
// gives it: reset values, periodic / one-shot / free-running counting, prescaler, 16-bit
// size, RIS/MIS/IntClr, BGLoad.
#include <catch2/catch.hpp>

#include "peripherals/timer/cmsdk_dual_timer.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;
using T = CmsdkDualTimer;

namespace {

struct DualBench {
  test::TestInitiator cpu{"cpu"};
  CmsdkDualTimer timer{"dualtimer", sc_time(40, SC_NS)};  // 25 MHz PCLK
  std::vector<sc_time> rises1, rises2, combined;
  DualBench() {
    cpu.socket.bind(timer.socket);
    sc_start(SC_ZERO_TIME);
    auto record = [](std::vector<sc_time>& into) {
      return [&into, high = false](bool level) mutable {
        if (level && !high) into.push_back(sc_time_stamp());
        high = level;
      };
    };
    timer.irq1.connect(record(rises1));
    timer.irq2.connect(record(rises2));
    timer.combined_irq.connect(record(combined));
  }
};

}  // namespace

TEST_CASE("dual timer: reset values and identification") {
  DualBench b;
  for (std::uint32_t at : {0u, T::kSecond}) {
    CHECK(b.cpu.read32(at + T::kLoad) == 0);
    CHECK(b.cpu.read32(at + T::kValue) == 0xFFFFFFFF);
    CHECK(b.cpu.read32(at + T::kControl) == 0x20);  // IntEnable set, disabled
    CHECK(b.cpu.read32(at + T::kRis) == 0);
  }
  CHECK(b.cpu.read32(0xFE0) == 0x23);                                   // PID0: part number 0x823
  CHECK(b.cpu.write(T::kValue, 5) == tlm::TLM_GENERIC_ERROR_RESPONSE);  // read-only
}

TEST_CASE("dual timer: periodic mode interrupts every Load + 1 cycles, IntClr clears") {
  DualBench b;
  b.cpu.write(T::kLoad, 99);
  b.cpu.write(T::kControl, T::kEnable | T::kPeriodic | T::kSize32 | T::kIntEnable);
  test::advance(sc_time(99 * 40 - 1, SC_NS));
  CHECK(b.rises1.empty());
  CHECK(b.cpu.read32(T::kValue) == 1);
  test::advance(sc_time(1, SC_NS));
  REQUIRE(b.rises1.size() == 1);
  CHECK(b.rises1[0] == sc_time(99 * 40, SC_NS));
  CHECK(b.combined.size() == 1);
  CHECK(b.cpu.read32(T::kRis) == 1);
  CHECK(b.cpu.read32(T::kMis) == 1);
  b.cpu.write(T::kIntClr, 0);  // any value clears
  CHECK(b.cpu.read32(T::kRis) == 0);
  test::advance(sc_time(40, SC_NS));
  CHECK(b.cpu.read32(T::kValue) == 99);  // reloaded from Load
  test::advance(sc_time(99 * 40, SC_NS));
  REQUIRE(b.rises1.size() == 2);
  CHECK(b.rises1[1] == sc_time((99 + 100) * 40, SC_NS));
  CHECK(b.rises2.empty());
}

TEST_CASE("dual timer: one-shot with prescaler 16 stops at zero, masked interrupt stays raw") {
  DualBench b;
  b.cpu.write(T::kSecond + T::kLoad, 9);
  b.cpu.write(T::kSecond + T::kControl, T::kEnable | T::kOneShot | 0x4);  // /16, IntEnable off
  test::advance(sc_time(9 * 16 * 40, SC_NS));
  CHECK(b.cpu.read32(T::kSecond + T::kValue) == 0);
  CHECK(b.cpu.read32(T::kSecond + T::kRis) == 1);
  CHECK(b.cpu.read32(T::kSecond + T::kMis) == 0);
  CHECK(b.rises2.empty());
  test::advance(sc_time(100 * 16 * 40, SC_NS));
  CHECK(b.cpu.read32(T::kSecond + T::kValue) == 0);  // halted
  // Enabling the interrupt now shows the pending raw interrupt on the output.
  b.cpu.write(T::kSecond + T::kControl, T::kEnable | T::kOneShot | 0x4 | T::kIntEnable);
  CHECK(b.rises2.size() == 1);
}

TEST_CASE("dual timer: free-running 16-bit wraps to 0xFFFF, BGLoad leaves the count alone") {
  DualBench b;
  b.cpu.write(T::kLoad, 0x12345);  // 16-bit: masked
  CHECK(b.cpu.read32(T::kLoad) == 0x2345);
  b.cpu.write(T::kLoad, 2);
  b.cpu.write(T::kControl, T::kEnable);  // free-running, 16-bit, /1, IntEnable off
  test::advance(sc_time(2 * 40, SC_NS));
  CHECK(b.cpu.read32(T::kValue) == 0);
  test::advance(sc_time(40, SC_NS));
  CHECK(b.cpu.read32(T::kValue) == 0xFFFF);
  b.cpu.write(T::kBgLoad, 7);
  CHECK(b.cpu.read32(T::kValue) == 0xFFFF);
  CHECK(b.cpu.read32(T::kLoad) == 7);
}
