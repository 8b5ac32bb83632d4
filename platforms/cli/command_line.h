// The `anvil` command line as data (docs/cli.md): parsing only, no side effects, so every
// usage error is unit-testable.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "platforms/lua/board_file.h"
#include "platforms/simulation.h"

namespace anvil {

// A bad command line; `anvil` prints it and exits with kExitUsage.
struct UsageError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

enum class Command { Run, Boards, Describe, Check, Help, Version };

// --quantum: simulated time, or core clock cycles (converted once the board's clock is known).
struct Quantum {
  std::optional<double> seconds;
  std::optional<std::uint64_t> cycles;
};

struct CommandLine {
  Command command = Command::Help;
  std::vector<std::string> boards;      // run, describe: exactly one; check: one or more
  std::vector<Override> overrides;      // -p and --firmware, in order
  std::optional<std::string> firmware;  // --firmware F, also in overrides as firmware=F
  Quantum quantum;
  RunOptions run;  // everything but quantum, live_status and the cmdline
  bool stats = false;
  bool gdb_on_disconnect_given = false;  // --gdb-on-disconnect: only with --gdb
  std::vector<std::string> guest_args;   // after the board or after --
};

// `args` excludes the program name. Throws UsageError.
CommandLine parse_command_line(const std::vector<std::string>& args);

// "10us", "1.5 ms", "2s", "100ns" -> seconds. Throws UsageError naming `option`.
double parse_duration(const std::string& option, const std::string& text);
// A duration, or "1000cycles" / "1 cycle".
Quantum parse_quantum(const std::string& text);
// "insn,mem,irq" -> flags.
TraceFlags parse_trace(const std::string& text);
// The semihosting command line (SYS_GET_CMDLINE): arguments joined by spaces, each one that
// holds a space or quote in double quotes.
std::string join_guest_args(const std::vector<std::string>& args);

// The text `anvil --help` prints.
std::string usage_text();

}  // namespace anvil
