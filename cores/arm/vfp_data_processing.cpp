// VFP data processing (ARMv7-A ARM A7.5): cccc 1110 DooN nnnn dddd 101s NoM0 mmmm. Every
// operation is scalar (FPSCR.LEN is ignored, see vfp.h) and goes through Vfp's FPSCR-aware
// arithmetic.
#include "cores/arm/vfp_handlers.h"

namespace anvil::arm {

using namespace vfp_detail;

namespace vfp_detail {

ArmA* usable(ArmCpu& cpu, std::uint32_t insn, bool uses_n) {
  ArmA& a = a_profile(cpu);
  bool ok = a.vfp_enabled();
  if (ok && is_double(insn)) {
    const unsigned count = a.vfp.d_count;
    ok = reg_d(insn, true) < count && reg_m(insn, true) < count &&
         (!uses_n || reg_n(insn, true) < count);
  }
  if (!ok) {
    cpu.undefined();
    return nullptr;
  }
  cpu.add_cycles(a.timing().vfp_simple);
  return &a;
}

}  // namespace vfp_detail

namespace {

// Runs `op(vfp, d, n, m)` on singles or doubles as the sz bit says, writing Sd/Dd.
template <class Op>
void on_registers(ArmCpu& cpu, std::uint32_t insn, bool uses_n, Op op) {
  ArmA* a = usable(cpu, insn, uses_n);
  if (!a) return;
  Vfp& v = a->vfp;
  if (is_double(insn)) {
    const unsigned d = reg_d(insn, true);
    v.d[d] = op(v, v.d[d], v.d[reg_n(insn, true)], v.d[reg_m(insn, true)]);
  } else {
    const unsigned d = reg_d(insn, false);
    v.set_s(d, op(v, v.s(d), v.s(reg_n(insn, false)), v.s(reg_m(insn, false))));
  }
}

}  // namespace

// VMLA/VMLS/VNMLA/VNMLS — A8.8.337, A8.8.355: cccc 1110 0D0x nnnn dddd 101s NoM0 mmmm.
// Not fused: the product is rounded, then added (FPMulAdd is VFMA's).
void vfp_multiply_accumulate(ArmCpu& cpu, std::uint32_t insn) {
  const bool negate_product = (insn >> 6) & 1;  // VMLS / VNMLA
  const bool negate_addend = (insn >> 20) & 1;  // VNMLA / VNMLS
  on_registers(cpu, insn, true, [&](Vfp& v, auto d, auto n, auto m) {
    auto product = v.binary(FpOperation::Multiply, n, m);
    if (negate_product) product = Vfp::negate(product);
    return v.binary(FpOperation::Add, negate_addend ? Vfp::negate(d) : d, product);
  });
}

// VFMA/VFMS (A8.8.317: cccc 1110 1D10 ... NoM0) and VFNMA/VFNMS (A8.8.318: cccc 1110 1D01):
// one rounding. op negates the product's first operand; the N forms negate the addend.
void vfp_fused(ArmCpu& cpu, std::uint32_t insn) {
  const bool negate_operand = (insn >> 6) & 1;
  const bool negate_addend = ((insn >> 20) & 3) == 1;
  on_registers(cpu, insn, true, [&](Vfp& v, auto d, auto n, auto m) {
    return v.fused_multiply_add(negate_addend ? Vfp::negate(d) : d,
                                negate_operand ? Vfp::negate(n) : n, m);
  });
}

// VMUL/VNMUL (cccc 1110 0D10 ... NoM0), VADD/VSUB (0D11), VDIV (1D00) — A8.8.351, A8.8.356,
// A8.8.283, A8.8.415, A8.8.309.
void vfp_arithmetic(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned opc1 = ((insn >> 21) & 4) | ((insn >> 20) & 3);
  const bool op = (insn >> 6) & 1;
  if (opc1 == 4) a_profile(cpu).add_cycles(a_profile(cpu).timing().vfp_divide_sqrt);
  on_registers(cpu, insn, true, [&](Vfp& v, auto, auto n, auto m) {
    switch (opc1) {
      case 2: {
        const auto product = v.binary(FpOperation::Multiply, n, m);
        return op ? Vfp::negate(product) : product;
      }
      case 3:
        return v.binary(op ? FpOperation::Subtract : FpOperation::Add, n, m);
      default:
        return v.binary(FpOperation::Divide, n, m);
    }
  });
}

// VMOV.F32/F64 <Sd|Dd>, #<imm> — A8.8.339 A2: cccc 1110 1D11 iiii dddd 101s 0000 iiii.
// VFPExpandImm (A7.5.1): sign a, exponent NOT(b):b...b:cd, fraction efgh:0...
void vfp_move_immediate(ArmCpu& cpu, std::uint32_t insn) {
  ArmA* a = usable(cpu, insn, false);
  if (!a) return;
  const std::uint32_t imm8 = ((insn >> 12) & 0xF0) | (insn & 0xF);
  const std::uint64_t sign = imm8 >> 7, b = (imm8 >> 6) & 1, cdefgh = imm8 & 0x3F;
  if (is_double(insn)) {
    const std::uint64_t exponent = ((b ^ 1) << 10) | (b ? 0x3FCu : 0) | (cdefgh >> 4);
    a->vfp.d[reg_d(insn, true)] = (sign << 63) | (exponent << 52) | ((cdefgh & 0xF) << 48);
  } else {
    const std::uint64_t exponent = ((b ^ 1) << 7) | (b ? 0x7Cu : 0) | (cdefgh >> 4);
    a->vfp.set_s(reg_d(insn, false), static_cast<std::uint32_t>((sign << 31) | (exponent << 23) |
                                                                ((cdefgh & 0xF) << 19)));
  }
}

// VMOV (register), VABS, VNEG, VSQRT — A8.8.340, A8.8.280, A8.8.355, A8.8.401:
// cccc 1110 1D11 000x dddd 101s x1M0 mmmm (opc2 bit 16 and bit 7 select).
void vfp_unary(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned op = (((insn >> 16) & 1) << 1) | ((insn >> 7) & 1);
  if (op == 3) a_profile(cpu).add_cycles(a_profile(cpu).timing().vfp_divide_sqrt);
  on_registers(cpu, insn, false, [&](Vfp& v, auto, auto, auto m) {
    switch (op) {
      case 0:
        return m;
      case 1:
        return Vfp::absolute(m);
      case 2:
        return Vfp::negate(m);
      default:
        return v.square_root(m);
    }
  });
}

// VCMP{E} <Sd|Dd>, <Sm|Dm> / #0.0 — A8.8.312: cccc 1110 1D11 010z dddd 101s E1M0 mmmm
void vfp_compare(ArmCpu& cpu, std::uint32_t insn) {
  ArmA* a = usable(cpu, insn, false);
  if (!a) return;
  const bool with_zero = (insn >> 16) & 1, quiet_nan_invalid = (insn >> 7) & 1;
  Vfp& v = a->vfp;
  if (is_double(insn))
    v.compare(v.d[reg_d(insn, true)], with_zero ? std::uint64_t{0} : v.d[reg_m(insn, true)],
              quiet_nan_invalid);
  else
    v.compare(v.s(reg_d(insn, false)), with_zero ? std::uint32_t{0} : v.s(reg_m(insn, false)),
              quiet_nan_invalid);
}

// VCVT.F64.F32 / VCVT.F32.F64 — A8.8.310: cccc 1110 1D11 0111 dddd 101s 11M0 mmmm (sz names
// the source).
void vfp_convert_precision(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  const bool from_double = is_double(insn);
  const unsigned d = reg_d(insn, !from_double), m = reg_m(insn, from_double);
  if (!a.vfp_enabled() || (from_double ? m : d) >= a.vfp.d_count) return cpu.undefined();
  Vfp& v = a.vfp;
  if (from_double)
    v.set_s(d, v.double_to_single(v.d[m]));
  else
    v.d[d] = v.single_to_double(v.s(m));
}

// VCVT.F32/F64.S32/U32 <Sd|Dd>, <Sm> — A8.8.306: cccc 1110 1D11 1000 dddd 101s o1M0 mmmm
// (op: signed). The source is always a single register.
void vfp_convert_from_integer(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  const bool to_double = is_double(insn);
  const unsigned d = reg_d(insn, to_double), m = reg_m(insn, false);
  if (!a.vfp_enabled() || (to_double && d >= a.vfp.d_count)) return cpu.undefined();
  Vfp& v = a.vfp;
  const bool is_signed = (insn >> 7) & 1;
  const std::uint64_t r = v.from_integer(v.s(m), to_double, is_signed);
  if (to_double)
    v.d[d] = r;
  else
    v.set_s(d, static_cast<std::uint32_t>(r));
}

// VCVT{R}.S32/U32.F32/F64 <Sd>, <Sm|Dm> — A8.8.306: cccc 1110 1D11 110s dddd 101z r1M0 mmmm
// (opc2 bit 16: signed; r = 1 rounds toward zero, 0 uses FPSCR.RMode). The result is a single.
void vfp_convert_to_integer(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  const bool from_double = is_double(insn);
  const unsigned d = reg_d(insn, false), m = reg_m(insn, from_double);
  if (!a.vfp_enabled() || (from_double && m >= a.vfp.d_count)) return cpu.undefined();
  Vfp& v = a.vfp;
  const std::uint64_t source = from_double ? v.d[m] : v.s(m);
  v.set_s(d, v.to_integer(source, from_double, (insn >> 16) & 1, (insn >> 7) & 1));
}

// VCVT.<Td>.F32/F64 <Sd|Dd>, <Sd|Dd>, #<fbits> and back — A8.8.308:
// cccc 1110 1D11 1o1U dddd 101s x1i0 iiii: op (bit 18) float-to-fixed, U unsigned, sx (bit 7)
// 32-bit fixed point, imm4:i = size - fbits. The fixed-point value sits in the same register.
void vfp_convert_fixed(ArmCpu& cpu, std::uint32_t insn) {
  ArmA* a = usable(cpu, insn, false);
  if (!a) return;
  const bool dbl = is_double(insn), to_fixed = (insn >> 18) & 1, is_signed = !((insn >> 16) & 1);
  const unsigned size = ((insn >> 7) & 1) ? 32 : 16;
  const unsigned imm5 = ((insn & 0xF) << 1) | ((insn >> 5) & 1);
  if (imm5 > size) return cpu.undefined();  // UNPREDICTABLE: frac_bits < 0
  const unsigned fraction_bits = size - imm5;
  Vfp& v = a->vfp;
  const unsigned d = reg_d(insn, dbl);
  if (to_fixed) {
    const std::uint64_t source = dbl ? v.d[d] : v.s(d);
    const std::uint32_t r = v.to_integer(source, dbl, is_signed, true, fraction_bits, size);
    // A8.8.308: the fixed-point value extended to the register's width.
    if (dbl)
      v.d[d] =
          is_signed ? static_cast<std::uint64_t>(std::int64_t{static_cast<std::int32_t>(r)}) : r;
    else
      v.set_s(d, r);
  } else {
    const std::uint32_t source = dbl ? static_cast<std::uint32_t>(v.d[d]) : v.s(d);
    const std::uint64_t r = v.from_integer(source, dbl, is_signed, fraction_bits, size, true);
    if (dbl)
      v.d[d] = r;
    else
      v.set_s(d, static_cast<std::uint32_t>(r));
  }
}

}  // namespace anvil::arm
