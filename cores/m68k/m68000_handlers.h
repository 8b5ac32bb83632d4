// The instruction handlers, grouped as PRM chapter 4 groups them, and the opcode fields they
// share. Each handler runs one instruction to its end: its bus cycles, its final prefetch.
#pragma once

#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

// Opcode fields common to most 68000 encodings (PRM 2.2, 3.1).
inline unsigned ea_mode(std::uint16_t op) {
  return (op >> 3) & 7;
}
inline unsigned ea_reg(std::uint16_t op) {
  return op & 7;
}
inline unsigned reg9(std::uint16_t op) {
  return (op >> 9) & 7;
}
// The two-bit size field at bits 7-6: 00 byte, 01 word, 10 long.
inline Size size_at6(std::uint16_t op) {
  const unsigned s = (op >> 6) & 3;
  return s == 0 ? Size::Byte : s == 1 ? Size::Word : Size::Long;
}
inline bool is_register_ea(std::uint16_t op) {
  return ea_mode(op) < 2;
}

// Integer arithmetic (m68000_arith_ops.cpp).
void op_add_sub_to_register(M68000Core&, std::uint16_t);  // ADD/SUB/AND/OR <ea>,Dn
void op_add_sub_to_memory(M68000Core&, std::uint16_t);    // ADD/SUB/AND/OR/EOR Dn,<ea>
void op_cmp(M68000Core&, std::uint16_t);
void op_eor_register(M68000Core&, std::uint16_t);  // EOR Dn,Dn
void op_adda_suba(M68000Core&, std::uint16_t);
void op_cmpa(M68000Core&, std::uint16_t);
void op_immediate(M68000Core&, std::uint16_t);  // ORI ANDI SUBI ADDI EORI CMPI
void op_addq_subq(M68000Core&, std::uint16_t);
void op_addx_subx(M68000Core&, std::uint16_t);
void op_cmpm(M68000Core&, std::uint16_t);
void op_unary(M68000Core&, std::uint16_t);  // NEGX CLR NEG NOT
void op_tst(M68000Core&, std::uint16_t);
void op_ext(M68000Core&, std::uint16_t);
void op_swap(M68000Core&, std::uint16_t);
void op_mul(M68000Core&, std::uint16_t);  // m68000_muldiv_ops.cpp
void op_divu(M68000Core&, std::uint16_t);
void op_divs(M68000Core&, std::uint16_t);
void op_abcd_sbcd(M68000Core&, std::uint16_t);  // m68000_bcd_ops.cpp
void op_nbcd(M68000Core&, std::uint16_t);

// Shifts, rotates, bits (m68000_shift_bit_ops.cpp).
void op_shift_register(M68000Core&, std::uint16_t);
void op_shift_memory(M68000Core&, std::uint16_t);
void op_bit_dynamic(M68000Core&, std::uint16_t);
void op_bit_static(M68000Core&, std::uint16_t);

// Data movement (m68000_move_ops.cpp).
void op_move(M68000Core&, std::uint16_t);
void op_movea(M68000Core&, std::uint16_t);
void op_moveq(M68000Core&, std::uint16_t);
void op_lea(M68000Core&, std::uint16_t);
void op_pea(M68000Core&, std::uint16_t);
void op_exg(M68000Core&, std::uint16_t);
void op_link(M68000Core&, std::uint16_t);
void op_unlk(M68000Core&, std::uint16_t);
void op_movem_to_memory(M68000Core&, std::uint16_t);  // m68000_movem_ops.cpp
void op_movem_to_registers(M68000Core&, std::uint16_t);
void op_movep(M68000Core&, std::uint16_t);

// Program and system control (m68000_control_ops.cpp, m68000_system_ops.cpp).
void op_bcc(M68000Core&, std::uint16_t);
void op_bsr(M68000Core&, std::uint16_t);
void op_dbcc(M68000Core&, std::uint16_t);
void op_scc(M68000Core&, std::uint16_t);
void op_jmp(M68000Core&, std::uint16_t);
void op_jsr(M68000Core&, std::uint16_t);
void op_rts(M68000Core&, std::uint16_t);
void op_rtr(M68000Core&, std::uint16_t);
void op_rte(M68000Core&, std::uint16_t);
void op_trap(M68000Core&, std::uint16_t);
void op_trapv(M68000Core&, std::uint16_t);
void op_chk(M68000Core&, std::uint16_t);
void op_nop(M68000Core&, std::uint16_t);
void op_stop(M68000Core&, std::uint16_t);
void op_reset(M68000Core&, std::uint16_t);
void op_tas(M68000Core&, std::uint16_t);
void op_illegal(M68000Core&, std::uint16_t);
void op_line_a(M68000Core&, std::uint16_t);
void op_line_f(M68000Core&, std::uint16_t);
void op_move_from_sr(M68000Core&, std::uint16_t);
void op_move_to_ccr(M68000Core&, std::uint16_t);
void op_move_to_sr(M68000Core&, std::uint16_t);
void op_move_usp(M68000Core&, std::uint16_t);
void op_immediate_to_sr(M68000Core&, std::uint16_t);  // ORI/ANDI/EORI to CCR and SR

}  // namespace anvil::m68k
