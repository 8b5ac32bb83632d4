// The ARMv7-M exception model (ARMv7-M ARM B1.5): priorities, preemption, entry with
// stacking, EXC_RETURN and unstacking, tail-chaining, fault escalation and lockup, sleep,
// and the system instructions that touch this state (SVC, BKPT, WFI/WFE/SEV, MRS/MSR, CPS).
#include <algorithm>

#include <utility>

#include "cores/arm/cortex_m3_timing.h"
#include "cores/arm/cortex_m_core.h"
#include "cores/arm/m_profile_scs.h"

namespace anvil::arm {

namespace {
constexpr std::uint32_t kExcReturnHandler = 0xFFFFFFF1;        // Handler, main stack
constexpr std::uint32_t kExcReturnThreadMain = 0xFFFFFFF9;     // Thread, main stack
constexpr std::uint32_t kExcReturnThreadProcess = 0xFFFFFFFD;  // Thread, process stack
constexpr std::uint32_t kLockupPc = 0xFFFFFFFE;
constexpr std::uint32_t kFrameBytes = 0x20;
}  // namespace

// ---------------------------------------------------------------------------------------
// Priorities (B1.5.4)
// ---------------------------------------------------------------------------------------

int CortexM::execution_priority(bool ignore_primask) const {
  int boosted = 256;
  if (basepri_ != 0) boosted = scs_->group_priority(basepri_);
  if (primask_ && !ignore_primask) boosted = 0;
  if (faultmask_) boosted = -1;
  return std::min(scs_->active_group_priority(), boosted);
}

// The pending exception that would preempt now, or 0.
unsigned CortexM::preempting_exception(bool ignore_primask) const {
  const unsigned n = scs_->highest_pending();
  if (n == 0) return 0;
  const int priority = scs_->group_priority(scs_->priority(n));
  return priority < execution_priority(ignore_primask) ? n : 0;
}

void CortexM::service_exceptions() {
  scs_->systick_catch_up(cycles_);
  if (const unsigned n = preempting_exception()) enter_exception(n, current_pc_, false);
}

// ---------------------------------------------------------------------------------------
// Synchronous exceptions: faults, SVC
// ---------------------------------------------------------------------------------------

void CortexM::raise_synchronous(unsigned number, std::uint32_t return_address,
                                bool restore_itstate) {
  if (sync_number_ != 0) return;  // the first exception of an instruction wins
  sync_number_ = number;
  sync_return_ = return_address;
  sync_restore_itstate_ = restore_itstate;
  set_event(kEventException);
}

// A configurable fault (or SVC) that is disabled or cannot preempt the current execution
// priority escalates to HardFault; a HardFault that cannot preempt (in NMI or HardFault, or
// with FAULTMASK set) locks the processor up (B1.5.15).
void CortexM::take_synchronous(unsigned number, std::uint32_t return_address, bool tail_chain) {
  const int current = execution_priority();
  if (number != exception::kHardFault && number != exception::kNmi) {
    const bool can_take =
        scs_->enabled(number) && scs_->group_priority(scs_->priority(number)) < current;
    if (!can_take) {
      scs_->add_hard_fault_status(fault_status::kForced);
      number = exception::kHardFault;
    }
  }
  if (number == exception::kHardFault && current <= -1) {
    lockup();
    return;
  }
  enter_exception(number, return_address, tail_chain);
}

void CortexM::lockup() {
  state_ = CoreState::Lockup;
  current_pc_ = next_pc_ = kLockupPc;
  limit_ = 0;
}

void CortexM::usage_fault(UsageFault cause) {
  scs_->add_configurable_fault_status(std::uint32_t{cause} << fault_status::kUsageFaultShift);
  raise_synchronous(exception::kUsageFault, current_pc_, true);
}

// SVC: the exception returns to the instruction after the SVC (B1.5.6).
void CortexM::supervisor_call() {
  raise_synchronous(exception::kSvCall, next_pc_, false);
}

// ---------------------------------------------------------------------------------------
// Entry (B1.5.6 ExceptionEntry, PushStack, ExceptionTaken)
// ---------------------------------------------------------------------------------------

bool CortexM::push_frame(std::uint32_t return_address) {
  // With CCR.STKALIGN the frame is 8-byte aligned; bit 9 of the stacked xPSR records the
  // padding word so that return can undo it.
  const std::uint32_t sp = r_[13];
  const bool realign = scs_->stack_align_8() && (sp & 4) != 0;
  const std::uint32_t frame = (sp - kFrameBytes) & ~(realign ? 4u : 0u);
  const std::uint32_t words[8] = {
      r_[0],  r_[1],  r_[2],          r_[3],
      r_[12], r_[14], return_address, (xpsr() & ~(1u << 9)) | (std::uint32_t{realign} << 9),
  };
  bool ok = true;
  for (unsigned i = 0; i < 8; ++i) ok = memory_.store(frame + 4 * i, words[i]) && ok;
  r_[13] = frame;
  r_[14] = handler_mode_    ? kExcReturnHandler
           : control_spsel_ ? kExcReturnThreadProcess
                            : kExcReturnThreadMain;
  return ok;
}

void CortexM::enter_exception(unsigned number, std::uint32_t return_address, bool tail_chain) {
  const bool stacked = tail_chain || push_frame(return_address);
  std::uint32_t vector = 0;
  if (!memory_.load(scs_->vector_table() + 4 * number, vector)) {
    // A failed vector read is a HardFault (HFSR.VECTTBL), or lockup from HardFault itself.
    scs_->add_hard_fault_status(fault_status::kVectorTableRead);
    if (number == exception::kHardFault || number == exception::kNmi ||
        !memory_.load(scs_->vector_table() + 4 * exception::kHardFault, vector)) {
      lockup();
      return;
    }
    number = exception::kHardFault;
  }
  select_mode(true, false);
  ipsr_ = static_cast<std::uint16_t>(number);
  thumb_ = (vector & 1) != 0;
  itstate_ = 0;
  scs_->set_pending(number, false);
  scs_->set_active(number, true);
  exclusive_valid_ = false;
  event_register_ = true;
  current_pc_ = next_pc_ = vector & ~1u;
  cycles_ += (tail_chain ? m3_timing::kTailChain : m3_timing::kExceptionEntry) +
             std::exchange(pending_cycles_, 0);
  limit_ = 0;
  hooks_->exception_taken(number, return_address);
  if (!stacked) {
    // A fault while stacking is a derived BusFault taken on top of this exception.
    scs_->add_configurable_fault_status(fault_status::kStackingBusError);
    take_synchronous(exception::kBusFault, current_pc_, false);
  } else if (!thumb_) {
    scs_->add_configurable_fault_status(std::uint32_t{kInvalidState}
                                        << fault_status::kUsageFaultShift);
    take_synchronous(exception::kUsageFault, current_pc_, false);
  }
}

// ---------------------------------------------------------------------------------------
// Return (B1.5.8 ExceptionReturn, PopStack)
// ---------------------------------------------------------------------------------------

void CortexM::deactivate(unsigned number) {
  scs_->set_active(number, false);
  if (number != exception::kNmi) faultmask_ = false;
  // A level-sensitive interrupt still asserted pends again (B3.4.1).
  scs_->repend_if_asserted(number);
}

void CortexM::invalid_exception_return(unsigned returning, std::uint32_t exc_return) {
  // INVPC: the UsageFault is taken on the current frame, without stacking (B1.5.8).
  deactivate(returning);
  scs_->add_configurable_fault_status(std::uint32_t{kInvalidPc} << fault_status::kUsageFaultShift);
  r_[14] = 0xF0000000 | exc_return;
  take_synchronous(exception::kUsageFault, current_pc_, true);
}

void CortexM::exception_return(std::uint32_t exc_return) {
  const unsigned returning = ipsr_;
  const unsigned nested = scs_->active_count();
  if (!scs_->active(returning)) {
    invalid_exception_return(returning, exc_return);
    return;
  }
  bool to_handler = false, process = false;
  switch (exc_return & 0x0FFFFFFF) {
    case kExcReturnHandler & 0x0FFFFFFF:
      to_handler = true;
      if (nested == 1) return invalid_exception_return(returning, exc_return);
      break;
    case kExcReturnThreadProcess & 0x0FFFFFFF:
      process = true;
      [[fallthrough]];
    case kExcReturnThreadMain & 0x0FFFFFFF:
      if (nested != 1 && !scs_->nonbase_thread_enable())
        return invalid_exception_return(returning, exc_return);
      break;
    default:
      return invalid_exception_return(returning, exc_return);
  }
  deactivate(returning);

  // Tail-chaining (M3 TRM 5.5): a pending exception that would preempt the context we are
  // returning to is entered at once on the frame already stacked.
  if (const unsigned next = preempting_exception()) {
    std::uint32_t stacked_pc = 0;
    memory_.debug_read((process ? sp_process() : sp_main()) + 0x18, &stacked_pc, 4);
    r_[14] = exc_return;
    enter_exception(next, stacked_pc, true);
    return;
  }

  const std::uint32_t frame = process ? sp_process() : sp_main();
  std::uint32_t words[8] = {};
  bool ok = true;
  for (unsigned i = 0; i < 8; ++i) ok = memory_.load(frame + 4 * i, words[i]) && ok;
  cycles_ += m3_timing::kExceptionReturn + std::exchange(pending_cycles_, 0);
  if (!ok) {
    scs_->add_configurable_fault_status(fault_status::kUnstackingBusError);
    take_synchronous(exception::kBusFault, current_pc_, false);
    return;
  }
  select_mode(to_handler, process);
  const std::uint32_t psr = words[7];
  const std::uint32_t padding = ((psr >> 9) & 1) && scs_->stack_align_8() ? 4 : 0;
  if (process)
    set_sp_process((frame + kFrameBytes) | padding);
  else
    set_sp_main((frame + kFrameBytes) | padding);
  r_[0] = words[0];
  r_[1] = words[1];
  r_[2] = words[2];
  r_[3] = words[3];
  r_[12] = words[4];
  r_[14] = words[5];
  current_pc_ = next_pc_ = words[6] & ~1u;
  set_xpsr(psr & ~(1u << 9));
  exclusive_valid_ = false;
  event_register_ = true;
  limit_ = 0;

  // Integrity checks after unstacking (B1.5.8): the mode must agree with the stacked IPSR.
  if (to_handler == (ipsr_ == 0)) {
    scs_->add_configurable_fault_status(std::uint32_t{kInvalidPc}
                                        << fault_status::kUsageFaultShift);
    if (!to_handler) ipsr_ = 0;
    take_synchronous(exception::kUsageFault, current_pc_, false);
    return;
  }
  if (!thumb_) {
    scs_->add_configurable_fault_status(std::uint32_t{kInvalidState}
                                        << fault_status::kUsageFaultShift);
    take_synchronous(exception::kUsageFault, current_pc_, false);
    return;
  }
  // SCR.SLEEPONEXIT: back in Thread mode from the last handler, sleep (B1.5.19).
  // HACK: the M3 sleeps before unstacking; we unstack first, which only changes timing.
  if (!to_handler && nested == 1 && scs_->sleep_on_exit()) enter_sleep(false);
}

// ---------------------------------------------------------------------------------------
// Sleep (B1.5.18, B1.5.19)
// ---------------------------------------------------------------------------------------

// WFI wakes for an exception that would preempt if PRIMASK were clear; WFE also for the
// event register.
bool CortexM::wake_condition() const {
  if (preempting_exception(/*ignore_primask=*/true) != 0) return true;
  return sleep_for_event_ && event_register_;
}

void CortexM::wake_if_due() {
  if (state_ != CoreState::Sleeping || !wake_condition()) return;
  if (sleep_for_event_) event_register_ = false;
  state_ = CoreState::Running;
  limit_ = 0;
}

void CortexM::enter_sleep(bool wait_for_event) {
  if (wait_for_event && event_register_) {
    event_register_ = false;  // WFE with the event register set just clears it
    return;
  }
  sleep_for_event_ = wait_for_event;
  if (wake_condition()) return;
  state_ = CoreState::Sleeping;
  limit_ = 0;
}

void CortexM::wait_for_interrupt() {
  sleep_for_event_ = false;
  set_event(kEventSleep);
}

void CortexM::wait_for_event() {
  sleep_for_event_ = true;
  set_event(kEventSleep);
}

void CortexM::send_event() {
  event_register_ = true;
}

// BKPT (A7.7.17): 0xAB is a semihosting call when a handler is configured; any other
// breakpoint halts the core in debug state at the BKPT.
void CortexM::breakpoint(std::uint32_t imm8) {
  if (imm8 == 0xAB && semihosting_) {
    r_[0] = semihosting_->call(*this, r_[0], r_[1]);
    return;
  }
  next_pc_ = current_pc_;
  set_event(kEventStop);
}

// ---------------------------------------------------------------------------------------
// MRS, MSR, CPS (B5.2)
// ---------------------------------------------------------------------------------------

std::uint32_t CortexM::read_special(unsigned sysm) {
  const bool priv = privileged();
  switch (sysm >> 3) {
    case 0: {  // xPSR views: bit 0 adds IPSR, bit 2 drops APSR; EPSR reads as zero
      std::uint32_t v = 0;
      if (sysm & 1) v |= ipsr_;
      if (!(sysm & 4)) v |= xpsr() & (has_dsp_ ? 0xF80F0000u : 0xF8000000u);
      return v;
    }
    case 1:
      if (!priv) return 0;
      if ((sysm & 7) == 0) return sp_main();
      if ((sysm & 7) == 1) return sp_process();
      return 0;
    case 2:
      switch (sysm & 7) {
        case 0:
          return priv && primask_;
        case 1:
        case 2:
          return priv ? basepri_ : 0;
        case 3:
          return priv && faultmask_;
        case 4:
          return (std::uint32_t{control_spsel_} << 1) | std::uint32_t{control_npriv_};
        default:
          return 0;
      }
    default:
      return 0;
  }
}

void CortexM::write_special(unsigned sysm, unsigned mask, std::uint32_t value) {
  const bool priv = privileged();
  switch (sysm >> 3) {
    case 0:
      if (sysm & 4) return;  // IPSR/EPSR are not writable
      if (mask & 2) {
        flags.n = (value >> 31) & 1;
        flags.z = (value >> 30) & 1;
        flags.c = (value >> 29) & 1;
        flags.v = (value >> 28) & 1;
        flags.q = (value >> 27) & 1;
      }
      if ((mask & 1) && has_dsp_) flags.ge = (value >> 16) & 0xF;
      return;
    case 1:
      if (!priv) return;
      if ((sysm & 7) == 0) set_sp_main(value);
      if ((sysm & 7) == 1) set_sp_process(value);
      return;
    case 2:
      break;
    default:
      return;
  }
  if (!priv) return;
  const std::uint8_t level = static_cast<std::uint8_t>(value) & scs_->implemented_priority_mask();
  switch (sysm & 7) {
    case 0:
      primask_ = value & 1;
      break;
    case 1:
      basepri_ = level;
      break;
    case 2:  // BASEPRI_MAX: only raises the priority boost
      if (level != 0 && (basepri_ == 0 || level < basepri_)) basepri_ = level;
      break;
    case 3:
      if (execution_priority() > -1) faultmask_ = value & 1;
      break;
    case 4:
      control_npriv_ = value & 1;
      if (!handler_mode_) select_mode(false, (value & 2) != 0);
      break;
    default:
      break;
  }
  set_event(kEventRecheck);
}

void CortexM::change_processor_state(bool disable, bool primask, bool faultmask) {
  if (!privileged()) return;  // CPS is a NOP when unprivileged (B5.2.1)
  if (primask) primask_ = disable;
  if (faultmask) {
    if (!disable)
      faultmask_ = false;
    else if (execution_priority() > -1)
      faultmask_ = true;
  }
  set_event(kEventRecheck);
}

}  // namespace anvil::arm
