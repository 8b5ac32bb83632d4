// The `anvil` command: dispatch of parsed command lines (docs/cli.md). What it needs from the
// rest of Anvil comes in through CliServices, so tests run it without SystemC.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "platforms/board.h"
#include "platforms/lua/board_file.h"
#include "platforms/registry.h"
#include "platforms/simulation.h"

namespace anvil {

// A command that owns its own arguments (`anvil vectors`, `anvil user`): everything after the
// command word reaches `run` unparsed, and its return value is the exit status. Such commands
// live in their own libraries and are wired in by main.cpp when the build has them.
struct ToolCommand {
  std::string usage;  // one line for `anvil --help`: "anvil vectors --isa ISA FILE..."
  std::string summary;
  std::function<int(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)>
      run;
};

struct CliServices {
  // Fills the registry (register_builtin_types in the real program).
  std::function<void(Registry&)> register_types;
  // Elaborates and runs a validated board; throws BoardError or ImageError. Empty: this
  // build has no simulator, and `anvil run` says so.
  std::function<RunResult(const BoardDesc&, const Registry&, const RunOptions&)> run;
  std::string boards_dir;  // platforms/boards: board names, require and extends
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  bool stderr_is_terminal = false;           // live status while running
  std::map<std::string, ToolCommand> tools;  // by command word
};

// Runs one `anvil` invocation; `args` excludes the program name. Returns the exit status.
int run_cli(const std::vector<std::string>& args, const CliServices& services);

// A board file path for BOARD: the file itself if it exists, else NAME or NAME.lua in
// `boards_dir`, else BOARD unchanged (loading it then reports it missing).
std::string find_board_file(const std::string& board, const std::string& boards_dir);

// `anvil --help`: the built-in commands, then the tool commands this build has.
std::string usage_text(const std::map<std::string, ToolCommand>& tools);

// `anvil describe`: memory map and IRQ wiring of a validated board.
std::string describe_board(const LoadedBoard& board);

// `--stats`: one line.
std::string stats_text(const RunResult& result);

}  // namespace anvil
