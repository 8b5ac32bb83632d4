// A32 branches (A5.5), status register access and miscellaneous instructions (A5.2.12,
// A5.2.11 hints), the unconditional space (A5.7: CPS, SETEND, SRS, RFE, barriers, BLX
// immediate) and coprocessor register transfers to CP15 (A5.6).
#include "cores/arm/a32_handlers.h"

namespace anvil::arm {

using namespace a32;

namespace {
// CPSR.IT (bits 26:25, 15:10), J (24) and T (5).
constexpr std::uint32_t kExecutionStateBits = 0x0700FC20;

std::uint32_t branch_target(const ArmCpu& cpu, std::uint32_t insn) {
  return cpu.reg(15) + static_cast<std::uint32_t>(encoding::sign_extend(insn & 0xFFFFFF, 24) * 4);
}
}  // namespace

// B<c> <label> — A8.8.18 A1: cccc 1010 iiii...
void a32_B(ArmCpu& cpu, std::uint32_t insn) {
  cpu.branch_write_pc(branch_target(cpu, insn));
}

// BL<c> <label> — A8.8.25 A1: cccc 1011 iiii...
void a32_BL(ArmCpu& cpu, std::uint32_t insn) {
  cpu.set_reg(14, cpu.current_pc() + 4);
  cpu.branch_write_pc(branch_target(cpu, insn));
}

// BLX <label> — A8.8.25 A2: 1111 101H iiii...: to Thumb state, H is the halfword bit.
void a32_BLX_imm(ArmCpu& cpu, std::uint32_t insn) {
  cpu.set_reg(14, cpu.current_pc() + 4);
  cpu.blx_write_pc((branch_target(cpu, insn) + (field(insn, 24, 1) << 1)) | 1);
}

// BX<c> <Rm> — A8.8.27 A1: cccc 0001 0010 1111 1111 1111 0001 mmmm (BXJ: 0010, Jazelle is
// not implemented, so BXJ behaves as BX, as ARMv7-A allows with a trivial Jazelle).
void a32_BX(ArmCpu& cpu, std::uint32_t insn) {
  cpu.bx_write_pc(cpu.reg(field(insn, 0)));
}

// BLX<c> <Rm> — A8.8.26 A1: cccc 0001 0010 1111 1111 1111 0011 mmmm
void a32_BLX_reg(ArmCpu& cpu, std::uint32_t insn) {
  const std::uint32_t target = cpu.reg(field(insn, 0));
  cpu.set_reg(14, cpu.current_pc() + 4);
  cpu.blx_write_pc(target);
}

// MRS<c> <Rd>, CPSR|SPSR — A8.8.109 / B9.3.9 A1: cccc 0001 0R00 1111 dddd 0000 0000 0000.
// The execution state bits (IT, J, T) read as zero; in User mode the rest of the CPSR
// (E, A, I, F, M) is UNKNOWN in the manual, and the current value on real cores and qemu.
void a32_MRS(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  const unsigned d = field(insn, 12);
  if (d == 15) return cpu.undefined();
  if (bit(insn, 22)) {
    if (!a.has_spsr()) return cpu.undefined();  // UNPREDICTABLE in User and System mode
    return cpu.set_reg(d, a.spsr());
  }
  cpu.set_reg(d, a.cpsr() & ~kExecutionStateBits);
}

// MSR<c> CPSR|SPSR_<fields>, <Rn> — A8.8.112 / B9.3.12 A1: cccc 0001 0R10 ffff 1111 0000 0000 nnnn
void a32_MSR_reg(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  const std::uint32_t value = cpu.reg(field(insn, 0));
  if (bit(insn, 22))
    a.write_spsr(value, field(insn, 16));
  else
    a.write_cpsr_by_instruction(value, field(insn, 16));
}

// MSR<c> CPSR|SPSR_<fields>, #<imm> — A8.8.111 A1: cccc 0011 0R10 ffff 1111 rrrr iiii iiii
void a32_MSR_imm(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  const std::uint32_t value = expand_imm_c(insn & 0xFFF, false).value;
  if (bit(insn, 22))
    a.write_spsr(value, field(insn, 16));
  else
    a.write_cpsr_by_instruction(value, field(insn, 16));
}

// NOP/YIELD/WFE/WFI/SEV/DBG — A8.8.119 etc. A1: cccc 0011 0010 0000 1111 0000 oooo oooo
void a32_hint(ArmCpu& cpu, std::uint32_t insn) {
  switch (insn & 0xFF) {
    case 2:
      return cpu.wait_for_event();
    case 3:
      return cpu.wait_for_interrupt();
    case 4:
      return cpu.send_event();
    default:
      return;  // NOP, YIELD, DBG and unallocated hints
  }
}

// SVC<c> #<imm24> — A8.8.228 A1: cccc 1111 iiii...
void a32_SVC(ArmCpu& cpu, std::uint32_t insn) {
  a_profile(cpu).supervisor_call_with(insn & 0xFFFFFF);
}

// BKPT #<imm16> — A8.8.24 A1: 1110 0001 0010 iiii iiii iiii 0111 iiii
void a32_BKPT(ArmCpu& cpu, std::uint32_t insn) {
  cpu.breakpoint((field(insn, 8, 12) << 4) | field(insn, 0));
}

// UDF #<imm16> — A8.8.247 A1: 1110 0111 1111 iiii iiii iiii 1111 iiii; also every encoding
// the table routes here on purpose.
void a32_UDF(ArmCpu& cpu, std::uint32_t) {
  cpu.undefined();
}

// CPS<effect> <iflags>{, #<mode>} — B9.3.2 A1: 1111 0001 0000 imM0 0000 0000 AIF0 mmmm
void a32_CPS(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned imod = field(insn, 18, 2);
  a_profile(cpu).change_state(imod == 2, imod == 3, bit(insn, 8), bit(insn, 7), bit(insn, 6),
                              bit(insn, 17), field(insn, 0, 5));
}

// SETEND BE|LE — A8.8.? A1: 1111 0001 0000 0001 0000 00E0 0000 0000. Big-endian data is not
// modelled: SETEND LE is a NOP, SETEND BE is UNDEFINED here rather than silently wrong.
void a32_SETEND(ArmCpu& cpu, std::uint32_t insn) {
  if (bit(insn, 9)) cpu.undefined();
}

// DMB/DSB/ISB (A8.8.43/46/54), PLD/PLI (A8.8.126-128): no caches, one core, in-order: no effect.
void a32_barrier(ArmCpu&, std::uint32_t) {}

// CLREX — A8.8.32 A1: 1111 0101 0111 1111 1111 0000 0001 1111
void a32_CLREX(ArmCpu& cpu, std::uint32_t) {
  cpu.clear_exclusive();
}

// SRS{DA,DB,IA,IB} SP{!}, #<mode> — B9.3.16 A1: 1111 100P U1W0 1101 0000 0101 000m mmmm:
// stores LR and SPSR of the current mode to the stack of `mode`.
void a32_SRS(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  if (!a.has_spsr()) return cpu.undefined();
  const auto mode = static_cast<Mode>(field(insn, 0, 5));
  const std::uint32_t base = a.banked_sp(mode);
  const bool up = bit(insn, 23), before = bit(insn, 24);
  const std::uint32_t lowest = up ? base + (before ? 4 : 0) : base - 8 + (before ? 0 : 4);
  if (!cpu.write32(lowest, cpu.reg(14), Align::Required) ||
      !cpu.write32(lowest + 4, a.spsr(), Align::Required))
    return;
  if (bit(insn, 21)) a.set_banked_sp(mode, up ? base + 8 : base - 8);
}

// RFE{DA,DB,IA,IB} <Rn>{!} — B9.3.13 A1: 1111 100P U0W1 nnnn 0000 1010 0000 0000: loads PC and
// CPSR from memory.
void a32_RFE(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  const unsigned n = field(insn, 16);
  if (!cpu.privileged() || n == 15) return cpu.undefined();
  const std::uint32_t base = cpu.reg(n);
  const bool up = bit(insn, 23), before = bit(insn, 24);
  const std::uint32_t lowest = up ? base + (before ? 4 : 0) : base - 8 + (before ? 0 : 4);
  std::uint32_t pc = 0, status = 0;
  if (!cpu.read32(lowest, pc, Align::Required) || !cpu.read32(lowest + 4, status, Align::Required))
    return;
  if (bit(insn, 21)) cpu.set_reg(n, up ? base + 8 : base - 8);
  a.exception_return(pc, status);
}

// MRC<c> p<cp>, #<opc1>, <Rt>, <CRn>, <CRm>{, #<opc2>} — A8.8.108 A1:
// cccc 1110 ooo1 nnnn tttt cccc ppp1 mmmm. Rt = 15 writes the flags (APSR_nzcv).
void a32_MRC(ArmCpu& cpu, std::uint32_t insn) {
  std::uint32_t value = 0;
  if (!a_profile(cpu).read_coprocessor(field(insn, 8), field(insn, 21, 3), field(insn, 16),
                                       field(insn, 0), field(insn, 5, 3), value))
    return cpu.undefined();
  const unsigned t = field(insn, 12);
  if (t != 15) return cpu.set_reg(t, value);
  cpu.flags.n = (value >> 31) & 1;
  cpu.flags.z = (value >> 30) & 1;
  cpu.flags.c = (value >> 29) & 1;
  cpu.flags.v = (value >> 28) & 1;
}

// MCR<c> p<cp>, #<opc1>, <Rt>, <CRn>, <CRm>{, #<opc2>} — A8.8.98 A1:
// cccc 1110 ooo0 nnnn tttt cccc ppp1 mmmm
void a32_MCR(ArmCpu& cpu, std::uint32_t insn) {
  if (!a_profile(cpu).write_coprocessor(field(insn, 8), field(insn, 21, 3), field(insn, 16),
                                        field(insn, 0), field(insn, 5, 3),
                                        cpu.reg(field(insn, 12))))
    cpu.undefined();
}

// MRRC/MCRR — A8.8.109/A8.8.99: no 64-bit CP15 registers without LPAE: UNDEFINED.
void a32_MRRC(ArmCpu& cpu, std::uint32_t) {
  cpu.undefined();
}
void a32_MCRR(ArmCpu& cpu, std::uint32_t) {
  cpu.undefined();
}

}  // namespace anvil::arm
