// 32-bit Thumb data-processing encodings (ARMv7-M ARM A5.3.1, A5.3.3, A5.3.11, A5.3.12,
// A5.3.15) of the base ARMv7-M set: the patterns, written once, and their handlers.
// Pattern fields: d n m = registers, S = setflags, i = immediate (i:imm3:imm8 or imm3:imm2),
// t = shift type. The table (thumb32_table.cpp) lists them with the manual's syntax.
#pragma once

#include <cstdint>

#include "cores/arm/thumb32_common.h"

namespace anvil::arm {

namespace thumb32 {
// A5.3.1 Data processing (modified immediate)
using AND_imm_T1 = Encoding<"11110 i 0 0000 S nnnn 0 iii dddd iiiiiiii">;
using TST_imm_T1 = Encoding<"11110 i 0 0000 1 nnnn 0 iii 1111 iiiiiiii">;
using BIC_imm_T1 = Encoding<"11110 i 0 0001 S nnnn 0 iii dddd iiiiiiii">;
using ORR_imm_T1 = Encoding<"11110 i 0 0010 S nnnn 0 iii dddd iiiiiiii">;
using MOV_imm_T2 = Encoding<"11110 i 0 0010 S 1111 0 iii dddd iiiiiiii">;
using ORN_imm_T1 = Encoding<"11110 i 0 0011 S nnnn 0 iii dddd iiiiiiii">;
using MVN_imm_T1 = Encoding<"11110 i 0 0011 S 1111 0 iii dddd iiiiiiii">;
using EOR_imm_T1 = Encoding<"11110 i 0 0100 S nnnn 0 iii dddd iiiiiiii">;
using TEQ_imm_T1 = Encoding<"11110 i 0 0100 1 nnnn 0 iii 1111 iiiiiiii">;
using ADD_imm_T3 = Encoding<"11110 i 0 1000 S nnnn 0 iii dddd iiiiiiii">;
using CMN_imm_T1 = Encoding<"11110 i 0 1000 1 nnnn 0 iii 1111 iiiiiiii">;
using ADC_imm_T1 = Encoding<"11110 i 0 1010 S nnnn 0 iii dddd iiiiiiii">;
using SBC_imm_T1 = Encoding<"11110 i 0 1011 S nnnn 0 iii dddd iiiiiiii">;
using SUB_imm_T3 = Encoding<"11110 i 0 1101 S nnnn 0 iii dddd iiiiiiii">;
using CMP_imm_T2 = Encoding<"11110 i 0 1101 1 nnnn 0 iii 1111 iiiiiiii">;
using RSB_imm_T2 = Encoding<"11110 i 0 1110 S nnnn 0 iii dddd iiiiiiii">;

// A5.3.3 Data processing (plain binary immediate). MOVW/MOVT split imm16 as h:i:k:l.
using ADD_imm_T4 = Encoding<"11110 i 1 0000 0 nnnn 0 iii dddd iiiiiiii">;
using ADR_T3 = Encoding<"11110 i 1 0000 0 1111 0 iii dddd iiiiiiii">;
using MOV_imm_T3 = Encoding<"11110 i 1 0010 0 hhhh 0 kkk dddd llllllll">;
using SUB_imm_T4 = Encoding<"11110 i 1 0101 0 nnnn 0 iii dddd iiiiiiii">;
using ADR_T2 = Encoding<"11110 i 1 0101 0 1111 0 iii dddd iiiiiiii">;
using MOVT_T1 = Encoding<"11110 i 1 0110 0 hhhh 0 kkk dddd llllllll">;
using SSAT_T1 = Encoding<"11110 0 1 1 0 0 s 0 nnnn 0 iii dddd ii 0 bbbbb">;
using SBFX_T1 = Encoding<"11110 0 1 1 0 1 0 0 nnnn 0 iii dddd ii 0 wwwww">;
using BFI_T1 = Encoding<"11110 0 1 1 0 1 1 0 nnnn 0 iii dddd ii 0 mmmmm">;
using BFC_T1 = Encoding<"11110 0 1 1 0 1 1 0 1111 0 iii dddd ii 0 mmmmm">;
using USAT_T1 = Encoding<"11110 0 1 1 1 0 s 0 nnnn 0 iii dddd ii 0 bbbbb">;
using UBFX_T1 = Encoding<"11110 0 1 1 1 1 0 0 nnnn 0 iii dddd ii 0 wwwww">;

// A5.3.11 Data processing (shifted register). MOV with Rn = '1111' is split by shift type.
using AND_reg_T2 = Encoding<"11101 01 0000 S nnnn 0 iii dddd ii tt mmmm">;
using TST_reg_T2 = Encoding<"11101 01 0000 1 nnnn 0 iii 1111 ii tt mmmm">;
using BIC_reg_T2 = Encoding<"11101 01 0001 S nnnn 0 iii dddd ii tt mmmm">;
using ORR_reg_T2 = Encoding<"11101 01 0010 S nnnn 0 iii dddd ii tt mmmm">;
using MOV_reg_T3 = Encoding<"11101 01 0010 S 1111 0 000 dddd 00 00 mmmm">;
using LSL_imm_T2 = Encoding<"11101 01 0010 S 1111 0 iii dddd ii 00 mmmm">;
using LSR_imm_T2 = Encoding<"11101 01 0010 S 1111 0 iii dddd ii 01 mmmm">;
using ASR_imm_T2 = Encoding<"11101 01 0010 S 1111 0 iii dddd ii 10 mmmm">;
using ROR_imm_T1 = Encoding<"11101 01 0010 S 1111 0 iii dddd ii 11 mmmm">;
using RRX_T1 = Encoding<"11101 01 0010 S 1111 0 000 dddd 00 11 mmmm">;
using ORN_reg_T1 = Encoding<"11101 01 0011 S nnnn 0 iii dddd ii tt mmmm">;
using MVN_reg_T2 = Encoding<"11101 01 0011 S 1111 0 iii dddd ii tt mmmm">;
using EOR_reg_T2 = Encoding<"11101 01 0100 S nnnn 0 iii dddd ii tt mmmm">;
using TEQ_reg_T1 = Encoding<"11101 01 0100 1 nnnn 0 iii 1111 ii tt mmmm">;
using ADD_reg_T3 = Encoding<"11101 01 1000 S nnnn 0 iii dddd ii tt mmmm">;
using CMN_reg_T2 = Encoding<"11101 01 1000 1 nnnn 0 iii 1111 ii tt mmmm">;
using ADC_reg_T2 = Encoding<"11101 01 1010 S nnnn 0 iii dddd ii tt mmmm">;
using SBC_reg_T2 = Encoding<"11101 01 1011 S nnnn 0 iii dddd ii tt mmmm">;
using SUB_reg_T2 = Encoding<"11101 01 1101 S nnnn 0 iii dddd ii tt mmmm">;
using CMP_reg_T3 = Encoding<"11101 01 1101 1 nnnn 0 iii 1111 ii tt mmmm">;
using RSB_reg_T1 = Encoding<"11101 01 1110 S nnnn 0 iii dddd ii tt mmmm">;

// A5.3.12 Data processing (register): register-controlled shifts and sign/zero extension.
using LSL_reg_T2 = Encoding<"11111010 0 00 S nnnn 1111 dddd 0000 mmmm">;
using LSR_reg_T2 = Encoding<"11111010 0 01 S nnnn 1111 dddd 0000 mmmm">;
using ASR_reg_T2 = Encoding<"11111010 0 10 S nnnn 1111 dddd 0000 mmmm">;
using ROR_reg_T2 = Encoding<"11111010 0 11 S nnnn 1111 dddd 0000 mmmm">;
using SXTH_T2 = Encoding<"11111010 0000 1111 1111 dddd 10 rr mmmm">;
using UXTH_T2 = Encoding<"11111010 0001 1111 1111 dddd 10 rr mmmm">;
using SXTB_T2 = Encoding<"11111010 0100 1111 1111 dddd 10 rr mmmm">;
using UXTB_T2 = Encoding<"11111010 0101 1111 1111 dddd 10 rr mmmm">;

// A5.3.15 Miscellaneous operations. Rm is encoded twice (M and m); they must agree.
using REV_T2 = Encoding<"11111010 1001 MMMM 1111 dddd 1000 mmmm">;
using REV16_T2 = Encoding<"11111010 1001 MMMM 1111 dddd 1001 mmmm">;
using RBIT_T1 = Encoding<"11111010 1001 MMMM 1111 dddd 1010 mmmm">;
using REVSH_T2 = Encoding<"11111010 1001 MMMM 1111 dddd 1011 mmmm">;
using CLZ_T1 = Encoding<"11111010 1011 MMMM 1111 dddd 1000 mmmm">;
}  // namespace thumb32

// Modified immediate
void thumb32_AND_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_TST_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_BIC_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ORR_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_MOV_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ORN_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_MVN_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_EOR_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_TEQ_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ADD_imm_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_CMN_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ADC_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SBC_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SUB_imm_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_CMP_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_RSB_imm_T2(ArmCpu& cpu, std::uint32_t insn);

// Plain binary immediate
void thumb32_ADD_imm_T4(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ADR_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_MOV_imm_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SUB_imm_T4(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ADR_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_MOVT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SSAT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SBFX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_BFI_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_BFC_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_USAT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UBFX_T1(ArmCpu& cpu, std::uint32_t insn);

// Shifted register
void thumb32_AND_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_TST_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_BIC_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ORR_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_MOV_reg_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LSL_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LSR_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ASR_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ROR_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_RRX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ORN_reg_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_MVN_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_EOR_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_TEQ_reg_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ADD_reg_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_CMN_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ADC_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SBC_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SUB_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_CMP_reg_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_RSB_reg_T1(ArmCpu& cpu, std::uint32_t insn);

// Register-controlled shifts, extension, byte reversal, CLZ
void thumb32_LSL_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LSR_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ASR_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ROR_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SXTH_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UXTH_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SXTB_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UXTB_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_REV_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_REV16_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_RBIT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_REVSH_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_CLZ_T1(ArmCpu& cpu, std::uint32_t insn);

}  // namespace anvil::arm
