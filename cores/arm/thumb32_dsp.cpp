// ARMv7E-M DSP instructions other than the parallel add/subtract family (see
// thumb32_dsp_parallel.cpp): halfword saturation, packing, extend-and-add, saturating
// arithmetic, SEL, sum of absolute differences and the DSP multiplies (ARMv7-M ARM A5.3.3,
// A5.3.11, A5.3.12, A5.3.15, A5.3.16, A5.3.17; instruction pseudocode in A7.7).
// Cortex-M4 TRM Table 3-1: every one of these takes a single cycle.
#include <bit>
#include <cstdlib>

#include "cores/arm/thumb32_dsp.h"

namespace anvil::arm {
namespace {

// On a core without the DSP extension the encodings are UNDEFINED. True when the caller
// must stop.
bool lacks_dsp(ArmCpu& cpu) {
  if (cpu.has_dsp()) return false;
  cpu.undefined();
  return true;
}

// The common prologue: DSP present and Rd not PC. Returns false when the handler must stop.
bool dsp_destination_ok(ArmCpu& cpu, unsigned d) {
  return !lacks_dsp(cpu) && !reject_pc(cpu, d);
}

void saturate_flag(ArmCpu& cpu, bool saturated) {
  if (saturated) cpu.flags.q = true;
}

// Whether a signed 64-bit result does not fit in 32 bits (the Q-flag condition of the
// accumulating multiplies).
bool overflows_32(std::int64_t result) {
  return result != static_cast<std::int64_t>(static_cast<std::int32_t>(result));
}

std::uint32_t pack_halves(std::uint32_t high, std::uint32_t low) {
  return (high << 16) | (low & 0xFFFF);
}

template <class E>
std::uint32_t rotated_m(const ArmCpu& cpu, std::uint32_t insn) {
  return std::rotr(cpu.reg(E::template field<'m'>(insn)), 8 * E::template field<'r'>(insn));
}

// SXTAB/UXTAB/SXTAH/UXTAH: R[n] + extend(ROR(R[m], rotation)<bits-1:0>).
template <class E>
void extend_add(ArmCpu& cpu, std::uint32_t insn, unsigned bits, bool sign) {
  const unsigned d = E::template field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const std::uint32_t low = rotated_m<E>(cpu, insn) & ((1u << bits) - 1);
  const std::uint32_t extended =
      sign ? static_cast<std::uint32_t>(encoding::sign_extend(low, bits)) : low;
  cpu.set_reg(d, cpu.reg(E::template field<'n'>(insn)) + extended);
}

// SXTB16/UXTB16 (and with_n: SXTAB16/UXTAB16): bytes 0 and 2 of the rotated Rm, extended to
// halfwords (and added to the halfwords of Rn).
template <class E, bool with_n>
void extend_dual(ArmCpu& cpu, std::uint32_t insn, bool sign) {
  const unsigned d = E::template field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const std::uint32_t rotated = rotated_m<E>(cpu, insn);
  std::uint32_t low =
      sign ? static_cast<std::uint32_t>(signed_byte(rotated, 0)) : unsigned_byte(rotated, 0);
  std::uint32_t high =
      sign ? static_cast<std::uint32_t>(signed_byte(rotated, 2)) : unsigned_byte(rotated, 2);
  if constexpr (with_n) {
    const std::uint32_t n = cpu.reg(E::template field<'n'>(insn));
    low += n & 0xFFFF;
    high += n >> 16;
  }
  cpu.set_reg(d, pack_halves(high, low));
}

// QADD/QSUB/QDADD/QDSUB — A7.7: Rm +/- (doubled) Rn, signed saturated to 32 bits.
template <class E>
void saturating(ArmCpu& cpu, std::uint32_t insn, bool subtract, bool doubling) {
  const unsigned d = E::template field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const std::int64_t m = static_cast<std::int32_t>(cpu.reg(E::template field<'m'>(insn)));
  std::int64_t n = static_cast<std::int32_t>(cpu.reg(E::template field<'n'>(insn)));
  bool saturated = false;
  if (doubling) {
    const Saturated doubled = signed_sat_q(2 * n, 32);
    n = static_cast<std::int32_t>(doubled.value);
    saturated = doubled.saturated;
  }
  const Saturated r = signed_sat_q(subtract ? m - n : m + n, 32);
  cpu.set_reg(d, r.value);
  saturate_flag(cpu, saturated || r.saturated);
}

// The signed halfword operands of SMLA<x><y> and friends.
std::int64_t half(std::uint32_t value, bool top) {
  return top ? high_half(value) : low_half(value);
}

// SMLAD/SMUAD/SMLSD/SMUSD: the two halfword products, Rm optionally exchanged (X).
struct DualProducts {
  std::int64_t low, high;
};
template <class E>
DualProducts dual_products(const ArmCpu& cpu, std::uint32_t insn) {
  const std::uint32_t n = cpu.reg(E::template field<'n'>(insn));
  std::uint32_t m = cpu.reg(E::template field<'m'>(insn));
  if (E::template field<'x'>(insn)) m = std::rotr(m, 16);
  return {std::int64_t{low_half(n)} * low_half(m), std::int64_t{high_half(n)} * high_half(m)};
}

// SMLAD/SMUAD (subtract false) and SMLSD/SMUSD: Q on signed 32-bit overflow.
template <class E, bool accumulate>
void dual_multiply(ArmCpu& cpu, std::uint32_t insn, bool subtract) {
  const unsigned d = E::template field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const DualProducts p = dual_products<E>(cpu, insn);
  std::int64_t result = subtract ? p.low - p.high : p.low + p.high;
  if constexpr (accumulate)
    result += static_cast<std::int32_t>(cpu.reg(E::template field<'a'>(insn)));
  cpu.set_reg(d, static_cast<std::uint32_t>(result));
  saturate_flag(cpu, overflows_32(result));
}

// SMMUL/SMMLA/SMMLS: the top word of (Ra:0) +/- Rn * Rm, rounded when R is set. Computed
// modulo 2^64, which leaves bits 63..32 as the pseudocode's unbounded integer has them.
template <class E, int accumulate_sign>
void most_significant_multiply(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = E::template field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const std::int64_t product =
      std::int64_t{static_cast<std::int32_t>(cpu.reg(E::template field<'n'>(insn)))} *
      static_cast<std::int32_t>(cpu.reg(E::template field<'m'>(insn)));
  std::uint64_t result = static_cast<std::uint64_t>(product);
  if constexpr (accumulate_sign != 0) {
    const std::uint64_t a = std::uint64_t{cpu.reg(E::template field<'a'>(insn))} << 32;
    result = accumulate_sign > 0 ? a + result : a - result;
  }
  if (E::template field<'r'>(insn)) result += 0x80000000u;
  cpu.set_reg(d, static_cast<std::uint32_t>(result >> 32));
}

template <class E>
std::uint64_t long_accumulator(const ArmCpu& cpu, std::uint32_t insn) {
  return (std::uint64_t{cpu.reg(E::template field<'h'>(insn))} << 32) |
         cpu.reg(E::template field<'l'>(insn));
}

// The long DSP multiplies write RdHi:RdLo.
template <class E>
void write_long(ArmCpu& cpu, std::uint32_t insn, std::uint64_t result) {
  const unsigned dlo = E::template field<'l'>(insn), dhi = E::template field<'h'>(insn);
  if (lacks_dsp(cpu) || reject_if(cpu, dlo == 15 || dhi == 15)) return;
  cpu.set_reg(dlo, static_cast<std::uint32_t>(result));
  cpu.set_reg(dhi, static_cast<std::uint32_t>(result >> 32));
}

std::uint32_t sum_of_absolute_differences(std::uint32_t n, std::uint32_t m) {
  std::uint32_t sum = 0;
  for (unsigned lane = 0; lane < 4; ++lane) {
    sum += static_cast<std::uint32_t>(std::abs(static_cast<int>(unsigned_byte(n, lane)) -
                                               static_cast<int>(unsigned_byte(m, lane))));
  }
  return sum;
}

}  // namespace

using namespace thumb32;

// SSAT16<c> <Rd>, #<imm>, <Rn>: each halfword saturated to sat_imm+1 signed bits.
void thumb32_SSAT16_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = SSAT16_T1;
  const unsigned d = E::field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const std::uint32_t n = cpu.reg(E::field<'n'>(insn));
  const unsigned bits = E::field<'b'>(insn) + 1;
  const Saturated low = signed_sat_q(low_half(n), bits), high = signed_sat_q(high_half(n), bits);
  cpu.set_reg(d, pack_halves(high.value, low.value));
  saturate_flag(cpu, low.saturated || high.saturated);
}

// USAT16<c> <Rd>, #<imm>, <Rn>: each signed halfword saturated to sat_imm unsigned bits.
void thumb32_USAT16_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = USAT16_T1;
  const unsigned d = E::field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const std::uint32_t n = cpu.reg(E::field<'n'>(insn));
  const unsigned bits = E::field<'b'>(insn);
  const Saturated low = unsigned_sat_q(low_half(n), bits),
                  high = unsigned_sat_q(high_half(n), bits);
  cpu.set_reg(d, pack_halves(high.value, low.value));
  saturate_flag(cpu, low.saturated || high.saturated);
}

// PKHBT<c> <Rd>, <Rn>, <Rm>{, LSL #<imm>} (tb = 0): bottom of Rn, top of shifted Rm.
// PKHTB<c> <Rd>, <Rn>, <Rm>{, ASR #<imm>} (tb = 1): top of Rn, bottom of shifted Rm; an
// amount of 0 means ASR #32 (DecodeImmShift('10', '00000')).
void thumb32_PKHBT_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = PKHBT_T1;
  const unsigned d = E::field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const bool top_bottom = E::field<'t'>(insn);
  const ImmShift s = decode_imm_shift(top_bottom ? 2 : 0, E::field<'i'>(insn));
  const std::uint32_t operand2 = shift(cpu.reg(E::field<'m'>(insn)), s.type, s.amount, cpu.flags.c);
  const std::uint32_t n = cpu.reg(E::field<'n'>(insn));
  cpu.set_reg(d, top_bottom ? (n & 0xFFFF0000) | (operand2 & 0xFFFF)
                            : (operand2 & 0xFFFF0000) | (n & 0xFFFF));
}

void thumb32_SXTAH_T1(ArmCpu& cpu, std::uint32_t insn) {
  extend_add<SXTAH_T1>(cpu, insn, 16, true);
}
void thumb32_UXTAH_T1(ArmCpu& cpu, std::uint32_t insn) {
  extend_add<UXTAH_T1>(cpu, insn, 16, false);
}
void thumb32_SXTAB_T1(ArmCpu& cpu, std::uint32_t insn) {
  extend_add<SXTAB_T1>(cpu, insn, 8, true);
}
void thumb32_UXTAB_T1(ArmCpu& cpu, std::uint32_t insn) {
  extend_add<UXTAB_T1>(cpu, insn, 8, false);
}
void thumb32_SXTAB16_T1(ArmCpu& cpu, std::uint32_t insn) {
  extend_dual<SXTAB16_T1, true>(cpu, insn, true);
}
void thumb32_SXTB16_T1(ArmCpu& cpu, std::uint32_t insn) {
  extend_dual<SXTB16_T1, false>(cpu, insn, true);
}
void thumb32_UXTAB16_T1(ArmCpu& cpu, std::uint32_t insn) {
  extend_dual<UXTAB16_T1, true>(cpu, insn, false);
}
void thumb32_UXTB16_T1(ArmCpu& cpu, std::uint32_t insn) {
  extend_dual<UXTB16_T1, false>(cpu, insn, false);
}

void thumb32_QADD_T1(ArmCpu& cpu, std::uint32_t insn) {
  saturating<QADD_T1>(cpu, insn, false, false);
}
void thumb32_QDADD_T1(ArmCpu& cpu, std::uint32_t insn) {
  saturating<QDADD_T1>(cpu, insn, false, true);
}
void thumb32_QSUB_T1(ArmCpu& cpu, std::uint32_t insn) {
  saturating<QSUB_T1>(cpu, insn, true, false);
}
void thumb32_QDSUB_T1(ArmCpu& cpu, std::uint32_t insn) {
  saturating<QDSUB_T1>(cpu, insn, true, true);
}

// SEL<c> <Rd>, <Rn>, <Rm>: byte i from Rn where GE[i] is set, else from Rm.
void thumb32_SEL_T1(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = SEL_T1::field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  std::uint32_t from_n = 0;
  for (unsigned lane = 0; lane < 4; ++lane) {
    if (bit(cpu.flags.ge, lane)) from_n |= 0xFFu << (8 * lane);
  }
  cpu.set_reg(d, (cpu.reg(SEL_T1::field<'n'>(insn)) & from_n) |
                     (cpu.reg(SEL_T1::field<'m'>(insn)) & ~from_n));
}

// SMLA<x><y>: halfword product plus Ra; Q on 32-bit overflow. SMUL<x><y> cannot overflow.
void thumb32_SMLAxy_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = SMLAxy_T1;
  const unsigned d = E::field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const std::int64_t result = half(cpu.reg(E::field<'n'>(insn)), E::field<'x'>(insn)) *
                                  half(cpu.reg(E::field<'m'>(insn)), E::field<'y'>(insn)) +
                              static_cast<std::int32_t>(cpu.reg(E::field<'a'>(insn)));
  cpu.set_reg(d, static_cast<std::uint32_t>(result));
  saturate_flag(cpu, overflows_32(result));
}
void thumb32_SMULxy_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = SMULxy_T1;
  const unsigned d = E::field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const std::int64_t result = half(cpu.reg(E::field<'n'>(insn)), E::field<'x'>(insn)) *
                              half(cpu.reg(E::field<'m'>(insn)), E::field<'y'>(insn));
  cpu.set_reg(d, static_cast<std::uint32_t>(result));
}

void thumb32_SMLAD_T1(ArmCpu& cpu, std::uint32_t insn) {
  dual_multiply<SMLAD_T1, true>(cpu, insn, false);
}
void thumb32_SMUAD_T1(ArmCpu& cpu, std::uint32_t insn) {
  dual_multiply<SMUAD_T1, false>(cpu, insn, false);
}
void thumb32_SMLSD_T1(ArmCpu& cpu, std::uint32_t insn) {
  dual_multiply<SMLSD_T1, true>(cpu, insn, true);
}
void thumb32_SMUSD_T1(ArmCpu& cpu, std::uint32_t insn) {
  dual_multiply<SMUSD_T1, false>(cpu, insn, true);
}

// SMLAW<y>: bits 47..16 of Rn * halfword(Rm) + (Ra << 16); Q when they do not hold the sum.
void thumb32_SMLAWy_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = SMLAWy_T1;
  const unsigned d = E::field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const std::int64_t result =
      std::int64_t{static_cast<std::int32_t>(cpu.reg(E::field<'n'>(insn)))} *
          half(cpu.reg(E::field<'m'>(insn)), E::field<'y'>(insn)) +
      std::int64_t{static_cast<std::int32_t>(cpu.reg(E::field<'a'>(insn)))} * 65536;
  cpu.set_reg(d, static_cast<std::uint32_t>(static_cast<std::uint64_t>(result) >> 16));
  saturate_flag(cpu, overflows_32(result >> 16));
}
// SMULW<y>: bits 47..16 of Rn * halfword(Rm).
void thumb32_SMULWy_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = SMULWy_T1;
  const unsigned d = E::field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  const std::int64_t product =
      std::int64_t{static_cast<std::int32_t>(cpu.reg(E::field<'n'>(insn)))} *
      half(cpu.reg(E::field<'m'>(insn)), E::field<'y'>(insn));
  cpu.set_reg(d, static_cast<std::uint32_t>(static_cast<std::uint64_t>(product) >> 16));
}

void thumb32_SMMLA_T1(ArmCpu& cpu, std::uint32_t insn) {
  most_significant_multiply<SMMLA_T1, +1>(cpu, insn);
}
void thumb32_SMMUL_T1(ArmCpu& cpu, std::uint32_t insn) {
  most_significant_multiply<SMMUL_T1, 0>(cpu, insn);
}
void thumb32_SMMLS_T1(ArmCpu& cpu, std::uint32_t insn) {
  most_significant_multiply<SMMLS_T1, -1>(cpu, insn);
}

// USAD8<c> <Rd>, <Rn>, <Rm> / USADA8<c> <Rd>, <Rn>, <Rm>, <Ra>
void thumb32_USAD8_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = USAD8_T1;
  const unsigned d = E::field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  cpu.set_reg(
      d, sum_of_absolute_differences(cpu.reg(E::field<'n'>(insn)), cpu.reg(E::field<'m'>(insn))));
}
void thumb32_USADA8_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = USADA8_T1;
  const unsigned d = E::field<'d'>(insn);
  if (!dsp_destination_ok(cpu, d)) return;
  cpu.set_reg(
      d, cpu.reg(E::field<'a'>(insn)) + sum_of_absolute_differences(cpu.reg(E::field<'n'>(insn)),
                                                                    cpu.reg(E::field<'m'>(insn))));
}

// SMLAL<x><y>: RdHi:RdLo += halfword product.
void thumb32_SMLALxy_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = SMLALxy_T1;
  const std::int64_t product = half(cpu.reg(E::field<'n'>(insn)), E::field<'x'>(insn)) *
                               half(cpu.reg(E::field<'m'>(insn)), E::field<'y'>(insn));
  write_long<E>(cpu, insn, long_accumulator<E>(cpu, insn) + static_cast<std::uint64_t>(product));
}
// SMLALD{X}: RdHi:RdLo += both halfword products; SMLSLD{X}: += their difference.
void thumb32_SMLALD_T1(ArmCpu& cpu, std::uint32_t insn) {
  const DualProducts p = dual_products<SMLALD_T1>(cpu, insn);
  write_long<SMLALD_T1>(
      cpu, insn,
      long_accumulator<SMLALD_T1>(cpu, insn) + static_cast<std::uint64_t>(p.low + p.high));
}
void thumb32_SMLSLD_T1(ArmCpu& cpu, std::uint32_t insn) {
  const DualProducts p = dual_products<SMLSLD_T1>(cpu, insn);
  write_long<SMLSLD_T1>(
      cpu, insn,
      long_accumulator<SMLSLD_T1>(cpu, insn) + static_cast<std::uint64_t>(p.low - p.high));
}
// UMAAL: RdHi:RdLo = Rn * Rm + RdHi + RdLo (never overflows 64 bits).
void thumb32_UMAAL_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = UMAAL_T1;
  const std::uint64_t product =
      std::uint64_t{cpu.reg(E::field<'n'>(insn))} * cpu.reg(E::field<'m'>(insn));
  const std::uint64_t addend =
      std::uint64_t{cpu.reg(E::field<'h'>(insn))} + cpu.reg(E::field<'l'>(insn));
  write_long<E>(cpu, insn, product + addend);
}

}  // namespace anvil::arm
