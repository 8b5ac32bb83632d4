// The 16-bit Thumb instruction handlers (ARMv7-M ARM A5.2, A7.7), one per row of
// thumb16_table.cpp, named after the manual's instruction and encoding.
#pragma once

#include <cstdint>

#include "cores/arm/arm_cpu.h"
#include "cores/arm/cortex_m3_timing.h"
#include "cores/arm/thumb_tables.h"

namespace anvil::arm::thumb16 {

// thumb16_data_processing.cpp
void LSL_imm(ArmCpu& cpu, std::uint32_t insn);
void LSR_imm(ArmCpu& cpu, std::uint32_t insn);
void ASR_imm(ArmCpu& cpu, std::uint32_t insn);
void ADD_reg(ArmCpu& cpu, std::uint32_t insn);
void SUB_reg(ArmCpu& cpu, std::uint32_t insn);
void ADD_imm3(ArmCpu& cpu, std::uint32_t insn);
void SUB_imm3(ArmCpu& cpu, std::uint32_t insn);
void MOV_imm(ArmCpu& cpu, std::uint32_t insn);
void CMP_imm(ArmCpu& cpu, std::uint32_t insn);
void ADD_imm8(ArmCpu& cpu, std::uint32_t insn);
void SUB_imm8(ArmCpu& cpu, std::uint32_t insn);
void AND_reg(ArmCpu& cpu, std::uint32_t insn);
void EOR_reg(ArmCpu& cpu, std::uint32_t insn);
void LSL_reg(ArmCpu& cpu, std::uint32_t insn);
void LSR_reg(ArmCpu& cpu, std::uint32_t insn);
void ASR_reg(ArmCpu& cpu, std::uint32_t insn);
void ADC_reg(ArmCpu& cpu, std::uint32_t insn);
void SBC_reg(ArmCpu& cpu, std::uint32_t insn);
void ROR_reg(ArmCpu& cpu, std::uint32_t insn);
void TST_reg(ArmCpu& cpu, std::uint32_t insn);
void RSB_imm(ArmCpu& cpu, std::uint32_t insn);
void CMP_reg(ArmCpu& cpu, std::uint32_t insn);
void CMN_reg(ArmCpu& cpu, std::uint32_t insn);
void ORR_reg(ArmCpu& cpu, std::uint32_t insn);
void MUL(ArmCpu& cpu, std::uint32_t insn);
void BIC_reg(ArmCpu& cpu, std::uint32_t insn);
void MVN_reg(ArmCpu& cpu, std::uint32_t insn);
void ADD_reg_high(ArmCpu& cpu, std::uint32_t insn);
void CMP_reg_high(ArmCpu& cpu, std::uint32_t insn);
void MOV_reg_high(ArmCpu& cpu, std::uint32_t insn);
void ADR(ArmCpu& cpu, std::uint32_t insn);
void ADD_sp_imm_rd(ArmCpu& cpu, std::uint32_t insn);
void ADD_sp_imm(ArmCpu& cpu, std::uint32_t insn);
void SUB_sp_imm(ArmCpu& cpu, std::uint32_t insn);
void SXTH(ArmCpu& cpu, std::uint32_t insn);
void SXTB(ArmCpu& cpu, std::uint32_t insn);
void UXTH(ArmCpu& cpu, std::uint32_t insn);
void UXTB(ArmCpu& cpu, std::uint32_t insn);
void REV(ArmCpu& cpu, std::uint32_t insn);
void REV16(ArmCpu& cpu, std::uint32_t insn);
void REVSH(ArmCpu& cpu, std::uint32_t insn);

// thumb16_load_store.cpp
void LDR_literal(ArmCpu& cpu, std::uint32_t insn);
void STR_reg(ArmCpu& cpu, std::uint32_t insn);
void STRH_reg(ArmCpu& cpu, std::uint32_t insn);
void STRB_reg(ArmCpu& cpu, std::uint32_t insn);
void LDRSB_reg(ArmCpu& cpu, std::uint32_t insn);
void LDR_reg(ArmCpu& cpu, std::uint32_t insn);
void LDRH_reg(ArmCpu& cpu, std::uint32_t insn);
void LDRB_reg(ArmCpu& cpu, std::uint32_t insn);
void LDRSH_reg(ArmCpu& cpu, std::uint32_t insn);
void STR_imm(ArmCpu& cpu, std::uint32_t insn);
void LDR_imm(ArmCpu& cpu, std::uint32_t insn);
void STRB_imm(ArmCpu& cpu, std::uint32_t insn);
void LDRB_imm(ArmCpu& cpu, std::uint32_t insn);
void STRH_imm(ArmCpu& cpu, std::uint32_t insn);
void LDRH_imm(ArmCpu& cpu, std::uint32_t insn);
void STR_sp(ArmCpu& cpu, std::uint32_t insn);
void LDR_sp(ArmCpu& cpu, std::uint32_t insn);
void PUSH(ArmCpu& cpu, std::uint32_t insn);
void POP(ArmCpu& cpu, std::uint32_t insn);
void STM(ArmCpu& cpu, std::uint32_t insn);
void LDM(ArmCpu& cpu, std::uint32_t insn);

// thumb16_control.cpp
void BX(ArmCpu& cpu, std::uint32_t insn);
void BLX_reg(ArmCpu& cpu, std::uint32_t insn);
void CBZ_CBNZ(ArmCpu& cpu, std::uint32_t insn);
void B_cond(ArmCpu& cpu, std::uint32_t insn);
void B(ArmCpu& cpu, std::uint32_t insn);
void SVC(ArmCpu& cpu, std::uint32_t insn);
void UDF(ArmCpu& cpu, std::uint32_t insn);
void BKPT(ArmCpu& cpu, std::uint32_t insn);
void IT(ArmCpu& cpu, std::uint32_t insn);
void NOP(ArmCpu& cpu, std::uint32_t insn);
void YIELD(ArmCpu& cpu, std::uint32_t insn);
void WFE(ArmCpu& cpu, std::uint32_t insn);
void WFI(ArmCpu& cpu, std::uint32_t insn);
void SEV(ArmCpu& cpu, std::uint32_t insn);
void CPS(ArmCpu& cpu, std::uint32_t insn);

}  // namespace anvil::arm::thumb16
