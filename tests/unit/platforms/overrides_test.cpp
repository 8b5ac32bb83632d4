// -p key=value: value parsing, board parameters, field overrides, and `extends`.
#include <catch2/catch.hpp>

#include "board_files.h"

namespace anvil::test {
namespace {

BoardLoadOptions with_overrides(std::initializer_list<const char*> texts) {
  BoardLoadOptions options;
  for (const char* text : texts) options.overrides.push_back(parse_override(text));
  return options;
}

const char* const kBoard = R"lua(return board {
  name = "base",
  clock_hz = 25 * MHz,
  cpu0 = cpu { model = "cortex-m3" },
  rom = memory { base = 0, size = 64 * KiB, image = param("firmware", "default.elf") },
  uart0 = device { type = "cmsdk-uart", base = 0x40004000, irq = { "cpu0", 0 },
                   backend = param("console", "stdio") },
  uart1 = device { type = "cmsdk-uart", base = 0x40005000 },
}
)lua";

const Value& param_of(const LoadedBoard& board, const std::string& component,
                      const std::string& name) {
  for (const auto& c : board.desc.components) {
    if (c.name == component) return c.params.at(name);
  }
  FAIL("no component " << component);
  throw std::logic_error("unreachable");
}

TEST_CASE("override values parse as integer, number, boolean or string", "[overrides]") {
  CHECK(parse_value_text("42").kind == Value::Kind::Integer);
  CHECK(parse_value_text("42").integer == 42);
  CHECK(parse_value_text("-7").integer == -7);
  CHECK(parse_value_text("0x40004000").integer == 0x40004000);
  CHECK(parse_value_text("0XFF").integer == 255);
  CHECK(parse_value_text("25e6").kind == Value::Kind::Number);
  CHECK(parse_value_text("25e6").number == 25e6);
  CHECK(parse_value_text("1.5").number == 1.5);
  CHECK(parse_value_text("true").kind == Value::Kind::Boolean);
  CHECK(parse_value_text("true").boolean);
  CHECK_FALSE(parse_value_text("false").boolean);
  CHECK(parse_value_text("file:out.txt").string == "file:out.txt");
  CHECK(parse_value_text("0x").kind == Value::Kind::String);
  CHECK(parse_value_text("12abc").kind == Value::Kind::String);
  CHECK(parse_value_text("").kind == Value::Kind::String);
  // The text as typed stays with every kind, for string fields (-p cpu0.fpu=68881).
  CHECK(parse_value_text("68881").kind == Value::Kind::Integer);
  CHECK(parse_value_text("68881").string == "68881");
  CHECK(parse_value_text("true").string == "true");
  // Does not fit 64 bits in decimal: not silently wrapped.
  CHECK(parse_value_text("99999999999999999999").kind == Value::Kind::Number);
}

TEST_CASE("an override without key=value is refused", "[overrides]") {
  CHECK_THROWS_WITH(parse_override("firmware"),
                    "-p firmware: expected key=value, as in -p uart0.backend=stdio");
  CHECK_THROWS_WITH(parse_override("=x"),
                    "-p =x: expected key=value, as in -p uart0.backend=stdio");
  const Override empty = parse_override("uart0.backend=");
  CHECK(empty.key == "uart0.backend");
  CHECK(empty.value.string.empty());
}

TEST_CASE("board parameters take -p values, else their defaults", "[overrides]") {
  BoardFiles files;
  const std::string path = files.write("b.lua", kBoard);
  const LoadedBoard defaults = load_good(path);
  CHECK(param_of(defaults, "rom", "image").string == files.folder() + "/default.elf");
  CHECK(param_of(defaults, "uart0", "backend").string == "stdio");
  CHECK(defaults.params == std::vector<std::string>{"console", "firmware"});

  // A -p path stays relative to the current directory, not the board's folder.
  const LoadedBoard given = load_good(
      path, with_overrides({"firmware=first.elf", "firmware=build/x.elf", "console=file:out.txt"}));
  CHECK(param_of(given, "rom", "image").string == "build/x.elf");
  CHECK(param_of(given, "rom", "image").where.file == "-p firmware=build/x.elf");
  CHECK(param_of(given, "uart0", "backend").string == "file:out.txt");
}

TEST_CASE("an override sets any component field, including the type", "[overrides]") {
  BoardFiles files;
  const std::string path = files.write("b.lua", kBoard);
  const LoadedBoard board =
      load_good(path, with_overrides({"uart1.backend=file:uart1.txt", "cpu0.model=cortex-m4",
                                      "cpu0.clock_hz=50000000", "clock_hz=1e6"}));
  CHECK(param_of(board, "uart1", "backend").string == "file:uart1.txt");
  CHECK(board.desc.components[0].type == "cortex-m4");
  // An Integer given for a Number parameter becomes a Number.
  CHECK(param_of(board, "cpu0", "clock_hz").kind == Value::Kind::Number);
  CHECK(param_of(board, "cpu0", "clock_hz").number == 50e6);
  CHECK(board.desc.clock_hz == 1e6);
}

TEST_CASE("bad -p overrides name the override", "[overrides]") {
  BoardFiles files;
  const std::string path = files.write("b.lua", kBoard);
  CHECK(problems_of(path, with_overrides({"uart0.base=abc"})) ==
        "-p uart0.base=abc: uart0.base: expected an integer, got string \"abc\"\n");
  CHECK(problems_of(path, with_overrides({"firmwre=x.elf"})) ==
        "-p firmwre=x.elf: no board parameter or board field \"firmwre\" (did you mean "
        "\"firmware\"?)\n");
  CHECK(problems_of(path, with_overrides({"uart9.backend=stdio"})) ==
        "-p uart9.backend=stdio: no component \"uart9\" in this board (did you mean \"uart0\"?)\n");
  CHECK(problems_of(path, with_overrides({"uart0.bakend=stdio"})) ==
        "-p uart0.bakend=stdio: uart0.bakend: unknown parameter for device type \"cmsdk-uart\" "
        "(did you mean \"backend\"?)\n");
  CHECK(problems_of(path, with_overrides({"cpu0.model=cortex-m7"})) ==
        "-p cpu0.model=cortex-m7: cpu0.model: unknown cpu model \"cortex-m7\" (known: "
        "cortex-m3, cortex-m4)\n");
  CHECK(problems_of(path, with_overrides({"clock_hz=fast"})) ==
        "-p clock_hz=fast: clock_hz: expected a number, got string \"fast\"\n");
}

TEST_CASE("a board extends another, replacing, patching and removing fields", "[extends]") {
  BoardFiles files;
  files.write("base.lua", kBoard);
  const std::string path = files.write("derived.lua", R"lua(return board {
  extends = "base.lua",
  name = "derived",
  uart0 = { backend = "file:console.txt", irq = none },
  uart1 = none,
  timer0 = device { type = "cmsdk-timer", base = 0x40000000, irq = { "cpu0", 8 } },
  cpu0 = cpu { model = "cortex-m4" },
}
)lua");
  const LoadedBoard board = load_good(path);
  CHECK(board.desc.name == "derived");
  CHECK(board.desc.clock_hz == 25e6);  // inherited
  std::vector<std::string> names;
  for (const auto& component : board.desc.components) names.push_back(component.name);
  // Replaced components keep the base's place; new ones come after the base's.
  CHECK(names == std::vector<std::string>{"cpu0", "rom", "uart0", "timer0"});
  CHECK(board.desc.components[0].type == "cortex-m4");
  CHECK(board.desc.components[0].where.str() == path + ":7");
  const ComponentDesc& uart0 = board.desc.components[2];
  CHECK(uart0.params.at("backend").string == "file:console.txt");
  CHECK(uart0.params.at("backend").where.str() == path + ":4");  // the patch's line
  CHECK(uart0.params.at("base").where.str() == files.folder() + "/base.lua:6");
  CHECK(uart0.params.count("irq") == 0);
  // The base's default path stays relative to the base's folder.
  CHECK(param_of(board, "rom", "image").string == files.folder() + "/default.elf");
}

TEST_CASE("extends errors name the derived board's line", "[extends]") {
  BoardFiles files;
  files.write("base.lua", kBoard);
  const std::string missing =
      files.write("missing.lua", "\nreturn board { extends = \"nope.lua\", name = \"x\" }\n");
  CHECK(problems_of(missing) == missing + ":2: board.extends: no \"nope.lua\" next to " + missing +
                                    " or in " + ANVIL_BOARDS_DIR +
                                    " (board files can only load other board files)\n");
  const std::string patch = files.write(
      "patch.lua",
      "return board {\n  extends = \"base.lua\",\n  uart7 = { backend = \"stdio\" },\n}\n");
  CHECK(problems_of(patch) ==
        patch +
            ":3: uart7: expected a component (cpu { ... }, memory { ... } or device { ... }), "
            "got a plain table\n");
  const std::string self = files.write("self.lua", "return board { extends = \"self.lua\" }\n");
  CHECK(problems_of(self) == self + ":1: board.extends: " + self + " includes itself\n");
}

}  // namespace
}  // namespace anvil::test
