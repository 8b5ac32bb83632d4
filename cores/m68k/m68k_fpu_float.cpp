// The extended-precision value layer of the m68k FPU: classification, conversions between
// the 68881's formats (FPU UM 3.1) and the host's x87 long double, and the x87 control word
// that carries FPCR's rounding mode and precision (FPU UM 4.3.2).
#include "cores/m68k/m68k_fpu_float.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace anvil::m68k {

namespace {

// An IEEE single or double (FPU UM 3.1.2) as an extended value, exactly; denormals are
// normalised, a signalling NaN stays signalling (its payload moves to the top).
Extended80 from_ieee(std::uint64_t bits, unsigned exponent_bits, unsigned fraction_bits) {
  const bool negative = (bits >> (exponent_bits + fraction_bits)) & 1;
  const unsigned max_exponent = (1u << exponent_bits) - 1;
  const unsigned bias = max_exponent >> 1;
  const unsigned biased = static_cast<unsigned>(bits >> fraction_bits) & max_exponent;
  const std::uint64_t fraction = bits & ((std::uint64_t{1} << fraction_bits) - 1);
  const std::uint16_t sign = negative ? 0x8000 : 0;
  Extended80 x;
  if (biased == max_exponent) {
    x = {static_cast<std::uint16_t>(sign | kExponentMask),
         kIntegerBit | (fraction << (63 - fraction_bits))};
  } else if (biased == 0) {
    if (fraction == 0) return {sign, 0};
    // value = fraction * 2^(1 - bias - fraction_bits): put its top bit at bit 63.
    const int shift = std::countl_zero(fraction);
    const int exponent =
        16383 + (1 - static_cast<int>(bias)) - static_cast<int>(fraction_bits) + (63 - shift);
    x = {static_cast<std::uint16_t>(sign | exponent), fraction << shift};
  } else {
    x = {static_cast<std::uint16_t>(sign | (biased - bias + 16383)),
         kIntegerBit | (fraction << (63 - fraction_bits))};
  }
  return x;
}

}  // namespace

// The SSE unit is set to the same rounding and its flags are read too: glibc's long double
// functions report domain errors through double arithmetic (__kernel_standard), which x86-64
// does in SSE. MXCSR's flags 5-0 have the x87 status word's layout, its RC field (14-13)
// the control word's encoding.
// fldcw and ldmxcsr are slow (serialising on many hosts) and the control word the 68881
// wants is nearly always the host's own (round to nearest, extended): each is skipped when
// the register already holds the value, so one FPU operation costs two stores and a clear.
X87Environment::X87Environment(Rounding rounding) {
  asm volatile("fnstcw %0\n\tstmxcsr %1" : "=m"(saved_control_), "=m"(saved_sse_) : : "memory");
  control_ = x87_control_word(rounding);
  if (control_ != saved_control_) asm volatile("fldcw %0" : : "m"(control_) : "memory");
  asm volatile("fnclex" : : : "memory");
  const std::uint32_t sse = (saved_sse_ & ~0x603Fu) | ((control_ & 0x0C00u) << 3);
  if (sse != saved_sse_) asm volatile("ldmxcsr %0" : : "m"(sse) : "memory");
}

X87Environment::~X87Environment() {
  std::uint32_t sse = 0;
  asm volatile("fnclex\n\tstmxcsr %0" : "=m"(sse) : : "memory");
  if (control_ != saved_control_) asm volatile("fldcw %0" : : "m"(saved_control_) : "memory");
  if (sse != saved_sse_) asm volatile("ldmxcsr %0" : : "m"(saved_sse_) : "memory");
}

std::uint32_t X87Environment::exceptions() const {
  std::uint16_t status = 0;
  std::uint32_t sse = 0;
  asm volatile("fnstsw %0\n\tstmxcsr %1" : "=m"(status), "=m"(sse) : : "memory");
  return kExceptionsFromX87[(status | sse) & 0x3F];
}

Extended80 quiet(Extended80 nan) {
  nan.mantissa |= kQuietBit;
  return nan;
}

Extended80 normalized_unnormal(Extended80 x) {
  const unsigned exponent = exponent_of(x);
  const std::uint16_t sign = x.sign_exponent & 0x8000;
  if (exponent == kExponentMask) {
    x.mantissa |= kIntegerBit;
    return x;
  }
  if (exponent == 0 || (x.mantissa & kIntegerBit)) return x;
  if (x.mantissa == 0) return {sign, 0};
  const unsigned shift = static_cast<unsigned>(std::countl_zero(x.mantissa));
  if (shift < exponent)
    return {static_cast<std::uint16_t>(sign | (exponent - shift)), x.mantissa << shift};
  return {sign, x.mantissa << (exponent - 1)};  // too small to normalise: a denormal
}

void to_memory_image(const Extended80& x, std::uint8_t image[12]) {
  image[0] = static_cast<std::uint8_t>(x.sign_exponent >> 8);
  image[1] = static_cast<std::uint8_t>(x.sign_exponent);
  image[2] = image[3] = 0;
  for (unsigned i = 0; i < 8; ++i)
    image[4 + i] = static_cast<std::uint8_t>(x.mantissa >> (56 - 8 * i));
}

Extended80 from_memory_image(const std::uint8_t image[12]) {
  Extended80 x;
  x.sign_exponent = static_cast<std::uint16_t>((image[0] << 8) | image[1]);
  for (unsigned i = 0; i < 8; ++i) x.mantissa = (x.mantissa << 8) | image[4 + i];
  return x;
}

Extended80 from_integer(std::int32_t value) {
  if (value == 0) return {};
  const std::uint16_t sign = value < 0 ? 0x8000 : 0;
  const std::uint64_t magnitude =
      value < 0 ? 0 - static_cast<std::uint64_t>(static_cast<std::int64_t>(value))
                : static_cast<std::uint64_t>(value);
  const unsigned shift = static_cast<unsigned>(std::countl_zero(magnitude));
  return {static_cast<std::uint16_t>(sign | (16383 + 63 - shift)), magnitude << shift};
}

Extended80 from_single(std::uint32_t bits) {
  return from_ieee(bits, 8, 23);
}

Extended80 from_double(std::uint64_t bits) {
  return from_ieee(bits, 11, 52);
}

IntegerResult to_integer(const Extended80& source, unsigned bits, RoundingMode mode) {
  const Extended80 x = normalized(source);
  const std::int64_t largest = (std::int64_t{1} << (bits - 1)) - 1;
  const std::int64_t smallest = -largest - 1;
  if (is_nan(x))
    return {static_cast<std::int32_t>(largest), kFpOperr | (is_signalling_nan(x) ? kFpSnan : 0u)};
  long double rounded;
  {
    X87Environment environment({mode, RoundingPrecision::Extended});
    volatile long double value = to_host(x);
    volatile long double result = std::rintl(value);
    rounded = result;
  }
  const long double original = to_host(x);
  // FPU UM 4.5.3 (OPERR): an integer destination too small for the value takes the largest
  // integer of the value's sign.
  if (rounded > static_cast<long double>(largest))
    return {static_cast<std::int32_t>(largest), kFpOperr};
  if (rounded < static_cast<long double>(smallest))
    return {static_cast<std::int32_t>(smallest), kFpOperr};
  return {static_cast<std::int32_t>(static_cast<std::int64_t>(rounded)),
          rounded != original ? kFpInex2 : 0u};
}

BitsResult to_single(const Extended80& source, RoundingMode mode) {
  const Extended80 x = normalized(source);
  X87Scope environment({mode, RoundingPrecision::Extended});  // fstps: the x87 alone
  volatile long double value = to_host(x);
  volatile float result = static_cast<float>(value);
  std::uint32_t exceptions = environment.exceptions();
  if (is_signalling_nan(x)) exceptions = (exceptions & ~kFpOperr) | kFpSnan;
  return {std::bit_cast<std::uint32_t>(static_cast<float>(result)), exceptions};
}

BitsResult to_double(const Extended80& source, RoundingMode mode) {
  const Extended80 x = normalized(source);
  X87Scope environment({mode, RoundingPrecision::Extended});  // fstpl: the x87 alone
  volatile long double value = to_host(x);
  volatile double result = static_cast<double>(value);
  std::uint32_t exceptions = environment.exceptions();
  if (is_signalling_nan(x)) exceptions = (exceptions & ~kFpOperr) | kFpSnan;
  return {std::bit_cast<std::uint64_t>(static_cast<double>(result)), exceptions};
}

FpResult round_to(const Extended80& source, Rounding rounding) {
  const Extended80 x = normalized(source);
  if (is_signalling_nan(x)) return {quiet(x), kFpSnan};
  if (is_nan(x)) return {x, 0};
  if (exact_in(rounding.precision, x)) return {x, 0};  // FMOVE of most values: nothing to do
  X87Scope environment(rounding);
  volatile long double value = to_host(x);
  volatile long double result = round_in_environment(value);  // keeps the zero's sign
  return {from_host(result), environment.exceptions()};
}

}  // namespace anvil::m68k
