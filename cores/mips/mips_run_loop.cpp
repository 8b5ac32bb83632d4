// The MIPS32 run loop (4Kc, 24Kf; no load-delay slot). It runs segments: from the entry
// reached, the handlers of a decoded run call each other while the code falls through
// (mips_segment_ops.cpp), the cycle count passed along in a register. Between segments the
// per-instruction state (cycle and instruction counts, pc, next pc) lives in a local
// LoopState; it is written to the core's members where something outside the loop can
// observe it: at a segment's start (for a handler that settles), the hooks, the decode slow
// path and the end of the loop. The MIPS I loop, with its load-delay slot left to the
// handlers, is in mips_core.cpp.
#include "cores/mips/mips_core.h"

namespace anvil::mips {

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

// A segment starts where control arrives (the loop's start, a taken branch's target, an
// exception vector) or where the last one stopped, and goes on through the run's entries
// while each falls through, with the budget checked after each instruction (the segment's
// limit: the loop's, read when it starts; 0 for a delay slot and with hooks, which run one
// instruction). Branches, handler calls and slow memory paths end it after settling the
// members (kSettled); the loop then reads the state back and goes on from there. So no
// instruction boundary moves: the budget is checked before every instruction as before,
// and a stop request (limit 0) is seen at the segment's end.
template <bool Hooked, bool Interlocked>
void MipsCore::execute_mips32_until_limit() {
  LoopState state = loop_state();
  // A taken branch that ran its delay slot and ended the segment: its target's entry, once
  // looked up, is remembered in it when both are on the same decoded page.
  const DecodedMips* taken_from = nullptr;
  // An ALU, load or store form that ended its run (cut short) and its segment, the next
  // instruction on its page: the entry looked up for it is remembered in it (SegmentOps::run_end).
  const DecodedMips* run_ended_at = nullptr;
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
  while (state.cycles < limit_.load(std::memory_order_relaxed)) {
    if constexpr (Hooked) {
      write_back(state, 0);
      if (stopped_by_hook()) return;
      state = loop_state();
    }
    const DecodedMips* d = cached_decoded(state.pc);
    if (taken_from) [[unlikely]] {
      if (d && !((state.pc ^ taken_from->pc) >> MemoryPort::kPageBits)) {
        taken_from->remembered_target = state.pc;
        taken_from->remembered_entry = d;
      }
      if (d && flat_ && state.pc < 0x80000000) known_target(state.pc) = {state.pc, d};
      taken_from = nullptr;
    }
    if (run_ended_at) [[unlikely]] {
      if (d && (state.pc & MemoryPort::kPageMask)) run_ended_at->remembered_entry = d;
      run_ended_at = nullptr;
    }
    if (!d) [[unlikely]] {
      write_back(state, 0);
      d = decode_slow(state.pc);
      state = loop_state();
      // Wait states of the fetch belong to this instruction: through its handler, which
      // takes them as a segment could not.
      const Cycles fetch_wait = take_pending_cycles();
      if (!d || fetch_wait) {  // a faulting fetch has entered the exception
        if (d) {
          Cycles stall = 0;
          if constexpr (Interlocked) stall = timing_.issue(d->timing, d->insn, state.cycles);
          write_back(state, fetch_wait + stall);
          d->handler(*this, d->insn);
          r_[0] = 0;
          control_flow_ = true;
          finish_instruction<false>();
          state = loop_state();
        } else {
          finish(fetch_wait);
        }
        continue;
      }
    }
    for (;;) {
      const bool in_slot = control_flow_;
      const Cycles limit = Hooked || in_slot ? 0 : limit_.load(std::memory_order_relaxed);
      begin_segment(state, d);
      const DecodedMips* const last = d->run(*this, d, state.cycles, limit);
      bool straight_on = true;
      if (segment_cycles_ == kSettled) {
        state = loop_state();
        straight_on = settled_straight_on_;
      } else {
        // A taken branch into its run, or to the target it remembers, starts the segment
        // again there (SegmentOps::branch): the segment's start, pc and count as the
        // members say.
        const auto ran = static_cast<std::uint32_t>(last - segment_start_) + 1;
        state.cycles = segment_cycles_;
        state.instructions = instructions_ + ran;
        // The last instruction ran at its pc (a delay slot: a segment of one, whose next pc
        // is the branch's); a branch or a delay slot leaves control_flow_ set.
        state.pc = last->pc;
        if (!in_slot) state.next_pc = state.pc + 4;
        if (control_flow_) {
          if (!in_slot && !branch_.slot) {  // a taken branch that ran its delay slot
            taken_from = last - 1;
            state.pc = branch_.target;
            state.next_pc = state.pc + 4;
            branch_ = DelayState{};
            delay_ = DelayState{};
            control_flow_ = false;
            straight_on = false;
          } else {
            straight_on = finish_control_flow(state);
          }
        } else {
          state.pc = state.next_pc;
          state.next_pc += 4;
        }
      }
      // A store that dropped the page set the limit to 0: `last` is not read again.
      if (state.cycles >= limit_.load(std::memory_order_relaxed)) break;
      // With hooks, each instruction goes through the loop's head (the hook, the lookup).
      if (Hooked || !straight_on) break;
      if (!last->falls_through) {
        if (last->execute) run_ended_at = last;
        break;
      }
      d = last + 1;
    }
  }
  write_back(state, 0);
}

template void MipsCore::execute_mips32_until_limit<false, false>();
template void MipsCore::execute_mips32_until_limit<false, true>();
template void MipsCore::execute_mips32_until_limit<true, false>();
template void MipsCore::execute_mips32_until_limit<true, true>();

}  // namespace anvil::mips
