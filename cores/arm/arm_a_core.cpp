// The A-profile core: construction, the run loop over the decoded-instruction cache (A32 and
// T32 slots in one cache), fetch and decode, and the Core API's run control. Modes and
// exceptions are in arm_a_exceptions.cpp, memory in arm_a_memory.cpp, the register file as
// debuggers see it in arm_a_registers.cpp.
#include "cores/arm/arm_a_core.h"

#include <algorithm>
#include <stdexcept>

#include "cores/arm/a32_handlers.h"
#include "cores/arm/arm_a_decoded_ops.h"
#include "cores/arm/thumb16_handlers.h"
#include "cores/arm/thumb32_control.h"

namespace anvil::arm {

namespace {

void undefined_instruction(ArmCpu& cpu, std::uint32_t) {
  cpu.undefined();
}

// The coprocessor space: A32 ARMv7-A ARM A5.6 (op1 = 10xxxx/110xxx... bits 27:25 = 110, or
// bits 27:24 = 1110); T32 A6.3.18 (first halfword 111x 11xx). With cond (T32: 1110, T = 0)
// in bits 31:28 the two words are the same.
constexpr bool coprocessor_space(std::uint32_t insn) {
  return ((insn >> 25) & 7) == 6 || ((insn >> 24) & 0xF) == 0xE;
}

// The rows of `table` the variant has (A32Row::feature): the rest stay UNDEFINED.
std::unique_ptr<A32DecodeTable> filtered(std::span<const A32Row> table, const ArmAVariant& v) {
  std::vector<A32TableRow> rows;
  for (const A32Row& r : table)
    if (variant_has(v, r.feature)) rows.push_back(r.row);
  return std::make_unique<A32DecodeTable>(rows);
}

}  // namespace

std::unique_ptr<Core> create_arm_a_core(const ArmAConfig& config, MemoryPort& memory) {
  const ArmAVariant* variant = find_arm_a_variant(config.model);
  if (!variant) {
    std::string known;
    for (const ArmAVariant& v : arm_a_variants())
      known += (known.empty() ? "" : ", ") + std::string(v.name);
    throw std::invalid_argument("unknown A-profile ARM model '" + config.model +
                                "' (known: " + known + ")");
  }
  return std::make_unique<ArmA>(config, *variant, memory);
}

ArmA::ArmA(const ArmAConfig& config, const ArmAVariant& variant, MemoryPort& memory)
    : ArmCpu(memory),
      variant_(variant),
      linux_user_(config.linux_user),
      specialised_ops_(config.specialised_ops),
      semihosting_(config.semihosting),
      decoded_(memory) {
  decoded_.set_drop_listener([this](Addr base) { decoded_page_dropped(base); });
  memory_.set_wait_sink(&pending_cycles_);
  hooks_ = &default_hooks_;
  has_dsp_ = variant.dsp;
  sp_write_mask_ = ~0u;
  branch_cycles_ = variant.timing->branch;
  load_interworks_ = variant.architecture >= 5;
  alu_interworks_ = variant.architecture >= 7;
  vfp.d_count = variant.d_registers;
  a32_ = filtered(a32_conditional_table(), variant);
  a32_unconditional_ = filtered(a32_unconditional_table(), variant);
  coprocessor_ = filtered(coprocessor_table(), variant);
  std::vector<ThumbRow> thumb16;
  for (const ThumbRow& r : thumb16_rows())
    if (variant_has(variant, thumb16_feature(r.handler))) thumb16.push_back(r);
  t16_ = std::make_unique<encoding::DecodeTable<ThumbHandler, 16, 6>>(thumb16);
  t32_ = std::make_unique<encoding::DecodeTable<ThumbHandler, 32, 12>>(thumb32_rows());
  t32_a_profile_ =
      std::make_unique<encoding::DecodeTable<ThumbHandler, 32, 12>>(t32_a_profile_rows());
  registers_ = describe_registers();
  reset();
}

ArmA::~ArmA() {
  memory_.set_wait_sink(nullptr);
}

// ---------------------------------------------------------------------------------------
// Fetch and decode
// ---------------------------------------------------------------------------------------

// Decodes an A32 word: the conditional table, the unconditional space (cond = 1111), or the
// coprocessor space; rows with a T32 rewrite run the Thumb-2 handler on the rewritten word.
bool ArmA::decode_arm(std::uint32_t word, DecodedArm& out) const {
  const unsigned cond = word >> 28;
  const A32TableRow* row = nullptr;
  if (cond == 0xF)
    row = a32_unconditional_->find(word);
  else if (coprocessor_space(word))
    row = coprocessor_->find(word);
  else
    row = a32_->find(word);
  out.cond = static_cast<std::uint8_t>(cond);
  out.insn = word;
  if (!row) return false;
  if (!row->handler.to_thumb) {
    out.handler = row->handler.handler;
    return true;
  }
  const std::uint32_t rewritten = row->handler.to_thumb(word);
  const ThumbRow* thumb = rewritten ? t32_->find(rewritten) : nullptr;
  if (!thumb) return false;
  out.insn = rewritten;
  out.handler = thumb->handler;
  return true;
}

// Decodes the instruction at `pc` in the current state into `out`. Returns false (with a
// prefetch abort raised) when the fetch fails. Instruction fetches are little-endian.
bool ArmA::decode(std::uint32_t pc, DecodedArm& out) {
  out = DecodedArm{};
  out.pc = pc;
  out.arm = !thumb_;
  out.handler = &undefined_instruction;
  if (thumb_) out.cond = 0;  // no IT state known (decode_in_run knows it)
  bool fetched = false;
  if (!thumb_) {
    std::uint32_t word = 0;
    fetched = memory_.load(pc, word, Access::Fetch);
    out.length = 4;
    if (fetched && !decode_arm(word, out)) out.handler = &undefined_instruction;
  } else {
    std::uint16_t first = 0, second = 0;
    fetched = memory_.load(pc, first, Access::Fetch);
    // A 32-bit encoding starts with 0b11101, 0b11110 or 0b11111 (A6.1); before ARMv6T2 only
    // the BL/BLX pair (0b11110 then 0b111x1) is one.
    const bool wide = fetched && (first >> 11) >= 0x1D;
    if (wide) fetched = memory_.load(pc + 2, second, Access::Fetch);
    const ThumbRow* row = nullptr;
    if (fetched && wide) {
      out.insn = (std::uint32_t{first} << 16) | second;
      out.length = 4;
      row = t32_a_profile_->find(out.insn);
      if (!row) row = t32_->find(out.insn);
      if ((!row || row->handler == &thumb32_coprocessor) && (out.insn >> 28) == 0xE &&
          coprocessor_space(out.insn)) {
        const A32TableRow* cp = coprocessor_->find(out.insn);
        row = nullptr;
        if (cp) out.handler = cp->handler.handler;
      } else if (row && !variant_.thumb2 &&
                 !((first >> 11) == 0x1E && ((second >> 11) == 0x1F || (second >> 11) == 0x1D))) {
        row = nullptr;  // before ARMv6T2 the only 32-bit Thumb encodings are BL and BLX
      }
    } else if (fetched) {
      out.insn = first;
      out.length = 2;
      row = t16_->find(out.insn);
    }
    if (row) out.handler = row->handler;
  }
  if (!fetched) {
    if (linux_user_)
      raise_user_fault(UserFault::SegmentationFault, pc);
    else
      prefetch_abort(pc);
    return false;
  }
  choose_execute(out);
  return true;
}

// IT blocks at decode time (ARMv7-A ARM A2.5.2): in a run, the instructions after an IT are
// decoded with the IT state each will run under, so the loop need not compute it. After an
// instruction inside a block the state advances (ITAdvance, also past an IT there: the
// handler's new state is overwritten, as execute_in_it_block does); after an IT outside one it
// is the IT's firstcond:mask. Only with the specialised ops: without them entries carry no IT
// state and an IT leaves the loop, so every instruction in a block runs by the live ITSTATE
// (execute_with_live_itstate), the lockstep test's reference.
bool ArmA::decode_in_run(std::uint32_t pc, DecodedArm& out, std::uint8_t& run_itstate) {
  if (!decode(pc, out)) return false;
  if (out.arm) return true;
  if (!specialised_ops_) {
    if (out.handler == &thumb16::IT) out.execute = &DecodedOps::if_then_leaving_run;
    return true;
  }
  out.cond = run_itstate;
  if (run_itstate != 0)
    run_itstate = it_advance(run_itstate);
  else if (out.handler == &thumb16::IT)
    run_itstate = static_cast<std::uint8_t>(out.insn & 0xFF);
  return true;
}

// The instruction at `pc` from the decoded page in use, else decoded now: with the run that
// follows it when it lies inside one page with a direct pointer (so stores to the page drop
// it), else alone in scratch_.
const DecodedArm* ArmA::decoded_at(std::uint32_t pc) {
  constexpr std::uint32_t kLastOffset = MemoryPort::kPageSize - 4;  // a whole T32 word inside
  const std::uint32_t offset = pc & MemoryPort::kPageMask;
  if ((pc & ~MemoryPort::kPageMask) == code_page_base_ && offset <= kLastOffset) {
    const DecodedArm* d = code_page_->find(offset);
    if (d && d->arm == !thumb_) return d;
  }
  if (!memory_.fetch_page(pc) || offset > kLastOffset)
    return decode(pc, scratch_) ? &scratch_ : nullptr;
  const Addr base = pc & ~MemoryPort::kPageMask;
  if (base != code_page_base_) {
    code_page_ = &decoded_.page(base);
    code_page_base_ = base;
  }
  if (const DecodedArm* d = code_page_->find(offset); d && d->arm == !thumb_) return d;
  // Fetches inside a page with a direct pointer cannot fail: only the first instruction
  // could raise its prefetch abort, and it does not either.
  std::uint8_t run_itstate = 0;
  forget_branch_targets();  // a full page starts afresh (DecodedRuns::Page::decode_run)
  DecodedArm* run =
      code_page_->decode_run(offset, kLastOffset, [&](Addr at, DecodedArm& out) -> unsigned {
        return decode_in_run(static_cast<std::uint32_t>(base + at), out, run_itstate) ? out.length
                                                                                      : 0;
      });
  if (run) mark_straight(run);
  return run;
}

// DecodedArm::straight for each entry of a run just decoded: its falls_through and cond are
// final (a later run stops before it and never changes them). A Thumb entry inside an IT
// block is straight with its op's in_it_block form, which takes the condition and advances
// ITSTATE as the loop's IT path does (the other paths run its handler, in_it_block_entry).
void ArmA::mark_straight(DecodedArm* run) {
  for (DecodedArm* d = run;; ++d) {
    bool straight = d->falls_through && DecodedOps::keeps_pc(*d);
    if (straight && !d->arm && d->cond != 0) {
      const DecodedOp in_block = DecodedOps::in_it_block_form(d->execute);
      if (in_block)
        d->execute = in_block;
      else
        straight = false;
    }
    d->straight = straight;
    if (!d->falls_through) return;
  }
}

// decoded_at for a branch out of the page in use, with its common cases inline: a target
// branched to before (branch_targets_), else a page with a direct pointer, already decoded
// there (the recently used pages are found without hashing).
inline const DecodedArm* ArmA::decoded_elsewhere(std::uint32_t pc) {
  const Addr key = (Addr{pc} << 1) | Addr{thumb_};
  BranchTarget& known = branch_targets_[(pc >> 1) % branch_targets_.size()];
  if (known.key == key) [[likely]] {
    code_page_ = known.page;
    code_page_base_ = pc & ~MemoryPort::kPageMask;
    return known.entry;
  }
  const std::uint32_t offset = pc & MemoryPort::kPageMask;
  if (offset <= MemoryPort::kPageSize - 4 && memory_.fetch_page(pc)) [[likely]] {
    const Addr base = pc & ~MemoryPort::kPageMask;
    DecodedPages::Page& page = decoded_.page(base);
    if (const DecodedArm* d = page.find(offset); d && d->arm == !thumb_) [[likely]] {
      code_page_ = &page;
      code_page_base_ = base;
      known = BranchTarget{key, d, &page};
      return d;
    }
  }
  return decoded_at(pc);
}

void ArmA::forget_branch_targets() {
  branch_targets_.fill(BranchTarget{});
}

void ArmA::decoded_page_dropped(Addr base) {
  forget_branch_targets();
  if (base == ~Addr{0} || base == code_page_base_) {
    code_page_base_ = ~Addr{0};
    code_page_ = nullptr;
    end_run();
  }
}

// ---------------------------------------------------------------------------------------
// The run loop (the same shape as CortexM's; see cortex_m_core.cpp for the invariants)
// ---------------------------------------------------------------------------------------

template <bool Hooked>
void ArmA::execute_until_limit() {
  while (cycle_count() < limit_.load(std::memory_order_relaxed)) {
    if (stop_requested_.load()) [[unlikely]]
      return;
    if constexpr (Hooked) {
      const bool resuming = skip_hook_once_ && current_pc_ == stopped_pc_;
      skip_hook_once_ = false;
      if (!resuming && hooks_->before_instruction(current_pc_)) {
        state_ = CoreState::Stopped;
        stopped_pc_ = current_pc_;
        return;
      }
    }
    const std::uint32_t pc = current_pc_;
    const DecodedArm* d = decoded_at(pc);
    if (!d) [[unlikely]] {
      next_pc_ = pc;
      finish_events(itstate_);
      continue;
    }
    const bool single = Hooked || d == &scratch_;
    if (thumb_) {
      if (single)
        execute_from<true, true>(d, pc);
      else
        execute_from<true, false>(d, pc);
    } else {
      if (single)
        execute_from<false, true>(d, pc);
      else
        execute_from<false, false>(d, pc);
    }
  }
}

// Executes `d` inside an IT block: only when its condition passes; advances ITSTATE (A2.5.2).
// Returns the IT state before the instruction.
inline std::uint8_t ArmA::execute_in_it_block(const DecodedArm& d) {
  const std::uint8_t it = itstate_;
  if (!(it & 0xF) || condition_passed(it >> 4)) {
    if (in_it_block_entry(d))
      d.handler(*this, d.insn);  // its op takes the decoded ITSTATE, not the live one
    else
      d.execute(*this, d);
  }
  if (it & 0xF) itstate_ = it_advance(it);
  return it;
}

// Charges the instruction just executed (one cycle; its extras and wait states are already
// in pending_cycles_) and moves `pc` to the next. False when the limit is reached: also how a
// store to the page being run (which frees it) ends the loop before its decoded code is read
// again. `ticks` is the run loop's copy of ticks_, which nothing else changes while an
// instruction executes: kept in a register, the count is not read back every instruction.
template <bool WithHorizon>
inline bool ArmA::account_instruction(std::uint32_t& pc, Cycles& ticks) {
  pc = next_pc_;
  current_pc_ = pc;
  ticks_ = ++ticks;
  if constexpr (WithHorizon) {
    // Inside execute_from's loop, where horizon_ is kept (see ArmA::horizon_).
    if (ticks < horizon_) [[likely]]
      return true;
    if (ticks + pending_cycles_ >= limit_.load(std::memory_order_relaxed)) return false;
    set_horizon(ticks);
    return true;
  }
  return ticks + pending_cycles_ < limit_.load(std::memory_order_relaxed);
}

void ArmA::finish_run(std::uint8_t itstate_before) {
  if (events_) finish_events(itstate_before);
}

// One Thumb instruction whose decoded IT state is not the live one (a branch or an exception
// return into an IT block, a block whose IT ends a decoded run, a debugger's CPSR write): the
// condition and the advance from ITSTATE itself.
void ArmA::execute_with_live_itstate(const DecodedArm& d, std::uint32_t pc) {
  Cycles ticks = ticks_;
  next_pc_ = pc + d.length;
  const std::uint8_t it = execute_in_it_block(d);
  if (!account_instruction<false>(pc, ticks)) finish_run(it);
}

// Runs from `d` (the instruction at `pc`) until the limit: straight on through a decoded run,
// by the page's index after a branch, by decoded_at into another page. The limit is checked
// after every instruction, so a budget, an interrupt line or a stop request takes effect at
// the same instruction boundary as with one lookup per instruction.
// In Thumb state the live ITSTATE equals the entry's decoded one (DecodedArm::cond) at every
// entry run here: checked on the way in and after every branch; a fall-through keeps it, as
// the next entry was decoded with the state this one leaves (decode_in_run). Only IT changes
// ITSTATE without ending the loop (a CPSR write is a state change, an exception an event).
template <bool Thumb, bool Single>
inline void ArmA::execute_from(const DecodedArm* d, std::uint32_t pc) {
  if constexpr (Thumb) {
    if (itstate_ != d->cond) [[unlikely]]
      return execute_with_live_itstate(*d, pc);
  }
  Cycles ticks = ticks_;
  if constexpr (!Single) set_horizon(ticks);
  for (;;) {
    if constexpr (!Single) {
      // A stretch of straight entries (DecodedArm::straight): the next entry is the next
      // instruction, so neither the PC nor the fall-through test is needed; an op that gives
      // its instruction to the handler sets current_pc_ and next_pc_ for it first
      // (DecodedOps::fallback). ticks_ is stored after every instruction as below (MMIO
      // reads it), and the limit is reached after the same instruction as below: checked
      // once ticks_ passes the horizon (ArmA::horizon_), before which it cannot be reached.
      // Inside an IT block the op takes the condition and advances ITSTATE itself
      // (DecodedOps::in_it_block).
      if (d->straight) {
        do {
          d->execute(*this, *d);
          ticks_ = ++ticks;
          if (ticks >= horizon_) [[unlikely]] {
            if (ticks + pending_cycles_ >= limit_.load(std::memory_order_relaxed)) {
              // `d` is gone if its page was dropped, which only a handler does: then the
              // fallback set next_pc_. The IT state before the instruction is for an
              // exception it raised (which leaves the page in place).
              const std::uint8_t it = Thumb ? (code_page_ ? d->cond : 0) : itstate_;
              current_pc_ = next_pc_ = code_page_ ? d->pc + d->length : next_pc_;
              return finish_run(it);
            }
            set_horizon(ticks);
          }
          ++d;
        } while (d->straight);
        pc = d->pc;
        current_pc_ = pc;
      }
    }
    const std::uint32_t fall_through = pc + d->length;
    next_pc_ = fall_through;
    // An A32 instruction's condition is checked by its op (choose_execute). Outside an IT
    // block (nearly always) the IT state before the instruction is zero, which is what an
    // exception it raises records.
    if constexpr (!Thumb) {
      const std::uint8_t it = itstate_;
      d->execute(*this, *d);
      if (!account_instruction<!Single>(pc, ticks)) [[unlikely]]
        return finish_run(it);
    } else if (d->cond == 0) [[likely]] {
      d->execute(*this, *d);
      if (!account_instruction<!Single>(pc, ticks)) [[unlikely]]
        return finish_run(0);
    } else {
      // Inside an IT block (A2.5.2): the condition is firstcond[3:1]:mask[4]; ITSTATE stays
      // exact after every instruction, for the handlers and for exceptions.
      const std::uint8_t it = d->cond;
      if (in_it_block_entry(*d)) [[unlikely]] {
        d->execute(*this, *d);  // a straight entry, here when Single: the in_it_block form
      } else {
        if (condition_passed(it >> 4)) d->execute(*this, *d);
        itstate_ = it_advance(it);
      }
      if (!account_instruction<!Single>(pc, ticks)) [[unlikely]]
        return finish_run(it);
    }
    if constexpr (Single) return;
    if (pc == fall_through && d->falls_through) {
      ++d;
      continue;
    }
    // A branch inside the page (code_page_ is the page `d` is on: a page switch and a drop
    // of the page both end up in decoded_at or out of the loop). First where this entry
    // branched last time, if it is where it branches now.
    if (d->last_target != 0) {
      const DecodedArm* target = d + d->last_target;
      if (target->pc == pc) [[likely]] {
        if (!Thumb || itstate_ == target->cond) [[likely]] {
          d = target;
          continue;
        }
        return;  // execute_until_limit goes on with the live IT state
      }
    }
    const std::uint32_t offset = pc - static_cast<std::uint32_t>(code_page_base_);
    if (offset <= MemoryPort::kPageSize - 4) {
      const DecodedArm* target = code_page_->find(offset);
      if (target && target->arm != Thumb) {
        d->last_target = static_cast<std::int16_t>(target - d);
        d = target;
        if (!Thumb || itstate_ == d->cond) [[likely]]
          continue;
        return;  // execute_until_limit goes on with the live IT state
      }
    }
    // Another page, or code not decoded yet: what execute_until_limit would do next. The
    // instruction set cannot have changed (that ends the loop through the limit).
    d = decoded_elsewhere(pc);
    if (!d) [[unlikely]] {
      next_pc_ = pc;
      finish_events(itstate_);
      return;
    }
    if (d == &scratch_ || (Thumb && itstate_ != d->cond)) [[unlikely]] {
      execute_from<Thumb, true>(d, pc);
      return;
    }
  }
}

// Acts on what the instruction asked for: a synchronous exception replaces everything else.
void ArmA::finish_events(std::uint8_t itstate_before) {
  const std::uint8_t events = events_;
  events_ = 0;
  end_run();
  if (events & kEventException) {
    itstate_ = itstate_before;  // the faulting instruction's IT state is what SPSR records
    if (user_fault_pending_) {
      // Linux user mode: the hook delivers the signal by writing registers (pc, cpsr) or
      // ends the program. The pc it sees is the faulting instruction's.
      user_fault_pending_ = false;
      current_pc_ = next_pc_ = user_fault_pc_;
      if (hooks_->user_fault(user_fault_, user_fault_pc_, user_fault_address_))
        return_requested_ = true;
      return;
    }
    take_exception(sync_vector_, sync_return_);
    return;
  }
  if (events & kEventSleep) {
    if (!(irq_line_ || fiq_line_)) state_ = CoreState::Sleeping;
  }
  if (events & kEventStop) {
    if (return_requested_) return;
    state_ = CoreState::Stopped;
    stopped_pc_ = current_pc_;
  }
}

bool ArmA::interrupt_pending() const {
  return (fiq_line_ && !mask_f_) || (irq_line_ && !mask_i_);
}

void ArmA::take_pending_interrupt() {
  // FIQ has priority over IRQ (B1.8.1). The return address is the next instruction + 4.
  if (fiq_line_ && !mask_f_)
    take_exception(Vector::Fiq, current_pc_ + 4);
  else
    take_exception(Vector::Irq, current_pc_ + 4);
}

Cycles ArmA::run(Cycles budget) {
  const Cycles start = cycle_count();
  const Cycles end = budget > kNever - start ? kNever : start + budget;
  if (state_ == CoreState::Sleeping && (irq_line_ || fiq_line_)) state_ = CoreState::Running;
  return_requested_ = false;
  while (state_ == CoreState::Running) {
    if (stop_requested_.exchange(false)) break;
    if (interrupt_pending()) take_pending_interrupt();
    if (cycle_count() >= end) break;
    limit_ = end;
    if (per_instruction_hooks_)
      execute_until_limit<true>();
    else
      execute_until_limit<false>();
    if (return_requested_) break;
  }
  return cycle_count() - start;
}

Cycles ArmA::step() {
  const Cycles start = cycle_count();
  if (state_ == CoreState::Sleeping && (irq_line_ || fiq_line_)) state_ = CoreState::Running;
  if (state_ != CoreState::Running) return 0;
  return_requested_ = false;
  if (interrupt_pending()) {
    take_pending_interrupt();
    return cycle_count() - start;
  }
  limit_ = cycle_count() + 1;
  execute_until_limit<false>();
  return cycle_count() - start;
}

void ArmA::resume() {
  if (state_ == CoreState::Stopped) {
    state_ = CoreState::Running;
    skip_hook_once_ = true;
  }
}

void ArmA::request_stop() {
  stop_requested_.store(true);
  limit_.store(0);
}

void ArmA::set_hooks(Hooks* hooks, bool per_instruction) {
  hooks_ = hooks ? hooks : &default_hooks_;
  per_instruction_hooks_ = hooks != nullptr && per_instruction;
}

void ArmA::set_irq_line(unsigned line, bool level) {
  if (line > 1)
    throw std::out_of_range(std::string(variant_.name) + ": interrupt line " +
                            std::to_string(line) + " does not exist (0 is IRQ, 1 is FIQ)");
  (line == 0 ? irq_line_ : fiq_line_) = level;
  if (level && state_ == CoreState::Sleeping) state_ = CoreState::Running;
  end_run();  // a device's register write (a handler) may change the line mid-run
}

void ArmA::advance_idle(Cycles cycles) {
  charge_outside_instructions(cycles);
}

}  // namespace anvil::arm
