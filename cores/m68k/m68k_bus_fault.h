// What the 68020-68040 model keeps about a bus fault between the exception and the RTE that
// ends its handler (m68k_bus_fault.cpp). The real CPUs keep this in the frame's internal
// words; the model keeps its own continuation, keyed by the frame's address and checked
// against the frame's contents, and the frame carries the fields software reads and edits
// (SSW, fault address, data output/input buffers; 68040: the writeback slots).
#pragma once

#include <array>
#include <cstdint>

namespace anvil::m68k {

// A data write that faulted: the instruction went on past it (its remaining work does not
// depend on a write), and the write is reported at the end of the instruction.
struct FaultedWrite {
  std::uint32_t address = 0;
  std::uint32_t value = 0;
  std::uint8_t size = 0;           // bytes: 1, 2 or 4
  std::uint8_t function_code = 0;  // 1 user data, 5 supervisor data
};

// 68020/68030: the frame of a faulted write (format $A) and what RTE does with it: rerun the
// write from the frame when SSW.DF is still set, skip it when software cleared DF, then do
// the instruction's later faulted writes and continue at `resume_pc`.
struct WriteContinuation {
  bool valid = false;
  std::uint32_t frame_address = 0;      // A7 when the frame was stacked
  std::uint32_t stacked_pc = 0;         // the frame's PC: a changed PC drops the continuation
  std::uint32_t resume_pc = 0;          // the instruction after the faulted one
  std::array<FaultedWrite, 2> later{};  // further faulted writes of the same instruction
  unsigned later_count = 0;
};

// 68020/68030: a read that software completed (DF cleared, the data in the frame's data input
// buffer): the instruction runs again and that read returns the buffer instead of a bus cycle.
struct InjectedRead {
  bool armed = false;
  std::uint32_t instruction_pc = 0;
  std::uint32_t address = 0;
  std::uint8_t size = 0;
  std::uint32_t value = 0;
};

struct BusFaultState {
  // Per instruction; one more faults at once. Three: the 68040 frame's writeback slots.
  static constexpr unsigned kMaxWrites = 3;
  std::array<FaultedWrite, kMaxWrites> writes{};  // this instruction's faulted writes
  unsigned write_count = 0;
  bool end_of_instruction_armed = false;  // the trace path reports them (m68k_bus_fault.cpp)
  bool trace_too = false;                 // the instruction was traced as well
  std::uint8_t read_size = 0;             // the faulted read's size, for the SSW
  // Frames whose handlers have not returned yet; a task switch in a handler can leave
  // several outstanding. The oldest is dropped when full (its RTE then restarts).
  std::array<WriteContinuation, 8> continuations{};
  unsigned next_continuation = 0;
  InjectedRead injected;
  bool stacking = false;  // writes while stacking a frame fault at once (a double fault)
};

}  // namespace anvil::m68k
