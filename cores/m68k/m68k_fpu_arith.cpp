// The FPU's general operations (FPU UM 4.2 and the per-instruction pages of PRM 5): each
// runs on the host's x87 under FPCR's rounding mode and precision. The transcendental ones
// use the host's long-double libm at extended precision, round to nearest, and the result
// is then rounded to FPCR's precision and mode (the 68881 also computes them internally at
// a higher precision and rounds once at the end; libm's last-bit accuracy is what differs).
#include "cores/m68k/m68k_fpu_arith.h"

#include <bit>
#include <cmath>

namespace anvil::m68k {

namespace {

using Unary = long double (*)(long double);
using Binary = long double (*)(long double, long double);

// A result the host computed: the 68881's default NaN replaces the x87's for invalid
// operations, since no NaN went in (NaN operands never reach the host).
Extended80 checked(long double result) {
  const Extended80 value = from_host(result);
  return is_nan(value) ? kDefaultNan : value;
}

// Arithmetic the x87 rounds itself (add, sqrt, rint...): computed under FPCR's rounding.
FpResult exact_unary(Unary f, const Extended80& x, Rounding rounding) {
  X87Environment environment(rounding);
  volatile long double value = to_host(x);
  volatile long double result = round_in_environment(f(value));  // to PC whatever f did
  return {checked(result), environment.exceptions()};
}

FpResult exact_binary(Binary f, const Extended80& destination, const Extended80& source,
                      Rounding rounding) {
  X87Environment environment(rounding);
  volatile long double d = to_host(destination), s = to_host(source);
  volatile long double result = round_in_environment(f(d, s));
  return {checked(result), environment.exceptions()};
}

// A libm function: extended precision, round to nearest, then rounded per FPCR.
FpResult transcendental(Unary f, const Extended80& x, Rounding rounding) {
  long double raw;
  std::uint32_t exceptions;
  {
    X87Environment environment({});
    volatile long double value = to_host(x);
    volatile long double result = f(value);
    raw = result;
    exceptions = environment.exceptions();
  }
  if (exceptions & kFpOperr) return {kDefaultNan, kFpOperr};
  FpResult rounded = round_to(from_host(raw), rounding);
  rounded.exceptions |= exceptions;
  return rounded;
}

// FGETEXP / FGETMAN (PRM 5): the unbiased exponent as a value, or the mantissa scaled to
// [1, 2); infinity is an operand error, zero gives zero.
FpResult get_exponent(const Extended80& x) {
  if (is_infinity(x)) return {kDefaultNan, kFpOperr};
  if (is_zero(x)) return {x, 0};
  const int exponent = static_cast<int>(exponent_of(x)) - 16383 -
                       (exponent_of(x) == 0 ? std::countl_zero(x.mantissa) - 1 : 0);
  return {from_integer(exponent), 0};
}

FpResult get_mantissa(const Extended80& x) {
  if (is_infinity(x)) return {kDefaultNan, kFpOperr};
  if (is_zero(x)) return {x, 0};
  const std::uint64_t mantissa = x.mantissa << std::countl_zero(x.mantissa);
  return {{static_cast<std::uint16_t>((x.sign_exponent & 0x8000) | 16383), mantissa}, 0};
}

// FSGLMUL / FSGLDIV: the operands' mantissas truncated to single precision, the result
// rounded to single precision (extended exponent range) in FPCR's mode (PRM 5, FSGLMUL).
Extended80 single_mantissa(Extended80 x) {
  if (!is_nan(x) && !is_infinity(x)) x.mantissa &= 0xFFFFFF0000000000ull;
  return x;
}

// FMOD and FREM: the remainder is exact; the quotient byte holds the sign of the quotient
// and its seven low bits (FPU UM 2.2.2). FMOD truncates the quotient, FREM rounds it to
// nearest even (IEEE remainder).
OperationResult modulo(const Extended80& destination, const Extended80& source, bool ieee,
                       Rounding rounding) {
  OperationResult r;
  r.has_quotient = true;
  const bool quotient_negative = is_negative(destination) != is_negative(source);
  if (is_zero(source) || is_infinity(destination)) {
    r.value = kDefaultNan;
    r.exceptions = kFpOperr;
    return r;
  }
  if (is_infinity(source) || is_zero(destination)) {
    r.value = destination;
    r.quotient = quotient_negative ? 0x80 : 0;
    return r;
  }
  const FpResult result =
      exact_binary(ieee ? static_cast<Binary>(remainderl) : static_cast<Binary>(fmodl), destination,
                   source, rounding);
  r.value = result.value;
  r.exceptions = result.exceptions & ~kFpInex2;  // the remainder itself is exact
  // The low quotient bits: |d| mod 128|s| leaves k|s| + (|d| mod |s|), k the bits we want.
  const long double d = std::fabs(to_host(destination)), s = std::fabs(to_host(source));
  const long double truncated = fmodl(d, s);
  long double k = rintl((fmodl(d, 128.0L * s) - truncated) / s);
  if (ieee && remainderl(d, s) != truncated) k += 1;  // rounded up to the next multiple
  const auto bits = static_cast<unsigned>(static_cast<long long>(k)) & 0x7F;
  r.quotient = static_cast<std::uint8_t>((quotient_negative ? 0x80 : 0) | bits);
  return r;
}

// FSCALE: destination times 2 to the source truncated to an integer (PRM 5, FSCALE).
FpResult scale(const Extended80& destination, const Extended80& source, Rounding rounding) {
  if (is_infinity(source)) return {kDefaultNan, kFpOperr};
  if (is_infinity(destination) || is_zero(destination)) return {destination, 0};
  const long double count = truncl(to_host(source));
  const int clamped = count > 40000 ? 40000 : count < -40000 ? -40000 : static_cast<int>(count);
  X87Environment environment(rounding);
  volatile long double d = to_host(destination);
  volatile long double result = round_in_environment(scalbnl(d, clamped));
  return {checked(result), environment.exceptions()};
}

// FCMP: the condition codes of destination - source, with the two cases where that
// subtraction is not a comparison (equal infinities) taken apart (PRM 5, FCMP).
std::uint32_t compare(const Extended80& destination, const Extended80& source) {
  const long double d = to_host(destination), s = to_host(source);
  if (is_infinity(destination) && is_infinity(source) &&
      is_negative(destination) == is_negative(source))
    return kFpZ | (is_negative(destination) ? kFpN : 0);
  if (d < s) return kFpN;
  if (d > s) return 0;
  // Equal finite values: the sign of the exact difference, i.e. -0 only for -0 - +0.
  return kFpZ | (is_negative(destination) && !is_negative(source) ? kFpN : 0);
}

// The 68040's FSxxx/FDxxx forms (68040 UM 9.x): the operation of `base` rounded to single
// or double precision whatever FPCR says.
struct PrecisionForm {
  std::uint8_t opmode, base;
  RoundingPrecision precision;
};
constexpr PrecisionForm kPrecisionForms[] = {
    {0x40, 0x00, RoundingPrecision::Single}, {0x44, 0x00, RoundingPrecision::Double},
    {0x41, 0x04, RoundingPrecision::Single}, {0x45, 0x04, RoundingPrecision::Double},
    {0x58, 0x18, RoundingPrecision::Single}, {0x5C, 0x18, RoundingPrecision::Double},
    {0x5A, 0x1A, RoundingPrecision::Single}, {0x5E, 0x1A, RoundingPrecision::Double},
    {0x60, 0x20, RoundingPrecision::Single}, {0x64, 0x20, RoundingPrecision::Double},
    {0x62, 0x22, RoundingPrecision::Single}, {0x66, 0x22, RoundingPrecision::Double},
    {0x63, 0x23, RoundingPrecision::Single}, {0x67, 0x23, RoundingPrecision::Double},
    {0x68, 0x28, RoundingPrecision::Single}, {0x6C, 0x28, RoundingPrecision::Double},
};

const PrecisionForm* precision_form(unsigned opmode) {
  for (const PrecisionForm& form : kPrecisionForms)
    if (form.opmode == opmode) return &form;
  return nullptr;
}

Unary transcendental_function(unsigned opmode) {
  switch (opmode) {
    case 0x02:
      return sinhl;
    case 0x06:
      return log1pl;
    case 0x08:
      return expm1l;
    case 0x09:
      return tanhl;
    case 0x0A:
      return atanl;
    case 0x0C:
      return asinl;
    case 0x0D:
      return atanhl;
    case 0x0E:
      return sinl;
    case 0x0F:
      return tanl;
    case 0x10:
      return expl;
    case 0x11:
      return exp2l;
    case 0x12:
      return exp10l;
    case 0x14:
      return logl;
    case 0x15:
      return log10l;
    case 0x16:
      return log2l;
    case 0x19:
      return coshl;
    case 0x1C:
      return acosl;
    case 0x1D:
      return cosl;
    default:
      return nullptr;
  }
}

bool is_dyadic(unsigned opmode) {
  return (opmode >= 0x20 && opmode <= 0x28) || opmode == kOpCompare;
}

}  // namespace

bool opmode_unimplemented_on_68040(unsigned opmode) {
  if (transcendental_function(opmode) || (opmode >= kOpSinCosFirst && opmode <= kOpSinCosLast))
    return true;
  switch (opmode) {
    case 0x01:
    case 0x03:
    case 0x1E:
    case 0x1F:
    case 0x21:
    case 0x24:
    case 0x25:
    case 0x26:
    case 0x27:
      return true;
    default:
      return false;
  }
}

bool opmode_dyadic(unsigned opmode) {
  const PrecisionForm* form = precision_form(opmode);
  return is_dyadic(form ? form->base : opmode);
}

bool opmode_defined(unsigned opmode, FpuModel model) {
  if (opmode >= 0x40) return model == FpuModel::Mc68040 && precision_form(opmode) != nullptr;
  if (transcendental_function(opmode) || (opmode >= kOpSinCosFirst && opmode <= kOpSinCosLast))
    return true;
  switch (opmode) {
    case 0x00:
    case 0x01:
    case 0x03:
    case 0x04:
    case 0x18:
    case 0x1A:
    case 0x1E:
    case 0x1F:
    case kOpCompare:
    case kOpTest:
      return true;
    default:
      return opmode >= 0x20 && opmode <= 0x28;
  }
}

OperationResult fpu_operate(unsigned opmode, const Extended80& source_in,
                            const Extended80& destination_in, Rounding rounding) {
  if (const PrecisionForm* form = precision_form(opmode)) {
    opmode = form->base;
    rounding.precision = form->precision;
  }
  const Extended80 source = normalized(source_in), destination = normalized(destination_in);
  const bool dyadic = is_dyadic(opmode);
  OperationResult r;
  r.stores = opmode != kOpCompare && opmode != kOpTest;

  // NaN operands (FPU UM 4.5.4): no arithmetic, the NaN (destination first) goes through.
  if (is_nan(source) || (dyadic && is_nan(destination))) {
    const Extended80 nan = dyadic && is_nan(destination) ? destination : source;
    if (is_signalling_nan(source) || (dyadic && is_signalling_nan(destination)))
      r.exceptions = kFpSnan;
    r.value = quiet(nan);
    r.condition = condition_codes(r.value);
    r.has_quotient = opmode == 0x21 || opmode == 0x25;
    if (opmode >= kOpSinCosFirst && opmode <= kOpSinCosLast) {
      r.has_cosine = true;
      r.cosine = r.value;
    }
    return r;
  }

  FpResult result;
  if (Unary f = transcendental_function(opmode)) {
    result = transcendental(f, source, rounding);
  } else if (opmode >= kOpSinCosFirst && opmode <= kOpSinCosLast) {
    const FpResult cosine = transcendental(cosl, source, rounding);
    result = transcendental(sinl, source, rounding);
    result.exceptions |= cosine.exceptions;
    r.has_cosine = true;
    r.cosine = cosine.value;
  } else {
    switch (opmode) {
      case kOpMove:
        result = round_to(source, rounding);
        break;
      case 0x01:
        result = exact_unary([](long double x) { return rintl(x); }, source, rounding);
        break;
      case 0x03:
        result = exact_unary([](long double x) { return truncl(x); }, source, rounding);
        break;
      case 0x04:
        result = exact_unary([](long double x) { return sqrtl(x); }, source, rounding);
        break;
      case 0x18:
        result = exact_unary([](long double x) { return fabsl(x); }, source, rounding);
        break;
      case 0x1A:
        result = exact_unary([](long double x) { return -x; }, source, rounding);
        break;
      case 0x1E:
        result = get_exponent(source);
        break;
      case 0x1F:
        result = get_mantissa(source);
        break;
      case 0x20:
        result = exact_binary([](long double d, long double s) { return d / s; }, destination,
                              source, rounding);
        break;
      case 0x21:
      case 0x25: {
        OperationResult m = modulo(destination, source, opmode == 0x25, rounding);
        m.condition = condition_codes(m.value);
        return m;
      }
      case 0x22:
        result = exact_binary([](long double d, long double s) { return d + s; }, destination,
                              source, rounding);
        break;
      case 0x23:
        result = exact_binary([](long double d, long double s) { return d * s; }, destination,
                              source, rounding);
        break;
      case 0x24:
      case 0x27: {
        const Rounding single{rounding.mode, RoundingPrecision::Single};
        const Binary f =
            opmode == 0x24
                ? static_cast<Binary>([](long double d, long double s) { return d / s; })
                : static_cast<Binary>([](long double d, long double s) { return d * s; });
        result = exact_binary(f, single_mantissa(destination), single_mantissa(source), single);
        break;
      }
      case 0x26:
        result = scale(destination, source, rounding);
        break;
      case 0x28:
        result = exact_binary([](long double d, long double s) { return d - s; }, destination,
                              source, rounding);
        break;
      case kOpCompare:
        r.condition = compare(destination, source);
        return r;
      case kOpTest:
        r.condition = condition_codes(source);
        return r;
      default:
        result = {kDefaultNan, kFpOperr};
        break;
    }
  }
  r.value = result.value;
  r.exceptions = result.exceptions;
  r.condition = condition_codes(r.value);
  return r;
}

}  // namespace anvil::m68k
