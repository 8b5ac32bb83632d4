// The MIPS core: construction, reset, the run loop with its delay-slot state machine,
// instruction fetch and decode, and the Core API's run control. CP0 is in mips_cp0.cpp,
// exceptions and interrupts in mips_exceptions.cpp, memory in mips_memory.cpp.
#include "cores/mips/mips_core.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace anvil::mips {

namespace {

void undefined_instruction(MipsCore& cpu, std::uint32_t) {
  cpu.reserved_instruction();
}

}  // namespace

// The rows a variant decodes: the common set, then what its ISA level and FPU add.
std::vector<MipsRow> decode_rows(const Variant& v) {
  return decode_rows(v, v.has_fpu);
}

std::vector<MipsRow> decode_rows(const Variant& v, bool with_fpu) {
  std::vector<MipsRow> rows(mips_common_rows().begin(), mips_common_rows().end());
  const auto add = [&rows](std::span<const MipsRow> more) {
    rows.insert(rows.end(), more.begin(), more.end());
  };
  if (v.isa == IsaLevel::Mips1)
    add(mips1_rows());
  else
    add(mips32r2_rows());
  if (with_fpu)
    add(mips_fpu_rows());
  else if (v.isa == IsaLevel::Mips32Release2)
    add(mips32_no_fpu_rows());
  else
    add(mips1_no_fpu_rows());
  return rows;
}

std::unique_ptr<Core> create_mips(const MipsConfig& config, MemoryPort& memory) {
  return std::make_unique<MipsCore>(config, memory);
}

MipsCore::MipsCore(const MipsConfig& config, MemoryPort& memory)
    : variant_(find_variant(config.model)),
      memory_(memory),
      read_pages_(memory.read_pages()),
      write_pages_(memory.write_pages()),
      big_endian_(config.byte_order == std::endian::big),
      swap_bytes_(config.byte_order != std::endian::native),
      flat_(config.address_map == AddressMap::Flat),
      linux_user_(config.linux_user),
      // Linux emulates CP1 in the kernel where there is no FPU (arch/mips/math-emu), so a
      // hard-float program runs on every core: `anvil user` executes CP1 as it would.
      fpu_present_(variant_.has_fpu || linux_user_),
      timing_(*variant_.timing),
      interlocked_(variant_.timing->interlocked),
      branch_taken_cycles_(variant_.timing->branch_taken),
      decoded_(memory) {
  if (memory.guest_order() != config.byte_order)
    throw std::invalid_argument("mips: the memory port's byte order differs from the core's");
  // load_fast/store_fast index the port's tables with any kuseg page.
  if (memory.pages() < (Addr{0x80000000} >> MemoryPort::kPageBits))
    throw std::invalid_argument("mips: the memory port must cover 32-bit addresses");
  // Cause.CE on every exception needs the opcode of the instruction in hand, which only the
  // MIPS I run loop keeps (the loops are built per load-delay model).
  if (variant_.branch_target_register && !variant_.load_delay_slot)
    throw std::logic_error("mips: branch_target_register needs a load-delay (MIPS I) variant");
  decoded_.set_drop_listener([this](Addr base) { decoded_page_dropped(base); });
  memory_.set_wait_sink(&pending_cycles_);
  hooks_ = &default_hooks_;
  const std::vector<MipsRow> rows = decode_rows(variant_, fpu_present_);
  table_ = std::make_unique<encoding::DecodeTable<MipsHandler, 32, 12>>(rows);
  cp0_.tlb.resize(variant_.tlb_entries);
  reset();
}

MipsCore::~MipsCore() {
  memory_.set_wait_sink(nullptr);
}

// Reset: MIPS32 PRA 6.1.1 ("Reset exception": BEV=1, ERL=1, PC = 0xBFC00000, Random = the
// last entry, Wired = 0, Config as built); R30xx manual 3.6 for MIPS I (BEV=1, KUc=IEc=0).
void MipsCore::reset() {
  r_.fill(0);
  hi = lo = 0;
  delay_ = branch_ = DelayState{};
  control_flow_ = false;
  pending_load_ = new_load_ = PendingLoad{};
  ll_bit_ = false;
  hilo_ready_ = 0;
  timing_.reset();
  const std::vector<TlbEntry> tlb(variant_.tlb_entries);
  cp0_ = Cp0{};
  cp0_.tlb = tlb;
  fpu_ = Fpu{};
  cp0_.random = variant_.tlb_entries - 1;
  cp0_.ebase = 0x80000000;
  cp0_.config0 = variant_.config[0] | (big_endian_ ? (1u << 15) : 0);
  const bool mips1 = variant_.isa == IsaLevel::Mips1;
  if (linux_user_) {
    // A process as the kernel leaves it: user mode, the FPU enabled where there is one.
    cp0_.status = mips1 ? status::kMips1KUc : status::kUM;
    if (fpu_present_) cp0_.status |= status::kCU1;
    cp0_.hwrena = 0;
  } else {
    cp0_.status = status::kBEV | (mips1 ? 0 : status::kERL);
  }
  pc_ = 0xBFC00000;
  next_pc_ = pc_ + 4;
  pending_cycles_ = 0;
  state_ = CoreState::Running;
  limit_ = 0;
  schedule_timer();
}

void MipsCore::set_pipeline_state(const PipelineState& s) {
  delay_ = s.delay;
  pending_load_ = s.load;
  new_load_ = PendingLoad{};
  branch_ = DelayState{};
  control_flow_ = true;  // the next finish_instruction() clears delay_ as it always did
  next_pc_ = delay_.taken ? delay_.target : pc_ + 4;
}

// ---------------------------------------------------------------------------------------
// Fetch and decode
// ---------------------------------------------------------------------------------------

bool MipsCore::fetch(std::uint32_t pc, std::uint32_t& insn) {
  // Instructions are words on word boundaries (MIPS32 PRA 6.2.5, AdEL on fetch).
  if (pc & 3) {
    address_error(false, pc);
    return false;
  }
  Addr pa = 0;
  if (!translate(pc, false, pa)) return false;
  if (!memory_.load(pa, insn, Access::Fetch)) {
    raise(ExcCode::BusFetch);
    return false;
  }
  return true;
}

DecodedMips MipsCore::decode_word(std::uint32_t insn) const {
  const MipsRow* row = table_->find(insn);
  DecodedMips d{.handler = row ? row->handler : &undefined_instruction,
                .insn = insn,
                .timing = interlocked_ ? timing_.summary(insn) : IssueSummary{}};
  predecode_inline(d, interlocked_ ? &timing_ : nullptr);
  return d;
}

// Decoded instructions are cached by virtual page while the mapping of that page is fixed
// (flat, or kseg0/kseg1 with its fixed physical page), with the straight-line run that
// follows them; anything else is decoded each time.
const DecodedMips* MipsCore::decode_slow(std::uint32_t pc) {
  if (DecodedPages::Page* page = cached_page(pc)) {
    const Addr offset = pc & MemoryPort::kPageMask;
    if (const DecodedMips* d = page->find(offset)) return d;  // the page was not in use
    // The page has a direct host pointer: these fetches cannot fail. A run that would end
    // with an inline branch (its last instruction, the delay slot left out) ends before it
    // instead, so that the branch starts the next run with its slot after it: only a slot
    // that is the branch's next entry runs with it (SegmentOps::branch), else it is a
    // segment of its own and the loop looks up the next pc.
    unsigned decoded = 0;
    static const DecodedMips kTerminator = run_terminator();
    forget_known_targets();
    DecodedMips* const d = page->decode_run(
        offset, MemoryPort::kPageSize - 4,
        [&](Addr at, DecodedMips& out) -> unsigned {
          std::uint32_t insn = 0;
          if (!memory_.load(code_page_physical_ + at, insn, Access::Fetch)) return 0;
          out = decode_word(insn);
          out.pc = (pc & ~static_cast<std::uint32_t>(MemoryPort::kPageMask)) + at;
          if (++decoded == DecodedPages::kMaxRun && has_delay_slot(out.inline_op)) return 0;
          return 4;
        },
        &kTerminator);
    if (d && interlocked_) fuse_delay_slots(d);
    if (d) return d;
  }
  std::uint32_t insn = 0;
  if (!fetch(pc, insn)) return nullptr;
  scratch_[0] = decode_word(insn);
  scratch_[0].pc = pc;
  return &scratch_[0];
}

// The decoded page for `pc`, made the one in use; null when `pc` is not cached (a mapping
// that may change, no direct host page) or its fetch would fault, which fetch() then raises.
MipsCore::DecodedPages::Page* MipsCore::cached_page(std::uint32_t pc) {
  const Addr base = pc & ~static_cast<std::uint32_t>(MemoryPort::kPageMask);
  if (base == recent_code_page(base).base && !(pc & 3)) {
    switch_code_page(CodePage{recent_code_page(base)});
    return code_page_;
  }
  const bool fixed_mapping = flat_ || (pc >= 0x80000000 && pc < 0xC0000000);
  // translate() raises an address error exactly when this is false.
  const bool accessible = pc < 0x80000000 || kernel_mode();
  Addr pa = 0;
  if ((pc & 3) || !fixed_mapping || !accessible || !translate(pc, false, pa) ||
      !memory_.fetch_page(pa))
    return nullptr;
  // The cache is keyed by virtual page: the physical page's writes drop it through the
  // port's code-page watch, which is on the physical page.
  if (base != code_page_base_)
    switch_code_page({base, pa & ~MemoryPort::kPageMask, &decoded_.page(pa)});
  return code_page_;
}

void MipsCore::switch_code_page(const CodePage& next) {
  if (flat_ && code_page_ && code_page_base_ < 0x80000000)
    recent_code_page(code_page_base_) = {code_page_base_, code_page_physical_, code_page_};
  code_page_base_ = next.base;
  code_page_physical_ = next.physical;
  code_page_ = next.page;
}

void MipsCore::decoded_page_dropped(Addr) {
  // Pages are watched by physical address but used by virtual one: forget the page in use
  // whatever was dropped.
  code_page_base_ = ~Addr{0};
  code_page_ = nullptr;
  recent_code_pages_.fill(CodePage{});
  forget_known_targets();
  limit_.store(0, std::memory_order_relaxed);
}

// ---------------------------------------------------------------------------------------
// The run loop
// ---------------------------------------------------------------------------------------

template <bool Hooked>
void MipsCore::execute_until_limit() {
  if (variant_.load_delay_slot) {
    if (interlocked_)
      execute_mips1_until_limit<Hooked, true>();
    else
      execute_mips1_until_limit<Hooked, false>();
  } else {
    if (interlocked_)
      execute_mips32_until_limit<Hooked, true>();
    else
      execute_mips32_until_limit<Hooked, false>();
  }
}

// The MIPS I loop: every instruction through its handler, which leaves a load in the
// load-delay slot (the R3000 is neither interlocked nor hot enough for inline forms).
template <bool Hooked, bool Interlocked>
void MipsCore::execute_mips1_until_limit() {
  const DecodedMips* d = nullptr;
  // The address at which `d + 1` is the next instruction; none (wider than any address)
  // when `d` was the last of its run.
  constexpr std::uint64_t kNoFallThrough = ~std::uint64_t{0};
  std::uint64_t fall_through = kNoFallThrough;
  while (cycles_ < limit_.load(std::memory_order_relaxed)) {
    if constexpr (Hooked) {
      if (stopped_by_hook()) return;
    }
    // Straight on through a decoded run when the last instruction fell through; a store
    // that drops the page ends the loop (limit 0) before `d` is read again.
    if (pc_ == fall_through)
      ++d;
    else
      d = decoded_at(pc_);
    // A fetch that faults has already entered the exception; the instruction is then
    // finished like any other (a load in flight still lands, R3000 as the vectors show).
    if (d) [[likely]] {
      fall_through = d->falls_through ? std::uint64_t{pc_} + 4 : kNoFallThrough;
      insn_ = d->insn;  // for the R3000A's Cause.CE
      if constexpr (Interlocked) pending_cycles_ += timing_.issue(d->timing, d->insn, cycles_);
      d->handler(*this, d->insn);
    } else {
      fall_through = kNoFallThrough;
    }
    finish_instruction<true>();
  }
}

Cycles MipsCore::run(Cycles budget) {
  const Cycles start = cycles_;
  const Cycles end = budget > kNever - start ? kNever : start + budget;
  wake_if_due();
  while (state_ == CoreState::Running) {
    if (stop_requested_.exchange(false) || stop_after_) break;
    update_timer();
    if (interrupt_pending()) take_interrupt();
    if (cycles_ >= end) break;
    limit_ = std::min(end, cp0_.timer_at);
    if (stop_requested_.load()) break;
    if (per_instruction_hooks_)
      execute_until_limit<true>();
    else
      execute_until_limit<false>();
  }
  // Linux delivers signals only where an exception returns to user mode, never between a
  // branch and its delay slot (EPC would name the branch). The user-mode layer delivers
  // them between run() calls, so a process's run ends after the delay slot, not in it.
  if (linux_user_ && delay_.slot && state_ == CoreState::Running) {
    limit_ = cycles_ + 1;
    if (per_instruction_hooks_)
      execute_until_limit<true>();
    else
      execute_until_limit<false>();
  }
  stop_after_ = false;
  return cycles_ - start;
}

Cycles MipsCore::step() {
  const Cycles start = cycles_;
  wake_if_due();
  if (state_ != CoreState::Running) return 0;
  update_timer();
  if (interrupt_pending()) {
    take_interrupt();
    return cycles_ - start;
  }
  limit_ = cycles_ + 1;
  execute_until_limit<false>();
  stop_after_ = false;
  return cycles_ - start;
}

void MipsCore::resume() {
  if (state_ == CoreState::Stopped) {
    state_ = CoreState::Running;
    skip_hook_once_ = true;
  }
}

void MipsCore::request_stop() {
  stop_requested_.store(true);
  limit_.store(0);
}

void MipsCore::set_hooks(Hooks* hooks, bool per_instruction) {
  hooks_ = hooks ? hooks : &default_hooks_;
  per_instruction_hooks_ = hooks != nullptr && per_instruction;
}

}  // namespace anvil::mips
