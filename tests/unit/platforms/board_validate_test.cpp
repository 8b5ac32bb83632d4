// Validation against the registry: each kind of problem with its exact message, and that all
// problems are reported, not just the first.
#include <catch2/catch.hpp>

#include "board_files.h"

namespace anvil::test {
namespace {

// A board whose components are the given Lua lines, starting on line 4.
std::string board_with(BoardFiles& files, const std::string& components) {
  return files.write("x.lua",
                     "return board {\n  name = \"x\",\n  cpu0 = cpu { model = "
                     "\"cortex-m3\", irqs = 32 },\n" +
                         components + "}\n");
}

TEST_CASE("a misspelt parameter gets a did-you-mean", "[validate]") {
  BoardFiles files;
  const std::string path = board_with(
      files,
      "  uart0 = device { type = \"cmsdk-uart\", base = 0x40004000, bakend = \"stdio\" },\n"
      "  uart1 = device { type = \"cmsdk-uart\", base = 0x40005000, tyep = \"x\" },\n");
  CHECK(problems_of(path) ==
        path +
            ":4: uart0.bakend: unknown parameter for device type \"cmsdk-uart\" "
            "(did you mean \"backend\"?)\n" +
            path +
            ":5: uart1.tyep: unknown parameter for device type \"cmsdk-uart\" "
            "(did you mean \"type\"?)\n");
}

TEST_CASE("an unknown parameter with no near miss lists the known ones", "[validate]") {
  BoardFiles files;
  const std::string path = board_with(
      files, "  t = device { type = \"cmsdk-timer\", base = 0x40000000, colour = 1 },\n");
  CHECK(problems_of(path) == path +
                                 ":4: t.colour: unknown parameter for device type "
                                 "\"cmsdk-timer\" (known: base, irq)\n");
}

TEST_CASE("a value of the wrong type names expected and actual", "[validate]") {
  BoardFiles files;
  const std::string path =
      board_with(files,
                 "  uart0 = device { type = \"cmsdk-uart\", base = \"0x4000\" },\n"
                 "  ram = memory { base = 0, size = 1.5, format = 3 },\n"
                 "  sim = device { type = \"anvil-simctrl\", base = true },\n");
  CHECK(problems_of(path) == path + ":4: uart0.base: expected an integer, got string \"0x4000\"\n" +
                                 path + ":5: ram.format: expected a string, got integer 3\n" +
                                 path + ":5: ram.size: expected an integer, got number 1.5\n" +
                                 path + ":6: sim.base: expected an integer, got boolean true\n");
}

TEST_CASE("an unknown cpu model lists the known ones", "[validate]") {
  BoardFiles files;
  const std::string path = files.write("x.lua",
                                       "return board {\n  name = \"x\",\n"
                                       "  cpu0 = cpu { model = \"cortex-m33\" },\n}\n");
  CHECK(problems_of(path) ==
        path + ":3: cpu0.model: unknown cpu model \"cortex-m33\" (known: cortex-m3, cortex-m4)\n");
}

TEST_CASE("unknown device types and memory kinds list the known ones", "[validate]") {
  BoardFiles files;
  const std::string path = board_with(files,
                                      "  u = device { type = \"pl011\", base = 0x40004000 },\n"
                                      "  m = memory { kind = \"sram\", base = 0, size = 4 },\n"
                                      "  d = device { base = 0x40005000 },\n");
  CHECK(problems_of(path) ==
        path +
            ":4: u.type: unknown device type \"pl011\" (known: anvil-simctrl, cmsdk-dualtimer, "
            "cmsdk-timer, "
            "cmsdk-uart)\n" +
            path + ":5: m.kind: unknown memory kind \"sram\" (known: flash, ram, rom)\n" + path +
            ":6: d.type: missing: a device needs one, as in type = \"cmsdk-uart\"\n");
}

TEST_CASE("overlapping ranges name both components", "[validate]") {
  BoardFiles files;
  const std::string path =
      board_with(files,
                 "  sram = memory { base = 0x20000000, size = 4 * MiB },\n"
                 "  sram2 = memory { base = 0x20300000, size = 4 * MiB },\n"
                 "  uart0 = device { type = \"cmsdk-uart\", base = 0x20100000 },\n");
  CHECK(problems_of(path) ==
        path + ":5: sram2: 0x20300000..0x206fffff overlaps sram (0x20000000..0x203fffff, " + path +
            ":4)\n" + path + ":6: uart0: 0x20100000 overlaps sram (0x20000000..0x203fffff, " +
            path + ":4)\n");
}

TEST_CASE("a missing required parameter is reported with its meaning", "[validate]") {
  BoardFiles files;
  const std::string path = board_with(files, "  ram = memory { base = 0x20000000 },\n");
  CHECK(problems_of(path) == path + ":4: ram.size: missing required parameter (bytes)\n");
}

TEST_CASE("an IRQ must go to a cpu of the board, on a line it has", "[validate]") {
  BoardFiles files;
  const std::string path = board_with(
      files,
      "  t0 = device { type = \"cmsdk-timer\", base = 0x40000000, irq = { \"cpu1\", 8 } },\n"
      "  t1 = device { type = \"cmsdk-timer\", base = 0x40001000, irq = { \"t0\", 9 } },\n"
      "  t2 = device { type = \"cmsdk-timer\", base = 0x40002000, irq = { \"cpu0\", 32 } },\n"
      "  t3 = device { type = \"cmsdk-timer\", base = 0x40003000, irq = 8 },\n");
  CHECK(problems_of(path) ==
        path + ":4: t0.irq: IRQ target \"cpu1\" is not a cpu of this board (cpus: cpu0)\n" + path +
            ":5: t1.irq: IRQ target \"t0\" is not a cpu of this board (cpus: cpu0)\n" + path +
            ":6: t2.irq: IRQ line 32 does not exist: cpu0 has 32 (irqs)\n" + path +
            ":7: t3.irq: expected an IRQ { \"cpu0\", line }, got integer 8\n");
}

TEST_CASE("addresses cannot be negative", "[validate]") {
  BoardFiles files;
  // 0xffffffff80000000 wraps to a negative Lua integer.
  const std::string path =
      board_with(files, "  ram = memory { base = 0xffffffff80000000, size = 4 },\n");
  CHECK(problems_of(path) ==
        path + ":4: ram.base: expected an address, got the negative -2147483648\n");
}

TEST_CASE("a board without name or cpu is reported", "[validate]") {
  BoardFiles files;
  const std::string path =
      files.write("x.lua", "\nreturn board {\n  description = \"empty\",\n}\n");
  CHECK(problems_of(path) ==
        path + ":2: name: missing: every board has a name, as in name = \"my-board\"\n" + path +
            ":2: no cpu: a board needs at least one cpu { model = ... }\n");
}

TEST_CASE("a plain table where a component belongs is reported", "[validate]") {
  BoardFiles files;
  const std::string path = board_with(files, "  uart0 = { type = \"cmsdk-uart\" },\n");
  CHECK(problems_of(path) ==
        path +
            ":4: uart0: expected a component (cpu { ... }, memory { ... } or device { ... }), "
            "got a plain table\n");
}

TEST_CASE("loading problems come in file order", "[validate]") {
  BoardFiles files;
  const std::string path = board_with(files,
                                      "  zeta = 1,\n"
                                      "  alpha = \"x\",\n"
                                      "  mid = true,\n");
  const std::string expected =
      " expected a component (cpu { ... }, memory { ... } or device { ... }), got ";
  CHECK(problems_of(path) == path + ":4: zeta:" + expected + "integer 1\n" + path +
                                 ":5: alpha:" + expected + "string \"x\"\n" + path +
                                 ":6: mid:" + expected + "boolean true\n");
}

TEST_CASE("every problem is reported, not just the first", "[validate]") {
  BoardFiles files;
  const std::string path = board_with(files,
                                      "  a = device { type = \"cmsdk-uart\", base = \"x\" },\n"
                                      "  b = device { type = \"cmsdk-uartt\", base = 1 },\n"
                                      "  c = memory { base = 0 },\n");
  const std::string problems = problems_of(path);
  CHECK(std::count(problems.begin(), problems.end(), '\n') == 3);
}

TEST_CASE("an unset board parameter names the field and how to set it", "[validate]") {
  BoardFiles files;
  const std::string path = board_with(files,
                                      "  ram = memory { base = 0, size = 4 * KiB,\n"
                                      "                 image = param \"firmware\" },\n");
  CHECK(problems_of(path) == path +
                                 ":5: ram.image: board parameter \"firmware\" is not set "
                                 "(set it with -p firmware=VALUE)\n");
  BoardLoadOptions lenient;
  lenient.require_params = false;  // anvil check, describe
  CHECK(problems_of(path, lenient).empty());
}

TEST_CASE("a board parameter cannot be computed with", "[validate]") {
  BoardFiles files;
  const std::string path =
      board_with(files, "  ram = memory { image = param \"fw\" .. \".elf\" },\n");
  CHECK(problems_of(path) ==
        path +
            ":4: board parameter \"fw\" can only be the value of a field (it is set from "
            "the command line after the board file has run)\n");
}

TEST_CASE("a table that contains itself is reported, not followed forever", "[validate]") {
  BoardFiles files;
  const std::string path = board_with(files,
                                      "  t = device { type = \"cmsdk-timer\", base = 0,\n"
                                      "               irq = (function() local l = {} l[1] = l "
                                      "return l end)() },\n");
  std::string sixteen_levels;
  for (int i = 0; i < 16; ++i) sixteen_levels += "[1]";
  CHECK(problems_of(path) == path + ":5: t.irq" + sixteen_levels +
                                 ": lists nested more than 16 deep (does the table contain "
                                 "itself?)\n");
}

TEST_CASE("a registry that declares the type field as a parameter still validates", "[validate]") {
  BoardFiles files;
  const std::string path = files.write("x.lua",
                                       "return board {\n  name = \"x\",\n"
                                       "  cpu0 = cpu { model = \"cortex-m3\", colour = 1 },\n}\n");
  Registry registry;
  registry.add({"cpu",
                "cortex-m3",
                "",
                {{"model", ParamType::String, true, "the model"},
                 {"clock_hz", ParamType::Number, false, "Hz"}},
                nullptr});
  LoadedBoard loaded = load_board_file(path, {});
  REQUIRE(loaded.problems.empty());
  const BoardProblems problems = validate_board(loaded.desc, registry);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].str() == path +
                                 ":3: cpu0.colour: unknown parameter for cpu model "
                                 "\"cortex-m3\" (known: clock_hz)");
}

TEST_CASE("a board clock is a component of kind clock, type fixed by default", "[validate]") {
  BoardFiles files;
  const std::string good = board_with(files, "  clk0 = clock { hz = 50 * MHz },\n");
  CHECK(problems_of(good).empty());
  const std::string typo =
      files.write("typo.lua",
                  "return board {\n  name = \"x\",\n  cpu0 = cpu { model = \"cortex-m3\" },\n"
                  "  clk0 = clock { herz = 1 },\n}\n");
  CHECK(problems_of(typo) == typo +
                                 ":4: clk0.herz: unknown parameter for clock type \"fixed\" "
                                 "(known: hz)\n" +
                                 typo + ":4: clk0.hz: missing required parameter (Hz)\n");
  const std::string unknown =
      files.write("unknown.lua",
                  "return board {\n  name = \"x\",\n  cpu0 = cpu { model = \"cortex-m3\" },\n"
                  "  clk0 = clock { type = \"pll\", hz = 1 },\n}\n");
  CHECK(problems_of(unknown) ==
        unknown + ":4: clk0.type: unknown clock type \"pll\" (known: fixed)\n");
}

}  // namespace
}  // namespace anvil::test
