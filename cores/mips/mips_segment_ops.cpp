// The MIPS32 run loop's segment handlers: one small function per inline form (and one for
// every other instruction, which calls its handler), chosen at decode time. A handler that
// falls through calls the next entry's handler itself, as a sibling call with the same
// arguments, so the cycle count stays in a register from one instruction to the next and no
// switch or loop state sits between them. The chain ends at the run's end, when the cycles
// reach the segment's limit (checked after each instruction, as the loop did before each),
// or at an instruction that leaves the direct path: a branch (whose delay slot is then the
// next segment), a handler call or a slow memory access. Those first settle the core's
// members (pc, next pc, instruction and cycle counts) at the instruction, so exceptions and
// handlers see exactly the state they saw before, and finish it there (kSettled).
//
// Each form does exactly what its handler in mips_*_ops.cpp does (and MipsCore::branch and
// its kin), with the 24Kf issue check for the registers it names (predecode_inline keeps a
// form inline only where its IssueSummary says the same).
#include "cores/mips/mips_core.h"

namespace anvil::mips {

namespace {

using Word = std::uint32_t;
using Compute = Word (*)(Word, Word);

constexpr Word add(Word a, Word b) { return a + b; }
constexpr Word subtract(Word a, Word b) { return a - b; }
constexpr Word bit_and(Word a, Word b) { return a & b; }
constexpr Word bit_or(Word a, Word b) { return a | b; }
constexpr Word bit_xor(Word a, Word b) { return a ^ b; }
constexpr Word bit_nor(Word a, Word b) { return ~(a | b); }
constexpr std::int32_t as_signed(Word v) { return static_cast<std::int32_t>(v); }
constexpr Word less_signed(Word a, Word b) { return as_signed(a) < as_signed(b); }
constexpr Word less_unsigned(Word a, Word b) { return a < b; }
constexpr Word shift_left(Word t, Word sa) { return t << sa; }
constexpr Word shift_right(Word t, Word sa) { return t >> sa; }
constexpr Word shift_right_signed(Word t, Word sa) {
  return static_cast<Word>(as_signed(t) >> sa);
}

using Test = bool (*)(Word, Word);
constexpr bool equal(Word a, Word b) { return a == b; }
constexpr bool not_equal(Word a, Word b) { return a != b; }
using ZeroTest = bool (*)(std::int32_t);
constexpr bool at_most_zero(std::int32_t s) { return s <= 0; }
constexpr bool above_zero(std::int32_t s) { return s > 0; }
constexpr bool below_zero(std::int32_t s) { return s < 0; }
constexpr bool at_least_zero(std::int32_t s) { return s >= 0; }

// Which registers a form reads, and at which stage: the operands of its issue check.
enum class Reads : std::uint8_t { None, Rs, Rt, RsRt, Base, BaseData };

}  // namespace

struct SegmentOps {
  static constexpr Cycles kSettled = MipsCore::kSettled;
  static constexpr unsigned kAlu = PipelineTiming::kAluLatency;

  // The instruction `d` is done at `cycles`: on to the next entry, or the segment's end.
  [[gnu::always_inline]] static SegmentEnd next(MipsCore& core, const DecodedMips* d,
                                                Cycles cycles, Cycles limit) {
    if (cycles >= limit || !d->falls_through) [[unlikely]]
      return {d, cycles};
    ++d;
    return d->run(core, d, cycles, limit);
  }

  // PipelineTiming::issue in pieces: whether an operand named by `R` is not ready yet (then
  // the summary decides the stall and records the result), else the result is ready
  // `latency` cycles after this one (0: the form writes no register). Returns the stall.
  template <bool Interlocked, Reads R>
  [[gnu::always_inline]] static Cycles issue(MipsCore& core, const DecodedMips& d,
                                             Cycles cycles, unsigned latency) {
    if constexpr (!Interlocked) {
      return 0;
    } else {
      PipelineTiming& t = core.timing_;
      bool late = false;
      if constexpr (R == Reads::Rs || R == Reads::RsRt) late = t.operand_late(d.rs, cycles);
      if constexpr (R == Reads::Rt) late = t.operand_late(d.rt, cycles);
      if constexpr (R == Reads::RsRt || R == Reads::BaseData)
        late = late || t.operand_late(d.rt, cycles);
      if constexpr (R == Reads::Base || R == Reads::BaseData)
        late = late || t.address_late(d.rs, cycles);
      if (late) [[unlikely]]
        return t.issue_late(d.timing, cycles);
      if (latency) t.record(d.dest, cycles, latency);
      return 0;
    }
  }

  // The core's members brought to the instruction `d` at `cycles`: the loop wrote them for
  // the segment's first entry (MipsCore::begin_segment), and the entries before `d` all fell
  // through (so `d` is not in a delay slot unless it is the first).
  static void settle(MipsCore& core, const DecodedMips* d, Cycles cycles) {
    if (const auto before = d - core.segment_start_) {
      core.pc_ += 4 * static_cast<std::uint32_t>(before);
      core.next_pc_ = core.pc_ + 4;
      core.instructions_ += static_cast<std::uint64_t>(before);
    }
    core.cycles_ = cycles;
  }
  // The settled instruction `d` is done, its extra cycles in pending_cycles_: the members
  // finished as MipsCore::finish_instruction does, and the segment ends.
  static SegmentEnd settled_end(MipsCore& core, const DecodedMips* d) {
    core.control_flow_ = true;  // the next pc is whatever the instruction left
    core.finish_instruction<false>();
    return {d, kSettled};
  }

  template <bool Interlocked, Compute F>
  static SegmentEnd alu2(MipsCore& core, const DecodedMips* d, Cycles cycles, Cycles limit) {
    const Cycles stall = issue<Interlocked, Reads::RsRt>(core, *d, cycles, kAlu);
    core.r_[d->dest] = F(core.r_[d->rs], core.r_[d->rt]);
    return next(core, d, cycles + 1 + stall, limit);
  }
  template <bool Interlocked, Compute F>
  static SegmentEnd alu_immediate(MipsCore& core, const DecodedMips* d, Cycles cycles,
                                  Cycles limit) {
    const Cycles stall = issue<Interlocked, Reads::Rs>(core, *d, cycles, kAlu);
    core.r_[d->dest] = F(core.r_[d->rs], d->immediate);
    return next(core, d, cycles + 1 + stall, limit);
  }
  template <bool Interlocked, Compute F>
  static SegmentEnd shift(MipsCore& core, const DecodedMips* d, Cycles cycles, Cycles limit) {
    const Cycles stall = issue<Interlocked, Reads::Rt>(core, *d, cycles, kAlu);
    core.r_[d->dest] = F(core.r_[d->rt], d->immediate);
    return next(core, d, cycles + 1 + stall, limit);
  }
  template <bool Interlocked>
  static SegmentEnd lui(MipsCore& core, const DecodedMips* d, Cycles cycles, Cycles limit) {
    const Cycles stall = issue<Interlocked, Reads::None>(core, *d, cycles, kAlu);
    core.r_[d->dest] = d->immediate;
    return next(core, d, cycles + 1 + stall, limit);
  }

  // Loads and stores off the direct path (MipsCore::read/write: another segment, a device,
  // wait states, a fault, a store into decoded code) settle first and end the segment.
  template <class T>
  [[gnu::noinline]] static SegmentEnd load_slow(MipsCore& core, const DecodedMips* d,
                                                Cycles cycles, Cycles stall) {
    settle(core, d, cycles);
    core.pending_cycles_ = stall;
    T value = 0;
    if (core.read(core.r_[d->rs] + d->immediate, value)) core.r_[d->dest] = value;
    return settled_end(core, d);
  }
  template <class T>
  [[gnu::noinline]] static SegmentEnd store_slow(MipsCore& core, const DecodedMips* d,
                                                 Cycles cycles, Cycles stall) {
    settle(core, d, cycles);
    core.pending_cycles_ = stall;
    core.write(core.r_[d->rs] + d->immediate, static_cast<T>(core.r_[d->rt]));
    return settled_end(core, d);
  }
  template <bool Interlocked, class T>
  static SegmentEnd load(MipsCore& core, const DecodedMips* d, Cycles cycles, Cycles limit) {
    const Cycles stall =
        issue<Interlocked, Reads::Base>(core, *d, cycles, core.timing_.load_latency());
    T value = 0;
    if (!core.load_fast(core.r_[d->rs] + d->immediate, value)) [[unlikely]]
      return load_slow<T>(core, d, cycles, stall);
    core.r_[d->dest] = value;
    return next(core, d, cycles + 1 + stall, limit);
  }
  template <bool Interlocked, class T>
  static SegmentEnd store(MipsCore& core, const DecodedMips* d, Cycles cycles, Cycles limit) {
    const Cycles stall = issue<Interlocked, Reads::BaseData>(core, *d, cycles, 0);
    if (!core.store_fast(core.r_[d->rs] + d->immediate, static_cast<T>(core.r_[d->rt])))
        [[unlikely]]
      return store_slow<T>(core, d, cycles, stall);
    return next(core, d, cycles + 1 + stall, limit);
  }

  // Branches and jumps settle (the predictors and the delay slot need the pc) and end the
  // segment; their delay slot runs as the next one.
  template <bool Interlocked, Test F>
  static SegmentEnd compare2(MipsCore& core, const DecodedMips* d, Cycles cycles, Cycles) {
    settle(core, d, cycles);
    core.pending_cycles_ = issue<Interlocked, Reads::RsRt>(core, *d, cycles, 0);
    core.conditional_branch(core.next_pc_ + d->immediate, F(core.r_[d->rs], core.r_[d->rt]));
    return settled_end(core, d);
  }
  template <bool Interlocked, ZeroTest F>
  static SegmentEnd compare_zero(MipsCore& core, const DecodedMips* d, Cycles cycles, Cycles) {
    settle(core, d, cycles);
    core.pending_cycles_ = issue<Interlocked, Reads::Rs>(core, *d, cycles, 0);
    core.conditional_branch(core.next_pc_ + d->immediate, F(as_signed(core.r_[d->rs])));
    return settled_end(core, d);
  }
  static void link(MipsCore& core, const DecodedMips& d) {
    core.r_[d.dest] = core.next_pc_ + 4;
    core.note_call(core.next_pc_ + 4);
  }
  template <bool Interlocked, bool Link>
  static SegmentEnd jump(MipsCore& core, const DecodedMips* d, Cycles cycles, Cycles) {
    settle(core, d, cycles);
    core.pending_cycles_ = issue<Interlocked, Reads::None>(core, *d, cycles, Link ? kAlu : 0);
    core.branch((core.next_pc_ & 0xF0000000u) | d->immediate, true);
    if constexpr (Link) link(core, *d);
    return settled_end(core, d);
  }
  template <bool Interlocked, bool Link>
  static SegmentEnd jump_register(MipsCore& core, const DecodedMips* d, Cycles cycles,
                                  Cycles) {
    settle(core, d, cycles);
    core.pending_cycles_ = issue<Interlocked, Reads::Rs>(core, *d, cycles, Link ? kAlu : 0);
    // JALR reads its target before writing rd; JALR $31 is a call, not a return.
    core.register_jump(Link && d->rs == 31 ? 0 : d->rs, core.r_[d->rs]);
    if constexpr (Link) link(core, *d);
    return settled_end(core, d);
  }

  // Any other instruction: its handler, after the full issue check.
  template <bool Interlocked>
  static SegmentEnd call(MipsCore& core, const DecodedMips* d, Cycles cycles, Cycles) {
    settle(core, d, cycles);
    if constexpr (Interlocked) core.pending_cycles_ = core.timing_.issue(d->timing, d->insn, cycles);
    d->handler(core, d->insn);
    return settled_end(core, d);
  }

  template <bool Interlocked>
  static SegmentHandler choose(InlineOp op) {
    constexpr bool I = Interlocked;
    switch (op) {
      case InlineOp::None:
        return &call<I>;
      case InlineOp::LW:
        return &load<I, std::uint32_t>;
      case InlineOp::LBU:
        return &load<I, std::uint8_t>;
      case InlineOp::SW:
        return &store<I, std::uint32_t>;
      case InlineOp::SB:
        return &store<I, std::uint8_t>;
      case InlineOp::ADDIU:
        return &alu_immediate<I, add>;
      case InlineOp::ADDU:
        return &alu2<I, add>;
      case InlineOp::SUBU:
        return &alu2<I, subtract>;
      case InlineOp::AND:
        return &alu2<I, bit_and>;
      case InlineOp::OR:
        return &alu2<I, bit_or>;
      case InlineOp::XOR:
        return &alu2<I, bit_xor>;
      case InlineOp::NOR:
        return &alu2<I, bit_nor>;
      case InlineOp::SLT:
        return &alu2<I, less_signed>;
      case InlineOp::SLTU:
        return &alu2<I, less_unsigned>;
      case InlineOp::SLTI:
        return &alu_immediate<I, less_signed>;
      case InlineOp::SLTIU:
        return &alu_immediate<I, less_unsigned>;
      case InlineOp::ANDI:
        return &alu_immediate<I, bit_and>;
      case InlineOp::ORI:
        return &alu_immediate<I, bit_or>;
      case InlineOp::XORI:
        return &alu_immediate<I, bit_xor>;
      case InlineOp::LUI:
        return &lui<I>;
      case InlineOp::SLL:
        return &shift<I, shift_left>;
      case InlineOp::SRL:
        return &shift<I, shift_right>;
      case InlineOp::SRA:
        return &shift<I, shift_right_signed>;
      case InlineOp::BEQ:
        return &compare2<I, equal>;
      case InlineOp::BNE:
        return &compare2<I, not_equal>;
      case InlineOp::BLEZ:
        return &compare_zero<I, at_most_zero>;
      case InlineOp::BGTZ:
        return &compare_zero<I, above_zero>;
      case InlineOp::BLTZ:
        return &compare_zero<I, below_zero>;
      case InlineOp::BGEZ:
        return &compare_zero<I, at_least_zero>;
      case InlineOp::J:
        return &jump<I, false>;
      case InlineOp::JAL:
        return &jump<I, true>;
      case InlineOp::JR:
        return &jump_register<I, false>;
      case InlineOp::JALR:
        return &jump_register<I, true>;
    }
    return &call<I>;
  }
};

SegmentHandler segment_handler(InlineOp op, bool interlocked) {
  return interlocked ? SegmentOps::choose<true>(op) : SegmentOps::choose<false>(op);
}

}  // namespace anvil::mips
