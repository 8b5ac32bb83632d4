// Exception processing of the 68010 and later: the vector base register, stack frames
// that carry a format word, the 68020-68040 master and interrupt stacks, and RTE reading
// the frame back by its format.
//
// References: MC68020 User's Manual (020 UM) 6.4 "Exception Stack Frame Formats";
// MC68040 UM 8.4; PRM 6 (RTE). The bus/address error frames are built with the fields an
// operating system reads (status, fault address, data buffers); the internal registers the
// real CPUs stack to continue an instruction are zeros, and what RTE does with a bus-fault
// frame (continue after a faulted write, restart after a read) is m68k_bus_fault.cpp's.
#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

namespace {
// The size in bytes of each frame format's stack frame (020 UM Table 6-7; 040 UM Table 8-4;
// 68010 data sheet: format 8 is 29 words). 0: not a format this level stacks.
unsigned frame_bytes(unsigned format, CpuLevel level) {
  switch (format) {
    case kFrameNormal:
      return 8;
    case kFrameThrowaway:
      return level >= CpuLevel::M68020 ? 8 : 0;
    case kFrameInstruction:
      return level >= CpuLevel::M68020 ? 12 : 0;
    case kFrameFpPost040:
      return level == CpuLevel::M68040 ? 12 : 0;
    case kFrameFpUnimpl040:
      return level == CpuLevel::M68040 ? 16 : 0;
    case kFrameAccess040:
      return level == CpuLevel::M68040 ? 60 : 0;
    case kFrameBusError010:
      return level == CpuLevel::M68010 ? 58 : 0;
    case 9:  // coprocessor mid-instruction
      return level == CpuLevel::M68020 || level == CpuLevel::M68030 ? 20 : 0;
    case kFrameShortBus:
      return level == CpuLevel::M68020 || level == CpuLevel::M68030 ? 32 : 0;
    case kFrameLongBus:
      return level == CpuLevel::M68020 || level == CpuLevel::M68030 ? 92 : 0;
    default:
      return 0;
  }
}
}  // namespace

// The four-word frame, and the longs formats 2, 3 and 4 add (020 UM 6.4; 040 UM 8.4.2-8.4.4):
// from the top, SR, PC, format/vector offset, [instruction or effective address], [format 4:
// the faulted instruction's PC].
void M68000Core::push_frame(FrameFormat format, unsigned vector, std::uint32_t stacked_pc,
                            std::uint16_t old_sr, std::uint32_t address, std::uint32_t second) {
  const unsigned bytes = frame_bytes(format, level_);
  const bool was_stacking = bus_fault_.stacking;
  bus_fault_.stacking = true;  // a write fault here is a double fault, never deferred
  a[7] -= bytes;
  const std::uint32_t top = a[7];
  for (unsigned offset = 8; offset < bytes; offset += 2) write_word(top + offset, 0);
  if (format == kFrameInstruction || format == kFrameFpPost040 || format == kFrameFpUnimpl040)
    write(Size::Long, top + 8, address);
  if (format == kFrameFpUnimpl040) write(Size::Long, top + 12, second);
  write_word(top + 6, static_cast<std::uint16_t>((format << 12) | (vector * 4)));
  write(Size::Long, top + 2, stacked_pc);
  write_word(top, old_sr);
  bus_fault_.stacking = was_stacking;
}

// Bus and address errors (68010 format 8, 68020/68030 format A, 68040 format 7). The
// special status word carries R/W and the function code where each CPU puts them; the
// fault address sits where the manual shows it. Stacked PC: the faulting instruction.
void M68000Core::group0_exception_010() {
  const Fault fault = fault_;
  const unsigned vector = fault.bus_error ? kVectorBusError : kVectorAddressError;
  hooks_->exception_taken(vector, instruction_pc_);
  const std::uint16_t old_sr = sr_;
  set_sr(static_cast<std::uint16_t>((sr_ | kSupervisor) & ~(kTrace | kTraceFlow)));
  const bool read = !fault.write;
  // This fault ends the instruction: writes it deferred before are dropped with it (they
  // would have faulted first on the real CPUs only if they came first; see m68k_bus_fault.cpp).
  bus_fault_.write_count = 0;
  bus_fault_.end_of_instruction_armed = false;
  const bool was_stacking = bus_fault_.stacking;
  bus_fault_.stacking = true;  // a fault while stacking this frame is a double fault
  const bool long_frame =
      fault.bus_error && read && (level_ == CpuLevel::M68020 || level_ == CpuLevel::M68030);
  switch (long_frame ? CpuLevel::M68000 : level_) {
    case CpuLevel::M68000: {
      // 020 UM 6.4.5: a faulted read stacks the long frame $B: SSW with DF (a data read, rerun
      // by RTE) or FB/RB (an instruction fetch: stage B), RW, SIZE and FC; the fault address;
      // a fetch's address again as the stage B address. RTE restarts the instruction
      // (m68k_bus_fault.cpp says when the data input buffer stands in for the read).
      const bool program = (fault.function_code & 3) == 2;
      push_frame(kFrameLongBus, vector, instruction_pc_, old_sr);
      const unsigned size = program ? 2 : bus_fault_.read_size;
      const std::uint16_t size_bits = size == 1 ? 0x10 : size == 2 ? 0x20 : 0;
      write_word(a[7] + 10, static_cast<std::uint16_t>((program ? 0x5000 : 0x0100) | 0x0040 |
                                                       size_bits | (fault.function_code & 7)));
      write(Size::Long, a[7] + 16, fault.address);
      if (program) write(Size::Long, a[7] + 36, fault.address);
      break;
    }
    case CpuLevel::M68010:
      // 68010 data sheet, "Bus error stack frame": SSW at +8, fault address at +10.
      push_frame(kFrameBusError010, vector, instruction_pc_, old_sr);
      write_word(a[7] + 8, static_cast<std::uint16_t>((read ? 0x0100 : 0) | fault.function_code));
      write(Size::Long, a[7] + 10, fault.address);
      break;
    case CpuLevel::M68040:
      // 040 UM 8.4.6: effective address at +8, SSW at +12 (RW bit 8, TM bits 2-0), fault
      // address at +20.
      push_frame(kFrameAccess040, vector, instruction_pc_, old_sr);
      write(Size::Long, a[7] + 8, fault.address);
      write_word(a[7] + 12,
                 static_cast<std::uint16_t>((read ? 0x0100 : 0) | (fault.function_code & 7)));
      write(Size::Long, a[7] + 20, fault.address);
      break;
    default:
      // 020 UM 6.4.4: SSW at +10 (DF bit 8, RW bit 6, FC bits 2-0), fault address at +16.
      push_frame(kFrameShortBus, vector, instruction_pc_, old_sr);
      write_word(a[7] + 10, static_cast<std::uint16_t>(0x0100 | (read ? 0x0040 : 0) |
                                                       (fault.function_code & 7)));
      write(Size::Long, a[7] + 16, fault.address);
      break;
  }
  bus_fault_.stacking = was_stacking;
  load_vector_and_fill(vector);
}

// 020 UM 6.1.3: the interrupt frame goes on the active supervisor stack; with M set
// (68020, 68030, 68040) the CPU then clears M and leaves a throwaway copy on the interrupt stack.
void M68000Core::take_interrupt_010(unsigned level, int vector, std::uint32_t stacked_pc,
                                    std::uint16_t old_sr) {
  if (vector < 0) vector = kVectorAutovector + static_cast<int>(level);
  const auto number = static_cast<unsigned>(vector);
  set_sr(static_cast<std::uint16_t>(
      ((sr_ | kSupervisor) & ~(kTrace | kTraceFlow) & ~kInterruptMask) | (level << 8)));
  push_frame(kFrameNormal, number, stacked_pc, old_sr);
  if (sr_ & kMaster) {
    const std::uint16_t master_sr = sr_;
    set_sr(static_cast<std::uint16_t>(sr_ & ~kMaster));
    push_frame(kFrameThrowaway, number, stacked_pc, master_sr);
  }
  hooks_->exception_taken(number, stacked_pc);
  load_vector_and_fill(number);
}

// RTE (PRM 6-84): SR and PC, then the format word says how much more to pop. A throwaway
// frame (format 1) only restores SR, which selects the master stack, and RTE goes on from
// there. An unknown format is a format error (vector 14), with the frame left in place.
void M68000Core::return_from_exception_010() {
  for (;;) {
    const std::uint32_t sp = a[7];
    const std::uint16_t new_sr = read_word(sp);
    const std::uint32_t target = read(Size::Long, sp + 2);
    const std::uint16_t format_word = read_word(sp + 6);
    const unsigned format = format_word >> 12;
    const unsigned bytes = frame_bytes(format, level_);
    if (bytes == 0) {
      exception(kVectorFormatError, instruction_pc_);
      return;
    }
    a[7] = sp + bytes;
    set_sr(new_sr);
    if (format == kFrameThrowaway) continue;
    if (resume_after_bus_fault(sp, format, target)) return;
    jump_fill_first(target);
    prefetch();
    return;
  }
}

}  // namespace anvil::m68k
