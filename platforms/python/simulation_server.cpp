#include "platforms/python/simulation_server.h"

#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "peripherals/common/hex.h"
#include "platforms/debugging/gdb_session.h"
#include "platforms/elaboration/platform.h"
#include "platforms/errors.h"
#include "platforms/lua/board_validator.h"
#include "platforms/python/wire_protocol.h"
#include "platforms/simulation.h"

namespace anvil {
namespace {

// A request the server refuses; its kind tells Python which exception to raise.
struct RequestError : std::runtime_error {
  RequestError(std::string error_kind, const std::string& message)
      : std::runtime_error(message), kind(std::move(error_kind)) {}
  std::string kind;  // "usage", "ended", "memory"
};

// What a "run" request stops at; unset parts do not stop it.
struct RunGoal {
  std::optional<std::uint64_t> instructions;  // total over all cores to stop at
  std::optional<Addr> pc;
  std::optional<sc_core::sc_time> deadline;  // simulated time
  StringBackend* output = nullptr;
  std::string pattern;
  std::size_t search_from = 0;
};

std::string seconds_text(double seconds) {
  char text[40];
  std::snprintf(text, sizeof text, "%.12g", seconds);
  return text;
}

double parse_seconds(const std::string& text) {
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !(seconds >= 0))
    throw RequestError("usage", "expected a time in seconds, got \"" + text + "\"");
  return seconds;
}

class SimulationServer {
 public:
  SimulationServer(Platform& platform, int in_fd, int out_fd, int console_fd)
      : platform_(platform), in_(in_fd), out_(out_fd), console_(console_fd) {}

  // The GdbSession driver: the simulation is stopped whenever this thread runs.
  GdbStub::SessionEnd serve(GdbSession& session) {
    session_ = &session;
    try {
      while (auto request = read_message(in_)) {
        if (!request->empty() && (*request)[0] == "quit") {
          write_message(out_, {"ok"});
          break;
        }
        write_message(out_, answer(*request));
      }
    } catch (const ProtocolError&) {
      // The Python side went away: end quietly.
    }
    return GdbStub::SessionEnd::Killed;
  }

 private:
  Message answer(const Message& request) {
    try {
      if (request.empty()) throw RequestError("usage", "empty request");
      return handle(request);
    } catch (const RequestError& e) {
      return {"error", e.kind, e.what()};
    } catch (const ProtocolError& e) {
      return {"error", "usage", e.what()};
    } catch (const std::exception& e) {
      return {"error", "internal", e.what()};
    }
  }

  Message handle(const Message& r) {
    const std::string& command = r[0];
    if (command == "run") return run(r);
    if (command == "cpus") return cpu_names();
    if (command == "registers") return register_names(cpu(argument(r, 1)));
    if (command == "read-register") return read_register(cpu(argument(r, 1)), argument(r, 2));
    if (command == "write-register")
      return write_register(cpu(argument(r, 1)), argument(r, 2), argument(r, 3));
    if (command == "read-memory")
      return read_memory(parse_number(argument(r, 1), "address"),
                         parse_number(argument(r, 2), "size"));
    if (command == "write-memory")
      return write_memory(parse_number(argument(r, 1), "address"), argument(r, 2));
    if (command == "uarts") return uart_names();
    if (command == "output") return {"ok", uart(argument(r, 1)).output()};
    if (command == "send") {
      uart(argument(r, 1)).push_input(argument(r, 2));
      return {"ok"};
    }
    if (command == "console") return {"ok", console_output()};
    if (command == "break-insert" || command == "break-remove")
      return breakpoint(command == "break-insert", parse_number(argument(r, 1), "address"));
    if (command == "stats") return stats();
    if (command == "describe") return {"ok", platform_.describe()};
    if (command == "interrupt") return {"ok"};  // it stopped the run it came during, if any
    throw RequestError("usage", "unknown request \"" + command + "\"");
  }

  static const std::string& argument(const Message& r, std::size_t index) {
    if (index >= r.size())
      throw RequestError("usage", r[0] + ": expected " + std::to_string(index) + " arguments");
    return r[index];
  }

  // ---- Running ----

  Message run(const Message& r) {
    if (!ended_.empty()) throw RequestError("ended", "the simulation has ended: " + ended_);
    RunGoal goal;
    if (!argument(r, 1).empty()) goal.instructions = parse_number(r[1], "instructions");
    if (!argument(r, 2).empty()) goal.pc = parse_number(r[2], "pc");
    if (!argument(r, 3).empty())
      goal.deadline = sc_core::sc_time(parse_seconds(r[3]), sc_core::SC_SEC);
    if (!argument(r, 4).empty()) {
      goal.output = &uart(r[4]);
      goal.pattern = argument(r, 5);
      goal.search_from = parse_number(argument(r, 6), "search start");
    }
    goal_ = goal;
    start_instructions_ = total_instructions();
    reason_.clear();
    if (goal_reached(nullptr)) return stop_reply(reason_, platform_.cpus().front(), "");

    if (auto stop = step_over_breakpoints()) return *stop;
    if (goal_reached(nullptr)) return stop_reply(reason_, platform_.cpus().front(), "");

    session_->set_stop_condition([this](CpuModule& cpu) { return goal_reached(&cpu); });
    std::vector<ResumeAction> all(platform_.cpus().size(), ResumeAction::Continue);
    session_->resume(all);
    // At each quantum boundary: the goal, and an "interrupt" from the Python side (Ctrl-C).
    const StopEvent event = session_->wait_for_stop(
        [this] { return goal_reached(nullptr) || (request_waiting() && reached("interrupted")); });
    session_->set_stop_condition(nullptr);
    return translate(event);
  }

  // Before an instruction (`cpu` set) or at a quantum boundary (null): records why in
  // reason_ when the goal is reached.
  bool goal_reached(CpuModule* cpu) {
    const RunGoal& g = goal_;
    if (g.instructions && total_instructions() >= *g.instructions) return reached("insns");
    if (cpu && g.pc && cpu->core().pc() == *g.pc && total_instructions() > start_instructions_)
      return reached("pc");
    if (g.output && g.output->output().size() >= g.search_from + g.pattern.size()) {
      const std::size_t found = g.output->output().find(g.pattern, g.search_from);
      if (found != std::string::npos) {
        match_end_ = found + g.pattern.size();
        return reached("output");
      }
    }
    if (g.deadline) {
      const sc_core::sc_time now = cpu ? cpu->local_time() : sc_core::sc_time_stamp();
      if (now >= *g.deadline) return reached("timeout");
    }
    return false;
  }

  bool request_waiting() const {
    pollfd input{in_, POLLIN, 0};
    return ::poll(&input, 1, 0) > 0;
  }

  bool reached(const char* why) {
    reason_ = why;
    return true;
  }

  // A core sitting on a breakpoint would stop there again at once: step it past first,
  // as GDB does (remove, step, insert again).
  std::optional<Message> step_over_breakpoints() {
    for (std::size_t i = 0; i < platform_.cpus().size(); ++i) {
      const Addr pc = platform_.cpus()[i]->core().pc();
      if (!breakpoints_.count(pc)) continue;
      session_->remove_breakpoint(BreakpointKind::Software, pc, 0);
      std::vector<ResumeAction> actions(platform_.cpus().size(), ResumeAction::Stay);
      actions[i] = ResumeAction::Step;
      session_->resume(actions);
      const StopEvent event = session_->wait_for_stop([] { return false; });
      session_->insert_breakpoint(BreakpointKind::Software, pc, 0);
      if (event.reason != StopEvent::Reason::Stepped) return translate(event);
    }
    return std::nullopt;
  }

  Message translate(const StopEvent& event) {
    CpuModule* cpu = platform_.cpus().at(event.thread - 1);
    switch (event.reason) {
      case StopEvent::Reason::Breakpoint:
        return stop_reply("breakpoint", cpu, number_text(event.address));
      case StopEvent::Reason::Exited:
        ended_ = "guest exited with code " + std::to_string(event.exit_code);
        return stop_reply("exit", cpu, std::to_string(event.exit_code));
      case StopEvent::Reason::Faulted: {
        ended_ = std::string(cpu->basename()) + ": lockup at pc " + hex(cpu->core().pc());
        return stop_reply("fault", cpu, ended_);
      }
      case StopEvent::Reason::Stepped:
        // A BKPT instruction halted the core (GdbSession reports it as a step).
        return stop_reply("bkpt", cpu, "");
      case StopEvent::Reason::Interrupted:
      case StopEvent::Reason::Watchpoint:
        break;
    }
    return stop_reply(reason_.empty() ? "interrupted" : reason_, cpu,
                      reason_ == "output" ? number_text(match_end_) : "");
  }

  Message stop_reply(const std::string& reason, CpuModule* cpu, const std::string& detail) {
    return {"stop", reason, cpu->basename(), number_text(cpu->core().pc()), detail};
  }

  std::uint64_t total_instructions() const {
    std::uint64_t total = 0;
    for (const CpuModule* cpu : platform_.cpus()) total += cpu->core().instruction_count();
    return total;
  }

  Message breakpoint(bool insert, Addr address) {
    if (insert && breakpoints_.insert(address).second)
      session_->insert_breakpoint(BreakpointKind::Software, address, 0);
    if (!insert && breakpoints_.erase(address))
      session_->remove_breakpoint(BreakpointKind::Software, address, 0);
    return {"ok"};
  }

  Message stats() {
    double simulated = sc_core::sc_time_stamp().to_seconds();
    for (const CpuModule* cpu : platform_.cpus())
      simulated = std::max(simulated, cpu->local_time().to_seconds());
    Message reply{"ok", seconds_text(simulated),
                  number_text(static_cast<std::uint64_t>(sc_core::sc_time_stamp().value()))};
    for (const CpuModule* cpu : platform_.cpus()) {
      reply.push_back(cpu->basename());
      reply.push_back(number_text(cpu->core().instruction_count()));
      reply.push_back(number_text(static_cast<std::uint64_t>(cpu->core().cycle_count())));
    }
    return reply;
  }

  // ---- Cores ----

  Message cpu_names() const {
    Message reply{"ok"};
    for (const CpuModule* cpu : platform_.cpus()) reply.push_back(cpu->basename());
    return reply;
  }

  CpuModule& cpu(const std::string& name) const {
    if (CpuModule* found = platform_.find_cpu(name)) return *found;
    std::string known;
    for (const CpuModule* c : platform_.cpus())
      known += (known.empty() ? "" : ", ") + std::string(c->basename());
    throw RequestError("usage", "no cpu named \"" + name + "\" (cpus: " + known + ")");
  }

  static Message register_names(CpuModule& cpu) {
    Message reply{"ok"};
    for (const RegisterInfo& info : cpu.core().register_info()) reply.push_back(info.name);
    return reply;
  }

  static unsigned register_index(CpuModule& cpu, const std::string& name) {
    const auto info = cpu.core().register_info();
    for (unsigned i = 0; i < info.size(); ++i)
      if (info[i].name == name) return i;
    std::string known;
    for (const RegisterInfo& r : info) known += (known.empty() ? "" : " ") + r.name;
    throw RequestError("usage", std::string(cpu.basename()) + " has no register \"" + name +
                                    "\" (registers: " + known + ")");
  }

  static Message read_register(CpuModule& cpu, const std::string& name) {
    return {"ok", number_text(cpu.core().read_register(register_index(cpu, name)))};
  }

  static Message write_register(CpuModule& cpu, const std::string& name, const std::string& value) {
    const unsigned index = register_index(cpu, name);
    cpu.core().write_register(index, parse_number(value, "register value"));
    return {"ok"};
  }

  // ---- Memory, through the first core's view of the bus (debug transport) ----

  Message read_memory(Addr address, std::uint64_t size) {
    // One reply carries it all: keep it well under the protocol's field limit.
    constexpr std::uint64_t kMaxRead = 64u << 20;
    if (size > kMaxRead)
      throw RequestError("usage", "read " + std::to_string(size) + " bytes in pieces of at most " +
                                      std::to_string(kMaxRead));
    std::string bytes(size, '\0');
    transfer(address, reinterpret_cast<std::uint8_t*>(bytes.data()), size, false);
    return {"ok", std::move(bytes)};
  }

  Message write_memory(Addr address, const std::string& data) {
    std::string copy = data;
    transfer(address, reinterpret_cast<std::uint8_t*>(copy.data()), copy.size(), true);
    return {"ok"};
  }

  void transfer(Addr address, std::uint8_t* data, std::uint64_t size, bool write) {
    MemoryPort& port = platform_.cpus().front()->memory();
    std::uint64_t done = 0;
    while (done < size) {
      const auto chunk = static_cast<unsigned>(std::min<std::uint64_t>(size - done, 1u << 20));
      const unsigned moved = write ? port.debug_write(address + done, data + done, chunk)
                                   : port.debug_read(address + done, data + done, chunk);
      if (moved == 0)
        throw RequestError("memory", std::string(write ? "cannot write" : "cannot read") +
                                         " memory at " + hex(address + done) + ": nothing is " +
                                         "mapped there (or it is a device)");
      done += moved;
    }
  }

  // ---- Host backends ----

  StringBackend& uart(const std::string& name) const {
    auto found = platform_.backends().find(name);
    auto* capture =
        found == platform_.backends().end() ? nullptr : dynamic_cast<StringBackend*>(found->second);
    if (!capture) {
      std::string known;
      for (const auto& [backend_name, backend] : platform_.backends())
        if (dynamic_cast<StringBackend*>(backend))
          known += (known.empty() ? "" : ", ") + backend_name;
      throw RequestError("usage", "no captured backend named \"" + name +
                                      "\" (captured: " + (known.empty() ? "none" : known) + ")");
    }
    return *capture;
  }

  Message uart_names() const {
    Message reply{"ok"};
    for (const auto& [name, backend] : platform_.backends())
      if (dynamic_cast<StringBackend*>(backend)) reply.push_back(name);
    return reply;
  }

  // What the guest wrote to the host's stdout (semihosting console): the child's stdout is
  // an in-memory file.
  std::string console_output() const {
    std::fflush(stdout);
    struct stat info {};
    if (console_ < 0 || ::fstat(console_, &info) != 0) return {};
    std::string text(static_cast<std::size_t>(info.st_size), '\0');
    const ssize_t got = ::pread(console_, text.data(), text.size(), 0);
    text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return text;
  }

  Platform& platform_;
  int in_, out_, console_;
  GdbSession* session_ = nullptr;
  std::set<Addr> breakpoints_;
  RunGoal goal_;
  std::uint64_t start_instructions_ = 0;
  std::string reason_;
  std::size_t match_end_ = 0;
  std::string ended_;  // why no more runs are possible; empty while the guest lives
};

// Every backend parameter the board leaves to its default or sets itself becomes "capture",
// unless a param names it.
void capture_backends(BoardDesc& board, const Registry& registry,
                      const std::vector<std::string>& params) {
  for (ComponentDesc& component : board.components) {
    const ModuleType* type = registry.find(component.kind, component.type);
    if (!type) continue;
    for (const ParamSpec& spec : type->params) {
      if (spec.name != "backend") continue;
      const std::string key = component.name + ".backend=";
      const bool overridden = std::any_of(params.begin(), params.end(),
                                          [&](const auto& p) { return p.rfind(key, 0) == 0; });
      if (overridden) continue;
      Value capture;
      capture.kind = Value::Kind::String;
      capture.string = "capture";
      capture.where = component.where;
      component.params[spec.name] = capture;
    }
  }
}

}  // namespace

int serve_simulation(const ServerOptions& options, int in_fd, int out_fd) {
  // The guest's own stdout (semihosting console, "stdio" backends a param asked for) goes to
  // an in-memory file the "console" request reads.
  const int console = ::memfd_create("anvil-console", 0);
  if (console >= 0) ::dup2(console, STDOUT_FILENO);
  Message failure;
  try {
    Registry registry;
    register_builtin_types(registry);
    BoardLoadOptions load;
    load.boards_dir = options.boards_dir;
    for (const std::string& param : options.params) load.overrides.push_back(parse_override(param));
    LoadedBoard board = load_valid_board(options.board, load, registry);
    capture_backends(board.desc, registry, options.params);
    RunOptions run;
    run.quantum_seconds = options.quantum_seconds;
    run.semihosting_root = options.semihosting_root;
    Simulation simulation(board.desc, registry, run);
    SimulationServer server(simulation.platform(), in_fd, out_fd, console);
    GdbSession session("python", simulation.platform(),
                       [&server](GdbSession& s) { return server.serve(s); });
    write_message(out_fd, {"ok", board.desc.name});
    simulation.run();
    return 0;
  } catch (const BoardError& e) {
    failure = {"error", "board", e.what()};
  } catch (const ImageError& e) {
    failure = {"error", "image", e.what()};
  } catch (const std::invalid_argument& e) {  // a malformed "key=value"
    failure = {"error", "board", e.what()};
  } catch (const ProtocolError&) {
    return 1;
  } catch (const std::exception& e) {
    failure = {"error", "internal", e.what()};
  }
  try {
    write_message(out_fd, failure);
  } catch (const ProtocolError&) {
  }
  return 1;
}

}  // namespace anvil
