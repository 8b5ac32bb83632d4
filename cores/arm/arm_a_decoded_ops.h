// The A-profile interpreter's specialised ops: the instruction forms that dominate real
// programs (callgrind over bench.c and the -O2 conformance programs: Thumb-2 loads, stores,
// compares, moves, adds and branches, A32 word and byte loads and stores) read their
// operands from the decoded entry (DecodedArm::d/n/m/imm/form), filled once at decode time
// by choose_execute (arm_a_decoded_ops.cpp), instead of extracting fields from the
// instruction bits on every execution.
//
// Each op does exactly what its table handler does for the operands it is chosen for: the
// same memory accesses in the same order, the same cycles added at the same point, the same
// registers written when an access faults (none, or the handler's). Forms where the handler
// has to look further (a PC operand, an UNPREDICTABLE choice it treats as UNDEFINED, the
// unprivileged forms) are never specialised and keep the handler. Register numbers in the
// entry are never 15; ArmA writes SP unmasked (sp_write_mask_ is all ones), so a register
// write is a plain store to r_.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "cores/arm/alu.h"
#include "cores/arm/arm_a_core.h"
#include "cores/arm/arm_a_timing.h"
#include "cores/arm/cortex_m3_timing.h"
#include "cores/arm/thumb32_timing.h"
#include "cores/common/encoding.h"

namespace anvil::arm {

// Two-operand operations the specialised ops are instantiated for.
enum class Logic : std::uint8_t { And, Bic, Orr, Orn, Eor, Mov, Mvn };
enum class Sum : std::uint8_t { Add, Adc, Sbc, Sub, Rsb };
// How a load or store with an immediate offset forms its address (ARMv7-A ARM A8.8.62...):
// [Rn, #off], [Rn, #off]! and [Rn], #off.
enum class Indexing : std::uint8_t { Offset, PreIndexed, PostIndexed };
enum class Extend : std::uint8_t { SignedHalf, SignedByte, UnsignedHalf, UnsignedByte };

struct DecodedOps {
  // --- The table's handler ---------------------------------------------------------------
  // Runs the handler. Its cycles are not bounded (wait states, multi-cycle instructions), and
  // a device it accesses may ask the core to stop (request_stop): past an instruction's
  // bound, or with the limit at 0, the run loop's horizon goes (ArmA::horizon_).
  static void handler_within_horizon(ArmA& cpu, const DecodedArm& d) {
    const Cycles before = cpu.pending_cycles_;
    d.handler(cpu, d.insn);
    if (cpu.pending_cycles_ - before >= (Cycles{1} << ArmA::kHorizonShift) - 1 ||
        cpu.limit_.load(std::memory_order_relaxed) == 0) [[unlikely]]
      cpu.horizon_ = 0;
  }
  static void run_handler(ArmA& cpu, const DecodedArm& d) { handler_within_horizon(cpu, d); }
  // An A32 instruction whose condition is not AL (ARMv7-A ARM A8.3.1).
  static void run_handler_if_passed(ArmA& cpu, const DecodedArm& d) {
    if (cpu.condition_passed(d.cond)) handler_within_horizon(cpu, d);
  }
  // The one way a specialised op gives its instruction to the table's handler (an access off
  // the direct path, see read_direct): before any effect of its own, so the handler executes
  // the whole instruction. current_pc_ and next_pc_, which the run loop does not keep up for
  // ops that never write the PC (ArmA::execute_from, DecodedArm::straight), are set here, so
  // the handler, its exceptions and the bus see the core as the per-instruction path leaves
  // it.
  [[gnu::noinline]] static void fallback(ArmA& cpu, const DecodedArm& d) {
    cpu.current_pc_ = d.pc;
    cpu.next_pc_ = d.pc + d.length;
    handler_within_horizon(cpu, d);
  }
  template <DecodedOp Op>
  static void if_passed(ArmA& cpu, const DecodedArm& d) {
    if (cpu.condition_passed(d.cond)) Op(cpu, d);
  }

  // --- Shared pieces ---------------------------------------------------------------------
  static std::uint32_t& reg(ArmA& cpu, unsigned n) { return cpu.r_[n]; }
  static void set_nz(ArmA& cpu, std::uint32_t v) {
    cpu.flags.n = (v >> 31) != 0;
    cpu.flags.z = v == 0;
  }
  static void set_nzcv(ArmA& cpu, std::uint32_t result, bool carry, bool overflow) {
    if constexpr (std::endian::native == std::endian::little) {
      // N, Z, C, V are Apsr's first four bytes (see ArmCpu::condition_passed): one store.
      const std::uint32_t packed = (result >> 31) | (std::uint32_t{result == 0} << 8) |
                                   (std::uint32_t{carry} << 16) | (std::uint32_t{overflow} << 24);
      std::memcpy(static_cast<void*>(&cpu.flags), &packed, sizeof packed);
    } else {
      set_nz(cpu, result);
      cpu.flags.c = carry;
      cpu.flags.v = overflow;
    }
  }
  static void set_nzcv(ArmA& cpu, const ResultFlags& r) {
    set_nzcv(cpu, r.value, r.carry, r.overflow);
  }
  // AddWithCarry(x, y, '0') and AddWithCarry(x, NOT(y), '1') — A2.2.1 — from the host's own
  // carry and overflow: the carry of x - y is NOT borrow, its V the signed overflow of x - y.
  // The flags are written when `setflags`.
  template <bool Subtract>
  static std::uint32_t add_or_subtract(ArmA& cpu, std::uint32_t x, std::uint32_t y, bool setflags) {
    std::uint32_t result = 0;
    std::int32_t signed_result = 0;
    bool carry = false, overflow = false;
    const auto sx = static_cast<std::int32_t>(x), sy = static_cast<std::int32_t>(y);
    if constexpr (Subtract) {
      carry = !__builtin_sub_overflow(x, y, &result);
      overflow = __builtin_sub_overflow(sx, sy, &signed_result);
    } else {
      carry = __builtin_add_overflow(x, y, &result);
      overflow = __builtin_add_overflow(sx, sy, &signed_result);
    }
    if (setflags) set_nzcv(cpu, result, carry, overflow);
    return result;
  }
  template <Logic L>
  static std::uint32_t logic(std::uint32_t n, std::uint32_t operand) {
    if constexpr (L == Logic::And) return n & operand;
    if constexpr (L == Logic::Bic) return n & ~operand;
    if constexpr (L == Logic::Orr) return n | operand;
    if constexpr (L == Logic::Orn) return n | ~operand;
    if constexpr (L == Logic::Eor) return n ^ operand;
    if constexpr (L == Logic::Mov) return operand;
    if constexpr (L == Logic::Mvn) return ~operand;
  }
  // ADD, ADC, SBC, SUB, RSB of `n` and `operand` (A2.2.1 AddWithCarry), flags when `setflags`.
  template <Sum S>
  static std::uint32_t sum(ArmA& cpu, std::uint32_t n, std::uint32_t operand, bool setflags) {
    if constexpr (S == Sum::Add) return add_or_subtract<false>(cpu, n, operand, setflags);
    if constexpr (S == Sum::Sub) return add_or_subtract<true>(cpu, n, operand, setflags);
    // AddWithCarry(NOT(n), operand, '1') is operand - n.
    if constexpr (S == Sum::Rsb) return add_or_subtract<true>(cpu, operand, n, setflags);
    if constexpr (S == Sum::Adc || S == Sum::Sbc) {
      const ResultFlags r = S == Sum::Adc ? add_with_carry(n, operand, cpu.flags.c)
                                          : add_with_carry(n, ~operand, cpu.flags.c);
      if (setflags) set_nzcv(cpu, r);
      return r.value;
    }
  }
  // ArmCpu::load's and store's direct path on its own: an aligned access below the system
  // region to a page with a host pointer. Memory ops take it inline and leave every other
  // access (misaligned, MMIO, unmapped, watched, a fault) to their handler, which executes
  // the whole instruction as it always does: nothing is changed before the direct access.
  template <unsigned Size>
  using Unsigned = std::conditional_t<Size == 1, std::uint8_t,
                                      std::conditional_t<Size == 2, std::uint16_t, std::uint32_t>>;
  template <unsigned Size, bool Signed = false>
  static bool read_direct(const ArmA& cpu, std::uint32_t address, std::uint32_t& value) {
    using T = Unsigned<Size>;
    if (!ArmA::fast_data_path<T>(address)) return false;
    const std::uint8_t* page = cpu.memory_.fetch_page(address);
    if (!page) return false;
    T raw = 0;
    std::memcpy(&raw, page + (address & MemoryPort::kPageMask), sizeof raw);
    value = cpu.memory_.to_host(raw);
    if constexpr (Signed)
      value = static_cast<std::uint32_t>(encoding::sign_extend(value, 8 * Size));
    return true;
  }
  template <unsigned Size>
  static bool write_direct(ArmA& cpu, std::uint32_t address, std::uint32_t value) {
    using T = Unsigned<Size>;
    if (!ArmA::fast_data_path<T>(address)) return false;
    std::uint8_t* page = cpu.memory_.store_page(address);
    if (!page) return false;
    const T raw = cpu.memory_.to_host(static_cast<T>(value));
    std::memcpy(page + (address & MemoryPort::kPageMask), &raw, sizeof raw);
    return true;
  }
  // The address and the written-back base of an immediate-offset form; `offset` is the
  // signed offset (U already applied).
  template <Indexing I>
  static std::uint32_t address_of(std::uint32_t base, std::uint32_t offset) {
    return I == Indexing::PostIndexed ? base : base + offset;
  }

  // --- 16-bit Thumb (thumb16_*.cpp; flags are set outside an IT block) ---------------------
  // LDR/LDRB/LDRH/LDRSB/LDRSH and STR/STRB/STRH (immediate, register, SP-relative) — ARMv7-M
  // ARM A7.7.42 ...: the access's extra cycle, and Rt for a load.
  template <unsigned Size, bool Signed, bool RegisterOffset>
  static void t16_load(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t address = reg(cpu, d.n) + (RegisterOffset ? reg(cpu, d.m) : d.imm);
    std::uint32_t value = 0;
    if (!read_direct<Size, Signed>(cpu, address, value)) [[unlikely]]
      return fallback(cpu, d);
    cpu.add_cycles(m3_timing::kLoadExtra);
    reg(cpu, d.d) = value;
  }
  // LDR <Rt>,<label> — A7.7.43 T1: Align(PC,4) + imm8:'00'.
  static void t16_load_literal(ArmA& cpu, const DecodedArm& d) {
    std::uint32_t value = 0;
    if (!read_direct<4>(cpu, ((d.pc + 4) & ~3u) + d.imm, value)) [[unlikely]]
      return fallback(cpu, d);
    cpu.add_cycles(m3_timing::kLoadExtra);
    reg(cpu, d.d) = value;
  }
  template <unsigned Size, bool RegisterOffset>
  static void t16_store(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t address = reg(cpu, d.n) + (RegisterOffset ? reg(cpu, d.m) : d.imm);
    if (!write_direct<Size>(cpu, address, reg(cpu, d.d))) [[unlikely]]
      return fallback(cpu, d);
    cpu.add_cycles(m3_timing::kStoreExtra);
  }
  // ADD/SUB (register, imm3, imm8), CMP/CMN: AddWithCarry — A7.7.3, A7.7.4, A7.7.27...
  template <bool Subtract, bool RegisterOperand, bool Compare>
  static void t16_add_subtract(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t operand = RegisterOperand ? reg(cpu, d.m) : d.imm;
    const std::uint32_t result =
        add_or_subtract<Subtract>(cpu, reg(cpu, d.n), operand, Compare || !cpu.in_it_block());
    if constexpr (!Compare) reg(cpu, d.d) = result;
  }
  // RSB <Rd>,<Rn>,#0 (NEG) — A7.7.119 T1: AddWithCarry(NOT(n), 0, '1') is 0 - n.
  static void t16_negate(ArmA& cpu, const DecodedArm& d) {
    reg(cpu, d.d) = add_or_subtract<true>(cpu, 0, reg(cpu, d.n), !cpu.in_it_block());
  }
  // MOV <Rd>,#<imm8> — A7.7.75 T1: C is unchanged.
  static void t16_move_immediate(ArmA& cpu, const DecodedArm& d) {
    reg(cpu, d.d) = d.imm;
    if (!cpu.in_it_block()) set_nz(cpu, d.imm);
  }
  // AND/EOR/ORR/BIC <Rdn>,<Rm> — A7.7.9...: LSL #0, so C is unchanged.
  template <Logic L>
  static void t16_logical(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t result = logic<L>(reg(cpu, d.d), reg(cpu, d.m));
    reg(cpu, d.d) = result;
    if (!cpu.in_it_block()) set_nz(cpu, result);
  }
  // TST <Rn>,<Rm> — A7.7.189 T1.
  static void t16_test(ArmA& cpu, const DecodedArm& d) {
    set_nz(cpu, reg(cpu, d.n) & reg(cpu, d.m));
  }
  // LSL/LSR/ASR <Rd>,<Rm>,#<imm> — A7.7.67...: form = ShiftType, imm = DecodeImmShift amount.
  static void t16_shift_immediate(ArmA& cpu, const DecodedArm& d) {
    const ResultCarry r =
        shift_c(reg(cpu, d.m), static_cast<ShiftType>(d.form), d.imm, cpu.flags.c);
    reg(cpu, d.d) = r.value;
    if (!cpu.in_it_block()) {
      set_nz(cpu, r.value);
      cpu.flags.c = r.carry;
    }
  }
  // SXTH/SXTB/UXTH/UXTB (rotation 0) — A7.7.182...
  template <Extend E>
  static void extend(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t v = reg(cpu, d.m);
    if constexpr (E == Extend::SignedHalf)
      reg(cpu, d.d) = static_cast<std::uint32_t>(static_cast<std::int16_t>(v & 0xFFFF));
    if constexpr (E == Extend::SignedByte)
      reg(cpu, d.d) = static_cast<std::uint32_t>(static_cast<std::int8_t>(v & 0xFF));
    if constexpr (E == Extend::UnsignedHalf) reg(cpu, d.d) = v & 0xFFFF;
    if constexpr (E == Extend::UnsignedByte) reg(cpu, d.d) = v & 0xFF;
  }
  // MOV <Rd>,<Rm> — A7.7.76 T1 (no flags).
  static void move_register(ArmA& cpu, const DecodedArm& d) { reg(cpu, d.d) = reg(cpu, d.m); }
  // ADD <Rdn>,<Rm> — A7.7.4 T2 (no flags).
  static void add_register(ArmA& cpu, const DecodedArm& d) {
    reg(cpu, d.d) = reg(cpu, d.n) + reg(cpu, d.m);
  }
  // ADD/SUB SP or <Rd>, #imm without flags (A7.7.5, A7.7.173) and ADDW/SUBW (T4); `imm` is
  // the signed addend.
  static void add_immediate(ArmA& cpu, const DecodedArm& d) {
    reg(cpu, d.d) = reg(cpu, d.n) + d.imm;
  }
  // MOVW — A7.7 MOV (immediate) T3.
  static void set_immediate(ArmA& cpu, const DecodedArm& d) { reg(cpu, d.d) = d.imm; }

  // MUL, MLA, MLS (32-bit) — A7.7: form = Ra; MLA and MLS take the accumulate cycle.
  template <int Accumulate>
  static void multiply(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t product = reg(cpu, d.n) * reg(cpu, d.m);
    if constexpr (Accumulate == 0) {
      reg(cpu, d.d) = product;
    } else {
      reg(cpu, d.d) = Accumulate > 0 ? reg(cpu, d.form) + product : reg(cpu, d.form) - product;
      cpu.add_cycles(multiply_accumulate_extra_cycles(cpu.has_dsp()));
    }
  }

  // --- Thumb branches: `imm` is the displacement from this instruction's address ----------
  // BranchWritePC in Thumb state (A2.3.1), which Thumb entries always run in: the target is
  // even, as this instruction's address and every displacement are.
  static void thumb_branch_write_pc(ArmA& cpu, std::uint32_t target) {
    cpu.next_pc_ = target;
    cpu.pending_cycles_ += cpu.branch_cycles_;
  }
  // B, B.W, B<c>, B<c>.W — A7.7.12 (form = the condition, 0xE for the unconditional ones).
  template <bool Conditional>
  static void thumb_branch(ArmA& cpu, const DecodedArm& d) {
    if (!Conditional || cpu.condition_passed(d.form))
      thumb_branch_write_pc(cpu, cpu.current_pc_ + d.imm);
  }
  // BL — A7.7.18: LR = the next instruction with bit 0 set.
  static void thumb_branch_link(ArmA& cpu, const DecodedArm& d) {
    reg(cpu, 14) = (cpu.current_pc_ + 4) | 1u;
    thumb_branch_write_pc(cpu, cpu.current_pc_ + d.imm);
  }
  // CB{N}Z — A7.7.21 (form = 1 for CBNZ).
  static void compare_branch_zero(ArmA& cpu, const DecodedArm& d) {
    if ((d.form != 0) != (reg(cpu, d.n) == 0)) thumb_branch_write_pc(cpu, cpu.current_pc_ + d.imm);
  }
  // BX <Rm> — A7.7.20.
  static void branch_exchange(ArmA& cpu, const DecodedArm& d) { cpu.bx_write_pc(reg(cpu, d.m)); }
  // BLX <Rm> — A7.7.19: the target is read before LR is written.
  static void branch_link_exchange(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t target = reg(cpu, d.m);
    reg(cpu, 14) = (cpu.current_pc_ + 2) | 1u;
    cpu.blx_write_pc(target);
  }

  // --- 32-bit Thumb (thumb32_*.cpp) ------------------------------------------------------
  // LDR{B,H,SB,SH}.W with an immediate offset — A7.7: the base is written back before Rt;
  // the load's cycle is added only when it succeeds.
  template <unsigned Size, bool Signed, Indexing I>
  static void t32_load(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t base = reg(cpu, d.n);
    std::uint32_t value = 0;
    if (!read_direct<Size, Signed>(cpu, address_of<I>(base, d.imm), value)) [[unlikely]]
      return fallback(cpu, d);
    cpu.add_cycles(m3_timing::kLoadExtra);
    if constexpr (I != Indexing::Offset) reg(cpu, d.n) = base + d.imm;
    reg(cpu, d.d) = value;
  }
  template <unsigned Size, Indexing I>
  static void t32_store(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t base = reg(cpu, d.n);
    if (!write_direct<Size>(cpu, address_of<I>(base, d.imm), reg(cpu, d.d))) [[unlikely]]
      return fallback(cpu, d);
    cpu.add_cycles(m3_timing::kStoreExtra);
    if constexpr (I != Indexing::Offset) reg(cpu, d.n) = base + d.imm;
  }
  // [Rn, Rm, LSL #form].
  template <unsigned Size, bool Signed>
  static void t32_load_register(ArmA& cpu, const DecodedArm& d) {
    std::uint32_t value = 0;
    const std::uint32_t address = reg(cpu, d.n) + (reg(cpu, d.m) << d.form);
    if (!read_direct<Size, Signed>(cpu, address, value)) [[unlikely]]
      return fallback(cpu, d);
    cpu.add_cycles(m3_timing::kLoadExtra);
    reg(cpu, d.d) = value;
  }
  template <unsigned Size>
  static void t32_store_register(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t address = reg(cpu, d.n) + (reg(cpu, d.m) << d.form);
    if (!write_direct<Size>(cpu, address, reg(cpu, d.d))) [[unlikely]]
      return fallback(cpu, d);
    cpu.add_cycles(m3_timing::kStoreExtra);
  }
  // ADD/ADC/SBC/SUB/RSB{S}.W with a modified immediate (imm = ThumbExpandImm, form = S), and
  // CMP/CMN (Compare) — A7.7; the expansion's carry does not matter to a sum.
  template <Sum S, bool Compare>
  static void t32_sum_immediate(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t result = sum<S>(cpu, reg(cpu, d.n), d.imm, Compare || d.form);
    if constexpr (!Compare) reg(cpu, d.d) = result;
  }
  // AND/BIC/ORR/ORN/EOR/MOV/MVN{S} and TST/TEQ with an expanded immediate (Thumb-2
  // ThumbExpandImm_C, A32 ARMExpandImm_C): form bit 0 S, bit 1 the expansion sets C (it
  // leaves C alone for the unrotated values), bit 2 that C.
  template <Logic L, bool Test>
  static void logical_immediate(ArmA& cpu, const DecodedArm& d) {
    std::uint32_t n = 0;
    if constexpr (L != Logic::Mov && L != Logic::Mvn) n = reg(cpu, d.n);
    const std::uint32_t result = logic<L>(n, d.imm);
    if constexpr (!Test) {
      reg(cpu, d.d) = result;
      if (!(d.form & 1)) return;
    }
    set_nz(cpu, result);
    if (d.form & 2) cpu.flags.c = (d.form & 4) != 0;
  }
  // The shifted-register forms (A7.7, A5.3.11): form = ShiftType << 1 | S, imm = amount.
  static ResultCarry shifted(const ArmA& cpu, const DecodedArm& d) {
    return shift_c(cpu.r_[d.m], static_cast<ShiftType>(d.form >> 1), d.imm, cpu.flags.c);
  }
  template <Logic L, bool Test>
  static void t32_logical_register(ArmA& cpu, const DecodedArm& d) {
    const ResultCarry operand = shifted(cpu, d);
    std::uint32_t n = 0;
    if constexpr (L != Logic::Mov && L != Logic::Mvn) n = reg(cpu, d.n);
    const std::uint32_t result = logic<L>(n, operand.value);
    if constexpr (!Test) {
      reg(cpu, d.d) = result;
      if (!(d.form & 1)) return;
    }
    set_nz(cpu, result);
    cpu.flags.c = operand.carry;
  }
  template <Sum S, bool Compare>
  static void t32_sum_register(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t operand = shifted(cpu, d).value;
    const std::uint32_t result = sum<S>(cpu, reg(cpu, d.n), operand, Compare || (d.form & 1));
    if constexpr (!Compare) reg(cpu, d.d) = result;
  }

  // LDRD/STRD <Rt>, <Rt2>, [<Rn>...] — A7.7: m = Rt2; the handlers' order (both words, then
  // the cycles, then the registers and the base).
  // The A32 LDRD/STRD (A8.8.72, A8.8.210) are the same with the A profile's cycles; Rt2 is
  // Rt + 1 there.
  template <bool Load, Indexing I, bool A32 = false>
  static void transfer_dual(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t base = reg(cpu, d.n);
    const std::uint32_t address = address_of<I>(base, d.imm);
    // Both words direct, or the handler: the second access may fault after the first.
    if constexpr (Load) {
      std::uint32_t first = 0, second = 0;
      if (!read_direct<4>(cpu, address, first) || !read_direct<4>(cpu, address + 4, second))
          [[unlikely]]
        return fallback(cpu, d);
      cpu.add_cycles(A32 ? cpu.timing().load + cpu.timing().per_register
                         : m3_timing::multiple_extra(2));
      reg(cpu, d.d) = first;
      reg(cpu, d.m) = second;
    } else {
      if (!ArmA::fast_data_path<std::uint32_t>(address) ||
          (address & MemoryPort::kPageMask) > MemoryPort::kPageSize - 8 ||
          !cpu.memory_.store_page(address)) [[unlikely]]
        return fallback(cpu, d);
      write_direct<4>(cpu, address, reg(cpu, d.d));
      write_direct<4>(cpu, address + 4, reg(cpu, d.m));
      cpu.add_cycles(A32 ? cpu.timing().load + cpu.timing().per_register
                         : m3_timing::multiple_extra(2));
    }
    if constexpr (I != Indexing::Offset) reg(cpu, d.n) = base + d.imm;
  }
  // LDM/LDMDB/POP and STM/STMDB/PUSH, 16- and 32-bit (A7.7.40, A7.7.156...): imm = the
  // register list, m = its length, form = 1 with writeback. A transfer that lies on one
  // directly mapped page, word aligned, cannot fault part-way: it is done here with the
  // handlers' result (a loaded base keeps the loaded value, PC last with LoadWritePC, the
  // cycles of M3 TRM Table 18-1). Anything else goes to the handler, which takes the
  // accesses one by one.
  template <bool Load, bool DecrementBefore>
  static void transfer_multiple(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t base = reg(cpu, d.n);
    const std::uint32_t bytes = 4u * d.m;
    const std::uint32_t lowest = DecrementBefore ? base - bytes : base;
    const std::uint32_t offset = lowest & MemoryPort::kPageMask;
    const bool one_page = (lowest & 3) == 0 && offset + bytes <= MemoryPort::kPageSize &&
                          lowest < ArmA::kSystemRegion;
    using Page = std::conditional_t<Load, const std::uint8_t*, std::uint8_t*>;
    Page page = nullptr;
    if (one_page) {
      if constexpr (Load)
        page = cpu.memory_.fetch_page(lowest);
      else
        page = cpu.memory_.store_page(lowest);
    }
    if (!page) return fallback(cpu, d);
    Page at = page + offset;
    std::uint32_t pc_value = 0;
    for (std::uint32_t list = d.imm; list != 0; list &= list - 1, at += 4) {
      const unsigned i = static_cast<unsigned>(std::countr_zero(list));
      std::uint32_t word = 0;
      if constexpr (Load) {
        std::memcpy(&word, at, 4);
        word = cpu.memory_.to_host(word);
        if (i == 15)
          pc_value = word;
        else
          reg(cpu, i) = word;
      } else {
        word = cpu.memory_.to_host(reg(cpu, i));
        std::memcpy(at, &word, 4);
      }
    }
    cpu.add_cycles(m3_timing::multiple_extra(d.m));
    const bool base_loaded = Load && ((d.imm >> d.n) & 1);
    if ((d.form & 1) && !base_loaded) reg(cpu, d.n) = DecrementBefore ? base - bytes : base + bytes;
    if (Load && (d.imm >> 15)) cpu.load_write_pc(pc_value);
  }
  // An op inside an IT block, for a straight entry (DecodedArm::straight) decoded with the
  // ITSTATE it runs under (DecodedArm::cond, which the live ITSTATE equals there): executed
  // when firstcond[3:1]:mask[4] passes, ITSTATE advanced after it (A2.5.2), as the run loop
  // does for the other entries in a block.
  template <DecodedOp Op>
  static void in_it_block(ArmA& cpu, const DecodedArm& d) {
    const std::uint8_t it = d.cond;  // `d` is gone if Op's handler dropped its page
    if (cpu.condition_passed(it >> 4)) Op(cpu, d);
    cpu.itstate_ = it_advance(it);
  }
  // The in_it_block form of `op`, or null for the ops that have none (they stay off the
  // straight stretches inside IT blocks).
  static DecodedOp in_it_block_form(DecodedOp op);
  // IT — A7.7.38: ITSTATE = firstcond:mask.
  static void if_then(ArmA& cpu, const DecodedArm& d) { cpu.start_it_block(d.form); }
  // IT without the specialised ops, whose decoded runs carry no IT state (ArmA::decode_in_run):
  // the run loop is left after it, so the block runs by the live ITSTATE.
  static void if_then_leaving_run(ArmA& cpu, const DecodedArm& d) {
    run_handler(cpu, d);
    cpu.set_event(ArmA::kEventStateChange);
  }

  // --- A32 (a32_load_store.cpp) ----------------------------------------------------------
  // LDR/LDRB/STR/STRB <Rt>, [<Rn>, #+/-<imm12>]{!} / [<Rn>], #+/-<imm12> — A8.8.63... and
  // LDRH/LDRSB/LDRSH/STRH with imm4H:imm4L (A8.8.80...): the base written back, the cycles.
  template <unsigned Size, Indexing I, bool Signed = false>
  static void a32_load(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t base = reg(cpu, d.n);
    std::uint32_t value = 0;
    if (!read_direct<Size, Signed>(cpu, address_of<I>(base, d.imm), value)) [[unlikely]]
      return fallback(cpu, d);
    if constexpr (I != Indexing::Offset) reg(cpu, d.n) = base + d.imm;
    cpu.add_cycles(cpu.timing().load);
    reg(cpu, d.d) = value;
  }
  template <unsigned Size, Indexing I>
  static void a32_store(ArmA& cpu, const DecodedArm& d) {
    const std::uint32_t base = reg(cpu, d.n);
    if (!write_direct<Size>(cpu, address_of<I>(base, d.imm), reg(cpu, d.d))) [[unlikely]]
      return fallback(cpu, d);
    if constexpr (I != Indexing::Offset) reg(cpu, d.n) = base + d.imm;
    cpu.add_cycles(cpu.timing().store);
  }

  // arm_a_decoded_ops.cpp: the choice, by the row's handler and the operands.
  static DecodedOp choose_thumb16(DecodedArm& d);
  static DecodedOp choose_thumb32(DecodedArm& d);
  static DecodedOp choose_a32(DecodedArm& d);
  // False when `d`'s op may write the PC: the branches, LDM/POP with the PC in the list, the
  // table's handlers (any instruction). DecodedArm::straight needs true.
  static bool keeps_pc(const DecodedArm& d);
};

}  // namespace anvil::arm
