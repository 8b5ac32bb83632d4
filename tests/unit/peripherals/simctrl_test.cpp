// The simulator-control device against docs/devices/simctrl.md.
#include <catch2/catch.hpp>

#include "peripherals/simctrl/simctrl.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;

TEST_CASE("simctrl: ID, PUTCHAR, EXIT and the cycle counter") {
  test::TestInitiator cpu("cpu");
  auto* console = new StringBackend();
  std::vector<int> exits;
  SimControl simctrl("simctrl", sc_time(40, SC_NS), std::unique_ptr<CharBackend>(console),
                     [&](int code) { exits.push_back(code); });
  cpu.socket.bind(simctrl.socket);

  CHECK(cpu.read32(SimControl::kId) == 0x414E564C);
  cpu.write(SimControl::kPutchar, 'o', 1);
  cpu.write(SimControl::kPutchar, 'k');
  CHECK(console->output() == "ok");
  tlm::tlm_response_status status;
  cpu.read(SimControl::kPutchar, 4, status);
  CHECK(status == tlm::TLM_GENERIC_ERROR_RESPONSE);  // write-only
  cpu.read(0x20, 4, status);
  CHECK(status == tlm::TLM_ADDRESS_ERROR_RESPONSE);  // nothing there

  test::advance(sc_time(1, SC_US));
  CHECK(cpu.read32(SimControl::kCyclesLow) == 25);  // 1 us of a 25 MHz clock
  CHECK(cpu.read32(SimControl::kCyclesHigh) == 0);

  cpu.write(SimControl::kExit, static_cast<std::uint32_t>(-3));
  REQUIRE(exits.size() == 1);
  CHECK(exits[0] == -3);
}
