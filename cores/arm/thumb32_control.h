// 32-bit Thumb branches, miscellaneous control and the coprocessor space (ARMv7-M ARM A5.3.4,
// A5.3.18): the patterns and their handlers. Pattern fields: s = S bit, c = condition,
// h/l = immediate high/low parts, j k = J1 J2, n d = registers, x = SYSm.
#pragma once

#include <cstdint>

#include "cores/arm/thumb32_common.h"

namespace anvil::arm {

namespace thumb32 {
// A5.3.4 Branches and miscellaneous control
using B_T3 = Encoding<"11110 s cccc hhhhhh 10 j 0 k lllllllllll">;
using B_T4 = Encoding<"11110 s hhhhhhhhhh 10 j 1 k lllllllllll">;
using BL_T1 = Encoding<"11110 s hhhhhhhhhh 11 j 1 k lllllllllll">;
using MSR_reg_T1 = Encoding<"111100111000 nnnn 1000 mm00 xxxxxxxx">;
using MRS_T1 = Encoding<"111100111110 1111 1000 dddd xxxxxxxx">;
using NOP_T2 = Encoding<"111100111010 1111 1000 0000 00000000">;
using YIELD_T2 = Encoding<"111100111010 1111 1000 0000 00000001">;
using WFE_T2 = Encoding<"111100111010 1111 1000 0000 00000010">;
using WFI_T2 = Encoding<"111100111010 1111 1000 0000 00000011">;
using SEV_T2 = Encoding<"111100111010 1111 1000 0000 00000100">;
using DBG_T1 = Encoding<"111100111010 1111 1000 0000 1111 oooo">;
using hint_T2 = Encoding<"111100111010 1111 1000 0000 oooooooo">;
using CLREX_T1 = Encoding<"111100111011 1111 1000 1111 0010 1111">;
using DSB_T1 = Encoding<"111100111011 1111 1000 1111 0100 oooo">;
using DMB_T1 = Encoding<"111100111011 1111 1000 1111 0101 oooo">;
using ISB_T1 = Encoding<"111100111011 1111 1000 1111 0110 oooo">;
using UDF_T2 = Encoding<"111101111111 iiii 1010 iiiiiiiiiiii">;

// A5.3.18 Coprocessor instructions (CDP, MCR, MRC, MCRR, MRRC, LDC, STC and their "2" forms)
using coprocessor = Encoding<"111 - 11 ------ ---- ---- ---- ---- ----">;

// B T4 / BL: imm32 = SignExtend(S:I1:I2:imm10:imm11:'0'), I1 = NOT(J1 XOR S),
// I2 = NOT(J2 XOR S) — A7.7.
template <class E>
std::int32_t long_branch_offset(std::uint32_t insn) {
  const std::uint32_t s = E::template field<'s'>(insn);
  const std::uint32_t i1 = 1u ^ E::template field<'j'>(insn) ^ s;
  const std::uint32_t i2 = 1u ^ E::template field<'k'>(insn) ^ s;
  const std::uint32_t offset = (s << 24) | (i1 << 23) | (i2 << 22) |
                               (E::template field<'h'>(insn) << 12) |
                               (E::template field<'l'>(insn) << 1);
  return encoding::sign_extend(offset, 25);
}

// B T3: imm32 = SignExtend(S:J2:J1:imm6:imm11:'0') — A7.7.
inline std::int32_t conditional_branch_offset(std::uint32_t insn) {
  using E = B_T3;
  const std::uint32_t offset = (E::field<'s'>(insn) << 20) | (E::field<'k'>(insn) << 19) |
                               (E::field<'j'>(insn) << 18) | (E::field<'h'>(insn) << 12) |
                               (E::field<'l'>(insn) << 1);
  return encoding::sign_extend(offset, 21);
}
}  // namespace thumb32

// thumb32_branch_misc.cpp
void thumb32_B_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_B_T4(ArmCpu& cpu, std::uint32_t insn);
void thumb32_BL_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_MSR_reg_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_MRS_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_NOP_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_YIELD_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_WFE_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_WFI_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SEV_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_DBG_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_hint_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_CLREX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_DSB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_DMB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_ISB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UDF_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_coprocessor(ArmCpu& cpu, std::uint32_t insn);

}  // namespace anvil::arm
