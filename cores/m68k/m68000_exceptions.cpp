// Exception processing (UM 6.3): group 0 (address and bus errors, with the long frame),
// group 1 (trace, interrupts, illegal and privileged instructions) and group 2 (TRAP, CHK,
// TRAPV, divide by zero), and the instructions that end in one (STOP, RESET, RTE).
#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

namespace {
constexpr unsigned kPcRegisterIndex = 17;  // register_info(): d0-d7, a0-a7, ps, pc
constexpr unsigned kVectorFpFirst = 48, kVectorFpLast = 54;
}  // namespace

// Stacks the short frame: PC low, SR, PC high, in that bus order (vectors), at SSP-6.
void M68000Core::begin_exception_frame(unsigned vector, std::uint32_t stacked_pc,
                                       std::uint16_t old_sr) {
  if (level_ >= CpuLevel::M68010) {
    // 68020+: the traps that name an instruction stack its address too (020 UM 6.4, format 2;
    // trace: the traced instruction).
    const bool names_instruction =
        level_ >= CpuLevel::M68020 && (vector == kVectorZeroDivide || vector == kVectorChk ||
                                       vector == kVectorTrapv || vector == kVectorTrace);
    return push_frame(names_instruction ? kFrameInstruction : kFrameNormal, vector, stacked_pc,
                      old_sr, instruction_pc_);
  }
  a[7] -= 6;
  write_word(a[7] + 4, static_cast<std::uint16_t>(stacked_pc));
  write_word(a[7], old_sr);
  write_word(a[7] + 2, static_cast<std::uint16_t>(stacked_pc >> 16));
}

// Reads the handler address from the vector table (supervisor data space) and refills the
// queue there: "nV nv np n np".
void M68000Core::load_vector_and_fill(unsigned vector) {
  const std::uint32_t entry = control.vbr + vector * 4;  // VBR: 68010+ (PRM 1.3.2)
  const std::uint32_t high = read_word(entry);
  const std::uint32_t handler = (high << 16) | read_word(entry + 2);
  jump_fill_first(handler);
  idle(2);
  prefetch();
}

void M68000Core::exception(unsigned vector, std::uint32_t stacked_pc) {
  exception(vector, stacked_pc, sr_);
}

void M68000Core::exception(unsigned vector, std::uint32_t stacked_pc, std::uint16_t old_sr) {
  if (linux_user_) {
    // si_addr: the instruction's address for the traps whose 68020 frame (format 2) names
    // it, else the stacked PC (format 0), as trap_c reads them.
    const bool names_instruction = vector == kVectorZeroDivide || vector == kVectorChk ||
                                   vector == kVectorTrapv || vector == kVectorTrace;
    return user_mode_exception(vector, stacked_pc,
                               names_instruction ? instruction_pc_ : stacked_pc);
  }
  if (bus_fault_.end_of_instruction_armed) {
    // 68020-68040: the instruction left faulted writes (m68k_bus_fault.cpp), reported through
    // this trace path before anything else; a real trace of it is dropped (HACK, rare).
    bus_fault_.end_of_instruction_armed = false;
    if (vector == kVectorTrace) {
      if (take_faulted_writes(old_sr)) return;
      if (!bus_fault_.trace_too) return;  // only the writes had asked for this call
    }
    bus_fault_.write_count = 0;
  }
  hooks_->exception_taken(vector, stacked_pc);
  set_sr(static_cast<std::uint16_t>((sr_ | kSupervisor) & ~kTrace));
  begin_exception_frame(vector, stacked_pc, old_sr);
  load_vector_and_fill(vector);
}

void M68000Core::exception_with_frame(unsigned vector, FrameFormat format, std::uint32_t stacked_pc,
                                      std::uint32_t address, std::uint32_t faulted_pc) {
  // si_addr: the stacked PC, as for the format-0 traps (traps.c trap_c).
  if (linux_user_) return user_mode_exception(vector, stacked_pc, stacked_pc);
  if (level_ < CpuLevel::M68010) return exception(vector, stacked_pc);
  hooks_->exception_taken(vector, stacked_pc);
  const std::uint16_t old_sr = sr_;
  set_sr(static_cast<std::uint16_t>((sr_ | kSupervisor) & ~kTrace));
  push_frame(format, vector, stacked_pc, old_sr, address, faulted_pc);
  load_vector_and_fill(vector);
}

// Linux user mode: the kernel would turn the exception into a signal (arch/m68k/kernel/
// traps.c trap_c); Hooks::user_fault does that, and LinuxAbi::fault_code reads the vector
// back (user_fault_vector()) for si_code. The registers the signal frame saves are the ones
// the exception frame would hold: the PC is `resume_pc` (the stacked PC: the instruction
// itself for faults, the next one for traps). `signal_address` is si_addr.
void M68000Core::user_mode_exception(unsigned vector, std::uint32_t resume_pc,
                                     std::uint32_t signal_address) {
  UserFault fault = UserFault::IllegalInstruction;  // illegal, privileged, line A/F, TRAP #1-14
  switch (vector) {
    case kVectorBusError:
      fault = UserFault::SegmentationFault;
      break;
    case kVectorAddressError:
      fault = UserFault::BusError;
      break;
    case kVectorZeroDivide:
    case kVectorChk:
    case kVectorTrapv:
      fault = UserFault::ArithmeticError;
      break;
    case kVectorTrace:
    case kVectorTrap + 15:
      fault = UserFault::Breakpoint;
      break;
    default:
      // The FPU's exception vectors 48-54 (FPU UM 6.1: BSUN, INEX, DZ, UNFL, OPERR, OVFL,
      // SNAN) are SIGFPE too.
      if (vector >= kVectorFpFirst && vector <= kVectorFpLast) fault = UserFault::ArithmeticError;
      break;
  }
  trace_pending_ = false;
  user_fault_vector_ = vector;
  write_register(kPcRegisterIndex, resume_pc);
  if (hooks_->user_fault(fault, instruction_pc_, signal_address))
    stop_requested_.store(true, std::memory_order_relaxed);
}

void M68000Core::privilege_violation() {
  trace_pending_ = false;
  idle(4);
  exception(kVectorPrivilege, instruction_pc_);
}

void M68000Core::illegal_instruction(unsigned vector) {
  trace_pending_ = false;
  idle(4);
  exception(vector, instruction_pc_);
}

// TRAP #n. In Linux user mode TRAP #0 is the system call: the core steps past it (the queue
// already holds the next opcode) and calls Hooks::system_call with the PC there.
void M68000Core::trap(unsigned number) {
  if (linux_user_ && number == 0) {
    prefetch();
    instruction_pc_ = pc_ - 4;
    if (hooks_->system_call(0)) stop_requested_.store(true, std::memory_order_relaxed);
    return;
  }
  idle(4);
  exception(kVectorTrap + number, pc_ - 2);
}

// The long frame (UM 6.3.9, Figure 6-7), stacked in the vectors' bus order: PC low, SR,
// PC high, instruction register, access address low, status word, access address high.
// The status word carries IRD's upper bits, R/W and the function code; the I/N bit stays
// clear, as the vectors (MAME's microcode) have it.
void M68000Core::group0_exception() {
  const Fault fault = fault_;
  trace_pending_ = false;
  const unsigned vector = fault.bus_error ? kVectorBusError : kVectorAddressError;
  // The kernel restarts a faulting access once it is mapped: the signal frame holds the
  // instruction's own address.
  if (linux_user_) return user_mode_exception(vector, instruction_pc_, fault.address);
  if (level_ >= CpuLevel::M68010) return group0_exception_010();
  hooks_->exception_taken(vector, fault_pc_);
  idle(8);
  const std::uint16_t old_sr = sr_;
  set_sr(static_cast<std::uint16_t>((sr_ | kSupervisor) & ~kTrace));
  const auto status =
      static_cast<std::uint16_t>((ird_ & ~0x1Fu) | (fault.write ? 0 : 0x10) | fault.function_code);
  a[7] -= 14;
  write_word(a[7] + 12, static_cast<std::uint16_t>(fault_pc_));
  write_word(a[7] + 8, old_sr);
  write_word(a[7] + 10, static_cast<std::uint16_t>(fault_pc_ >> 16));
  write_word(a[7] + 6, ird_);  // IRD: the next opcode once the final prefetch ran
  write_word(a[7] + 4, static_cast<std::uint16_t>(fault.address));
  write_word(a[7], status);
  write_word(a[7] + 2, static_cast<std::uint16_t>(fault.address >> 16));
  load_vector_and_fill(vector);
}

// UM 6.3.2: the interrupt acknowledge sequence. The stacked PC is the next instruction
// (after STOP: the one following it, which the queue has not fetched).
void M68000Core::take_interrupt(unsigned level) {
  if (level == 7) nmi_latch_ = false;
  const bool was_stopped = state_ == CoreState::Sleeping;
  state_ = CoreState::Running;
  const std::uint32_t stacked_pc = was_stopped ? pc_ : pc_ - 4;
  const std::uint16_t old_sr = sr_;
  if (level_ >= CpuLevel::M68010) {
    const int vector = vector_source_ ? vector_source_(vector_context_, level) : kAutovector;
    return take_interrupt_010(level, vector, stacked_pc, old_sr);
  }
  set_sr(
      static_cast<std::uint16_t>(((sr_ | kSupervisor) & ~kTrace & ~kInterruptMask) | (level << 8)));
  idle(6);
  a[7] -= 6;
  write_word(a[7] + 4, static_cast<std::uint16_t>(stacked_pc));
  // The IACK cycle: CPU space, A3-A1 = level (UM 5.1.4).
  int vector = vector_source_ ? vector_source_(vector_context_, level) : kAutovector;
  log(BusCycleKind::InterruptAcknowledge, kCpuSpace, 0xFFFFF0 | (level << 1),
      static_cast<std::uint16_t>(vector < 0 ? 0 : vector), false, true, 4);
  cycles_ += 4;
  if (vector < 0) vector = kVectorAutovector + static_cast<int>(level);
  idle(4);
  write_word(a[7], old_sr);
  write_word(a[7] + 2, static_cast<std::uint16_t>(stacked_pc >> 16));
  hooks_->exception_taken(static_cast<unsigned>(vector), stacked_pc);
  load_vector_and_fill(static_cast<unsigned>(vector));
}

// STOP #imm (PRM 4-?): loads SR from the immediate and waits for an interrupt (or trace).
// The vectors show four idle clocks and no refill of the queue.
void M68000Core::stop(std::uint16_t new_sr) {
  set_sr(new_sr);
  idle(4);
  trace_pending_ = false;
  state_ = CoreState::Sleeping;
}

// RESET asserts RSTO for 124 clocks (UM 8, Table 8-9: 132 clocks in all).
void M68000Core::reset_instruction() {
  idle(128);
  prefetch();
}

// RTE (PRM 6-?): SR, then PC high and low from the supervisor stack.
void M68000Core::return_from_exception() {
  if (level_ >= CpuLevel::M68010) return return_from_exception_010();
  const std::uint32_t sp = a[7];
  const std::uint16_t new_sr = read_word(sp);
  const std::uint32_t high = read_word(sp + 2);
  const std::uint32_t target = (high << 16) | read_word(sp + 4);
  a[7] = sp + 6;
  set_sr(new_sr);
  jump_fill_first(target);
  prefetch();
}

}  // namespace anvil::m68k
