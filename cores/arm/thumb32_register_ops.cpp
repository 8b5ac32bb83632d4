// Data processing on registers (ARMv7-M ARM A5.3.12, A5.3.15): register-controlled shifts,
// sign/zero extension with rotation, byte and bit reversal, count leading zeros.
#include <bit>

#include "cores/arm/thumb32_data_processing.h"

namespace anvil::arm {
namespace {

// LSL/LSR/ASR/ROR (register) T2 — A7.7: the shift amount is
// the bottom byte of Rm, so amounts of 32 and more are possible.
template <class E>
void shift_by_register(ArmCpu& cpu, std::uint32_t insn, ShiftType type) {
  const unsigned d = E::template field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  const unsigned amount = cpu.reg(E::template field<'m'>(insn)) & 0xFF;
  const ResultCarry r = shift_c(cpu.reg(E::template field<'n'>(insn)), type, amount, cpu.flags.c);
  cpu.set_reg(d, r.value);
  if (!E::template field<'S'>(insn)) return;
  set_nz(cpu, r.value);
  cpu.flags.c = r.carry;
}

// SXTH/UXTH/SXTB/UXTB T2 — A7.7: ROR(R[m], 8*rotate) then
// extend the low `bits`.
template <class E>
void extend(ArmCpu& cpu, std::uint32_t insn, unsigned bits, bool sign) {
  const unsigned d = E::template field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  const std::uint32_t rotated =
      std::rotr(cpu.reg(E::template field<'m'>(insn)), 8 * E::template field<'r'>(insn));
  const std::uint32_t low = rotated & ((1u << bits) - 1);
  cpu.set_reg(d, sign ? static_cast<std::uint32_t>(encoding::sign_extend(low, bits)) : low);
}

// The miscellaneous operations encode Rm twice; differing copies are UNPREDICTABLE.
template <class E>
void unary(ArmCpu& cpu, std::uint32_t insn, std::uint32_t (*operation)(std::uint32_t)) {
  const unsigned d = E::template field<'d'>(insn);
  const unsigned m = E::template field<'m'>(insn);
  if (reject_pc(cpu, d) || reject_if(cpu, m != E::template field<'M'>(insn))) return;
  cpu.set_reg(d, operation(cpu.reg(m)));
}

std::uint32_t reverse_bytes(std::uint32_t v) {
  return anvil::byteswap(v);
}
std::uint32_t reverse_halfword_bytes(std::uint32_t v) {
  return ((v & 0x00FF00FF) << 8) | ((v >> 8) & 0x00FF00FF);
}
std::uint32_t reverse_signed_halfword(std::uint32_t v) {
  const std::uint32_t swapped = ((v & 0xFF) << 8) | ((v >> 8) & 0xFF);
  return static_cast<std::uint32_t>(encoding::sign_extend(swapped, 16));
}
std::uint32_t reverse_bits(std::uint32_t v) {
  std::uint32_t out = 0;
  for (unsigned i = 0; i < 32; ++i) out |= ((v >> i) & 1u) << (31 - i);
  return out;
}
std::uint32_t count_leading_zeros(std::uint32_t v) {
  return static_cast<std::uint32_t>(std::countl_zero(v));
}

}  // namespace

using namespace thumb32;

void thumb32_LSL_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  shift_by_register<LSL_reg_T2>(cpu, insn, ShiftType::LSL);
}
void thumb32_LSR_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  shift_by_register<LSR_reg_T2>(cpu, insn, ShiftType::LSR);
}
void thumb32_ASR_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  shift_by_register<ASR_reg_T2>(cpu, insn, ShiftType::ASR);
}
void thumb32_ROR_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  shift_by_register<ROR_reg_T2>(cpu, insn, ShiftType::ROR);
}

void thumb32_SXTH_T2(ArmCpu& cpu, std::uint32_t insn) {
  extend<SXTH_T2>(cpu, insn, 16, true);
}
void thumb32_UXTH_T2(ArmCpu& cpu, std::uint32_t insn) {
  extend<UXTH_T2>(cpu, insn, 16, false);
}
void thumb32_SXTB_T2(ArmCpu& cpu, std::uint32_t insn) {
  extend<SXTB_T2>(cpu, insn, 8, true);
}
void thumb32_UXTB_T2(ArmCpu& cpu, std::uint32_t insn) {
  extend<UXTB_T2>(cpu, insn, 8, false);
}

// REV, REV16, RBIT, REVSH, CLZ — A7.7
void thumb32_REV_T2(ArmCpu& cpu, std::uint32_t insn) {
  unary<REV_T2>(cpu, insn, reverse_bytes);
}
void thumb32_REV16_T2(ArmCpu& cpu, std::uint32_t insn) {
  unary<REV16_T2>(cpu, insn, reverse_halfword_bytes);
}
void thumb32_RBIT_T1(ArmCpu& cpu, std::uint32_t insn) {
  unary<RBIT_T1>(cpu, insn, reverse_bits);
}
void thumb32_REVSH_T2(ArmCpu& cpu, std::uint32_t insn) {
  unary<REVSH_T2>(cpu, insn, reverse_signed_halfword);
}
void thumb32_CLZ_T1(ArmCpu& cpu, std::uint32_t insn) {
  unary<CLZ_T1>(cpu, insn, count_leading_zeros);
}

}  // namespace anvil::arm
