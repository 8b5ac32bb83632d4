// CP1 moves, loads and stores, branches on condition codes, MOVF/MOVT, the FCSR and its
// exceptions, and the CP1 encoding table. MIPS32 ISA entries of the same names. Arithmetic
// and conversions are in mips_fpu_arith.cpp.
#include <array>

#include "cores/mips/mips_ops.h"

namespace anvil::mips {

// CP1 instructions need Status.CU1 (Coprocessor Unusable 1 otherwise). The FPU follows
// Status.FR from here, so a write to Status is seen by the next FPU instruction.
bool MipsCore::fpu_usable() {
  if (!fpu_present_) {
    reserved_instruction();
    return false;
  }
  if (!coprocessor_usable(1)) return false;
  fpu_.fr = (cp0_.status & status::kFR) != 0;
  return true;
}

// FCSR after an operation (MIPS32 ISA, "FCSR"): Cause is replaced; an enabled cause, or
// Unimplemented Operation which cannot be disabled, raises the Floating Point exception and
// the result is not written; otherwise the causes accumulate in Flags.
bool MipsCore::fpu_exceptions(std::uint32_t cause) {
  std::uint32_t& c = fpu_.fcsr;
  c = (c & ~(0x3Fu << fcsr::kCauseShift)) | (cause << fcsr::kCauseShift);
  if (fpu_.trap_pending()) {
    raise(ExcCode::FloatingPoint);
    return false;
  }
  c |= (cause & 0x1F) << fcsr::kFlagsShift;
  return true;
}

namespace ops {

namespace {
unsigned condition_code(std::uint32_t insn) {
  return (insn >> 18) & 7;
}
std::uint32_t base_offset(const MipsCore& cpu, std::uint32_t insn) {
  return cpu.gpr(rs(insn)) + imm_signed(insn);
}
std::uint32_t base_index(const MipsCore& cpu, std::uint32_t insn) {
  return cpu.gpr(rs(insn)) + cpu.gpr(rt(insn));
}
}  // namespace

void MFC1(MipsCore& cpu, std::uint32_t insn) {
  if (cpu.fpu_usable()) cpu.set_gpr(rt(insn), cpu.fpu().single(fs(insn)));
}
void MTC1(MipsCore& cpu, std::uint32_t insn) {
  if (cpu.fpu_usable()) cpu.fpu().set_single(fs(insn), cpu.gpr(rt(insn)));
}
void MFHC1(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  if (!cpu.fpu().double_register_ok(fs(insn))) return cpu.reserved_instruction();
  cpu.set_gpr(rt(insn), cpu.fpu().high(fs(insn)));
}
void MTHC1(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  if (!cpu.fpu().double_register_ok(fs(insn))) return cpu.reserved_instruction();
  cpu.fpu().set_high(fs(insn), cpu.gpr(rt(insn)));
}

// CFC1/CTC1: FIR (0), FCCR (25), FEXR (26), FENR (28) and FCSR (31).
void CFC1(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  const std::uint32_t c = cpu.fpu().fcsr;
  std::uint32_t v = 0;
  switch (fs(insn)) {
    case 0:
      v = cpu.variant().fir;
      break;
    case 25:
      v = ((c >> 24) & 0xFE) | ((c >> 23) & 1);
      break;
    case 26:
      v = c & 0x0003F07C;
      break;
    case 28:
      v = (c & 0x00000F83) | ((c >> 22) & 4);
      break;
    case 31:
      v = c;
      break;
    default:
      return cpu.reserved_instruction();
  }
  cpu.set_gpr(rt(insn), v);
}
void CTC1(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  const std::uint32_t v = cpu.gpr(rt(insn));
  std::uint32_t& c = cpu.fpu().fcsr;
  switch (fs(insn)) {
    case 25:
      c = (c & ~0xFE800000u) | ((v & 0xFE) << 24) | ((v & 1) << 23);
      return;
    case 26:
      c = (c & ~0x0003F07Cu) | (v & 0x0003F07C);
      break;
    case 28:
      c = (c & ~0x01000F83u) | (v & 0x00000F83) | ((v & 4) << 22);
      break;
    case 31:
      c = v & fcsr::kWritable;
      break;
    default:
      return cpu.reserved_instruction();
  }
  // A cause bit written with its enable set traps at once (MIPS32 ISA, CTC1).
  if (cpu.fpu().trap_pending()) cpu.raise(ExcCode::FloatingPoint);
}

// BC1F/BC1T/BC1FL/BC1TL cc, offset: bit 16 is "true", bit 17 "likely".
void BC1(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  const bool want = (insn >> 16) & 1, likely = (insn >> 17) & 1;
  const bool taken = cpu.fpu().condition(condition_code(insn)) == want;
  const std::uint32_t target = cpu.delay_slot_pc() + (imm_signed(insn) << 2);
  if (likely)
    cpu.branch_likely(target, taken);
  else
    cpu.conditional_branch(target, taken);
}

// MOVF/MOVT rd, rs, cc (SPECIAL function 1).
void MOVCI(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  const bool want = (insn >> 16) & 1;
  if (cpu.fpu().condition(condition_code(insn)) == want) cpu.set_gpr(rd(insn), cpu.gpr(rs(insn)));
}

void LWC1(MipsCore& cpu, std::uint32_t insn) {
  std::uint32_t v = 0;
  if (cpu.fpu_usable() && cpu.read32(base_offset(cpu, insn), v)) cpu.fpu().set_single(ft(insn), v);
}
void SWC1(MipsCore& cpu, std::uint32_t insn) {
  if (cpu.fpu_usable()) cpu.write32(base_offset(cpu, insn), cpu.fpu().single(ft(insn)));
}
void LDC1(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  if (!cpu.fpu().double_register_ok(ft(insn))) return cpu.reserved_instruction();
  std::uint64_t v = 0;
  if (cpu.read64(base_offset(cpu, insn), v)) cpu.fpu().set_dbl(ft(insn), v);
}
void SDC1(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  if (!cpu.fpu().double_register_ok(ft(insn))) return cpu.reserved_instruction();
  cpu.write64(base_offset(cpu, insn), cpu.fpu().dbl(ft(insn)));
}
// Indexed forms (COP1X): fd in bits 10:6 for loads, fs in 15:11 for stores.
void LWXC1(MipsCore& cpu, std::uint32_t insn) {
  std::uint32_t v = 0;
  if (cpu.fpu_usable() && cpu.read32(base_index(cpu, insn), v)) cpu.fpu().set_single(fd(insn), v);
}
void SWXC1(MipsCore& cpu, std::uint32_t insn) {
  if (cpu.fpu_usable()) cpu.write32(base_index(cpu, insn), cpu.fpu().single(fs(insn)));
}
void LDXC1(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  if (!cpu.fpu().double_register_ok(fd(insn))) return cpu.reserved_instruction();
  std::uint64_t v = 0;
  if (cpu.read64(base_index(cpu, insn), v)) cpu.fpu().set_dbl(fd(insn), v);
}
void SDXC1(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  if (!cpu.fpu().double_register_ok(fs(insn))) return cpu.reserved_instruction();
  cpu.write64(base_index(cpu, insn), cpu.fpu().dbl(fs(insn)));
}

}  // namespace ops

namespace {
using encoding::row;

// CP1 (24Kf: S, D, W and L formats; no paired single, whose encodings take Unimplemented
// Operation in fpu_arithmetic_*). MIPS32 ISA Table A.11 ("COP1 encoding of rs field").
constexpr std::array kFpuRows{
    row("MFC1", "MIPS32 ISA MFC1", "010001 00000 ttttt sssss 00000000000", &ops::MFC1),
    row("CFC1", "MIPS32 ISA CFC1", "010001 00010 ttttt sssss 00000000000", &ops::CFC1),
    row("MFHC1", "MIPS32 ISA MFHC1", "010001 00011 ttttt sssss 00000000000", &ops::MFHC1),
    row("MTC1", "MIPS32 ISA MTC1", "010001 00100 ttttt sssss 00000000000", &ops::MTC1),
    row("CTC1", "MIPS32 ISA CTC1", "010001 00110 ttttt sssss 00000000000", &ops::CTC1),
    row("MTHC1", "MIPS32 ISA MTHC1", "010001 00111 ttttt sssss 00000000000", &ops::MTHC1),
    row("BC1", "MIPS32 ISA BC1F/BC1T/BC1FL/BC1TL", "010001 01000 cccnt iiiiiiiiiiiiiiii",
        &ops::BC1),
    row("fmt S", "MIPS32 ISA Table A.14", "010001 10000 -------------------- -",
        &ops::fpu_arithmetic_s),
    row("fmt D", "MIPS32 ISA Table A.14", "010001 10001 -------------------- -",
        &ops::fpu_arithmetic_d),
    row("fmt W", "MIPS32 ISA Table A.14", "010001 10100 -------------------- -",
        &ops::fpu_convert_w),
    row("fmt L", "MIPS32 ISA Table A.14", "010001 10101 -------------------- -",
        &ops::fpu_convert_l),
    row("fmt PS", "MIPS32 ISA Table A.14", "010001 10110 -------------------- -",
        &ops::fpu_arithmetic_s),
    row("LWC1", "MIPS32 ISA LWC1", "110001 sssss ttttt iiiiiiiiiiiiiiii", &ops::LWC1),
    row("SWC1", "MIPS32 ISA SWC1", "111001 sssss ttttt iiiiiiiiiiiiiiii", &ops::SWC1),
    row("LDC1", "MIPS32 ISA LDC1", "110101 sssss ttttt iiiiiiiiiiiiiiii", &ops::LDC1),
    row("SDC1", "MIPS32 ISA SDC1", "111101 sssss ttttt iiiiiiiiiiiiiiii", &ops::SDC1),
    row("LWXC1", "MIPS32 ISA LWXC1", "010011 sssss ttttt 00000 ddddd 000000", &ops::LWXC1),
    row("LDXC1", "MIPS32 ISA LDXC1", "010011 sssss ttttt 00000 ddddd 000001", &ops::LDXC1),
    row("SWXC1", "MIPS32 ISA SWXC1", "010011 sssss ttttt fffff 00000 001000", &ops::SWXC1),
    row("SDXC1", "MIPS32 ISA SDXC1", "010011 sssss ttttt fffff 00000 001001", &ops::SDXC1),
    row("PREFX", "MIPS32 ISA PREFX", "010011 sssss ttttt hhhhh 00000 001111", &ops::NOP),
    row("MADD/MSUB/NMADD/NMSUB", "MIPS32 ISA MADD.fmt", "010011 rrrrr ttttt sssss ddddd 1--00-",
        &ops::fpu_multiply_add),
    row("MOVF/MOVT", "MIPS32 ISA MOVF/MOVT", "000000 sssss ccc 0 t ddddd 00000 000001",
        &ops::MOVCI),
};
}  // namespace

std::span<const MipsRow> mips_fpu_rows() {
  return kFpuRows;
}

}  // namespace anvil::mips
