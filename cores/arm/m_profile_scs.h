// The System Control Space of an ARMv7-M processor (ARMv7-M ARM B3.2): the NVIC, SysTick,
// the System Control Block and the (absent) MPU, at 0xE000E000-0xE000EFFF. It is part of the
// processor, so the core handles these accesses itself, before the bus.
//
// This class also holds the per-exception state the NVIC keeps (pending, active, enabled,
// priority) and the fault status registers; the exception model in m_profile_exceptions.cpp
// reads and updates it.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <vector>

#include "cores/common/types.h"

namespace anvil::arm {

// Exception numbers, ARMv7-M ARM B1.5.2.
namespace exception {
inline constexpr unsigned kReset = 1;
inline constexpr unsigned kNmi = 2;
inline constexpr unsigned kHardFault = 3;
inline constexpr unsigned kMemManage = 4;
inline constexpr unsigned kBusFault = 5;
inline constexpr unsigned kUsageFault = 6;
inline constexpr unsigned kSvCall = 11;
inline constexpr unsigned kDebugMonitor = 12;
inline constexpr unsigned kPendSv = 14;
inline constexpr unsigned kSysTick = 15;
inline constexpr unsigned kFirstExternal = 16;
inline constexpr unsigned kMaxExceptions = 256;
}  // namespace exception

// Fault status bits (B3.2.15-B3.2.17), in their CFSR / HFSR positions.
namespace fault_status {
inline constexpr std::uint32_t kInstructionAccessViolation = 1u << 0;  // MMFSR.IACCVIOL
inline constexpr std::uint32_t kMemManageStacking = 1u << 4;           // MMFSR.MSTKERR
inline constexpr std::uint32_t kInstructionBusError = 1u << 8;         // BFSR.IBUSERR
inline constexpr std::uint32_t kPreciseDataBusError = 1u << 9;         // BFSR.PRECISERR
inline constexpr std::uint32_t kUnstackingBusError = 1u << 11;         // BFSR.UNSTKERR
inline constexpr std::uint32_t kStackingBusError = 1u << 12;           // BFSR.STKERR
inline constexpr std::uint32_t kBusFaultAddressValid = 1u << 15;       // BFSR.BFARVALID
inline constexpr std::uint32_t kUsageFaultShift = 16;                  // UFSR in CFSR
inline constexpr std::uint32_t kVectorTableRead = 1u << 1;             // HFSR.VECTTBL
inline constexpr std::uint32_t kForced = 1u << 30;                     // HFSR.FORCED
}  // namespace fault_status

// What the SCS needs to know about the core for one register access.
struct ScsContext {
  Cycles now;         // the core's cycle count, for SysTick
  unsigned ipsr;      // for ICSR.VECTACTIVE
  bool handler_mode;  // for ICSR.RETTOBASE
};

class SystemControlSpace {
 public:
  static constexpr std::uint32_t kBase = 0xE000E000;
  static constexpr bool contains(std::uint32_t address) { return (address >> 12) == 0xE000E; }

  SystemControlSpace(unsigned external_irqs, unsigned priority_bits, std::uint32_t cpuid);

  // Cold reset of every SCS register (also on AIRCR.SYSRESETREQ).
  void reset(Cycles now);

  // Register accesses at `offset` from kBase, of 1, 2 or 4 bytes. Offsets that name no
  // register read as zero and ignore writes. write() returns true when software asked for
  // a system reset (AIRCR.SYSRESETREQ).
  std::uint32_t read(std::uint32_t offset, unsigned size, const ScsContext& context);
  bool write(std::uint32_t offset, unsigned size, std::uint32_t value, const ScsContext& context);
  // STIR may be written from unprivileged code when CCR.USERSETMPEND is set (B3.4.3).
  bool unprivileged_write_allowed(std::uint32_t offset) const {
    return offset == kStirOffset && (ccr_ & kCcrUserSetMPend);
  }

  // ---- Exception state for the exception model ----
  unsigned exception_count() const { return exception::kFirstExternal + external_irqs_; }
  bool pending(unsigned n) const { return pending_[n]; }
  bool active(unsigned n) const { return active_[n]; }
  void set_pending(unsigned n, bool on) { pending_[n] = on; }
  void set_active(unsigned n, bool on) { active_[n] = on; }
  unsigned active_count() const { return static_cast<unsigned>(active_.count()); }
  // Enabled: external lines by ISER; MemManage/BusFault/UsageFault by SHCSR; others always.
  bool enabled(unsigned n) const;
  // Priority of exception n: -3/-2/-1 for Reset/NMI/HardFault, else the register value.
  int priority(unsigned n) const;
  // The group priority of a configurable priority value, per AIRCR.PRIGROUP (B1.5.4).
  int group_priority(int priority) const;
  // Highest-priority pending enabled exception (0 if none), and the lowest group priority
  // of the active ones (256 if none).
  unsigned highest_pending() const;
  int active_group_priority() const;
  std::uint8_t implemented_priority_mask() const { return priority_mask_; }

  // External interrupt inputs: level-sensitive (B3.4.1): a high line makes the interrupt
  // pending whenever it is not active, and again when its handler returns.
  unsigned external_irqs() const { return external_irqs_; }
  void set_line(unsigned line, bool level);
  void repend_if_asserted(unsigned n);

  // ---- Status and control the core consults ----
  std::uint32_t vector_table() const { return vtor_; }
  bool stack_align_8() const { return ccr_ & kCcrStkAlign; }
  bool unaligned_trap() const { return ccr_ & kCcrUnalignTrp; }
  bool divide_by_zero_trap() const { return ccr_ & kCcrDiv0Trp; }
  bool nonbase_thread_enable() const { return ccr_ & kCcrNonBaseThrdEna; }
  bool sleep_on_exit() const { return scr_ & kScrSleepOnExit; }
  bool send_event_on_pend() const { return scr_ & kScrSevOnPend; }
  void add_configurable_fault_status(std::uint32_t bits) { cfsr_ |= bits; }
  void add_hard_fault_status(std::uint32_t bits) { hfsr_ |= bits; }
  void set_bus_fault_address(std::uint32_t address) { bfar_ = address; }
  std::uint32_t cfsr() const { return cfsr_; }
  std::uint32_t hfsr() const { return hfsr_; }

  // ---- SysTick (B3.3), computed lazily from the core's cycle count ----
  // Applies every counter wrap up to `now`: COUNTFLAG, and SysTick pending when TICKINT.
  void systick_catch_up(Cycles now);
  // The cycle at which SysTick next requests its exception, or kNever.
  Cycles systick_next_event() const;

 private:
  static constexpr std::uint32_t kStirOffset = 0xF00;
  static constexpr std::uint32_t kCcrNonBaseThrdEna = 1u << 0;
  static constexpr std::uint32_t kCcrUserSetMPend = 1u << 1;
  static constexpr std::uint32_t kCcrUnalignTrp = 1u << 3;
  static constexpr std::uint32_t kCcrDiv0Trp = 1u << 4;
  static constexpr std::uint32_t kCcrStkAlign = 1u << 9;
  static constexpr std::uint32_t kScrSleepOnExit = 1u << 1;
  static constexpr std::uint32_t kScrSevOnPend = 1u << 4;

  std::uint32_t read_word(std::uint32_t offset, const ScsContext& context);
  bool write_word(std::uint32_t offset, std::uint32_t value, const ScsContext& context);
  bool byte_register(std::uint32_t offset) const;
  unsigned priority_byte_owner(std::uint32_t offset) const;
  std::uint32_t read_nvic_bits(std::uint32_t offset) const;
  void write_nvic_bits(std::uint32_t offset, std::uint32_t value);
  std::uint32_t icsr(const ScsContext& context) const;
  void write_icsr(std::uint32_t value);
  std::uint32_t shcsr() const;
  void write_shcsr(std::uint32_t value);
  std::uint32_t systick_control(Cycles now);
  void write_systick_control(std::uint32_t value, Cycles now);
  std::uint32_t systick_current(Cycles now) const;
  void write_systick_current(Cycles now);

  unsigned external_irqs_;
  std::uint8_t priority_mask_;
  std::uint32_t cpuid_;

  std::bitset<exception::kMaxExceptions> pending_, active_, irq_enabled_, line_level_;
  std::array<std::uint8_t, exception::kMaxExceptions> priority_{};

  std::uint32_t vtor_ = 0, aircr_prigroup_ = 0, scr_ = 0, ccr_ = 0, actlr_ = 0;
  bool memmanage_enabled_ = false, busfault_enabled_ = false, usagefault_enabled_ = false;
  std::uint32_t cfsr_ = 0, hfsr_ = 0, dfsr_ = 0, mmfar_ = 0, bfar_ = 0, afsr_ = 0;

  // SysTick: while enabled, the counter reaches zero at cycle `systick_zero_` and then every
  // RVR+1 cycles; disabled, it holds `systick_held_`.
  bool systick_enabled_ = false, systick_tickint_ = false, systick_countflag_ = false;
  std::uint32_t systick_reload_ = 0, systick_held_ = 0;
  Cycles systick_zero_ = kNever;
};

}  // namespace anvil::arm
