// The anvil command: argument parsing, time parsing, usage errors, and the commands that
// work without a simulator (boards, check, describe) plus run with a stand-in simulator.
#include <catch2/catch.hpp>
#include <sstream>

#include "board_files.h"
#include "platforms/cli/cli.h"
#include "platforms/cli/command_line.h"
#include "platforms/errors.h"
#include "test_registry.h"

namespace anvil::test {
namespace {

struct CliRun {
  int status = 0;
  std::string out, err;
};

CliRun run_anvil(const std::vector<std::string>& args,
                 std::function<RunResult(const BoardDesc&, const Registry&, const RunOptions&)>
                     simulator = nullptr) {
  std::ostringstream out, err;
  CliServices services;
  services.register_types = [](Registry& registry) { registry = make_test_registry(); };
  services.run = std::move(simulator);
  services.boards_dir = ANVIL_BOARDS_DIR;
  services.out = &out;
  services.err = &err;
  CliRun result;
  result.status = run_cli(args, services);
  result.out = out.str();
  result.err = err.str();
  return result;
}

TEST_CASE("durations parse with s, ms, us and ns", "[cli]") {
  CHECK(parse_duration("--max-time", "2s") == 2.0);
  CHECK(parse_duration("--max-time", "1ms") == Approx(1e-3));
  CHECK(parse_duration("--max-time", "10us") == Approx(1e-5));
  CHECK(parse_duration("--max-time", "100ns") == Approx(1e-7));
  CHECK(parse_duration("--max-time", "1.5 ms") == Approx(1.5e-3));
  CHECK_THROWS_WITH(parse_duration("--max-time", "10"),
                    "--max-time: expected a time such as 10us, 1ms or 2s (units: s, ms, us, ns), "
                    "got \"10\"");
  CHECK_THROWS_AS(parse_duration("--max-time", "10 parsecs"), UsageError);
  CHECK_THROWS_AS(parse_duration("--max-time", "ms"), UsageError);
  CHECK_THROWS_WITH(parse_duration("--max-time", "0s"),
                    "--max-time: must be more than zero, got \"0s\"");
}

TEST_CASE("a quantum is a duration or a number of cycles", "[cli]") {
  CHECK(*parse_quantum("10us").seconds == Approx(1e-5));
  CHECK_FALSE(parse_quantum("10us").cycles);
  CHECK(*parse_quantum("1 cycle").cycles == 1);
  CHECK(*parse_quantum("1000cycles").cycles == 1000);
  CHECK_THROWS_AS(parse_quantum("0cycles"), UsageError);
  CHECK_THROWS_AS(parse_quantum("1.5cycles"), UsageError);
}

TEST_CASE("trace kinds parse from a comma list", "[cli]") {
  const TraceFlags all = parse_trace("insn,mem,irq");
  CHECK((all.insn && all.mem && all.irq));
  const TraceFlags irq = parse_trace("irq");
  CHECK((!irq.insn && !irq.mem && irq.irq));
  CHECK_THROWS_WITH(parse_trace("insn,regs"),
                    "--trace: unknown kind \"regs\" (kinds: insn, mem, irq)");
}

TEST_CASE("anvil run's full command line", "[cli]") {
  const CommandLine line = parse_command_line({"run",
                                               "board.lua",
                                               "--firmware",
                                               "fw.elf",
                                               "-p",
                                               "uart0.backend=file:out.txt",
                                               "-pcpu0.model=cortex-m4",
                                               "--quantum=1ms",
                                               "--max-time",
                                               "2s",
                                               "--max-insns",
                                               "1000",
                                               "--trace",
                                               "insn,irq",
                                               "--trace-file",
                                               "t.txt",
                                               "--stats",
                                               "--semihosting-root",
                                               "/tmp",
                                               "--gdb",
                                               "127.0.0.1:1234",
                                               "--wait-gdb",
                                               "--gdb-on-disconnect=continue",
                                               "--",
                                               "a b",
                                               "--not-an-option"});
  CHECK(line.command == Command::Run);
  CHECK(line.boards == std::vector<std::string>{"board.lua"});
  REQUIRE(line.overrides.size() == 3);
  CHECK(line.overrides[0].key == "firmware");
  CHECK(line.overrides[0].value.string == "fw.elf");
  CHECK(line.overrides[0].origin == "--firmware fw.elf");
  CHECK(line.overrides[1].key == "uart0.backend");
  CHECK(line.overrides[2].value.string == "cortex-m4");
  CHECK(*line.quantum.seconds == Approx(1e-3));
  CHECK(*line.run.max_seconds == 2.0);
  CHECK(*line.run.max_insns == 1000);
  CHECK((line.run.trace.insn && !line.run.trace.mem && line.run.trace.irq));
  CHECK(line.run.trace_file == "t.txt");
  CHECK(line.stats);
  CHECK(line.run.semihosting_root == "/tmp");
  CHECK(line.run.gdb == "127.0.0.1:1234");
  CHECK(line.run.wait_gdb);
  CHECK(line.run.gdb_on_disconnect == GdbDisconnect::Continue);
  CHECK(line.guest_args == std::vector<std::string>{"a b", "--not-an-option"});
  CHECK(join_guest_args({"prog", "a b", "say \"hi\""}) == "prog \"a b\" \"say \\\"hi\\\"\"");
}

TEST_CASE("command-line mistakes exit with kExitUsage and say what is wrong", "[cli]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{}, "anvil: no command (commands: run, boards, describe, check)\n"},
      {{"runn", "x.lua"},
       "anvil: unknown command \"runn\" (commands: run, boards, describe, check)\n"},
      {{"run"}, "anvil: anvil run needs one board file\n"},
      {{"run", "x.lua", "--max-time"}, "anvil: --max-time needs a value\n"},
      {{"run", "x.lua", "--max-time", "5"},
       "anvil: --max-time: expected a time such as 10us, 1ms or 2s (units: s, ms, us, ns), got "
       "\"5\"\n"},
      {{"run", "x.lua", "--max-insns", "lots"},
       "anvil: --max-insns: expected a positive whole number, got \"lots\"\n"},
      {{"run", "x.lua", "--colour"}, "anvil: unknown option --colour\n"},
      {{"run", "x.lua", "--stats=yes"}, "anvil: --stats takes no value\n"},
      {{"run", "x.lua", "-p", "firmware"},
       "anvil: -p firmware: expected key=value, as in -p uart0.backend=stdio\n"},
      {{"run", "x.lua", "--wait-gdb"}, "anvil: --wait-gdb needs --gdb\n"},
      {{"run", "x.lua", "--waves", "x.ghw"},
       "anvil: --waves: expected a .vcd or .fst file name, got \"x.ghw\"\n"},
      {{"run", "x.lua", "--waves", "/no-such-folder/x.vcd"},
       "anvil: --waves: cannot write /no-such-folder/x.vcd: No such file or directory\n"},
      {{"run", "x.lua", "--gdb="}, "anvil: --gdb: expected stdio, PORT or HOST:PORT\n"},
      {{"run", "x.lua", "--gdb-on-disconnect", "exit"}, "anvil: --gdb-on-disconnect needs --gdb\n"},
      {{"run", "x.lua", "--gdb", "1234", "--gdb-on-disconnect", "pause"},
       "anvil: --gdb-on-disconnect: expected stop, continue or exit, got \"pause\"\n"},
      {{"describe", "x.lua", "--gdb", "1234"}, "anvil: --gdb is only for anvil run\n"},
      {{"check"}, "anvil: anvil check needs at least one board file\n"},
      {{"check", "x.lua", "--stats"}, "anvil: --stats is only for anvil run\n"},
      {{"describe", "a.lua", "b.lua"}, "anvil: anvil describe needs one board file\n"},
      {{"boards", "x"}, "anvil: anvil boards takes no arguments\n"},
      {{"--version", "x"}, "anvil: --version takes no arguments\n"},
  };
  for (const auto& [args, message] : cases) {
    const CliRun result = run_anvil(args);
    INFO("args: " << args.size());
    CHECK(result.status == kExitUsage);
    CHECK(result.err == message + "Try 'anvil --help'.\n");
  }
}

TEST_CASE("anvil --help and --version print to stdout and succeed", "[cli]") {
  const CliRun help = run_anvil({"--help"});
  CHECK(help.status == 0);
  CHECK_THAT(help.out, Catch::StartsWith("usage: anvil COMMAND"));
  const CliRun version = run_anvil({"--version"});
  CHECK(version.status == 0);
  CHECK_THAT(version.out, Catch::StartsWith("anvil "));
}

TEST_CASE("anvil check lists every problem and exits kExitBadBoard", "[cli]") {
  BoardFiles files;
  const std::string good = files.write(
      "good.lua", "return board { name = \"good\", cpu0 = cpu { model = \"cortex-m3\" } }\n");
  const std::string bad =
      files.write("bad.lua",
                  "return board {\n  name = \"bad\",\n  cpu0 = cpu { model = \"cortex-m33\" },\n"
                  "  t = device { type = \"cmsdk-timer\", base = \"0\" },\n}\n");
  const CliRun result = run_anvil({"check", good, bad});
  CHECK(result.status == kExitBadBoard);
  CHECK(result.out == good + ": ok\n");
  CHECK(result.err == "anvil: " + bad +
                          ":3: cpu0.model: unknown cpu model \"cortex-m33\" (known: cortex-m3, "
                          "cortex-m4)\n"
                          "anvil: " +
                          bad + ":4: t.base: expected an integer, got string \"0\"\n");
  CHECK(run_anvil({"check", good}).status == 0);
  // By name, from the boards folder, without its firmware parameter.
  const CliRun by_name = run_anvil({"check", "mps2-an385"});
  CHECK(by_name.err.empty());
  CHECK(by_name.status == 0);
}

TEST_CASE("anvil boards lists the shipped boards, not fragments", "[cli]") {
  const CliRun result = run_anvil({"boards"});
  CHECK(result.status == 0);
  CHECK_THAT(result.out, Catch::Contains("mps2-an385       ARM MPS2 with the AN385 FPGA image"));
  CHECK_THAT(result.out, !Catch::Contains("cmsdk"));
}

TEST_CASE("anvil describe prints the memory map and IRQ wiring", "[cli]") {
  const CliRun result = run_anvil({"describe", "mps2-an385", "--firmware", "fw.elf"});
  INFO(result.err);
  CHECK(result.status == 0);
  CHECK_THAT(result.out,
             Catch::Contains("  0x00000000-0x003fffff  4 MiB     ssram1     ram             "
                             "image=fw.elf\n"));
  CHECK_THAT(result.out, Catch::Contains("  0x40004000" + std::string(23, ' ') +
                                         "uart0      cmsdk-uart      backend=stdio\n"));
  CHECK_THAT(result.out, Catch::Contains("  cpu0  cortex-m3  clock_hz=25000000  irqs=32  "
                                         "priority_bits=3\n"));
  CHECK_THAT(result.out, Catch::StartsWith("mps2-an385 (" + std::string(ANVIL_BOARDS_DIR) +
                                           "/mps2-an385.lua)\n"));
  CHECK_THAT(result.out, Catch::Contains("  clock 25 MHz\n"
                                         "  board parameter firmware (-p firmware=VALUE)\n"));
  CHECK_THAT(result.out, Catch::Contains("  cpu0 irq 0   <- uart0.rx_irq\n"));
  CHECK_THAT(result.out, Catch::Contains("  cpu0 irq 21  <- uart4.tx_irq\n"));
}

TEST_CASE("anvil run hands the validated board and options to the simulator", "[cli]") {
  BoardDesc seen;
  RunOptions options_seen;
  auto simulator = [&](const BoardDesc& board, const Registry&, const RunOptions& options) {
    seen = board;
    options_seen = options;
    RunResult result;
    result.reason = RunResult::Reason::GuestExit;
    result.exit_code = 3;
    return result;
  };
  const CliRun result = run_anvil(
      {"run", "mps2-an385", "--firmware", "fw.elf", "--quantum", "250cycles", "--", "one", "two"},
      simulator);
  CHECK(result.status == 3);  // the guest's exit code
  CHECK(seen.name == "mps2-an385");
  CHECK(*options_seen.quantum_seconds == Approx(250 / 25e6));
  CHECK(options_seen.semihosting_cmdline == "fw.elf one two");
  CHECK_FALSE(options_seen.live_status);
}

TEST_CASE("anvil run maps run results and errors to exit statuses", "[cli]") {
  auto ending = [](RunResult::Reason reason) {
    return [reason](const BoardDesc&, const Registry&, const RunOptions&) {
      RunResult result;
      result.reason = reason;
      result.message = "HardFault with no handler at pc 0x00000100";
      result.instructions = 2'000'000;
      result.host_seconds = 0.5;
      return result;
    };
  };
  const std::vector<std::string> args{"run", "mps2-an385", "--firmware", "fw.elf"};
  CHECK(run_anvil(args, ending(RunResult::Reason::TimeLimit)).status == kExitTimeLimit);
  CHECK(run_anvil(args, ending(RunResult::Reason::InsnLimit)).status == kExitTimeLimit);
  const CliRun fault = run_anvil(args, ending(RunResult::Reason::Lockup));
  CHECK(fault.status == kExitGuestFault);
  CHECK(fault.err == "anvil: guest fault: HardFault with no handler at pc 0x00000100\n");
  const CliRun interrupted = run_anvil(args, ending(RunResult::Reason::Interrupted));
  CHECK(interrupted.status == 130);
  CHECK(interrupted.err ==
        "anvil: 2000000 instructions, 0 cycles, 0.000000 s simulated, 0.500 s host, 4.00 MIPS\n"
        "anvil: interrupted\n");
  auto bad_image = [](const BoardDesc&, const Registry&, const RunOptions&) -> RunResult {
    throw ImageError("fw.elf: not an ELF file");
  };
  const CliRun image = run_anvil(args, bad_image);
  CHECK(image.status == kExitBadImage);
  CHECK(image.err == "anvil: fw.elf: not an ELF file\n");
  // Without --firmware the board is incomplete: a bad board, before any simulation.
  const CliRun no_firmware = run_anvil({"run", "mps2-an385"}, ending(RunResult::Reason::GuestExit));
  CHECK(no_firmware.status == kExitBadBoard);
}

}  // namespace
}  // namespace anvil::test
