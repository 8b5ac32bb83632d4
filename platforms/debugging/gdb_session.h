// GdbSession: the GDB stub on a running simulation (`anvil run --gdb`, docs/debugging.md).
// All-stop, and cooperative with SystemC: the stub is served from this module's own
// SC_THREAD, which blocks on the connection while the target is stopped, so no other
// process runs (every core is stopped). Resuming returns to the SystemC kernel; cores park
// in CpuModule's pause point whenever the session holds the simulation.
//
// Breakpoints are checked by the cores' before_instruction hook (on only while a breakpoint
// or a step is active); watchpoints force their pages to the slow path and use data_access.
// Guest memory is never modified.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <systemc>

#include "cores/systemc/cpu_module.h"
#include "debug/gdbstub/byte_stream.h"
#include "debug/gdbstub/debug_points.h"
#include "debug/gdbstub/gdb_stub.h"
#include "debug/gdbstub/gdb_target.h"
#include "platforms/simulation.h"

namespace anvil {

class GdbEndpoint;
class Platform;
class PollableStream;

class GdbSession : public sc_core::sc_module, public GdbTarget, private CpuDebugger {
 public:
  // Opens `transport` ("stdio" or [HOST:]PORT; a port waits for GDB to connect, telling
  // `log` where). With `wait_for_gdb` the cores stay at reset until GDB resumes them;
  // otherwise they run until GDB's first packet stops them. `on_disconnect` says what a lost
  // connection does (stdio cannot reconnect: Stop then acts as Exit). Call before sc_start.
  // Throws TransportError.
  GdbSession(sc_core::sc_module_name name, Platform& platform, const std::string& transport,
             bool wait_for_gdb, std::ostream& log,
             GdbDisconnect on_disconnect = GdbDisconnect::Stop);
  // The same all-stop session driven by a program instead of GDB (the Python module's
  // simulation server, platforms/python): the cores stay at reset, and `driver` runs in the
  // session's thread with the simulation stopped, driving it through the GdbTarget calls
  // (resume, wait_for_stop, breakpoints, core registers and memory) until it returns.
  using Driver = std::function<GdbStub::SessionEnd(GdbSession&)>;
  GdbSession(sc_core::sc_module_name name, Platform& platform, Driver driver);
  ~GdbSession() override;

  // A driver's own stop condition, checked before every instruction while set (an
  // instruction count, an expected output): when it returns true the target stops before
  // that instruction with Reason::Interrupted. Empty: none.
  void set_stop_condition(std::function<bool(CpuModule&)> condition);

  // GdbTarget
  std::string_view architecture() const override;
  std::size_t core_count() const override;
  Core& core(std::size_t index) override;
  std::string core_name(std::size_t index) const override;
  void resume(std::span<const ResumeAction> actions) override;
  StopEvent wait_for_stop(const std::function<bool()>& interrupt_requested) override;
  bool insert_breakpoint(BreakpointKind kind, Addr address, Addr length) override;
  bool remove_breakpoint(BreakpointKind kind, Addr address, Addr length) override;
  std::vector<MemoryRegion> memory_regions() const override;
  std::optional<std::string> monitor(std::string_view command) override;

 private:
  SC_HAS_PROCESS(GdbSession);

  void attach_to_cores();
  void serve_thread();
  void wait_for_first_packet();
  // After a lost connection: what --gdb-on-disconnect asks, or the session's end.
  std::optional<GdbStub::SessionEnd> after_disconnect();
  void finish(GdbStub::SessionEnd end);
  void record_stop(const StopEvent& event);
  void update_hooks();
  bool guest_exit(int code);
  std::size_t index_of(const CpuModule& cpu) const;
  std::string reset_text();
  std::string info_text() const;
  std::string cycles_text() const;

  // CpuDebugger
  bool before_instruction(CpuModule& cpu, Addr pc) override;
  bool data_access(CpuModule& cpu, Access kind, Addr addr, unsigned size) override;
  void pause_point(CpuModule& cpu) override;

  Platform& platform_;
  std::ostream& log_;
  GdbDisconnect on_disconnect_ = GdbDisconnect::Exit;
  std::unique_ptr<GdbEndpoint> endpoint_;   // null with a Driver
  std::unique_ptr<PollableStream> stream_;  // null with a Driver
  Driver driver_;
  std::function<bool(CpuModule&)> stop_condition_;
  DebugPoints points_;
  bool attached_ = true;  // the cores consult the session (until GDB detaches)
  bool halted_ = false;   // every core parks at its pause point
  std::optional<StopEvent> pending_stop_;
  std::vector<ResumeAction> actions_;
  std::vector<std::uint64_t> step_start_count_;
  std::vector<Addr> step_start_pc_;
  std::vector<bool> lockup_reported_;
  std::set<Addr> forced_pages_;

  // Watchpoints stop before the access (docs/debugging.md): while any is set, each core's
  // registers are saved before every instruction, and the old bytes of every store to a
  // watched page, so a hit can be undone to leave the core at the accessing instruction.
  struct Undo {
    // Before the instruction, each as Core::read_register_bytes gives it (any width).
    std::vector<std::vector<std::uint8_t>> registers;
    struct Store {
      Addr address;
      std::vector<std::uint8_t> old_bytes;
    };
    std::vector<Store> stores;  // of the instruction, in order
  };
  void save_for_undo(CpuModule& cpu, std::size_t index);
  void undo_watched_instruction(std::size_t index);
  std::vector<Undo> undo_;
  bool saving_for_undo_ = false;
  sc_core::sc_event stop_event_;
  sc_core::sc_event resume_event_;
};

}  // namespace anvil
