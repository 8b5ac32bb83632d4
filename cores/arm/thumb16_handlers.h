// The 16-bit Thumb instruction handlers (ARMv7-M ARM A5.2, A7.7), one per row of
// thumb16_table.cpp, named after the manual's instruction and encoding.
#pragma once

#include <cstdint>

#include "cores/arm/cortex_m_core.h"

namespace anvil::arm::thumb16 {

// thumb16_data_processing.cpp
void LSL_imm(CortexM& cpu, std::uint32_t insn);
void LSR_imm(CortexM& cpu, std::uint32_t insn);
void ASR_imm(CortexM& cpu, std::uint32_t insn);
void ADD_reg(CortexM& cpu, std::uint32_t insn);
void SUB_reg(CortexM& cpu, std::uint32_t insn);
void ADD_imm3(CortexM& cpu, std::uint32_t insn);
void SUB_imm3(CortexM& cpu, std::uint32_t insn);
void MOV_imm(CortexM& cpu, std::uint32_t insn);
void CMP_imm(CortexM& cpu, std::uint32_t insn);
void ADD_imm8(CortexM& cpu, std::uint32_t insn);
void SUB_imm8(CortexM& cpu, std::uint32_t insn);
void AND_reg(CortexM& cpu, std::uint32_t insn);
void EOR_reg(CortexM& cpu, std::uint32_t insn);
void LSL_reg(CortexM& cpu, std::uint32_t insn);
void LSR_reg(CortexM& cpu, std::uint32_t insn);
void ASR_reg(CortexM& cpu, std::uint32_t insn);
void ADC_reg(CortexM& cpu, std::uint32_t insn);
void SBC_reg(CortexM& cpu, std::uint32_t insn);
void ROR_reg(CortexM& cpu, std::uint32_t insn);
void TST_reg(CortexM& cpu, std::uint32_t insn);
void RSB_imm(CortexM& cpu, std::uint32_t insn);
void CMP_reg(CortexM& cpu, std::uint32_t insn);
void CMN_reg(CortexM& cpu, std::uint32_t insn);
void ORR_reg(CortexM& cpu, std::uint32_t insn);
void MUL(CortexM& cpu, std::uint32_t insn);
void BIC_reg(CortexM& cpu, std::uint32_t insn);
void MVN_reg(CortexM& cpu, std::uint32_t insn);
void ADD_reg_high(CortexM& cpu, std::uint32_t insn);
void CMP_reg_high(CortexM& cpu, std::uint32_t insn);
void MOV_reg_high(CortexM& cpu, std::uint32_t insn);
void ADR(CortexM& cpu, std::uint32_t insn);
void ADD_sp_imm_rd(CortexM& cpu, std::uint32_t insn);
void ADD_sp_imm(CortexM& cpu, std::uint32_t insn);
void SUB_sp_imm(CortexM& cpu, std::uint32_t insn);
void SXTH(CortexM& cpu, std::uint32_t insn);
void SXTB(CortexM& cpu, std::uint32_t insn);
void UXTH(CortexM& cpu, std::uint32_t insn);
void UXTB(CortexM& cpu, std::uint32_t insn);
void REV(CortexM& cpu, std::uint32_t insn);
void REV16(CortexM& cpu, std::uint32_t insn);
void REVSH(CortexM& cpu, std::uint32_t insn);

// thumb16_load_store.cpp
void LDR_literal(CortexM& cpu, std::uint32_t insn);
void STR_reg(CortexM& cpu, std::uint32_t insn);
void STRH_reg(CortexM& cpu, std::uint32_t insn);
void STRB_reg(CortexM& cpu, std::uint32_t insn);
void LDRSB_reg(CortexM& cpu, std::uint32_t insn);
void LDR_reg(CortexM& cpu, std::uint32_t insn);
void LDRH_reg(CortexM& cpu, std::uint32_t insn);
void LDRB_reg(CortexM& cpu, std::uint32_t insn);
void LDRSH_reg(CortexM& cpu, std::uint32_t insn);
void STR_imm(CortexM& cpu, std::uint32_t insn);
void LDR_imm(CortexM& cpu, std::uint32_t insn);
void STRB_imm(CortexM& cpu, std::uint32_t insn);
void LDRB_imm(CortexM& cpu, std::uint32_t insn);
void STRH_imm(CortexM& cpu, std::uint32_t insn);
void LDRH_imm(CortexM& cpu, std::uint32_t insn);
void STR_sp(CortexM& cpu, std::uint32_t insn);
void LDR_sp(CortexM& cpu, std::uint32_t insn);
void PUSH(CortexM& cpu, std::uint32_t insn);
void POP(CortexM& cpu, std::uint32_t insn);
void STM(CortexM& cpu, std::uint32_t insn);
void LDM(CortexM& cpu, std::uint32_t insn);

// thumb16_control.cpp
void BX(CortexM& cpu, std::uint32_t insn);
void BLX_reg(CortexM& cpu, std::uint32_t insn);
void CBZ_CBNZ(CortexM& cpu, std::uint32_t insn);
void B_cond(CortexM& cpu, std::uint32_t insn);
void B(CortexM& cpu, std::uint32_t insn);
void SVC(CortexM& cpu, std::uint32_t insn);
void UDF(CortexM& cpu, std::uint32_t insn);
void BKPT(CortexM& cpu, std::uint32_t insn);
void IT(CortexM& cpu, std::uint32_t insn);
void NOP(CortexM& cpu, std::uint32_t insn);
void YIELD(CortexM& cpu, std::uint32_t insn);
void WFE(CortexM& cpu, std::uint32_t insn);
void WFI(CortexM& cpu, std::uint32_t insn);
void SEV(CortexM& cpu, std::uint32_t insn);
void CPS(CortexM& cpu, std::uint32_t insn);

}  // namespace anvil::arm::thumb16
