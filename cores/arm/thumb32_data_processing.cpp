// Data processing with a modified immediate (ARMv7-M ARM A5.3.1) or a shifted register
// (A5.3.11): the same sixteen operations, differing only in how the second operand is made.
#include "cores/arm/thumb32_data_processing.h"

namespace anvil::arm {
namespace {

// The second operand and the shifter's carry out.
// Modified immediate: ThumbExpandImm_C(i:imm3:imm8, APSR.C) — A5.3.2.
template <class E>
ResultCarry modified_immediate(const ArmCpu& cpu, std::uint32_t insn) {
  return thumb_expand_imm_c(E::template field<'i'>(insn), cpu.flags.c);
}

// Shifted register: Shift_C(R[m], DecodeImmShift(type, imm3:imm2), APSR.C) — A7.4.2.
template <class E>
ResultCarry shifted_register(const ArmCpu& cpu, std::uint32_t insn) {
  const ImmShift s = decode_imm_shift(E::template field<'t'>(insn), E::template field<'i'>(insn));
  return shift_c(cpu.reg(E::template field<'m'>(insn)), s.type, s.amount, cpu.flags.c);
}

enum class Logical { And, Bic, Orr, Orn, Eor, Mov, Mvn };
enum class Arithmetic { Add, Adc, Sbc, Sub, Rsb };

std::uint32_t logical(Logical op, std::uint32_t n, std::uint32_t operand) {
  switch (op) {
    case Logical::And:
      return n & operand;
    case Logical::Bic:
      return n & ~operand;
    case Logical::Orr:
      return n | operand;
    case Logical::Orn:
      return n | ~operand;
    case Logical::Eor:
      return n ^ operand;
    case Logical::Mov:
      return operand;
    case Logical::Mvn:
      return ~operand;
  }
  return 0;
}

ResultFlags arithmetic(const ArmCpu& cpu, Arithmetic op, std::uint32_t n, std::uint32_t operand) {
  switch (op) {
    case Arithmetic::Add:
      return add_with_carry(n, operand, false);
    case Arithmetic::Adc:
      return add_with_carry(n, operand, cpu.flags.c);
    case Arithmetic::Sbc:
      return add_with_carry(n, ~operand, cpu.flags.c);
    case Arithmetic::Sub:
      return add_with_carry(n, ~operand, true);
    case Arithmetic::Rsb:
      return add_with_carry(~n, operand, true);
  }
  return {};
}

void write_logical(ArmCpu& cpu, unsigned d, std::uint32_t result, bool carry, bool setflags) {
  cpu.set_reg(d, result);
  if (!setflags) return;
  set_nz(cpu, result);
  cpu.flags.c = carry;
}

void write_arithmetic(ArmCpu& cpu, unsigned d, const ResultFlags& r, bool setflags) {
  cpu.set_reg(d, r.value);
  if (!setflags) return;
  set_nz(cpu, r.value);
  cpu.flags.c = r.carry;
  cpu.flags.v = r.overflow;
}

using Operand2 = ResultCarry (*)(const ArmCpu&, std::uint32_t);

// AND, BIC, ORR, ORN, EOR (A7.7) and, with Rn = PC
// ignored, MOV and MVN (A7.7).
template <class E, Operand2 operand2, Logical op>
void logical_op(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = E::template field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  std::uint32_t n = 0;  // MOV and MVN have no Rn field
  if constexpr (op != Logical::Mov && op != Logical::Mvn) n = cpu.reg(E::template field<'n'>(insn));
  const ResultCarry shifted = operand2(cpu, insn);
  write_logical(cpu, d, logical(op, n, shifted.value), shifted.carry, E::template field<'S'>(insn));
}

// TST and TEQ (A7.7): flags only.
template <class E, Operand2 operand2>
void logical_test(ArmCpu& cpu, std::uint32_t insn, Logical op) {
  const ResultCarry shifted = operand2(cpu, insn);
  const std::uint32_t result = logical(op, cpu.reg(E::template field<'n'>(insn)), shifted.value);
  set_nz(cpu, result);
  cpu.flags.c = shifted.carry;
}

// ADD, ADC, SBC, SUB, RSB (A7.7),
// including the SP forms (A7.7), which compute the same thing.
template <class E, Operand2 operand2>
void arithmetic_op(ArmCpu& cpu, std::uint32_t insn, Arithmetic op) {
  const unsigned d = E::template field<'d'>(insn);
  if (reject_pc(cpu, d)) return;  // SUBS PC, LR is not in ARMv7-M
  const std::uint32_t n = cpu.reg(E::template field<'n'>(insn));
  const ResultFlags r = arithmetic(cpu, op, n, operand2(cpu, insn).value);
  write_arithmetic(cpu, d, r, E::template field<'S'>(insn));
}

// CMP and CMN (A7.7): flags only.
template <class E, Operand2 operand2>
void arithmetic_test(ArmCpu& cpu, std::uint32_t insn, Arithmetic op) {
  const ResultFlags r =
      arithmetic(cpu, op, cpu.reg(E::template field<'n'>(insn)), operand2(cpu, insn).value);
  set_nz(cpu, r.value);
  cpu.flags.c = r.carry;
  cpu.flags.v = r.overflow;
}

}  // namespace

using namespace thumb32;

// --- A5.3.1 modified immediate -------------------------------------------------------------
void thumb32_AND_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<AND_imm_T1, modified_immediate<AND_imm_T1>, Logical::And>(cpu, insn);
}
void thumb32_TST_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_test<TST_imm_T1, modified_immediate<TST_imm_T1>>(cpu, insn, Logical::And);
}
void thumb32_BIC_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<BIC_imm_T1, modified_immediate<BIC_imm_T1>, Logical::Bic>(cpu, insn);
}
void thumb32_ORR_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<ORR_imm_T1, modified_immediate<ORR_imm_T1>, Logical::Orr>(cpu, insn);
}
void thumb32_MOV_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<MOV_imm_T2, modified_immediate<MOV_imm_T2>, Logical::Mov>(cpu, insn);
}
void thumb32_ORN_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<ORN_imm_T1, modified_immediate<ORN_imm_T1>, Logical::Orn>(cpu, insn);
}
void thumb32_MVN_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<MVN_imm_T1, modified_immediate<MVN_imm_T1>, Logical::Mvn>(cpu, insn);
}
void thumb32_EOR_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<EOR_imm_T1, modified_immediate<EOR_imm_T1>, Logical::Eor>(cpu, insn);
}
void thumb32_TEQ_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_test<TEQ_imm_T1, modified_immediate<TEQ_imm_T1>>(cpu, insn, Logical::Eor);
}
void thumb32_ADD_imm_T3(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_op<ADD_imm_T3, modified_immediate<ADD_imm_T3>>(cpu, insn, Arithmetic::Add);
}
void thumb32_CMN_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_test<CMN_imm_T1, modified_immediate<CMN_imm_T1>>(cpu, insn, Arithmetic::Add);
}
void thumb32_ADC_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_op<ADC_imm_T1, modified_immediate<ADC_imm_T1>>(cpu, insn, Arithmetic::Adc);
}
void thumb32_SBC_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_op<SBC_imm_T1, modified_immediate<SBC_imm_T1>>(cpu, insn, Arithmetic::Sbc);
}
void thumb32_SUB_imm_T3(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_op<SUB_imm_T3, modified_immediate<SUB_imm_T3>>(cpu, insn, Arithmetic::Sub);
}
void thumb32_CMP_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_test<CMP_imm_T2, modified_immediate<CMP_imm_T2>>(cpu, insn, Arithmetic::Sub);
}
void thumb32_RSB_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_op<RSB_imm_T2, modified_immediate<RSB_imm_T2>>(cpu, insn, Arithmetic::Rsb);
}

// --- A5.3.11 shifted register --------------------------------------------------------------
void thumb32_AND_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<AND_reg_T2, shifted_register<AND_reg_T2>, Logical::And>(cpu, insn);
}
void thumb32_TST_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  logical_test<TST_reg_T2, shifted_register<TST_reg_T2>>(cpu, insn, Logical::And);
}
void thumb32_BIC_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<BIC_reg_T2, shifted_register<BIC_reg_T2>, Logical::Bic>(cpu, insn);
}
void thumb32_ORR_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<ORR_reg_T2, shifted_register<ORR_reg_T2>, Logical::Orr>(cpu, insn);
}
// MOV (register) T3 and the immediate shifts LSL/LSR/ASR/ROR/RRX (A7.7) are all ORR with
// Rn = '1111': MOV of a shifted register.
// MOV.W with a zero shift may name SP (d or m), so no register is refused but PC as d. Their
// shift fields sit where ORR's do, so they read them through the ORR layout.
void thumb32_MOV_reg_T3(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<MOV_reg_T3, shifted_register<ORR_reg_T2>, Logical::Mov>(cpu, insn);
}
void thumb32_LSL_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<LSL_imm_T2, shifted_register<ORR_reg_T2>, Logical::Mov>(cpu, insn);
}
void thumb32_LSR_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<LSR_imm_T2, shifted_register<ORR_reg_T2>, Logical::Mov>(cpu, insn);
}
void thumb32_ASR_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<ASR_imm_T2, shifted_register<ORR_reg_T2>, Logical::Mov>(cpu, insn);
}
void thumb32_ROR_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<ROR_imm_T1, shifted_register<ORR_reg_T2>, Logical::Mov>(cpu, insn);
}
void thumb32_RRX_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<RRX_T1, shifted_register<ORR_reg_T2>, Logical::Mov>(cpu, insn);
}
void thumb32_ORN_reg_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<ORN_reg_T1, shifted_register<ORN_reg_T1>, Logical::Orn>(cpu, insn);
}
void thumb32_MVN_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<MVN_reg_T2, shifted_register<MVN_reg_T2>, Logical::Mvn>(cpu, insn);
}
void thumb32_EOR_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  logical_op<EOR_reg_T2, shifted_register<EOR_reg_T2>, Logical::Eor>(cpu, insn);
}
void thumb32_TEQ_reg_T1(ArmCpu& cpu, std::uint32_t insn) {
  logical_test<TEQ_reg_T1, shifted_register<TEQ_reg_T1>>(cpu, insn, Logical::Eor);
}
void thumb32_ADD_reg_T3(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_op<ADD_reg_T3, shifted_register<ADD_reg_T3>>(cpu, insn, Arithmetic::Add);
}
void thumb32_CMN_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_test<CMN_reg_T2, shifted_register<CMN_reg_T2>>(cpu, insn, Arithmetic::Add);
}
void thumb32_ADC_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_op<ADC_reg_T2, shifted_register<ADC_reg_T2>>(cpu, insn, Arithmetic::Adc);
}
void thumb32_SBC_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_op<SBC_reg_T2, shifted_register<SBC_reg_T2>>(cpu, insn, Arithmetic::Sbc);
}
void thumb32_SUB_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_op<SUB_reg_T2, shifted_register<SUB_reg_T2>>(cpu, insn, Arithmetic::Sub);
}
void thumb32_CMP_reg_T3(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_test<CMP_reg_T3, shifted_register<CMP_reg_T3>>(cpu, insn, Arithmetic::Sub);
}
void thumb32_RSB_reg_T1(ArmCpu& cpu, std::uint32_t insn) {
  arithmetic_op<RSB_reg_T1, shifted_register<RSB_reg_T1>>(cpu, insn, Arithmetic::Rsb);
}

}  // namespace anvil::arm
