// Simulation end to end with ScriptCore as the cpu: guest exit through the simulator-control
// device, image loading, instruction and time limits, lockup, interrupt wiring, describe(),
// and the board errors elaboration reports.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "peripherals/simctrl/simctrl.h"
#include "peripherals/uart/cmsdk_uart.h"
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/platform.h"
#include "platforms/errors.h"
#include "platforms/simulation.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using test::Op;

namespace {

constexpr Addr kSimctrl = 0x40000000, kUart = 0x40004000;

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("anvil-sim-" + std::to_string(::getpid()) + "-" + name))
      .string();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Value integer(std::int64_t v) {
  Value value;
  value.kind = Value::Kind::Integer;
  value.integer = v;
  return value;
}
Value text(const std::string& s) {
  Value value;
  value.kind = Value::Kind::String;
  value.string = s;
  return value;
}
Value irq(const std::string& cpu, std::int64_t line) {
  Value value;
  value.kind = Value::Kind::List;
  value.list = {text(cpu), integer(line)};
  return value;
}

ComponentDesc component(const std::string& name, const std::string& kind, const std::string& type,
                        std::map<std::string, Value> params, int line) {
  return {name, kind, type, std::move(params), {"board.lua", line}};
}

// A 25 MHz board: cpu0 (ScriptCore running `program`), 64 KiB ROM at 0, 64 KiB RAM at
// 0x20000000, simctrl printing to `console`, a CMSDK UART with its TX interrupt on line 1.
struct TestBoard {
  BoardDesc board;
  Registry registry;
  std::string console = temp_path("console.txt");

  explicit TestBoard(std::vector<Op> program) {
    board.name = "test-board";
    board.file = "board.lua";
    board.clock_hz = 25e6;
    board.components = {
        component("cpu0", "cpu", "script", {}, 2),
        component("flash", "memory", "rom", {{"base", integer(0)}, {"size", integer(0x10000)}}, 3),
        component("sram", "memory", "ram",
                  {{"base", integer(0x20000000)}, {"size", integer(0x10000)}}, 4),
        component("simctrl", "device", "anvil-simctrl",
                  {{"base", integer(kSimctrl)}, {"backend", text("file:" + console)}}, 5),
        component("uart0", "device", "cmsdk-uart",
                  {{"base", integer(kUart)}, {"tx_irq", irq("cpu0", 1)}, {"backend", text("null")}},
                  6),
    };
    register_memory_types(registry);
    register_device_types(registry);
    registry.add({.kind = "cpu",
                  .name = "script",
                  .summary = "test core",
                  .params = {},
                  .build = [program](Platform& p, const ComponentDesc& c) {
                    p.add_cpu(c, std::endian::little, [program](MemoryPort& m) {
                      return std::make_unique<test::ScriptCore>(m, program);
                    });
                  }});
  }
  ~TestBoard() { std::filesystem::remove(console); }
};

// A module with no reset support, like a device type written before Resettable.
struct PlainModule : sc_core::sc_module {
  explicit PlainModule(sc_core::sc_module_name name) : sc_core::sc_module(name) {}
};

// Writes an ELF image at `path` whose one segment puts 0xDEADBEEF at physical 0x100.
void write_test_elf(const std::string& path) {
  // A 52-byte ELF header and one PT_LOAD of 4 bytes at physical 0x100 (see image_loader_test).
  std::vector<std::uint8_t> elf(52 + 32 + 4, 0);
  const std::uint8_t header[] = {0x7F, 'E', 'L', 'F', 1, 1, 1};
  std::copy(std::begin(header), std::end(header), elf.begin());
  auto put = [&](std::size_t at, std::uint32_t v, unsigned n) {
    for (unsigned i = 0; i < n; ++i) elf[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
  };
  put(16, 2, 2), put(18, 40, 2), put(20, 1, 4), put(28, 52, 4), put(42, 32, 2), put(44, 1, 2);
  put(52, 1, 4), put(56, 84, 4), put(64, 0x100, 4), put(68, 4, 4), put(72, 4, 4);
  put(84, 0xDEADBEEF, 4);
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(elf.data()), static_cast<std::streamsize>(elf.size()));
}

}  // namespace

TEST_CASE("simulation: the guest prints through simctrl and exits with its code") {
  TestBoard t({{Op::Store, kSimctrl + SimControl::kPutchar, 'h'},
               {Op::Store, kSimctrl + SimControl::kPutchar, 'i'},
               {Op::Store, kSimctrl + SimControl::kExit, 7},
               {Op::Compute, 0, 1000}});
  Simulation sim(t.board, t.registry, {});
  const RunResult result = sim.run();
  CHECK(result.reason == RunResult::Reason::GuestExit);
  CHECK(result.exit_code == 7);
  CHECK(result.instructions == 3);  // nothing after the EXIT store
  CHECK(result.cycles == 3);
  CHECK(result.simulated_seconds == Approx(3 * 40e-9));
  CHECK(read_text(t.console) == "hi");
}

TEST_CASE("simulation: instruction and memory traces name the core, pc, encoding and access") {
  TestBoard t({{Op::Store, kSimctrl + SimControl::kPutchar, 'h'},
               {Op::Load, 0x20000010},
               {Op::Store, kSimctrl + SimControl::kExit, 0}});
  RunOptions options;
  options.trace.insn = options.trace.mem = true;
  options.trace_file = temp_path("trace.txt");
  {
    Simulation sim(t.board, t.registry, options);
    sim.run();
  }
  // ScriptCore's pc is 0x1000 + 4 x op (in the zero-filled ROM); RAM is on the DMI fast
  // path after its first access, so only the first load of a page is traced.
  CHECK(read_text(options.trace_file) ==
        "cpu0 0x00001000: 00000000\n"
        "cpu0 store 0x40000000 size 4 value 0x00000068 ok\n"
        "cpu0 0x00001004: 00000000\n"
        "cpu0 load 0x20000010 size 4 value 0x00000000 ok\n"
        "cpu0 0x00001008: 00000000\n"
        "cpu0 store 0x40000004 size 4 value 0x00000000 ok\n");
  std::filesystem::remove(options.trace_file);
}

TEST_CASE("simulation: the instruction limit is exact") {
  TestBoard t({{Op::Compute, 0, 1000000}});
  RunOptions options;
  options.max_insns = 12345;
  Simulation sim(t.board, t.registry, options);
  const RunResult result = sim.run();
  CHECK(result.reason == RunResult::Reason::InsnLimit);
  CHECK(result.instructions == 12345);
}

TEST_CASE("simulation: the time limit stops at that simulated time") {
  TestBoard t({{Op::Compute, 0, 1000000}});
  RunOptions options;
  options.max_seconds = 1e-3;  // 25000 cycles
  Simulation sim(t.board, t.registry, options);
  const RunResult result = sim.run();
  CHECK(result.reason == RunResult::Reason::TimeLimit);
  CHECK(result.simulated_seconds == Approx(1e-3));
  CHECK(result.instructions >= 25000);
  CHECK(result.instructions <= 25000 + 250);  // at most one 10 us quantum ahead
}

TEST_CASE("simulation: a lockup names the core and its pc") {
  TestBoard t({{Op::Compute, 0, 3}, {Op::Lockup}});
  Simulation sim(t.board, t.registry, {});
  const RunResult result = sim.run();
  CHECK(result.reason == RunResult::Reason::Lockup);
  CHECK(result.message == "cpu0: lockup at pc 0x00001004");
}

TEST_CASE("simulation: the UART TX interrupt wakes a core sleeping in WFI") {
  // BAUDDIV 16: one character is 160 cycles; the core sleeps until the buffer empties.
  TestBoard t(
      {{Op::Store, kUart + CmsdkUart::kBaudDiv, 16},
       {Op::Store, kUart + CmsdkUart::kCtrl, CmsdkUart::kTxEnable | CmsdkUart::kTxIntEnable},
       {Op::Store, kUart + CmsdkUart::kData, 'x'},
       {Op::Wfi},
       {Op::Store, kSimctrl + SimControl::kExit, 0}});
  Simulation sim(t.board, t.registry, {});
  const RunResult result = sim.run();
  CHECK(result.reason == RunResult::Reason::GuestExit);
  // DATA written at cycle 2; empty at cycle 2 + 160; the EXIT store one cycle later.
  CHECK(result.simulated_seconds == Approx((2 + 160 + 1) * 40e-9));
}

TEST_CASE("simulation: a core asleep with nothing to wake it is reported as a deadlock") {
  TestBoard t(std::vector<Op>{{Op::Wfi}});
  Simulation sim(t.board, t.registry, {});
  const RunResult result = sim.run();
  CHECK(result.reason == RunResult::Reason::Lockup);
  CHECK(result.message == "deadlock: every core is asleep and no event is pending");
}

TEST_CASE("simulation: an ELF image in ROM is what the core reads") {
  const std::string path = temp_path("fw.elf");
  write_test_elf(path);
  TestBoard t({{Op::Load, 0x100}, {Op::Store, kSimctrl + SimControl::kExit, 0}});
  t.board.components[1].params["image"] = text(path);
  Simulation sim(t.board, t.registry, {});
  auto* core = dynamic_cast<test::ScriptCore*>(&sim.platform().cpus().front()->core());
  REQUIRE(core);
  sim.run();
  std::filesystem::remove(path);
  REQUIRE(core->loads.size() == 1);
  CHECK(core->loads[0] == 0xDEADBEEF);
}

TEST_CASE("simulation: describe() lists the map by address and the interrupt wiring") {
  TestBoard t(std::vector<Op>{});
  Simulation sim(t.board, t.registry, {});
  CHECK(sim.describe() ==
        "board test-board\n"
        "memory map:\n"
        "  0x00000000-0x0000ffff  64 KiB     memory   rom            flash\n"
        "  0x20000000-0x2000ffff  64 KiB     memory   ram            sram\n"
        "  0x40000000-0x40000fff  4 KiB      device   anvil-simctrl  simctrl\n"
        "  0x40004000-0x40004fff  4 KiB      device   cmsdk-uart     uart0\n"
        "cpus:\n"
        "  cpu0  script, 25 MHz, 8 interrupt lines\n"
        "interrupts:\n"
        "  uart0.tx_irq -> cpu0 line 1\n");
}

TEST_CASE("simulation: overlapping regions are a board error naming both") {
  TestBoard t(std::vector<Op>{});
  t.board.components[2].params["base"] = integer(0x8000);
  CHECK_THROWS_WITH(Simulation(t.board, t.registry, {}),
                    "board.lua:4: sram.base: region \"sram\" [0x00008000, 0x00017fff] overlaps "
                    "\"flash\" [0x00000000, 0x0000ffff]");
}

TEST_CASE("simulation: an interrupt to a missing cpu or line is a board error") {
  TestBoard t(std::vector<Op>{});
  t.board.components[4].params["tx_irq"] = irq("cpu1", 1);
  CHECK_THROWS_WITH(Simulation(t.board, t.registry, {}),
                    "board.lua:6: uart0.tx_irq: no cpu named \"cpu1\"");
}

TEST_CASE("simulation: a missing image is an image error naming the file") {
  TestBoard t(std::vector<Op>{});
  t.board.components[1].params["image"] = text("/nonexistent/fw.elf");
  CHECK_THROWS_AS(Simulation(t.board, t.registry, {}), ImageError);
}

TEST_CASE(
    "simulation: a board reset resets devices, reloads images, resets cores, names the rest") {
  const std::string path = temp_path("fw.elf");
  write_test_elf(path);
  TestBoard t({{Op::Store, kUart + CmsdkUart::kBaudDiv, 16},
               {Op::Store, kUart + CmsdkUart::kCtrl, CmsdkUart::kTxEnable},
               {Op::Store, 0x20000000, 0x55},
               {Op::Store, kSimctrl + SimControl::kExit, 0}});
  t.board.components[1].params["image"] = text(path);
  // A device type without reset support.
  t.registry.add({.kind = "device",
                  .name = "plain",
                  .summary = "test module",
                  .params = {},
                  .build = [](Platform& p, const ComponentDesc& c) {
                    p.add_module<PlainModule>(c.name.c_str());
                  }});
  t.board.components.push_back(component("gadget", "device", "plain", {}, 7));
  Simulation sim(t.board, t.registry, {});
  sim.run();
  std::filesystem::remove(path);  // a reset restores the image as loaded, not the file
  MemoryPort& port = sim.platform().cpus().front()->core().memory();
  auto word = [&port](Addr address) {
    std::uint32_t v = 0;
    REQUIRE(port.debug_read(address, &v, 4) == 4);
    return v;
  };
  REQUIRE(word(kUart + CmsdkUart::kCtrl) == CmsdkUart::kTxEnable);
  const std::uint32_t zero = 0;
  port.debug_write(0x100, &zero, 4);  // spoil the image in ROM
  REQUIRE(word(0x100) == 0);

  CHECK(sim.platform().reset() == std::vector<std::string>{"gadget"});
  CHECK(word(kUart + CmsdkUart::kCtrl) == 0);  // DDI 0479C: UART registers reset to 0
  CHECK(word(kUart + CmsdkUart::kBaudDiv) == 0);
  CHECK(word(0x100) == 0xDEADBEEF);  // the image is loaded again
  CHECK(word(0x20000000) == 0x55);   // the rest of RAM keeps its contents
  CHECK(sim.platform().cpus().front()->core().pc() == 0x1000);  // ScriptCore's first op
}
