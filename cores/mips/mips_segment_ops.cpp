// The MIPS32 run loop's segment handlers: one small function per inline form (and one for
// every other instruction, which calls its handler), chosen at decode time. A handler that
// falls through calls the next entry's handler itself, as a sibling call with the same
// arguments, so the cycle count stays in a register from one instruction to the next and no
// switch or loop state sits between them. The chain ends at the run's end, when the cycles
// reach the segment's limit (checked after each instruction, as the loop did before each),
// or at a branch (the loop finishes it, and its delay slot is the next segment), unless the
// branch can run its delay slot itself (SegmentOps::branch). A handler call or a slow
// memory access first settles the core's members (pc, next pc, instruction and cycle
// counts) at its instruction, so exceptions and handlers see exactly the state they saw
// before, finishes the instruction there and ends the segment (kSettled).
//
// For the calls to be jumps, every handler has the same signature, returns one register
// (the last entry run; the cycles go to MipsCore::segment_cycles_ once per segment), and
// keeps its rare paths (a late operand, a slow access) in functions of their own, so that
// the common path saves no registers.
//
// Each form does exactly what its handler in mips_*_ops.cpp does (and MipsCore::branch and
// its kin), with the 24Kf issue check for the registers it names (predecode_inline keeps a
// form inline only where its IssueSummary says the same).
#include <algorithm>

#include "cores/mips/mips_core.h"

namespace anvil::mips {

namespace {

using Word = std::uint32_t;
using Compute = Word (*)(Word, Word);

constexpr Word add(Word a, Word b) {
  return a + b;
}
constexpr Word subtract(Word a, Word b) {
  return a - b;
}
constexpr Word bit_and(Word a, Word b) {
  return a & b;
}
constexpr Word bit_or(Word a, Word b) {
  return a | b;
}
constexpr Word bit_xor(Word a, Word b) {
  return a ^ b;
}
constexpr Word bit_nor(Word a, Word b) {
  return ~(a | b);
}
constexpr std::int32_t as_signed(Word v) {
  return static_cast<std::int32_t>(v);
}
constexpr Word less_signed(Word a, Word b) {
  return as_signed(a) < as_signed(b);
}
constexpr Word less_unsigned(Word a, Word b) {
  return a < b;
}
constexpr Word shift_left(Word t, Word sa) {
  return t << sa;
}
constexpr Word shift_right(Word t, Word sa) {
  return t >> sa;
}
constexpr Word shift_right_signed(Word t, Word sa) {
  return static_cast<Word>(as_signed(t) >> sa);
}

using Test = bool (*)(Word, Word);
constexpr bool equal(Word a, Word b) {
  return a == b;
}
constexpr bool not_equal(Word a, Word b) {
  return a != b;
}
using ZeroTest = bool (*)(std::int32_t);
constexpr bool at_most_zero(std::int32_t s) {
  return s <= 0;
}
constexpr bool above_zero(std::int32_t s) {
  return s > 0;
}
constexpr bool below_zero(std::int32_t s) {
  return s < 0;
}
constexpr bool at_least_zero(std::int32_t s) {
  return s >= 0;
}

}  // namespace

struct SegmentOps {
  static constexpr Cycles kSettled = MipsCore::kSettled;
  static constexpr Cycles kSlotNotRun = ~Cycles{0};
  static constexpr unsigned kAlu = PipelineTiming::kAluLatency;
  using Entry = const DecodedMips*;

  // The instruction `d` is done at `cycles`: on to the next entry, or the segment's end.
  // After a run's last entry comes its terminator (run_end).
  [[gnu::always_inline]] static Entry next(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    if (cycles >= limit) [[unlikely]] {
      core.segment_cycles_ = cycles;
      return d;
    }
    ++d;
    // The empty asm has `d` advanced before the handler is read through it: one register for
    // both (add; jmp *run(d)) rather than a copy.
    asm("" : "+r"(d));
    return d->run(core, d, cycles, limit);
  }
  // The segment goes on at `at` after its entry `last` (not a delay slot's way: a
  // remembered branch target, the entry after a run cut short): the instructions up to
  // `last` counted, the segment started again at `at`.
  [[gnu::always_inline]] static Entry start_again(MipsCore& core, Entry last, Entry at,
                                                  Cycles cycles, Cycles limit) {
    core.instructions_ += static_cast<std::uint64_t>(last - core.segment_start_) + 1;
    core.segment_start_ = at;
    core.next_pc_ = at->pc + 4;
    return at->run(core, at, cycles, limit);
  }
  // The entry after a run's last one (DecodedRuns' terminator), reached when the last one fell
  // through with cycles to spare: the segment ends there, or, when the run was cut short (at
  // DecodedRuns::kMaxRun, or before an instruction another run decoded first), goes on at
  // the entry after it on its page, which the last entry remembers (the run loop's last
  // lookup).
  static Entry run_end(MipsCore& core, Entry end, Cycles cycles, Cycles limit) {
    const Entry d = end - 1;
    if (d->remembered_entry) return start_again(core, d, d->remembered_entry, cycles, limit);
    core.segment_cycles_ = cycles;
    return d;
  }

  // PipelineTiming::issue in pieces: whether an operand named by `R` is not ready yet (then
  // stalled()).
  template <FormReads R>
  [[gnu::always_inline]] static bool late(const MipsCore& core, const DecodedMips& d,
                                          Cycles cycles) {
    const PipelineTiming& t = core.timing_;
    bool late = false;
    if constexpr (R == FormReads::Rs || R == FormReads::RsRt) late = t.operand_late(d.rs, cycles);
    if constexpr (R == FormReads::Rt) late = t.operand_late(d.rt, cycles);
    if constexpr (R == FormReads::RsRt || R == FormReads::BaseData)
      late = late || t.operand_late(d.rt, cycles);
    if constexpr (R == FormReads::Base || R == FormReads::BaseData)
      late = late || t.address_late(d.rs, cycles);
    return late;
  }
  // The cycle a form issues at when an operand named by `R` was late: the latest of their
  // ready cycles, as PipelineTiming::issue works it out from the instruction's summary,
  // which names the same registers at the same stages (summary_matches, at decode time).
  template <FormReads R>
  static Cycles issue_cycle(const MipsCore& core, const DecodedMips& d, Cycles cycles) {
    const PipelineTiming& t = core.timing_;
    Cycles issued = cycles;
    if constexpr (R == FormReads::Rs || R == FormReads::RsRt)
      issued = std::max(issued, t.operand_ready(d.rs));
    if constexpr (R == FormReads::Rt || R == FormReads::RsRt || R == FormReads::BaseData)
      issued = std::max(issued, t.operand_ready(d.rt));
    // $zero is always ready (the summary leaves it out): its ready cycle, never past the
    // last issue, may still be within alu_to_address of this one.
    if constexpr (R == FormReads::Base || R == FormReads::BaseData)
      if (d.rs != 0) issued = std::max(issued, t.address_ready(d.rs));
    return issued;
  }
  // What a form writes to d.dest, ready that many cycles after its issue: the ALU's result
  // (kAlu), a load's (never 0), or nothing.
  enum class Result : std::uint8_t { None, Alu, Load };
  template <Result P>
  static unsigned latency(const MipsCore& core) {
    return P == Result::Load ? core.timing_.load_latency() : kAlu;
  }
  // A form's body runs the instruction after its issue check, `stall` cycles late.
  using Body = Entry (*)(MipsCore&, Entry, Cycles cycles, Cycles limit, Cycles stall);
  template <FormReads R, Body F, Result P>
  [[gnu::noinline]] static Entry stalled(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    const Cycles issued = issue_cycle<R>(core, *d, cycles);
    if constexpr (P != Result::None) core.timing_.record(d->dest, issued, latency<P>(core));
    return F(core, d, cycles, limit, issued - cycles);
  }
  // An inline form: the issue check of the registers `R` names, the result `P` recorded,
  // then `F`.
  template <bool Interlocked, FormReads R, Body F, Result P>
  [[gnu::always_inline]] static Entry form(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    if constexpr (Interlocked) {
      if (late<R>(core, *d, cycles)) [[unlikely]]
        return stalled<R, F, P>(core, d, cycles, limit);
      if constexpr (P != Result::None) core.timing_.record(d->dest, cycles, latency<P>(core));
    }
    return F(core, d, cycles, limit, 0);
  }

  // The core's members brought to the instruction `d` at `cycles`: the entries before `d`
  // since the segment's start all fell through (so `d` is not in a delay slot unless it is
  // the first, whose next pc the loop or the segment's restart wrote; pc_ is written only
  // here and by the loop, MipsCore::begin_segment).
  static void settle(MipsCore& core, Entry d, Cycles cycles) {
    core.pc_ = d->pc;
    if (const auto before = d - core.segment_start_) {
      core.next_pc_ = d->pc + 4;
      core.instructions_ += static_cast<std::uint64_t>(before);
    }
    core.cycles_ = cycles;
  }
  // The settled instruction `d` is done, its extra cycles in pending_cycles_: the members
  // finished as MipsCore::finish_instruction does, and the segment ends.
  static Entry settled_end(MipsCore& core, Entry d) {
    const std::uint32_t after = core.pc_ + 4;
    core.control_flow_ = true;  // the next pc is whatever the instruction left
    core.finish_instruction<false>();
    core.settled_straight_on_ = core.pc_ == after;
    core.segment_cycles_ = kSettled;
    return d;
  }

  // The ALU forms (register, immediate and shift operands, LUI): an effect on the
  // registers that cannot fault or leave the direct path, so a branch may also run one in
  // its delay slot (execute(), DecodedMips::execute).
  using Effect = void (*)(MipsCore&, const DecodedMips&);
  template <Compute F>
  static void registers(MipsCore& core, const DecodedMips& d) {
    core.r_[d.dest] = F(core.r_[d.rs], core.r_[d.rt]);
  }
  template <Compute F>
  static void with_immediate(MipsCore& core, const DecodedMips& d) {
    core.r_[d.dest] = F(core.r_[d.rs], d.immediate);
  }
  template <Compute F>
  static void shifted(MipsCore& core, const DecodedMips& d) {
    core.r_[d.dest] = F(core.r_[d.rt], d.immediate);
  }
  static void upper(MipsCore& core, const DecodedMips& d) { core.r_[d.dest] = d.immediate; }

  template <Effect E>
  static Entry alu_body(MipsCore& core, Entry d, Cycles cycles, Cycles limit, Cycles stall) {
    E(core, *d);
    return next(core, d, cycles + 1 + stall, limit);
  }
  template <bool Interlocked, FormReads R, Effect E>
  static Entry alu(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    return form<Interlocked, R, alu_body<E>, Result::Alu>(core, d, cycles, limit);
  }
  // The same instruction alone: the cycle count after it.
  template <bool Interlocked, FormReads R, Effect E>
  [[gnu::always_inline]] static Cycles execute(MipsCore& core, const DecodedMips& d,
                                               Cycles cycles) {
    cycles = issued_alone<Interlocked, R, Result::Alu>(core, d, cycles);
    E(core, d);
    return cycles;
  }

  // A loaded T as the register holds it: zero-extended, or sign-extended through `As` (LB).
  template <class T, class As>
  static Word widened(T value) {
    return static_cast<Word>(static_cast<As>(value));
  }

  // Loads and stores off the direct path (MipsCore::read/write: another segment, a device,
  // wait states, a fault, a store into decoded code) settle first and end the segment.
  template <class T, class As>
  [[gnu::noinline]] static Entry load_slow(MipsCore& core, Entry d, Cycles cycles, Cycles stall) {
    settle(core, d, cycles);
    core.pending_cycles_ = stall;
    T value = 0;
    if (core.read(core.r_[d->rs] + d->immediate, value)) core.r_[d->dest] = widened<T, As>(value);
    return settled_end(core, d);
  }
  template <class T>
  [[gnu::noinline]] static Entry store_slow(MipsCore& core, Entry d, Cycles cycles, Cycles stall) {
    settle(core, d, cycles);
    core.pending_cycles_ = stall;
    core.write(core.r_[d->rs] + d->immediate, static_cast<T>(core.r_[d->rt]));
    return settled_end(core, d);
  }
  template <class T, class As>
  static Entry load_body(MipsCore& core, Entry d, Cycles cycles, Cycles limit, Cycles stall) {
    T value = 0;
    if (!core.load_fast(core.r_[d->rs] + d->immediate, value)) [[unlikely]]
      return load_slow<T, As>(core, d, cycles, stall);
    core.r_[d->dest] = widened<T, As>(value);
    return next(core, d, cycles + 1 + stall, limit);
  }
  template <bool Interlocked, class T, class As = T>
  static Entry load(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    return form<Interlocked, FormReads::Base, load_body<T, As>, Result::Load>(core, d, cycles,
                                                                              limit);
  }
  template <class T>
  static Entry store_body(MipsCore& core, Entry d, Cycles cycles, Cycles limit, Cycles stall) {
    if (!core.store_fast(core.r_[d->rs] + d->immediate, static_cast<T>(core.r_[d->rt])))
        [[unlikely]]
      return store_slow<T>(core, d, cycles, stall);
    return next(core, d, cycles + 1 + stall, limit);
  }
  template <bool Interlocked, class T>
  static Entry store(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    return form<Interlocked, FormReads::BaseData, store_body<T>, Result::None>(core, d, cycles,
                                                                               limit);
  }
  // A load or store alone (in a delay slot, run by its branch): the cycle count after it, or
  // kSlotNotRun, with nothing changed, when the access is off the direct path (the slot
  // then runs as a segment of its own and settles). The access comes first: on the direct
  // path it has no timing of its own, and a failed store_fast only breaks an LL link that
  // write() breaks as well.
  // The issue check of a form alone, as form() makes it: the cycle count after it.
  template <bool Interlocked, FormReads R, Result P>
  [[gnu::always_inline]] static Cycles issued_alone(MipsCore& core, const DecodedMips& d,
                                                    Cycles cycles) {
    Cycles issued = cycles;
    if constexpr (Interlocked) {
      if (late<R>(core, d, cycles)) [[unlikely]]
        issued = issue_cycle<R>(core, d, cycles);
      if constexpr (P != Result::None) core.timing_.record(d.dest, issued, latency<P>(core));
    }
    return issued + 1;
  }
  template <bool Interlocked, class T, class As = T>
  [[gnu::always_inline]] static Cycles load_alone(MipsCore& core, const DecodedMips& d,
                                                  Cycles cycles) {
    T value = 0;
    if (!core.load_fast(core.r_[d.rs] + d.immediate, value)) return kSlotNotRun;
    cycles = issued_alone<Interlocked, FormReads::Base, Result::Load>(core, d, cycles);
    core.r_[d.dest] = widened<T, As>(value);
    return cycles;
  }
  template <bool Interlocked, class T>
  [[gnu::always_inline]] static Cycles store_alone(MipsCore& core, const DecodedMips& d,
                                                   Cycles cycles) {
    if (!core.store_fast(core.r_[d.rs] + d.immediate, static_cast<T>(core.r_[d.rt])))
      return kSlotNotRun;
    return issued_alone<Interlocked, FormReads::BaseData, Result::None>(core, d, cycles);
  }

  // Branches and jumps end the segment without settling: they leave the branch in branch_
  // (as MipsCore::branch does) and their cost in segment_cycles_, and the loop finishes
  // them (MipsCore::finish_control_flow on its state); their delay slot runs as the next
  // segment. The address of `d`'s delay slot is the one after it, but for a segment's first
  // entry, which may be in a delay slot itself (a branch in a delay slot, whose "delay slot"
  // is then the first branch's target, as MipsCore::delay_slot_pc says): the next pc the
  // loop or the segment's restart wrote.
  static std::uint32_t slot_address(const MipsCore& core, Entry d) {
    return d == core.segment_start_ ? core.next_pc_ : d->pc + 4;
  }
  // A delay slot that is not fused with its branch, through its entry (`slot` is the
  // branch's next entry: the run's terminator, whose `execute` is null, after a run's last).
  static Cycles through_entry(MipsCore& core, const DecodedMips& slot, Cycles cycles) {
    return slot.execute ? slot.execute(core, slot, cycles) : kSlotNotRun;
  }
  // The branch at `d` is done at `cycles` but for its taken-branch cycles. When its delay
  // slot is an ALU form or a load or store on the direct path, in the same run, and the
  // budget allows it (never in a delay-slot or hooked segment, whose limit is 0), the branch
  // runs the slot too. Not taken, the segment goes on after the slot; taken to the target
  // it remembers, it starts again there; taken elsewhere, it ends at the slot with
  // branch_ naming the target but not as a delay slot's (slot false), which the loop
  // takes as "the slot has run". Otherwise the branch ends the segment and the slot runs as
  // the next one.
  //
  // `Slot`: the slot's SlotHandler, inline, when decode time chose this form for the slot
  // that follows in the run (fused_with_slot); else through_entry.
  // `target_of()` gives the target where it is needed (taken, or the slot not run here): a
  // branch's fixed target is worked out only then, which keeps the not-taken path short (a
  // register jump reads its register before the slot and gives that).
  // `Declines`: the inline slot form may decline an access off the direct path (kSlotNotRun;
  // the loads and stores), where an ALU form always runs.
  template <SlotHandler Slot, bool Declines, class TargetOf>
  [[gnu::always_inline]] static Entry branch(MipsCore& core, Entry d, Cycles cycles, Cycles limit,
                                             TargetOf target_of, bool taken) {
    cycles += 1 + (taken ? core.branch_taken_cycles_ : 0);
    bool slot_ran = false;
    if (cycles < limit) {
      const Cycles after = Slot(core, d[1], cycles);
      slot_ran = !Declines || after != kSlotNotRun;
      if (slot_ran) cycles = after;
    }
    if (slot_ran) {
      const Entry slot = d + 1;
      if (!taken) return next(core, slot, cycles, limit);
      const std::uint32_t target = target_of();
      // A target the branch remembers (the run loop looked it up the last time: a loop, a
      // short branch ahead, a call and return within the page): the segment starts again
      // there, its first part counted, and goes on. Such a segment may run until the budget
      // ends, so it reads the core's limit again here: a stop request (limit 0) from
      // another thread ends it at the next pass. (The segment's own limit is the core's as
      // the loop read it, which only falls during a run: the slot ran, so it is not 0.)
      Entry again = d->remembered_target == target ? d->remembered_entry : nullptr;
      if (!again) {
        const MipsCore::KnownTarget& known = core.known_target(target);
        if (known.pc == target) again = known.entry;
      }
      limit = core.limit_.load(std::memory_order_relaxed);
      if (again && cycles < limit) return start_again(core, slot, again, cycles, limit);
      core.branch_ = {target, false, true};
      core.control_flow_ = true;
      core.segment_cycles_ = cycles;
      return slot;
    }
    core.branch_ = {target_of(), true, taken};
    core.control_flow_ = true;
    core.segment_cycles_ = cycles;
    return d;
  }
  template <Test F, SlotHandler Slot, bool Declines>
  [[gnu::always_inline]] static Entry compare2_body(MipsCore& core, Entry d, Cycles cycles,
                                                    Cycles limit, Cycles stall) {
    bool taken = F(core.r_[d->rs], core.r_[d->rt]);
    // Kept as one value through the slot, not worked out again from both operands.
    asm("" : "+r"(taken));
    const Cycles predicted = core.timing_.conditional_branch(d->pc, taken, false);
    return branch<Slot, Declines>(
        core, d, cycles + stall + predicted, limit,
        [&core, d] { return slot_address(core, d) + d->immediate; }, taken);
  }
  template <bool Interlocked, Test F, SlotHandler Slot = &through_entry, bool Declines = true>
  static Entry compare2(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    return form<Interlocked, FormReads::RsRt, compare2_body<F, Slot, Declines>, Result::None>(
        core, d, cycles, limit);
  }
  // JAL/JALR/BLTZAL/BGEZAL: the return address (after the delay slot) and the return stack.
  static void link(MipsCore& core, const DecodedMips& d, std::uint32_t slot) {
    core.r_[d.dest] = slot + 4;
    core.note_call(slot + 4);
  }
  // BLTZ/BGEZ and their linking forms, which link whether or not they branch (MIPS32 ISA,
  // BGEZAL), after reading rs.
  template <ZeroTest F, bool Link, SlotHandler Slot, bool Declines>
  [[gnu::always_inline]] static Entry compare_zero_body(MipsCore& core, Entry d, Cycles cycles,
                                                        Cycles limit, Cycles stall) {
    const bool taken = F(as_signed(core.r_[d->rs]));
    const Cycles predicted = core.timing_.conditional_branch(d->pc, taken, false);
    if constexpr (Link) link(core, *d, slot_address(core, d));
    return branch<Slot, Declines>(
        core, d, cycles + stall + predicted, limit,
        [&core, d] { return slot_address(core, d) + d->immediate; }, taken);
  }
  template <bool Interlocked, ZeroTest F, bool Link = false, SlotHandler Slot = &through_entry,
            bool Declines = true>
  static Entry compare_zero(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    return form < Interlocked, FormReads::Rs, compare_zero_body<F, Link, Slot, Declines>,
           Link ? Result::Alu : Result::None > (core, d, cycles, limit);
  }
  template <bool Link, SlotHandler Slot, bool Declines>
  [[gnu::always_inline]] static Entry jump_body(MipsCore& core, Entry d, Cycles cycles,
                                                Cycles limit, Cycles stall) {
    if constexpr (Link) link(core, *d, slot_address(core, d));
    return branch<Slot, Declines>(
        core, d, cycles + stall, limit,
        [&core, d] { return (slot_address(core, d) & 0xF0000000u) | d->immediate; }, true);
  }
  template <bool Interlocked, bool Link, SlotHandler Slot = &through_entry, bool Declines = true>
  static Entry jump(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    return form < Interlocked, FormReads::None, jump_body<Link, Slot, Declines>,
           Link ? Result::Alu : Result::None > (core, d, cycles, limit);
  }
  template <bool Link, SlotHandler Slot, bool Declines>
  [[gnu::always_inline]] static Entry jump_register_body(MipsCore& core, Entry d, Cycles cycles,
                                                         Cycles limit, Cycles stall) {
    // JALR reads its target before writing rd; JALR $31 is a call, not a return.
    const std::uint32_t target = core.r_[d->rs];
    const Cycles predicted = core.timing_.register_jump(Link && d->rs == 31 ? 0 : d->rs, target);
    if constexpr (Link) link(core, *d, slot_address(core, d));
    return branch<Slot, Declines>(
        core, d, cycles + stall + predicted, limit, [target] { return target; }, true);
  }
  template <bool Interlocked, bool Link, SlotHandler Slot = &through_entry, bool Declines = true>
  static Entry jump_register(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    return form < Interlocked, FormReads::Rs, jump_register_body<Link, Slot, Declines>,
           Link ? Result::Alu : Result::None > (core, d, cycles, limit);
  }

  // A branch and the slot after it in its run as one handler (interlocked variants): the
  // common slot forms inline in the branch's (branch<Slot>), which then needs no call and
  // saves no registers. NOP (SLL $zero,$zero,0) only takes its cycle: its issue check reads
  // $zero, always ready, and its result goes to the discard slot.
  static Cycles no_operation(MipsCore&, const DecodedMips&, Cycles cycles) { return cycles + 1; }
  template <SlotHandler S, bool Declines>
  static SegmentHandler branch_with(InlineOp op) {
    switch (op) {
      case InlineOp::BEQ:
        return &compare2<true, equal, S, Declines>;
      case InlineOp::BNE:
        return &compare2<true, not_equal, S, Declines>;
      case InlineOp::BLEZ:
        return &compare_zero<true, at_most_zero, false, S, Declines>;
      case InlineOp::BGTZ:
        return &compare_zero<true, above_zero, false, S, Declines>;
      case InlineOp::BLTZ:
        return &compare_zero<true, below_zero, false, S, Declines>;
      case InlineOp::BGEZ:
        return &compare_zero<true, at_least_zero, false, S, Declines>;
      case InlineOp::BLTZAL:
        return &compare_zero<true, below_zero, true, S, Declines>;
      case InlineOp::BGEZAL:
        return &compare_zero<true, at_least_zero, true, S, Declines>;
      case InlineOp::J:
        return &jump<true, false, S, Declines>;
      case InlineOp::JAL:
        return &jump<true, true, S, Declines>;
      case InlineOp::JR:
        return &jump_register<true, false, S, Declines>;
      case InlineOp::JALR:
        return &jump_register<true, true, S, Declines>;
      default:
        return nullptr;
    }
  }
  static SegmentHandler fused_with_slot(const DecodedMips& branch, const DecodedMips& slot) {
    constexpr bool I = true;
    if (slot.insn == 0) return branch_with<&no_operation, false>(branch.inline_op);
    switch (slot.inline_op) {
      case InlineOp::LW:
        return branch_with<&load_alone<I, std::uint32_t>, true>(branch.inline_op);
      case InlineOp::SW:
        return branch_with<&store_alone<I, std::uint32_t>, true>(branch.inline_op);
      case InlineOp::ADDIU:
        return branch_with<&execute<I, FormReads::Rs, with_immediate<add>>, false>(
            branch.inline_op);
      case InlineOp::ADDU:
        return branch_with<&execute<I, FormReads::RsRt, registers<add>>, false>(branch.inline_op);
      case InlineOp::SUBU:
        return branch_with<&execute<I, FormReads::RsRt, registers<subtract>>, false>(
            branch.inline_op);
      case InlineOp::AND:
        return branch_with<&execute<I, FormReads::RsRt, registers<bit_and>>, false>(
            branch.inline_op);
      case InlineOp::OR:
        return branch_with<&execute<I, FormReads::RsRt, registers<bit_or>>, false>(
            branch.inline_op);
      case InlineOp::ANDI:
        return branch_with<&execute<I, FormReads::Rs, with_immediate<bit_and>>, false>(
            branch.inline_op);
      case InlineOp::SLL:
        return branch_with<&execute<I, FormReads::Rt, shifted<shift_left>>, false>(
            branch.inline_op);
      case InlineOp::XOR:
        return branch_with<&execute<I, FormReads::RsRt, registers<bit_xor>>, false>(
            branch.inline_op);
      case InlineOp::SLTU:
        return branch_with<&execute<I, FormReads::RsRt, registers<less_unsigned>>, false>(
            branch.inline_op);
      case InlineOp::LBU:
        return branch_with<&load_alone<I, std::uint8_t>, true>(branch.inline_op);
      case InlineOp::SB:
        return branch_with<&store_alone<I, std::uint8_t>, true>(branch.inline_op);
      default:
        return nullptr;
    }
  }

  // The stall before `d` by the full issue check, as call() makes it.
  template <bool Interlocked>
  static Cycles full_issue(MipsCore& core, const DecodedMips& d, Cycles cycles) {
    if constexpr (Interlocked) return core.timing_.issue(d.timing, d.insn, cycles);
    return 0;
  }
  // PREF (MIPS32 ISA, PREF): a hint for caches this model does not have, so only its issue
  // check, as ops::PREF.
  template <bool Interlocked>
  static Entry hint(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    return next(core, d, cycles + 1 + full_issue<Interlocked>(core, *d, cycles), limit);
  }
  // MUL rd, rs, rt (MIPS32 ISA "MUL"): the low word of the signed product, HI/LO left as
  // they were, as ops::MUL does. Its issue check is the full one (PipelineTiming::issue, the
  // multiply unit out of line), and it costs the variant's mul_gpr_extra beyond its cycle.
  template <bool Interlocked>
  static Entry multiply(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    const Cycles stall = full_issue<Interlocked>(core, *d, cycles);
    const std::int64_t product =
        std::int64_t{as_signed(core.r_[d->rs])} * as_signed(core.r_[d->rt]);
    core.r_[d->dest] = static_cast<Word>(product);
    return next(core, d, cycles + 1 + stall + core.variant_.timing->mul_gpr_extra, limit);
  }

  // MULT/MULTU (MIPS32 ISA): the 64-bit product to HI/LO, readable by MFHI/MFLO the
  // variant's multiply_latency after this cycle, as ops::MULT and start_multiply_divide.
  template <bool Interlocked, bool Signed>
  static Entry multiply_to_hilo(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    const Cycles stall = full_issue<Interlocked>(core, *d, cycles);
    const Word rs = core.r_[d->rs], rt = core.r_[d->rt];
    const std::uint64_t product =
        Signed ? static_cast<std::uint64_t>(std::int64_t{as_signed(rs)} * as_signed(rt))
               : std::uint64_t{rs} * rt;
    core.lo = static_cast<Word>(product);
    core.hi = static_cast<Word>(product >> 32);
    core.hilo_ready_ = cycles + 1 + core.variant_.timing->multiply_latency;
    return next(core, d, cycles + 1 + stall, limit);
  }
  // MFHI/MFLO: wait for a multiply or divide still running, as MipsCore::wait_for_hilo.
  template <bool Interlocked, bool High>
  static Entry move_from_hilo(MipsCore& core, Entry d, Cycles cycles, Cycles limit) {
    Cycles stall = full_issue<Interlocked>(core, *d, cycles);
    if (core.hilo_ready_ > cycles + 1) stall += core.hilo_ready_ - cycles - 1;
    core.hilo_ready_ = 0;
    core.r_[d->dest] = High ? core.hi : core.lo;
    return next(core, d, cycles + 1 + stall, limit);
  }

  // Any other instruction: its handler, after the full issue check.
  template <bool Interlocked>
  static Entry call(MipsCore& core, Entry d, Cycles cycles, Cycles) {
    settle(core, d, cycles);
    if constexpr (Interlocked)
      core.pending_cycles_ = core.timing_.issue(d->timing, d->insn, cycles);
    d->handler(core, d->insn);
    return settled_end(core, d);
  }

  struct Handlers {
    SegmentHandler run;
    SlotHandler execute;
  };
  template <bool I, FormReads R, Effect E>
  static Handlers alu_handlers() {
    return {&alu<I, R, E>, &execute<I, R, E>};
  }

  template <bool Interlocked>
  static Handlers choose(InlineOp op) {
    constexpr bool I = Interlocked;
    switch (op) {
      case InlineOp::None:
        return {&call<I>, nullptr};
      case InlineOp::LW:
        return {&load<I, std::uint32_t>, &load_alone<I, std::uint32_t>};
      case InlineOp::LBU:
        return {&load<I, std::uint8_t>, &load_alone<I, std::uint8_t>};
      case InlineOp::SW:
        return {&store<I, std::uint32_t>, &store_alone<I, std::uint32_t>};
      case InlineOp::SB:
        return {&store<I, std::uint8_t>, &store_alone<I, std::uint8_t>};
      case InlineOp::LB:
        return {&load<I, std::uint8_t, std::int8_t>, &load_alone<I, std::uint8_t, std::int8_t>};
      case InlineOp::ADDIU:
        return alu_handlers<I, FormReads::Rs, with_immediate<add>>();
      case InlineOp::ADDU:
        return alu_handlers<I, FormReads::RsRt, registers<add>>();
      case InlineOp::SUBU:
        return alu_handlers<I, FormReads::RsRt, registers<subtract>>();
      case InlineOp::AND:
        return alu_handlers<I, FormReads::RsRt, registers<bit_and>>();
      case InlineOp::OR:
        return alu_handlers<I, FormReads::RsRt, registers<bit_or>>();
      case InlineOp::XOR:
        return alu_handlers<I, FormReads::RsRt, registers<bit_xor>>();
      case InlineOp::NOR:
        return alu_handlers<I, FormReads::RsRt, registers<bit_nor>>();
      case InlineOp::SLT:
        return alu_handlers<I, FormReads::RsRt, registers<less_signed>>();
      case InlineOp::SLTU:
        return alu_handlers<I, FormReads::RsRt, registers<less_unsigned>>();
      case InlineOp::SLTI:
        return alu_handlers<I, FormReads::Rs, with_immediate<less_signed>>();
      case InlineOp::SLTIU:
        return alu_handlers<I, FormReads::Rs, with_immediate<less_unsigned>>();
      case InlineOp::ANDI:
        return alu_handlers<I, FormReads::Rs, with_immediate<bit_and>>();
      case InlineOp::ORI:
        return alu_handlers<I, FormReads::Rs, with_immediate<bit_or>>();
      case InlineOp::XORI:
        return alu_handlers<I, FormReads::Rs, with_immediate<bit_xor>>();
      case InlineOp::LUI:
        return alu_handlers<I, FormReads::None, upper>();
      case InlineOp::SLL:
        return alu_handlers<I, FormReads::Rt, shifted<shift_left>>();
      case InlineOp::SRL:
        return alu_handlers<I, FormReads::Rt, shifted<shift_right>>();
      case InlineOp::SRA:
        return alu_handlers<I, FormReads::Rt, shifted<shift_right_signed>>();
      case InlineOp::MUL:
        return {&multiply<I>, nullptr};
      case InlineOp::PREF:
        return {&hint<I>, nullptr};
      case InlineOp::MULT:
        return {&multiply_to_hilo<I, true>, nullptr};
      case InlineOp::MULTU:
        return {&multiply_to_hilo<I, false>, nullptr};
      case InlineOp::MFHI:
        return {&move_from_hilo<I, true>, nullptr};
      case InlineOp::MFLO:
        return {&move_from_hilo<I, false>, nullptr};
      case InlineOp::BEQ:
        return {&compare2<I, equal>, nullptr};
      case InlineOp::BNE:
        return {&compare2<I, not_equal>, nullptr};
      case InlineOp::BLEZ:
        return {&compare_zero<I, at_most_zero>, nullptr};
      case InlineOp::BGTZ:
        return {&compare_zero<I, above_zero>, nullptr};
      case InlineOp::BLTZ:
        return {&compare_zero<I, below_zero>, nullptr};
      case InlineOp::BGEZ:
        return {&compare_zero<I, at_least_zero>, nullptr};
      case InlineOp::BLTZAL:
        return {&compare_zero<I, below_zero, true>, nullptr};
      case InlineOp::BGEZAL:
        return {&compare_zero<I, at_least_zero, true>, nullptr};
      case InlineOp::J:
        return {&jump<I, false>, nullptr};
      case InlineOp::JAL:
        return {&jump<I, true>, nullptr};
      case InlineOp::JR:
        return {&jump_register<I, false>, nullptr};
      case InlineOp::JALR:
        return {&jump_register<I, true>, nullptr};
    }
    return {&call<I>, nullptr};
  }
};

DecodedMips run_terminator() {
  DecodedMips end;
  end.run = &SegmentOps::run_end;
  return end;
}

void fuse_delay_slots(DecodedMips* run) {
  for (DecodedMips* d = run; d->falls_through; ++d)
    if (has_delay_slot(d->inline_op) && d[1].execute)
      if (const SegmentHandler fused = SegmentOps::fused_with_slot(d[0], d[1])) d->run = fused;
}

void choose_segment_handlers(DecodedMips& d, bool interlocked) {
  const SegmentOps::Handlers h =
      interlocked ? SegmentOps::choose<true>(d.inline_op) : SegmentOps::choose<false>(d.inline_op);
  d.run = h.run;
  d.execute = h.execute;
}

}  // namespace anvil::mips
