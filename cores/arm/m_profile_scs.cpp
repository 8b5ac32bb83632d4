#include "cores/arm/m_profile_scs.h"

#include <algorithm>
#include <bit>

namespace anvil::arm {

namespace {
// Register offsets from 0xE000E000, ARMv7-M ARM Table B3-3 (SCB), B3-7 (SysTick), B3-8 (NVIC).
constexpr std::uint32_t kIctr = 0x004, kActlr = 0x008;
constexpr std::uint32_t kSystCsr = 0x010, kSystRvr = 0x014, kSystCvr = 0x018, kSystCalib = 0x01C;
constexpr std::uint32_t kNvicFirst = 0x100, kNvicLast = 0x33F;  // ISER..IABR
constexpr std::uint32_t kIprFirst = 0x400, kIprLast = 0x5EF;
constexpr std::uint32_t kCpuid = 0xD00, kIcsr = 0xD04, kVtor = 0xD08, kAircr = 0xD0C;
constexpr std::uint32_t kScr = 0xD10, kCcr = 0xD14, kShprFirst = 0xD18, kShprLast = 0xD23;
constexpr std::uint32_t kShcsr = 0xD24, kCfsr = 0xD28, kHfsr = 0xD2C, kDfsr = 0xD30;
constexpr std::uint32_t kMmfar = 0xD34, kBfar = 0xD38, kAfsr = 0xD3C;
constexpr std::uint32_t kMpuType = 0xD90;
constexpr std::uint32_t kStir = 0xF00;

constexpr std::uint32_t kVectKey = 0x05FA, kVectKeyStat = 0xFA05;
constexpr std::uint32_t kSysResetReq = 1u << 2, kVectClrActive = 1u << 1;
// SYST_CALIB: no reference clock (NOREF), TENMS not given (SKEW). B3.3.6
constexpr std::uint32_t kSysTickCalibration = (1u << 31) | (1u << 30);
constexpr std::uint32_t kCcrWritable = 0x31B;  // NONBASETHRDENA, USERSETMPEND, UNALIGN_TRP,
                                               // DIV_0_TRP, BFHFNMIGN, STKALIGN
}  // namespace

SystemControlSpace::SystemControlSpace(unsigned external_irqs, unsigned priority_bits,
                                       std::uint32_t cpuid)
    : external_irqs_(external_irqs),
      priority_mask_(static_cast<std::uint8_t>(0xFF00u >> priority_bits)),
      cpuid_(cpuid) {
  reset(0);
}

void SystemControlSpace::reset(Cycles now) {
  (void)now;
  pending_.reset();
  active_.reset();
  irq_enabled_.reset();
  priority_.fill(0);
  vtor_ = 0;
  aircr_prigroup_ = 0;
  scr_ = 0;
  ccr_ = kCcrStkAlign;  // STKALIGN resets to 1 from r2p0 (M3 TRM 8.2.x, CCR)
  actlr_ = 0;
  memmanage_enabled_ = busfault_enabled_ = usagefault_enabled_ = false;
  cfsr_ = hfsr_ = dfsr_ = mmfar_ = bfar_ = afsr_ = 0;
  systick_enabled_ = systick_tickint_ = systick_countflag_ = false;
  systick_reload_ = systick_held_ = 0;
  systick_zero_ = kNever;
  // Lines that are still asserted pend again at once.
  for (unsigned line = 0; line < external_irqs_; ++line)
    if (line_level_[exception::kFirstExternal + line])
      pending_[exception::kFirstExternal + line] = true;
}

// ---------------------------------------------------------------------------------------
// Exception state
// ---------------------------------------------------------------------------------------

bool SystemControlSpace::enabled(unsigned n) const {
  switch (n) {
    case exception::kMemManage:
      return memmanage_enabled_;
    case exception::kBusFault:
      return busfault_enabled_;
    case exception::kUsageFault:
      return usagefault_enabled_;
    default:
      return n < exception::kFirstExternal || irq_enabled_[n];
  }
}

int SystemControlSpace::priority(unsigned n) const {
  switch (n) {
    case exception::kReset:
      return -3;
    case exception::kNmi:
      return -2;
    case exception::kHardFault:
      return -1;
    default:
      return priority_[n];
  }
}

int SystemControlSpace::group_priority(int priority) const {
  if (priority < 0) return priority;
  // PRIGROUP g splits the 8-bit value into group [7:g+1] and subpriority [g:0]. B1.5.4
  const unsigned group_mask = (0xFFu << (aircr_prigroup_ + 1)) & 0xFFu;
  return static_cast<int>(static_cast<unsigned>(priority) & group_mask);
}

unsigned SystemControlSpace::highest_pending() const {
  unsigned best = 0;
  int best_priority = 0x7FFFFFFF;
  for (unsigned n = 1; n < exception_count(); ++n) {
    if (!pending_[n] || !enabled(n)) continue;
    // Ties go to the lower exception number, so only a strictly higher priority wins.
    if (priority(n) < best_priority) {
      best = n;
      best_priority = priority(n);
    }
  }
  return best;
}

int SystemControlSpace::active_group_priority() const {
  int best = 256;
  if (active_.none()) return best;
  for (unsigned n = 1; n < exception_count(); ++n)
    if (active_[n]) best = std::min(best, group_priority(priority(n)));
  return best;
}

void SystemControlSpace::set_line(unsigned line, bool level) {
  const unsigned n = exception::kFirstExternal + line;
  line_level_[n] = level;
  if (level && !active_[n]) pending_[n] = true;
}

void SystemControlSpace::repend_if_asserted(unsigned n) {
  if (n >= exception::kFirstExternal && line_level_[n]) pending_[n] = true;
}

// ---------------------------------------------------------------------------------------
// Register access
// ---------------------------------------------------------------------------------------

// The exception whose priority byte is at `offset` (IPR or SHPR), or 0 for none.
unsigned SystemControlSpace::priority_byte_owner(std::uint32_t offset) const {
  if (offset >= kIprFirst && offset <= kIprLast) {
    const unsigned n = exception::kFirstExternal + (offset - kIprFirst);
    return n < exception_count() ? n : 0;
  }
  if (offset >= kShprFirst && offset <= kShprLast) {
    // SHPR1-3 hold exceptions 4-15; 7-10 and 13 are reserved (B3.2.10-B3.2.12).
    const unsigned n = 4 + (offset - kShprFirst);
    return (n <= 6 || n == 11 || n == 12 || n == 14 || n == 15) ? n : 0;
  }
  return 0;
}

bool SystemControlSpace::byte_register(std::uint32_t offset) const {
  return (offset >= kIprFirst && offset <= kIprLast) ||
         (offset >= kShprFirst && offset <= kShprLast);
}

std::uint32_t SystemControlSpace::read(std::uint32_t offset, unsigned size,
                                       const ScsContext& context) {
  systick_catch_up(context.now);
  const unsigned shift = (offset & 3) * 8;
  const std::uint32_t word = read_word(offset & ~3u, context);
  if (size == 4) return word;
  return (word >> shift) & (size == 2 ? 0xFFFFu : 0xFFu);
}

bool SystemControlSpace::write(std::uint32_t offset, unsigned size, std::uint32_t value,
                               const ScsContext& context) {
  systick_catch_up(context.now);
  if (byte_register(offset)) {
    // Priority registers are byte-accessible (B3.2.10, B3.4.7): update only the bytes written.
    for (unsigned i = 0; i < size; ++i)
      if (const unsigned n = priority_byte_owner(offset + i))
        priority_[n] = (value >> (8 * i)) & priority_mask_;
    return false;
  }
  // HACK: sub-word writes to word registers are UNPREDICTABLE (B3.2.1); write the bytes in
  // place with zeros around them, which is harmless for the write-one registers.
  return write_word(offset & ~3u, value << ((offset & 3) * 8), context);
}

std::uint32_t SystemControlSpace::read_word(std::uint32_t offset, const ScsContext& context) {
  if (offset >= kNvicFirst && offset <= kNvicLast) return read_nvic_bits(offset);
  if (byte_register(offset)) {
    std::uint32_t word = 0;
    for (unsigned i = 0; i < 4; ++i)
      if (const unsigned n = priority_byte_owner(offset + i))
        word |= std::uint32_t{priority_[n]} << (8 * i);
    return word;
  }
  switch (offset) {
    case kIctr:
      return (external_irqs_ + 31) / 32 - 1;  // INTLINESNUM, B3.4.4
    case kActlr:
      return actlr_;
    case kSystCsr:
      return systick_control(context.now);
    case kSystRvr:
      return systick_reload_;
    case kSystCvr:
      return systick_current(context.now);
    case kSystCalib:
      return kSysTickCalibration;
    case kCpuid:
      return cpuid_;
    case kIcsr:
      return icsr(context);
    case kVtor:
      return vtor_;
    case kAircr:
      return (kVectKeyStat << 16) | (aircr_prigroup_ << 8);  // little-endian
    case kScr:
      return scr_;
    case kCcr:
      return ccr_;
    case kShcsr:
      return shcsr();
    case kCfsr:
      return cfsr_;
    case kHfsr:
      return hfsr_;
    case kDfsr:
      return dfsr_;
    case kMmfar:
      return mmfar_;
    case kBfar:
      return bfar_;
    case kAfsr:
      return afsr_;
    case kMpuType:
      return 0;  // no MPU (B3.5.5: DREGION = 0)
    default:
      return 0;  // unimplemented registers read as zero
  }
}

bool SystemControlSpace::write_word(std::uint32_t offset, std::uint32_t value,
                                    const ScsContext& context) {
  if (offset >= kNvicFirst && offset <= kNvicLast) {
    write_nvic_bits(offset, value);
    return false;
  }
  switch (offset) {
    case kActlr:
      actlr_ = value & 0x7;
      break;  // DISMCYCINT, DISDEFWBUF, DISFOLD
    case kSystCsr:
      write_systick_control(value, context.now);
      break;
    case kSystRvr:
      systick_reload_ = value & 0x00FFFFFF;
      break;
    case kSystCvr:
      write_systick_current(context.now);
      break;
    case kIcsr:
      write_icsr(value);
      break;
    case kVtor:
      vtor_ = value & 0xFFFFFF80;
      break;  // TBLOFF, 128-byte aligned (B3.2.5)
    case kAircr:
      if ((value >> 16) != kVectKey) break;  // writes without the key are ignored (B3.2.6)
      aircr_prigroup_ = (value >> 8) & 7;
      // VECTCLRACTIVE is for debug use; clearing every active state is what it does.
      if (value & kVectClrActive) active_.reset();
      return (value & kSysResetReq) != 0;
    case kScr:
      scr_ = value & 0x16;
      break;
    case kCcr:
      ccr_ = value & kCcrWritable;
      break;
    case kShcsr:
      write_shcsr(value);
      break;
    case kCfsr:
      cfsr_ &= ~value;
      break;  // write one to clear
    case kHfsr:
      hfsr_ &= ~value;
      break;
    case kDfsr:
      dfsr_ &= ~value;
      break;
    case kMmfar:
      mmfar_ = value;
      break;
    case kBfar:
      bfar_ = value;
      break;
    case kAfsr:
      afsr_ &= ~value;
      break;
    case kStir: {
      const unsigned n = exception::kFirstExternal + (value & 0x1FF);
      if (n < exception_count()) pending_[n] = true;
      break;
    }
    default:
      break;  // read-only or unimplemented: writes are ignored
  }
  return false;
}

// ISER/ICER/ISPR/ICPR/IABR: one bit per external interrupt, 32 per word. B3.4.5-B3.4.9
std::uint32_t SystemControlSpace::read_nvic_bits(std::uint32_t offset) const {
  const unsigned group = (offset & 0x7F) / 4;
  const unsigned kind = (offset - kNvicFirst) / 0x80;  // 0 ISER 1 ICER 2 ISPR 3 ICPR 4 IABR
  std::uint32_t word = 0;
  for (unsigned bit = 0; bit < 32; ++bit) {
    const unsigned line = group * 32 + bit;
    if (line >= external_irqs_) break;
    const unsigned n = exception::kFirstExternal + line;
    const bool on = kind <= 1 ? irq_enabled_[n] : kind <= 3 ? pending_[n] : active_[n];
    word |= std::uint32_t{on} << bit;
  }
  return word;
}

void SystemControlSpace::write_nvic_bits(std::uint32_t offset, std::uint32_t value) {
  const unsigned group = (offset & 0x7F) / 4;
  const unsigned kind = (offset - kNvicFirst) / 0x80;
  for (unsigned bit = 0; bit < 32; ++bit) {
    const unsigned line = group * 32 + bit;
    if (line >= external_irqs_) break;
    if (!(value & (1u << bit))) continue;
    const unsigned n = exception::kFirstExternal + line;
    switch (kind) {
      case 0:
        irq_enabled_[n] = true;
        break;
      case 1:
        irq_enabled_[n] = false;
        break;
      case 2:
        pending_[n] = true;
        break;
      case 3:
        // A level-sensitive line still asserted pends again at once (B3.4.1).
        pending_[n] = line_level_[n] && !active_[n];
        break;
      default:
        break;  // IABR is read-only
    }
  }
}

std::uint32_t SystemControlSpace::icsr(const ScsContext& context) const {
  std::uint32_t v = context.ipsr & 0x1FF;                          // VECTACTIVE
  if (context.handler_mode && active_count() <= 1) v |= 1u << 11;  // RETTOBASE
  v |= (highest_pending() & 0x1FF) << 12;                          // VECTPENDING
  for (unsigned n = exception::kFirstExternal; n < exception_count(); ++n)
    if (pending_[n]) v |= 1u << 22;                  // ISRPENDING
  if (pending_[exception::kSysTick]) v |= 1u << 26;  // PENDSTSET
  if (pending_[exception::kPendSv]) v |= 1u << 28;   // PENDSVSET
  if (pending_[exception::kNmi]) v |= 1u << 31;      // NMIPENDSET
  return v;
}

void SystemControlSpace::write_icsr(std::uint32_t value) {
  if (value & (1u << 31)) pending_[exception::kNmi] = true;
  if (value & (1u << 28)) pending_[exception::kPendSv] = true;
  if (value & (1u << 27)) pending_[exception::kPendSv] = false;
  if (value & (1u << 26)) pending_[exception::kSysTick] = true;
  if (value & (1u << 25)) pending_[exception::kSysTick] = false;
}

// SHCSR: active, pended and enable bits of the system handlers. B3.2.13
std::uint32_t SystemControlSpace::shcsr() const {
  using namespace exception;
  std::uint32_t v = 0;
  v |= std::uint32_t{active_[kMemManage]} << 0;
  v |= std::uint32_t{active_[kBusFault]} << 1;
  v |= std::uint32_t{active_[kUsageFault]} << 3;
  v |= std::uint32_t{active_[kSvCall]} << 7;
  v |= std::uint32_t{active_[kDebugMonitor]} << 8;
  v |= std::uint32_t{active_[kPendSv]} << 10;
  v |= std::uint32_t{active_[kSysTick]} << 11;
  v |= std::uint32_t{pending_[kUsageFault]} << 12;
  v |= std::uint32_t{pending_[kMemManage]} << 13;
  v |= std::uint32_t{pending_[kBusFault]} << 14;
  v |= std::uint32_t{pending_[kSvCall]} << 15;
  v |= std::uint32_t{memmanage_enabled_} << 16;
  v |= std::uint32_t{busfault_enabled_} << 17;
  v |= std::uint32_t{usagefault_enabled_} << 18;
  return v;
}

void SystemControlSpace::write_shcsr(std::uint32_t value) {
  using namespace exception;
  const auto bit = [value](unsigned b) { return ((value >> b) & 1) != 0; };
  active_[kMemManage] = bit(0);
  active_[kBusFault] = bit(1);
  active_[kUsageFault] = bit(3);
  active_[kSvCall] = bit(7);
  active_[kDebugMonitor] = bit(8);
  active_[kPendSv] = bit(10);
  active_[kSysTick] = bit(11);
  pending_[kUsageFault] = bit(12);
  pending_[kMemManage] = bit(13);
  pending_[kBusFault] = bit(14);
  pending_[kSvCall] = bit(15);
  memmanage_enabled_ = bit(16);
  busfault_enabled_ = bit(17);
  usagefault_enabled_ = bit(18);
}

// ---------------------------------------------------------------------------------------
// SysTick (B3.3): the counter decrements once per core cycle; reaching zero from one sets
// COUNTFLAG and, with TICKINT, pends SysTick; the next cycle reloads it from RVR, so the
// period is RVR+1 cycles. A counter at zero loads RVR on the next cycle without firing.
// ---------------------------------------------------------------------------------------

void SystemControlSpace::systick_catch_up(Cycles now) {
  if (systick_zero_ == kNever || now < systick_zero_) return;
  systick_countflag_ = true;
  if (systick_tickint_) pending_[exception::kSysTick] = true;
  if (systick_reload_ == 0) {
    systick_zero_ = kNever;  // stays at zero: "a start value of 0 has no effect" (B3.3.3)
    systick_held_ = 0;
    return;
  }
  const Cycles period = Cycles{systick_reload_} + 1;
  systick_zero_ += ((now - systick_zero_) / period + 1) * period;
}

Cycles SystemControlSpace::systick_next_event() const {
  return systick_tickint_ ? systick_zero_ : kNever;
}

std::uint32_t SystemControlSpace::systick_control(Cycles now) {
  (void)now;
  std::uint32_t v = std::uint32_t{systick_enabled_} | (std::uint32_t{systick_tickint_} << 1) |
                    (1u << 2)  // CLKSOURCE: the processor clock (no reference clock)
                    | (std::uint32_t{systick_countflag_} << 16);
  systick_countflag_ = false;  // COUNTFLAG clears on read (B3.3.3)
  return v;
}

void SystemControlSpace::write_systick_control(std::uint32_t value, Cycles now) {
  const bool enable = value & 1;
  systick_tickint_ = (value & 2) != 0;
  if (enable && !systick_enabled_) {
    const std::uint32_t start = systick_held_;
    if (start != 0)
      systick_zero_ = now + start;
    else
      systick_zero_ = systick_reload_ ? now + 1 + systick_reload_ : kNever;
  } else if (!enable && systick_enabled_) {
    systick_held_ = systick_current(now);
    systick_zero_ = kNever;
  }
  systick_enabled_ = enable;
}

std::uint32_t SystemControlSpace::systick_current(Cycles now) const {
  if (!systick_enabled_) return systick_held_;
  if (systick_zero_ == kNever || now >= systick_zero_) return 0;
  // Right after a reload from zero the counter shows RVR (the load cycle itself reads 0).
  return static_cast<std::uint32_t>(std::min<Cycles>(systick_zero_ - now, systick_reload_));
}

void SystemControlSpace::write_systick_current(Cycles now) {
  // Any write clears the counter and COUNTFLAG; the next cycle reloads from RVR. B3.3.5
  systick_countflag_ = false;
  systick_held_ = 0;
  if (systick_enabled_) systick_zero_ = systick_reload_ ? now + 1 + systick_reload_ : kNever;
}

}  // namespace anvil::arm
