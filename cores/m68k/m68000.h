// Public entry to the cycle-exact Motorola 68000 core: its configuration, the bus-cycle log
// the vector runner compares, and the factory. Nothing of the interpreter's insides.
//
// Reference: M68000 Family Programmer's Reference Manual (M68000PM/AD), "PRM" below;
// M68000 8-/16-/32-Bit Microprocessors User's Manual (M68000UM/AD rev. 9), "UM" below.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cores/common/core.h"

namespace anvil::m68k {

// Function codes FC2..FC0 driven with every bus cycle (UM 3.7, Table 3-3).
enum FunctionCode : std::uint8_t {
  kUserData = 1,
  kUserProgram = 2,
  kSupervisorData = 5,
  kSupervisorProgram = 6,
  kCpuSpace = 7,  // interrupt acknowledge
};

// One entry of the bus-cycle log, as the SingleStepTests vectors record them.
enum class BusCycleKind : std::uint8_t {
  Idle = 0,  // internal cycles, no bus activity
  Write = 1,
  Read = 2,              // includes instruction fetches (told apart by function code)
  ReadModifyWrite = 3,   // TAS (the vectors log it as a read, idle cycles and a write)
  ReadAddressError = 4,  // a word or long read at an odd address, aborted (UM 6.3.9)
  WriteAddressError = 5,
  InterruptAcknowledge = 6,  // not in the vectors: the IACK cycle (UM 5.1.4)
};

struct BusCycle {
  BusCycleKind kind = BusCycleKind::Idle;
  std::uint8_t function_code = 0;
  bool upper_strobe = false;  // UDS: the byte at the even address
  bool lower_strobe = false;  // LDS: the byte at the odd address
  std::uint32_t address = 0;  // A23..A1, bit 0 clear
  std::uint16_t data = 0;     // the bytes on the strobed lanes, others zero
  Cycles start = 0;           // core cycle the bus cycle (or idle run) begins
  Cycles length = 0;          // in core clocks, wait states included
};

struct M68000Config {
  // "68000", "68010", "68020", "68030" or "68040" (m68k_variants.h).
  std::string model = "68000";
  // The FPU: empty for the variant's own (68020/68030: a 68882; 68040: its on-chip FPU;
  // 68000/68010: none), or "68881", "68882", "none" where the variant allows a choice.
  std::string fpu;
  // Keep the log of bus cycles (BusCycle) of the last step(); costs time, for the vectors.
  // (68000/68010 only: the 68020 and later have no bus-cycle model.)
  bool log_bus_cycles = false;
  // Linux user mode: TRAP #0 calls Hooks::system_call, faults call Hooks::user_fault instead
  // of taking their exception vectors (platforms/user serves them).
  bool linux_user = false;
};

// The architectural state the vectors (and debuggers) set and read directly.
struct M68000State {
  std::uint32_t d[8]{};
  std::uint32_t a[7]{};
  std::uint32_t usp = 0, ssp = 0;
  std::uint16_t sr = 0x2700;
  // As the vectors count it: the address of the next prefetch, i.e. the instruction
  // executing next + 4 once the queue is full.
  std::uint32_t pc = 0;
  std::uint16_t ird = 0;  // the opcode of the instruction executing next
  std::uint16_t irc = 0;  // the word after it
};

class M68000Core;  // m68000_core.h

// The 68000 as tools outside the Core API use it (the vector runner, the board).
class M68000 : public Core {
 public:
  virtual M68000State architectural_state() const = 0;
  // Sets registers and the prefetch queue as they are at an instruction boundary.
  virtual void set_architectural_state(const M68000State& state) = 0;
  virtual std::span<const BusCycle> bus_log() const = 0;
  virtual void clear_bus_log() = 0;
};

std::vector<std::string> m68k_models();  // "68000" ... "68040"
bool is_m68k_model(std::string_view model);

// Throws std::invalid_argument naming the model (or FPU) when it is unknown.
std::unique_ptr<M68000> create_m68000(const M68000Config& config, MemoryPort& memory);

}  // namespace anvil::m68k
