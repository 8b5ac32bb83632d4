// The MIPS32 run loop (4Kc, 24Kf; no load-delay slot). Its per-instruction state (cycle and
// instruction counts, pc, next pc, whether a branch is in flight, this instruction's extra
// cycles) lives in a LoopState the compiler keeps in registers while the hot integer forms
// run inline; it is written to the core's members only where something outside the loop can
// observe it: a handler call, an out-of-line memory access (which may raise an exception or
// add wait states), the hooks, the decode slow path and the end of the loop. The MIPS I
// loop, with its load-delay slot left to the handlers, is in mips_core.cpp.
#include "cores/mips/mips_core.h"

namespace anvil::mips {

template <class T>
inline bool MipsCore::load_inline(std::uint32_t va, T& value, LoopState& state) {
  if (load_fast(va, value)) [[likely]]
    return true;
  write_back(state);
  const bool loaded = read(va, value);
  state = loop_state();
  state.control_flow = true;  // an exception moves the pc: finish_inline() looks
  return loaded;
}

template <class T>
inline void MipsCore::store_inline(std::uint32_t va, T value, LoopState& state) {
  if (store_fast(va, value)) [[likely]]
    return;
  write_back(state);
  write(va, value);
  state = loop_state();
  state.control_flow = true;  // an exception moves the pc: finish_inline() looks
}

// Exactly what the handlers of these forms do (mips_alu_ops.cpp, mips_load_store_ops.cpp,
// mips_branch_ops.cpp, and MipsCore::branch and its kin in mips_core.h), on the loop's state,
// each with its own issue check (PipelineTiming::issue_integer, of the shape
// predecode_inline gave it): a load writes its register at once (no load-delay slot on
// MIPS32), and a result goes to `dest`, which is never register 0.
template <bool Interlocked>
inline bool MipsCore::execute_inline(const DecodedMips& d, LoopState& state) {
  const auto issue = [&]<unsigned Reads, bool Writes>() {
    if constexpr (Interlocked)
      state.pending_cycles += timing_.issue_integer<Reads, Writes>(d.timing, state.cycles);
  };
  const auto signed_value = [](std::uint32_t v) { return static_cast<std::int32_t>(v); };
  // Register-register and register-immediate ALU forms: read, compute, write dest.
  const auto alu2 = [&](auto compute) {
    issue.template operator()<2, true>();
    r_[d.dest] = compute(r_[d.rs], r_[d.rt]);
    return true;
  };
  const auto alu_immediate = [&](auto compute) {
    issue.template operator()<1, true>();
    r_[d.dest] = compute(r_[d.rs], d.immediate);
    return true;
  };
  const auto shift = [&](auto compute) {
    issue.template operator()<1, true>();
    r_[d.dest] = compute(r_[d.rt], d.immediate);
    return true;
  };
  // MipsCore::branch: the next instruction is the delay slot.
  const auto branch = [&](std::uint32_t target, bool taken) {
    branch_ = {target, true, taken};
    state.control_flow = true;
    if (taken) state.pending_cycles += branch_taken_cycles_;
  };
  const auto conditional_branch = [&](bool taken) {
    branch(state.next_pc + d.immediate, taken);
    state.pending_cycles += timing_.conditional_branch(state.pc, taken, false);
    return true;
  };
  const auto compare2 = [&](auto test) {
    issue.template operator()<2, false>();
    return conditional_branch(test(r_[d.rs], r_[d.rt]));
  };
  const auto compare_zero = [&](auto test) {
    issue.template operator()<1, false>();
    return conditional_branch(test(signed_value(r_[d.rs])));
  };
  const auto register_jump = [&](unsigned rs) {
    const std::uint32_t target = r_[d.rs];
    branch(target, true);
    state.pending_cycles += timing_.register_jump(rs, target);
  };
  const auto link = [&] {
    r_[d.dest] = state.next_pc + 4;
    timing_.link(state.next_pc + 4);
  };
  switch (d.inline_op) {
    default:  // predecode_inline makes only the InlineOp values
      __builtin_unreachable();
    case InlineOp::None:
      return false;
    case InlineOp::LW: {
      issue.template operator()<1, true>();
      std::uint32_t v = 0;
      if (load_inline(r_[d.rs] + d.immediate, v, state)) r_[d.dest] = v;
      return true;
    }
    case InlineOp::LBU: {
      issue.template operator()<1, true>();
      std::uint8_t v = 0;
      if (load_inline(r_[d.rs] + d.immediate, v, state)) r_[d.dest] = v;
      return true;
    }
    case InlineOp::SW:
      issue.template operator()<2, false>();
      store_inline(r_[d.rs] + d.immediate, r_[d.rt], state);
      return true;
    case InlineOp::SB:
      issue.template operator()<2, false>();
      store_inline(r_[d.rs] + d.immediate, static_cast<std::uint8_t>(r_[d.rt]), state);
      return true;
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
      issue.template operator()<0, true>();
      r_[d.dest] = d.immediate;
      return true;
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
      return true;
    case InlineOp::JAL:
      issue.template operator()<0, true>();
      branch((state.next_pc & 0xF0000000u) | d.immediate, true);
      link();
      return true;
    case InlineOp::JR:
      issue.template operator()<1, false>();
      register_jump(d.rs);
      return true;
    case InlineOp::JALR:  // the target is read before rd is written
      issue.template operator()<1, true>();
      register_jump(d.rs == 31 ? 0 : d.rs);
      link();
      return true;
  }
}

// MipsCore::finish_instruction without a load-delay slot, on the loop's state. Returns
// whether the next instruction is the one after `pc` (the next entry of a run, when this one
// falls through): not after a taken branch's delay slot, an exception, or a handler that
// moved the pc.
inline bool MipsCore::finish_inline(std::uint32_t pc, LoopState& state) {
  state.cycles += 1 + state.pending_cycles;
  state.pending_cycles = 0;
  ++state.instructions;
  state.pc = state.next_pc;
  state.next_pc += 4;
  if (!state.control_flow) [[likely]]
    return true;
  delay_ = branch_;
  if (branch_.taken) state.next_pc = branch_.target;
  branch_ = DelayState{};
  state.control_flow = delay_.slot;
  return state.pc == pc + 4;
}

// The loop runs a decoded run as the unit: looked up where control arrives (the loop's
// start, a taken branch's target, an exception vector), it goes through the run's entries
// in order while each falls through to the next, with no address compare per entry. Inline
// forms that cannot change the flow of control (all but the slow memory paths and the
// branches) leave control_flow clear, so finishing them is the count, the cycles and the
// pc; everything else sets control_flow and finish_inline() checks the next pc. The budget,
// stop requests (limit 0) and the hooks are checked before every instruction as before, so
// no instruction boundary moves.
template <bool Hooked, bool Interlocked>
void MipsCore::execute_mips32_until_limit() {
  LoopState state = loop_state();
  while (state.cycles < limit_.load(std::memory_order_relaxed)) {
    if constexpr (Hooked) {
      write_back(state);
      if (stopped_by_hook()) return;
      state = loop_state();
    }
    const DecodedMips* d = cached_decoded(state.pc);
    if (!d) [[unlikely]] {
      write_back(state);
      d = decode_slow(state.pc);
      state = loop_state();
      if (!d) {  // the fetch faulted and entered the exception: finished like any other
        finish_inline(state.pc, state);
        continue;
      }
    }
    for (;;) {
      const std::uint32_t pc = state.pc;
      if (!execute_inline<Interlocked>(*d, state)) {
        if constexpr (Interlocked)
          state.pending_cycles += timing_.issue(d->timing, d->insn, state.cycles);
        write_back(state);
        d->handler(*this, d->insn);
        state = loop_state();
        r_[0] = 0;                  // handlers write $zero through set_gpr like any register
        state.control_flow = true;  // it may have moved the pc: finish_inline() looks
      }
      const bool sequential = finish_inline(pc, state);
      // A store that dropped the page set the limit to 0: `d` is not read again.
      if (state.cycles >= limit_.load(std::memory_order_relaxed)) break;
      if (!sequential || !d->falls_through) break;
      ++d;
      if constexpr (Hooked) {
        write_back(state);
        if (stopped_by_hook()) return;
        state = loop_state();
      }
    }
  }
  write_back(state);
}

template void MipsCore::execute_mips32_until_limit<false, false>();
template void MipsCore::execute_mips32_until_limit<false, true>();
template void MipsCore::execute_mips32_until_limit<true, false>();
template void MipsCore::execute_mips32_until_limit<true, true>();

}  // namespace anvil::mips
