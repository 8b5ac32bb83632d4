// The MIPS32 run loop (4Kc, 24Kf; no load-delay slot). Its per-instruction state (cycle and
// instruction counts, pc, next pc) lives in a local LoopState while the hot integer forms run
// inline (g++ 12 keeps part of it on the stack around the switch), and an instruction's
// extra cycles in a temporary; they are written to the core's members only where something
// outside the loop can observe them: a handler call, an out-of-line memory access (which may
// raise an exception or add wait states), the hooks, the decode slow path and the end of the
// loop. The MIPS I loop, with its load-delay slot left to the handlers, is in mips_core.cpp.
#include "cores/mips/mips_core.h"

namespace anvil::mips {

// The slow paths of the inline loads and stores: `extra` holds the instruction's stall on
// entry and its extra cycles (with any wait states) on return. They set control_flow_: an
// exception moves the pc, and a store may drop the running page (finish_control_flow looks).
template <class T>
inline bool MipsCore::load_inline(std::uint32_t va, T& value, LoopState& state, Cycles& extra) {
  if (load_fast(va, value)) [[likely]]
    return true;
  write_back(state, extra);
  const bool loaded = read(va, value);
  state = loop_state();
  extra = take_pending_cycles();
  control_flow_ = true;
  return loaded;
}

template <class T>
inline void MipsCore::store_inline(std::uint32_t va, T value, LoopState& state, Cycles& extra) {
  if (store_fast(va, value)) [[likely]]
    return;
  write_back(state, extra);
  write(va, value);
  state = loop_state();
  extra = take_pending_cycles();
  control_flow_ = true;
}

// Exactly what the handlers of these forms do (mips_alu_ops.cpp, mips_load_store_ops.cpp,
// mips_branch_ops.cpp, and MipsCore::branch and its kin in mips_core.h), on the loop's state,
// each with its own issue check (the registers it reads, at which stage, and its result:
// what predecode_inline found its IssueSummary to say): a load writes its register at once
// (no load-delay slot on MIPS32), and a result goes to `dest`, which is never register 0.
// Returns the instruction's extra cycles (stall, taken branch, wait states), or kNotInline
// when the form is not inline (the handler runs it).
template <bool Interlocked>
inline Cycles MipsCore::execute_inline(const DecodedMips& d, LoopState& state) {
  Cycles extra = 0;
  // PipelineTiming::issue in pieces: `late()` whether an operand is not ready yet (then
  // the summary decides the stall and records the result), else the result is ready
  // `latency` cycles after this one (0: the form writes no register).
  const auto issue = [&](auto late, unsigned latency) {
    if constexpr (Interlocked) {
      if (late()) [[unlikely]]
        extra = timing_.issue_late(d.timing, state.cycles);
      else if (latency)
        timing_.record(d.dest, state.cycles, latency);
    }
  };
  const auto operand = [&](unsigned reg) { return timing_.operand_late(reg, state.cycles); };
  const auto base = [&](unsigned reg) { return timing_.address_late(reg, state.cycles); };
  constexpr unsigned kAlu = PipelineTiming::kAluLatency, kNone = 0;
  const auto none = [] { return false; };
  const auto rs = [&] { return operand(d.rs); };
  const auto rs_rt = [&] { return operand(d.rs) || operand(d.rt); };
  const auto done = [&] { return extra; };
  const auto signed_value = [](std::uint32_t v) { return static_cast<std::int32_t>(v); };
  // Register-register and register-immediate ALU forms: read, compute, write dest.
  const auto alu2 = [&](auto compute) {
    issue(rs_rt, kAlu);
    r_[d.dest] = compute(r_[d.rs], r_[d.rt]);
    return done();
  };
  const auto alu_immediate = [&](auto compute) {
    issue(rs, kAlu);
    r_[d.dest] = compute(r_[d.rs], d.immediate);
    return done();
  };
  const auto shift = [&](auto compute) {
    issue([&] { return operand(d.rt); }, kAlu);
    r_[d.dest] = compute(r_[d.rt], d.immediate);
    return done();
  };
  // MipsCore::branch: the next instruction is the delay slot.
  const auto branch = [&](std::uint32_t target, bool taken) {
    branch_ = {target, true, taken};
    control_flow_ = true;
    if (taken) extra += branch_taken_cycles_;
  };
  const auto conditional_branch = [&](bool taken) {
    branch(state.next_pc + d.immediate, taken);
    extra += timing_.conditional_branch(state.pc, taken, false);
    return done();
  };
  const auto compare2 = [&](auto test) {
    issue(rs_rt, kNone);
    return conditional_branch(test(r_[d.rs], r_[d.rt]));
  };
  const auto compare_zero = [&](auto test) {
    issue(rs, kNone);
    return conditional_branch(test(signed_value(r_[d.rs])));
  };
  const auto register_jump = [&](unsigned rs) {
    const std::uint32_t target = r_[d.rs];
    branch(target, true);
    extra += timing_.register_jump(rs, target);
  };
  const auto link = [&] {
    r_[d.dest] = state.next_pc + 4;
    timing_.link(state.next_pc + 4);
  };
  switch (d.inline_op) {
    default:  // predecode_inline makes only the InlineOp values
      __builtin_unreachable();
    case InlineOp::None:
      return kNotInline;
    case InlineOp::LW: {
      issue([&] { return base(d.rs); }, timing_.load_latency());
      std::uint32_t v = 0;
      if (load_inline(r_[d.rs] + d.immediate, v, state, extra)) r_[d.dest] = v;
      return done();
    }
    case InlineOp::LBU: {
      issue([&] { return base(d.rs); }, timing_.load_latency());
      std::uint8_t v = 0;
      if (load_inline(r_[d.rs] + d.immediate, v, state, extra)) r_[d.dest] = v;
      return done();
    }
    case InlineOp::SW:
      issue([&] { return base(d.rs) || operand(d.rt); }, kNone);
      store_inline(r_[d.rs] + d.immediate, r_[d.rt], state, extra);
      return done();
    case InlineOp::SB:
      issue([&] { return base(d.rs) || operand(d.rt); }, kNone);
      store_inline(r_[d.rs] + d.immediate, static_cast<std::uint8_t>(r_[d.rt]), state, extra);
      return done();
    case InlineOp::ADDIU:
      return alu_immediate([](std::uint32_t s, std::uint32_t i) { return s + i; });
    case InlineOp::ADDU:
      return alu2([](std::uint32_t s, std::uint32_t t) { return s + t; });
    case InlineOp::SUBU:
      return alu2([](std::uint32_t s, std::uint32_t t) { return s - t; });
    case InlineOp::AND:
      return alu2([](std::uint32_t s, std::uint32_t t) { return s & t; });
    case InlineOp::OR:
      return alu2([](std::uint32_t s, std::uint32_t t) { return s | t; });
    case InlineOp::XOR:
      return alu2([](std::uint32_t s, std::uint32_t t) { return s ^ t; });
    case InlineOp::NOR:
      return alu2([](std::uint32_t s, std::uint32_t t) { return ~(s | t); });
    case InlineOp::SLT:
      return alu2([&](std::uint32_t s, std::uint32_t t) -> std::uint32_t {
        return signed_value(s) < signed_value(t);
      });
    case InlineOp::SLTU:
      return alu2([](std::uint32_t s, std::uint32_t t) -> std::uint32_t { return s < t; });
    case InlineOp::SLTI:
      return alu_immediate([&](std::uint32_t s, std::uint32_t i) -> std::uint32_t {
        return signed_value(s) < signed_value(i);
      });
    case InlineOp::SLTIU:
      return alu_immediate([](std::uint32_t s, std::uint32_t i) -> std::uint32_t { return s < i; });
    case InlineOp::ANDI:
      return alu_immediate([](std::uint32_t s, std::uint32_t i) { return s & i; });
    case InlineOp::ORI:
      return alu_immediate([](std::uint32_t s, std::uint32_t i) { return s | i; });
    case InlineOp::XORI:
      return alu_immediate([](std::uint32_t s, std::uint32_t i) { return s ^ i; });
    case InlineOp::LUI:
      issue(none, kAlu);
      r_[d.dest] = d.immediate;
      return done();
    case InlineOp::SLL:
      return shift([](std::uint32_t t, std::uint32_t sa) { return t << sa; });
    case InlineOp::SRL:
      return shift([](std::uint32_t t, std::uint32_t sa) { return t >> sa; });
    case InlineOp::SRA:
      return shift([&](std::uint32_t t, std::uint32_t sa) {
        return static_cast<std::uint32_t>(signed_value(t) >> sa);
      });
    case InlineOp::BEQ:
      return compare2([](std::uint32_t s, std::uint32_t t) { return s == t; });
    case InlineOp::BNE:
      return compare2([](std::uint32_t s, std::uint32_t t) { return s != t; });
    case InlineOp::BLEZ:
      return compare_zero([](std::int32_t s) { return s <= 0; });
    case InlineOp::BGTZ:
      return compare_zero([](std::int32_t s) { return s > 0; });
    case InlineOp::BLTZ:
      return compare_zero([](std::int32_t s) { return s < 0; });
    case InlineOp::BGEZ:
      return compare_zero([](std::int32_t s) { return s >= 0; });
    case InlineOp::J:
      branch((state.next_pc & 0xF0000000u) | d.immediate, true);
      return done();
    case InlineOp::JAL:
      issue(none, kAlu);
      branch((state.next_pc & 0xF0000000u) | d.immediate, true);
      link();
      return done();
    case InlineOp::JR:
      issue(rs, kNone);
      register_jump(d.rs);
      return done();
    case InlineOp::JALR:  // the target is read before rd is written
      issue(rs, kAlu);
      register_jump(d.rs == 31 ? 0 : d.rs);
      link();
      return done();
  }
}

// MipsCore::finish_control_flow on the loop's state, after the pc moved on: returns whether
// the next instruction is the one after `pc` (the next entry of a run, when this one falls
// through): not after a taken branch's delay slot, an exception, or a handler that moved
// the pc.
inline bool MipsCore::finish_control_flow(LoopState& state) {
  const std::uint32_t after = state.pc + 4;
  state.pc = state.next_pc;
  state.next_pc += 4;
  delay_ = branch_;
  if (branch_.taken) state.next_pc = branch_.target;
  branch_ = DelayState{};
  control_flow_ = delay_.slot;
  return state.pc == after;
}

// The loop runs a decoded run as the unit: looked up where control arrives (the loop's
// start, a taken branch's target, an exception vector), it goes through the run's entries
// in order while each falls through to the next, with no address compare per entry. Inline
// forms that cannot change the flow of control (all but the slow memory paths and the
// branches) leave control_flow_ clear, so finishing them is the count, the cycles and the
// pc; everything else sets it and finish_control_flow() checks the next pc. The budget,
// stop requests (limit 0) and the hooks are checked before every instruction as before, so
// no instruction boundary moves.
template <bool Hooked, bool Interlocked>
void MipsCore::execute_mips32_until_limit() {
  LoopState state = loop_state();
  // MipsCore::finish_instruction without a load-delay slot: false when the next
  // instruction is not the one after this one.
  const auto finish = [&](Cycles extra) {
    state.cycles += 1 + extra;
    ++state.instructions;
    if (control_flow_) [[unlikely]]
      return finish_control_flow(state);
    state.pc = state.next_pc;
    state.next_pc += 4;
    return true;
  };
  // An instruction through its handler, `carried` cycles already owed by it: its extra
  // cycles. The handler may move the pc (finish_control_flow() looks) and writes $zero
  // through set_gpr like any register.
  const auto call_handler = [&](const DecodedMips& d, Cycles carried) {
    Cycles stall = 0;
    if constexpr (Interlocked) stall = timing_.issue(d.timing, d.insn, state.cycles);
    write_back(state, carried + stall);
    d.handler(*this, d.insn);
    state = loop_state();
    r_[0] = 0;
    control_flow_ = true;
    return take_pending_cycles();
  };
  while (state.cycles < limit_.load(std::memory_order_relaxed)) {
    if constexpr (Hooked) {
      write_back(state, 0);
      if (stopped_by_hook()) return;
      state = loop_state();
    }
    const DecodedMips* d = cached_decoded(state.pc);
    if (!d) [[unlikely]] {
      write_back(state, 0);
      d = decode_slow(state.pc);
      state = loop_state();
      // Wait states of the fetch belong to this instruction: through the handler, which
      // takes them as the loop's inline form could not.
      const Cycles fetch_wait = take_pending_cycles();
      if (!d || fetch_wait) {  // a faulting fetch has entered the exception
        finish(d ? call_handler(*d, fetch_wait) : fetch_wait);
        continue;
      }
    }
    for (;;) {
      Cycles extra = execute_inline<Interlocked>(*d, state);
      if (extra == kNotInline) [[unlikely]]
        extra = call_handler(*d, 0);
      const bool straight_on = finish(extra);
      // A store that dropped the page set the limit to 0: `d` is not read again.
      if (state.cycles >= limit_.load(std::memory_order_relaxed)) break;
      // With hooks, each instruction goes through the loop's head (the hook, the lookup).
      if (Hooked || !straight_on || !d->falls_through) break;
      ++d;
    }
  }
  write_back(state, 0);
}

template void MipsCore::execute_mips32_until_limit<false, false>();
template void MipsCore::execute_mips32_until_limit<false, true>();
template void MipsCore::execute_mips32_until_limit<true, false>();
template void MipsCore::execute_mips32_until_limit<true, true>();

}  // namespace anvil::mips
