// The FPU's value layer against outside references: the MC68881/MC68882 User's Manual
// ("FPU UM") for bit patterns and FPSR bits, the host's own long double arithmetic and libm
// for results, and qemu-m68k 7.2 (-cpu m68020) for a few results (marked "qemu"), taken
// from a static program built with m68k-linux-gnu-gcc that printed them in hex.
#include <catch2/catch.hpp>

#include <cfenv>
#include <cmath>
#include <cstring>
#include <random>

#include "cores/m68k/m68k_fpu_arith.h"
#include "cores/m68k/m68k_fpu_decimal.h"
#include "cores/m68k/m68k_fpu_float.h"

using namespace anvil::m68k;

namespace {

constexpr Rounding kNearest{};
Rounding with(RoundingMode mode, RoundingPrecision precision = RoundingPrecision::Extended) {
  return {mode, precision};
}

Extended80 x(long double v) {
  return from_host(v);
}

// Dyadic opmodes (PRM 5: FADD 0x22, FSUB 0x28, FMUL 0x23, FDIV 0x20...).
OperationResult dyadic(unsigned opmode, long double destination, long double source,
                       Rounding rounding = kNearest) {
  return fpu_operate(opmode, x(source), x(destination), rounding);
}

}  // namespace

TEST_CASE("extended values convert bit for bit to the host and the 12-byte image", "[m68k][fpu]") {
  const Extended80 pi{0x4000, 0xC90FDAA22168C235};
  std::uint8_t image[12];
  to_memory_image(pi, image);
  const std::uint8_t expected[12] = {0x40, 0x00, 0,    0,    0xC9, 0x0F,
                                     0xDA, 0xA2, 0x21, 0x68, 0xC2, 0x35};
  CHECK(std::memcmp(image, expected, 12) == 0);
  CHECK(from_memory_image(image) == pi);
  CHECK(to_host(pi) == 3.14159265358979323851281L);  // pi as a long double constant
  CHECK(from_host(-2.5L) == Extended80{0xC000, 0xA000000000000000});
}

TEST_CASE("FMOVECR constants are the manual's ROM values, rounded per FPCR", "[m68k][fpu]") {
  // FPU UM (FMOVECR): pi = $4000 C90FDAA2 2168C235 rounded to nearest; qemu agrees.
  FpResult pi = constant_rom(0x00, kNearest);
  CHECK(pi.value == Extended80{0x4000, 0xC90FDAA22168C235});
  CHECK(pi.exceptions == kFpInex2);
  CHECK(constant_rom(0x00, with(RoundingMode::Zero)).value ==
        Extended80{0x4000, 0xC90FDAA22168C234});
  // To single precision: the single-precision pi 0x40490FDB, widened.
  CHECK(constant_rom(0x00, with(RoundingMode::Nearest, RoundingPrecision::Single)).value ==
        from_single(0x40490FDB));
  CHECK(constant_rom(0x00, with(RoundingMode::Nearest, RoundingPrecision::Double)).value ==
        from_double(0x400921FB54442D18));
  CHECK(constant_rom(0x30, kNearest).value ==
        Extended80{0x3FFE, 0xB17217F7D1CF79AC});  // ln 2, qemu
  CHECK(constant_rom(0x3F, kNearest).value ==
        Extended80{0x7525, 0xC46052028A20979B});  // 1e4096, qemu
  // e rounds up: the host's e (expl(1), correctly rounded in glibc) and qemu's FETOX agree.
  CHECK(constant_rom(0x0C, kNearest).value == x(expl(1.0L)));
  const FpResult one = constant_rom(0x32, kNearest);  // 10^0 is exact: no INEX2
  CHECK(one.value == x(1.0L));
  CHECK(one.exceptions == 0);
  CHECK(constant_rom(0x37, kNearest).value == x(1e16L));
  CHECK(constant_rom(0x0F, kNearest).value == Extended80{});  // 0.0
  CHECK(constant_rom(0x05, kNearest).value == Extended80{});  // an undefined offset
}

TEST_CASE("add, subtract, multiply, divide, sqrt match the host's long double", "[m68k][fpu]") {
  std::mt19937_64 random(68881);
  std::uniform_real_distribution<double> mantissa(-1e6, 1e6);
  for (int i = 0; i < 200; ++i) {
    const long double a = static_cast<long double>(mantissa(random)) / 3.0L;
    const long double b = static_cast<long double>(mantissa(random)) / 7.0L;
    CHECK(dyadic(0x22, a, b).value == x(a + b));
    CHECK(dyadic(0x28, a, b).value == x(a - b));
    CHECK(dyadic(0x23, a, b).value == x(a * b));
    CHECK(dyadic(0x20, a, b).value == x(a / b));
    CHECK(fpu_operate(0x04, x(std::fabs(a)), {}, kNearest).value == x(sqrtl(std::fabs(a))));
  }
}

TEST_CASE("rounding precision and mode come from FPCR", "[m68k][fpu]") {
  // Single precision: the sum of two floats rounds like the host's float addition.
  const float a = 1.1f, b = 3.3e-3f;
  CHECK(dyadic(0x22, a, b, with(RoundingMode::Nearest, RoundingPrecision::Single)).value ==
        x(a + b));
  // qemu: 1 + 1e-20 to double toward plus infinity is 1 + 2^-52.
  CHECK(dyadic(0x22, 1.0L, 1e-20L, with(RoundingMode::Plus, RoundingPrecision::Double)).value ==
        Extended80{0x3FFF, 0x8000000000000800});
  CHECK(dyadic(0x22, 1.0L, 1e-20L, with(RoundingMode::Minus, RoundingPrecision::Double)).value ==
        x(1.0L));
  // 1/3 toward zero and toward plus infinity differ in the last bit.
  const Extended80 down = dyadic(0x20, 1.0L, 3.0L, with(RoundingMode::Zero)).value;
  const Extended80 up = dyadic(0x20, 1.0L, 3.0L, with(RoundingMode::Plus)).value;
  CHECK(up.mantissa == down.mantissa + 1);
  // The 68040's FSADD/FDADD force the precision whatever FPCR says (040 UM 9.x).
  CHECK(dyadic(0x62, 1.0L, 1e-10L).value == x(1.0L));
  CHECK(dyadic(0x66, 1.0L, 1e-10L).value == x(static_cast<double>(1.0L + 1e-10L)));
}

TEST_CASE("an FPU operation leaves the host's rounding and exception flags as it found them",
          "[m68k][fpu]") {
  // The host rounds toward zero with SSE's inexact flag already raised (1/3 in double).
  const int host_rounding = std::fegetround();
  std::feclearexcept(FE_ALL_EXCEPT);
  std::fesetround(FE_TOWARDZERO);
  volatile double one = 1.0, three = 3.0;
  volatile double third = one / three;
  (void)third;
  REQUIRE(std::fetestexcept(FE_INEXACT));
  // An exact sum reports no inexact although the host's flag was up (FPU UM 6.1: INEX2 only
  // for a rounded result), and 1/3 rounds to nearest as FPCR says, not as the host does.
  const OperationResult exact = dyadic(0x22, 1.0L, 1.0L);
  const OperationResult inexact = dyadic(0x20, 1.0L, 3.0L);
  const bool host_inexact_kept = std::fetestexcept(FE_INEXACT);
  const int rounding_after = std::fegetround();
  std::fesetround(host_rounding);
  std::feclearexcept(FE_ALL_EXCEPT);
  CHECK(exact.value == x(2.0L));
  CHECK((exact.exceptions & kFpInex2) == 0);
  CHECK((inexact.exceptions & kFpInex2) != 0);
  // 1/3 = 0.AAA...: to nearest the 64-bit mantissa rounds up (toward zero it would end in A).
  CHECK(inexact.value == Extended80{0x3FFD, 0xAAAAAAAAAAAAAAAB});
  CHECK(host_inexact_kept);
  CHECK(rounding_after == FE_TOWARDZERO);
}

TEST_CASE("overflow, underflow, divide by zero and operand errors set the manual's bits",
          "[m68k][fpu]") {
  const Extended80 largest{0x7FFE, 0xFFFFFFFFFFFFFFFF};
  // FPU UM 4.5.? (OVFL): round to nearest gives infinity, toward zero the largest number;
  // both are inexact.
  OperationResult r = fpu_operate(0x23, x(2.0L), largest, kNearest);
  CHECK(r.value == Extended80{0x7FFF, 0x8000000000000000});
  CHECK(r.exceptions == (kFpOvfl | kFpInex2));
  CHECK(r.condition == kFpI);
  CHECK(fpu_operate(0x23, x(2.0L), largest, with(RoundingMode::Zero)).value == largest);
  // UNFL: the smallest normal over 1e10 is a denormal (qemu: 0000 0000000036F9BFB4), inexact.
  r = fpu_operate(0x20, x(1e10L), Extended80{0x0001, 0x8000000000000000}, kNearest);
  CHECK(r.value == Extended80{0x0000, 0x0000000036F9BFB4});
  CHECK(r.exceptions == (kFpUnfl | kFpInex2));
  // DZ: 1/0 is +infinity; 0/0 is OPERR and the default NaN (all ones, FPU UM 3.2.4).
  r = dyadic(0x20, 1.0L, 0.0L);
  CHECK(r.value == Extended80{0x7FFF, 0x8000000000000000});
  CHECK(r.exceptions == kFpDz);
  r = dyadic(0x20, 0.0L, 0.0L);
  CHECK(r.value == kDefaultNan);
  CHECK(r.exceptions == kFpOperr);
  CHECK(r.condition == kFpNan);
  r = fpu_operate(0x04, x(-1.0L), {}, kNearest);  // sqrt(-1)
  CHECK(r.value == kDefaultNan);
  CHECK(r.exceptions == kFpOperr);
}

TEST_CASE("NaN operands pass through: SNAN quiets, the destination's NaN wins", "[m68k][fpu]") {
  const Extended80 signalling{0x7FFF, 0x8000000000001234};
  const Extended80 quiet_nan{0xFFFF, 0xC000000000005678};
  OperationResult r = fpu_operate(0x22, signalling, x(1.0L), kNearest);
  CHECK(r.value == Extended80{0x7FFF, 0xC000000000001234});  // qemu: 7FFF C000000000001234
  CHECK(r.exceptions == kFpSnan);
  CHECK(r.condition == kFpNan);
  r = fpu_operate(0x22, signalling, quiet_nan, kNearest);  // destination first (FPU UM 4.5.4)
  CHECK(r.value == quiet_nan);
  CHECK(r.exceptions == kFpSnan);
  CHECK(r.condition == (kFpNan | kFpN));
  CHECK(fpu_operate(0x00, quiet_nan, {}, kNearest).exceptions == 0);
}

TEST_CASE("FMOD and FREM leave the remainder and the quotient byte", "[m68k][fpu]") {
  // -10 mod 3: truncated quotient -3, remainder -1 (sign of the dividend).
  OperationResult r = dyadic(0x21, -10.0L, 3.0L);
  CHECK(r.value == x(-1.0L));
  CHECK(r.has_quotient);
  CHECK(r.quotient == 0x83);
  // 11 rem 3: quotient rounded to 4, remainder -1.
  r = dyadic(0x25, 11.0L, 3.0L);
  CHECK(r.value == x(-1.0L));
  CHECK(r.quotient == 4);
  // 1000.5 rem 1: the tie goes to the even quotient 1000, whose low seven bits are 0x68.
  r = dyadic(0x25, 1000.5L, 1.0L);
  CHECK(r.value == x(0.5L));
  CHECK(r.quotient == (1000 & 0x7F));
  r = dyadic(0x21, 1e30L, 7.0L);
  CHECK(r.value == x(fmodl(1e30L, 7.0L)));
  CHECK(dyadic(0x21, 1.0L, 0.0L).exceptions == kFpOperr);
}

TEST_CASE("FINT, FINTRZ, FGETEXP, FGETMAN, FSCALE, FSGLMUL, FCMP, FTST", "[m68k][fpu]") {
  CHECK(fpu_operate(0x01, x(2.5L), {}, kNearest).value == x(2.0L));  // to even
  CHECK(fpu_operate(0x01, x(-2.5L), {}, with(RoundingMode::Minus)).value == x(-3.0L));
  CHECK(fpu_operate(0x03, x(-2.7L), {}, kNearest).value == x(-2.0L));
  CHECK(fpu_operate(0x1E, x(10.0L), {}, kNearest).value == x(3.0L));   // qemu
  CHECK(fpu_operate(0x1F, x(10.0L), {}, kNearest).value == x(1.25L));  // qemu
  CHECK(fpu_operate(0x1E, x(INFINITY), {}, kNearest).exceptions == kFpOperr);
  CHECK(dyadic(0x26, 1.5L, 3.0L).value == x(12.0L));  // qemu
  // qemu: 1.1 * 3.3 with single-precision operands and result.
  CHECK(dyadic(0x27, 1.1L, 3.3L).value == Extended80{0x4000, 0xE851EA0000000000});
  CHECK(dyadic(0x38, 1.0L, 2.0L).condition == kFpN);  // 1 - 2 < 0
  CHECK(dyadic(0x38, 2.0L, 1.0L).condition == 0);
  CHECK(dyadic(0x38, 2.0L, 2.0L).condition == kFpZ);
  CHECK(dyadic(0x38, -INFINITY, -INFINITY).condition == (kFpZ | kFpN));
  CHECK(dyadic(0x38, 1.0L, NAN).condition == kFpNan);
  CHECK_FALSE(dyadic(0x38, 1.0L, 2.0L).stores);
  CHECK(fpu_operate(0x3A, x(-0.0L), {}, kNearest).condition == (kFpZ | kFpN));
}

TEST_CASE("transcendental operations give the host libm's results", "[m68k][fpu]") {
  for (long double v : {0.25L, 0.5L, 0.75L, 1.0L}) {
    CHECK(fpu_operate(0x0E, x(v), {}, kNearest).value == x(sinl(v)));
    CHECK(fpu_operate(0x1D, x(v), {}, kNearest).value == x(cosl(v)));
    CHECK(fpu_operate(0x0F, x(v), {}, kNearest).value == x(tanl(v)));
    CHECK(fpu_operate(0x0C, x(v), {}, kNearest).value == x(asinl(v)));
    CHECK(fpu_operate(0x0A, x(v), {}, kNearest).value == x(atanl(v)));
    CHECK(fpu_operate(0x10, x(v), {}, kNearest).value == x(expl(v)));
    CHECK(fpu_operate(0x14, x(v), {}, kNearest).value == x(logl(v)));
    CHECK(fpu_operate(0x16, x(v), {}, kNearest).value == x(log2l(v)));
    CHECK(fpu_operate(0x12, x(v), {}, kNearest).value == x(exp10l(v)));
  }
  // sin 1 = 0.D76AA47848677020C6E9... (bc -l): rounds up (qemu 7.2 truncates to ...7020).
  CHECK(fpu_operate(0x0E, x(1.0L), {}, kNearest).value == Extended80{0x3FFE, 0xD76AA47848677021});
  // qemu's FETOX of 1 is the same bits.
  CHECK(fpu_operate(0x10, x(1.0L), {}, kNearest).value == Extended80{0x4000, 0xADF85458A2BB4A9B});
  const OperationResult sincos = fpu_operate(0x33, x(0.5L), {}, kNearest);
  CHECK(sincos.value == x(sinl(0.5L)));
  REQUIRE(sincos.has_cosine);
  CHECK(sincos.cosine == x(cosl(0.5L)));
  // Out of the domain: OPERR (FPU UM, FLOGN: negative operand); log 0 divides by zero.
  CHECK(fpu_operate(0x14, x(-1.0L), {}, kNearest).exceptions == kFpOperr);
  const OperationResult log_zero = fpu_operate(0x14, x(0.0L), {}, kNearest);
  CHECK(log_zero.exceptions == kFpDz);
  CHECK(log_zero.value == Extended80{0xFFFF, 0x8000000000000000});
}

TEST_CASE("memory formats load exactly and store rounded", "[m68k][fpu]") {
  CHECK(from_integer(-7) == x(-7.0L));
  CHECK(from_integer(INT32_MIN) == x(-2147483648.0L));
  CHECK(from_single(0x3FC00000) == x(1.5L));
  CHECK(from_single(0x00000001) == x(std::ldexp(1.0L, -149)));  // the smallest denormal
  CHECK(from_double(0x3FB999999999999A) == x(0.1));
  CHECK(is_signalling_nan(from_single(0x7F800001)));
  CHECK(to_single(x(0.1L), RoundingMode::Nearest).bits == std::bit_cast<std::uint32_t>(0.1f));
  const BitsResult truncated = to_single(x(0.1L), RoundingMode::Zero);
  CHECK(truncated.bits == 0x3DCCCCCC);
  CHECK(truncated.exceptions == kFpInex2);
  CHECK(to_double(x(1e300L * 1e300L), RoundingMode::Nearest).exceptions == (kFpOvfl | kFpInex2));
  CHECK(to_integer(x(2.5L), 32, RoundingMode::Nearest).value == 2);
  CHECK(to_integer(x(-2.5L), 32, RoundingMode::Minus).value == -3);
  const IntegerResult too_big = to_integer(x(300.0L), 8, RoundingMode::Nearest);
  CHECK(too_big.value == 127);
  CHECK(too_big.exceptions == kFpOperr);
  CHECK(to_integer(x(-1e10L), 32, RoundingMode::Nearest).value == INT32_MIN);
  // An unnormal (integer bit clear) is a number (FPU UM 3.2.2): 0.5 * 2^1 = 1.
  CHECK(normalized(Extended80{0x4000, 0x4000000000000000}) == x(1.0L));
}

TEST_CASE("packed decimal converts both ways with the k-factor", "[m68k][fpu]") {
  // PRM 1.6.6: +1.2345E+2 is integer digit 1, fraction 2345, exponent 002.
  const PackedImage value = {0x00, 0x02, 0x00, 0x01, 0x23, 0x45, 0, 0, 0, 0, 0, 0};
  FpResult in = from_packed(value, kNearest);
  CHECK(in.value == x(123.45L));
  CHECK(in.exceptions == kFpInex1);  // 123.45 has no exact binary value
  const PackedImage small = {0x40, 0x03, 0x00, 0x01, 0x25, 0, 0, 0, 0, 0, 0, 0};  // 1.25E-3
  CHECK(from_packed(small, kNearest).value == x(1.25e-3L));
  // 3.3333333333333333E-1 lies between two extended values: the mode picks one.
  const PackedImage third = {0x40, 0x01, 0x00, 0x03, 0x33, 0x33,
                             0x33, 0x33, 0x33, 0x33, 0x33, 0x33};
  const Extended80 down = from_packed(third, with(RoundingMode::Zero)).value;
  const Extended80 up = from_packed(third, with(RoundingMode::Plus)).value;
  CHECK(up.mantissa == down.mantissa + 1);
  // Out: 123.456 with 5 significant digits, and with two digits after the point.
  PackedResult out = to_packed(x(123.456L), 5, RoundingMode::Nearest);
  CHECK(out.image == PackedImage{0x00, 0x02, 0x00, 0x01, 0x23, 0x46, 0, 0, 0, 0, 0, 0});
  CHECK(out.exceptions == kFpInex2);
  out = to_packed(x(123.456L), -2, RoundingMode::Nearest);
  CHECK(out.image == PackedImage{0x00, 0x02, 0x00, 0x01, 0x23, 0x46, 0, 0, 0, 0, 0, 0});
  out = to_packed(x(-0.00125L), 3, RoundingMode::Nearest);
  CHECK(out.image == PackedImage{0xC0, 0x03, 0x00, 0x01, 0x25, 0, 0, 0, 0, 0, 0, 0});
  out = to_packed(x(1.0L), 1, RoundingMode::Nearest);
  CHECK(out.image == PackedImage{0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(out.exceptions == 0);
  CHECK(to_packed(x(1.0L), 18, RoundingMode::Nearest).exceptions == kFpOperr);   // k > 17
  CHECK(to_packed(x(1e1000L), 3, RoundingMode::Nearest).exceptions & kFpOperr);  // 4 digits
}
