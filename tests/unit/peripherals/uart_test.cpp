// CMSDK APB UART against ARM DDI 0479C (APB UART chapter): register reset values and IDs,
// TX with its buffer-full time of 10 bit times of BAUDDIV cycles, TX and RX interrupts.
#include <catch2/catch.hpp>

#include "peripherals/uart/cmsdk_uart.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;

namespace {

struct UartBench {
  test::TestInitiator cpu{"cpu"};
  StringBackend* backend;
  CmsdkUart uart;
  bool tx_irq = false, rx_irq = false, combined = false;
  explicit UartBench(std::string input = {})
      : backend(new StringBackend(std::move(input))),
        uart("uart", sc_time(40, SC_NS), std::unique_ptr<CharBackend>(backend)) {  // 25 MHz PCLK
    cpu.socket.bind(uart.socket);
    uart.tx_irq.connect([this](bool l) { tx_irq = l; });
    uart.rx_irq.connect([this](bool l) { rx_irq = l; });
    uart.combined_irq.connect([this](bool l) { combined = l; });
  }
};

}  // namespace

TEST_CASE("uart: reset values, BAUDDIV width and the CMSDK identification registers") {
  UartBench b;
  CHECK(b.cpu.read32(CmsdkUart::kState) == 0);
  CHECK(b.cpu.read32(CmsdkUart::kCtrl) == 0);
  CHECK(b.cpu.read32(CmsdkUart::kIntStatus) == 0);
  b.cpu.write(CmsdkUart::kBaudDiv, 0xFFFFFFFF);
  CHECK(b.cpu.read32(CmsdkUart::kBaudDiv) == 0xFFFFF);  // 20-bit field
  b.cpu.write(CmsdkUart::kCtrl, 0xFF);
  CHECK(b.cpu.read32(CmsdkUart::kCtrl) == 0x7F);  // 7 control bits
  CHECK(b.cpu.read32(0xFE0) == 0x21);             // PID0: part number 0x821
  CHECK(b.cpu.read32(0xFE4) == 0xB8);
  CHECK(b.cpu.read32(0xFF0) == 0x0D);  // CID0..3: 0xB105F00D
  CHECK(b.cpu.read32(0xFFC) == 0xB1);
}

TEST_CASE("uart: a byte goes to the backend, TX full for 10 x BAUDDIV cycles, then TX interrupt") {
  UartBench b;
  b.cpu.write(CmsdkUart::kBaudDiv, 16);
  b.cpu.write(CmsdkUart::kCtrl, CmsdkUart::kTxEnable | CmsdkUart::kTxIntEnable);
  sc_start(SC_ZERO_TIME);
  b.cpu.write(CmsdkUart::kData, 'A');
  CHECK(b.backend->output() == "A");
  CHECK(b.cpu.read32(CmsdkUart::kState) == CmsdkUart::kTxFull);
  // A second byte while full is lost and flags TX overrun.
  b.cpu.write(CmsdkUart::kData, 'B');
  CHECK(b.backend->output() == "A");
  CHECK(b.cpu.read32(CmsdkUart::kState) == (CmsdkUart::kTxFull | CmsdkUart::kTxOverrun));
  b.cpu.write(CmsdkUart::kState, CmsdkUart::kTxOverrun);  // write 1 to clear

  test::advance(sc_time(160 * 40 - 1, SC_NS));  // 10 bits x 16 cycles x 40 ns, less 1 ns
  CHECK(b.cpu.read32(CmsdkUart::kState) == CmsdkUart::kTxFull);
  CHECK_FALSE(b.tx_irq);
  test::advance(sc_time(1, SC_NS));
  CHECK(b.cpu.read32(CmsdkUart::kState) == 0);
  CHECK(b.tx_irq);
  CHECK(b.combined);
  CHECK(b.cpu.read32(CmsdkUart::kIntStatus) == CmsdkUart::kTxInt);
  b.cpu.write(CmsdkUart::kIntStatus, CmsdkUart::kTxInt);  // INTCLEAR
  CHECK_FALSE(b.tx_irq);
  CHECK_FALSE(b.combined);
}

TEST_CASE("uart: with TX disabled the byte waits in the buffer until TX is enabled") {
  UartBench b;
  b.cpu.write(CmsdkUart::kData, 'Z');
  CHECK(b.backend->output().empty());
  CHECK(b.cpu.read32(CmsdkUart::kState) == CmsdkUart::kTxFull);
  b.cpu.write(CmsdkUart::kCtrl, CmsdkUart::kTxEnable);
  CHECK(b.backend->output() == "Z");
}

TEST_CASE("uart: received bytes raise the RX interrupt, one character time apart") {
  UartBench b("hi");
  sc_start(SC_ZERO_TIME);  // events are scheduled from simulation time on
  b.cpu.write(CmsdkUart::kBaudDiv, 16);
  b.cpu.write(CmsdkUart::kCtrl, CmsdkUart::kRxEnable | CmsdkUart::kRxIntEnable);
  test::advance(sc_time(6399, SC_NS));
  CHECK_FALSE(b.rx_irq);
  CHECK(b.cpu.read32(CmsdkUart::kState) == 0);
  test::advance(sc_time(1, SC_NS));  // one character time after RX was enabled
  CHECK(b.rx_irq);
  CHECK(b.cpu.read32(CmsdkUart::kState) == CmsdkUart::kRxFull);
  CHECK(b.cpu.read32(CmsdkUart::kIntStatus) == CmsdkUart::kRxInt);
  CHECK(b.cpu.read32(CmsdkUart::kData) == 'h');
  CHECK(b.cpu.read32(CmsdkUart::kState) == 0);
  b.cpu.write(CmsdkUart::kIntStatus, CmsdkUart::kRxInt);
  CHECK_FALSE(b.rx_irq);
  test::advance(sc_time(6400, SC_NS));
  CHECK(b.rx_irq);
  CHECK(b.cpu.read32(CmsdkUart::kData) == 'i');
  CHECK_FALSE(b.tx_irq);
}
