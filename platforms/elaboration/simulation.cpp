#include "platforms/simulation.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include <systemc>
#include <tlm>

#include "platforms/elaboration/platform.h"

namespace anvil {

namespace {
// ARCHITECTURE.md "Time": each core may run this far ahead of SystemC time (docs/timing.md).
constexpr double kDefaultQuantumSeconds = 1e-3;
}  // namespace

Simulation::Simulation(const BoardDesc& board, const Registry& registry, const RunOptions& options)
    : options_(options) {
  // SystemC's banner and "simulation stopped" notes would land in the guest's output.
  ::setenv("SYSC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  const double quantum = options_.quantum_seconds.value_or(kDefaultQuantumSeconds);
  if (!(quantum > 0)) throw std::invalid_argument("the quantum must be positive");
  tlm::tlm_global_quantum::instance().set(sc_core::sc_time(quantum, sc_core::SC_SEC));
  platform_ = std::make_unique<Platform>("platform", board, registry, options_);
}

Simulation::~Simulation() = default;

Platform& Simulation::platform() {
  return *platform_;
}

std::string Simulation::describe() const {
  return platform_->describe();
}

RunResult Simulation::run() {
  if (sc_core::sc_end_of_simulation_invoked() || sc_core::sc_time_stamp() != sc_core::SC_ZERO_TIME)
    throw std::logic_error("Simulation::run() can only be called once per process");
  const auto host_start = std::chrono::steady_clock::now();
  platform_->prepare_run();
  if (options_.max_seconds)
    sc_core::sc_start(sc_core::sc_time(*options_.max_seconds, sc_core::SC_SEC));
  else
    sc_core::sc_start();

  RunResult result{};
  if (platform_->ended()) {
    result = platform_->outcome();
  } else if (options_.max_seconds) {
    // Either the limit was reached or nothing was left to happen before it (every core
    // asleep): time would have run to the limit either way.
    result.reason = RunResult::Reason::TimeLimit;
    result.message = "time limit of " + std::to_string(*options_.max_seconds) + " s reached";
  } else {
    result.reason = RunResult::Reason::Lockup;
    result.message = "deadlock: every core is asleep and no event is pending";
  }
  double simulated = sc_core::sc_time_stamp().to_seconds();
  for (CpuModule* cpu : platform_->cpus()) {
    simulated = std::max(simulated, cpu->local_time().to_seconds());
    result.instructions += cpu->core().instruction_count();
  }
  if (options_.max_seconds && simulated > *options_.max_seconds) simulated = *options_.max_seconds;
  result.simulated_seconds = simulated;
  if (!platform_->cpus().empty()) result.cycles = platform_->cpus().front()->core().cycle_count();
  result.host_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - host_start).count();
  if (options_.live_status) std::fputs("\n", stderr);
  std::fflush(nullptr);  // backends' files and stdout hold everything the guest wrote
  return result;
}

}  // namespace anvil
