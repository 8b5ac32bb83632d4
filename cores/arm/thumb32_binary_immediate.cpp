// Data processing with a plain binary immediate (ARMv7-M ARM A5.3.3): 12-bit add/subtract,
// 16-bit moves, saturation and bit-field instructions.
#include <bit>

#include "cores/arm/thumb32_data_processing.h"

namespace anvil::arm {
namespace {

template <class E>
std::uint32_t imm16(std::uint32_t insn) {
  return (E::template field<'h'>(insn) << 12) | (E::template field<'i'>(insn) << 11) |
         (E::template field<'k'>(insn) << 8) | E::template field<'l'>(insn);
}

// Mask of bits msbit..lsbit inclusive.
std::uint32_t bit_range_mask(unsigned msbit, unsigned lsbit) {
  const std::uint32_t upto_msb = msbit >= 31 ? ~0u : (2u << msbit) - 1;
  return upto_msb & ~((1u << lsbit) - 1);
}

// The shifted operand of SSAT/USAT: LSL or ASR by imm3:imm2 (DecodeImmShift(sh:'0', imm5)).
template <class E>
std::int32_t saturate_operand(const ArmCpu& cpu, std::uint32_t insn) {
  const ImmShift s =
      decode_imm_shift(E::template field<'s'>(insn) << 1, E::template field<'i'>(insn));
  return static_cast<std::int32_t>(
      shift(cpu.reg(E::template field<'n'>(insn)), s.type, s.amount, cpu.flags.c));
}

// SBFX/UBFX (A7.7): extract R[n]<lsb+widthminus1:lsb>.
template <class E>
void bit_field_extract(ArmCpu& cpu, std::uint32_t insn, bool sign) {
  const unsigned d = E::template field<'d'>(insn);
  const unsigned lsb = E::template field<'i'>(insn);
  const unsigned width = E::template field<'w'>(insn) + 1;
  if (reject_pc(cpu, d) || reject_if(cpu, lsb + width > 32)) return;  // UNPREDICTABLE
  const std::uint32_t field = cpu.reg(E::template field<'n'>(insn)) >> lsb;
  const std::uint32_t value = sign ? static_cast<std::uint32_t>(encoding::sign_extend(field, width))
                                   : (width == 32 ? field : field & ((1u << width) - 1));
  cpu.set_reg(d, value);
}

// BFI/BFC (A7.7): replace R[d]<msb:lsb> with the low bits of `source`.
template <class E>
void bit_field_insert(ArmCpu& cpu, std::uint32_t insn, std::uint32_t source) {
  const unsigned d = E::template field<'d'>(insn);
  const unsigned msbit = E::template field<'m'>(insn);
  const unsigned lsbit = E::template field<'i'>(insn);
  if (reject_pc(cpu, d) || reject_if(cpu, msbit < lsbit)) return;  // UNPREDICTABLE
  const std::uint32_t mask = bit_range_mask(msbit, lsbit);
  cpu.set_reg(d, (cpu.reg(d) & ~mask) | ((source << lsbit) & mask));
}

}  // namespace

using namespace thumb32;

// ADDW<c> <Rd>, <Rn>, #<imm12> — A7.7 ADD (immediate) T4, also ADD (SP plus immediate); no flags.
void thumb32_ADD_imm_T4(ArmCpu& cpu, std::uint32_t insn) {
  using E = ADD_imm_T4;
  const unsigned d = E::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  cpu.set_reg(d, cpu.reg(E::field<'n'>(insn)) + E::field<'i'>(insn));
}

// SUBW<c> <Rd>, <Rn>, #<imm12> — A7.7 SUB (immediate) T4, also SUB (SP minus immediate).
void thumb32_SUB_imm_T4(ArmCpu& cpu, std::uint32_t insn) {
  using E = SUB_imm_T4;
  const unsigned d = E::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  cpu.set_reg(d, cpu.reg(E::field<'n'>(insn)) - E::field<'i'>(insn));
}

// ADR.W <Rd>, <label> — A7.7 ADR T3 (after) and T2 (before): Align(PC,4) +/- imm12.
void thumb32_ADR_T3(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = ADR_T3::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  cpu.set_reg(d, cpu.align_pc() + ADR_T3::field<'i'>(insn));
}
void thumb32_ADR_T2(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = ADR_T2::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  cpu.set_reg(d, cpu.align_pc() - ADR_T2::field<'i'>(insn));
}

// MOVW<c> <Rd>, #<imm16> — A7.7 MOV (immediate) T3.
void thumb32_MOV_imm_T3(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = MOV_imm_T3::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  cpu.set_reg(d, imm16<MOV_imm_T3>(insn));
}

// MOVT<c> <Rd>, #<imm16> — A7.7: replaces the top halfword only.
void thumb32_MOVT_T1(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = MOVT_T1::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  cpu.set_reg(d, (imm16<MOVT_T1>(insn) << 16) | (cpu.reg(d) & 0xFFFF));
}

// SSAT<c> <Rd>, #<imm>, <Rn>{, <shift>} — A7.7: saturate to sat_imm+1 signed bits.
void thumb32_SSAT_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = SSAT_T1;
  const unsigned d = E::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  const Saturated r = signed_sat_q(saturate_operand<E>(cpu, insn), E::field<'b'>(insn) + 1);
  cpu.set_reg(d, r.value);
  if (r.saturated) cpu.flags.q = true;
}

// USAT<c> <Rd>, #<imm>, <Rn>{, <shift>} — A7.7: saturate to sat_imm unsigned bits.
void thumb32_USAT_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = USAT_T1;
  const unsigned d = E::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  const Saturated r = unsigned_sat_q(saturate_operand<E>(cpu, insn), E::field<'b'>(insn));
  cpu.set_reg(d, r.value);
  if (r.saturated) cpu.flags.q = true;
}

// SBFX<c> <Rd>, <Rn>, #<lsb>, #<width> — A7.7
void thumb32_SBFX_T1(ArmCpu& cpu, std::uint32_t insn) {
  bit_field_extract<SBFX_T1>(cpu, insn, true);
}
// UBFX<c> <Rd>, <Rn>, #<lsb>, #<width> — A7.7
void thumb32_UBFX_T1(ArmCpu& cpu, std::uint32_t insn) {
  bit_field_extract<UBFX_T1>(cpu, insn, false);
}
// BFI<c> <Rd>, <Rn>, #<lsb>, #<width> — A7.7
void thumb32_BFI_T1(ArmCpu& cpu, std::uint32_t insn) {
  bit_field_insert<BFI_T1>(cpu, insn, cpu.reg(BFI_T1::field<'n'>(insn)));
}
// BFC<c> <Rd>, #<lsb>, #<width> — A7.7
void thumb32_BFC_T1(ArmCpu& cpu, std::uint32_t insn) {
  bit_field_insert<BFC_T1>(cpu, insn, 0);
}

}  // namespace anvil::arm
