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

TEST_CASE("simctrl: big-endian order: EXIT in two halves (68000) or whole (MIPS)") {
  test::TestInitiator cpu("cpu");
  auto* console = new StringBackend();
  std::vector<int> exits;
  SimControl simctrl(
      "simctrl", sc_time(125, SC_NS), std::unique_ptr<CharBackend>(console),
      [&](int code) { exits.push_back(code); }, std::endian::big);
  cpu.socket.bind(simctrl.socket);
  // A 68000 byte write of PUTCHAR's low byte lands at offset 3 in big-endian order.
  cpu.write(SimControl::kPutchar + 3, 'k', 1);
  CHECK(console->output() == "k");
  // MOVE.L #-3,EXIT: the high word (offset 4), then the low word (offset 6) ends the run.
  std::uint8_t high[2] = {0xFF, 0xFF}, low[2] = {0xFF, 0xFD};
  cpu.access(tlm::TLM_WRITE_COMMAND, SimControl::kExit, high, 2);
  CHECK(exits.empty());
  cpu.access(tlm::TLM_WRITE_COMMAND, SimControl::kExit + 2, low, 2);
  REQUIRE(exits.size() == 1);
  CHECK(exits[0] == -3);
  // A big-endian 32-bit store (MIPS SW) is taken whole: 0x00000102 is 258, not 0x02010000.
  std::uint8_t whole[4] = {0x00, 0x00, 0x01, 0x02};
  cpu.access(tlm::TLM_WRITE_COMMAND, SimControl::kExit, whole, 4);
  REQUIRE(exits.size() == 2);
  CHECK(exits[1] == 258);
  // ID reads as words: "AN" then "VL".
  std::uint8_t id[2] = {};
  cpu.access(tlm::TLM_READ_COMMAND, SimControl::kId, id, 2);
  CHECK(id[0] == 'A');
  CHECK(id[1] == 'N');
}
