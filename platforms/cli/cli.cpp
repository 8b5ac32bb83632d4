#include "platforms/cli/cli.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <ostream>

#include "platforms/cli/command_line.h"
#include "platforms/errors.h"
#include "platforms/lua/board_validator.h"

#ifndef ANVIL_VERSION
#define ANVIL_VERSION "unknown"
#endif

namespace anvil {
namespace {

namespace fs = std::filesystem;

// Interrupted by SIGINT: the shell convention 128 + signal number.
constexpr int kExitInterrupted = 130;
// Errors nobody anticipated (a bug in Anvil), as EX_SOFTWARE.
constexpr int kExitInternal = 70;

class Cli {
 public:
  explicit Cli(const CliServices& services) : services_(services) {
    if (services_.register_types) services_.register_types(registry_);
  }

  int dispatch(const CommandLine& line) {
    switch (line.command) {
      case Command::Help:
        *services_.out << usage_text(services_.tools);
        return 0;
      case Command::Version:
        *services_.out << "anvil " << ANVIL_VERSION << "\n";
        return 0;
      case Command::Boards:
        return list_boards();
      case Command::Check:
        return check(line);
      case Command::Describe:
        return describe(line);
      case Command::Run:
        return run(line);
    }
    return kExitInternal;
  }

  void message(const std::string& text) {
    // Multi-line messages (every board problem) get the prefix on each line.
    size_t start = 0;
    while (start < text.size()) {
      size_t end = std::min(text.find('\n', start), text.size());
      *services_.err << "anvil: " << text.substr(start, end - start) << "\n";
      start = end + 1;
    }
  }

 private:
  BoardLoadOptions load_options(const CommandLine& line, bool require_params) const {
    BoardLoadOptions options;
    options.overrides = line.overrides;
    options.boards_dir = services_.boards_dir;
    options.require_params = require_params;
    return options;
  }

  LoadedBoard load(const CommandLine& line, const std::string& board, bool require_params) {
    return load_valid_board(find_board_file(board, services_.boards_dir),
                            load_options(line, require_params), registry_);
  }

  int list_boards() {
    std::vector<fs::path> files;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(services_.boards_dir, error)) {
      if (entry.path().extension() == ".lua") files.push_back(entry.path());
    }
    if (error) {
      message("cannot list " + services_.boards_dir + ": " + error.message());
      return kExitBadBoard;
    }
    std::sort(files.begin(), files.end());
    BoardLoadOptions options;
    options.boards_dir = services_.boards_dir;
    options.require_params = false;
    for (const auto& file : files) {
      LoadedBoard board = load_board_file(file.string(), options);
      if (board.evaluated && !board.is_board) continue;  // a shared fragment
      char row[256];
      if (!board.evaluated) {
        std::snprintf(row, sizeof row, "%-16s (does not load: anvil check %s)\n",
                      file.stem().c_str(), file.filename().c_str());
      } else {
        std::snprintf(row, sizeof row, "%-16s %s\n", board.desc.name.c_str(),
                      board.description.c_str());
      }
      *services_.out << row;
    }
    return 0;
  }

  int check(const CommandLine& line) {
    int status = 0;
    for (const auto& board : line.boards) {
      try {
        load(line, board, false);
        *services_.out << board << ": ok\n";
      } catch (const BoardError& error) {
        message(error.what());
        status = kExitBadBoard;
      }
    }
    return status;
  }

  int describe(const CommandLine& line) {
    LoadedBoard board = load(line, line.boards[0], false);
    *services_.out << describe_board(board);
    return 0;
  }

  int run(const CommandLine& line) {
    LoadedBoard board = load(line, line.boards[0], true);
    RunOptions options = line.run;
    options.quantum_seconds = line.quantum.seconds;
    if (line.quantum.cycles) {
      const double clock = first_cpu_clock(board.desc);
      if (clock <= 0) {
        throw UsageError("--quantum in cycles needs a clock, and " + board.desc.file +
                         " sets no clock_hz");
      }
      options.quantum_seconds = static_cast<double>(*line.quantum.cycles) / clock;
    }
    options.live_status = services_.stderr_is_terminal;
    std::vector<std::string> cmdline{line.firmware.value_or(board.desc.name)};
    cmdline.insert(cmdline.end(), line.guest_args.begin(), line.guest_args.end());
    options.semihosting_cmdline = join_guest_args(cmdline);
    if (!services_.run) {
      message("this build of anvil has no simulator (built without anvil_elaboration)");
      return kExitInternal;
    }
    const RunResult result = services_.run(board.desc, registry_, options);
    return finish(result, line, options);
  }

  int finish(const RunResult& result, const CommandLine& line, const RunOptions& options) {
    if (line.stats || result.reason == RunResult::Reason::Interrupted) {
      message(stats_text(result));
    }
    switch (result.reason) {
      case RunResult::Reason::GuestExit:
        return result.exit_code;
      case RunResult::Reason::TimeLimit:
        message("stopped at the simulated-time limit (--max-time " +
                std::to_string(options.max_seconds.value_or(0)) + " s)");
        return kExitTimeLimit;
      case RunResult::Reason::InsnLimit:
        message("stopped at the instruction limit (--max-insns " +
                std::to_string(options.max_insns.value_or(0)) + ")");
        return kExitTimeLimit;
      case RunResult::Reason::Lockup:
        message("guest fault: " + result.message);
        return kExitGuestFault;
      case RunResult::Reason::Interrupted:
        message("interrupted");
        return kExitInterrupted;
    }
    return kExitInternal;
  }

  // The first cpu's clock_hz, else the board's.
  static double first_cpu_clock(const BoardDesc& board) {
    for (const auto& component : board.components) {
      if (component.kind != "cpu") continue;
      auto clock = component.params.find("clock_hz");
      if (clock != component.params.end() && clock->second.kind == Value::Kind::Number) {
        return clock->second.number;
      }
      break;
    }
    return board.clock_hz;
  }

  const CliServices& services_;
  Registry registry_;
};

}  // namespace

std::string find_board_file(const std::string& board, const std::string& boards_dir) {
  std::error_code error;
  if (fs::is_regular_file(board, error) || board.find('/') != std::string::npos ||
      boards_dir.empty()) {
    return board;
  }
  for (const std::string& name : {board, board + ".lua"}) {
    const fs::path candidate = fs::path(boards_dir) / name;
    if (fs::is_regular_file(candidate, error)) return candidate.string();
  }
  return board;
}

std::string stats_text(const RunResult& result) {
  const double mips = result.host_seconds > 0
                          ? static_cast<double>(result.instructions) / result.host_seconds / 1e6
                          : 0.0;
  char text[256];
  std::snprintf(text, sizeof text,
                "%llu instructions, %llu cycles, %.6f s simulated, %.3f s host, %.2f MIPS",
                static_cast<unsigned long long>(result.instructions),
                static_cast<unsigned long long>(result.cycles), result.simulated_seconds,
                result.host_seconds, mips);
  return text;
}

std::string usage_text(const std::map<std::string, ToolCommand>& tools) {
  std::string text = usage_text();
  if (tools.empty()) return text;
  text += "\nmore commands in this build:\n";
  for (const auto& [word, tool] : tools) {
    text += "  " + tool.usage + "\n      " + tool.summary + "\n";
  }
  return text;
}

int run_cli(const std::vector<std::string>& args, const CliServices& services) {
  Cli cli(services);
  try {
    if (!args.empty()) {
      if (auto tool = services.tools.find(args[0]); tool != services.tools.end()) {
        return tool->second.run({args.begin() + 1, args.end()}, *services.out, *services.err);
      }
    }
    return cli.dispatch(parse_command_line(args));
  } catch (const UsageError& error) {
    cli.message(error.what());
    *services.err << "Try 'anvil --help'.\n";
    return kExitUsage;
  } catch (const BoardError& error) {
    cli.message(error.what());
    return kExitBadBoard;
  } catch (const ImageError& error) {
    cli.message(error.what());
    return kExitBadImage;
  } catch (const std::exception& error) {
    cli.message(std::string("internal error: ") + error.what());
    return kExitInternal;
  }
}

}  // namespace anvil
