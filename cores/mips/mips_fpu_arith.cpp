// CP1 arithmetic, compares and conversions for the S, D, W and L formats, and the
// multiply-adds of COP1X. MIPS32 ISA entries ADD.fmt ... C.cond.fmt, CVT.*, ROUND/TRUNC/
// CEIL/FLOOR, MADD.fmt. The host FPU computes under FCSR's rounding mode (this file is built
// with -frounding-math); IEEE exceptions map onto FCSR's cause bits.
//
// NaNs follow the MIPS legacy encoding (MIPS32 ISA 3.5.2 "Signaling and quiet NaNs"): the
// fraction's top bit SET marks a signaling NaN, the opposite of the host's. So a NaN operand
// is never handed to the host: an operation with a signaling NaN is Invalid and gives the
// default NaN; with only quiet NaNs it returns the first of them (fs before ft).
#include <array>
#include <bit>
#include <cfenv>
#include <cmath>
#include <limits>

#include "cores/common/host_floating_point.h"
#include "cores/mips/mips_ops.h"

namespace anvil::mips::ops {

namespace {

template <class F>
struct Format;
template <>
struct Format<float> {
  using Bits = std::uint32_t;
  static constexpr Bits kQuietBit = 0x00400000u;
  static constexpr Bits kDefaultNan = 0x7FBFFFFFu;
  static Bits get(const Fpu& fpu, unsigned n) { return fpu.single(n); }
  static void set(Fpu& fpu, unsigned n, Bits v) { fpu.set_single(n, v); }
};
template <>
struct Format<double> {
  using Bits = std::uint64_t;
  static constexpr Bits kQuietBit = 0x0008000000000000u;
  static constexpr Bits kDefaultNan = 0x7FF7FFFFFFFFFFFFu;
  static Bits get(const Fpu& fpu, unsigned n) { return fpu.dbl(n); }
  static void set(Fpu& fpu, unsigned n, Bits v) { fpu.set_dbl(n, v); }
};

template <class F>
bool is_nan(typename Format<F>::Bits b) {
  return std::isnan(std::bit_cast<F>(b));
}
template <class F>
bool is_signaling(typename Format<F>::Bits b) {
  return is_nan<F>(b) && (b & Format<F>::kQuietBit);
}

// Runs `compute` under FCSR.RM (0 nearest, 1 toward zero, 2 up, 3 down) and returns the IEEE
// exceptions it raised as FCSR cause bits.
template <class Compute>
std::uint32_t with_rounding(std::uint32_t fcsr_value, Compute&& compute) {
  static constexpr int kModes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
  int raised = 0;
  {
    const HostRoundingScope rounding(kModes[fcsr_value & fcsr::kRoundingMode]);
    compute();
    raised = host_fp_flags();
  }
  std::uint32_t cause = 0;
  if (raised & FE_INEXACT) cause |= fcsr::kInexact;
  if (raised & FE_UNDERFLOW) cause |= fcsr::kUnderflow;
  if (raised & FE_OVERFLOW) cause |= fcsr::kOverflow;
  if (raised & FE_DIVBYZERO) cause |= fcsr::kDivideByZero;
  if (raised & FE_INVALID) cause |= fcsr::kInvalid;
  return cause;
}

template <class F>
bool is_denormal(typename Format<F>::Bits b) {
  return std::fpclassify(std::bit_cast<F>(b)) == FP_SUBNORMAL;
}

// Denormals (24K SUM, "FPU" chapter, "Denormal support"; MIPS32 ISA "FCSR" field FS): the
// 24Kf FPU computes on normal numbers only. With FCSR.FS = 0 a denormal operand, or a result
// too tiny to be normal, is an Unimplemented Operation (cause E, always trapping) and fd is
// left alone, for software to finish; with FS = 1 denormal operands are taken as zero of the
// same sign and tiny results become zero, signalling Underflow and Inexact. In Linux user
// mode the kernel emulator that takes the E trap gives the exact IEEE result instead.
enum class Denormals { Compute, Flush, Unimplemented };
Denormals denormal_rule(const MipsCore& cpu, const Fpu& fpu) {
  if (fpu.fcsr & fcsr::kFlushToZero) return Denormals::Flush;
  return cpu.kernel_completes_fpu() ? Denormals::Compute : Denormals::Unimplemented;
}

// While it lives, the denormal operands among `sources` read as signed zeros (FS = 1).
template <class F>
class FlushedOperands {
 public:
  FlushedOperands(Fpu& fpu, std::initializer_list<unsigned> sources) : fpu_(fpu) {
    for (unsigned n : sources) {
      const auto b = Format<F>::get(fpu, n);
      if (!is_denormal<F>(b) || saved_count_ == saved_.size()) continue;
      saved_[saved_count_++] = {n, b};
      Format<F>::set(fpu, n, b & ~(~typename Format<F>::Bits{0} >> 1));  // keep the sign
    }
  }
  ~FlushedOperands() {
    while (saved_count_) {
      const auto& [n, b] = saved_[--saved_count_];
      Format<F>::set(fpu_, n, b);
    }
  }
  FlushedOperands(const FlushedOperands&) = delete;
  FlushedOperands& operator=(const FlushedOperands&) = delete;

 private:
  Fpu& fpu_;
  std::array<std::pair<unsigned, typename Format<F>::Bits>, 3> saved_{};
  std::size_t saved_count_ = 0;
};

// A result too small to be normal: denormal, or rounded to zero from a nonzero value (the
// host signals Underflow for both).
template <class F>
bool is_tiny(F value, std::uint32_t cause) {
  return std::fpclassify(value) == FP_SUBNORMAL || (cause & fcsr::kUnderflow);
}

// An arithmetic result for fd: NaN operands by the MIPS rules above, a host NaN result
// (0/0, inf-inf) becomes the default NaN, and denormals by denormal_rule().
template <class F, class Compute>
void arithmetic(MipsCore& cpu, unsigned dest, std::initializer_list<unsigned> sources,
                Compute&& compute) {
  using Bits = typename Format<F>::Bits;
  Fpu& fpu = cpu.fpu();
  const Denormals rule = denormal_rule(cpu, fpu);
  Bits result = 0;
  std::uint32_t cause = 0;
  bool have_quiet = false, have_denormal = false;
  Bits quiet = 0;
  for (unsigned n : sources) {
    const Bits b = Format<F>::get(fpu, n);
    if (is_signaling<F>(b))
      cause = fcsr::kInvalid;
    else if (is_nan<F>(b) && !have_quiet)
      have_quiet = true, quiet = b;
    have_denormal = have_denormal || is_denormal<F>(b);
  }
  if (cause) {
    result = Format<F>::kDefaultNan;
  } else if (have_quiet) {
    result = quiet;
  } else if (have_denormal && rule == Denormals::Unimplemented) {
    cpu.fpu_exceptions(fcsr::kUnimplemented);
    return;
  } else {
    // Volatile: the operation must happen between with_rounding's fenv calls, and GCC has
    // no FENV_ACCESS to keep it there otherwise.
    volatile F computed{};
    {
      const FlushedOperands<F> flushed(
          fpu, rule == Denormals::Flush ? sources : std::initializer_list<unsigned>{});
      cause = with_rounding(fpu.fcsr, [&] { computed = compute(); });
    }
    const F value = computed;
    result = std::isnan(value) ? Format<F>::kDefaultNan : std::bit_cast<Bits>(value);
    if (value != 0 && !std::isnan(value) && is_tiny(value, cause)) {
      if (rule == Denormals::Unimplemented) {
        cpu.fpu_exceptions(fcsr::kUnimplemented);
        return;
      }
      if (rule == Denormals::Flush) {
        result = std::bit_cast<Bits>(std::copysign(F{0}, value));
        cause |= fcsr::kUnderflow | fcsr::kInexact;
      }
    } else if (value == 0 && (cause & fcsr::kUnderflow) && rule == Denormals::Unimplemented) {
      cpu.fpu_exceptions(fcsr::kUnimplemented);  // rounded to zero from a tiny value
      return;
    }
  }
  if (cpu.fpu_exceptions(cause)) Format<F>::set(fpu, dest, result);
}

template <class F>
F value(const Fpu& fpu, unsigned n) {
  return std::bit_cast<F>(Format<F>::get(fpu, n));
}

// C.cond.fmt fs, ft, cc: cond bit 0 unordered, 1 equal, 2 less, 3 signal on quiet NaNs too.
template <class F>
void compare(MipsCore& cpu, std::uint32_t insn) {
  Fpu& fpu = cpu.fpu();
  const auto a = Format<F>::get(fpu, fs(insn)), b = Format<F>::get(fpu, ft(insn));
  const unsigned cond = insn & 15;
  const bool unordered = is_nan<F>(a) || is_nan<F>(b);
  std::uint32_t cause = 0;
  if (is_signaling<F>(a) || is_signaling<F>(b) || (unordered && (cond & 8))) cause = fcsr::kInvalid;
  bool result = false;
  if (unordered) {
    result = cond & 1;
  } else {
    const F x = std::bit_cast<F>(a), y = std::bit_cast<F>(b);
    result = ((cond & 4) && x < y) || ((cond & 2) && x == y);
  }
  if (cpu.fpu_exceptions(cause)) fpu.set_condition((insn >> 8) & 7, result);
}

// To a 32- or 64-bit integer, rounding with `mode` (-1: FCSR.RM). NaN, infinity and values
// out of range are Invalid and give 2^31 - 1 (2^63 - 1): MIPS32 ISA CVT.W.fmt.
template <class I, class F>
void to_integer(MipsCore& cpu, std::uint32_t insn, int mode) {
  Fpu& fpu = cpu.fpu();
  const F x = value<F>(fpu, fs(insn));
  const std::uint32_t fcsr_value =
      mode < 0 ? fpu.fcsr : (fpu.fcsr & ~fcsr::kRoundingMode) | static_cast<std::uint32_t>(mode);
  volatile F rounded_result{};
  std::uint32_t cause = with_rounding(fcsr_value, [&] { rounded_result = std::nearbyint(x); });
  const F rounded = rounded_result;
  cause &= ~fcsr::kInexact;
  I result = std::numeric_limits<I>::max();
  const F limit = std::ldexp(F{1}, std::numeric_limits<I>::digits);
  if (std::isnan(x) || rounded >= limit || rounded < -limit) {
    cause = fcsr::kInvalid;
  } else {
    result = static_cast<I>(rounded);
    if (rounded != x) cause |= fcsr::kInexact;
  }
  if (!cpu.fpu_exceptions(cause)) return;
  using U = std::make_unsigned_t<I>;
  if constexpr (sizeof(I) == 4)
    fpu.set_single(fd(insn), static_cast<U>(result));
  else
    fpu.set_dbl(fd(insn), static_cast<U>(result));
}

// The function field of fmt S and D (MIPS32 ISA Table A.14).
template <class F>
void arithmetic_format(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  Fpu& fpu = cpu.fpu();
  constexpr bool is_double = sizeof(F) == 8;
  if (is_double && !(fpu.double_register_ok(fs(insn)) && fpu.double_register_ok(ft(insn)) &&
                     fpu.double_register_ok(fd(insn))))
    return cpu.reserved_instruction();
  const unsigned s = fs(insn), t = ft(insn), d = fd(insn);
  const auto v = [&](unsigned n) { return value<F>(fpu, n); };
  switch (insn & 63) {
    case 0:
      return arithmetic<F>(cpu, d, {s, t}, [&] { return v(s) + v(t); });
    case 1:
      return arithmetic<F>(cpu, d, {s, t}, [&] { return v(s) - v(t); });
    case 2:
      return arithmetic<F>(cpu, d, {s, t}, [&] { return v(s) * v(t); });
    case 3:
      return arithmetic<F>(cpu, d, {s, t}, [&] { return v(s) / v(t); });
    case 4:
      return arithmetic<F>(cpu, d, {s}, [&] { return std::sqrt(v(s)); });
    case 5:
      return arithmetic<F>(cpu, d, {s}, [&] { return std::fabs(v(s)); });
    case 6:  // MOV.fmt: not arithmetic, no exceptions
      return Format<F>::set(fpu, d, Format<F>::get(fpu, s));
    case 7:
      return arithmetic<F>(cpu, d, {s}, [&] { return -v(s); });
    case 8:
      return to_integer<std::int64_t, F>(cpu, insn, 0);  // ROUND.L
    case 9:
      return to_integer<std::int64_t, F>(cpu, insn, 1);  // TRUNC.L
    case 10:
      return to_integer<std::int64_t, F>(cpu, insn, 2);  // CEIL.L
    case 11:
      return to_integer<std::int64_t, F>(cpu, insn, 3);  // FLOOR.L
    case 12:
      return to_integer<std::int32_t, F>(cpu, insn, 0);  // ROUND.W
    case 13:
      return to_integer<std::int32_t, F>(cpu, insn, 1);  // TRUNC.W
    case 14:
      return to_integer<std::int32_t, F>(cpu, insn, 2);  // CEIL.W
    case 15:
      return to_integer<std::int32_t, F>(cpu, insn, 3);  // FLOOR.W
    case 17:                                             // MOVF.fmt/MOVT.fmt
      if (fpu.condition((insn >> 18) & 7) == (((insn >> 16) & 1) != 0))
        Format<F>::set(fpu, d, Format<F>::get(fpu, s));
      return;
    case 18:  // MOVZ.fmt
      if (cpu.gpr(t) == 0) Format<F>::set(fpu, d, Format<F>::get(fpu, s));
      return;
    case 19:  // MOVN.fmt
      if (cpu.gpr(t) != 0) Format<F>::set(fpu, d, Format<F>::get(fpu, s));
      return;
    case 21:
      return arithmetic<F>(cpu, d, {s}, [&] { return F{1} / v(s); });
    case 22:
      return arithmetic<F>(cpu, d, {s}, [&] { return F{1} / std::sqrt(v(s)); });
    case 32:  // CVT.S.D
      if constexpr (is_double) {
        const std::uint64_t b = fpu.dbl(s);
        std::uint32_t cause = 0, out = Format<float>::kDefaultNan;
        const Denormals rule = denormal_rule(cpu, fpu);
        if (is_nan<double>(b)) {
          cause = is_signaling<double>(b) ? fcsr::kInvalid : 0;
        } else if (is_denormal<double>(b) && rule == Denormals::Unimplemented) {
          cpu.fpu_exceptions(fcsr::kUnimplemented);
          return;
        } else {
          // A denormal double is far below the smallest float: flushed or not, the result
          // underflows (to zero when flushed first).
          const double operand =
              is_denormal<double>(b) && rule == Denormals::Flush ? std::copysign(0.0, v(s)) : v(s);
          volatile float f = 0;
          cause = with_rounding(fpu.fcsr, [&] { f = static_cast<float>(operand); });
          const float value = f;
          out = std::bit_cast<std::uint32_t>(value);
          if (value != 0 ? is_tiny(value, cause) : (cause & fcsr::kUnderflow) != 0) {
            if (rule == Denormals::Unimplemented) {
              cpu.fpu_exceptions(fcsr::kUnimplemented);
              return;
            }
            if (rule == Denormals::Flush) {
              out = std::bit_cast<std::uint32_t>(std::copysign(0.0f, value));
              cause |= fcsr::kUnderflow | fcsr::kInexact;
            }
          }
        }
        if (cpu.fpu_exceptions(cause)) fpu.set_single(d, out);
        return;
      }
      break;
    case 33:  // CVT.D.S
      if constexpr (!is_double) {
        if (!fpu.double_register_ok(d)) return cpu.reserved_instruction();
        const std::uint32_t b = fpu.single(s);
        if (is_nan<float>(b)) {
          const bool signaling = is_signaling<float>(b);
          if (cpu.fpu_exceptions(signaling ? fcsr::kInvalid : 0))
            fpu.set_dbl(d, Format<double>::kDefaultNan);
          return;
        }
        // Every float, denormals included, is a normal double: only the operand matters.
        double widened = v(s);
        if (is_denormal<float>(b)) {
          const Denormals rule = denormal_rule(cpu, fpu);
          if (rule == Denormals::Unimplemented) {
            cpu.fpu_exceptions(fcsr::kUnimplemented);
            return;
          }
          if (rule == Denormals::Flush) widened = std::copysign(0.0, widened);
        }
        if (cpu.fpu_exceptions(0)) fpu.set_dbl(d, std::bit_cast<std::uint64_t>(widened));
        return;
      }
      break;
    case 36:
      return to_integer<std::int32_t, F>(cpu, insn, -1);  // CVT.W.fmt
    case 37:
      return to_integer<std::int64_t, F>(cpu, insn, -1);  // CVT.L.fmt
    default:
      if ((insn & 63) >= 48) return compare<F>(cpu, insn);
      break;
  }
  cpu.fpu_exceptions(fcsr::kUnimplemented);  // no such operation: Unimplemented Operation
}

// CVT.S/CVT.D from a 32- or 64-bit integer in fs.
template <class I>
void from_integer(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  Fpu& fpu = cpu.fpu();
  const I n = sizeof(I) == 4 ? static_cast<I>(static_cast<std::int32_t>(fpu.single(fs(insn))))
                             : static_cast<I>(fpu.dbl(fs(insn)));
  const unsigned d = fd(insn);
  switch (insn & 63) {
    case 32: {
      volatile float f = 0;
      const std::uint32_t cause = with_rounding(fpu.fcsr, [&] { f = static_cast<float>(n); });
      if (cpu.fpu_exceptions(cause)) fpu.set_single(d, std::bit_cast<std::uint32_t>(f));
      return;
    }
    case 33: {
      if (!fpu.double_register_ok(d)) return cpu.reserved_instruction();
      volatile double f = 0;
      const std::uint32_t cause = with_rounding(fpu.fcsr, [&] { f = static_cast<double>(n); });
      if (cpu.fpu_exceptions(cause)) fpu.set_dbl(d, std::bit_cast<std::uint64_t>(f));
      return;
    }
    default:
      cpu.fpu_exceptions(fcsr::kUnimplemented);
  }
}

}  // namespace

void fpu_arithmetic_s(MipsCore& cpu, std::uint32_t insn) {
  if (((insn >> 21) & 31) != 16) {  // paired single: not on the 24Kf (FIR.PS = 0)
    if (cpu.fpu_usable()) cpu.fpu_exceptions(fcsr::kUnimplemented);
    return;
  }
  arithmetic_format<float>(cpu, insn);
}
void fpu_arithmetic_d(MipsCore& cpu, std::uint32_t insn) {
  arithmetic_format<double>(cpu, insn);
}
void fpu_convert_w(MipsCore& cpu, std::uint32_t insn) {
  from_integer<std::int32_t>(cpu, insn);
}
void fpu_convert_l(MipsCore& cpu, std::uint32_t insn) {
  from_integer<std::int64_t>(cpu, insn);
}

// MADD/MSUB/NMADD/NMSUB.fmt fd, fr, fs, ft: fs * ft then +/- fr, each step rounded (the
// MIPS32 Release 2 FPU does not fuse), NM* negate the result.
void fpu_multiply_add(MipsCore& cpu, std::uint32_t insn) {
  if (!cpu.fpu_usable()) return;
  const unsigned r = (insn >> 21) & 31, s = fs(insn), t = ft(insn), d = fd(insn);
  const bool subtract = (insn >> 3) & 1, negate = (insn >> 4) & 1;
  const auto run = [&]<class F>(F) {
    const Fpu& fpu = cpu.fpu();
    arithmetic<F>(cpu, d, {r, s, t}, [&] {
      volatile F product = value<F>(fpu, s) * value<F>(fpu, t);
      const F sum = subtract ? product - value<F>(fpu, r) : product + value<F>(fpu, r);
      return negate ? -sum : sum;
    });
  };
  if (insn & 1) {
    if (!(cpu.fpu().double_register_ok(r) && cpu.fpu().double_register_ok(s) &&
          cpu.fpu().double_register_ok(t) && cpu.fpu().double_register_ok(d)))
      return cpu.reserved_instruction();
    run(double{});
  } else {
    run(float{});
  }
}

}  // namespace anvil::mips::ops
