// Extended-precision arithmetic for the m68k FPU, done on the host's x87 80-bit long double.
// The 68881's extended format (FPU UM 3.1) and the x87's have the same 15-bit exponent and
// 64-bit mantissa with an explicit integer bit, so a value converts bit for bit; FPCR's
// rounding mode and rounding precision map onto the x87 control word's RC and PC fields,
// which round every add/sub/mul/div/sqrt exactly as the 68881 does (IEEE 754), exponent
// range staying extended (FPU UM 4.3.2). The x87 status word gives the exception bits.
//
// What differs between the two formats is normalised on the way in (unnormals, pseudo-
// infinities) and NaNs are handled here before the host sees them (FPU UM 4.5.4), so that
// the 68881's rules (destination NaN first, its default NaN) hold, not the x87's.
#pragma once

#include <array>
#include <cfloat>
#include <cstdint>
#include <cstring>

#include "cores/m68k/m68k_fpu_state.h"

static_assert(LDBL_MANT_DIG == 64, "the m68k FPU needs the host's x87 80-bit long double");

namespace anvil::m68k {

// FPSR exception byte (FPU UM 2.2.3, Figure 2-4); FPCR's enable byte has the same layout.
inline constexpr std::uint32_t kFpBsun = 0x8000;
inline constexpr std::uint32_t kFpSnan = 0x4000;
inline constexpr std::uint32_t kFpOperr = 0x2000;
inline constexpr std::uint32_t kFpOvfl = 0x1000;
inline constexpr std::uint32_t kFpUnfl = 0x0800;
inline constexpr std::uint32_t kFpDz = 0x0400;
inline constexpr std::uint32_t kFpInex2 = 0x0200;
inline constexpr std::uint32_t kFpInex1 = 0x0100;

// FPSR condition-code byte (FPU UM 2.2.1).
inline constexpr std::uint32_t kFpN = 0x08000000;
inline constexpr std::uint32_t kFpZ = 0x04000000;
inline constexpr std::uint32_t kFpI = 0x02000000;
inline constexpr std::uint32_t kFpNan = 0x01000000;

// FPCR mode byte (FPU UM 2.2.2): rounding precision in bits 7-6, rounding mode in 5-4.
enum class RoundingMode : std::uint8_t { Nearest, Zero, Minus, Plus };
enum class RoundingPrecision : std::uint8_t { Extended, Single, Double };
struct Rounding {
  RoundingMode mode = RoundingMode::Nearest;
  RoundingPrecision precision = RoundingPrecision::Extended;
};
// Precision 11 is "undefined" in the manual; the 68881 rounds to extended then.
inline Rounding rounding_from_fpcr(std::uint32_t fpcr) {
  const unsigned precision = (fpcr >> 6) & 3;
  return {static_cast<RoundingMode>((fpcr >> 4) & 3),
          precision == 3 ? RoundingPrecision::Extended : static_cast<RoundingPrecision>(precision)};
}

// A value and the FPSR exception bits the operation raised.
struct FpResult {
  Extended80 value;
  std::uint32_t exceptions = 0;
};

// ---- Classification (FPU UM 3.2: data types by exponent and mantissa) --------
constexpr std::uint16_t kExponentMask = 0x7FFF;
constexpr std::uint64_t kIntegerBit = 0x8000000000000000ull;
constexpr std::uint64_t kQuietBit = 0x4000000000000000ull;
inline bool is_negative(const Extended80& x) {
  return x.sign_exponent & 0x8000;
}
inline unsigned exponent_of(const Extended80& x) {
  return x.sign_exponent & kExponentMask;
}
inline bool is_nan(const Extended80& x) {
  return exponent_of(x) == kExponentMask && (x.mantissa << 1) != 0;
}
inline bool is_signalling_nan(const Extended80& x) {
  return is_nan(x) && !(x.mantissa & kQuietBit);
}
inline bool is_infinity(const Extended80& x) {
  return exponent_of(x) == kExponentMask && (x.mantissa << 1) == 0;
}
inline bool is_zero(const Extended80& x) {
  return exponent_of(x) != kExponentMask && x.mantissa == 0;
}
// Denormalised or unnormalised: what the 68040 leaves to software (040 UM 9.x).
inline bool is_denormal_or_unnormal(const Extended80& x) {
  const unsigned e = exponent_of(x);
  return (e == 0 && x.mantissa != 0) ||
         (e != 0 && e != kExponentMask && !(x.mantissa & kIntegerBit));
}
Extended80 quiet(Extended80 nan);
// The NaN the 68881 produces for an invalid operation (FPU UM 3.2.4): all ones, positive.
constexpr Extended80 kDefaultNan{0x7FFF, 0xFFFFFFFFFFFFFFFFull};
// What reset (and FRESTORE of a NULL frame) leaves in FPn: non-signalling NaNs.
constexpr Extended80 kResetNan = kDefaultNan;
inline Extended80 negated(Extended80 x) {
  x.sign_exponent ^= 0x8000;
  return x;
}
// Unnormals become normals (or zero), pseudo-infinities and pseudo-NaNs get the integer bit:
// the 68881 accepts them as operands (FPU UM 3.2.2), the x87 would call them invalid. A value
// with its integer bit set (nearly every one) is already what this returns.
Extended80 normalized_unnormal(Extended80 x);  // one whose integer bit is clear
inline Extended80 normalized(Extended80 x) {
  return (x.mantissa & kIntegerBit) ? x : normalized_unnormal(x);
}

// The condition-code byte for a result (FPU UM 4.3.4): N from the sign.
inline std::uint32_t condition_codes(const Extended80& x) {
  const std::uint32_t sign = is_negative(x) ? kFpN : 0;
  if (exponent_of(x) == kExponentMask) return sign | ((x.mantissa << 1) ? kFpNan : kFpI);
  return x.mantissa == 0 ? sign | kFpZ : sign;
}

// ---- Conversions between Extended80, the host and memory formats (FPU UM 3.1) -------------
// The x87's 80-bit format in memory is the same fields, little-endian: mantissa, then
// sign and exponent (Intel SDM vol. 1, 4.2.2).
inline long double to_host(const Extended80& x) {
  std::uint8_t bytes[sizeof(long double)] = {};
  std::memcpy(bytes, &x.mantissa, 8);
  std::memcpy(bytes + 8, &x.sign_exponent, 2);
  long double value;
  std::memcpy(&value, bytes, sizeof value);
  return value;
}
inline Extended80 from_host(long double value) {
  std::uint8_t bytes[sizeof(long double)];
  std::memcpy(bytes, &value, sizeof value);
  Extended80 x;
  std::memcpy(&x.mantissa, bytes, 8);
  std::memcpy(&x.sign_exponent, bytes + 8, 2);
  return x;
}

// The 12-byte memory image (FMOVE.X, FMOVEM, GDB's fp0-fp7): sign/exponent word, 16 zero
// bits, then the mantissa, big-endian.
void to_memory_image(const Extended80& x, std::uint8_t image[12]);
Extended80 from_memory_image(const std::uint8_t image[12]);

// Loads a memory operand as an extended value. Integers and single/double are exact; a
// signalling NaN stays signalling (the operation that uses it signals SNAN).
Extended80 from_integer(std::int32_t value);
Extended80 from_single(std::uint32_t bits);
Extended80 from_double(std::uint64_t bits);

// Stores to memory formats under `rounding` (its mode; precision does not apply to a store).
struct IntegerResult {
  std::int32_t value = 0;
  std::uint32_t exceptions = 0;
};
// `bits` is 8, 16 or 32. Out of range or NaN: OPERR and the largest integer of the sign.
IntegerResult to_integer(const Extended80& x, unsigned bits, RoundingMode mode);
struct BitsResult {
  std::uint64_t bits = 0;
  std::uint32_t exceptions = 0;
};
BitsResult to_single(const Extended80& x, RoundingMode mode);
BitsResult to_double(const Extended80& x, RoundingMode mode);

// The x87 control word for `rounding` (Intel SDM vol. 1, 8.1.5): every exception masked
// (bits 5-0, bit 6 reads as one), precision control in 9-8, rounding control in 11-10.
inline std::uint16_t x87_control_word(Rounding rounding) {
  constexpr std::uint16_t kAllMasked = 0x003F | 0x0040;
  constexpr std::uint16_t kPrecision[] = {0x0300, 0x0000, 0x0200};     // X, S, D
  constexpr std::uint16_t kMode[] = {0x0000, 0x0C00, 0x0400, 0x0800};  // RN RZ RM RP
  return kAllMasked | kPrecision[static_cast<unsigned>(rounding.precision)] |
         kMode[static_cast<unsigned>(rounding.mode)];
}

// The FPSR exception bits for the x87 status word's flags 5-0 (MXCSR's have the same layout):
// IE -> OPERR, ZE -> DZ, OE -> OVFL, UE -> UNFL, PE -> INEX2 (DE, bit 1, has no 68881 match).
inline constexpr std::array<std::uint16_t, 64> kExceptionsFromX87 = [] {
  std::array<std::uint16_t, 64> table{};
  for (unsigned flags = 0; flags < 64; ++flags) {
    std::uint32_t e = 0;
    if (flags & 1) e |= kFpOperr;
    if (flags & 4) e |= kFpDz;
    if (flags & 8) e |= kFpOvfl;
    if (flags & 16) e |= kFpUnfl;
    if (flags & 32) e |= kFpInex2;
    table[flags] = static_cast<std::uint16_t>(e);
  }
  return table;
}();

// Sets the x87 control word for `rounding` for its lifetime (all x87 exceptions masked, so
// the host gives IEEE default results as the 68881 does with its enables clear) and clears
// the status word; exceptions() maps what was raised since (kExceptionsFromX87). The SSE unit
// is set and read alike (see the .cpp): for code that calls libm. Operands should be read
// from, and results written to, volatile objects inside its scope so the compiler keeps the
// arithmetic there.
class X87Environment {
 public:
  explicit X87Environment(Rounding rounding);
  ~X87Environment();
  X87Environment(const X87Environment&) = delete;
  X87Environment& operator=(const X87Environment&) = delete;
  std::uint32_t exceptions() const;

 private:
  std::uint16_t saved_control_ = 0;
  std::uint16_t control_ = 0;  // the one set for this scope
  std::uint32_t saved_sse_ = 0;
};

// X87Environment for arithmetic the x87 does alone (add, subtract, multiply, divide, square
// root, rounding on a store): no SSE instruction runs in the scope, so MXCSR is neither set
// nor read, and the x87 status word is left as the operation left it (every scope clears it
// on entry; no other host code reads the x87 flags: host_floating_point.h reads MXCSR). The
// control word is loaded only when it is not the one already there (fldcw is slow and the
// 68881's default, round to nearest at extended precision, is the host's own).
class X87Scope {
 public:
  explicit X87Scope(Rounding rounding) : control_(x87_control_word(rounding)) {
    asm volatile("fnstcw %0" : "=m"(saved_control_) : : "memory");
    if (control_ != saved_control_) asm volatile("fldcw %0" : : "m"(control_) : "memory");
    asm volatile("fnclex" : : : "memory");
  }
  ~X87Scope() {
    if (control_ != saved_control_) asm volatile("fldcw %0" : : "m"(saved_control_) : "memory");
  }
  X87Scope(const X87Scope&) = delete;
  X87Scope& operator=(const X87Scope&) = delete;
  std::uint32_t exceptions() const {
    std::uint16_t status = 0;
    asm volatile("fnstsw %0" : "=m"(status) : : "memory");
    return kExceptionsFromX87[status & 0x3F];
  }

 private:
  std::uint16_t control_;
  std::uint16_t saved_control_ = 0;
};

// x rounded to the environment's precision and mode: x * 1 by a multiplier the compiler
// cannot see (it folds a literal x * 1.0 away).
inline long double round_in_environment(long double x) {
  volatile long double one = 1.0L;
  return x * one;
}

// Whether a normalised value is one `precision` holds as it is, so that rounding it changes
// nothing and raises nothing: zero, an infinity, or a normal number (exponent 1-0x7FFE,
// integer bit set) whose mantissa fits the precision's 24, 53 or 64 bits. (The x87 rounds
// to the precision but keeps the extended exponent range, FPU UM 4.3.2, so range is no
// question; a denormal is left to the host.)
inline bool exact_in(RoundingPrecision precision, const Extended80& x) {
  constexpr std::uint64_t kDroppedBits[] = {0, (std::uint64_t{1} << 40) - 1,
                                            (std::uint64_t{1} << 11) - 1};
  const unsigned exponent = exponent_of(x);
  if (exponent == kExponentMask) return (x.mantissa << 1) == 0;
  if (exponent == 0) return x.mantissa == 0;
  return (x.mantissa & kIntegerBit) &&
         (x.mantissa & kDroppedBits[static_cast<unsigned>(precision)]) == 0;
}

// Rounds an extended value to `rounding` (FMOVE into FPn, and results the host computed at
// a different precision). A signalling NaN is quieted with SNAN.
FpResult round_to(const Extended80& x, Rounding rounding);

}  // namespace anvil::m68k
