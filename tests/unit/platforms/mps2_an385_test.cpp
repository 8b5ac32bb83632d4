// The shipped MPS2 AN385 board against ARM AN385 / QEMU hw/arm/mps2.c: addresses and IRQs.
#include <catch2/catch.hpp>

#include "board_files.h"

namespace anvil::test {
namespace {

const std::string kBoard = std::string(ANVIL_BOARDS_DIR) + "/mps2-an385.lua";

const ComponentDesc& component(const BoardDesc& board, const std::string& name) {
  for (const auto& c : board.components) {
    if (c.name == name) return c;
  }
  FAIL("no component " << name);
  throw std::logic_error("unreachable");
}

std::pair<std::string, std::int64_t> irq(const ComponentDesc& c, const std::string& name) {
  const Value& value = c.params.at(name);
  return {value.list.at(0).string, value.list.at(1).integer};
}

TEST_CASE("mps2-an385.lua loads and validates", "[mps2-an385]") {
  BoardLoadOptions options;
  options.overrides.push_back(parse_override("firmware=hello.elf"));
  const LoadedBoard loaded = load_good(kBoard, options);
  const BoardDesc& board = loaded.desc;
  CHECK(board.name == "mps2-an385");
  CHECK(board.clock_hz == 25e6);

  const ComponentDesc& cpu0 = component(board, "cpu0");
  CHECK(cpu0.type == "cortex-m3");
  CHECK(cpu0.params.at("irqs").integer == 32);

  const ComponentDesc& ssram1 = component(board, "ssram1");
  CHECK(ssram1.params.at("base").integer == 0);
  CHECK(ssram1.params.at("size").integer == 4 << 20);
  CHECK(ssram1.params.at("image").string == "hello.elf");
  CHECK(component(board, "ssram23").params.at("base").integer == 0x20000000);
  CHECK(component(board, "ssram23").params.at("size").integer == 4 << 20);

  const std::int64_t uart_bases[] = {0x40004000, 0x40005000, 0x40006000, 0x40007000, 0x40009000};
  const std::int64_t uart_rx_irqs[] = {0, 2, 4, 18, 20};
  for (int i = 0; i < 5; ++i) {
    const ComponentDesc& uart = component(board, "uart" + std::to_string(i));
    CHECK(uart.type == "cmsdk-uart");
    CHECK(uart.params.at("base").integer == uart_bases[i]);
    CHECK(irq(uart, "rx_irq") == std::pair<std::string, std::int64_t>{"cpu0", uart_rx_irqs[i]});
    CHECK(irq(uart, "tx_irq") == std::pair<std::string, std::int64_t>{"cpu0", uart_rx_irqs[i] + 1});
  }
  CHECK(component(board, "uart0").params.at("backend").string == "stdio");
  CHECK(component(board, "timer0").params.at("base").integer == 0x40000000);
  CHECK(irq(component(board, "timer0"), "irq") == std::pair<std::string, std::int64_t>{"cpu0", 8});
  CHECK(component(board, "timer1").params.at("base").integer == 0x40001000);
  CHECK(irq(component(board, "timer1"), "irq") == std::pair<std::string, std::int64_t>{"cpu0", 9});
  CHECK(component(board, "simctrl").type == "anvil-simctrl");
  CHECK(component(board, "simctrl").params.at("base").integer == 0x400ff000);
}

TEST_CASE("mps2-an385.lua without firmware asks for it", "[mps2-an385]") {
  const std::string problems = problems_of(kBoard);
  CHECK_THAT(problems,
             Catch::EndsWith("ssram1.image: board parameter \"firmware\" is not set (set it with "
                             "-p firmware=VALUE)\n"));
}

}  // namespace
}  // namespace anvil::test
