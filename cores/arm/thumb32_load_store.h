// 32-bit Thumb loads and stores (ARMv7-M ARM A5.3.5 to A5.3.10): single, multiple, dual,
// exclusive, table branch and the preload hints. Pattern fields: n = base, t (and s = Rt2)
// = transfer registers, m = offset register, s in register forms = LSL amount, i = offset,
// p u w = index/add/writeback, r (with p = PC bit, m = LR bit) = register list.
//
// Rn = '1111' selects the literal form of every load (the manual's "if Rn == '1111' then SEE
// LDR (literal)"). The literal encodings overlap the immediate and register forms in ways the
// table's pairwise specificity rule cannot order, so the immediate and register handlers take
// the literal path themselves when Rn is PC. The *_lit_minus patterns are the subtracting
// (U = 0) literal encodings; the table enters only the part of each that no other row covers
// (imm12<11> = 0 and imm12<10:6> non-zero), see literal_hole_rows() in thumb32_table.cpp.
#pragma once

#include <cstdint>

#include "cores/arm/thumb32_common.h"

namespace anvil::arm {

namespace thumb32 {
// A5.3.7 Load word
using LDR_imm_T3 = Encoding<"111110001101 nnnn tttt iiiiiiiiiiii">;
using LDR_imm_T4 = Encoding<"111110000101 nnnn tttt 1 p u w iiiiiiii">;
using POP_T3 = Encoding<"111110000101 1101 tttt 1011 00000100">;
using LDRT_T1 = Encoding<"111110000101 nnnn tttt 1110 iiiiiiii">;
using LDR_reg_T2 = Encoding<"111110000101 nnnn tttt 000000 ss mmmm">;
using LDR_lit_minus_T2 = Encoding<"111110000101 1111 tttt iiiiiiiiiiii">;
// A5.3.8 Load byte, memory hints
using LDRB_imm_T2 = Encoding<"111110001001 nnnn tttt iiiiiiiiiiii">;
using LDRB_imm_T3 = Encoding<"111110000001 nnnn tttt 1 p u w iiiiiiii">;
using LDRBT_T1 = Encoding<"111110000001 nnnn tttt 1110 iiiiiiii">;
using LDRB_reg_T2 = Encoding<"111110000001 nnnn tttt 000000 ss mmmm">;
using LDRB_lit_minus_T1 = Encoding<"111110000001 1111 tttt iiiiiiiiiiii">;
using LDRSB_imm_T1 = Encoding<"111110011001 nnnn tttt iiiiiiiiiiii">;
using LDRSB_imm_T2 = Encoding<"111110010001 nnnn tttt 1 p u w iiiiiiii">;
using LDRSBT_T1 = Encoding<"111110010001 nnnn tttt 1110 iiiiiiii">;
using LDRSB_reg_T2 = Encoding<"111110010001 nnnn tttt 000000 ss mmmm">;
using LDRSB_lit_minus_T1 = Encoding<"111110010001 1111 tttt iiiiiiiiiiii">;
using PLD_imm_T1 = Encoding<"111110001001 nnnn 1111 iiiiiiiiiiii">;
using PLD_imm_T2 = Encoding<"111110000001 nnnn 1111 1100 iiiiiiii">;
using PLD_reg_T1 = Encoding<"111110000001 nnnn 1111 000000 ss mmmm">;
using PLI_imm_T1 = Encoding<"111110011001 nnnn 1111 iiiiiiiiiiii">;
using PLI_imm_T2 = Encoding<"111110010001 nnnn 1111 1100 iiiiiiii">;
using PLI_reg_T1 = Encoding<"111110010001 nnnn 1111 000000 ss mmmm">;
// A5.3.9 Load halfword (Rt = '1111' is an unallocated memory hint: see the handlers)
using LDRH_imm_T2 = Encoding<"111110001011 nnnn tttt iiiiiiiiiiii">;
using LDRH_imm_T3 = Encoding<"111110000011 nnnn tttt 1 p u w iiiiiiii">;
using LDRHT_T1 = Encoding<"111110000011 nnnn tttt 1110 iiiiiiii">;
using LDRH_reg_T2 = Encoding<"111110000011 nnnn tttt 000000 ss mmmm">;
using LDRH_lit_minus_T1 = Encoding<"111110000011 1111 tttt iiiiiiiiiiii">;
using LDRSH_imm_T1 = Encoding<"111110011011 nnnn tttt iiiiiiiiiiii">;
using LDRSH_imm_T2 = Encoding<"111110010011 nnnn tttt 1 p u w iiiiiiii">;
using LDRSHT_T1 = Encoding<"111110010011 nnnn tttt 1110 iiiiiiii">;
using LDRSH_reg_T2 = Encoding<"111110010011 nnnn tttt 000000 ss mmmm">;
using LDRSH_lit_minus_T1 = Encoding<"111110010011 1111 tttt iiiiiiiiiiii">;
// A5.3.10 Store single
using STRB_imm_T2 = Encoding<"111110001000 nnnn tttt iiiiiiiiiiii">;
using STRB_imm_T3 = Encoding<"111110000000 nnnn tttt 1 p u w iiiiiiii">;
using STRBT_T1 = Encoding<"111110000000 nnnn tttt 1110 iiiiiiii">;
using STRB_reg_T2 = Encoding<"111110000000 nnnn tttt 000000 ss mmmm">;
using STRH_imm_T2 = Encoding<"111110001010 nnnn tttt iiiiiiiiiiii">;
using STRH_imm_T3 = Encoding<"111110000010 nnnn tttt 1 p u w iiiiiiii">;
using STRHT_T1 = Encoding<"111110000010 nnnn tttt 1110 iiiiiiii">;
using STRH_reg_T2 = Encoding<"111110000010 nnnn tttt 000000 ss mmmm">;
using STR_imm_T3 = Encoding<"111110001100 nnnn tttt iiiiiiiiiiii">;
using STR_imm_T4 = Encoding<"111110000100 nnnn tttt 1 p u w iiiiiiii">;
using PUSH_T3 = Encoding<"111110000100 1101 tttt 1101 00000100">;
using STRT_T1 = Encoding<"111110000100 nnnn tttt 1110 iiiiiiii">;
using STR_reg_T2 = Encoding<"111110000100 nnnn tttt 000000 ss mmmm">;

// A5.3.5 Load/store multiple
using STM_T2 = Encoding<"1110100 010 w 0 nnnn 0 m 0 rrrrrrrrrrrrr">;
using LDM_T2 = Encoding<"1110100 010 w 1 nnnn p m 0 rrrrrrrrrrrrr">;
using POP_T2 = Encoding<"1110100 010 1 1 1101 p m 0 rrrrrrrrrrrrr">;
using STMDB_T1 = Encoding<"1110100 100 w 0 nnnn 0 m 0 rrrrrrrrrrrrr">;
using PUSH_T2 = Encoding<"1110100 100 1 0 1101 0 m 0 rrrrrrrrrrrrr">;
using LDMDB_T1 = Encoding<"1110100 100 w 1 nnnn p m 0 rrrrrrrrrrrrr">;

// A5.3.6 Load/store dual or exclusive, table branch. LDRD/STRD with P = W = 0 is not
// LDRD/STRD, so the post-indexed form (P = 0, W = 1) is a row of its own.
using STREX_T1 = Encoding<"111010000100 nnnn tttt dddd iiiiiiii">;
using LDREX_T1 = Encoding<"111010000101 nnnn tttt 1111 iiiiiiii">;
using STRD_imm_T1 = Encoding<"1110100 1 u 1 w 0 nnnn tttt ssss iiiiiiii">;
using STRD_imm_T1_post = Encoding<"1110100 0 u 1 1 0 nnnn tttt ssss iiiiiiii">;
using LDRD_imm_T1 = Encoding<"1110100 1 u 1 w 1 nnnn tttt ssss iiiiiiii">;
using LDRD_imm_T1_post = Encoding<"1110100 0 u 1 1 1 nnnn tttt ssss iiiiiiii">;
using STREXB_T1 = Encoding<"111010001100 nnnn tttt 1111 0100 dddd">;
using STREXH_T1 = Encoding<"111010001100 nnnn tttt 1111 0101 dddd">;
using TBB_T1 = Encoding<"111010001101 nnnn 1111 0000 0000 mmmm">;
using TBH_T1 = Encoding<"111010001101 nnnn 1111 0000 0001 mmmm">;
using LDREXB_T1 = Encoding<"111010001101 nnnn tttt 1111 0100 1111">;
using LDREXH_T1 = Encoding<"111010001101 nnnn tttt 1111 0101 1111">;

// The register list of LDM/STM/PUSH/POP (A5.3.5): P (bit 15, loads only), M (bit 14) and
// bits 12..0, from an encoding's p, m and r fields.
template <class E>
std::uint32_t store_list(std::uint32_t insn) {
  return (E::template field<'m'>(insn) << 14) | E::template field<'r'>(insn);
}
template <class E>
std::uint32_t load_list(std::uint32_t insn) {
  return (E::template field<'p'>(insn) << 15) | store_list<E>(insn);
}
}  // namespace thumb32

// Single loads (thumb32_load_store.cpp)
void thumb32_LDR_imm_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDR_imm_T4(ArmCpu& cpu, std::uint32_t insn);
void thumb32_POP_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDR_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRB_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRB_imm_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRBT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRB_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRSB_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRSB_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRSBT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRSB_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_PLD_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_PLD_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_PLD_reg_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_PLI_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_PLI_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_PLI_reg_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRH_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRH_imm_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRHT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRH_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRSH_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRSH_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRSHT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRSH_reg_T2(ArmCpu& cpu, std::uint32_t insn);
// The literal loads (any encoding with Rn = PC)
void thumb32_LDR_lit_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRB_lit_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRSB_lit_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRH_lit_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRSH_lit_T1(ArmCpu& cpu, std::uint32_t insn);
// Single stores (thumb32_load_store.cpp)
void thumb32_STRB_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STRB_imm_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STRBT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STRB_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STRH_imm_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STRH_imm_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STRHT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STRH_reg_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STR_imm_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STR_imm_T4(ArmCpu& cpu, std::uint32_t insn);
void thumb32_PUSH_T3(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STRT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STR_reg_T2(ArmCpu& cpu, std::uint32_t insn);
// Multiple, dual, exclusive, table branch (thumb32_load_store_multiple.cpp)
void thumb32_STM_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDM_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_POP_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STMDB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_PUSH_T2(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDMDB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STREX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDREX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STRD_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STRD_imm_T1_post(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRD_imm_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDRD_imm_T1_post(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STREXB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_STREXH_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_TBB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_TBH_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDREXB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_LDREXH_T1(ArmCpu& cpu, std::uint32_t insn);

}  // namespace anvil::arm
