// The A-profile system level: CPSR and SPSRs, processor modes and banked registers,
// exception entry and return, reset, SVC/BKPT/WFI/CPS and what the shared Thumb handlers ask
// through ArmCpu's profile-specific functions. ARMv7-A ARM chapter B1.
#include <stdexcept>
#include <utility>

#include "cores/arm/arm_a_core.h"

namespace anvil::arm {

namespace {

// The register bank of a mode (B1.3.2): 0 usr/sys, 1 fiq, 2 irq, 3 svc, 4 abt, 5 und.
constexpr unsigned bank_of(Mode mode) {
  switch (mode) {
    case Mode::Fiq:
      return 1;
    case Mode::Irq:
      return 2;
    case Mode::Supervisor:
      return 3;
    case Mode::Abort:
      return 4;
    case Mode::Undefined:
      return 5;
    default:
      return 0;
  }
}

constexpr bool valid_mode(unsigned m) {
  switch (m) {
    case 0x10:
    case 0x11:
    case 0x12:
    case 0x13:
    case 0x17:
    case 0x1B:
    case 0x1F:
      return true;
    default:
      return false;
  }
}

// The mode each exception is taken to (B1.8.1, Table B1-3).
constexpr Mode mode_for(Vector vector) {
  switch (vector) {
    case Vector::Undefined:
      return Mode::Undefined;
    case Vector::PrefetchAbort:
    case Vector::DataAbort:
      return Mode::Abort;
    case Vector::Irq:
      return Mode::Irq;
    case Vector::Fiq:
      return Mode::Fiq;
    default:
      return Mode::Supervisor;
  }
}

// CPSR bits (B1.3.3).
constexpr std::uint32_t kCpsrT = 1u << 5, kCpsrF = 1u << 6, kCpsrI = 1u << 7, kCpsrA = 1u << 8,
                        kCpsrE = 1u << 9;
// SCTLR bits (B4.1.130).
constexpr std::uint32_t kSctlrA = 1u << 1, kSctlrV = 1u << 13, kSctlrU = 1u << 22,
                        kSctlrTe = 1u << 30;

}  // namespace

// ---------------------------------------------------------------------------------------
// CPSR, SPSR and modes
// ---------------------------------------------------------------------------------------

std::uint32_t ArmA::cpsr() const {
  std::uint32_t v = (std::uint32_t{flags.n} << 31) | (std::uint32_t{flags.z} << 30) |
                    (std::uint32_t{flags.c} << 29) | (std::uint32_t{flags.v} << 28) |
                    (std::uint32_t{flags.q} << 27);
  v |= std::uint32_t(itstate_ & 3) << 25 | std::uint32_t(itstate_ >> 2) << 10;
  v |= std::uint32_t{flags.ge} << 16;
  if (big_endian_data_) v |= kCpsrE;
  if (mask_a_) v |= kCpsrA;
  if (mask_i_) v |= kCpsrI;
  if (mask_f_) v |= kCpsrF;
  if (thumb_) v |= kCpsrT;
  return v | static_cast<std::uint32_t>(mode_);
}

// Everything, as exception return and debuggers write it. An invalid mode is ignored.
void ArmA::set_cpsr(std::uint32_t v) {
  flags.n = (v >> 31) & 1;
  flags.z = (v >> 30) & 1;
  flags.c = (v >> 29) & 1;
  flags.v = (v >> 28) & 1;
  flags.q = (v >> 27) & 1;
  flags.ge = static_cast<std::uint8_t>((v >> 16) & 0xF);
  itstate_ = static_cast<std::uint8_t>(((v >> 25) & 3) | (((v >> 10) & 0x3F) << 2));
  big_endian_data_ = (v & kCpsrE) != 0;
  mask_a_ = (v & kCpsrA) != 0;
  mask_i_ = (v & kCpsrI) != 0;
  mask_f_ = (v & kCpsrF) != 0;
  const bool thumb = (v & kCpsrT) != 0;
  if (thumb != thumb_) {
    thumb_ = thumb;
    pc_read_offset_ = thumb ? 4 : 8;
  }
  if (valid_mode(v & 0x1F)) switch_mode(static_cast<Mode>(v & 0x1F));
  set_event(kEventStateChange);
}

void ArmA::switch_mode(Mode mode) {
  if (mode == mode_) return;
  const unsigned from = bank_of(mode_), to = bank_of(mode);
  bank_sp_[from] = r_[13];
  bank_lr_[from] = r_[14];
  if ((mode_ == Mode::Fiq) != (mode == Mode::Fiq)) {
    auto& save = mode_ == Mode::Fiq ? fiq_r8_r12_ : usr_r8_r12_;
    const auto& load = mode == Mode::Fiq ? fiq_r8_r12_ : usr_r8_r12_;
    for (unsigned i = 0; i < 5; ++i) save[i] = r_[8 + i];
    for (unsigned i = 0; i < 5; ++i) r_[8 + i] = load[i];
  }
  r_[13] = bank_sp_[to];
  r_[14] = bank_lr_[to];
  mode_ = mode;
}

// CPSRWriteByInstr() — B1.3.3 / B9.3.12: f = NZCVQ, s = GE, x = E (and A when privileged),
// c = I, F and the mode when privileged. T and IT are not writable this way.
void ArmA::write_cpsr_by_instruction(std::uint32_t value, unsigned field_mask) {
  std::uint32_t current = cpsr();
  std::uint32_t writable = 0;
  if (field_mask & 8) writable |= 0xF8000000;
  if ((field_mask & 4) && variant_.media) writable |= 0x000F0000;
  if ((field_mask & 2) && variant_.media) writable |= kCpsrE | (privileged() ? kCpsrA : 0);
  if ((field_mask & 1) && privileged() && !linux_user_) {
    writable |= kCpsrI | kCpsrF;
    if (valid_mode(value & 0x1F)) writable |= 0x1F;
  }
  set_cpsr((current & ~writable) | (value & writable));
}

std::uint32_t ArmA::spsr() const {
  return has_spsr() ? bank_spsr_[bank_of(mode_)] : cpsr();
}

// SPSRWriteByInstr() — B9.3.12: whole bytes by the field mask. UNPREDICTABLE in User/System
// mode: ignored.
void ArmA::write_spsr(std::uint32_t value, unsigned field_mask) {
  if (!has_spsr()) return;
  std::uint32_t& spsr = bank_spsr_[bank_of(mode_)];
  for (unsigned byte = 0; byte < 4; ++byte)
    if (field_mask & (1u << byte))
      spsr = (spsr & ~(0xFFu << (8 * byte))) | (value & (0xFFu << (8 * byte)));
}

// Exception return (B1.8.10): the CPSR from the SPSR, then the PC for the new state.
void ArmA::exception_return(std::uint32_t address, std::uint32_t new_cpsr) {
  if (linux_user_) new_cpsr = (new_cpsr & ~0x1Fu) | static_cast<std::uint32_t>(Mode::User);
  set_cpsr(new_cpsr);
  next_pc_ = address & (thumb_ ? ~1u : ~3u);
  pending_cycles_ += branch_cycles_;
}

std::uint32_t ArmA::user_reg(unsigned n) const {
  if (n == 13 || n == 14) {
    if (bank_of(mode_) == 0) return r_[n];
    return n == 13 ? bank_sp_[0] : bank_lr_[0];
  }
  if (n >= 8 && n <= 12 && mode_ == Mode::Fiq) return usr_r8_r12_[n - 8];
  return reg(n);
}

void ArmA::set_user_reg(unsigned n, std::uint32_t value) {
  if ((n == 13 || n == 14) && bank_of(mode_) != 0) {
    (n == 13 ? bank_sp_[0] : bank_lr_[0]) = value;
  } else if (n >= 8 && n <= 12 && mode_ == Mode::Fiq) {
    usr_r8_r12_[n - 8] = value;
  } else if (n < 15) {
    r_[n] = value;
  }
}

std::uint32_t ArmA::banked_sp(Mode mode) const {
  return bank_of(mode) == bank_of(mode_) ? r_[13] : bank_sp_[bank_of(mode)];
}

void ArmA::set_banked_sp(Mode mode, std::uint32_t value) {
  if (bank_of(mode) == bank_of(mode_))
    r_[13] = value;
  else
    bank_sp_[bank_of(mode)] = value;
}

// ---------------------------------------------------------------------------------------
// Exceptions
// ---------------------------------------------------------------------------------------

std::uint32_t ArmA::vector_base() const {
  if (sctlr_ & kSctlrV) return 0xFFFF0000;  // high vectors (B1.8.1)
  return variant_.architecture >= 7 ? vbar_ : 0;
}

void ArmA::raise(Vector vector, std::uint32_t return_address) {
  sync_vector_ = vector;
  sync_return_ = return_address;
  set_event(kEventException);
}

void ArmA::raise_user_fault(UserFault fault, std::uint32_t address) {
  user_fault_pending_ = true;
  user_fault_ = fault;
  user_fault_address_ = address;
  user_fault_pc_ = current_pc_;
  set_event(kEventException);
}

// Exception entry (B1.8.3): SPSR of the new mode = CPSR, LR = the return address, masks,
// state from SCTLR.TE, PC = vector.
void ArmA::take_exception(Vector vector, std::uint32_t return_address) {
  const std::uint32_t saved = cpsr();
  const Mode mode = mode_for(vector);
  switch_mode(mode);
  bank_spsr_[bank_of(mode)] = saved;
  r_[14] = return_address;
  mask_i_ = true;
  if (vector == Vector::Fiq || vector == Vector::Reset) mask_f_ = true;
  if (variant_.media && vector != Vector::Undefined && vector != Vector::SupervisorCall)
    mask_a_ = true;
  itstate_ = 0;
  thumb_ = variant_.thumb2 && (sctlr_ & kSctlrTe);
  pc_read_offset_ = thumb_ ? 4 : 8;
  current_pc_ = next_pc_ = vector_base() + static_cast<std::uint32_t>(vector);
  charge_outside_instructions(timing().exception);
  event_register_ = true;
  end_run();
  hooks_->exception_taken(static_cast<unsigned>(vector) / 4, return_address);
}

void ArmA::usage_fault(UsageFault cause) {
  if (cause == kUnaligned) {
    data_abort(current_pc_, true);
    return;
  }
  // UNDEFINED, a state the core cannot execute, no such coprocessor: Undefined Instruction.
  if (linux_user_) return raise_user_fault(UserFault::IllegalInstruction, current_pc_);
  raise(Vector::Undefined, current_pc_ + (thumb_ ? 2 : 4));  // B1.9.? TakeUndefInstrException
}

// A data abort: alignment (DFSR.FS 00001) or an external abort on the bus (01000), B4.1.52.
bool ArmA::data_abort(std::uint32_t address, bool alignment) {
  if (linux_user_) {
    raise_user_fault(alignment ? UserFault::BusError : UserFault::SegmentationFault, address);
    return false;
  }
  dfar_ = address;
  dfsr_ = alignment ? 0x1 : 0x8;
  raise(Vector::DataAbort, current_pc_ + 8);
  return false;
}

// A prefetch abort on fetching `address`: IFAR and IFSR (synchronous external abort,
// B4.1.96), then the exception with LR = address + 4.
void ArmA::prefetch_abort(std::uint32_t address) {
  ifar_ = address;
  ifsr_ = 0x8;
  raise(Vector::PrefetchAbort, address + 4);
}

// ---------------------------------------------------------------------------------------
// System instructions
// ---------------------------------------------------------------------------------------

void ArmA::supervisor_call() {
  // The shared Thumb SVC handler does not pass its immediate: read it back (imm8).
  std::uint16_t insn = 0;
  memory_.load(current_pc_, insn, Access::Fetch);
  supervisor_call_with(insn & 0xFF);
}

void ArmA::supervisor_call_with(std::uint32_t immediate) {
  if (linux_user_) {
    // The kernel sees the pc past the SVC; the hook may rewrite any register incl. pc/cpsr.
    current_pc_ = next_pc_;
    if (hooks_->system_call(immediate)) {
      return_requested_ = true;
      end_run();
    }
    return;
  }
  // ARM semihosting: SVC 0x123456 (A32) / SVC 0xAB (T32).
  if (semihosting_ && immediate == (thumb_ ? 0xABu : 0x123456u)) {
    r_[0] = semihosting_->call(*this, r_[0], r_[1]);
    return;
  }
  raise(Vector::SupervisorCall, next_pc_);
}

// BKPT (A8.8.24): a debug event. Without a debugger attached through Hooks it is a Prefetch
// Abort (B1.9.7); BKPT 0xAB is semihosting when configured; user mode reports SIGTRAP.
void ArmA::breakpoint(std::uint32_t imm) {
  if (linux_user_) return raise_user_fault(UserFault::Breakpoint, current_pc_);
  if (semihosting_ && (imm & 0xFF) == 0xAB) {
    r_[0] = semihosting_->call(*this, r_[0], r_[1]);
    return;
  }
  ifsr_ = 0x2;  // debug event
  raise(Vector::PrefetchAbort, current_pc_ + 4);
}

// WFI/WFE: user mode has nothing to wait for (the kernel would run another thread).
void ArmA::wait_for_interrupt() {
  if (!linux_user_) set_event(kEventSleep);
}
void ArmA::wait_for_event() {
  if (event_register_) {
    event_register_ = false;
    return;
  }
  if (!linux_user_) set_event(kEventSleep);
}
void ArmA::send_event() {
  event_register_ = true;
}

// The shared Thumb MRS/MSR (the M-profile encodings that coincide with A-profile MRS Rd,APSR
// and MSR APSR_nzcvq/g, Rn: SYSm = 0).
std::uint32_t ArmA::read_special(unsigned sysm) {
  if (sysm != 0) return 0;
  return cpsr() & ~(kCpsrT | 0x0700FC00u);  // IT, J and T read as zero (B9.3.9)
}

void ArmA::write_special(unsigned sysm, unsigned mask, std::uint32_t value) {
  if (sysm != 0) return;
  write_cpsr_by_instruction(value, ((mask & 2) ? 8u : 0u) | ((mask & 1) ? 4u : 0u));
}

// The 16-bit CPS (A8.8.? T1: im, A, I, F), passed by the shared handler as (disable, I, F).
void ArmA::change_processor_state(bool disable, bool i, bool f) {
  change_state(!disable, disable, false, i, f, false, 0);
}

// CPS (B9.3.2): NOP in User mode.
void ArmA::change_state(bool enable, bool disable, bool a, bool i, bool f, bool change_mode,
                        unsigned mode) {
  if (!privileged() || linux_user_) return;
  if (enable || disable) {
    if (a) mask_a_ = disable;
    if (i) mask_i_ = disable;
    if (f) mask_f_ = disable;
  }
  if (change_mode && valid_mode(mode)) switch_mode(static_cast<Mode>(mode));
  end_run();  // an interrupt may now be taken
}

// ---------------------------------------------------------------------------------------
// Reset (B1.8.4)
// ---------------------------------------------------------------------------------------

void ArmA::reset() {
  r_.fill(0);
  bank_sp_.fill(0);
  bank_lr_.fill(0);
  bank_spsr_.fill(0);
  fiq_r8_r12_.fill(0);
  usr_r8_r12_.fill(0);
  flags = Apsr{};
  itstate_ = 0;
  events_ = 0;
  // pending_cycles_ holds cycles already counted (see ticks_): kept, as reset zeroes no count.
  charge_outside_instructions(std::exchange(pending_cycles_, 0));
  exclusive_valid_ = false;
  user_fault_pending_ = false;
  event_register_ = false;
  vfp.d.fill(0);
  vfp.fpscr = 0;
  tpidrurw_ = tpidruro_ = tpidrprw_ = 0;
  cpacr_ = vbar_ = ttbr0_ = ttbr1_ = ttbcr_ = dacr_ = 0;
  dfsr_ = ifsr_ = dfar_ = ifar_ = contextidr_ = 0;
  // SCTLR reset values: ARM926EJ-S 0x00050078, ARM1176 0x00050078 (U clear), Cortex-A7/A15
  // 0x00C50078 (TRMs' SCTLR sections); the MMU, caches and high vectors start off.
  sctlr_ = variant_.architecture >= 7 ? 0x00C50078 : 0x00050078;
  mode_ = Mode::Supervisor;
  thumb_ = false;
  pc_read_offset_ = 8;
  big_endian_data_ = false;
  state_ = CoreState::Running;
  end_run();
  if (linux_user_) {
    // As the kernel leaves a new process: User mode, interrupts enabled, VFP on, unaligned
    // accesses allowed (SCTLR.U on ARMv6, always on ARMv7).
    switch_mode(Mode::User);
    mask_a_ = mask_i_ = mask_f_ = false;
    cpacr_ = 0x00F00000;
    vfp.fpexc = 1u << 30;
    sctlr_ = (sctlr_ | kSctlrU) & ~kSctlrA;
    current_pc_ = next_pc_ = 0;
    return;
  }
  mask_a_ = mask_i_ = mask_f_ = true;
  vfp.fpexc = 0;
  current_pc_ = next_pc_ = vector_base();
}

}  // namespace anvil::arm
