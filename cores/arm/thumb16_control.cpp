// 16-bit Thumb branches, exception-generating and miscellaneous instructions (ARMv7-M ARM
// A5.2.3, A5.2.5, A5.2.6 and the A7.7 entries named on each handler).
#include "cores/arm/thumb16_handlers.h"

namespace anvil::arm::thumb16 {

// BX <Rm> — A7.7.20 T1: 010001110 Rm 000
void BX(ArmCpu& cpu, std::uint32_t insn) {
  cpu.bx_write_pc(cpu.reg((insn >> 3) & 0xF));
}

// BLX <Rm> — A7.7.19 T1: 010001111 Rm 000; LR = address of the next instruction, bit 0 set
void BLX_reg(ArmCpu& cpu, std::uint32_t insn) {
  const std::uint32_t target = cpu.reg((insn >> 3) & 0xF);
  cpu.set_reg(14, (cpu.current_pc() + 2) | 1);
  cpu.blx_write_pc(target);
}

// CB{N}Z <Rn>,<label> — A7.7.21 T1: 1011 op 0 i 1 imm5 Rn, offset i:imm5:'0' forward only
void CBZ_CBNZ(ArmCpu& cpu, std::uint32_t insn) {
  const bool nonzero = (insn >> 11) & 1;
  const std::uint32_t offset = (((insn >> 9) & 1) << 6) | (((insn >> 3) & 0x1F) << 1);
  if (nonzero != (cpu.reg(insn & 7) == 0)) cpu.branch_write_pc(cpu.reg(15) + offset);
}

// B<c> <label> — A7.7.12 T1: 1101 cond imm8, offset SignExtend(imm8:'0')
void B_cond(ArmCpu& cpu, std::uint32_t insn) {
  if (!cpu.condition_passed((insn >> 8) & 0xF)) return;
  const auto offset = static_cast<std::uint32_t>(encoding::sign_extend((insn & 0xFF) << 1, 9));
  cpu.branch_write_pc(cpu.reg(15) + offset);
}

// B <label> — A7.7.12 T2: 11100 imm11, offset SignExtend(imm11:'0')
void B(ArmCpu& cpu, std::uint32_t insn) {
  const auto offset = static_cast<std::uint32_t>(encoding::sign_extend((insn & 0x7FF) << 1, 12));
  cpu.branch_write_pc(cpu.reg(15) + offset);
}

// SVC #<imm8> — A7.7.175 T1
void SVC(ArmCpu& cpu, std::uint32_t) {
  cpu.supervisor_call();
}

// UDF #<imm8> — A7.7.194 T1: permanently undefined
void UDF(ArmCpu& cpu, std::uint32_t) {
  cpu.undefined();
}

// BKPT #<imm8> — A7.7.17 T1
void BKPT(ArmCpu& cpu, std::uint32_t insn) {
  cpu.breakpoint(insn & 0xFF);
}

// IT{x{y{z}}} <firstcond> — A7.7.38 T1: ITSTATE = firstcond:mask
void IT(ArmCpu& cpu, std::uint32_t insn) {
  cpu.start_it_block(static_cast<std::uint8_t>(insn & 0xFF));
}

// NOP — A7.7.88 T1 (also the unallocated hints of A5.2.5, which execute as NOP)
void NOP(ArmCpu&, std::uint32_t) {}
// YIELD — A7.7.263 T1: a hint with no effect on a single-threaded core
void YIELD(ArmCpu&, std::uint32_t) {}
// WFE — A7.7.261 T1
void WFE(ArmCpu& cpu, std::uint32_t) {
  cpu.wait_for_event();
}
// WFI — A7.7.262 T1
void WFI(ArmCpu& cpu, std::uint32_t) {
  cpu.wait_for_interrupt();
}
// SEV — A7.7.129 T1
void SEV(ArmCpu& cpu, std::uint32_t) {
  cpu.send_event();
}

// CPS<effect> <iflags> — B5.2.1 T1: 10110110011 im 0 0 I F
void CPS(ArmCpu& cpu, std::uint32_t insn) {
  cpu.change_processor_state((insn >> 4) & 1, (insn >> 1) & 1, insn & 1);
}

}  // namespace anvil::arm::thumb16
