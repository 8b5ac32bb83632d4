// VFP loads, stores and register transfers (ARMv7-A ARM A7.6, A7.8, A7.9). Extension register
// loads and stores need word alignment (A3.2.1); a double register is two words, the low one
// at the lower address.
#include "cores/arm/vfp_handlers.h"

namespace anvil::arm {

using namespace vfp_detail;
using namespace a32;

namespace {

ArmA* enabled(ArmCpu& cpu) {
  ArmA& a = a_profile(cpu);
  if (a.vfp_enabled()) return &a;
  cpu.undefined();
  return nullptr;
}

// Transfers register `index` (a single, or a double as two words) at `address`.
bool transfer(ArmCpu& cpu, Vfp& v, bool load, bool dbl, unsigned index, std::uint32_t address) {
  if (!dbl) {
    std::uint32_t word = v.s(index);
    if (!load) return cpu.write32(address, word, Align::Required);
    if (!cpu.read32(address, word, Align::Required)) return false;
    v.set_s(index, word);
    return true;
  }
  std::uint32_t low = static_cast<std::uint32_t>(v.d[index]);
  std::uint32_t high = static_cast<std::uint32_t>(v.d[index] >> 32);
  if (!load)
    return cpu.write32(address, low, Align::Required) &&
           cpu.write32(address + 4, high, Align::Required);
  if (!cpu.read32(address, low, Align::Required) || !cpu.read32(address + 4, high, Align::Required))
    return false;
  v.d[index] = (std::uint64_t{high} << 32) | low;
  return true;
}

}  // namespace

// VLDR/VSTR <Sd|Dd>, [<Rn>{, #+/-<imm>}] — A8.8.333/A8.8.413:
// cccc 1101 UD0L nnnn dddd 101s iiii iiii (Rn = PC: Align(PC, 4), literal).
void vfp_load_store(ArmCpu& cpu, std::uint32_t insn) {
  ArmA* a = usable(cpu, insn, false);
  if (!a) return;
  const bool dbl = is_double(insn);
  const unsigned n = field(insn, 16);
  const std::uint32_t base = n == 15 ? cpu.align_pc() : cpu.reg(n);
  const std::uint32_t offset = (insn & 0xFF) * 4;
  const std::uint32_t address = bit(insn, 23) ? base + offset : base - offset;
  if (transfer(cpu, a->vfp, bit(insn, 20), dbl, reg_d(insn, dbl), address))
    cpu.add_cycles(bit(insn, 20) ? a->timing().load : a->timing().store);
}

// VLDM/VSTM{IA,DB} <Rn>{!}, <list> (VPUSH = VSTMDB SP!, VPOP = VLDMIA SP!) — A8.8.332,
// A8.8.412: cccc 110P UDWL nnnn dddd 101s iiii iiii. An odd imm8 with doubles is FLDMX/FSTMX
// (the same registers, one extra word of format data skipped).
void vfp_load_store_multiple(ArmCpu& cpu, std::uint32_t insn) {
  const bool before = bit(insn, 24), up = bit(insn, 23), writeback = bit(insn, 21);
  const unsigned n = field(insn, 16);
  if (before == up || (before && !writeback) || (n == 15 && writeback)) return cpu.undefined();
  ArmA* a = enabled(cpu);
  if (!a) return;
  const bool dbl = is_double(insn), load = bit(insn, 20);
  const unsigned imm8 = insn & 0xFF;
  const unsigned count = dbl ? imm8 / 2 : imm8;
  const unsigned first = reg_d(insn, dbl);
  const unsigned limit = dbl ? a->vfp.d_count : 32;
  if (count == 0 || first + count > limit || (dbl && count > 16)) return cpu.undefined();
  const std::uint32_t base = n == 15 ? cpu.align_pc() : cpu.reg(n);
  std::uint32_t address = up ? base : base - imm8 * 4;
  for (unsigned i = 0; i < count; ++i) {
    if (!transfer(cpu, a->vfp, load, dbl, first + i, address)) return;
    address += dbl ? 8 : 4;
  }
  if (writeback) cpu.set_reg(n, up ? base + imm8 * 4 : base - imm8 * 4);
  cpu.add_cycles(count * a->timing().per_register);
}

// VMOV <Sn>, <Rt> / VMOV <Rt>, <Sn> — A8.8.343: cccc 1110 000o nnnn tttt 1010 N001 0000
void vfp_move_single(ArmCpu& cpu, std::uint32_t insn) {
  ArmA* a = enabled(cpu);
  if (!a) return;
  const unsigned t = field(insn, 12), s = single_reg(field(insn, 16), field(insn, 7, 1));
  if (t == 15) return cpu.undefined();
  if (bit(insn, 20))
    cpu.set_reg(t, a->vfp.s(s));
  else
    a->vfp.set_s(s, cpu.reg(t));
}

// VMOV.32 <Dd[x]>, <Rt> / VMOV.32 <Rt>, <Dn[x]> — A8.8.341/A8.8.342 (the VFP word forms):
// cccc 1110 00xo vvvv tttt 1011 D001 0000
void vfp_move_scalar(ArmCpu& cpu, std::uint32_t insn) {
  ArmA* a = enabled(cpu);
  if (!a) return;
  const unsigned t = field(insn, 12), d = double_reg(field(insn, 16), field(insn, 7, 1));
  const unsigned index = field(insn, 21, 1);
  if (t == 15 || d >= a->vfp.d_count) return cpu.undefined();
  if (bit(insn, 20))
    cpu.set_reg(t, a->vfp.s(2 * d + index));
  else
    a->vfp.set_s(2 * d + index, cpu.reg(t));
}

// VMOV <Sm>, <Sm1>, <Rt>, <Rt2> and back — A8.8.345: cccc 1100 010o uuuu tttt 1010 00M1 mmmm
void vfp_move_two_singles(ArmCpu& cpu, std::uint32_t insn) {
  ArmA* a = enabled(cpu);
  if (!a) return;
  const unsigned t = field(insn, 12), t2 = field(insn, 16);
  const unsigned m = single_reg(field(insn, 0), field(insn, 5, 1));
  if (t == 15 || t2 == 15 || m == 31 || (bit(insn, 20) && t == t2)) return cpu.undefined();
  if (bit(insn, 20)) {
    cpu.set_reg(t, a->vfp.s(m));
    cpu.set_reg(t2, a->vfp.s(m + 1));
  } else {
    a->vfp.set_s(m, cpu.reg(t));
    a->vfp.set_s(m + 1, cpu.reg(t2));
  }
}

// VMOV <Dm>, <Rt>, <Rt2> and back — A8.8.346: cccc 1100 010o uuuu tttt 1011 00M1 mmmm
void vfp_move_double(ArmCpu& cpu, std::uint32_t insn) {
  ArmA* a = enabled(cpu);
  if (!a) return;
  const unsigned t = field(insn, 12), t2 = field(insn, 16);
  const unsigned m = double_reg(field(insn, 0), field(insn, 5, 1));
  if (t == 15 || t2 == 15 || m >= a->vfp.d_count || (bit(insn, 20) && t == t2))
    return cpu.undefined();
  if (bit(insn, 20)) {
    cpu.set_reg(t, static_cast<std::uint32_t>(a->vfp.d[m]));
    cpu.set_reg(t2, static_cast<std::uint32_t>(a->vfp.d[m] >> 32));
  } else {
    a->vfp.d[m] = (std::uint64_t{cpu.reg(t2)} << 32) | cpu.reg(t);
  }
}

// VMRS <Rt>, <spec_reg> — A8.8.348 / B6.1.? : cccc 1110 1111 rrrr tttt 1010 0001 0000.
// Rt = 15 with FPSCR is VMRS APSR_nzcv, FPSCR. FPSID, MVFR0/1 and FPEXC are privileged and
// readable while VFP is disabled (to enable it).
void vfp_VMRS(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  const unsigned reg = field(insn, 16), t = field(insn, 12);
  if (a.variant().vfp == VfpVersion::None) return cpu.undefined();
  if (reg == 1) {
    if (!a.vfp_enabled()) return cpu.undefined();
    const std::uint32_t value = a.vfp.fpscr;
    if (t != 15) return cpu.set_reg(t, value);
    cpu.flags.n = (value >> 31) & 1;
    cpu.flags.z = (value >> 30) & 1;
    cpu.flags.c = (value >> 29) & 1;
    cpu.flags.v = (value >> 28) & 1;
    return;
  }
  if (!cpu.privileged() || t == 15) return cpu.undefined();
  switch (reg) {
    case 0:
      return cpu.set_reg(t, a.variant().fpsid);
    case 6:
      return cpu.set_reg(t, a.variant().mvfr1);
    case 7:
      return cpu.set_reg(t, a.variant().mvfr0);
    case 8:
      return cpu.set_reg(t, a.vfp.fpexc);
    default:
      return cpu.undefined();
  }
}

// VMSR <spec_reg>, <Rt> — A8.8.349: cccc 1110 1110 rrrr tttt 1010 0001 0000. FPSCR keeps
// only the bits VFP defines (NZCV, AHP, DN, FZ, RMode, Stride, Len, the cumulative flags).
void vfp_VMSR(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  const unsigned reg = field(insn, 16), t = field(insn, 12);
  if (a.variant().vfp == VfpVersion::None || t == 15) return cpu.undefined();
  const std::uint32_t value = cpu.reg(t);
  if (reg == 1) {
    if (!a.vfp_enabled()) return cpu.undefined();
    a.vfp.fpscr = value & 0xF7F7009Fu;
    return;
  }
  if (!cpu.privileged()) return cpu.undefined();
  if (reg == 8)
    a.vfp.fpexc = value & 0xC0000000u;  // EX, EN; no trapped exceptions
  else if (reg != 0)
    cpu.undefined();  // FPSID writes are ignored
}

}  // namespace anvil::arm
