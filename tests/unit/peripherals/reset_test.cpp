// Resettable devices (peripherals/common/resettable.h): after reset() every register reads
// its reset value from the device's manual, interrupt outputs are low, and events the device
// had scheduled never fire. Simulated time is not rewound. Reset values: DDI 0479C (CMSDK
// APB UART and timer register summaries: all zero), DDI 0271 (SP804: Load 0, Value
// 0xFFFFFFFF, Control 0x20), docs/devices/simctrl.md.
#include <catch2/catch.hpp>

#include "peripherals/simctrl/simctrl.h"
#include "peripherals/timer/cmsdk_dual_timer.h"
#include "peripherals/timer/cmsdk_timer.h"
#include "peripherals/uart/cmsdk_uart.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;

namespace {

const sc_time kPclk(40, SC_NS);  // 25 MHz

// Follows an interrupt line: its level and how many times it rose.
struct LineProbe {
  bool level = false;
  int rises = 0;
  void watch(IrqLine& line) {
    line.connect([this](bool l) {
      if (l && !level) ++rises;
      level = l;
    });
  }
};

}  // namespace

TEST_CASE("reset: CMSDK timer registers back to zero, interrupt low, its next interrupt gone") {
  test::TestInitiator cpu("cpu");
  CmsdkTimer timer("timer", kPclk);
  cpu.socket.bind(timer.socket);
  sc_start(SC_ZERO_TIME);
  LineProbe irq;
  irq.watch(timer.irq);
  cpu.write(CmsdkTimer::kReload, 99);
  cpu.write(CmsdkTimer::kValue, 99);
  cpu.write(CmsdkTimer::kCtrl, CmsdkTimer::kEnable | CmsdkTimer::kIntEnable);
  test::advance(kPclk * 150);  // one interrupt at edge 99, the next due at edge 199
  REQUIRE(irq.rises == 1);
  REQUIRE(irq.level);

  timer.reset();
  CHECK_FALSE(irq.level);
  CHECK(cpu.read32(CmsdkTimer::kCtrl) == 0);
  CHECK(cpu.read32(CmsdkTimer::kValue) == 0);
  CHECK(cpu.read32(CmsdkTimer::kReload) == 0);
  CHECK(cpu.read32(CmsdkTimer::kIntStatus) == 0);
  CHECK(cpu.read32(0xFE0) == 0x22);  // the ID registers are untouched
  test::advance(kPclk * 200);
  CHECK(irq.rises == 1);                  // the interrupt scheduled for edge 199 was cancelled
  CHECK(sc_time_stamp() == kPclk * 350);  // time ran on

  // Counting again after the reset: 10 edges from now, on the fixed PCLK grid.
  cpu.write(CmsdkTimer::kValue, 10);
  cpu.write(CmsdkTimer::kCtrl, CmsdkTimer::kEnable | CmsdkTimer::kIntEnable);
  test::advance(kPclk * 10);
  CHECK(irq.rises == 2);
}

TEST_CASE("reset: CMSDK dual timer back to the SP804 reset values, interrupts low") {
  using T = CmsdkDualTimer;
  test::TestInitiator cpu("cpu");
  CmsdkDualTimer timer("dualtimer", kPclk);
  cpu.socket.bind(timer.socket);
  sc_start(SC_ZERO_TIME);
  LineProbe irq1, irq2, combined;
  irq1.watch(timer.irq1);
  irq2.watch(timer.irq2);
  combined.watch(timer.combined_irq);
  for (std::uint32_t at : {0u, T::kSecond}) {
    cpu.write(at + T::kLoad, 20);
    cpu.write(at + T::kControl, T::kEnable | T::kPeriodic | T::kSize32 | T::kIntEnable | 0x4);
  }
  test::advance(kPclk * 16 * 30);  // prescale 16: each reached zero once (tick 20)
  REQUIRE(irq1.level);
  REQUIRE(irq2.level);
  REQUIRE(combined.level);

  timer.reset();
  CHECK_FALSE(irq1.level);
  CHECK_FALSE(irq2.level);
  CHECK_FALSE(combined.level);
  for (std::uint32_t at : {0u, T::kSecond}) {
    CHECK(cpu.read32(at + T::kLoad) == 0);
    CHECK(cpu.read32(at + T::kValue) == 0xFFFFFFFF);
    CHECK(cpu.read32(at + T::kControl) == 0x20);
    CHECK(cpu.read32(at + T::kRis) == 0);
    CHECK(cpu.read32(at + T::kMis) == 0);
    CHECK(cpu.read32(at + T::kBgLoad) == 0);
  }
  test::advance(kPclk * 16 * 100);
  CHECK(irq1.rises == 1);  // the periodic interrupts scheduled before the reset never came
  CHECK(irq2.rises == 1);
  CHECK(cpu.read32(T::kValue) == 0xFFFFFFFF);  // disabled after reset: the value holds
}

TEST_CASE("reset: CMSDK UART back to zero registers, interrupts low, transmit event cancelled") {
  test::TestInitiator cpu("cpu");
  auto* backend = new StringBackend("xy");
  CmsdkUart uart("uart", kPclk, std::unique_ptr<CharBackend>(backend));
  cpu.socket.bind(uart.socket);
  LineProbe tx, rx, overrun, combined;
  tx.watch(uart.tx_irq);
  rx.watch(uart.rx_irq);
  overrun.watch(uart.overrun_irq);
  combined.watch(uart.combined_irq);
  sc_start(SC_ZERO_TIME);
  cpu.write(CmsdkUart::kBaudDiv, 16);
  cpu.write(CmsdkUart::kCtrl, CmsdkUart::kTxEnable | CmsdkUart::kRxEnable |
                                  CmsdkUart::kTxIntEnable | CmsdkUart::kRxIntEnable |
                                  CmsdkUart::kTxOverrunIntEnable);
  cpu.write(CmsdkUart::kData, 'A');
  cpu.write(CmsdkUart::kData, 'B');  // TX buffer still full: overrun
  test::advance(kPclk * 16 * 10);    // the RX poll has taken 'x'
  REQUIRE(rx.level);
  REQUIRE(overrun.level);
  cpu.write(CmsdkUart::kData, 'C');  // its TX-done event is pending at the reset
  REQUIRE(cpu.read32(CmsdkUart::kState) & CmsdkUart::kTxFull);
  const int tx_rises = tx.rises;  // 'A' finished before the reset

  uart.reset();
  CHECK_FALSE(tx.level);
  CHECK_FALSE(rx.level);
  CHECK_FALSE(overrun.level);
  CHECK_FALSE(combined.level);
  CHECK(cpu.read32(CmsdkUart::kData) == 0);
  CHECK(cpu.read32(CmsdkUart::kState) == 0);
  CHECK(cpu.read32(CmsdkUart::kCtrl) == 0);
  CHECK(cpu.read32(CmsdkUart::kIntStatus) == 0);
  CHECK(cpu.read32(CmsdkUart::kBaudDiv) == 0);
  test::advance(kPclk * 16 * 100);
  CHECK(tx.rises == tx_rises);       // the cancelled TX-done of 'C' never raised TXINT
  CHECK(rx.rises == 1);              // and the receiver, disabled, polled no more
  CHECK(backend->output() == "AC");  // what was sent stays sent

  // The receiver works again once enabled: the backend kept its unread input.
  cpu.write(CmsdkUart::kCtrl, CmsdkUart::kRxEnable | CmsdkUart::kRxIntEnable);
  test::advance(kPclk * 16 * 10);
  CHECK(rx.level);
  CHECK(cpu.read32(CmsdkUart::kData) == 'y');
}

TEST_CASE("reset: simctrl drops its CYCLES_HI latch, CYCLES keeps counting from time zero") {
  test::TestInitiator cpu("cpu");
  SimControl simctrl("simctrl", kPclk, std::make_unique<StringBackend>(), [](int) {});
  cpu.socket.bind(simctrl.socket);
  test::advance(kPclk * ((std::uint64_t{1} << 32) + 5));  // 2^32 + 5 cycles: CYCLES_HI is 1
  CHECK(cpu.read32(SimControl::kCyclesLow) == 5);
  CHECK(cpu.read32(SimControl::kCyclesHigh) == 1);

  simctrl.reset();
  CHECK(cpu.read32(SimControl::kCyclesHigh) == 0);  // the latch, not time, is reset
  CHECK(cpu.read32(SimControl::kId) == SimControl::kIdValue);
  CHECK(cpu.read32(SimControl::kCyclesLow) == 5);  // time was not rewound
  CHECK(cpu.read32(SimControl::kCyclesHigh) == 1);
}
