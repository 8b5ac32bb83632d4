// Exceptions and interrupts: entry (EPC, Cause.BD/ExcCode/CE, Status, the vector), the
// interrupt lines, the Count/Compare timer and WAIT. MIPS32 PRA 6.1-6.2 ("Exceptions"),
// R30xx manual ch. 3 for MIPS I. In Linux user mode, faults go to Hooks::user_fault.
#include <stdexcept>
#include <string>

#include "cores/mips/mips_core.h"

namespace anvil::mips {

namespace {

// The signal Linux raises for an exception taken in user mode (arch/mips/kernel/traps.c):
// BREAK/TEQ code 6 is an overflow and 7 a divide by zero (SIGFPE), others SIGTRAP.
UserFault fault_for(ExcCode code) {
  switch (code) {
    case ExcCode::AddressLoad:
    case ExcCode::AddressStore:
      return UserFault::BusError;
    case ExcCode::Overflow:
    case ExcCode::FloatingPoint:
      return UserFault::ArithmeticError;
    case ExcCode::Breakpoint:
    case ExcCode::Trap:
      return UserFault::Breakpoint;
    case ExcCode::ReservedInstruction:
    case ExcCode::CoprocessorUnusable:
      return UserFault::IllegalInstruction;
    default:
      return UserFault::SegmentationFault;
  }
}

}  // namespace

bool MipsCore::kernel_mode() const {
  if (variant_.isa == IsaLevel::Mips1) return !(cp0_.status & status::kMips1KUc);
  return !(cp0_.status & status::kUM) || (cp0_.status & (status::kEXL | status::kERL));
}

bool MipsCore::coprocessor_usable(unsigned n) {
  if (n == 0 && kernel_mode()) return true;
  if (cp0_.status & (status::kCU0 << n)) return true;
  coprocessor_unusable(n);
  return false;
}

void MipsCore::address_error(bool store, std::uint32_t va) {
  cp0_.bad_vaddr = va;
  if (linux_user_) {
    user_fault(va >= 0x80000000 ? UserFault::SegmentationFault : UserFault::BusError, va);
    return;
  }
  raise(store ? ExcCode::AddressStore : ExcCode::AddressLoad);
}

void MipsCore::raise(ExcCode code, unsigned coprocessor) {
  if (linux_user_) {
    user_fault(fault_for(code), code == ExcCode::BusData ? cp0_.bad_vaddr : 0);
    return;
  }
  // The R3000A loads Cause.CE from the opcode's bits 27:26 on every exception (the reference
  // vectors show it; MIPS32 PRA 9.31 leaves CE UNPREDICTABLE except for CpU).
  if (variant_.branch_target_register && code != ExcCode::CoprocessorUnusable)
    coprocessor = code == ExcCode::BusData ? 0 : (insn_ >> 26) & 3;
  const bool interrupt_vector = code == ExcCode::Interrupt && (cp0_.cause & cause::kIV);
  enter_exception(code, coprocessor, interrupt_vector ? 0x200 : 0x180);
}

// Exception entry. MIPS32 PRA 6.2.1 (general exception processing): unless Status.EXL is
// already set, EPC gets the instruction's address (the branch's when in a delay slot, with
// Cause.BD); then EXL is set and execution continues at the vector. MIPS I (R30xx manual
// 3.3): the KU/IE stack shifts left by two and the vector is 0x80000080 (BEV: 0xBFC00180).
void MipsCore::enter_exception(ExcCode code, unsigned coprocessor, std::uint32_t vector_offset) {
  const bool in_slot = delay_.slot;
  std::uint32_t c = cp0_.cause & ~(cause::kExcCode | cause::kCE);
  c |= (static_cast<std::uint32_t>(code) << 2) | ((coprocessor & 3) << cause::kCEShift);
  std::uint32_t vector = 0;
  if (variant_.isa == IsaLevel::Mips1) {
    c &= ~(cause::kBD | cause::kBT);
    if (in_slot) c |= cause::kBD;
    if (in_slot && delay_.taken && variant_.branch_target_register) c |= cause::kBT;
    if (in_slot && variant_.branch_target_register)
      cp0_.target_address = delay_.taken ? delay_.target : next_pc_;
    cp0_.epc = in_slot ? pc_ - 4 : pc_;
    const std::uint32_t s = cp0_.status;
    cp0_.status = (s & ~status::kMips1Stack) | ((s << 2) & status::kMips1Stack);
    vector = (s & status::kBEV) ? 0xBFC00180 : 0x80000080;
  } else {
    if (!(cp0_.status & status::kEXL)) {
      c &= ~cause::kBD;
      if (in_slot) c |= cause::kBD;
      cp0_.epc = in_slot ? pc_ - 4 : pc_;
    } else {
      vector_offset = 0x180;
    }
    cp0_.status |= status::kEXL;
    const std::uint32_t base =
        (cp0_.status & status::kBEV) ? 0xBFC00200 : (cp0_.ebase & 0xFFFFF000);
    vector = base + vector_offset;
  }
  cp0_.cause = c;
  hooks_->exception_taken(static_cast<unsigned>(code), cp0_.epc);
  // Whatever the instruction branched to or loaded into a GPR is abandoned with it; a load
  // of an earlier instruction still lands (it left the pipeline already).
  branch_ = DelayState{};
  delay_ = DelayState{};
  new_load_ = PendingLoad{};
  next_pc_ = vector;
  stop_after_instruction();  // interrupts may now be masked or unmasked
}

bool MipsCore::user_fault(UserFault fault, std::uint32_t address) {
  // The handler sees the faulting instruction; unless it moves the PC (to a signal
  // handler), the instruction is retried.
  branch_ = DelayState{};
  new_load_ = PendingLoad{};
  const bool stop = hooks_->user_fault(fault, pc_, address);
  next_pc_ = pc_;  // where the handler left the PC (write_register moves pc_)
  if (stop) {
    stop_after_ = true;
    stop_after_instruction();
  }
  return stop;
}

void MipsCore::system_call(std::uint32_t code) {
  if (!linux_user_) {
    raise(ExcCode::Syscall);
    return;
  }
  // As the kernel sees it: the PC past the SYSCALL; the handler may move it (execve, signals).
  pc_ += 4;
  const bool stop = hooks_->system_call(code);
  next_pc_ = pc_;
  if (stop) {
    stop_after_ = true;
    stop_after_instruction();
  }
}

void MipsCore::breakpoint(std::uint32_t code) {
  if (linux_user_) {
    user_fault(code == 6 || code == 7 ? UserFault::ArithmeticError : UserFault::Breakpoint, 0);
    return;
  }
  raise(ExcCode::Breakpoint);
}

void MipsCore::trap(std::uint32_t code) {
  if (linux_user_) {
    user_fault(code == 6 || code == 7 ? UserFault::ArithmeticError : UserFault::Breakpoint, 0);
    return;
  }
  raise(ExcCode::Trap);
}

// ---------------------------------------------------------------------------------------
// Interrupts: six hardware lines on IP2..IP7, two software bits IP0..IP1, and the timer on
// IP7 (MIPS32 PRA 6.1.2.1, interrupt compatibility mode; IntCtl.IPTI = 7).
// ---------------------------------------------------------------------------------------

std::uint32_t MipsCore::cause_register() const {
  std::uint32_t c = cp0_.cause | (irq_lines_ << 10);
  if (cp0_.timer_interrupt) c |= (1u << 15) | cause::kTI;
  return c;
}

bool MipsCore::interrupt_pending() const {
  const std::uint32_t requested = cause_register() & cp0_.status & status::kIM;
  if (!requested) return false;
  if (variant_.isa == IsaLevel::Mips1) return (cp0_.status & status::kIE) != 0;
  return (cp0_.status & (status::kIE | status::kEXL | status::kERL)) == status::kIE;
}

// Taken between instructions: EPC is the instruction that has not run yet.
void MipsCore::take_interrupt() {
  raise(ExcCode::Interrupt);
  pc_ = next_pc_;
  next_pc_ = pc_ + 4;
}

void MipsCore::set_irq_line(unsigned line, bool level) {
  if (line >= 6)
    throw std::out_of_range(std::string(variant_.name) + ": interrupt line " +
                            std::to_string(line) + " does not exist (lines 0..5 are IP2..IP7)");
  if (level)
    irq_lines_ |= 1u << line;
  else
    irq_lines_ &= ~(1u << line);
  limit_.store(0, std::memory_order_relaxed);
  wake_if_due();
}

// WAIT (MIPS32 ISA): sleep until an interrupt is requested; the 4K and 24K wake on any
// unmasked request even with interrupts disabled (4K SUM 2.10 "WAIT instruction").
void MipsCore::wait_for_interrupt() {
  state_ = CoreState::Sleeping;
  stop_after_instruction();
}

void MipsCore::wake_if_due() {
  if (state_ == CoreState::Sleeping && (cause_register() & cp0_.status & status::kIM))
    state_ = CoreState::Running;
}

// ---------------------------------------------------------------------------------------
// Count/Compare (MIPS32 PRA 9.11, 9.13): Count runs at a fixed fraction of the core clock;
// Count == Compare sets Cause.TI, and writing Compare clears it.
// ---------------------------------------------------------------------------------------

std::uint32_t MipsCore::count() const {
  const unsigned div = variant_.count_divider;
  return div ? static_cast<std::uint32_t>(cycles_ / div) + cp0_.count_offset : 0;
}

void MipsCore::schedule_timer() {
  const unsigned div = variant_.count_divider;
  if (!div) {
    cp0_.timer_at = kNever;
    return;
  }
  std::uint64_t delta = static_cast<std::uint32_t>(cp0_.compare - count());
  if (delta == 0) delta = std::uint64_t{1} << 32;
  cp0_.timer_at = (cycles_ / div + delta) * div;
  limit_.store(0, std::memory_order_relaxed);
}

void MipsCore::update_timer() {
  if (cycles_ < cp0_.timer_at) return;
  if (cp0_.timer_at != kNever) cp0_.timer_interrupt = true;
  schedule_timer();
}

Cycles MipsCore::next_internal_event() const {
  if (cp0_.timer_at == kNever) return kNever;
  return cp0_.timer_at > cycles_ ? cp0_.timer_at - cycles_ : 0;
}

void MipsCore::advance_idle(Cycles cycles) {
  cycles_ += cycles;
  update_timer();
  wake_if_due();
}

}  // namespace anvil::mips
