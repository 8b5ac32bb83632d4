// System-control instructions: CP0 moves, exception return, TLB maintenance, WAIT, DI/EI,
// RDHWR, SDBBP, and Coprocessor Unusable for coprocessors the core does not have. All CP0
// instructions need kernel mode or Status.CU0 (MIPS32 PRA 6.2.12).
#include "cores/mips/mips_ops.h"

namespace anvil::mips::ops {

// MFC0 rt, rd, sel. On MIPS I the result arrives with the load delay, like a load (R30xx
// manual 2.4: "MFC0 ... the result is not available to the following instruction").
void MFC0(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.coprocessor_usable(0)) return;
  cpu.load_gpr(rt(insn), cpu.read_cp0(rd(insn), insn & 7));
}
void MTC0(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.coprocessor_usable(0)) return;
  cpu.write_cp0(rd(insn), insn & 7, cpu.gpr(rt(insn)));
}
void ERET(MipsCore& cpu, std::uint32_t) {
  if (cpu.coprocessor_usable(0)) cpu.exception_return();
}
void RFE(MipsCore& cpu, std::uint32_t) {
  if (cpu.coprocessor_usable(0)) cpu.restore_from_exception();
}
void TLBR(MipsCore& cpu, std::uint32_t) {
  if (cpu.coprocessor_usable(0)) cpu.tlb_read();
}
void TLBWI(MipsCore& cpu, std::uint32_t) {
  if (cpu.coprocessor_usable(0)) cpu.tlb_write(false);
}
void TLBWR(MipsCore& cpu, std::uint32_t) {
  if (cpu.coprocessor_usable(0)) cpu.tlb_write(true);
}
void TLBP(MipsCore& cpu, std::uint32_t) {
  if (cpu.coprocessor_usable(0)) cpu.tlb_probe();
}
void WAIT(MipsCore& cpu, std::uint32_t) {
  if (cpu.coprocessor_usable(0)) cpu.wait_for_interrupt();
}

// DI/EI rt: Status to rt, then clear/set Status.IE (MIPS32 Release 2).
void DI(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.coprocessor_usable(0)) return;
  const std::uint32_t s = cpu.read_cp0(12, 0);
  cpu.set_gpr(rt(insn), s);
  cpu.write_cp0(12, 0, s & ~status::kIE);
}
void EI(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.coprocessor_usable(0)) return;
  const std::uint32_t s = cpu.read_cp0(12, 0);
  cpu.set_gpr(rt(insn), s);
  cpu.write_cp0(12, 0, s | status::kIE);
}

// RDHWR rt, rd: Reserved Instruction where the register is not enabled.
void RDHWR(MipsCore& cpu, std::uint32_t insn) {
  std::uint32_t v = 0;
  if (!cpu.read_hardware_register(rd(insn), v)) return cpu.reserved_instruction();
  cpu.set_gpr(rt(insn), v);
}

// SDBBP: an EJTAG software breakpoint. HACK: there is no EJTAG probe, so it is reported as
// a Breakpoint exception (GDB's stub sees it through the exception hook).
void SDBBP(MipsCore& cpu, std::uint32_t) {
  cpu.breakpoint(0);
}

// COPz, LWCz, SWCz, LDCz, SDCz, COP1X and MOVCI for a coprocessor that is not there:
// Coprocessor Unusable with CE naming it (opcode bits 27:26; COP1X and MOVCI belong to CP1).
void coprocessor_missing(MipsCore& cpu, std::uint32_t insn) {
  const unsigned opcode = insn >> 26;
  const bool mips32 = cpu.variant().isa == IsaLevel::Mips32Release2;
  const unsigned unit = opcode == 0 || (mips32 && opcode == 0x13) ? 1 : (opcode & 3);
  if (unit == 0) return cpu.reserved_instruction();
  cpu.coprocessor_unusable(unit);
}

}  // namespace anvil::mips::ops
