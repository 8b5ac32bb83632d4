#include "platforms/cli/command_line.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>

namespace anvil {
namespace {

bool parse_decimal(std::string_view text, std::uint64_t& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// Splits "12.5ms" into the number and the unit after it (spaces allowed between).
bool split_quantity(const std::string& text, double& number, std::string_view& unit) {
  std::string_view rest = trim(text);
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
  if (error != std::errc() || end == rest.data()) return false;
  unit = trim(rest.substr(end - rest.data()));
  return true;
}

enum class Takes { Nothing, Value };

struct OptionInfo {
  Takes takes;
  bool run_only;
};

const std::map<std::string, OptionInfo>& known_options() {
  static const std::map<std::string, OptionInfo> options{
      {"-p", {Takes::Value, false}},
      {"--firmware", {Takes::Value, false}},
      {"--quantum", {Takes::Value, true}},
      {"--max-time", {Takes::Value, true}},
      {"--max-insns", {Takes::Value, true}},
      {"--trace", {Takes::Value, true}},
      {"--trace-file", {Takes::Value, true}},
      {"--stats", {Takes::Nothing, true}},
      {"--semihosting-root", {Takes::Value, true}},
      {"--waves", {Takes::Value, true}},
      {"--gdb", {Takes::Value, true}},
      {"--wait-gdb", {Takes::Nothing, true}},
      {"--gdb-on-disconnect", {Takes::Value, true}},
  };
  return options;
}

Command command_named(const std::string& word) {
  if (word == "run") return Command::Run;
  if (word == "boards") return Command::Boards;
  if (word == "describe") return Command::Describe;
  if (word == "check") return Command::Check;
  if (word == "help" || word == "--help" || word == "-h") return Command::Help;
  if (word == "--version") return Command::Version;
  throw UsageError("unknown command \"" + word + "\" (commands: run, boards, describe, check)");
}

void apply_option(CommandLine& line, const std::string& name, const std::string& value) {
  if (name == "-p") {
    try {
      line.overrides.push_back(parse_override(value));
    } catch (const std::invalid_argument& error) {
      throw UsageError(error.what());
    }
  } else if (name == "--firmware") {
    Override firmware = parse_override("firmware=" + value);
    firmware.value = Value{};  // a file name, whatever it looks like
    firmware.value.kind = Value::Kind::String;
    firmware.value.string = value;
    firmware.origin = "--firmware " + value;
    firmware.value.where = {firmware.origin, 0};
    line.firmware = value;
    line.overrides.push_back(firmware);
  } else if (name == "--quantum") {
    line.quantum = parse_quantum(value);
  } else if (name == "--max-time") {
    line.run.max_seconds = parse_duration(name, value);
  } else if (name == "--max-insns") {
    std::uint64_t count = 0;
    if (!parse_decimal(value, count) || count == 0) {
      throw UsageError("--max-insns: expected a positive whole number, got \"" + value + "\"");
    }
    line.run.max_insns = count;
  } else if (name == "--trace") {
    line.run.trace = parse_trace(value);
  } else if (name == "--trace-file") {
    line.run.trace_file = value;
  } else if (name == "--semihosting-root") {
    line.run.semihosting_root = value;
  } else if (name == "--waves") {
    const std::string extension = value.size() < 4 ? "" : value.substr(value.size() - 4);
    if (extension != ".vcd" && extension != ".fst")
      throw UsageError("--waves: expected a .vcd or .fst file name, got \"" + value + "\"");
    // Found out now rather than once the board is built and running.
    std::FILE* probe = std::fopen(value.c_str(), "w");
    if (!probe) throw UsageError("--waves: cannot write " + value + ": " + std::strerror(errno));
    std::fclose(probe);
    line.run.waves = value;
  } else if (name == "--stats") {
    line.stats = true;
  } else if (name == "--gdb") {
    if (value.empty()) throw UsageError("--gdb: expected stdio, PORT or HOST:PORT");
    line.run.gdb = value;
  } else if (name == "--wait-gdb") {
    line.run.wait_gdb = true;
  } else if (name == "--gdb-on-disconnect") {
    static const std::map<std::string, GdbDisconnect> modes{{"stop", GdbDisconnect::Stop},
                                                            {"continue", GdbDisconnect::Continue},
                                                            {"exit", GdbDisconnect::Exit}};
    const auto mode = modes.find(value);
    if (mode == modes.end()) {
      throw UsageError("--gdb-on-disconnect: expected stop, continue or exit, got \"" + value +
                       "\"");
    }
    line.run.gdb_on_disconnect = mode->second;
    line.gdb_on_disconnect_given = true;
  }
}

}  // namespace

double parse_duration(const std::string& option, const std::string& text) {
  double number = 0;
  std::string_view unit;
  static const std::map<std::string_view, double> scale{
      {"s", 1.0}, {"ms", 1e-3}, {"us", 1e-6}, {"ns", 1e-9}};
  if (!split_quantity(text, number, unit) || !scale.count(unit)) {
    throw UsageError(option + ": expected a time such as 10us, 1ms or 2s (units: s, ms, us, " +
                     "ns), got \"" + text + "\"");
  }
  if (!(number > 0)) throw UsageError(option + ": must be more than zero, got \"" + text + "\"");
  return number * scale.at(unit);
}

Quantum parse_quantum(const std::string& text) {
  double number = 0;
  std::string_view unit;
  Quantum quantum;
  if (split_quantity(text, number, unit) && (unit == "cycle" || unit == "cycles")) {
    if (number < 1 || number != static_cast<double>(static_cast<std::uint64_t>(number))) {
      throw UsageError("--quantum: expected a whole number of cycles, at least 1, got \"" + text +
                       "\"");
    }
    quantum.cycles = static_cast<std::uint64_t>(number);
  } else {
    quantum.seconds = parse_duration("--quantum", text);
  }
  return quantum;
}

TraceFlags parse_trace(const std::string& text) {
  TraceFlags flags;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string kind = text.substr(start, comma - start);
    if (kind == "insn")
      flags.insn = true;
    else if (kind == "mem")
      flags.mem = true;
    else if (kind == "irq")
      flags.irq = true;
    else
      throw UsageError("--trace: unknown kind \"" + kind + "\" (kinds: insn, mem, irq)");
    start = comma + 1;
  }
  return flags;
}

std::string join_guest_args(const std::vector<std::string>& args) {
  std::string line;
  for (const auto& arg : args) {
    if (!line.empty()) line += ' ';
    if (!arg.empty() && arg.find_first_of(" \t\"") == std::string::npos) {
      line += arg;
      continue;
    }
    line += '"';
    for (char c : arg) {
      if (c == '"' || c == '\\') line += '\\';
      line += c;
    }
    line += '"';
  }
  return line;
}

CommandLine parse_command_line(const std::vector<std::string>& args) {
  if (args.empty()) throw UsageError("no command (commands: run, boards, describe, check)");
  CommandLine line;
  line.command = command_named(args[0]);
  if (line.command == Command::Help || line.command == Command::Version) {
    if (args.size() > 1) throw UsageError(args[0] + " takes no arguments");
    return line;
  }
  bool options_ended = false;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || arg.empty() || arg[0] != '-' || arg == "-") {
      if (line.command == Command::Run && !line.boards.empty()) {
        line.guest_args.push_back(arg);
      } else if (options_ended && line.command != Command::Run) {
        throw UsageError("-- is only for anvil run (guest arguments)");
      } else {
        line.boards.push_back(arg);
      }
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    // "--name=value", "-pkey=value", or the value in the next argument.
    std::string name = arg, value;
    bool has_value = false;
    if (const size_t equals = arg.find('='); arg.rfind("--", 0) == 0 && equals != arg.npos) {
      name = arg.substr(0, equals);
      value = arg.substr(equals + 1);
      has_value = true;
    } else if (arg.rfind("-p", 0) == 0 && arg.size() > 2 && arg[2] != '-') {
      name = "-p";
      value = arg.substr(2);
      has_value = true;
    }
    auto option = known_options().find(name);
    if (option == known_options().end()) throw UsageError("unknown option " + name);
    if (option->second.run_only && line.command != Command::Run) {
      throw UsageError(name + " is only for anvil run");
    }
    if (line.command == Command::Boards) throw UsageError("anvil boards takes no options");
    if (option->second.takes == Takes::Nothing) {
      if (has_value) throw UsageError(name + " takes no value");
    } else if (!has_value) {
      if (i + 1 >= args.size()) throw UsageError(name + " needs a value");
      value = args[++i];
    }
    apply_option(line, name, value);
  }
  const char* command = args[0].c_str();
  switch (line.command) {
    case Command::Run:
    case Command::Describe:
      if (line.boards.size() != 1) {
        throw UsageError(std::string("anvil ") + command + " needs one board file");
      }
      break;
    case Command::Check:
      if (line.boards.empty()) throw UsageError("anvil check needs at least one board file");
      break;
    case Command::Boards:
      if (!line.boards.empty()) throw UsageError("anvil boards takes no arguments");
      break;
    default:
      break;
  }
  if (line.run.wait_gdb && line.run.gdb.empty()) throw UsageError("--wait-gdb needs --gdb");
  if (line.gdb_on_disconnect_given && line.run.gdb.empty()) {
    throw UsageError("--gdb-on-disconnect needs --gdb");
  }
  return line;
}

std::string usage_text() {
  return R"(usage: anvil COMMAND [ARGUMENTS]

  anvil run BOARD [options] [--] [GUEST ARGS...]   run a board until the guest exits
  anvil boards                                     list the boards in platforms/boards
  anvil describe BOARD [-p KEY=VALUE]...           print the memory map and IRQ wiring
  anvil check BOARD... [-p KEY=VALUE]...           validate board files, list every problem
  anvil --help | --version

BOARD is a board file, or the name of one in platforms/boards ("mps2-an385").

options (run; -p and --firmware also for describe and check):
  -p KEY=VALUE            set a board parameter (-p firmware=x.elf) or any component field
                          (-p uart0.backend=file:out.txt, -p cpu0.model=cortex-m4)
  --firmware FILE         the same as -p firmware=FILE
  --quantum TIME          how far a core may run ahead of the others: 10us, 1ms, 100cycles
  --max-time TIME         stop after this much simulated time (exit status 124)
  --max-insns N           stop after N instructions over all cores (exit status 124)
  --trace insn,mem,irq    trace instructions, memory accesses, interrupts
  --trace-file FILE       write the trace to FILE instead of stderr
  --stats                 print instructions, cycles, simulated and host time, MIPS at the end
  --semihosting-root DIR  the folder semihosting file operations may use
  --waves FILE.vcd|FILE.fst
                          record the RTL blocks' signals (docs/rtl-cosim.md)
  --gdb PORT|HOST:PORT|stdio
                          serve GDB's remote protocol (docs/debugging.md); a port waits for
                          GDB to connect (127.0.0.1 unless a host is given)
  --wait-gdb              with --gdb: the cores stay at reset until GDB resumes them
  --gdb-on-disconnect stop|continue|exit
                          with --gdb: when GDB goes away without detaching, keep the cores
                          halted and wait for a new GDB (stop, the default), run on without
                          a debugger (continue), or end the run with status 130 (exit)
  GUEST ARGS              the semihosting command line (SYS_GET_CMDLINE)

exit status: the guest's exit code; 64 bad command line, 65 bad board, 66 bad image,
70 guest fault, 124 time or instruction limit, 130 interrupted. See docs/cli.md.
)";
}

}  // namespace anvil
