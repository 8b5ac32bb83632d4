// VFP arithmetic under the FPSCR (ARMv7-A ARM A2.7 and the FP* pseudocode functions of
// appendix D "Pseudocode definition": FPAdd, FPMul, FPDiv, FPSqrt, FPMulAdd, FPCompare,
// FPToFixed, FixedToFP, FPConvert). The host computes; this file makes its results ARM's:
// flush-to-zero, NaN selection and the default NaN, and the cumulative flags.
//
// Built with -frounding-math (CMakeLists.txt) so the compiler neither folds nor moves the
// host operations across the rounding-mode and flag calls.
#include <cfenv>
#include <cmath>
#include <limits>

#include "cores/arm/vfp.h"
#include "cores/common/host_floating_point.h"

namespace anvil::arm {

namespace {

// IEEE 754 binary32/binary64 field layout and ARM's default NaN (A2.7.3).
template <class Bits>
struct Format;
template <>
struct Format<std::uint32_t> {
  using Float = float;
  static constexpr std::uint32_t kSign = 0x80000000u, kExponent = 0x7F800000u,
                                 kFraction = 0x007FFFFFu, kQuiet = 0x00400000u,
                                 kDefaultNan = 0x7FC00000u;
};
template <>
struct Format<std::uint64_t> {
  using Float = double;
  static constexpr std::uint64_t kSign = 0x8000000000000000u, kExponent = 0x7FF0000000000000u,
                                 kFraction = 0x000FFFFFFFFFFFFFu, kQuiet = 0x0008000000000000u,
                                 kDefaultNan = 0x7FF8000000000000u;
};

template <class Bits>
constexpr bool is_nan(Bits v) {
  using F = Format<Bits>;
  return (v & F::kExponent) == F::kExponent && (v & F::kFraction) != 0;
}
template <class Bits>
constexpr bool is_signalling(Bits v) {
  return is_nan(v) && (v & Format<Bits>::kQuiet) == 0;
}
template <class Bits>
constexpr bool is_denormal(Bits v) {
  using F = Format<Bits>;
  return (v & F::kExponent) == 0 && (v & F::kFraction) != 0;
}

// The host's rounding mode and exception flags for the span of one operation.
class HostFloatingPoint {
 public:
  explicit HostFloatingPoint(std::uint32_t fpscr)
      : scope_(kHostMode[(fpscr >> fpscr::kRoundingShift) & 3]) {}
  // The host flags raised so far, as FPSCR cumulative bits.
  static std::uint32_t flags() {
    const int raised = host_fp_flags();
    std::uint32_t out = 0;
    if (raised & FE_INVALID) out |= fpscr::kIoc;
    if (raised & FE_DIVBYZERO) out |= fpscr::kDzc;
    if (raised & FE_OVERFLOW) out |= fpscr::kOfc;
    if (raised & FE_UNDERFLOW) out |= fpscr::kUfc;
    if (raised & FE_INEXACT) out |= fpscr::kIxc;
    return out;
  }

 private:
  // FPSCR.RMode (A2.7.2): nearest, towards plus infinity, minus infinity, zero.
  static constexpr int kHostMode[4] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
  HostRoundingScope scope_;
};

// ARM detects tininess before rounding (FPRound, appendix D: the exponent is tested before
// the significand is rounded); the x86-64 host detects it after. The two differ only for an
// inexact result that rounded to the smallest normal magnitude: `compute` is run again
// rounding toward zero, which leaves an exact value below the normal range subnormal.
template <class Float, class Compute>
bool tiny_before_rounding(Float rounded, std::uint32_t host_flags, Compute compute) {
  if (std::fabs(rounded) != std::numeric_limits<Float>::min()) return false;
  if (!(host_flags & fpscr::kIxc) || (host_flags & fpscr::kUfc)) return false;
  HostRoundingScope toward_zero(FE_TOWARDZERO);
  const volatile Float truncated = compute();
  return std::fabs(truncated) < std::numeric_limits<Float>::min();
}

template <class Bits>
Bits to_bits(typename Format<Bits>::Float f) {
  return std::bit_cast<Bits>(f);
}
template <class Bits>
typename Format<Bits>::Float to_float(Bits b) {
  return std::bit_cast<typename Format<Bits>::Float>(b);
}

// The ARM side of one operation: inputs flushed, NaNs chosen, result fixed up.
class Operation {
 public:
  explicit Operation(Vfp& vfp) : vfp_(vfp) {}

  // FPUnpack with FZ (A2.7.4): a denormal input is a zero of the same sign, with IDC.
  template <class Bits>
  Bits input(Bits v) {
    if ((vfp_.fpscr & fpscr::kFz) && is_denormal(v)) {
      vfp_.fpscr |= fpscr::kIdc;
      return v & Format<Bits>::kSign;
    }
    return v;
  }

  // FPProcessNaNs (A2.7.3): the first signalling NaN, else the first quiet one, quietened;
  // the default NaN when FPSCR.DN. Returns false when no operand is a NaN.
  template <class Bits>
  bool nan_result(std::initializer_list<Bits> operands, Bits& out) {
    const Bits* chosen = nullptr;
    for (const Bits& v : operands)
      if (is_signalling(v) && !chosen) chosen = &v;
    if (chosen) vfp_.fpscr |= fpscr::kIoc;
    for (const Bits& v : operands)
      if (is_nan(v) && !chosen) chosen = &v;
    if (!chosen) return false;
    out = (vfp_.fpscr & fpscr::kDn) ? Format<Bits>::kDefaultNan : (*chosen | Format<Bits>::kQuiet);
    return true;
  }

  // The host result as ARM gives it: an invalid operation's NaN is the default NaN; with FZ
  // a result below the normal range is a zero, raising UFC and not IXC (FPRound, A2.7.4).
  // `tiny_before` (tiny_before_rounding): the exact result was below the normal range
  // although it rounded to the smallest normal, which ARM reports as underflow.
  template <class Bits>
  Bits output(Bits result, std::uint32_t host_flags, bool tiny_before = false) {
    if (is_nan(result)) result = Format<Bits>::kDefaultNan;
    if (tiny_before) host_flags |= fpscr::kUfc;
    // A result too small for a normal number: denormal, or rounded all the way to zero.
    const bool tiny = is_denormal(result) || (host_flags & fpscr::kUfc);
    if ((vfp_.fpscr & fpscr::kFz) && tiny) {
      result &= Format<Bits>::kSign;
      host_flags = (host_flags & ~fpscr::kIxc) | fpscr::kUfc;
    }
    vfp_.fpscr |= host_flags;
    return result;
  }

 private:
  Vfp& vfp_;
};

template <class Bits>
Bits binary_operation(Vfp& vfp, FpOperation op, Bits a, Bits b) {
  Operation o(vfp);
  a = o.input(a);
  b = o.input(b);
  Bits out{};
  if (o.nan_result({a, b}, out)) return out;
  using Float = typename Format<Bits>::Float;
  HostFloatingPoint host(vfp.fpscr);
  const volatile Float x = to_float(a), y = to_float(b);
  auto compute = [&]() -> Float {
    switch (op) {
      case FpOperation::Add:
        return x + y;
      case FpOperation::Subtract:
        return x - y;
      case FpOperation::Multiply:
        return x * y;
      case FpOperation::Divide:
        break;
    }
    return x / y;
  };
  const volatile Float r = compute();
  const std::uint32_t flags = HostFloatingPoint::flags();
  return o.output(to_bits<Bits>(r), flags, tiny_before_rounding<Float>(r, flags, compute));
}

template <class Bits>
Bits square_root_operation(Vfp& vfp, Bits a) {
  Operation o(vfp);
  a = o.input(a);
  Bits out{};
  if (o.nan_result({a}, out)) return out;
  HostFloatingPoint host(vfp.fpscr);
  const volatile typename Format<Bits>::Float x = to_float(a);
  const volatile typename Format<Bits>::Float r = std::sqrt(x);
  return o.output(to_bits<Bits>(r), HostFloatingPoint::flags());
}

// FPMulAdd (VFPv4 VFMA): one rounding. NaN order: the addend first (A2.7.3, FPProcessNaNs3).
// An infinity times zero is invalid even when the addend is a quiet NaN.
template <class Bits>
Bits fused_operation(Vfp& vfp, Bits addend, Bits a, Bits b) {
  Operation o(vfp);
  addend = o.input(addend);
  a = o.input(a);
  b = o.input(b);
  const bool inf_times_zero = (std::isinf(to_float(a)) && to_float(b) == 0) ||
                              (std::isinf(to_float(b)) && to_float(a) == 0);
  Bits out{};
  if (o.nan_result({addend, a, b}, out)) {
    if (inf_times_zero && is_nan(addend)) {
      vfp.fpscr |= fpscr::kIoc;
      out = Format<Bits>::kDefaultNan;
    }
    return out;
  }
  HostFloatingPoint host(vfp.fpscr);
  const volatile typename Format<Bits>::Float x = to_float(a), y = to_float(b),
                                              z = to_float(addend);
  using Float = typename Format<Bits>::Float;
  auto compute = [&]() -> Float { return std::fma(x, y, z); };
  const volatile Float r = compute();
  const std::uint32_t flags = HostFloatingPoint::flags();
  return o.output(to_bits<Bits>(r), flags, tiny_before_rounding<Float>(r, flags, compute));
}

// FPCompare (A8.8.312): NZCV = 0110 equal, 1000 less, 0010 greater, 0011 unordered.
template <class Bits>
void compare_operation(Vfp& vfp, Bits a, Bits b, bool quiet_nan_invalid) {
  Operation o(vfp);
  a = o.input(a);
  b = o.input(b);
  std::uint32_t nzcv = 0;
  if (is_nan(a) || is_nan(b)) {
    nzcv = 0x3;
    if (quiet_nan_invalid || is_signalling(a) || is_signalling(b)) vfp.fpscr |= fpscr::kIoc;
  } else if (to_float(a) == to_float(b)) {
    nzcv = 0x6;
  } else if (to_float(a) < to_float(b)) {
    nzcv = 0x8;
  } else {
    nzcv = 0x2;
  }
  vfp.fpscr = (vfp.fpscr & 0x0FFFFFFFu) | (nzcv << 28);
}

}  // namespace

std::uint32_t Vfp::binary(FpOperation op, std::uint32_t a, std::uint32_t b) {
  return binary_operation(*this, op, a, b);
}
std::uint64_t Vfp::binary(FpOperation op, std::uint64_t a, std::uint64_t b) {
  return binary_operation(*this, op, a, b);
}
std::uint32_t Vfp::square_root(std::uint32_t a) {
  return square_root_operation(*this, a);
}
std::uint64_t Vfp::square_root(std::uint64_t a) {
  return square_root_operation(*this, a);
}
std::uint32_t Vfp::fused_multiply_add(std::uint32_t addend, std::uint32_t a, std::uint32_t b) {
  return fused_operation(*this, addend, a, b);
}
std::uint64_t Vfp::fused_multiply_add(std::uint64_t addend, std::uint64_t a, std::uint64_t b) {
  return fused_operation(*this, addend, a, b);
}
void Vfp::compare(std::uint32_t a, std::uint32_t b, bool quiet_nan_invalid) {
  compare_operation(*this, a, b, quiet_nan_invalid);
}
void Vfp::compare(std::uint64_t a, std::uint64_t b, bool quiet_nan_invalid) {
  compare_operation(*this, a, b, quiet_nan_invalid);
}

// FPConvert single to double: exact for numbers; a NaN keeps sign and payload, quietened.
std::uint64_t Vfp::single_to_double(std::uint32_t a) {
  Operation o(*this);
  a = o.input(a);
  if (is_nan(a)) {
    if (is_signalling(a)) fpscr |= fpscr::kIoc;
    if (fpscr & fpscr::kDn) return Format<std::uint64_t>::kDefaultNan;
    return (std::uint64_t{a & 0x80000000u} << 32) | Format<std::uint64_t>::kExponent |
           Format<std::uint64_t>::kQuiet | (std::uint64_t{a & 0x003FFFFFu} << 29);
  }
  return std::bit_cast<std::uint64_t>(static_cast<double>(std::bit_cast<float>(a)));
}

std::uint32_t Vfp::double_to_single(std::uint64_t a) {
  Operation o(*this);
  a = o.input(a);
  if (is_nan(a)) {
    if (is_signalling(a)) fpscr |= fpscr::kIoc;
    if (fpscr & fpscr::kDn) return Format<std::uint32_t>::kDefaultNan;
    return static_cast<std::uint32_t>((a >> 32) & 0x80000000u) | 0x7FC00000u |
           static_cast<std::uint32_t>((a >> 29) & 0x003FFFFFu);
  }
  HostFloatingPoint host(fpscr);
  const volatile double x = std::bit_cast<double>(a);
  auto compute = [&]() -> float { return static_cast<float>(x); };
  const volatile float r = compute();
  const std::uint32_t flags = HostFloatingPoint::flags();
  return o.output(std::bit_cast<std::uint32_t>(static_cast<float>(r)), flags,
                  tiny_before_rounding<float>(r, flags, compute));
}

// FPToFixed (A2.7.8 / appendix D): scale, round, saturate to `bits` (16 or 32) and extend.
std::uint32_t Vfp::to_integer(std::uint64_t value, bool is_double, bool is_signed,
                              bool round_to_zero, unsigned fraction_bits, unsigned bits) {
  Operation o(*this);
  double x = 0;
  if (is_double) {
    value = o.input(value);
    if (is_nan(value)) {
      fpscr |= fpscr::kIoc;
      return 0;
    }
    x = std::bit_cast<double>(value);
  } else {
    const auto single = o.input(static_cast<std::uint32_t>(value));
    if (is_nan(single)) {
      fpscr |= fpscr::kIoc;
      return 0;
    }
    x = std::bit_cast<float>(single);
  }
  x = std::ldexp(x, static_cast<int>(fraction_bits));  // exact, or infinite: saturates below
  const unsigned mode = round_to_zero ? 3 : (fpscr >> fpscr::kRoundingShift) & 3;
  double rounded = 0;
  switch (mode) {
    case 0:
      rounded = x - std::remainder(x, 1.0);
      break;  // nearest, ties to even
    case 1:
      rounded = std::ceil(x);
      break;
    case 2:
      rounded = std::floor(x);
      break;
    default:
      rounded = std::trunc(x);
      break;
  }
  if (std::isnan(rounded)) rounded = x;  // infinities: remainder() gave NaN
  const double max = is_signed ? std::ldexp(1.0, static_cast<int>(bits) - 1) - 1
                               : std::ldexp(1.0, static_cast<int>(bits)) - 1;
  const double min = is_signed ? -std::ldexp(1.0, static_cast<int>(bits) - 1) : 0.0;
  std::int64_t result = 0;
  if (rounded > max || rounded < min) {
    fpscr |= fpscr::kIoc;
    result = static_cast<std::int64_t>(rounded > max ? max : min);
  } else {
    if (rounded != x) fpscr |= fpscr::kIxc;
    result = static_cast<std::int64_t>(rounded);
  }
  if (bits == 16)
    return is_signed ? static_cast<std::uint32_t>(static_cast<std::int32_t>(result))
                     : static_cast<std::uint32_t>(result) & 0xFFFF;
  return static_cast<std::uint32_t>(result);
}

// FixedToFP: the exact value of the integer scaled by 2^-fraction_bits, rounded once by the
// FPSCR mode to the destination precision.
std::uint64_t Vfp::from_integer(std::uint32_t value, bool to_double, bool is_signed,
                                unsigned fraction_bits, unsigned bits, bool fixed_point) {
  std::int64_t integer = 0;
  if (bits == 16)
    integer = is_signed ? std::int16_t(value & 0xFFFF) : std::int64_t(value & 0xFFFF);
  else
    integer = is_signed ? std::int64_t{static_cast<std::int32_t>(value)} : std::int64_t{value};
  const double exact = std::ldexp(static_cast<double>(integer), -static_cast<int>(fraction_bits));
  if (to_double) return std::bit_cast<std::uint64_t>(exact);  // 32 significant bits fit
  Operation o(*this);
  HostFloatingPoint host(fixed_point ? fpscr & ~(3u << fpscr::kRoundingShift) : fpscr);
  const volatile double x = exact;
  const volatile float r = static_cast<float>(x);
  return o.output(std::bit_cast<std::uint32_t>(static_cast<float>(r)), HostFloatingPoint::flags());
}

}  // namespace anvil::arm
