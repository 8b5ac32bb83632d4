// A32 (A8.8.102/A8.8.106), the multiplies (A5.2.5) and CLZ (A8.8.33).
#include "cores/arm/a32_handlers.h"

namespace anvil::arm {

using namespace a32;

// MOVW<c> <Rd>, #<imm16> — A8.8.102 A2: cccc 0011 0000 iiii dddd iiii iiii iiii
void a32_MOVW(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = field(insn, 12);
  if (d == 15) return cpu.undefined();  // UNPREDICTABLE
  cpu.set_reg(d, (field(insn, 16) << 12) | (insn & 0xFFF));
}

// MOVT<c> <Rd>, #<imm16> — A8.8.106 A1: cccc 0011 0100 iiii dddd iiii iiii iiii
void a32_MOVT(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = field(insn, 12);
  if (d == 15) return cpu.undefined();
  cpu.set_reg(d, (cpu.reg(d) & 0xFFFF) | (field(insn, 16) << 28) | ((insn & 0xFFF) << 16));
}

// Multiply and multiply accumulate (A5.2.5): cccc 0000 oooS hhhh llll mmmm 1001 nnnn, with
// Rd/RdHi in 19:16, Ra/RdLo in 15:12, Rm in 11:8, Rn in 3:0. Flags N and Z only (C is
// unchanged from ARMv6; UNKNOWN before, and left unchanged here too).
void a32_multiply(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned op = field(insn, 21, 3);
  const bool setflags = bit(insn, 20);
  const unsigned hi = field(insn, 16), lo = field(insn, 12);
  const std::uint32_t n = cpu.reg(field(insn, 0)), m = cpu.reg(field(insn, 8));
  const ArmATiming& timing = a_profile(cpu).timing();
  if (hi == 15 || (op >= 4 && lo == 15)) return cpu.undefined();  // UNPREDICTABLE
  if (op < 4) {
    std::uint32_t result = n * m;
    if (op == 1) result += cpu.reg(lo);         // MLA
    if (op == 3) result = cpu.reg(lo) - n * m;  // MLS (A8.8.101)
    if (op == 2) {                              // UMAAL (A8.8.255): RdHi:RdLo = Rn*Rm + RdHi + RdLo
      const std::uint64_t r = std::uint64_t{n} * m + cpu.reg(hi) + cpu.reg(lo);
      cpu.set_reg(lo, static_cast<std::uint32_t>(r));
      cpu.set_reg(hi, static_cast<std::uint32_t>(r >> 32));
      cpu.add_cycles(timing.long_multiply);
      return;
    }
    cpu.set_reg(hi, result);
    cpu.add_cycles(timing.multiply);
    if (setflags) set_nz(cpu, result);
    return;
  }
  std::uint64_t result = 0;
  if (op & 2)
    result = static_cast<std::uint64_t>(std::int64_t{static_cast<std::int32_t>(n)} *
                                        static_cast<std::int32_t>(m));
  else
    result = std::uint64_t{n} * m;
  if (op & 1) result += (std::uint64_t{cpu.reg(hi)} << 32) | cpu.reg(lo);  // accumulate
  cpu.set_reg(lo, static_cast<std::uint32_t>(result));
  cpu.set_reg(hi, static_cast<std::uint32_t>(result >> 32));
  cpu.add_cycles(timing.long_multiply);
  if (setflags) {
    cpu.flags.n = (result >> 63) != 0;
    cpu.flags.z = result == 0;
  }
}

// CLZ<c> <Rd>, <Rm> — A8.8.33 A1: cccc 0001 0110 1111 dddd 1111 0001 mmmm
void a32_CLZ(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = field(insn, 12);
  if (d == 15) return cpu.undefined();
  cpu.set_reg(d, static_cast<std::uint32_t>(std::countl_zero(cpu.reg(field(insn, 0)))));
}

}  // namespace anvil::arm
