// The 32-bit Thumb encodings that exist in the A profile but not in ARMv7-M, so the shared
// Thumb-2 table (thumb32_table.cpp) has no row for them: LDREXD/STREXD, the system
// instructions (SUBS PC, LR; MRS/MSR of the SPSR and of the CPSR control fields; CPS.W;
// SRS/RFE). The A-profile decoder consults this table before the shared one, whose
// conditional-branch row (B T3) would otherwise claim the system encodings.
// ARMv7-A ARM A6.3 and the A8/B9 entries named on each handler. Each one does what its A32
// twin does, by building the A32 word and calling the A32 handler (a32_*.cpp).
#include <array>

#include "cores/arm/a32_handlers.h"
#include "cores/arm/thumb16_handlers.h"

namespace anvil::arm {

using namespace a32;

namespace {

constexpr std::uint32_t kAlways = 0xE0000000;

// LDREXD<c> <Rt>, <Rt2>, [<Rn>] — A8.8.77 T1: 1110 1000 1101 nnnn tttt TTTT 0111 1111.
// Unlike A32, Rt2 is any register.
void t32_LDREXD(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = field(insn, 16), t = field(insn, 12), t2 = field(insn, 8);
  if (n == 15 || t >= 13 || t2 >= 13 || t == t2) return cpu.undefined();
  const std::uint32_t address = cpu.reg(n);
  std::uint32_t low = 0, high = 0;
  if (!cpu.read32(address, low, Align::Required) || !cpu.read32(address + 4, high, Align::Required))
    return;
  cpu.set_exclusive(address);
  cpu.set_reg(t, low);
  cpu.set_reg(t2, high);
}

// STREXD<c> <Rd>, <Rt>, <Rt2>, [<Rn>] — A8.8.214 T1: 1110 1000 1100 nnnn tttt TTTT 0111 dddd
void t32_STREXD(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = field(insn, 16), t = field(insn, 12), t2 = field(insn, 8), d = field(insn, 0);
  if (n == 15 || t >= 13 || t2 >= 13 || d >= 13 || d == n || d == t || d == t2)
    return cpu.undefined();
  const std::uint32_t address = cpu.reg(n);
  if (!cpu.exclusive_passed(address)) return cpu.set_reg(d, 1);
  if (!cpu.write32(address, cpu.reg(t), Align::Required) ||
      !cpu.write32(address + 4, cpu.reg(t2), Align::Required))
    return;
  cpu.set_reg(d, 0);
}

// SUBS PC, LR, #<imm8> — B9.3.19 T1: 1111 0011 1101 1110 1000 1111 iiii iiii (ERET is imm8 0).
void t32_SUBS_pc_lr(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  if (!a.has_spsr()) return cpu.undefined();
  a.exception_return(cpu.reg(14) - (insn & 0xFF), a.spsr());
}

// MRS<c> <Rd>, CPSR|SPSR — B9.3.9 T1: 1111 0011 111R 1111 1000 dddd 0000 0000 (the CPSR form is
// also the shared MRS row).
void t32_MRS(ArmCpu& cpu, std::uint32_t insn) {
  a32_MRS(cpu, kAlways | 0x010F0000 | (field(insn, 20, 1) << 22) | (field(insn, 8) << 12));
}

// MSR<c> CPSR|SPSR_<fields>, <Rn> — B9.3.12 T1: 1111 0011 100R nnnn 1000 ffff 0000 0000
void t32_MSR(ArmCpu& cpu, std::uint32_t insn) {
  a32_MSR_reg(cpu, kAlways | 0x0120F000 | (field(insn, 20, 1) << 22) | (field(insn, 8) << 16) |
                       field(insn, 16));
}

// CPS<effect>.W <iflags>{, #<mode>} — B9.3.2 T2: 1111 0011 1010 1111 1000 0iiM AIFm mmmm
void t32_CPS(ArmCpu& cpu, std::uint32_t insn) {
  a32_CPS(cpu, 0xF1000000 | (field(insn, 9, 2) << 18) | (field(insn, 8, 1) << 17) |
                   (field(insn, 5, 3) << 6) | field(insn, 0, 5));
}

// SRSDB/SRSIA SP{!}, #<mode> — B9.3.16 T1/T2: 1110 100o o0W0 1101 1100 0000 000m mmmm, with
// oo = 00 (DB) or 11 (IA).
void t32_SRS(ArmCpu& cpu, std::uint32_t insn) {
  if (field(insn, 23, 2) == 1 || field(insn, 23, 2) == 2) return cpu.undefined();
  const bool increment = field(insn, 23, 2) == 3;
  a32_SRS(cpu, 0xF84D0500 | (increment ? 0x00800000u : 0x01000000u) | (field(insn, 21, 1) << 21) |
                   (insn & 0x1F));
}

// RFEDB/RFEIA <Rn>{!} — B9.3.13 T1/T2: 1110 100o o0W1 nnnn 1100 0000 0000 0000
void t32_RFE(ArmCpu& cpu, std::uint32_t insn) {
  if (field(insn, 23, 2) == 1 || field(insn, 23, 2) == 2) return cpu.undefined();
  const bool increment = field(insn, 23, 2) == 3;
  a32_RFE(cpu, 0xF8100A00 | (increment ? 0x00800000u : 0x01000000u) | (field(insn, 21, 1) << 21) |
                   (field(insn, 16) << 16));
}

// BLX <label> — A8.8.25 T2: 11110 S imm10H 11 J1 0 J2 imm10L 0: to ARM state at
// Align(PC, 4) + imm32. ARMv5T's two-halfword BLX is this encoding with J1 = J2 = 1.
void t32_BLX_imm(ArmCpu& cpu, std::uint32_t insn) {
  if ((insn & 1) || a_profile(cpu).variant().architecture < 5) return cpu.undefined();
  const std::uint32_t s = field(insn, 26, 1);
  const std::uint32_t i1 = 1 ^ (field(insn, 13, 1) ^ s), i2 = 1 ^ (field(insn, 11, 1) ^ s);
  const std::uint32_t imm =
      (s << 24) | (i1 << 23) | (i2 << 22) | (field(insn, 16, 10) << 12) | (field(insn, 1, 10) << 2);
  const std::uint32_t target =
      cpu.align_pc() + static_cast<std::uint32_t>(encoding::sign_extend(imm, 25));
  cpu.set_reg(14, (cpu.current_pc() + 4) | 1);
  cpu.blx_write_pc(target & ~1u);
}

constexpr std::array kRows{
    encoding::row("BLX (immediate)", "A8.8.25 T2", "11110 S iiiiiiiiii 11 J 0 K iiiiiiiiii H",
                  &t32_BLX_imm),
    encoding::row("LDREXD", "A8.8.77 T1", "1110 1000 1101 nnnn tttt TTTT 0111 1111", &t32_LDREXD),
    encoding::row("STREXD", "A8.8.214 T1", "1110 1000 1100 nnnn tttt TTTT 0111 dddd", &t32_STREXD),
    encoding::row("SUBS PC, LR", "B9.3.19 T1", "1111 0011 1101 1110 1000 1111 iiii iiii",
                  &t32_SUBS_pc_lr),
    encoding::row("MRS", "B9.3.9 T1", "1111 0011 111R 1111 1000 dddd 0000 0000", &t32_MRS),
    encoding::row("MSR", "B9.3.12 T1", "1111 0011 100R nnnn 1000 ffff 0000 0000", &t32_MSR),
    // imod = 1x, or a mode change alone; imod = 00 with M = 0 is the hint space (NOP, WFI...).
    encoding::row("CPS", "B9.3.2 T2", "1111 0011 1010 1111 1000 01iM AIFm mmmm", &t32_CPS),
    encoding::row("CPS", "B9.3.2 T2", "1111 0011 1010 1111 1000 0001 AIFm mmmm", &t32_CPS),
    encoding::row("SRS", "B9.3.16 T1/T2", "1110 100o o0W0 1101 1100 0000 000m mmmm", &t32_SRS),
    encoding::row("RFE", "B9.3.13 T1/T2", "1110 100o o0W1 nnnn 1100 0000 0000 0000", &t32_RFE),
};

}  // namespace

std::span<const ThumbRow> t32_a_profile_rows() {
  return kRows;
}

// The 16-bit Thumb instructions added after ARMv4T (ARMv7-A ARM A6.2 and each A8.8 entry's
// encoding line): BLX and BKPT in ARMv5T, the extends, REV and CPS in ARMv6, CBZ/CBNZ, IT and
// the hints in ARMv6T2.
Feature thumb16_feature(ThumbHandler handler) {
  namespace t = thumb16;
  for (ThumbHandler h : {&t::BLX_reg, &t::BKPT})
    if (handler == h) return Feature::V5;
  for (ThumbHandler h :
       {&t::SXTH, &t::SXTB, &t::UXTH, &t::UXTB, &t::REV, &t::REV16, &t::REVSH, &t::CPS})
    if (handler == h) return Feature::V6;
  for (ThumbHandler h : {&t::CBZ_CBNZ, &t::IT, &t::NOP, &t::YIELD, &t::WFE, &t::WFI, &t::SEV})
    if (handler == h) return Feature::V6T2;
  return Feature::V4T;
}

}  // namespace anvil::arm
