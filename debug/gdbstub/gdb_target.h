// GdbTarget: what the GDB stub needs from the platform. The stub speaks the protocol and
// keeps the breakpoint lists; the platform owns the cores, runs simulated time and applies
// breakpoints and watchpoints through its core hooks. Nothing here depends on SystemC, so
// unit tests implement it with a fake core.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cores/common/core.h"
#include "cores/common/types.h"

namespace anvil {

// What one core (one GDB thread) does on the next resume.
enum class ResumeAction : std::uint8_t {
  Stay,      // stays stopped ('t', or not named by the resume packet)
  Continue,  // runs until something stops the target
  Step,      // executes one instruction, then reports StopEvent::Reason::Stepped
};

// The five Z/z packet types, in protocol order (Z0..Z4): GDB manual, "Packets", Z0-Z4.
enum class BreakpointKind : std::uint8_t {
  Software,     // Z0: checked by the core's before_instruction hook; guest memory is never
                // modified (no BKPT is written), so the guest cannot see it
  Hardware,     // Z1
  WriteWatch,   // Z2
  ReadWatch,    // Z3
  AccessWatch,  // Z4
};

inline bool is_watchpoint(BreakpointKind kind) {
  return kind == BreakpointKind::WriteWatch || kind == BreakpointKind::ReadWatch ||
         kind == BreakpointKind::AccessWatch;
}

// Why the target stopped, as reported by wait_for_stop().
struct StopEvent {
  enum class Reason : std::uint8_t {
    Breakpoint,   // `address` is the pc; `kind` is Software or Hardware
    Watchpoint,   // `address` is the data address; `kind` is the watch type that fired.
                  // Report it with pc at the accessing instruction, before the access
                  // completes: GDB treats ARM watchpoints as non-steppable (it removes
                  // them, steps the instruction itself, then shows the stop), so a stop
                  // after the instruction appears one instruction late.
    Stepped,      // a Step action completed
    Interrupted,  // the interrupt callback returned true (GDB's Ctrl-C)
    Faulted,      // the core cannot go on (Cortex-M lockup); reported as SIGSEGV
    Exited,       // the guest ended the simulation with `exit_code`
  };
  Reason reason = Reason::Stepped;
  unsigned thread = 1;  // GDB thread id of the core that stopped (core index + 1)
  BreakpointKind kind = BreakpointKind::Software;
  Addr address = 0;
  int exit_code = 0;
};

// One entry of the memory map GDB reads with qXfer:memory-map:read (GDB manual, "Memory
// Map Format"). GDB writes flash regions with vFlashErase/vFlashWrite/vFlashDone.
struct MemoryRegion {
  enum class Type : std::uint8_t { Ram, Rom, Flash } type = Type::Ram;
  Addr start = 0;
  Addr length = 0;
  Addr flash_block_size = 0;  // erase block size, for Flash only
};

class GdbTarget {
 public:
  virtual ~GdbTarget() = default;

  // The <architecture> of target.xml ("arm"): a name GDB's `set architecture` accepts.
  virtual std::string_view architecture() const = 0;

  // Cores, each a GDB thread; thread id = index + 1. The count never changes.
  virtual std::size_t core_count() const = 0;
  virtual Core& core(std::size_t index) = 0;
  // Shown by `info threads` (qXfer:threads:read name attribute).
  virtual std::string core_name(std::size_t index) const { return "cpu" + std::to_string(index); }

  // Starts the cores: `actions` has one entry per core. The stub never passes an all-Stay
  // list. Returns at once; wait_for_stop() does the running.
  virtual void resume(std::span<const ResumeAction> actions) = 0;

  // Runs the resumed cores until something stops the target and returns why; every core is
  // stopped when it returns (all-stop mode). The target must call `interrupt_requested`
  // regularly (every few milliseconds of host time) and stop with Reason::Interrupted when
  // it returns true; the callback reads the connection, so call it from the stub's thread.
  virtual StopEvent wait_for_stop(const std::function<bool()>& interrupt_requested) = 0;

  // The stub keeps the lists and calls these once per distinct (kind, address, length).
  // `length` is the watched byte count for watchpoints and GDB's breakpoint "kind" (the
  // instruction size) for breakpoints. Return false if the target cannot apply it.
  virtual bool insert_breakpoint(BreakpointKind kind, Addr address, Addr length) = 0;
  virtual bool remove_breakpoint(BreakpointKind kind, Addr address, Addr length) = 0;

  // Regions for the GDB memory map; must not overlap.
  virtual std::vector<MemoryRegion> memory_regions() const = 0;

  // `monitor <command>` (qRcmd): reset, info, quantum, cycles. Returns the text to show
  // the user, or nullopt for a command the target does not know.
  virtual std::optional<std::string> monitor(std::string_view command) = 0;
};

}  // namespace anvil
