// Arithmetic, logic, shift and bit-field instructions. MIPS32 ISA (MD00086) entries of the
// same names; MIPS I forms in the R30xx manual ch. 2. ADD/ADDI/SUB trap on signed overflow
// and then leave the destination unchanged.
#include <bit>

#include "cores/mips/mips_ops.h"

namespace anvil::mips::ops {

namespace {
constexpr bool add_overflows(std::uint32_t a, std::uint32_t b) {
  return (~(a ^ b) & (a ^ (a + b))) >> 31;
}
constexpr bool sub_overflows(std::uint32_t a, std::uint32_t b) {
  return ((a ^ b) & (a ^ (a - b))) >> 31;
}
constexpr std::int32_t as_signed(std::uint32_t v) {
  return static_cast<std::int32_t>(v);
}
}  // namespace

// ADD rd, rs, rt
void ADD(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t a = cpu.gpr(rs(insn)), b = cpu.gpr(rt(insn));
  if (add_overflows(a, b)) return cpu.overflow();
  cpu.set_gpr(rd(insn), a + b);
}
void ADDU(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), cpu.gpr(rs(insn)) + cpu.gpr(rt(insn)));
}
void SUB(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t a = cpu.gpr(rs(insn)), b = cpu.gpr(rt(insn));
  if (sub_overflows(a, b)) return cpu.overflow();
  cpu.set_gpr(rd(insn), a - b);
}
void SUBU(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), cpu.gpr(rs(insn)) - cpu.gpr(rt(insn)));
}
void AND(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), cpu.gpr(rs(insn)) & cpu.gpr(rt(insn)));
}
void OR(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), cpu.gpr(rs(insn)) | cpu.gpr(rt(insn)));
}
void XOR(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), cpu.gpr(rs(insn)) ^ cpu.gpr(rt(insn)));
}
void NOR(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), ~(cpu.gpr(rs(insn)) | cpu.gpr(rt(insn))));
}
void SLT(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), as_signed(cpu.gpr(rs(insn))) < as_signed(cpu.gpr(rt(insn))));
}
void SLTU(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), cpu.gpr(rs(insn)) < cpu.gpr(rt(insn)));
}

// ADDI rt, rs, immediate (sign-extended)
void ADDI(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t a = cpu.gpr(rs(insn)), b = imm_signed(insn);
  if (add_overflows(a, b)) return cpu.overflow();
  cpu.set_gpr(rt(insn), a + b);
}
void ADDIU(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rt(insn), cpu.gpr(rs(insn)) + imm_signed(insn));
}
void SLTI(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rt(insn), as_signed(cpu.gpr(rs(insn))) < as_signed(imm_signed(insn)));
}
// SLTIU compares unsigned with the sign-extended immediate.
void SLTIU(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rt(insn), cpu.gpr(rs(insn)) < imm_signed(insn));
}
// ANDI, ORI, XORI zero-extend the immediate.
void ANDI(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rt(insn), cpu.gpr(rs(insn)) & imm_unsigned(insn));
}
void ORI(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rt(insn), cpu.gpr(rs(insn)) | imm_unsigned(insn));
}
void XORI(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rt(insn), cpu.gpr(rs(insn)) ^ imm_unsigned(insn));
}
void LUI(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rt(insn), imm_unsigned(insn) << 16);
}

// Shifts: SLL rd, rt, sa (SLL $0,$0,0 is NOP; sa 1 and 3 are SSNOP and EHB, also no-ops here).
void SLL(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), cpu.gpr(rt(insn)) << sa(insn));
}
void SRL(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), cpu.gpr(rt(insn)) >> sa(insn));
}
void SRA(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), static_cast<std::uint32_t>(as_signed(cpu.gpr(rt(insn))) >> sa(insn)));
}
// The variable shifts use the low five bits of rs.
void SLLV(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), cpu.gpr(rt(insn)) << (cpu.gpr(rs(insn)) & 31));
}
void SRLV(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), cpu.gpr(rt(insn)) >> (cpu.gpr(rs(insn)) & 31));
}
void SRAV(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn),
              static_cast<std::uint32_t>(as_signed(cpu.gpr(rt(insn))) >> (cpu.gpr(rs(insn)) & 31)));
}
void ROTR(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), std::rotr(cpu.gpr(rt(insn)), static_cast<int>(sa(insn))));
}
void ROTRV(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), std::rotr(cpu.gpr(rt(insn)), static_cast<int>(cpu.gpr(rs(insn)) & 31)));
}

// MOVZ/MOVN rd, rs, rt: conditional moves (MIPS IV, in MIPS32).
void MOVZ(MipsCore& cpu, std::uint32_t insn) {
  if (cpu.gpr(rt(insn)) == 0) cpu.set_gpr(rd(insn), cpu.gpr(rs(insn)));
}
void MOVN(MipsCore& cpu, std::uint32_t insn) {
  if (cpu.gpr(rt(insn)) != 0) cpu.set_gpr(rd(insn), cpu.gpr(rs(insn)));
}

// CLZ/CLO rd, rs: count leading zeros/ones (32 for all zeros/ones).
void CLZ(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), static_cast<std::uint32_t>(std::countl_zero(cpu.gpr(rs(insn)))));
}
void CLO(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), static_cast<std::uint32_t>(std::countl_one(cpu.gpr(rs(insn)))));
}

// SEB/SEH rd, rt: sign-extend byte/halfword. WSBH: swap the bytes of each halfword.
void SEB(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), static_cast<std::uint32_t>(static_cast<std::int32_t>(
                            static_cast<std::int8_t>(cpu.gpr(rt(insn))))));
}
void SEH(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), imm_signed(cpu.gpr(rt(insn))));
}
void WSBH(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t v = cpu.gpr(rt(insn));
  cpu.set_gpr(rd(insn), ((v & 0x00FF00FFu) << 8) | ((v >> 8) & 0x00FF00FFu));
}

// EXT rt, rs, pos, size: msbd (bits 15:11) = size - 1, lsb (bits 10:6) = pos. Fields with
// pos + size > 32 are UNPREDICTABLE; we take the bits that exist.
void EXT(MipsCore& cpu, std::uint32_t insn) {
  const unsigned lsb = sa(insn), size = rd(insn) + 1;
  const std::uint64_t mask = (std::uint64_t{1} << size) - 1;
  cpu.set_gpr(rt(insn), static_cast<std::uint32_t>((cpu.gpr(rs(insn)) >> lsb) & mask));
}
// INS rt, rs, pos, size: msb (bits 15:11) = pos + size - 1, lsb = pos.
void INS(MipsCore& cpu, std::uint32_t insn) {
  const unsigned lsb = sa(insn), msb = rd(insn);
  if (msb < lsb) return;  // UNPREDICTABLE: leave rt unchanged
  const std::uint32_t field =
      static_cast<std::uint32_t>(((std::uint64_t{1} << (msb - lsb + 1)) - 1) << lsb);
  const std::uint32_t v = (cpu.gpr(rt(insn)) & ~field) | ((cpu.gpr(rs(insn)) << lsb) & field);
  cpu.set_gpr(rt(insn), v);
}

}  // namespace anvil::mips::ops
