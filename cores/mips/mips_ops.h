// The instruction handlers, named after the manual's mnemonics. Each takes the core and the
// instruction word; the encoding table (mips_table.cpp) says which word goes where.
#pragma once

#include <cstdint>

#include "cores/mips/mips_core.h"

namespace anvil::mips::ops {

// Instruction fields (MIPS32 ISA 2.2 "Instruction formats").
constexpr unsigned rs(std::uint32_t insn) {
  return (insn >> 21) & 31;
}
constexpr unsigned rt(std::uint32_t insn) {
  return (insn >> 16) & 31;
}
constexpr unsigned rd(std::uint32_t insn) {
  return (insn >> 11) & 31;
}
constexpr unsigned sa(std::uint32_t insn) {
  return (insn >> 6) & 31;
}
// FPU register fields (MIPS32 ISA 3.7, "FPU instruction formats").
constexpr unsigned ft(std::uint32_t insn) {
  return (insn >> 16) & 31;
}
constexpr unsigned fs(std::uint32_t insn) {
  return (insn >> 11) & 31;
}
constexpr unsigned fd(std::uint32_t insn) {
  return (insn >> 6) & 31;
}
constexpr std::uint32_t imm_signed(std::uint32_t insn) {
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(static_cast<std::int16_t>(insn)));
}
constexpr std::uint32_t imm_unsigned(std::uint32_t insn) {
  return insn & 0xFFFF;
}

using Handler = void(MipsCore&, std::uint32_t);

// Arithmetic, logic, shifts (mips_alu_ops.cpp)
Handler ADD, ADDU, SUB, SUBU, AND, OR, XOR, NOR, SLT, SLTU;
Handler ADDI, ADDIU, SLTI, SLTIU, ANDI, ORI, XORI, LUI;
Handler SLL, SRL, SRA, SLLV, SRLV, SRAV, ROTR, ROTRV;
Handler MOVZ, MOVN, CLZ, CLO, SEB, SEH, WSBH, EXT, INS;
// Multiply and divide (mips_muldiv_ops.cpp)
Handler MULT, MULTU, DIV, DIVU, MFHI, MFLO, MTHI, MTLO, MUL, MADD, MADDU, MSUB, MSUBU;
// Branches, jumps, traps (mips_branch_ops.cpp)
Handler J, JAL, JR, JALR, BEQ, BNE, BLEZ, BGTZ, BEQL, BNEL, BLEZL, BGTZL;
Handler BLTZ, BGEZ, BLTZL, BGEZL, BLTZAL, BGEZAL, BLTZALL, BGEZALL, BcondZ_mips1;
Handler TGE, TGEU, TLT, TLTU, TEQ, TNE, TGEI, TGEIU, TLTI, TLTIU, TEQI, TNEI;
Handler SYSCALL, BREAK;
// Loads and stores (mips_load_store_ops.cpp)
Handler LB, LBU, LH, LHU, LW, LWL, LWR, SB, SH, SW, SWL, SWR, LL, SC;
Handler SYNC, PREF, CACHE, NOP;
// System control (mips_system_ops.cpp)
Handler MFC0, MTC0, ERET, RFE, TLBR, TLBWI, TLBWR, TLBP, WAIT, DI, EI, RDHWR, SDBBP;
Handler coprocessor_missing;  // COPz/LWCz/SWCz without that coprocessor: CpU
// Floating point (mips_fpu_ops.cpp)
Handler MFC1, MTC1, MFHC1, MTHC1, CFC1, CTC1, BC1, LWC1, SWC1, LDC1, SDC1, LWXC1, SWXC1, LDXC1,
    SDXC1, MOVCI, fpu_arithmetic_s, fpu_arithmetic_d, fpu_convert_w, fpu_convert_l,
    fpu_multiply_add;

}  // namespace anvil::mips::ops
