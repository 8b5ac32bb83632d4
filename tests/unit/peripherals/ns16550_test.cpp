// NS16550 UART against the TI PC16550D datasheet (SNLS378C): reset values (Table 5 "UART
// Reset Configuration"), the divisor latch behind LCR.DLAB, the interrupt identification
// priorities (Table 4), the FIFO bits of IIR, loopback (section 8.7) with the modem-status
// mapping, overrun, and Malta's layout: 32-bit registers 8 bytes apart in either byte order.
#include <catch2/catch.hpp>

#include "peripherals/uart/ns16550.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;

namespace {

const sc_time kUartClock(1.0 / 1.8432e6, SC_SEC);  // the PC's 1.8432 MHz crystal

struct UartBench {
  test::TestInitiator cpu{"cpu"};
  StringBackend* backend;
  Ns16550 uart;
  unsigned shift;
  bool irq = false;
  explicit UartBench(std::string input = {}, unsigned reg_shift = 0,
                     std::endian order = std::endian::little)
      : backend(new StringBackend(std::move(input))),
        uart("uart", kUartClock, reg_shift, order, std::unique_ptr<CharBackend>(backend)),
        shift(reg_shift) {
    cpu.socket.bind(uart.socket);
    uart.irq.connect([this](bool l) { irq = l; });
  }
  // PC layout: byte accesses.
  std::uint32_t read(unsigned index) {
    tlm::tlm_response_status status;
    const std::uint32_t v = cpu.read(index << shift, 1, status);
    REQUIRE(status == tlm::TLM_OK_RESPONSE);
    return v;
  }
  void write(unsigned index, std::uint32_t v) {
    REQUIRE(cpu.write(index << shift, v, 1) == tlm::TLM_OK_RESPONSE);
  }
};

}  // namespace

TEST_CASE("ns16550: reset values of the datasheet's Table 5") {
  UartBench b;
  CHECK(b.read(Ns16550::kIer) == 0x00);
  CHECK(b.read(Ns16550::kIirFcr) == 0x01);  // no interrupt pending
  CHECK(b.read(Ns16550::kLcr) == 0x00);
  CHECK(b.read(Ns16550::kMcr) == 0x00);
  CHECK(b.read(Ns16550::kLsr) == 0x60);  // THRE and TEMT
  CHECK_FALSE(b.irq);
  b.write(Ns16550::kScr, 0xA5);  // the scratch register keeps any value
  CHECK(b.read(Ns16550::kScr) == 0xA5);
}

TEST_CASE("ns16550: DLAB switches offsets 0 and 1 to the divisor latch") {
  UartBench b;
  b.write(Ns16550::kIer, 0x05);
  b.write(Ns16550::kLcr, 0x83);  // DLAB, 8 data bits
  b.write(0, 0x0C);              // DLL: 9600 baud from 1.8432 MHz
  b.write(1, 0x01);              // DLM
  CHECK(b.read(0) == 0x0C);
  CHECK(b.read(1) == 0x01);
  b.write(Ns16550::kLcr, 0x03);
  CHECK(b.read(Ns16550::kIer) == 0x05);  // IER was not touched by the DLM write
  CHECK(b.backend->output().empty());    // nor was THR by the DLL write
}

TEST_CASE("ns16550: THR goes to the host; THRE interrupt set on enable, cleared by reading IIR") {
  UartBench b;
  b.write(Ns16550::kRbrThr, 'A');
  CHECK(b.backend->output() == "A");
  CHECK(b.read(Ns16550::kLsr) == 0x60);
  b.write(Ns16550::kIer, Ns16550::kThrEmpty);
  CHECK(b.irq);
  CHECK(b.read(Ns16550::kIirFcr) == 0x02);  // this read clears it (Table 4)
  CHECK(b.read(Ns16550::kIirFcr) == 0x01);
  CHECK_FALSE(b.irq);
  b.write(Ns16550::kRbrThr, 'B');  // THR empties again: interrupt again
  CHECK(b.irq);
  CHECK(b.backend->output() == "AB");
}

TEST_CASE(
    "ns16550: received bytes set DR and the received-data interrupt, one per character time") {
  UartBench b("hi");
  b.write(Ns16550::kIer, Ns16550::kReceivedData);
  sc_start(SC_ZERO_TIME);
  CHECK(b.read(Ns16550::kLsr) == 0x60);
  // Divisor 1: a character is 10 bits of 16 clocks at 1.8432 MHz, about 86.8 us.
  test::advance(sc_time(87, SC_US));
  CHECK(b.read(Ns16550::kLsr) == 0x61);
  CHECK(b.irq);
  CHECK(b.read(Ns16550::kIirFcr) == 0x04);
  CHECK(b.read(Ns16550::kRbrThr) == 'h');
  CHECK_FALSE(b.irq);
  test::advance(sc_time(87, SC_US));
  CHECK(b.read(Ns16550::kRbrThr) == 'i');
  CHECK(b.read(Ns16550::kLsr) == 0x60);
}

TEST_CASE("ns16550: loopback returns THR to RBR and MCR outputs to MSR; overrun without FIFO") {
  UartBench b;
  b.write(Ns16550::kMcr, 0x1F);          // loopback, OUT2, OUT1, RTS, DTR
  CHECK(b.read(Ns16550::kMsr) == 0xF0);  // DCD, RI, DSR, CTS
  b.write(Ns16550::kMcr, 0x11);          // loopback, DTR only
  CHECK(b.read(Ns16550::kMsr) == 0x20);  // DSR
  b.write(Ns16550::kIer, Ns16550::kLineStatus | Ns16550::kReceivedData);
  b.write(Ns16550::kRbrThr, 'x');
  CHECK(b.backend->output().empty());
  CHECK(b.read(Ns16550::kIirFcr) == 0x04);
  b.write(Ns16550::kRbrThr, 'y');           // the one-byte holding register is full: overrun
  CHECK(b.read(Ns16550::kIirFcr) == 0x06);  // line status has the highest priority
  CHECK(b.read(Ns16550::kLsr) == 0x63);     // DR, OE, THRE, TEMT; the read clears OE
  CHECK(b.read(Ns16550::kLsr) == 0x61);
  CHECK(b.read(Ns16550::kRbrThr) == 'x');
}

TEST_CASE("ns16550: with FIFOs enabled IIR bits 7:6 are set and 16 bytes are held") {
  UartBench b;
  b.write(Ns16550::kIirFcr, 0x07);  // enable and clear both FIFOs
  CHECK(b.read(Ns16550::kIirFcr) == 0xC1);
  b.write(Ns16550::kMcr, 0x10);
  for (int i = 0; i < 16; ++i) b.write(Ns16550::kRbrThr, 'a' + i);
  CHECK(b.read(Ns16550::kLsr) == 0x61);
  for (int i = 0; i < 16; ++i) CHECK(b.read(Ns16550::kRbrThr) == std::uint32_t('a' + i));
  CHECK(b.read(Ns16550::kLsr) == 0x60);
}

// Malta layout: 32-bit registers 8 bytes apart (Linux: UPIO_MEM32, regshift 3).
void check_malta_layout(std::endian order) {
  UartBench b({}, 3, order);
  const bool big = order == std::endian::big;
  const auto word = [big](std::uint32_t v) { return big ? anvil::byteswap(v) : v; };
  // A 32-bit write of THR (offset 0): the character is the register's low byte.
  REQUIRE(b.cpu.write(0, word(0x41), 4) == tlm::TLM_OK_RESPONSE);
  CHECK(b.backend->output() == "A");
  tlm::tlm_response_status status;
  CHECK(word(b.cpu.read(5 << 3, 4, status)) == 0x60);  // LSR at 0x28
  // Byte lanes: the value's byte is at +0 little-endian, +3 big-endian.
  CHECK(b.cpu.read((5 << 3) + (big ? 3 : 0), 1, status) == 0x60);
  CHECK(b.cpu.read((5 << 3) + (big ? 0 : 3), 1, status) == 0x00);
}

TEST_CASE("ns16550: Malta layout, little-endian") {
  check_malta_layout(std::endian::little);
}

TEST_CASE("ns16550: Malta layout, big-endian") {
  check_malta_layout(std::endian::big);
}
