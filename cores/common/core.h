// The Core API: the one ISA-neutral interface every CPU model implements, and the only way
// the CpuModule, the GDB stub, tracing, Python and user mode talk to a core.
// A core never calls SystemC.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cores/common/memory_port.h"
#include "cores/common/types.h"

namespace anvil {

// One register as a debugger sees it. target.xml is generated from these.
struct RegisterInfo {
  std::string name;         // "r0", "pc", "xpsr"
  unsigned bits;            // 32, 64, ...
  std::string gdb_feature;  // "org.gnu.gdb.arm.m-profile"
  std::string gdb_type;     // "int", "code_ptr", "data_ptr", "uint32"
  std::string group;        // "general", "system", "float"
};

// Addresses [base, base + size) that a core serves itself, before the bus.
struct PrivateRegion {
  Addr base;
  Addr size;
};

// Faults a core in Linux user mode reports through Hooks::user_fault, named by the signal
// Linux raises for them.
enum class UserFault : std::uint8_t {
  IllegalInstruction,  // SIGILL: undefined or privileged instruction
  SegmentationFault,   // SIGSEGV: no mapping, or a mapping without the permission
  BusError,            // SIGBUS: misaligned where the ISA faults on it
  ArithmeticError,     // SIGFPE: integer divide by zero where the ISA traps, FP traps enabled
  Breakpoint,          // SIGTRAP: BKPT/BREAK/TRAP instructions
};

// What a core is doing between calls to run().
enum class CoreState : std::uint8_t {
  Running,   // will execute when run() is called
  Sleeping,  // WFI/WFE/STOP: waits for an interrupt (or an internal timer, see next_wakeup)
  Stopped,   // a hook asked to stop (breakpoint, semihosting exit); run() returns at once
  Lockup,    // unrecoverable (e.g. Cortex-M fault in HardFault); needs reset
};

// Observers and services a core calls out to. Every method has a harmless default, so a
// core runs with no hooks at all.
class Hooks {
 public:
  virtual ~Hooks() = default;
  // Called before each instruction when the core's hook flags ask for it (tracing,
  // breakpoints). Return true to stop before the instruction executes.
  virtual bool before_instruction(Addr pc) {
    (void)pc;
    return false;
  }
  // A data access hit a page forced to the slow path for watching. Return true to stop
  // after the accessing instruction.
  virtual bool data_access(Access kind, Addr addr, unsigned size) {
    (void)kind, (void)addr, (void)size;
    return false;
  }
  // The guest asked to end the simulation (semihosting exit, simulator-control device).
  virtual void exit_requested(int code) { (void)code; }
  // An exception or interrupt was taken (for --trace irq).
  virtual void exception_taken(unsigned number, Addr return_address) {
    (void)number, (void)return_address;
  }

  // Linux user mode (platforms/user) only: a core built for user mode calls these instead of
  // taking the exception through its vectors, as the kernel would have.
  //
  // The guest executed its system-call instruction (ARM SVC, MIPS SYSCALL, m68k TRAP #0).
  // The pc already points past it, as the kernel sees it; the handler reads the number and
  // arguments and writes the results through Core::read_register/write_register. `immediate`
  // is the instruction's own operand where it has one (the OABI SVC number), else 0.
  // Return true to make run() return after this instruction (exit, execve, a stop request).
  virtual bool system_call(std::uint32_t immediate) {
    (void)immediate;
    return false;
  }
  // A synchronous fault that Linux turns into a signal. `pc` is the faulting instruction,
  // `address` the data address where there is one. The handler delivers the signal (writing
  // registers and the signal frame) or ends the program; run() returns when this returns true.
  virtual bool user_fault(UserFault fault, Addr pc, Addr address) {
    (void)fault, (void)pc, (void)address;
    return true;
  }
};

class Core {
 public:
  virtual ~Core() = default;

  virtual std::string_view model() const = 0;  // "cortex-m3"
  virtual std::string_view isa() const = 0;    // "arm"

  // Architectural reset (registers, exception state, fetch from the reset vector).
  virtual void reset() = 0;
  // Executes instructions until at least `budget` cycles are used, the core sleeps or stops.
  // Returns the cycles used (including bus wait states).
  virtual Cycles run(Cycles budget) = 0;
  // Executes exactly one instruction (or takes one pending exception). Returns cycles used.
  virtual Cycles step() = 0;

  virtual CoreState state() const = 0;
  // Leave Stopped (debugger continue); Sleeping cores stay asleep until an interrupt.
  virtual void resume() = 0;
  // Ask run() to return after the current instruction (thread-safe for the CLI's signal).
  virtual void request_stop() = 0;

  // Register access for debuggers, by index into register_info().
  virtual std::span<const RegisterInfo> register_info() const = 0;
  virtual std::uint64_t read_register(unsigned index) const = 0;
  virtual void write_register(unsigned index, std::uint64_t value) = 0;
  // The same for any width: `bytes` holds (RegisterInfo::bits + 7) / 8 bytes, least
  // significant first. Cores with registers wider than 64 bits (the 68881's 96-bit FPn)
  // override these; the defaults go through the 64-bit calls, zero-extending.
  virtual void read_register_bytes(unsigned index, std::span<std::uint8_t> bytes) const {
    const std::uint64_t value = read_register(index);
    for (std::size_t i = 0; i < bytes.size(); ++i)
      bytes[i] = i < 8 ? static_cast<std::uint8_t>(value >> (8 * i)) : std::uint8_t{0};
  }
  virtual void write_register_bytes(unsigned index, std::span<const std::uint8_t> bytes) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < bytes.size() && i < 8; ++i)
      value |= std::uint64_t{bytes[i]} << (8 * i);
    write_register(index, value);
  }
  virtual Addr pc() const = 0;

  // Interrupt inputs as numbered lines (level-sensitive; the core's interrupt controller
  // decides what a level means).
  virtual unsigned irq_line_count() const = 0;
  virtual void set_irq_line(unsigned line, bool level) = 0;

  // Cycles from now until an internal timer (e.g. SysTick) needs the core, or kNever.
  // A sleeping core's CpuModule waits at most this long for an external interrupt.
  virtual Cycles next_internal_event() const { return kNever; }
  // Advance internal timers by cycles spent asleep (no instructions executed).
  virtual void advance_idle(Cycles cycles) = 0;

  virtual Cycles cycle_count() const = 0;
  virtual std::uint64_t instruction_count() const = 0;

  // Hooks: before_instruction is only called while `per_instruction` is set, so the hot
  // loop pays nothing for tracing or breakpoints when none are active.
  virtual void set_hooks(Hooks* hooks, bool per_instruction) = 0;

  virtual MemoryPort& memory() = 0;
  // The address memory() takes for one a debugger names (GDB's addresses, Hooks::data_access):
  // the same on cores without address translation; MIPS maps kseg0/kseg1 to physical.
  virtual Addr debug_address(Addr address) const { return address; }
  // The address ranges (start, length) a debugger may name [physical, physical + size) by:
  // the range itself without address translation; MIPS adds its kseg0/kseg1 windows.
  virtual std::vector<std::pair<Addr, Addr>> debug_windows(Addr physical, Addr size) const {
    return {{physical, size}};
  }

  // Debugger access to registers the core maps into its own address space (Cortex-M's
  // System Control Space at 0xE000E000), which memory().debug_read cannot reach: they are
  // not on the bus. private_regions() lists them, for the debugger's memory map.
  // debug_access() reads or writes up to `size` bytes at `addr` (in address order, as
  // MemoryPort::debug_read) and returns how many it did, or nullopt when `addr` is not the
  // core's own (then use memory()). Reads have no side effects (a debug read of a register
  // that clears on read leaves it as it was); writes act as the guest's would.
  virtual std::span<const PrivateRegion> private_regions() const { return {}; }
  virtual std::optional<unsigned> debug_access(bool is_write, Addr addr, std::uint8_t* data,
                                               unsigned size) {
    (void)is_write, (void)addr, (void)data, (void)size;
    return std::nullopt;
  }
};

}  // namespace anvil
