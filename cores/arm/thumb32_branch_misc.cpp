// 32-bit branches and miscellaneous control (ARMv7-M ARM A5.3.4) and the coprocessor space
// (A5.3.18), which ARMv7-M without an FPU answers with a NOCP UsageFault.
#include "cores/arm/thumb32_control.h"

namespace anvil::arm {

using namespace thumb32;

// B<c>.W <label> — A7.7 T3: SignExtend(S:J2:J1:imm6:imm11:'0'). Carries its own
// condition (not allowed in an IT block). Conditions 111x are other instructions in this
// space (A5.3.4); those not decoded by a more specific row are UNDEFINED.
void thumb32_B_T3(ArmCpu& cpu, std::uint32_t insn) {
  using E = B_T3;
  const unsigned cond = E::field<'c'>(insn);
  if (reject_if(cpu, (cond >> 1) == 7)) return;
  if (!cpu.condition_passed(cond)) return;
  cpu.branch_write_pc(cpu.reg(15) + static_cast<std::uint32_t>(conditional_branch_offset(insn)));
}

// B<c>.W <label> — A7.7 T4
void thumb32_B_T4(ArmCpu& cpu, std::uint32_t insn) {
  cpu.branch_write_pc(cpu.reg(15) + static_cast<std::uint32_t>(long_branch_offset<B_T4>(insn)));
}

// BL<c> <label> — A7.7: LR = address of the next instruction, with bit 0 set (Thumb).
void thumb32_BL_T1(ArmCpu& cpu, std::uint32_t insn) {
  const std::uint32_t next = cpu.reg(15);  // this instruction + 4
  cpu.set_reg(14, next | 1u);
  cpu.branch_write_pc(next + static_cast<std::uint32_t>(long_branch_offset<BL_T1>(insn)));
}

// MSR<c> <spec_reg>, <Rn> — A7.7, B5.2.3. M3 TRM Table 18-1: 2 cycles.
void thumb32_MSR_reg_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = MSR_reg_T1;
  cpu.write_special(E::field<'x'>(insn), E::field<'m'>(insn), cpu.reg(E::field<'n'>(insn)));
  cpu.add_cycles(1);
}

// MRS<c> <Rd>, <spec_reg> — A7.7, B5.2.2. M3 TRM Table 18-1: 2 cycles.
void thumb32_MRS_T1(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = MRS_T1::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  cpu.set_reg(d, cpu.read_special(MRS_T1::field<'x'>(insn)));
  cpu.add_cycles(1);
}

// NOP.W, YIELD.W (no other thread to yield to), DBG #<option> (no debug system to hint) and
// the unallocated hints of this space, which execute as NOP — A7.7.
void thumb32_NOP_T2(ArmCpu&, std::uint32_t) {}
void thumb32_YIELD_T2(ArmCpu&, std::uint32_t) {}
void thumb32_DBG_T1(ArmCpu&, std::uint32_t) {}
void thumb32_hint_T2(ArmCpu&, std::uint32_t) {}
// WFE.W, WFI.W, SEV.W — A7.7
void thumb32_WFE_T2(ArmCpu& cpu, std::uint32_t) {
  cpu.wait_for_event();
}
void thumb32_WFI_T2(ArmCpu& cpu, std::uint32_t) {
  cpu.wait_for_interrupt();
}
void thumb32_SEV_T2(ArmCpu& cpu, std::uint32_t) {
  cpu.send_event();
}

// CLREX<c> — A7.7
void thumb32_CLREX_T1(ArmCpu& cpu, std::uint32_t) {
  cpu.clear_exclusive();
}

// DSB, DMB, ISB #<option> — A7.7. The interpreter completes every
// access before the next instruction and the decoded-code cache follows stores, so the
// barriers have nothing to wait for.
void thumb32_DSB_T1(ArmCpu&, std::uint32_t) {}
void thumb32_DMB_T1(ArmCpu&, std::uint32_t) {}
void thumb32_ISB_T1(ArmCpu&, std::uint32_t) {}

// UDF.W #<imm16> — A7.7: permanently UNDEFINED.
void thumb32_UDF_T2(ArmCpu& cpu, std::uint32_t) {
  cpu.undefined();
}

// CDP, MCR, MRC, MCRR, MRRC, LDC, STC — A5.3.18: no coprocessor is present (the Cortex-M4
// modelled here has no FPU), so every one raises UsageFault NOCP (B3.2.15).
void thumb32_coprocessor(ArmCpu& cpu, std::uint32_t) {
  cpu.usage_fault(kNoCoprocessor);
}

}  // namespace anvil::arm
