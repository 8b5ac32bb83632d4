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
  return loaded;
}

template <class T>
inline void MipsCore::store_inline(std::uint32_t va, T value, LoopState& state) {
  if (store_fast(va, value)) [[likely]]
    return;
  write_back(state);
  write(va, value);
  state = loop_state();
}

// Exactly what the handlers of these forms do (mips_alu_ops.cpp, mips_load_store_ops.cpp,
// mips_branch_ops.cpp, and MipsCore::branch and its kin in mips_core.h), on the loop's state:
// a load writes its register at once (no load-delay slot on MIPS32).
inline bool MipsCore::execute_inline(const DecodedMips& d, LoopState& state) {
  const std::uint32_t s = r_[d.rs], t = r_[d.rt];
  const auto signed_value = [](std::uint32_t v) { return static_cast<std::int32_t>(v); };
  // MipsCore::branch: the next instruction is the delay slot.
  const auto branch = [&](std::uint32_t target, bool taken) {
    branch_ = {target, true, taken};
    state.control_flow = true;
    if (taken) state.pending_cycles += branch_taken_cycles_;
  };
  const auto conditional_branch = [&](bool taken) {
    branch(state.next_pc + d.immediate, taken);
    state.pending_cycles += timing_.conditional_branch(state.pc, taken, false);
  };
  const auto register_jump = [&](unsigned rs) {
    branch(s, true);
    state.pending_cycles += timing_.register_jump(rs, s);
  };
  const auto link = [&](unsigned rd) {
    set_gpr(rd, state.next_pc + 4);
    timing_.link(state.next_pc + 4);
  };
  switch (d.inline_op) {
    default:  // predecode_inline makes only the InlineOp values
      __builtin_unreachable();
    case InlineOp::None:
      return false;
    case InlineOp::LW: {
      std::uint32_t v = 0;
      if (load_inline(s + d.immediate, v, state)) r_[d.rt] = v;
      return true;
    }
    case InlineOp::LBU: {
      std::uint8_t v = 0;
      if (load_inline(s + d.immediate, v, state)) r_[d.rt] = v;
      return true;
    }
    case InlineOp::SW:
      store_inline(s + d.immediate, t, state);
      return true;
    case InlineOp::SB:
      store_inline(s + d.immediate, static_cast<std::uint8_t>(t), state);
      return true;
    case InlineOp::ADDIU:
      set_gpr(d.rt, s + d.immediate);
      return true;
    case InlineOp::ADDU:
      set_gpr(d.rd, s + t);
      return true;
    case InlineOp::SUBU:
      set_gpr(d.rd, s - t);
      return true;
    case InlineOp::AND:
      set_gpr(d.rd, s & t);
      return true;
    case InlineOp::OR:
      set_gpr(d.rd, s | t);
      return true;
    case InlineOp::XOR:
      set_gpr(d.rd, s ^ t);
      return true;
    case InlineOp::NOR:
      set_gpr(d.rd, ~(s | t));
      return true;
    case InlineOp::SLT:
      set_gpr(d.rd, signed_value(s) < signed_value(t));
      return true;
    case InlineOp::SLTU:
      set_gpr(d.rd, s < t);
      return true;
    case InlineOp::SLTI:
      set_gpr(d.rt, signed_value(s) < signed_value(d.immediate));
      return true;
    case InlineOp::SLTIU:
      set_gpr(d.rt, s < d.immediate);
      return true;
    case InlineOp::ANDI:
      set_gpr(d.rt, s & d.immediate);
      return true;
    case InlineOp::ORI:
      set_gpr(d.rt, s | d.immediate);
      return true;
    case InlineOp::XORI:
      set_gpr(d.rt, s ^ d.immediate);
      return true;
    case InlineOp::LUI:
      set_gpr(d.rt, d.immediate);
      return true;
    case InlineOp::SLL:
      set_gpr(d.rd, t << d.immediate);
      return true;
    case InlineOp::SRL:
      set_gpr(d.rd, t >> d.immediate);
      return true;
    case InlineOp::SRA:
      set_gpr(d.rd, static_cast<std::uint32_t>(signed_value(t) >> d.immediate));
      return true;
    case InlineOp::BEQ:
      conditional_branch(s == t);
      return true;
    case InlineOp::BNE:
      conditional_branch(s != t);
      return true;
    case InlineOp::BLEZ:
      conditional_branch(signed_value(s) <= 0);
      return true;
    case InlineOp::BGTZ:
      conditional_branch(signed_value(s) > 0);
      return true;
    case InlineOp::BLTZ:
      conditional_branch(signed_value(s) < 0);
      return true;
    case InlineOp::BGEZ:
      conditional_branch(signed_value(s) >= 0);
      return true;
    case InlineOp::J:
      branch((state.next_pc & 0xF0000000u) | d.immediate, true);
      return true;
    case InlineOp::JAL:
      branch((state.next_pc & 0xF0000000u) | d.immediate, true);
      link(31);
      return true;
    case InlineOp::JR:
      register_jump(d.rs);
      return true;
    case InlineOp::JALR:  // the target is read before rd is written
      register_jump(d.rs == 31 ? 0 : d.rs);
      link(d.rd);
      return true;
  }
}

template <bool Hooked, bool Interlocked>
void MipsCore::execute_mips32_until_limit() {
  LoopState state = loop_state();
  const DecodedMips* d = nullptr;
  // The address at which `d + 1` is the next instruction; none (wider than any address)
  // when `d` was the last of its run.
  constexpr std::uint64_t kNoFallThrough = ~std::uint64_t{0};
  std::uint64_t fall_through = kNoFallThrough;
  while (state.cycles < limit_.load(std::memory_order_relaxed)) {
    if constexpr (Hooked) {
      write_back(state);
      if (stopped_by_hook()) return;
      state = loop_state();
    }
    // Straight on through a decoded run when the last instruction fell through; a store
    // that drops the page ends the loop (limit 0) before `d` is read again.
    if (state.pc == fall_through) {
      ++d;
    } else {
      d = cached_decoded(state.pc);
      if (!d) [[unlikely]] {
        write_back(state);
        d = decode_slow(state.pc);
        state = loop_state();
      }
    }
    // A fetch that faults has already entered the exception; the instruction is then
    // finished like any other.
    if (d) [[likely]] {
      fall_through = d->falls_through ? std::uint64_t{state.pc} + 4 : kNoFallThrough;
      if constexpr (Interlocked)
        state.pending_cycles += timing_.issue(d->timing, d->insn, state.cycles);
      if (!execute_inline(*d, state)) {
        write_back(state);
        d->handler(*this, d->insn);
        state = loop_state();
      }
    } else {
      fall_through = kNoFallThrough;
    }
    // MipsCore::finish_instruction without a load-delay slot.
    state.cycles += 1 + state.pending_cycles;
    state.pending_cycles = 0;
    ++state.instructions;
    state.pc = state.next_pc;
    state.next_pc += 4;
    if (state.control_flow) [[unlikely]] {
      delay_ = branch_;
      if (branch_.taken) state.next_pc = branch_.target;
      branch_ = DelayState{};
      state.control_flow = delay_.slot;
    }
    r_[0] = 0;
  }
  write_back(state);
}

template void MipsCore::execute_mips32_until_limit<false, false>();
template void MipsCore::execute_mips32_until_limit<false, true>();
template void MipsCore::execute_mips32_until_limit<true, false>();
template void MipsCore::execute_mips32_until_limit<true, true>();

}  // namespace anvil::mips
