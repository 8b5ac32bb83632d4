// Resettable devices (peripherals/common/resettable.h): after reset() every register reads
// its reset value from the device's manual, interrupt outputs are low, and events the device
// had scheduled never fire. Simulated time is not rewound. Reset values: DDI 0479C (CMSDK
// APB UART and timer register summaries: all zero), DDI 0271 (SP804: Load 0, Value
// 0xFFFFFFFF, Control 0x20), docs/devices/simctrl.md, the PC16550D datasheet's Table 9 (UART
// reset configuration) and the MC68681 data sheet's RESET description.
#include <catch2/catch.hpp>

#include "peripherals/simctrl/simctrl.h"
#include "peripherals/timer/cmsdk_dual_timer.h"
#include "peripherals/timer/cmsdk_timer.h"
#include "peripherals/uart/cmsdk_uart.h"
#include "peripherals/uart/mc68681.h"
#include "peripherals/uart/ns16550.h"
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

TEST_CASE("reset: NS16550 to the datasheet's Table 9, FIFO emptied, INTR low, no stale poll") {
  const sc_time uart_clock(1.0 / 1.8432e6, SC_SEC);
  const sc_time character = uart_clock * (16.0 * 10);  // divisor 1: 16 clocks a bit, 10 bits
  test::TestInitiator cpu("cpu");
  auto* backend = new StringBackend("xy");
  Ns16550 uart("uart16550", uart_clock, 0, std::endian::little,
               std::unique_ptr<CharBackend>(backend));
  cpu.socket.bind(uart.socket);
  LineProbe intr;
  intr.watch(uart.irq);
  sc_start(SC_ZERO_TIME);
  auto reg = [&cpu](unsigned index) {
    tlm::tlm_response_status status;
    const std::uint32_t v = cpu.read(index, 1, status);
    REQUIRE(status == tlm::TLM_OK_RESPONSE);
    return v;
  };
  auto set = [&cpu](unsigned index, std::uint8_t v) {
    REQUIRE(cpu.write(index, v, 1) == tlm::TLM_OK_RESPONSE);
  };
  set(Ns16550::kLcr, Ns16550::kDlab);
  set(Ns16550::kRbrThr, 1);  // divisor 1
  set(Ns16550::kLcr, 0x03);
  set(Ns16550::kIirFcr, 0x01);  // FIFOs on
  set(Ns16550::kMcr, 0x0B);
  set(Ns16550::kScr, 0x5A);
  set(Ns16550::kIer, Ns16550::kReceivedData | Ns16550::kLineStatus);
  test::advance(character * 1.5);  // 'x' arrived; the poll for 'y' is due at 2 characters
  REQUIRE(intr.level);
  REQUIRE((reg(Ns16550::kLsr) & Ns16550::kDataReady));

  uart.reset();
  CHECK_FALSE(intr.level);
  CHECK(reg(Ns16550::kIer) == 0x00);
  CHECK(reg(Ns16550::kIirFcr) == 0x01);  // no interrupt, FIFOs off (bits 7:6 low)
  CHECK(reg(Ns16550::kLcr) == 0x00);
  CHECK(reg(Ns16550::kMcr) == 0x00);
  CHECK(reg(Ns16550::kLsr) == 0x60);  // FIFO emptied: only THRE and TEMT
  CHECK(reg(Ns16550::kScr) == 0x5A);  // not in Table 9: kept
  set(Ns16550::kLcr, Ns16550::kDlab);
  CHECK(reg(Ns16550::kRbrThr) == 1);  // the divisor latch is kept too
  set(Ns16550::kLcr, 0x03);

  test::advance(character * 3);
  CHECK(intr.rises == 1);  // 'y' arrived with IER zero: no interrupt
  CHECK(reg(Ns16550::kLsr) == (0x60 | Ns16550::kDataReady));
  CHECK(reg(Ns16550::kRbrThr) == 'y');  // host input was polled afresh after the reset
}

TEST_CASE("reset: MC68681 channels inactive, ISR/IMR clear, counter stopped, IRQ low") {
  const sc_time xtal(1.0 / 3686400.0, SC_SEC);
  test::TestInitiator cpu("cpu");
  auto* a = new StringBackend("xy");
  auto* b = new StringBackend("");
  Mc68681 duart("duart", xtal, std::unique_ptr<CharBackend>(a), std::unique_ptr<CharBackend>(b));
  cpu.socket.bind(duart.socket);
  LineProbe irq;
  irq.watch(duart.irq);
  sc_start(SC_ZERO_TIME);
  auto reg = [&cpu](unsigned r) {
    tlm::tlm_response_status status;
    const std::uint32_t v = cpu.read(Mc68681::offset(r), 1, status);
    REQUIRE(status == tlm::TLM_OK_RESPONSE);
    return v;
  };
  auto set = [&cpu](unsigned r, std::uint8_t v) {
    REQUIRE(cpu.write(Mc68681::offset(r), v, 1) == tlm::TLM_OK_RESPONSE);
  };
  set(Mc68681::kMrA, 0x13);  // MR1A; the pointer moves on to MR2A
  set(Mc68681::kMrA, 0x07);
  set(Mc68681::kCrA, 0x05);  // receiver and transmitter A on
  set(Mc68681::kCrB, 0x04);  // transmitter B on
  set(Mc68681::kIvr, 0x40);
  set(Mc68681::kCur, 0x00);  // preload 0x0010
  set(Mc68681::kClr, 0x10);
  set(Mc68681::kIpcr, 0x60);  // ACR: timer mode, X1: counter-ready every 32 X1 clocks
  set(Mc68681::kIsr, Mc68681::kRxRdyA | Mc68681::kCounterReady);  // IMR
  test::advance(sc_time(1.5, SC_MS));  // 'x' arrived (one 9600-baud character), the timer ran
  REQUIRE(irq.level);
  REQUIRE(reg(Mc68681::kIsr) ==
          (Mc68681::kTxRdyA | Mc68681::kRxRdyA | Mc68681::kCounterReady | Mc68681::kTxRdyB));
  const int rises = irq.rises;

  duart.reset();
  CHECK_FALSE(irq.level);
  CHECK(reg(Mc68681::kIsr) == 0);
  CHECK(reg(Mc68681::kSrA) == 0);  // inactive: no RxRDY, TxRDY or errors, FIFO emptied
  CHECK(reg(Mc68681::kSrB) == 0);
  CHECK(reg(Mc68681::kIvr) == 0x0F);
  CHECK(duart.interrupt_vector() == 0x0F);
  CHECK(reg(Mc68681::kMrA) == 0x13);  // the pointer is back at MR1A; MR1A/MR2A kept
  CHECK(reg(Mc68681::kMrA) == 0x07);
  CHECK(reg(Mc68681::kClr) == 0x10);  // the counter stands at its preload

  test::advance(sc_time(5, SC_MS));      // timer periods and poll times that were pending pass
  CHECK(irq.rises == rises);             // none of them raised IRQ
  CHECK(reg(Mc68681::kIsr) == 0);        // the counter is stopped, the receiver off: 'y' waits
  set(Mc68681::kIsr, Mc68681::kRxRdyA);  // IMR was cleared: enable RxRDYA again
  set(Mc68681::kCrA, 0x01);              // and the receiver
  test::advance(sc_time(1.5, SC_MS));
  CHECK(irq.level);
  CHECK(reg(Mc68681::kRhrA) == 'y');
  CHECK(a->output().empty());
}
