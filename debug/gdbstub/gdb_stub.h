// GdbStub: serves one GDB connection (GDB manual, appendix "Remote Serial Protocol") for a
// GdbTarget. Runs on the caller's thread: serve() reads packets, answers them, and while
// the target runs lets it poll the connection for Ctrl-C. All-stop mode only.
//
// Threads are cores: thread id = core index + 1. Registers are the core's register_info()
// in order, in the core's byte order; memory goes through the selected core's debug port.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "debug/gdbstub/byte_stream.h"
#include "debug/gdbstub/gdb_target.h"
#include "debug/gdbstub/rsp_connection.h"

namespace anvil {

class GdbStub {
 public:
  enum class SessionEnd : std::uint8_t {
    Detached,      // 'D': breakpoints removed, every core resumed; keep simulating
    Killed,        // 'k' / vKill: end the simulation
    TargetExited,  // the guest exited and GDB was told ('W')
    Disconnected,  // the connection closed
  };

  struct Breakpoint {
    BreakpointKind kind;
    Addr address;
    Addr length;
    bool operator==(const Breakpoint&) const = default;
  };

  // Throws std::invalid_argument if the target has no cores.
  GdbStub(GdbTarget& target, ByteStream& stream);

  // Answers packets until the session ends. The target is stopped on entry.
  SessionEnd serve();

  std::span<const Breakpoint> breakpoints() const { return breakpoints_; }
  const RspConnection& connection() const { return connection_; }

 private:
  // Replies; nullopt means "send nothing" ('k').
  std::optional<std::string> handle(std::string_view packet);
  std::string handle_query(std::string_view packet);
  std::string handle_verbose(std::string_view packet);

  // Run control (gdb_stub.cpp).
  std::string continue_or_step(std::string_view packet);
  std::string vcont(std::string_view packet);
  std::string resume_and_wait(const std::vector<ResumeAction>& actions);
  std::string stop_reply(const StopEvent& event) const;
  std::string set_thread(std::string_view packet);
  std::string breakpoint_packet(std::string_view packet);
  bool remove_all_breakpoints();
  std::string detach();

  // Data (gdb_stub_data.cpp).
  std::string read_registers();
  std::string write_registers(std::string_view packet);
  std::string read_one_register(std::string_view packet);
  std::string write_one_register(std::string_view packet);
  std::string read_memory(std::string_view packet);
  std::string write_memory_hex(std::string_view packet);
  std::string write_memory_binary(std::string_view packet);
  std::string flash_erase(std::string_view packet);
  std::string flash_write(std::string_view packet);
  std::string supported(std::string_view packet);
  std::string transfer(std::string_view packet);
  std::string monitor(std::string_view packet);
  std::string thread_extra_info(std::string_view packet);

  Core& selected_core() { return target_.core(general_thread_ - 1); }
  bool valid_thread(std::int64_t id) const {
    return id >= 1 && static_cast<std::uint64_t>(id) <= target_.core_count();
  }

  GdbTarget& target_;
  RspConnection connection_;
  std::vector<Breakpoint> breakpoints_;
  unsigned general_thread_ = 1;        // Hg: registers and memory
  std::int64_t continue_thread_ = -1;  // Hc: -1 all, else a thread id for s/c
  StopEvent last_stop_;
  bool gdb_reports_swbreak_ = false;  // GDB's qSupported said swbreak+ / hwbreak+
  bool gdb_reports_hwbreak_ = false;
  bool disable_acks_after_reply_ = false;
  std::optional<SessionEnd> end_;
};

}  // namespace anvil
