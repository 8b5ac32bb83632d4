// MC68681 DUART against the Motorola data sheet: reset state, the MR1/MR2 pointer, channel
// commands, transmit and receive, the counter/timer in timer mode (square wave of 2 x preload
// X1 clocks, ISR[3] once per cycle, cleared by the stop-counter command) and the IRQ output.
#include <catch2/catch.hpp>

#include "peripherals/uart/mc68681.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;

namespace {

const sc_time kXtal(1.0 / 3686400.0, SC_SEC);  // 3.6864 MHz X1

struct DuartBench {
  test::TestInitiator cpu{"cpu"};
  StringBackend* a;
  StringBackend* b;
  Mc68681 duart;
  bool irq = false;
  explicit DuartBench(std::string input = {})
      : a(new StringBackend(std::move(input))),
        b(new StringBackend("")),
        duart("duart", kXtal, std::unique_ptr<CharBackend>(a), std::unique_ptr<CharBackend>(b)) {
    cpu.socket.bind(duart.socket);
    duart.irq.connect([this](bool l) { irq = l; });
  }
  std::uint8_t read(unsigned reg) {
    tlm::tlm_response_status status;
    const auto v = static_cast<std::uint8_t>(cpu.read(Mc68681::offset(reg), 1, status));
    REQUIRE(status == tlm::TLM_OK_RESPONSE);
    return v;
  }
  void write(unsigned reg, std::uint8_t v) {
    REQUIRE(cpu.write(Mc68681::offset(reg), v, 1) == tlm::TLM_OK_RESPONSE);
  }
};

}  // namespace

TEST_CASE("mc68681: reset state, odd-byte registers, IVR and the MR pointer") {
  DuartBench d;
  CHECK(d.read(Mc68681::kIsr) == 0);
  CHECK(d.read(Mc68681::kSrA) == 0);  // channels disabled
  CHECK(d.read(Mc68681::kIvr) == 0x0F);
  CHECK(d.duart.interrupt_vector() == 0x0F);
  d.write(Mc68681::kIvr, 0x40);
  CHECK(d.duart.interrupt_vector() == 0x40);
  // Registers live on the odd byte: the even one is a hole, not a register.
  tlm::tlm_response_status status;
  d.cpu.read(0, 2, status);
  CHECK(status != tlm::TLM_OK_RESPONSE);
  d.write(Mc68681::kMrA, 0x13);  // MR1A, then the pointer moves to MR2A
  d.write(Mc68681::kMrA, 0x07);
  d.write(Mc68681::kCrA, 0x10);  // reset MR pointer
  CHECK(d.read(Mc68681::kMrA) == 0x13);
  CHECK(d.read(Mc68681::kMrA) == 0x07);
}

TEST_CASE("mc68681: transmit and receive on channel A, with their interrupts") {
  DuartBench d("xy");
  d.write(Mc68681::kRhrA, '-');  // transmitter disabled: dropped
  CHECK(d.a->output().empty());
  d.write(Mc68681::kCrA, 0x05);  // enable receiver and transmitter
  CHECK((d.read(Mc68681::kSrA) & (Mc68681::kTxRdy | Mc68681::kTxEmt)) ==
        (Mc68681::kTxRdy | Mc68681::kTxEmt));
  d.write(Mc68681::kRhrA, 'H');
  d.write(Mc68681::kRhrA, 'i');
  CHECK(d.a->output() == "Hi");
  d.write(Mc68681::kIsr, Mc68681::kRxRdyA);  // IMR: receiver ready only
  CHECK_FALSE(d.irq);
  test::advance(sc_time(3, SC_MS));  // two polls, one 9600-baud character time apart
  CHECK((d.read(Mc68681::kSrA) & Mc68681::kRxRdy));
  CHECK(d.irq);
  CHECK(d.read(Mc68681::kRhrA) == 'x');
  CHECK(d.read(Mc68681::kRhrA) == 'y');
  CHECK_FALSE((d.read(Mc68681::kSrA) & Mc68681::kRxRdy));
  CHECK_FALSE(d.irq);
}

TEST_CASE("mc68681: timer mode sets ISR[3] every 2 x preload X1 clocks until stopped") {
  DuartBench d;
  d.write(Mc68681::kCur, 0x00);  // CTUR:CTLR = 0x0010
  d.write(Mc68681::kClr, 0x10);
  d.write(Mc68681::kIsr, Mc68681::kCounterReady);  // IMR
  d.write(Mc68681::kIpcr, 0x60);                   // ACR: timer mode, X1 clock
  const sc_time period = kXtal * 32.0;
  test::advance(period - sc_time(1, SC_NS));
  CHECK_FALSE(d.irq);
  test::advance(sc_time(1, SC_NS));
  CHECK(d.irq);
  CHECK(d.read(Mc68681::kIsr) == Mc68681::kCounterReady);
  d.read(Mc68681::kStopCounter);  // clears the counter-ready bit; the timer keeps running
  CHECK_FALSE(d.irq);
  test::advance(period);
  CHECK(d.irq);
}
