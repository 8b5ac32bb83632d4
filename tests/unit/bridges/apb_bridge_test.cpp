// ApbBridge against the APB protocol (ARM IHI 0024C, chapter 3): a transfer is one setup
// cycle plus one access cycle per PREADY-low wait state plus the completing edge, PSLVERR
// becomes a TLM error, back-to-back transfers start their setup phase on the edge that
// completed the previous one, and a reset during a transfer ends it in an error.
#include <catch2/catch.hpp>

#include "tests/unit/bridges/bus_test_slaves.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;

namespace {

const sc_time kPeriod(10, SC_NS);

struct ApbBench {
  RtlClockDomain domain{"domain", kPeriod, kPeriod};
  ApbSignals bus;
  ApbBridge bridge{"bridge", domain, bus, 50};
  test::ApbTestSlave slave{"slave", domain, bus};
  test::TestInitiator cpu{"cpu"};
  std::unique_ptr<test::ThreadDriver> driver;

  ApbBench() { cpu.socket.bind(bridge.socket); }
  // Runs `body` in a thread from time 100 ns (after the reset at time zero).
  void run(std::function<void()> body) {
    driver = std::make_unique<test::ThreadDriver>("driver", [body] {
      wait(sc_time(100, SC_NS));
      body();
    });
    sc_start(sc_time(1, SC_MS));
  }
  // One access; `delay` in, the annotated delay out.
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

TEST_CASE("apb bridge: a transfer without wait states takes two cycles and reads back") {
  ApbBench b;
  std::vector<sc_time> delays;
  std::uint32_t read_back = 0;
  b.run([&] {
    sc_time delay = SC_ZERO_TIME;
    std::uint32_t v = 0x12345678;
    CHECK(b.access(tlm::TLM_WRITE_COMMAND, 0x8, v, delay) == tlm::TLM_OK_RESPONSE);
    delays.push_back(delay);
    wait(delay);
    delay = SC_ZERO_TIME;
    CHECK(b.access(tlm::TLM_READ_COMMAND, 0x8, read_back, delay) == tlm::TLM_OK_RESPONSE);
    delays.push_back(delay);
  });
  CHECK(read_back == 0x12345678);
  CHECK(b.slave.registers[2] == 0x12345678);
  // Issued on a rising edge (100 ns): setup until the next edge, access until the one after.
  REQUIRE(delays.size() == 2);
  CHECK(delays[0] == 2 * kPeriod);
  CHECK(delays[1] == 2 * kPeriod);
  CHECK(b.slave.setup_phases == 2);
  CHECK(b.bridge.wait_states() == 0);
}

TEST_CASE(
    "apb bridge: PREADY low adds one cycle per wait state, and the data is sampled at the end") {
  ApbBench b;
  b.slave.wait_states[0x4] = 3;
  sc_time delay = SC_ZERO_TIME;
  std::uint32_t value = 0;
  tlm::tlm_response_status status{};
  b.run([&] {
    b.slave.registers[1] = 0xCAFEF00D;  // after the reset at time zero
    status = b.access(tlm::TLM_READ_COMMAND, 0x4, value, delay);
  });
  CHECK(status == tlm::TLM_OK_RESPONSE);
  CHECK(value == 0xCAFEF00D);
  CHECK(delay == 5 * kPeriod);
  CHECK(b.bridge.wait_states() == 3);
  REQUIRE(b.slave.completed.size() == 1);
  // Reset took edges 1-2 (0 ns, 10 ns); the access starts at 100 ns = edge 11: setup sampled
  // at edge 12, three wait states (13, 14, 15), completion at edge 16.
  CHECK(b.slave.completed[0].edge == 16);
}

TEST_CASE("apb bridge: PSLVERR answers a TLM error and the write does not happen") {
  ApbBench b;
  tlm::tlm_response_status write_status{}, read_status{};
  b.run([&] {
    sc_time delay = SC_ZERO_TIME;
    std::uint32_t v = 1;
    write_status = b.access(tlm::TLM_WRITE_COMMAND, 0x40, v, delay);
    read_status = b.access(tlm::TLM_READ_COMMAND, 0x44, v, delay);
  });
  CHECK(write_status == tlm::TLM_GENERIC_ERROR_RESPONSE);
  CHECK(read_status == tlm::TLM_GENERIC_ERROR_RESPONSE);
  CHECK(b.slave.completed.size() == 2);  // the slave did see both transfers
}

TEST_CASE("apb bridge: back-to-back transfers start their setup on the completing edge") {
  ApbBench b;
  b.slave.wait_states[0x0] = 1;
  b.run([&] {
    const sc_time start = sc_time_stamp();
    sc_time delay = SC_ZERO_TIME;
    for (std::uint32_t i = 0; i < 4; ++i) {
      std::uint32_t v = 100 + i;
      // Each access is issued at the previous one's completion (the bridge waits out the
      // delay it is given and annotates the transfer's own cycles).
      REQUIRE(b.access(tlm::TLM_WRITE_COMMAND, 4 * (i % 2), v, delay) == tlm::TLM_OK_RESPONSE);
    }
    CHECK(sc_time_stamp() + delay - start == (3 + 2 + 3 + 2) * kPeriod);
  });
  REQUIRE(b.slave.completed.size() == 4);
  CHECK(b.slave.completed[0].edge == 14);  // setup 12, wait 13, done 14
  CHECK(b.slave.completed[1].edge == 16);  // setup 15, done 16
  CHECK(b.slave.completed[2].edge == 19);
  CHECK(b.slave.completed[3].edge == 21);
  CHECK(b.slave.registers[0] == 102);
  CHECK(b.slave.registers[1] == 103);
}

TEST_CASE(
    "apb bridge: a reset in the middle of a transfer ends it in an error, then traffic resumes") {
  ApbBench b;
  b.slave.wait_states[0x8] = 20;
  tlm::tlm_response_status cut{}, after{};
  std::uint32_t first = 0, second = 0, third = 0;
  b.run([&] {
    sc_time delay = SC_ZERO_TIME;
    std::uint32_t v = 7;
    REQUIRE(b.access(tlm::TLM_WRITE_COMMAND, 0x0, v, delay) == tlm::TLM_OK_RESPONSE);
    first = b.slave.registers[0];
    // Reset for 3 cycles from 200 ns, while the next transfer waits on PREADY.
    b.domain.schedule_reset(sc_time(200, SC_NS), 3);
    v = 0;
    cut = b.access(tlm::TLM_READ_COMMAND, 0x8, v, delay);
    second = b.slave.registers[0];
    v = 0;
    after = b.access(tlm::TLM_READ_COMMAND, 0x0, v, delay);
    third = v;
  });
  CHECK(first == 7);
  CHECK(cut == tlm::TLM_GENERIC_ERROR_RESPONSE);
  CHECK(b.domain.resets() == 2);  // the one at time zero and this one
  CHECK(second == 0);             // the slave's registers were reset
  CHECK(after == tlm::TLM_OK_RESPONSE);
  CHECK(third == 0);
  CHECK_FALSE(b.bus.psel.read());
}

TEST_CASE("apb bridge: narrow writes and bursts are refused without touching the bus") {
  ApbBench b;
  tlm::tlm_response_status narrow{}, narrow_read{};
  std::uint32_t byte = 0;
  b.run([&] {
    b.slave.registers[1] = 0xA1B2C3D4;
    sc_time delay = SC_ZERO_TIME;
    std::uint32_t v = 0xFF;
    narrow = b.access(tlm::TLM_WRITE_COMMAND, 0x4, v, delay, 1);
    narrow_read = b.access(tlm::TLM_READ_COMMAND, 0x6, byte, delay, 1);
  });
  CHECK(narrow == tlm::TLM_GENERIC_ERROR_RESPONSE);
  CHECK(narrow_read == tlm::TLM_OK_RESPONSE);
  CHECK(byte == 0xB2);  // byte 2 of the little-endian word
  CHECK(b.bridge.transfers() == 1);
}

TEST_CASE("apb bridge: the access waits out its annotated delay and lands on the clock grid") {
  ApbBench b;
  sc_time issued, delay_out;
  b.run([&] {
    sc_time delay(25, SC_NS);  // the initiator is 25 ns ahead: 125 ns, between edges
    std::uint32_t v = 5;
    REQUIRE(b.access(tlm::TLM_WRITE_COMMAND, 0x0, v, delay) == tlm::TLM_OK_RESPONSE);
    issued = sc_time_stamp();
    delay_out = delay;
  });
  CHECK(issued == sc_time(125, SC_NS));
  // Setup sampled at 130 ns, completed at 140 ns.
  CHECK(delay_out == sc_time(15, SC_NS));
  REQUIRE(b.slave.completed.size() == 1);
  CHECK(b.slave.completed[0].edge == 15);
}

TEST_CASE("rtl clock domain: a gated clock does not tick, a requested one ticks every period") {
  RtlClockDomain domain{"domain", kPeriod, sc_time(1, SC_US)};
  sc_signal<bool> request{"request"};  // stands for the block's clk_req output
  domain.set_clock_request(&request);
  std::uint64_t rising_seen = 0;
  domain.add_observer([&](RtlClockDomain::Edge e, const sc_time& at) {
    if (e == RtlClockDomain::Edge::Rising) {
      CHECK(at.value() % kPeriod.value() == 0);  // on the grid
      ++rising_seen;
    }
  });
  std::uint64_t edges_while_gated = 0;
  test::ThreadDriver driver("driver", [&] {
    wait(sc_time(10, SC_US));
    RtlClockDomain::Hold hold(domain);
    domain.catch_up(sc_time_stamp());
    edges_while_gated = domain.rising_edges();
    request.write(true);  // as a register write would raise it
    domain.drive_settled(sc_time_stamp());
    domain.wake();
  });
  // Just past 20 us: a catch-up settles through several delta cycles.
  sc_start(sc_time(20001, SC_NS));
  CHECK(edges_while_gated == 2);  // the reset edges only
  // Edges at 10.01 us .. 20.00 us, caught up once per microsecond.
  CHECK(domain.rising_edges() == 2 + 1000);
  CHECK(rising_seen == domain.rising_edges());
}
