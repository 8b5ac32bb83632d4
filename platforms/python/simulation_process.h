// SimulationProcess: the Python side's handle on one simulation server (simulation_server.h)
// in a child process. SystemC cannot restart its kernel within a process, so every
// anvil.Simulation forks a fresh child that elaborates and runs the board; this process
// never touches SystemC, and may create any number of simulations (docs/python.md).
#pragma once

#include <sys/types.h>

#include "platforms/python/simulation_server.h"
#include "platforms/python/wire_protocol.h"

namespace anvil {

class SimulationProcess {
 public:
  // Forks the server; does not wait for it. Throws std::runtime_error if fork fails.
  explicit SimulationProcess(const ServerOptions& options);
  ~SimulationProcess();
  SimulationProcess(const SimulationProcess&) = delete;
  SimulationProcess& operator=(const SimulationProcess&) = delete;

  // The server's first message: "ok BOARD-NAME", or "error KIND MESSAGE" (the child then
  // exits). Call once, first.
  Message ready();
  // One request, its reply. Throws ProtocolError when the child has gone (it crashed: the
  // message then says how it ended). While waiting, a signal calls `interrupted`; if it
  // returns true, the child is asked to stop a run in progress (which then replies with
  // reason "interrupted"), and the reply comes as usual.
  Message request(const Message& request, const std::function<bool()>& interrupted = {});
  // Ends the child ("quit", then waits for it). Safe to call twice.
  void close();
  bool running() const { return child_ > 0; }

 private:
  std::string how_child_ended();

  pid_t child_ = -1;
  int to_child_ = -1;
  int from_child_ = -1;
};

}  // namespace anvil
