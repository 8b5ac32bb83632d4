// CpuModule: puts any Core on a TLM-2.0 bus. It owns the core's MemoryPort and serves its
// slow path (b_transport with the quantum keeper's local time, DMI requests, debug
// transport), and runs the core in an SC_THREAD one quantum at a time (loosely timed,
// temporally decoupled: docs/timing.md). A sleeping core waits for an interrupt or its next
// internal event without spinning the host. Nothing here reads the wall clock.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <unordered_set>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>
#include <systemc>
#include <tlm>

#include "cores/common/core.h"
#include "cores/common/memory_port.h"

namespace anvil {

// Instructions left for a run (--max-insns), shared by every core so the limit is exact over
// all of them.
struct InstructionBudget {
  std::uint64_t remaining = 0;
};

// Where traces go (--trace insn,mem,irq); null file: tracing off.
struct CpuTrace {
  std::FILE* insn = nullptr;
  std::FILE* mem = nullptr;
  std::FILE* irq = nullptr;
};

class CpuModule;

// A debugger's view of a core's thread (platforms/debugging): its hooks see every
// instruction and watched access, and pause_point() may hold the thread (it may call
// sc_core::wait) at each run boundary, which is where an all-stop debugger parks a core.
class CpuDebugger {
 public:
  virtual ~CpuDebugger() = default;
  virtual bool before_instruction(CpuModule& cpu, Addr pc) = 0;
  virtual bool data_access(CpuModule& cpu, Access kind, Addr addr, unsigned size) = 0;
  // Called in the core's thread between runs; a Stopped core is resumed by the debugger.
  virtual void pause_point(CpuModule& cpu) = 0;
};

class CpuModule : public sc_core::sc_module, public BusBackend, private Hooks {
 public:
  tlm_utils::simple_initiator_socket<CpuModule> socket;

  using CoreFactory = std::function<std::unique_ptr<Core>(MemoryPort&)>;
  // Why the core's thread ended.
  enum class Halt { Stopped, Lockup, BudgetExhausted, StopRequested };

  CpuModule(sc_core::sc_module_name name, sc_core::sc_time clock_period, std::endian guest_order,
            const CoreFactory& make_core);
  ~CpuModule() override;

  Core& core() { return *core_; }
  const Core& core() const { return *core_; }
  MemoryPort& memory() { return memory_; }
  const sc_core::sc_time& clock_period() const { return period_; }

  // An interrupt input changed level. Callable from any SystemC process, and from inside a
  // bus access the core itself made (a handler clearing its device's interrupt): the core
  // sees the new level at once, and a sleeping core wakes.
  void set_irq(unsigned line, bool level);

  // Set before simulation starts.
  void set_halt_handler(std::function<void(CpuModule&, Halt)> handler) {
    on_halt_ = std::move(handler);
  }
  void set_exit_handler(std::function<void(int)> handler) { on_exit_ = std::move(handler); }
  void set_instruction_budget(InstructionBudget* budget) { budget_ = budget; }
  void set_trace(const CpuTrace& trace);
  // Called after every quantum-keeper step (the status line uses it).
  void set_quantum_observer(std::function<void()> observer) { on_quantum_ = std::move(observer); }

  // Set before simulation starts. With a debugger a Stopped core waits in pause_point()
  // instead of ending the run.
  void set_debugger(CpuDebugger* debugger) { debugger_ = debugger; }
  // Whether before_instruction runs for the debugger (breakpoints, single steps).
  void set_debug_per_instruction(bool on);
  // Brings SystemC time up to the core's local time (a debugger stop reports it).
  void sync_local_time() { quantum_.sync(); }

  // Ends the core's thread at its next instruction boundary (simulation end).
  void stop();
  // Simulated time of this core: SystemC time plus the local offset it runs ahead.
  sc_core::sc_time local_time() const { return quantum_.get_current_time(); }

  // BusBackend
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override;
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override;
  void request_direct_access(MemoryPort& port, Addr addr, Access kind) override;

 private:
  SC_HAS_PROCESS(CpuModule);

  // The quantum keeper, exposing how far the core may run before it must sync.
  class QuantumKeeper : public tlm_utils::tlm_quantumkeeper {
   public:
    sc_core::sc_time remaining() const {
      const sc_core::sc_time now = get_current_time();
      return m_next_sync_point > now ? m_next_sync_point - now : sc_core::SC_ZERO_TIME;
    }
  };

  void run_thread();
  void sleep_until_woken();
  Cycles cycles_left_in_quantum() const;
  Cycles cycles_until_other_activity();
  void sync_before_access();
  void end_run_before_new_activity();
  void rebase_after_wait(const sc_core::sc_time& offset, const sc_core::sc_time& waited,
                         Cycles delay);
  void account(Cycles used);
  void halt(Halt why);
  sc_core::sc_time offset_in_quantum() const;
  void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);
  // `size` bytes in address order as the guest reads them (its byte order), for traces.
  std::uint64_t guest_value(const std::uint8_t* bytes, unsigned size) const;

  // Hooks
  bool before_instruction(Addr pc) override;
  bool data_access(Access kind, Addr addr, unsigned size) override;
  void update_hooks();
  void exit_requested(int code) override;
  void exception_taken(unsigned number, Addr return_address) override;

  sc_core::sc_time period_;
  MemoryPort memory_;
  std::unique_ptr<Core> core_;
  QuantumKeeper quantum_;
  sc_core::sc_event irq_event_;
  bool irq_changed_ = false;
  bool stopping_ = false;
  bool in_run_ = false;
  bool exact_ = false;                     // quantum no longer than a clock period: see transport()
  Cycles run_start_cycles_ = 0;            // core cycle count that local time is measured from
  sc_core::sc_time run_end_;               // absolute time the current run() may reach
  std::unordered_set<Addr> no_dmi_pages_;  // pages the bus refused DMI for
  InstructionBudget* budget_ = nullptr;
  CpuTrace trace_;
  CpuDebugger* debugger_ = nullptr;
  bool debug_per_instruction_ = false;
  std::function<void(CpuModule&, Halt)> on_halt_;
  std::function<void(int)> on_exit_;
  std::function<void()> on_quantum_;
};

}  // namespace anvil
