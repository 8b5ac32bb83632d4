// The ARMv7-M core: construction, the run loop, instruction fetch and decode, PC writes,
// the IT state, memory accesses for handlers and the Core API. The exception model is in
// m_profile_exceptions.cpp, the System Control Space in m_profile_scs.cpp.
#include "cores/arm/cortex_m_core.h"

#include <algorithm>
#include <stdexcept>

#include "cores/arm/cortex_m3_timing.h"
#include "cores/arm/m_profile_scs.h"

namespace anvil::arm {

namespace {

struct ModelInfo {
  std::string_view name;
  std::uint32_t cpuid;  // SCB CPUID (B3.2.3)
  bool dsp;             // ARMv7E-M DSP extension
};

// Cortex-M3 r2p1 (M3 TRM 8.2.x) and Cortex-M4 r0p1 (M4 TRM 4.3.x).
constexpr ModelInfo kModels[] = {
    {"cortex-m3", 0x412FC231, false},
    {"cortex-m4", 0x410FC241, true},
};

const ModelInfo& model_info(std::string_view model) {
  for (const ModelInfo& m : kModels)
    if (m.name == model) return m;
  std::string known;
  for (const ModelInfo& m : kModels) known += (known.empty() ? "" : ", ") + std::string(m.name);
  throw std::invalid_argument("unknown Cortex-M model '" + std::string(model) +
                              "' (known: " + known + ")");
}

void undefined_instruction(ArmCpu& cpu, std::uint32_t) {
  cpu.undefined();
}

// Default memory map attributes (ARMv7-M ARM B3.1, Table B3-1): Peripheral, Device and
// System regions are Execute Never even without an MPU.
constexpr bool execute_never(std::uint32_t address) {
  return (address >= 0x40000000 && address < 0x60000000) || address >= 0xA0000000;
}

}  // namespace

std::vector<std::string> cortex_m_models() {
  std::vector<std::string> out;
  for (const ModelInfo& m : kModels) out.emplace_back(m.name);
  return out;
}

bool is_cortex_m_model(std::string_view model) {
  return std::any_of(std::begin(kModels), std::end(kModels),
                     [&](const ModelInfo& m) { return m.name == model; });
}

std::unique_ptr<Core> create_cortex_m(const CortexMConfig& config, MemoryPort& memory) {
  return std::make_unique<CortexM>(config, memory);
}

CortexM::CortexM(const CortexMConfig& config, MemoryPort& memory)
    : ArmCpu(memory), model_(config.model), decoded_(memory) {
  branch_cycles_ = m3_timing::kPipelineRefill;
  decoded_.set_drop_listener([this](Addr base) { decoded_page_dropped(base); });
  memory_.set_wait_sink(&pending_cycles_);
  const ModelInfo& info = model_info(config.model);
  if (config.external_irqs < 1 || config.external_irqs > 240)
    throw std::invalid_argument("cortex-m: external_irqs must be 1..240, got " +
                                std::to_string(config.external_irqs));
  if (config.priority_bits < 3 || config.priority_bits > 8)
    throw std::invalid_argument("cortex-m: priority_bits must be 3..8, got " +
                                std::to_string(config.priority_bits));
  has_dsp_ = info.dsp;
  semihosting_ = config.semihosting;
  hooks_ = &default_hooks_;
  scs_ =
      std::make_unique<SystemControlSpace>(config.external_irqs, config.priority_bits, info.cpuid);
  table16_ = std::make_unique<encoding::DecodeTable<ThumbHandler, 16, 6>>(thumb16_rows());
  table32_ = std::make_unique<encoding::DecodeTable<ThumbHandler, 32, 12>>(thumb32_rows());
}

CortexM::~CortexM() {
  memory_.set_wait_sink(nullptr);
}

// ---------------------------------------------------------------------------------------
// Registers and PC writes
// ---------------------------------------------------------------------------------------

// BXWritePC()/BLXWritePC() — A2.3.1, the cases ArmCpu's inline path leaves: EXC_RETURN in
// Handler mode starts an exception return; otherwise bit 0 becomes EPSR.T, and a clear T
// faults on the next instruction (INVSTATE).
void CortexM::exchange_write_pc(std::uint32_t address, bool exception_return_allowed) {
  if (exception_return_allowed && handler_mode_ && (address >> 28) == 0xF) {
    exc_return_ = address;
    set_event(kEventReturn);
    return;
  }
  next_pc_ = address & ~1u;
  pending_cycles_ += m3_timing::kPipelineRefill;
  if (!(address & 1)) {
    thumb_ = false;  // stacked with the fault, as the architecture shows EPSR.T = 0
    scs_->add_configurable_fault_status(std::uint32_t{kInvalidState}
                                        << fault_status::kUsageFaultShift);
    raise_synchronous(exception::kUsageFault, next_pc_, false);
  }
}

std::uint32_t CortexM::xpsr() const {
  std::uint32_t v = (std::uint32_t{flags.n} << 31) | (std::uint32_t{flags.z} << 30) |
                    (std::uint32_t{flags.c} << 29) | (std::uint32_t{flags.v} << 28) |
                    (std::uint32_t{flags.q} << 27);
  if (has_dsp_) v |= std::uint32_t{flags.ge} << 16;
  v |= std::uint32_t{thumb_} << 24;
  // IT[1:0] in bits 26:25, IT[7:2] in bits 15:10 (B1.4.2, EPSR).
  v |= std::uint32_t(itstate_ & 3) << 25;
  v |= std::uint32_t(itstate_ >> 2) << 10;
  return v | ipsr_;
}

void CortexM::set_xpsr(std::uint32_t v) {
  flags.n = (v >> 31) & 1;
  flags.z = (v >> 30) & 1;
  flags.c = (v >> 29) & 1;
  flags.v = (v >> 28) & 1;
  flags.q = (v >> 27) & 1;
  if (has_dsp_) flags.ge = (v >> 16) & 0xF;
  thumb_ = (v >> 24) & 1;
  itstate_ = static_cast<std::uint8_t>(((v >> 25) & 3) | (((v >> 10) & 0x3F) << 2));
  ipsr_ = v & 0x1FF;
}

// ---------------------------------------------------------------------------------------
// Stack pointers (B1.4.7): SP_main in Handler mode or with CONTROL.SPSEL clear.
// ---------------------------------------------------------------------------------------

void CortexM::select_mode(bool handler_mode, bool spsel) {
  const bool was_process = process_stack_active();
  handler_mode_ = handler_mode;
  control_spsel_ = spsel;
  if (was_process != process_stack_active()) std::swap(r_[13], banked_sp_);
}

void CortexM::set_sp_main(std::uint32_t v) {
  (process_stack_active() ? banked_sp_ : r_[13]) = v & ~3u;
}

void CortexM::set_sp_process(std::uint32_t v) {
  (process_stack_active() ? r_[13] : banked_sp_) = v & ~3u;
}

bool CortexM::privileged() const {
  return handler_mode_ || !control_npriv_;
}

bool CortexM::divide_by_zero_traps() const {
  return scs_->divide_by_zero_trap();
}

// ---------------------------------------------------------------------------------------
// Memory accesses for handlers
// ---------------------------------------------------------------------------------------

template <class T>
bool CortexM::load_data(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged) {
  if ((a & (sizeof(T) - 1)) != 0 && (align == Align::Required || scs_->unaligned_trap())) {
    usage_fault(kUnaligned);  // A3.2.1
    return false;
  }
  if (hooks_ != &default_hooks_ && !memory_.fetch_page(a)) [[unlikely]]
    watch_data_access(Access::Load, a, sizeof(T));
  if (a >= kSystemRegion) [[unlikely]]
    return system_access(Access::Load, a, sizeof(T), v, unprivileged);
  T value;
  if (!memory_.load(a, value)) [[unlikely]]
    return data_bus_fault(a);
  v = value;
  return true;
}

template <class T>
bool CortexM::store_data(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged) {
  if ((a & (sizeof(T) - 1)) != 0 && (align == Align::Required || scs_->unaligned_trap())) {
    usage_fault(kUnaligned);
    return false;
  }
  if (hooks_ != &default_hooks_ && !memory_.fetch_page(a)) [[unlikely]]
    watch_data_access(Access::Store, a, sizeof(T));
  if (a >= kSystemRegion) [[unlikely]]
    return system_access(Access::Store, a, sizeof(T), v, unprivileged);
  if (!memory_.store(a, static_cast<T>(v))) [[unlikely]]
    return data_bus_fault(a);
  return true;
}

// The System region: the SCS is inside the processor (B3.2); the rest of the PPB and the
// vendor system region go to the bus. Unprivileged SCS accesses are BusFaults (B3.2.1).
bool CortexM::system_access(Access kind, std::uint32_t a, unsigned size, std::uint32_t& v,
                            bool unprivileged) {
  if (!SystemControlSpace::contains(a)) {
    bool ok = false;
    if (size == 1) {
      std::uint8_t b = static_cast<std::uint8_t>(v);
      ok = kind == Access::Load ? memory_.load(a, b) : memory_.store(a, b);
      v = b;
    } else if (size == 2) {
      std::uint16_t h = static_cast<std::uint16_t>(v);
      ok = kind == Access::Load ? memory_.load(a, h) : memory_.store(a, h);
      v = h;
    } else {
      ok = kind == Access::Load ? memory_.load(a, v) : memory_.store(a, v);
    }
    return ok || data_bus_fault(a);
  }
  const std::uint32_t offset = a - SystemControlSpace::kBase;
  const bool user = unprivileged || !privileged();
  if (user && !(kind == Access::Store && scs_->unprivileged_write_allowed(offset)))
    return data_bus_fault(a);
  const ScsContext context{cycles_, ipsr_, handler_mode_};
  if (kind == Access::Load) {
    v = scs_->read(offset, size, context);
  } else if (scs_->write(offset, size, v, context)) {
    set_event(kEventReset);
  }
  set_event(kEventRecheck);
  return true;
}

// Hooks::data_access: told of accesses to pages without a direct pointer, which is where
// watchpoints live (MemoryPort::force_slow_path); the hook filters by address.
void CortexM::watch_data_access(Access kind, std::uint32_t address, unsigned size) {
  if (hooks_->data_access(kind, address, size)) set_event(kEventStop);
}

bool CortexM::data_bus_fault(std::uint32_t address) {
  // A precise data BusFault (B3.2.16). HACK: stores are reported precisely too; on the M3
  // buffered stores give imprecise faults.
  scs_->add_configurable_fault_status(fault_status::kPreciseDataBusError |
                                      fault_status::kBusFaultAddressValid);
  scs_->set_bus_fault_address(address);
  raise_synchronous(exception::kBusFault, current_pc_, true);
  return false;
}

bool CortexM::load_slow(std::uint32_t a, std::uint32_t& v, unsigned size, Align align,
                        bool unprivileged) {
  switch (size) {
    case 1:
      return load_data<std::uint8_t>(a, v, align, unprivileged);
    case 2:
      return load_data<std::uint16_t>(a, v, align, unprivileged);
    default:
      return load_data<std::uint32_t>(a, v, align, unprivileged);
  }
}

bool CortexM::store_slow(std::uint32_t a, std::uint32_t v, unsigned size, Align align,
                         bool unprivileged) {
  switch (size) {
    case 1:
      return store_data<std::uint8_t>(a, v, align, unprivileged);
    case 2:
      return store_data<std::uint16_t>(a, v, align, unprivileged);
    default:
      return store_data<std::uint32_t>(a, v, align, unprivileged);
  }
}

// ---------------------------------------------------------------------------------------
// Fetch and decode
// ---------------------------------------------------------------------------------------

bool CortexM::fetch_halfword(std::uint32_t address, std::uint32_t& value) {
  // Instruction fetches are always little-endian on ARMv7-M (A3.3.1).
  if (const std::uint8_t* page = memory_.fetch_page(address)) {
    const std::uint32_t o = address & MemoryPort::kPageMask;
    value = page[o] | (std::uint32_t{page[o + 1]} << 8);
    return true;
  }
  std::uint16_t h = 0;
  if (!memory_.load(address, h, Access::Fetch)) return false;
  value = memory_.guest_order() == std::endian::little ? h : anvil::byteswap(h);
  return true;
}

// Decodes the instruction at `pc` into `out`. Returns false (with the fault raised) when
// the fetch fails.
bool CortexM::decode(std::uint32_t pc, DecodedThumb& out) {
  if (execute_never(pc)) {
    scs_->add_configurable_fault_status(fault_status::kInstructionAccessViolation);
    raise_synchronous(exception::kMemManage, pc, true);
    return false;
  }
  std::uint32_t first = 0, second = 0;
  bool fetched = fetch_halfword(pc, first);
  // A 32-bit encoding starts with 0b11101, 0b11110 or 0b11111 (A5.1).
  const bool wide = fetched && (first >> 11) >= 0x1D;
  if (wide) fetched = fetch_halfword(pc + 2, second);
  if (!fetched) {
    scs_->add_configurable_fault_status(fault_status::kInstructionBusError);
    raise_synchronous(exception::kBusFault, pc, true);
    return false;
  }
  const ThumbRow* row = nullptr;
  if (wide) {
    out.insn = (first << 16) | second;
    out.length = 4;
    row = table32_->find(out.insn);
  } else {
    out.insn = first;
    out.length = 2;
    row = table16_->find(out.insn);
  }
  out.handler = row ? row->handler : &undefined_instruction;
  return true;
}

// The hot path: the instruction at `pc` from the decoded page in use, else the slow path.
inline const DecodedThumb* CortexM::decoded_at(std::uint32_t pc) {
  if ((pc & ~MemoryPort::kPageMask) == code_page_base_ &&
      (pc & MemoryPort::kPageMask) <= MemoryPort::kPageSize - 4) [[likely]] {
    const DecodedThumb& slot = code_slots_[(pc & MemoryPort::kPageMask) / 2];
    if (slot.handler) [[likely]]
      return &slot;
  }
  return decoded_at_slow(pc);
}

// Cache only instructions inside one page that has a direct pointer: then the page's
// decoded code is dropped whenever the page is written or the bus maps other memory there
// (MemoryPort tells the cache), and slow (wait-stated) memory is fetched, and charged, on
// every execution.
const DecodedThumb* CortexM::decoded_at_slow(std::uint32_t pc) {
  if (!memory_.fetch_page(pc) || (pc & MemoryPort::kPageMask) > MemoryPort::kPageSize - 4)
    return decode(pc, scratch_) ? &scratch_ : nullptr;
  const Addr base = pc & ~MemoryPort::kPageMask;
  if (base != code_page_base_) {
    code_slots_ = decoded_.page(base).slots.data();
    code_page_base_ = base;
  }
  DecodedThumb& slot = code_slots_[(pc & MemoryPort::kPageMask) / 2];
  if (slot.handler) return &slot;
  return decode(pc, slot) ? &slot : nullptr;
}

// The decoded cache dropped a page (written, remapped) or everything: forget the page in use.
void CortexM::decoded_page_dropped(Addr base) {
  if (base == ~Addr{0} || base == code_page_base_) {
    code_page_base_ = ~Addr{0};
    code_slots_ = nullptr;
    limit_.store(0, std::memory_order_relaxed);  // the run loop holds the page's slots
  }
}

// ---------------------------------------------------------------------------------------
// The run loop
// ---------------------------------------------------------------------------------------

// Per instruction only what handlers may change is re-read (next_pc_, itstate_, cycles_,
// pending_cycles_, limit_); the rest lives in locals:
//  - the decoded page: while the PC stays inside it, the next slot is found from the
//    offset alone. A store into the page drops it, and the drop zeroes limit_ (see
//    decoded_page_dropped), so the slots are never used after that;
//  - events: set_event() also zeroes limit_, so they are looked at only when the limit is hit;
//  - stop requests: request_stop() zeroes limit_ too (after setting stop_requested_, which
//    the loop checks after run() or step() set the limit, so neither store is lost).
template <bool Hooked>
void CortexM::execute_until_limit() {
  while (cycles_ < limit_.load(std::memory_order_relaxed)) {
    if (stop_requested_.load()) [[unlikely]]
      return;
    if constexpr (Hooked) {
      // After resume(), the instruction the core stopped at runs without asking again.
      const bool resuming = skip_hook_once_ && current_pc_ == stopped_pc_;
      skip_hook_once_ = false;
      if (!resuming && hooks_->before_instruction(current_pc_)) {
        state_ = CoreState::Stopped;
        stopped_pc_ = current_pc_;
        return;
      }
    }
    const std::uint32_t pc = current_pc_;
    const DecodedThumb* d = decoded_at(pc);
    if (!d) [[unlikely]] {
      // The fetch faulted: the exception is taken with this instruction's address.
      next_pc_ = pc;
      finish_events(itstate_);
      continue;
    }
    // The hook runs before every instruction; an uncached one (the scratch slot) has no
    // page to continue in.
    if (Hooked || d == &scratch_)
      execute_from<true>(d, pc);
    else
      execute_from<false>(d, pc);
  }
}

// Runs the instruction `d` at `pc` and, unless `Single`, the ones after it while the PC stays
// in the decoded page of `d` and below the limit.
template <bool Single>
inline void CortexM::execute_from(const DecodedThumb* d, std::uint32_t pc) {
  // Offsets below kPageSize - 2 are cached slots of this page (the last halfword never is:
  // an instruction there may cross the page).
  const DecodedThumb* const slots = code_slots_;
  const std::uint32_t page_base = static_cast<std::uint32_t>(code_page_base_);
  for (;;) {
    const std::uint8_t it = itstate_;
    next_pc_ = pc + d->length;
    // Inside an IT block the loop checks the condition (A7.3.3); failed instructions
    // still take their cycle.
    if (it == 0) [[likely]] {
      d->handler(*this, d->insn);
    } else {
      if (!(it & 0xF) || condition_passed(it >> 4)) d->handler(*this, d->insn);
      if (it & 0xF) itstate_ = it_advance(it);
    }
    // Handlers' extra cycles are charged after the instruction, so a device read inside it
    // sees the instruction's first cycle.
    cycles_ += 1 + pending_cycles_;  // bus wait states land in pending_cycles_ too
    pending_cycles_ = 0;
    ++instructions_;
    pc = next_pc_;
    current_pc_ = pc;
    if (cycles_ >= limit_.load(std::memory_order_relaxed)) [[unlikely]] {
      if (events_) finish_events(it);
      return;
    }
    if constexpr (Single) return;
    const std::uint32_t offset = pc - page_base;
    if (offset >= MemoryPort::kPageSize - 2) return;
    d = slots + offset / 2;  // PC writes clear bit 0 (A2.3.1)
    if (!d->handler) return;
  }
}

// Acts on what the instruction asked for, in architectural order: a synchronous exception
// replaces everything else the instruction did.
void CortexM::finish_events(std::uint8_t itstate_before) {
  const std::uint8_t events = events_;
  events_ = 0;
  limit_ = 0;
  if (events & kEventException) {
    if (sync_restore_itstate_) itstate_ = itstate_before;
    const unsigned number = sync_number_;
    sync_number_ = 0;
    take_synchronous(number, sync_return_, false);
    return;
  }
  if (events & kEventReset) {
    reset();
    return;
  }
  if (events & kEventReturn) exception_return(exc_return_);
  if (events & kEventSleep) enter_sleep(sleep_for_event_);
  if (events & kEventStop) {
    state_ = CoreState::Stopped;
    stopped_pc_ = current_pc_;
  }
}

Cycles CortexM::run(Cycles budget) {
  const Cycles start = cycles_;
  const Cycles end = budget > kNever - start ? kNever : start + budget;
  wake_if_due();
  while (state_ == CoreState::Running) {
    if (stop_requested_.exchange(false)) break;
    service_exceptions();
    if (state_ != CoreState::Running || cycles_ >= end) break;
    limit_ = std::min(end, scs_->systick_next_event());
    if (per_instruction_hooks_)
      execute_until_limit<true>();
    else
      execute_until_limit<false>();
  }
  return cycles_ - start;
}

Cycles CortexM::step() {
  const Cycles start = cycles_;
  wake_if_due();
  if (state_ != CoreState::Running) return 0;
  scs_->systick_catch_up(cycles_);
  if (preempting_exception() != 0) {
    service_exceptions();
    return cycles_ - start;
  }
  limit_ = cycles_ + 1;  // exactly one instruction: each costs at least one cycle
  execute_until_limit<false>();
  return cycles_ - start;
}

void CortexM::resume() {
  if (state_ == CoreState::Stopped) {
    state_ = CoreState::Running;
    skip_hook_once_ = true;  // do not stop again at the breakpoint we stopped at
  }
}

// Called from any thread. The flag first, then the limit: run() and step() store the limit
// before the loop reads the flag, so the loop sees one or the other.
void CortexM::request_stop() {
  stop_requested_.store(true);
  limit_.store(0);
}

void CortexM::set_hooks(Hooks* hooks, bool per_instruction) {
  hooks_ = hooks ? hooks : &default_hooks_;
  per_instruction_hooks_ = hooks != nullptr && per_instruction;
}

// ---------------------------------------------------------------------------------------
// Reset (B1.5.5 TakeReset)
// ---------------------------------------------------------------------------------------

void CortexM::reset() {
  r_.fill(0);
  banked_sp_ = 0;
  handler_mode_ = false;
  control_spsel_ = control_npriv_ = false;
  primask_ = faultmask_ = false;
  basepri_ = 0;
  ipsr_ = 0;
  itstate_ = 0;
  flags = Apsr{};
  events_ = 0;
  sync_number_ = 0;
  pending_cycles_ = 0;
  exclusive_valid_ = false;
  event_register_ = false;
  limit_ = 0;
  scs_->reset(cycles_);
  pending_cycles_ = 0;  // wait states of accesses that no longer count
  state_ = CoreState::Running;
  std::uint32_t sp = 0, entry = 0;
  if (!memory_.load(std::uint32_t{0}, sp) || !memory_.load(std::uint32_t{4}, entry)) {
    // No readable vector table: the processor locks up at once (B1.5.15).
    current_pc_ = 0xFFFFFFFE;
    state_ = CoreState::Lockup;
    return;
  }
  pending_cycles_ = 0;  // wait states of accesses that no longer count
  r_[13] = sp & ~3u;
  r_[14] = 0xFFFFFFFF;  // LR is UNKNOWN on reset; all ones is what the M3 shows
  current_pc_ = next_pc_ = entry & ~1u;
  thumb_ = (entry & 1) != 0;
  if (!thumb_) {
    // The first instruction faults with INVSTATE, and escalates to HardFault.
    scs_->add_configurable_fault_status(std::uint32_t{kInvalidState}
                                        << fault_status::kUsageFaultShift);
    take_synchronous(exception::kUsageFault, current_pc_, false);
  }
}

// ---------------------------------------------------------------------------------------
// Interrupts, sleep and timers
// ---------------------------------------------------------------------------------------

unsigned CortexM::irq_line_count() const {
  return scs_->external_irqs();
}

void CortexM::set_irq_line(unsigned line, bool level) {
  if (line >= scs_->external_irqs())
    throw std::out_of_range(model_ + ": interrupt line " + std::to_string(line) +
                            " does not exist (the NVIC has " +
                            std::to_string(scs_->external_irqs()) + " lines)");
  const bool was_pending = scs_->pending(exception::kFirstExternal + line);
  scs_->set_line(line, level);
  // SCR.SEVONPEND: an interrupt becoming pending is a WFE wake-up event (B1.5.18).
  if (!was_pending && scs_->pending(exception::kFirstExternal + line) && scs_->send_event_on_pend())
    event_register_ = true;
  limit_ = 0;
  wake_if_due();
}

Cycles CortexM::next_internal_event() const {
  const Cycles at = scs_->systick_next_event();
  if (at == kNever) return kNever;
  return at > cycles_ ? at - cycles_ : 0;
}

void CortexM::advance_idle(Cycles cycles) {
  // Time asleep is core clock time too: SysTick counts it, and so does cycle_count().
  cycles_ += cycles;
  scs_->systick_catch_up(cycles_);
  wake_if_due();
}

}  // namespace anvil::arm
