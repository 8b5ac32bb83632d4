// Simulation: one elaborated board, ready to run. The CLI, the Python module and the tests
// all go through this; it hides SystemC (one Simulation per process: the SystemC kernel
// cannot be restarted).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cores/common/types.h"
#include "platforms/board.h"
#include "platforms/registry.h"

namespace anvil {

struct TraceFlags {
  bool insn = false;  // every instruction: core, pc, encoding, disassembly if available
  bool mem = false;   // every data access that leaves the core
  bool irq = false;   // exceptions and interrupts taken
};

// What `anvil run --gdb` does when the GDB connection is lost without a detach or kill
// (docs/debugging.md).
enum class GdbDisconnect : std::uint8_t {
  Stop,      // the cores stay halted and the stub waits for a new connection
  Continue,  // as after a detach: the run goes on without a debugger
  Exit,      // the run ends as interrupted (exit status 130)
};

struct RunOptions {
  std::optional<double> quantum_seconds;   // default: 1 ms of simulated time (docs/timing.md)
  std::optional<double> max_seconds;       // simulated-time limit
  std::optional<std::uint64_t> max_insns;  // instruction limit, over all cores
  TraceFlags trace;
  std::string trace_file;           // empty: stderr
  std::string semihosting_root;     // directory semihosting file operations may use;
                                    // empty: file operations fail
  std::string semihosting_cmdline;  // SYS_GET_CMDLINE
  bool live_status = false;         // one-line status on stderr while running
  std::string gdb;                  // --gdb: "stdio" or [HOST:]PORT; empty: no stub
  bool wait_gdb = false;            // --wait-gdb: cores halt at reset until GDB resumes
  GdbDisconnect gdb_on_disconnect = GdbDisconnect::Stop;  // --gdb-on-disconnect
};

struct RunResult {
  enum class Reason { GuestExit, TimeLimit, InsnLimit, Lockup, Interrupted } reason;
  int exit_code = 0;    // the guest's, for GuestExit
  std::string message;  // for Lockup: what happened where
  double simulated_seconds = 0;
  std::uint64_t instructions = 0;
  Cycles cycles = 0;  // of the first core
  double host_seconds = 0;
};

class Platform;

class Simulation {
 public:
  // Validated board in, SystemC module tree out. Throws BoardError or ImageError.
  Simulation(const BoardDesc& board, const Registry& registry, const RunOptions& options);
  ~Simulation();
  RunResult run();
  // Memory map and IRQ wiring, human-readable (`anvil describe`).
  std::string describe() const;
  Platform& platform();

 private:
  std::unique_ptr<Platform> platform_;
  RunOptions options_;
};

}  // namespace anvil
