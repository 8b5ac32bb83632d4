// Loading board files: what a good file becomes, and how Lua errors and sandbox escapes are
// reported. Expected values come from the board texts written in each test.
#include <catch2/catch.hpp>

#include "board_files.h"

namespace anvil::test {
namespace {

const char* const kTinyBoard = R"lua(-- line 1
local uart_base = 0x40004000
return board {
  name = "tiny",
  description = "a test board",
  clock_hz = 25 * MHz,
  cpu0 = cpu { model = "cortex-m3", irqs = 32 },
  rom = memory { kind = "rom", base = 0, size = 64 * KiB, image = "fw.elf" },
  ram = memory {
    base = 0x20000000,
    size = 0.5 * MiB,
  },
  uart0 = device { type = "cmsdk-uart", base = uart_base, irq = { "cpu0", 3 }, backend = "stdio" },
}
)lua";

TEST_CASE("a good board loads to the BoardDesc it describes", "[board]") {
  BoardFiles files;
  const std::string path = files.write("tiny.lua", kTinyBoard);
  const LoadedBoard loaded = load_board_file(path, {});  // not validated: values as written
  REQUIRE(loaded.problems.empty());
  const BoardDesc& board = loaded.desc;
  CHECK(board.name == "tiny");
  CHECK(loaded.description == "a test board");
  CHECK(board.clock_hz == 25e6);
  CHECK(board.file == path);
  CHECK(board.where.line == 3);  // `return board {` is a tail call; still its own line
  REQUIRE(board.components.size() == 4);

  const ComponentDesc& cpu0 = board.components[0];
  CHECK(cpu0.name == "cpu0");
  CHECK(cpu0.kind == "cpu");
  CHECK(cpu0.type == "cortex-m3");
  CHECK(cpu0.where.str() == path + ":7");
  CHECK(cpu0.params.at("irqs").integer == 32);
  CHECK(cpu0.params.count("model") == 0);

  const ComponentDesc& rom = board.components[1];
  CHECK(rom.name == "rom");
  CHECK(rom.type == "rom");
  CHECK(rom.params.at("size").integer == 65536);
  CHECK(rom.params.at("image").string == "fw.elf");  // validation resolves it

  const ComponentDesc& ram = board.components[2];
  CHECK(ram.type == "ram");  // memory kind defaults to ram
  CHECK(ram.where.line == 9);
  CHECK(ram.params.at("base").integer == 0x20000000);
  CHECK(ram.params.at("base").where.line == 10);  // each field on its own line
  CHECK(ram.params.at("size").where.line == 11);
  CHECK(ram.params.at("size").kind == Value::Kind::Number);  // 0.5 * MiB is a Lua float
  CHECK(ram.params.at("size").number == 524288.0);

  const ComponentDesc& uart0 = board.components[3];
  CHECK(uart0.type == "cmsdk-uart");
  CHECK(uart0.params.at("base").integer == 0x40004000);
  const Value& irq = uart0.params.at("irq");
  REQUIRE(irq.kind == Value::Kind::List);
  REQUIRE(irq.list.size() == 2);
  CHECK(irq.list[0].string == "cpu0");
  CHECK(irq.list[1].integer == 3);
  CHECK(uart0.params.at("backend").where.line == 13);
}

TEST_CASE("validation normalizes numbers and resolves paths next to the board", "[board]") {
  BoardFiles files;
  const std::string path = files.write("sub/tiny.lua", kTinyBoard);
  LoadedBoard loaded = load_good(path);
  CHECK(loaded.desc.components[1].params.at("image").string == files.folder() + "/sub/fw.elf");
  CHECK(loaded.desc.components[2].params.at("size").kind == Value::Kind::Integer);
  CHECK(loaded.desc.components[2].params.at("size").integer == 512 * 1024);
}

TEST_CASE("components keep board-file order, also when built in a loop", "[board]") {
  BoardFiles files;
  const std::string path = files.write("loop.lua", R"lua(
local b = { name = "loop", cpu0 = cpu { model = "cortex-m3" } }
for i = 0, 3 do
  b["timer" .. i] = device { type = "cmsdk-timer", base = 0x40000000 + i * 0x1000 }
end
b.simctrl = device { type = "anvil-simctrl", base = 0x400ff000 }
return board(b)
)lua");
  const LoadedBoard loaded = load_good(path);
  std::vector<std::string> names;
  for (const auto& component : loaded.desc.components) names.push_back(component.name);
  CHECK(names ==
        std::vector<std::string>{"cpu0", "timer0", "timer1", "timer2", "timer3", "simctrl"});
  CHECK(loaded.desc.components[3].params.at("base").integer == 0x40002000);
}

TEST_CASE("a Lua syntax error names the file and line", "[board][errors]") {
  BoardFiles files;
  const std::string path = files.write("broken.lua",
                                       "return board {\n  name = \"x\"\n"
                                       "  cpu0 = cpu { model = \"cortex-m3\" },\n}\n");
  CHECK(problems_of(path) == path + ":3: '}' expected (to close '{' at line 1) near 'cpu0'\n");
}

TEST_CASE("a Lua runtime error names the file and line", "[board][errors]") {
  BoardFiles files;
  const std::string path =
      files.write("boom.lua", "local x = 1\nerror(\"no such board revision\")\n");
  CHECK(problems_of(path) == path + ":2: no such board revision\n");
  const std::string nil_call = files.write("nil.lua", "\n\nlocal t = {}\nt.f()\n");
  CHECK(problems_of(nil_call) == nil_call + ":4: attempt to call a nil value (field 'f')\n");
}

TEST_CASE("a missing board file is reported, not a crash", "[board][errors]") {
  BoardFiles files;
  CHECK(problems_of(files.folder() + "/nope.lua") ==
        files.folder() + "/nope.lua: no such board file\n");
}

TEST_CASE("a file that does not return a board says so", "[board][errors]") {
  BoardFiles files;
  const std::string path = files.write("table.lua", "return { name = \"x\" }\n");
  CHECK(problems_of(path) ==
        path + ": the file must end with return board { ... }, but it returns table\n");
}

TEST_CASE("the sandbox refuses os, io, load and require of libraries", "[board][sandbox]") {
  BoardFiles files;
  const std::string sandbox_note =
      " is not available in board files (they run in a sandbox without os, io, debug, "
      "package, load, loadfile, dofile or print)\n";
  const std::string os = files.write("use_os.lua", "os.execute(\"touch /tmp/pwned\")\n");
  CHECK(problems_of(os) == os + ":1: \"os\"" + sandbox_note);
  const std::string io = files.write("use_io.lua", "\nlocal f = io.open(\"/etc/passwd\")\n");
  CHECK(problems_of(io) == io + ":2: \"io\"" + sandbox_note);
  const std::string load = files.write("load.lua", "load(\"return 1\")()\n");
  CHECK(problems_of(load) == load + ":1: \"load\"" + sandbox_note);
  const std::string dofile = files.write("dofile.lua", "dofile(\"/etc/passwd\")\n");
  CHECK(problems_of(dofile) == dofile + ":1: \"dofile\"" + sandbox_note);

  const std::string require_os = files.write("require.lua", "local os = require \"os\"\n");
  CHECK(problems_of(require_os) == require_os + ":1: require \"os\": no \"os.lua\" next to " +
                                       require_os + " or in " + ANVIL_BOARDS_DIR +
                                       " (board files can only load other board files)\n");
  const std::string escape = files.write("escape.lua", "return require \"../../etc/passwd\"\n");
  CHECK(problems_of(escape) ==
        escape +
            ":1: require \"../../etc/passwd\": only files next to the board or in the "
            "boards folder can be loaded (no absolute paths, no ..)\n");
  const std::string absolute = files.write("absolute.lua", "return require \"/etc/passwd\"\n");
  CHECK(problems_of(absolute) ==
        absolute +
            ":1: require \"/etc/passwd\": only files next to the board or in the "
            "boards folder can be loaded (no absolute paths, no ..)\n");
  const std::string dump = files.write("dump.lua", "string.dump(tostring)\n");
  CHECK(problems_of(dump) == dump + ":1: attempt to call a nil value (field 'dump')\n");
}

TEST_CASE("an endless loop in a board file stops with an error", "[board][sandbox]") {
  BoardFiles files;
  const std::string path = files.write("loop.lua", "while true do\nend\n");
  const std::string problems = problems_of(path);
  CHECK_THAT(problems, Catch::StartsWith(path + ":"));
  CHECK_THAT(problems, Catch::Contains("board file runs too long"));
}

TEST_CASE("a board file that allocates too much stops with an error", "[board][sandbox]") {
  BoardFiles files;
  const std::string path = files.write("hog.lua", "local s = string.rep(\"x\", 1 << 30)\n");
  CHECK(problems_of(path) == path + ": board file uses more than 256 MiB of memory\n");
}

TEST_CASE("a misspelt builtin name gets a suggestion", "[board][errors]") {
  BoardFiles files;
  const std::string path = files.write("typo.lua", R"lua(return board {
  name = "typo",
  cpu0 = cpu { model = "cortex-m3" },
  ram = memory { base = 0, size = 4 * MIB },
}
)lua");
  CHECK(problems_of(path) == path + ":4: unknown name \"MIB\" (did you mean \"MiB\"?)\n");
}

TEST_CASE("constructor misuse names the constructor and its line", "[board][errors]") {
  BoardFiles files;
  const std::string path = files.write("ctor.lua",
                                       "return board {\n  name = \"x\",\n"
                                       "  cpu0 = cpu \"cortex-m3\",\n}\n");
  CHECK(problems_of(path) ==
        path + ":3: cpu: expected a table of fields, as in cpu { model = \"cortex-m3\" }\n");
}

TEST_CASE("require loads shared fragments next to the board", "[board]") {
  BoardFiles files;
  files.write("parts.lua", R"lua(local parts = {}
function parts.timer(base) return device { type = "cmsdk-timer", base = base } end
return parts
)lua");
  const std::string path = files.write("uses.lua", R"lua(local parts = require "parts"
return board {
  name = "uses",
  cpu0 = cpu { model = "cortex-m3" },
  timer0 = parts.timer(0x40000000),
}
)lua");
  const LoadedBoard loaded = load_good(path);
  REQUIRE(loaded.desc.components.size() == 2);
  // The fragment's device{} is a tail call: the component is located in the board file.
  CHECK(loaded.desc.components[1].where.str() == path + ":5");
}

}  // namespace
}  // namespace anvil::test
