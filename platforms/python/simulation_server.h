// The simulation server: what runs in the child process behind each anvil.Simulation
// (docs/python.md). It loads and elaborates one board, then serves the wire protocol's
// requests from the GDB session's thread: the same all-stop machinery `anvil run --gdb`
// uses (GdbSession with a Driver instead of GDB), so breakpoints, stops and register and
// memory access behave exactly as under GDB.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace anvil {

struct ServerOptions {
  std::string board;                // a board file
  std::vector<std::string> params;  // "key=value", as `anvil run -p`
  std::string boards_dir;           // for `require` and `extends`
  std::optional<double> quantum_seconds;
  std::string semihosting_root;  // empty: semihosting file operations fail
};

// Loads the board, replies "ok" (or "error KIND MESSAGE" and returns), then serves requests
// from `in_fd` until "quit" or the end of input. Every host backend of the board becomes a
// "capture" backend unless a param sets it. Never throws; returns the process exit status.
int serve_simulation(const ServerOptions& options, int in_fd, int out_fd);

}  // namespace anvil
