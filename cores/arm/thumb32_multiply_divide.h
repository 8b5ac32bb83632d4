// 32-bit Thumb multiplies and divides of the base ARMv7-M set (ARMv7-M ARM A5.3.16, A5.3.17):
// the patterns and their handlers (the DSP multiplies are in thumb32_dsp.h). Pattern fields:
// n m d a = registers (a = Ra), l h = RdLo RdHi.
#pragma once

#include <cstdint>

#include "cores/arm/thumb32_common.h"

namespace anvil::arm {

namespace thumb32 {
// A5.3.16 Multiply, multiply accumulate; A5.3.17 long multiply, divide
using MUL_T2 = Encoding<"111110110000 nnnn 1111 dddd 0000 mmmm">;
using MLA_T1 = Encoding<"111110110000 nnnn aaaa dddd 0000 mmmm">;
using MLS_T1 = Encoding<"111110110000 nnnn aaaa dddd 0001 mmmm">;
using SMULL_T1 = Encoding<"111110111000 nnnn llll hhhh 0000 mmmm">;
using SDIV_T1 = Encoding<"111110111001 nnnn 1111 dddd 1111 mmmm">;
using UMULL_T1 = Encoding<"111110111010 nnnn llll hhhh 0000 mmmm">;
using UDIV_T1 = Encoding<"111110111011 nnnn 1111 dddd 1111 mmmm">;
using SMLAL_T1 = Encoding<"111110111100 nnnn llll hhhh 0000 mmmm">;
using UMLAL_T1 = Encoding<"111110111110 nnnn llll hhhh 0000 mmmm">;
}  // namespace thumb32

// thumb32_multiply_divide.cpp
void thumb32_MUL_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_MLA_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_MLS_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMULL_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SDIV_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UMULL_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UDIV_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMLAL_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UMLAL_T1(ArmCpu& cpu, std::uint32_t insn);

}  // namespace anvil::arm
