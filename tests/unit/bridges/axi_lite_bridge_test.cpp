// AxiLiteBridge against AXI4-Lite (ARM IHI 0022E, B1 and A3): VALID is raised without
// waiting for READY and held until the handshake, each channel completes on its own, the
// response channel's BRESP/RRESP decide the TLM response, WSTRB carries narrow writes, and
// a reset during a transaction ends it in an error with every VALID dropped.
#include <catch2/catch.hpp>

#include "tests/unit/bridges/bus_test_slaves.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;

namespace {

const sc_time kPeriod(10, SC_NS);

struct AxiBench {
  RtlClockDomain domain{"domain", kPeriod, kPeriod};
  AxiLiteSignals bus;
  AxiLiteBridge bridge{"bridge", domain, bus, 50};
  test::AxiLiteTestSlave slave{"slave", domain, bus};
  test::TestInitiator cpu{"cpu"};
  std::unique_ptr<test::ThreadDriver> driver;

  AxiBench() { cpu.socket.bind(bridge.socket); }
  void run(std::function<void()> body) {
    driver = std::make_unique<test::ThreadDriver>("driver", [body] {
      wait(sc_time(100, SC_NS));  // after the reset at time zero
      body();
    });
    sc_start(sc_time(1, SC_MS));
  }
  tlm::tlm_response_status access(tlm::tlm_command command, std::uint64_t address,
                                  std::uint32_t& value, sc_time& delay, unsigned size = 4) {
    tlm::tlm_generic_payload p;
    std::uint8_t bytes[4];
    for (unsigned i = 0; i < 4; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
    test::prepare(p, command, address, bytes, size);
    cpu.socket->b_transport(p, delay);
    value = 0;
    for (unsigned i = 0; i < size; ++i) value |= std::uint32_t{bytes[i]} << (8 * i);
    return p.get_response_status();
  }
};

}  // namespace

TEST_CASE("axi-lite bridge: write and read back with ready slaves") {
  AxiBench b;
  sc_time write_delay, read_delay;
  std::uint32_t value = 0;
  b.run([&] {
    std::uint32_t v = 0x0BADCAFE;
    sc_time delay = SC_ZERO_TIME;
    REQUIRE(b.access(tlm::TLM_WRITE_COMMAND, 0xC, v, delay) == tlm::TLM_OK_RESPONSE);
    write_delay = delay;
    wait(delay);
    delay = SC_ZERO_TIME;
    REQUIRE(b.access(tlm::TLM_READ_COMMAND, 0xC, value, delay) == tlm::TLM_OK_RESPONSE);
    read_delay = delay;
  });
  CHECK(value == 0x0BADCAFE);
  // Write: AW and W handshake at the first edge, B valid after it, B handshake at the
  // second. Read: AR at the first edge, R at the second.
  CHECK(write_delay == 2 * kPeriod);
  CHECK(read_delay == 2 * kPeriod);
  CHECK(b.bridge.transactions() == 2);
}

TEST_CASE("axi-lite bridge: every channel waits for its own READY, and for the response") {
  AxiBench b;
  b.slave.address_ready_delay = 2;
  b.slave.data_ready_delay = 4;
  b.slave.response_delay = 3;
  sc_time write_delay, read_delay;
  std::uint32_t value = 0;
  b.run([&] {
    std::uint32_t v = 42;
    sc_time delay = SC_ZERO_TIME;
    REQUIRE(b.access(tlm::TLM_WRITE_COMMAND, 0x0, v, delay) == tlm::TLM_OK_RESPONSE);
    write_delay = delay;
    wait(delay);
    delay = SC_ZERO_TIME;
    REQUIRE(b.access(tlm::TLM_READ_COMMAND, 0x0, value, delay) == tlm::TLM_OK_RESPONSE);
    read_delay = delay;
  });
  CHECK(value == 42);
  // W (the slower channel) handshakes on edge 5; the response counts down 3 edges after it
  // and BVALID's handshake is on edge 5 + 3 + 1.
  CHECK(write_delay == 9 * kPeriod);
  // AR on edge 3, R after 3 more edges, handshake on the next: 3 + 3 + 1.
  CHECK(read_delay == 7 * kPeriod);
  CHECK_FALSE(b.bus.awvalid.read());
  CHECK_FALSE(b.bus.wvalid.read());
  CHECK_FALSE(b.bus.rready.read());
}

TEST_CASE("axi-lite bridge: SLVERR and DECERR answer TLM errors") {
  AxiBench b;
  tlm::tlm_response_status slave_write{}, slave_read{}, decode_read{};
  b.run([&] {
    std::uint32_t v = 1;
    sc_time delay = SC_ZERO_TIME;
    slave_write = b.access(tlm::TLM_WRITE_COMMAND, 0x40, v, delay);
    slave_read = b.access(tlm::TLM_READ_COMMAND, 0x40, v, delay);
    decode_read = b.access(tlm::TLM_READ_COMMAND, 0x80, v, delay);
  });
  CHECK(slave_write == tlm::TLM_GENERIC_ERROR_RESPONSE);
  CHECK(slave_read == tlm::TLM_GENERIC_ERROR_RESPONSE);
  CHECK(decode_read == tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_CASE("axi-lite bridge: byte and halfword writes go out with their WSTRB lanes") {
  AxiBench b;
  std::uint32_t after = 0;
  b.run([&] {
    b.slave.registers[1] = 0x11223344;  // after the reset at time zero
    std::uint32_t v = 0xAA;
    sc_time delay = SC_ZERO_TIME;
    REQUIRE(b.access(tlm::TLM_WRITE_COMMAND, 0x5, v, delay, 1) == tlm::TLM_OK_RESPONSE);
    v = 0xBBCC;
    REQUIRE(b.access(tlm::TLM_WRITE_COMMAND, 0x6, v, delay, 2) == tlm::TLM_OK_RESPONSE);
    REQUIRE(b.access(tlm::TLM_READ_COMMAND, 0x4, after, delay) == tlm::TLM_OK_RESPONSE);
  });
  CHECK(after == 0xBBCCAA44);
}

TEST_CASE("axi-lite bridge: back-to-back transactions follow each other edge by edge") {
  AxiBench b;
  b.run([&] {
    const sc_time start = sc_time_stamp();
    sc_time delay = SC_ZERO_TIME;
    for (std::uint32_t i = 0; i < 3; ++i) {
      std::uint32_t v = i;
      REQUIRE(b.access(tlm::TLM_WRITE_COMMAND, 4 * i, v, delay) == tlm::TLM_OK_RESPONSE);
    }
    CHECK(sc_time_stamp() + delay - start == 6 * kPeriod);
  });
  // Issued at edge 11 (100 ns): responses on edges 13, 15, 17.
  CHECK(b.slave.response_edges == std::vector<std::uint64_t>{13, 15, 17});
  CHECK(b.slave.registers[2] == 2);
}

TEST_CASE(
    "axi-lite bridge: a reset during a transaction ends it in an error, then traffic resumes") {
  AxiBench b;
  b.slave.response_delay = 30;
  tlm::tlm_response_status cut{}, after{};
  std::uint32_t value = 99;
  b.run([&] {
    std::uint32_t v = 5;
    sc_time delay = SC_ZERO_TIME;
    b.domain.schedule_reset(sc_time(150, SC_NS), 2);
    cut = b.access(tlm::TLM_WRITE_COMMAND, 0x0, v, delay);
    b.slave.response_delay = 0;
    after = b.access(tlm::TLM_READ_COMMAND, 0x0, value, delay);
  });
  CHECK(cut == tlm::TLM_GENERIC_ERROR_RESPONSE);
  CHECK(after == tlm::TLM_OK_RESPONSE);
  CHECK(value == 0);  // the write happened before the reset cleared it
  CHECK_FALSE(b.bus.bready.read());
  CHECK_FALSE(b.bus.awvalid.read());
}
