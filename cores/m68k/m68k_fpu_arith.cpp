// The FPU's general operations (FPU UM 4.2 and the per-instruction pages of PRM 5): each
// runs on the host's x87 under FPCR's rounding mode and precision. The transcendental ones
// use the host's long-double libm at extended precision, round to nearest, and the result
// is then rounded to FPCR's precision and mode (the 68881 also computes them internally at
// a higher precision and rounds once at the end; libm's last-bit accuracy is what differs).
#include "cores/m68k/m68k_fpu_arith.h"

#include <array>
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

// libm's rintl, truncl, fmodl and remainderl, computed under FPCR's rounding (the full
// environment: libm may use SSE too) and rounded to its precision whatever they did.
FpResult libm_unary(Unary f, const Extended80& x, Rounding rounding) {
  X87Environment environment(rounding);
  volatile long double value = to_host(x);
  volatile long double result = round_in_environment(f(value));
  return {checked(result), environment.exceptions()};
}

FpResult libm_binary(Binary f, const Extended80& destination, const Extended80& source,
                     Rounding rounding) {
  X87Environment environment(rounding);
  volatile long double d = to_host(destination), s = to_host(source);
  volatile long double result = round_in_environment(f(d, s));
  return {checked(result), environment.exceptions()};
}

// What the x87 does in one instruction (fadd, fsub, fmul, fdiv, fsqrt, fabs, fchs), under
// FPCR's rounding. The arithmetic ones round to the control word's precision themselves;
// fabs and fchs do not (precision control applies to fadd/fsub/fmul/fdiv/fsqrt only, Intel
// SDM vol. 1, 8.1.5.2), so their result is rounded by a multiplication by one, as the others'
// are at single or double precision. At extended precision that multiplication would change
// no result and raise nothing: it is left out.
enum class X87Operation : std::uint8_t {
  Add,
  Subtract,
  Multiply,
  Divide,
  SquareRoot,
  Absolute,
  Negate
};

[[gnu::always_inline]] inline FpResult x87_operate(X87Operation operation,
                                                   const Extended80& destination,
                                                   const Extended80& source, Rounding rounding) {
  X87Scope environment(rounding);
  // Not volatile: the scope's asm statements clobber memory, so the operands are read after
  // the control word is set, and the result (volatile below) is stored before the status
  // word is read: the arithmetic stays between them.
  const long double d = to_host(destination), s = to_host(source);
  long double result;
  switch (operation) {
    case X87Operation::Add:
      result = d + s;
      break;
    case X87Operation::Subtract:
      result = d - s;
      break;
    case X87Operation::Multiply:
      result = d * s;
      break;
    case X87Operation::Divide:
      result = d / s;
      break;
    case X87Operation::SquareRoot:
      result = s;
      asm("fsqrt" : "+t"(result));  // not sqrtl: libm's wrapper would add an errno check
      break;
    case X87Operation::Absolute:
      result = __builtin_fabsl(s);
      break;
    default:
      result = -s;
      break;
  }
  const bool unrounded = operation == X87Operation::Absolute || operation == X87Operation::Negate;
  if (unrounded || rounding.precision != RoundingPrecision::Extended)
    result = round_in_environment(result);
  volatile long double stored = result;
  return {checked(stored), environment.exceptions()};
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
      libm_binary(ieee ? static_cast<Binary>(remainderl) : static_cast<Binary>(fmodl), destination,
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

// The operations by opmode (PRM 5.1, 5.2; FPU UM Table 4-?): what fpu_operate runs.
enum class Operation : std::uint8_t {
  Undefined,
  Move,
  Int,
  IntRoundToZero,
  SquareRoot,
  Absolute,
  Negate,
  GetExponent,
  GetMantissa,
  Divide,
  Modulo,
  Add,
  Multiply,
  SingleDivide,
  Remainder,
  Scale,
  SingleMultiply,
  Subtract,
  SineCosine,
  Compare,
  Test,
  Transcendental,
};

// An opmode's operation and the rounding precision it forces (the 68040's FSxxx/FDxxx forms
// round to single or double whatever FPCR says, 040 UM 9.x).
struct OpmodeTraits {
  Operation operation = Operation::Undefined;
  bool forces_precision = false;
  RoundingPrecision precision = RoundingPrecision::Extended;
  bool on_68040_only = false;           // the FS/FD forms (0x40-0x6F)
  bool unimplemented_on_68040 = false;  // left to software (040 UM 9.x)
  Unary function = nullptr;             // Transcendental: its libm function
};

struct TranscendentalOpmode {
  std::uint8_t opmode;
  Unary function;
};
constexpr TranscendentalOpmode kTranscendentals[] = {
    {0x02, sinhl},  {0x06, log1pl}, {0x08, expm1l}, {0x09, tanhl}, {0x0A, atanl}, {0x0C, asinl},
    {0x0D, atanhl}, {0x0E, sinl},   {0x0F, tanl},   {0x10, expl},  {0x11, exp2l}, {0x12, exp10l},
    {0x14, logl},   {0x15, log10l}, {0x16, log2l},  {0x19, coshl}, {0x1C, acosl}, {0x1D, cosl},
};

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

// The 68881's opmodes 0x00-0x3F (FPU UM 4.2) that are not transcendental.
constexpr Operation plain_operation(unsigned opmode) {
  if (opmode >= kOpSinCosFirst && opmode <= kOpSinCosLast) return Operation::SineCosine;
  switch (opmode) {
    case kOpMove:
      return Operation::Move;
    case 0x01:
      return Operation::Int;
    case 0x03:
      return Operation::IntRoundToZero;
    case 0x04:
      return Operation::SquareRoot;
    case 0x18:
      return Operation::Absolute;
    case 0x1A:
      return Operation::Negate;
    case 0x1E:
      return Operation::GetExponent;
    case 0x1F:
      return Operation::GetMantissa;
    case 0x20:
      return Operation::Divide;
    case 0x21:
      return Operation::Modulo;
    case 0x22:
      return Operation::Add;
    case 0x23:
      return Operation::Multiply;
    case 0x24:
      return Operation::SingleDivide;
    case 0x25:
      return Operation::Remainder;
    case 0x26:
      return Operation::Scale;
    case 0x27:
      return Operation::SingleMultiply;
    case 0x28:
      return Operation::Subtract;
    case kOpCompare:
      return Operation::Compare;
    case kOpTest:
      return Operation::Test;
    default:
      return Operation::Undefined;
  }
}

// 040 UM 9.x: the transcendental group, FSINCOS, FINT, FINTRZ, FGETEXP, FGETMAN, FMOD,
// FREM, FSCALE, FSGLDIV and FSGLMUL are the FPSP's.
constexpr bool left_to_68040_software(Operation operation) {
  switch (operation) {
    case Operation::Transcendental:
    case Operation::SineCosine:
    case Operation::Int:
    case Operation::IntRoundToZero:
    case Operation::GetExponent:
    case Operation::GetMantissa:
    case Operation::Modulo:
    case Operation::Remainder:
    case Operation::Scale:
    case Operation::SingleDivide:
    case Operation::SingleMultiply:
      return true;
    default:
      return false;
  }
}

// Every opmode's traits, worked out once: the command word's opmode indexes it.
constexpr std::array<OpmodeTraits, 128> kOpmodes = [] {
  std::array<OpmodeTraits, 128> table{};
  for (unsigned opmode = 0; opmode < 0x40; ++opmode) {
    OpmodeTraits& traits = table[opmode];
    traits.operation = plain_operation(opmode);
    for (const TranscendentalOpmode& t : kTranscendentals) {
      if (t.opmode != opmode) continue;
      traits.operation = Operation::Transcendental;
      traits.function = t.function;
    }
    traits.unimplemented_on_68040 = left_to_68040_software(traits.operation);
  }
  for (const PrecisionForm& form : kPrecisionForms) {
    OpmodeTraits& traits = table[form.opmode];
    traits.operation = plain_operation(form.base);
    traits.forces_precision = true;
    traits.precision = form.precision;
    traits.on_68040_only = true;
  }
  return table;
}();

constexpr bool is_dyadic(Operation operation) {
  switch (operation) {
    case Operation::Divide:
    case Operation::Modulo:
    case Operation::Add:
    case Operation::Multiply:
    case Operation::SingleDivide:
    case Operation::Remainder:
    case Operation::Scale:
    case Operation::SingleMultiply:
    case Operation::Subtract:
    case Operation::Compare:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool opmode_unimplemented_on_68040(unsigned opmode) {
  return kOpmodes[opmode & 0x7F].unimplemented_on_68040;
}

bool opmode_dyadic(unsigned opmode) {
  return is_dyadic(kOpmodes[opmode & 0x7F].operation);
}

bool opmode_defined(unsigned opmode, FpuModel model) {
  const OpmodeTraits& traits = kOpmodes[opmode & 0x7F];
  if (traits.on_68040_only && model != FpuModel::Mc68040) return false;
  return traits.operation != Operation::Undefined;
}

OperationResult fpu_operate(unsigned opmode, const Extended80& source_in,
                            const Extended80& destination_in, Rounding rounding) {
  const OpmodeTraits& traits = kOpmodes[opmode & 0x7F];
  if (traits.forces_precision) rounding.precision = traits.precision;
  const Operation operation = traits.operation;
  const Extended80 source = normalized(source_in), destination = normalized(destination_in);
  const bool dyadic = is_dyadic(operation);
  OperationResult r;
  r.stores = operation != Operation::Compare && operation != Operation::Test;

  // NaN operands (FPU UM 4.5.4): no arithmetic, the NaN (destination first) goes through.
  if (is_nan(source) || (dyadic && is_nan(destination))) {
    const Extended80 nan = dyadic && is_nan(destination) ? destination : source;
    if (is_signalling_nan(source) || (dyadic && is_signalling_nan(destination)))
      r.exceptions = kFpSnan;
    r.value = quiet(nan);
    r.condition = condition_codes(r.value);
    r.has_quotient = operation == Operation::Modulo || operation == Operation::Remainder;
    if (operation == Operation::SineCosine) {
      r.has_cosine = true;
      r.cosine = r.value;
    }
    return r;
  }

  FpResult result;
  switch (operation) {
    case Operation::Transcendental:
      result = transcendental(traits.function, source, rounding);
      break;
    case Operation::SineCosine: {
      const FpResult cosine = transcendental(cosl, source, rounding);
      result = transcendental(sinl, source, rounding);
      result.exceptions |= cosine.exceptions;
      r.has_cosine = true;
      r.cosine = cosine.value;
      break;
    }
    case Operation::Move:  // most values need no rounding (round_to's own first test)
      result =
          exact_in(rounding.precision, source) ? FpResult{source, 0} : round_to(source, rounding);
      break;
    case Operation::Int:
      result = libm_unary([](long double x) { return rintl(x); }, source, rounding);
      break;
    case Operation::IntRoundToZero:
      result = libm_unary([](long double x) { return truncl(x); }, source, rounding);
      break;
    case Operation::SquareRoot:
      result = x87_operate(X87Operation::SquareRoot, destination, source, rounding);
      break;
    case Operation::Absolute:
      result = x87_operate(X87Operation::Absolute, destination, source, rounding);
      break;
    case Operation::Negate:
      result = x87_operate(X87Operation::Negate, destination, source, rounding);
      break;
    case Operation::GetExponent:
      result = get_exponent(source);
      break;
    case Operation::GetMantissa:
      result = get_mantissa(source);
      break;
    case Operation::Divide:
      result = x87_operate(X87Operation::Divide, destination, source, rounding);
      break;
    case Operation::Modulo:
    case Operation::Remainder: {
      OperationResult m = modulo(destination, source, operation == Operation::Remainder, rounding);
      m.condition = condition_codes(m.value);
      return m;
    }
    case Operation::Add:
      result = x87_operate(X87Operation::Add, destination, source, rounding);
      break;
    case Operation::Multiply:
      result = x87_operate(X87Operation::Multiply, destination, source, rounding);
      break;
    case Operation::SingleDivide:
    case Operation::SingleMultiply:
      result = x87_operate(
          operation == Operation::SingleDivide ? X87Operation::Divide : X87Operation::Multiply,
          single_mantissa(destination), single_mantissa(source),
          {rounding.mode, RoundingPrecision::Single});
      break;
    case Operation::Scale:
      result = scale(destination, source, rounding);
      break;
    case Operation::Subtract:
      result = x87_operate(X87Operation::Subtract, destination, source, rounding);
      break;
    case Operation::Compare:
      r.condition = compare(destination, source);
      return r;
    case Operation::Test:
      r.condition = condition_codes(source);
      return r;
    default:
      result = {kDefaultNan, kFpOperr};
      break;
  }
  r.value = result.value;
  r.exceptions = result.exceptions;
  r.condition = condition_codes(r.value);
  return r;
}

}  // namespace anvil::m68k
