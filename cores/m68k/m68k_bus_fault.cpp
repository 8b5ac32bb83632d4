// Bus faults on the 68020-68040 after the fault: faulted data writes continue as the manuals
// describe, reads restart. (The frames themselves: m68010_exceptions.cpp.)
//
// A data write that faults does not stop the instruction here: its later work never depends
// on a write, so the instruction completes and the write is reported at its end, which is
// what software sees of the 020/030 continuation (020 UM 6.4.4-6.4.5, the SSW DF
// bit) and of the 040's writeback slots (040 UM 8.4.6). 68020/68030: a format $A frame with
// the faulting instruction's PC, the SSW (DF set, R/W = write, SIZE, FC), the fault address
// and the data output buffer; RTE reruns the write from the frame while DF is set and skips
// it when software cleared DF, then continues after the instruction (the model's own
// continuation, keyed by the frame's address and PC). 68040: a format $7 frame with the
// next instruction's PC and the writes in WB3, WB2, WB1 (V set); RTE performs those still
// valid (software that did one clears its status, as Linux's do_040writebacks does).
// A faulted read restarts the instruction (format $B on the 020/030 with DF set; RTE with
// DF cleared makes the restarted read return the frame's data input buffer), so registers
// the instruction changed before that read (an (An)+ of an earlier operand) are not rolled
// back (HACK: the real 020/030 continue from their internal state; see docs/m68k.md).
#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

namespace {

// 020 UM 6.4.4, the special status word of formats $A/$B.
constexpr std::uint16_t kSswDataFault = 0x0100;  // DF: rerun the data cycle
constexpr std::uint16_t kSswRead = 0x0040;       // RW
// SIZE (bits 5-4): 01 byte, 10 word, 00 long.
std::uint16_t ssw_size_020(unsigned bytes) {
  return static_cast<std::uint16_t>(bytes == 1 ? 0x10 : bytes == 2 ? 0x20 : 0);
}
std::uint8_t size_from_ssw_020(std::uint16_t ssw) {
  const unsigned field = (ssw >> 4) & 3;
  return static_cast<std::uint8_t>(field == 1 ? 1 : field == 2 ? 2 : 4);
}

// 040 UM 8.4.6: SSW and writeback status SIZE (bits 6-5): 00 long, 01 byte, 10 word; the
// writeback status's V (bit 7) and TM (bits 2-0).
constexpr std::uint16_t kWritebackValid = 0x80;
std::uint16_t size_bits_040(unsigned bytes) {
  return static_cast<std::uint16_t>(bytes == 1 ? 0x20 : bytes == 2 ? 0x40 : 0);
}
std::uint8_t size_from_bits_040(std::uint16_t status) {
  const unsigned field = (status >> 5) & 3;
  return static_cast<std::uint8_t>(field == 1 ? 1 : field == 2 ? 2 : 4);
}

// Format $7 offsets (040 UM 8.4.6): the writeback slots, status words and address/data longs.
struct WritebackSlot {
  unsigned status, address, data;
};
constexpr WritebackSlot kWritebackSlots[] = {{14, 24, 28}, {16, 32, 36}, {18, 40, 44}};  // 3-1

// Format $A/$B offsets (020 UM 6.4.4-6.4.5).
constexpr unsigned kSsw020 = 10, kFaultAddress020 = 16, kDataOutput020 = 24, kDataInput020 = 44;

// Frames stacked while one is being stacked fault at once: a double fault.
struct StackingGuard {
  bool& flag;
  bool previous;
  explicit StackingGuard(bool& f) : flag(f), previous(f) { flag = true; }
  ~StackingGuard() { flag = previous; }
};

}  // namespace

std::uint32_t M68000Core::load_fault(std::uint32_t address, unsigned size, Space space) {
  InjectedRead& injected = bus_fault_.injected;
  if (injected.armed) {
    injected.armed = false;
    if (space == Space::Data && injected.instruction_pc == instruction_pc_ &&
        injected.address == address && injected.size == size)
      return injected.value;
  }
  bus_fault_.read_size = static_cast<std::uint8_t>(size);
  bus_error(address, false, space);
}

void M68000Core::store_fault(std::uint32_t address, unsigned size, std::uint32_t value) {
  BusFaultState& state = bus_fault_;
  if (linux_user_ || state.stacking || state.write_count == BusFaultState::kMaxWrites)
    bus_error(address, true, Space::Data);
  state.writes[state.write_count++] = {address, value, static_cast<std::uint8_t>(size),
                                       function_code(Space::Data)};
  // Reported when the instruction ends: the run loop leaves its fast path after an
  // instruction that left trace_pending_ set, and step() calls exception(kVectorTrace),
  // which takes these writes first (m68000_exceptions.cpp).
  if (!state.end_of_instruction_armed) state.trace_too = trace_pending_;
  state.end_of_instruction_armed = true;
  trace_pending_ = true;
  decoded_limit_.store(0, std::memory_order_relaxed);  // a decoded run ends with this instruction
}

bool M68000Core::take_faulted_writes(std::uint16_t old_sr) {
  BusFaultState& state = bus_fault_;
  const unsigned count = state.write_count;
  state.write_count = 0;
  if (count == 0) return false;
  const std::array<FaultedWrite, BusFaultState::kMaxWrites> writes = state.writes;
  stack_write_fault(writes[0], instruction_pc_, pc_ - 4,
                    std::span<const FaultedWrite>(writes.data() + 1, count - 1), old_sr);
  return true;
}

void M68000Core::stack_write_fault(const FaultedWrite& faulted, std::uint32_t stacked_pc,
                                   std::uint32_t resume_pc, std::span<const FaultedWrite> later,
                                   std::uint16_t old_sr) {
  BusFaultState& state = bus_fault_;
  const StackingGuard guard(state.stacking);
  trace_pending_ = false;
  set_sr(static_cast<std::uint16_t>((sr_ | kSupervisor) & ~(kTrace | kTraceFlow)));
  if (level_ == CpuLevel::M68040) {
    // The instruction is complete: the next instruction's PC; the writes wait in the slots.
    hooks_->exception_taken(kVectorBusError, resume_pc);
    push_frame(kFrameAccess040, kVectorBusError, resume_pc, old_sr);
    const std::uint32_t top = a[7];
    write(Size::Long, top + 8, faulted.address);
    write_word(top + 12, static_cast<std::uint16_t>(size_bits_040(faulted.size) |
                                                    (faulted.function_code & 7)));
    write(Size::Long, top + 20, faulted.address);
    for (unsigned i = 0; i <= later.size() && i < 3; ++i) {
      const FaultedWrite& w = i == 0 ? faulted : later[i - 1];
      const WritebackSlot& slot = kWritebackSlots[i];
      write_word(top + slot.status,
                 static_cast<std::uint16_t>(kWritebackValid | size_bits_040(w.size) |
                                            (w.function_code & 7)));
      write(Size::Long, top + slot.address, w.address);
      write(Size::Long, top + slot.data, w.value);
    }
    return load_vector_and_fill(kVectorBusError);
  }
  hooks_->exception_taken(kVectorBusError, stacked_pc);
  push_frame(kFrameShortBus, kVectorBusError, stacked_pc, old_sr);
  const std::uint32_t top = a[7];
  write_word(top + kSsw020, static_cast<std::uint16_t>(kSswDataFault | ssw_size_020(faulted.size) |
                                                       (faulted.function_code & 7)));
  write(Size::Long, top + kFaultAddress020, faulted.address);
  write(Size::Long, top + kDataOutput020, faulted.value);
  WriteContinuation& continuation = state.continuations[state.next_continuation];
  state.next_continuation = (state.next_continuation + 1) % state.continuations.size();
  continuation = {true, top, stacked_pc, resume_pc, {}, 0};
  for (const FaultedWrite& w : later)
    if (continuation.later_count < continuation.later.size())
      continuation.later[continuation.later_count++] = w;
  load_vector_and_fill(kVectorBusError);
}

bool M68000Core::store_now(const FaultedWrite& write) {
  const std::uint32_t at = write.address & address_mask_;
  if (write.size == 1)
    return memory_.store<std::uint8_t>(at, static_cast<std::uint8_t>(write.value));
  if (write.size == 2)
    return memory_.store<std::uint16_t>(at, static_cast<std::uint16_t>(write.value));
  return memory_.store<std::uint32_t>(at, write.value);
}

// RTE of a bus-fault frame, after it was popped and SR restored; `target` is the frame's PC.
// True when it continued the program itself; false: the caller jumps to `target` (a
// restart, or the 040's next instruction).
bool M68000Core::resume_after_bus_fault(std::uint32_t frame, unsigned format,
                                        std::uint32_t target) {
  const std::uint16_t sr_now = sr_;
  if (format == kFrameAccess040) {
    // 040 UM 8.4.6: the pending writebacks, WB3 first, that software left valid.
    for (unsigned i = 0; i < 3; ++i) {
      const WritebackSlot& slot = kWritebackSlots[i];
      const std::uint16_t status = read_word(frame + slot.status);
      if (!(status & kWritebackValid)) continue;
      const FaultedWrite w{read(Size::Long, frame + slot.address),
                           read(Size::Long, frame + slot.data), size_from_bits_040(status),
                           static_cast<std::uint8_t>(status & 7)};
      if (store_now(w)) continue;
      std::array<FaultedWrite, 2> rest{};
      unsigned rest_count = 0;
      for (unsigned j = i + 1; j < 3; ++j) {
        const std::uint16_t s = read_word(frame + kWritebackSlots[j].status);
        if (s & kWritebackValid)
          rest[rest_count++] = {read(Size::Long, frame + kWritebackSlots[j].address),
                                read(Size::Long, frame + kWritebackSlots[j].data),
                                size_from_bits_040(s), static_cast<std::uint8_t>(s & 7)};
      }
      stack_write_fault(w, target, target, std::span<const FaultedWrite>(rest.data(), rest_count),
                        sr_now);
      return true;
    }
    return false;
  }
  if (format == kFrameLongBus) {
    // A read software completed: DF cleared, the data in the data input buffer.
    const std::uint16_t ssw = read_word(frame + kSsw020);
    if ((ssw & kSswRead) && !(ssw & kSswDataFault) && !(ssw & 0xF000))
      bus_fault_.injected = {true, target, read(Size::Long, frame + kFaultAddress020),
                             size_from_ssw_020(ssw), read(Size::Long, frame + kDataInput020)};
    return false;
  }
  if (format != kFrameShortBus) return false;
  WriteContinuation* found = nullptr;
  for (WriteContinuation& c : bus_fault_.continuations)
    if (c.valid && c.frame_address == frame && c.stacked_pc == target) found = &c;
  if (!found) return false;  // not a write fault of this model's, or the PC was changed
  const WriteContinuation continuation = *found;
  found->valid = false;
  const std::uint16_t ssw = read_word(frame + kSsw020);
  std::array<FaultedWrite, 3> pending{};
  unsigned count = 0;
  if (ssw & kSswDataFault)  // rerun the faulted write as the frame now describes it
    pending[count++] = {read(Size::Long, frame + kFaultAddress020),
                        read(Size::Long, frame + kDataOutput020), size_from_ssw_020(ssw),
                        static_cast<std::uint8_t>(ssw & 7)};
  for (unsigned i = 0; i < continuation.later_count; ++i) pending[count++] = continuation.later[i];
  for (unsigned i = 0; i < count; ++i) {
    if (store_now(pending[i])) continue;
    stack_write_fault(pending[i], target, continuation.resume_pc,
                      std::span<const FaultedWrite>(pending.data() + i + 1, count - i - 1), sr_now);
    return true;
  }
  jump_fill_first(continuation.resume_pc);
  prefetch();
  return true;
}

}  // namespace anvil::m68k
