// Handlers for the instructions the 68010, 68020, 68030 and 68040 add to the 68000's
// (PRM chapter 4 and 6, "68010+", "68020+", "MC68040" entries). Same conventions as
// m68000_handlers.h: extension words in instruction order, the final prefetch last.
#pragma once

#include "cores/m68k/m68000_handlers.h"

namespace anvil::m68k {

// Arithmetic (m68020_arith_ops.cpp).
void op_mul_long(M68000Core&, std::uint16_t);  // MULU.L / MULS.L
void op_div_long(M68000Core&, std::uint16_t);  // DIVU.L / DIVS.L / DIVUL.L / DIVSL.L
void op_extb(M68000Core&, std::uint16_t);      // EXTB.L
void op_chk_long(M68000Core&, std::uint16_t);  // CHK.L
void op_chk2_cmp2(M68000Core&, std::uint16_t);
void op_pack(M68000Core&, std::uint16_t);
void op_unpk(M68000Core&, std::uint16_t);
void op_cas(M68000Core&, std::uint16_t);
void op_cas2(M68000Core&, std::uint16_t);

// Bit fields (m68020_bitfield_ops.cpp): BFTST BFEXTU BFCHG BFEXTS BFCLR BFFFO BFSET BFINS.
void op_bitfield(M68000Core&, std::uint16_t);

// Program and system control (m68020_control_ops.cpp).
void op_bcc_long(M68000Core&, std::uint16_t);  // Bcc.L / BRA.L (8-bit displacement $FF)
void op_bsr_long(M68000Core&, std::uint16_t);
void op_trapcc(M68000Core&, std::uint16_t);
void op_rtd(M68000Core&, std::uint16_t);
void op_link_long(M68000Core&, std::uint16_t);
void op_movec(M68000Core&, std::uint16_t);
void op_moves(M68000Core&, std::uint16_t);
void op_move_from_ccr(M68000Core&, std::uint16_t);
void op_bkpt(M68000Core&, std::uint16_t);
void op_move16(M68000Core&, std::uint16_t);
void op_cache_mmu_040(M68000Core&, std::uint16_t);  // CINV, CPUSH, PFLUSH, PTEST: no-ops

}  // namespace anvil::m68k
