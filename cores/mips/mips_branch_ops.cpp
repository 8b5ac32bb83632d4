// Branches, jumps, traps, SYSCALL and BREAK. MIPS32 ISA entries of the same names. Every
// branch has a delay slot (MipsCore::branch); the target is relative to the delay slot's
// address ("the address of the instruction following the branch"), and the link register
// gets the address after the delay slot.
#include "cores/mips/mips_ops.h"

namespace anvil::mips::ops {

namespace {
std::int32_t signed_rs(const MipsCore& cpu, std::uint32_t insn) {
  return static_cast<std::int32_t>(cpu.gpr(rs(insn)));
}
std::int32_t signed_rt(const MipsCore& cpu, std::uint32_t insn) {
  return static_cast<std::int32_t>(cpu.gpr(rt(insn)));
}
std::uint32_t branch_target(const MipsCore& cpu, std::uint32_t insn) {
  return cpu.delay_slot_pc() + (imm_signed(insn) << 2);
}
void link(MipsCore& cpu, unsigned reg) {
  cpu.set_gpr(reg, cpu.delay_slot_pc() + 4);
  cpu.note_call(cpu.delay_slot_pc() + 4);
}
void conditional(MipsCore& cpu, std::uint32_t insn, bool taken) {
  cpu.conditional_branch(branch_target(cpu, insn), taken);
}
void likely(MipsCore& cpu, std::uint32_t insn, bool taken) {
  cpu.branch_likely(branch_target(cpu, insn), taken);
}
// The register forms carry a code in bits 15:6 that Linux reads; the immediate forms none.
void trap_if(MipsCore& cpu, bool condition, std::uint32_t insn = 0) {
  if (condition) cpu.trap((insn >> 6) & 0x3FF);
}
}  // namespace

// J target: the delay slot's 256 MiB region with the 26-bit index shifted left by two.
void J(MipsCore& cpu, std::uint32_t insn) {
  cpu.branch((cpu.delay_slot_pc() & 0xF0000000u) | ((insn & 0x03FFFFFFu) << 2), true);
}
void JAL(MipsCore& cpu, std::uint32_t insn) {
  J(cpu, insn);
  link(cpu, 31);
}
// JR rs (and JR.HB: the hazard barrier has nothing to clear in an interpreter).
void JR(MipsCore& cpu, std::uint32_t insn) {
  cpu.register_jump(rs(insn), cpu.gpr(rs(insn)));
}
// JALR rd, rs: the target is read before rd is written.
void JALR(MipsCore& cpu, std::uint32_t insn) {
  cpu.register_jump(rs(insn) == 31 ? 0 : rs(insn), cpu.gpr(rs(insn)));
  link(cpu, rd(insn));
}

void BEQ(MipsCore& cpu, std::uint32_t insn) {
  conditional(cpu, insn, cpu.gpr(rs(insn)) == cpu.gpr(rt(insn)));
}
void BNE(MipsCore& cpu, std::uint32_t insn) {
  conditional(cpu, insn, cpu.gpr(rs(insn)) != cpu.gpr(rt(insn)));
}
void BLEZ(MipsCore& cpu, std::uint32_t insn) {
  conditional(cpu, insn, signed_rs(cpu, insn) <= 0);
}
void BGTZ(MipsCore& cpu, std::uint32_t insn) {
  conditional(cpu, insn, signed_rs(cpu, insn) > 0);
}
void BLTZ(MipsCore& cpu, std::uint32_t insn) {
  conditional(cpu, insn, signed_rs(cpu, insn) < 0);
}
void BGEZ(MipsCore& cpu, std::uint32_t insn) {
  conditional(cpu, insn, signed_rs(cpu, insn) >= 0);
}
// The *AL forms link whether or not the branch is taken; the condition is read first.
void BLTZAL(MipsCore& cpu, std::uint32_t insn) {
  BLTZ(cpu, insn);
  link(cpu, 31);
}
void BGEZAL(MipsCore& cpu, std::uint32_t insn) {
  BGEZ(cpu, insn);
  link(cpu, 31);
}

// MIPS I REGIMM (R30xx manual, BLTZ/BGEZ/BLTZAL/BGEZAL): rt bit 0 selects "greater or
// equal"; rt = 1000x links.
void BcondZ_mips1(MipsCore& cpu, std::uint32_t insn) {
  const unsigned kind = rt(insn);
  const bool at_least_zero = kind & 1;
  conditional(cpu, insn, at_least_zero ? signed_rs(cpu, insn) >= 0 : signed_rs(cpu, insn) < 0);
  if ((kind & 0x1E) == 0x10) link(cpu, 31);
}

// Branch likely: a branch not taken skips (annuls) its delay slot.
void BEQL(MipsCore& cpu, std::uint32_t insn) {
  likely(cpu, insn, cpu.gpr(rs(insn)) == cpu.gpr(rt(insn)));
}
void BNEL(MipsCore& cpu, std::uint32_t insn) {
  likely(cpu, insn, cpu.gpr(rs(insn)) != cpu.gpr(rt(insn)));
}
void BLEZL(MipsCore& cpu, std::uint32_t insn) {
  likely(cpu, insn, signed_rs(cpu, insn) <= 0);
}
void BGTZL(MipsCore& cpu, std::uint32_t insn) {
  likely(cpu, insn, signed_rs(cpu, insn) > 0);
}
void BLTZL(MipsCore& cpu, std::uint32_t insn) {
  likely(cpu, insn, signed_rs(cpu, insn) < 0);
}
void BGEZL(MipsCore& cpu, std::uint32_t insn) {
  likely(cpu, insn, signed_rs(cpu, insn) >= 0);
}
void BLTZALL(MipsCore& cpu, std::uint32_t insn) {
  BLTZL(cpu, insn);
  link(cpu, 31);
}
void BGEZALL(MipsCore& cpu, std::uint32_t insn) {
  BGEZL(cpu, insn);
  link(cpu, 31);
}

// Traps (MIPS II): register and immediate compares.
void TGE(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, signed_rs(cpu, insn) >= signed_rt(cpu, insn), insn);
}
void TGEU(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, cpu.gpr(rs(insn)) >= cpu.gpr(rt(insn)), insn);
}
void TLT(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, signed_rs(cpu, insn) < signed_rt(cpu, insn), insn);
}
void TLTU(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, cpu.gpr(rs(insn)) < cpu.gpr(rt(insn)), insn);
}
void TEQ(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, cpu.gpr(rs(insn)) == cpu.gpr(rt(insn)), insn);
}
void TNE(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, cpu.gpr(rs(insn)) != cpu.gpr(rt(insn)), insn);
}
void TGEI(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, signed_rs(cpu, insn) >= static_cast<std::int32_t>(imm_signed(insn)));
}
void TGEIU(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, cpu.gpr(rs(insn)) >= imm_signed(insn));
}
void TLTI(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, signed_rs(cpu, insn) < static_cast<std::int32_t>(imm_signed(insn)));
}
void TLTIU(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, cpu.gpr(rs(insn)) < imm_signed(insn));
}
void TEQI(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, cpu.gpr(rs(insn)) == imm_signed(insn));
}
void TNEI(MipsCore& cpu, std::uint32_t insn) {
  trap_if(cpu, cpu.gpr(rs(insn)) != imm_signed(insn));
}

// SYSCALL and BREAK carry a 20-bit code in bits 25:6 (BREAK's upper 10 bits are the code
// Linux reads: 6 overflow, 7 divide by zero).
void SYSCALL(MipsCore& cpu, std::uint32_t insn) {
  cpu.system_call((insn >> 6) & 0xFFFFF);
}
void BREAK(MipsCore& cpu, std::uint32_t insn) {
  cpu.breakpoint((insn >> 16) & 0x3FF);
}

}  // namespace anvil::mips::ops
