// Packed decimal conversions and the constant ROM. The decimal work is the host C library's
// (strtold and printf, both correctly rounded in glibc and honouring the x87 rounding mode
// the X87Environment sets); this file only moves digits between them and the BCD layout.
#include "cores/m68k/m68k_fpu_decimal.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace anvil::m68k {

namespace {

// Packed layout (PRM 1.6.6): byte 0: SM, SE, Y, Y, exponent digit 2; byte 1:
// exponent digits 1, 0; byte 2: exponent digit 3 (output only) in the high nibble; byte 3:
// the integer digit in the low nibble; bytes 4-11: sixteen fraction digits.
constexpr std::uint8_t kMantissaSign = 0x80, kExponentSign = 0x40;

unsigned digit_at(const PackedImage& image, unsigned nibble) {  // nibble 0 = byte 0's high
  const std::uint8_t byte = image[nibble / 2];
  return nibble % 2 ? byte & 0xF : byte >> 4;
}

void set_digit(PackedImage& image, unsigned nibble, unsigned digit) {
  std::uint8_t& byte = image[nibble / 2];
  byte = nibble % 2 ? static_cast<std::uint8_t>((byte & 0xF0) | digit)
                    : static_cast<std::uint8_t>((byte & 0x0F) | (digit << 4));
}

struct RomConstant {
  std::uint8_t offset;
  std::uint16_t exponent;
  std::uint64_t mantissa;
  std::uint32_t extra;  // the next 32 bits of the true value
  bool more;            // whether bits beyond those are non-zero
};

// Computed to 1400 decimal digits with bc(1); the first 64 bits agree with the 68881's ROM
// values as published (e.g. pi = 4000 C90FDAA2 2168C235 rounded to nearest).
constexpr RomConstant kRom[] = {
    {0x00, 0x4000, 0xC90FDAA22168C234, 0xC4C6628B, true},   // pi
    {0x0B, 0x3FFD, 0x9A209A84FBCFF798, 0x8F8959AC, true},   // log10(2)
    {0x0C, 0x4000, 0xADF85458A2BB4A9A, 0xAFDC5620, true},   // e
    {0x0D, 0x3FFF, 0xB8AA3B295C17F0BB, 0xBE87FED0, true},   // log2(e)
    {0x0E, 0x3FFD, 0xDE5BD8A937287195, 0x355BAAAF, true},   // log10(e)
    {0x0F, 0x0000, 0, 0, false},                            // 0.0
    {0x30, 0x3FFE, 0xB17217F7D1CF79AB, 0xC9E3B398, true},   // ln(2)
    {0x31, 0x4000, 0x935D8DDDAAA8AC16, 0xEA56D62B, true},   // ln(10)
    {0x32, 0x3FFF, 0x8000000000000000, 0, false},           // 10^0
    {0x33, 0x4002, 0xA000000000000000, 0, false},           // 10^1
    {0x34, 0x4005, 0xC800000000000000, 0, false},           // 10^2
    {0x35, 0x400C, 0x9C40000000000000, 0, false},           // 10^4
    {0x36, 0x4019, 0xBEBC200000000000, 0, false},           // 10^8
    {0x37, 0x4034, 0x8E1BC9BF04000000, 0, false},           // 10^16
    {0x38, 0x4069, 0x9DC5ADA82B70B59D, 0xF0200000, false},  // 10^32
    {0x39, 0x40D3, 0xC2781F49FFCFA6D5, 0x3CBF6B71, true},   // 10^64
    {0x3A, 0x41A8, 0x93BA47C980E98CDF, 0xC66F336C, true},   // 10^128
    {0x3B, 0x4351, 0xAA7EEBFB9DF9DE8D, 0xDDBB901B, true},   // 10^256
    {0x3C, 0x46A3, 0xE319A0AEA60E91C6, 0xCC655C54, true},   // 10^512
    {0x3D, 0x4D48, 0xC976758681750C17, 0x650D3D28, true},   // 10^1024
    {0x3E, 0x5A92, 0x9E8B3B5DC53D5DE4, 0xA74D28CE, true},   // 10^2048
    {0x3F, 0x7525, 0xC46052028A20979A, 0xC94C153F, true},   // 10^4096
};

// Rounds a positive 96-bit mantissa (plus a sticky bit) to the precision's width.
constexpr FpResult round_constant(const RomConstant& c, Rounding rounding) {
  const unsigned width = rounding.precision == RoundingPrecision::Single   ? 24
                         : rounding.precision == RoundingPrecision::Double ? 53
                                                                           : 64;
  using Wide = unsigned __int128;
  const Wide full = (Wide{c.mantissa} << 32) | c.extra;
  const unsigned dropped = 96 - width;
  Wide kept = full >> dropped;
  const Wide rest = full & ((Wide{1} << dropped) - 1);
  const Wide half = Wide{1} << (dropped - 1);
  const bool inexact = rest != 0 || c.more;
  bool up = false;
  switch (rounding.mode) {
    case RoundingMode::Nearest:
      up = rest > half || (rest == half && (c.more || (kept & 1)));
      break;
    case RoundingMode::Plus:
      up = inexact;
      break;
    default:
      break;  // toward zero and toward minus infinity truncate a positive value
  }
  std::uint16_t exponent = c.exponent;
  if (up && ++kept >> width) {
    kept >>= 1;
    ++exponent;
  }
  const Extended80 value{exponent, static_cast<std::uint64_t>(kept << (64 - width))};
  return {value, inexact ? kFpInex2 : 0u};
}

// The ROM constant at `offset` rounded per `rounding`; offsets with none read as zero.
constexpr FpResult rom_entry(unsigned offset, Rounding rounding) {
  for (const RomConstant& c : kRom)
    if (c.offset == offset) return c.mantissa ? round_constant(c, rounding) : FpResult{};
  return {};
}

// Every offset rounded as FPCR's default (round to nearest, extended) has it, worked out
// once: what FMOVECR nearly always gives.
constexpr std::array<FpResult, 64> kRomNearest = [] {
  std::array<FpResult, 64> table{};
  for (unsigned offset = 0; offset < 64; ++offset) table[offset] = rom_entry(offset, {});
  return table;
}();

}  // namespace

FpResult constant_rom(unsigned offset, Rounding rounding) {
  const bool nearest_extended =
      rounding.mode == RoundingMode::Nearest && rounding.precision == RoundingPrecision::Extended;
  if (nearest_extended && offset < 64) return kRomNearest[offset];
  return rom_entry(offset, rounding);
}

FpResult from_packed(const PackedImage& image, Rounding rounding) {
  const bool negative = image[0] & kMantissaSign;
  const unsigned exponent_digits = (digit_at(image, 1) << 8) | image[1];
  std::uint64_t fraction = 0;
  for (unsigned i = 4; i < 12; ++i) fraction = (fraction << 8) | image[i];
  const unsigned integer_digit = image[3] & 0xF;
  const std::uint16_t sign = negative ? 0x8000 : 0;
  if (exponent_digits == 0xFFF) {  // infinity or NaN (PRM 1.6.6): the mantissa says which
    if (fraction == 0) return {{static_cast<std::uint16_t>(sign | kExponentMask), kIntegerBit}, 0};
    return {{static_cast<std::uint16_t>(sign | kExponentMask), fraction}, 0};
  }
  std::string text = negative ? "-" : "";
  text += static_cast<char>('0' + integer_digit % 10);
  text += '.';
  for (unsigned nibble = 8; nibble < 24; ++nibble)
    text += static_cast<char>('0' + digit_at(image, nibble) % 10);
  text += (image[0] & kExponentSign) ? "e-" : "e";
  for (unsigned nibble = 1; nibble < 4; ++nibble)
    text += static_cast<char>('0' + digit_at(image, nibble) % 10);
  X87Environment environment(rounding);
  // strtold honours the x87 rounding mode (std::from_chars does not); packed decimal text
  // is built with '.', so this assumes the C locale's LC_NUMERIC, which Anvil never changes.
  volatile long double value = std::strtold(text.c_str(), nullptr);
  volatile long double rounded =
      round_in_environment(value);  // rounding precision, when not extended
  std::uint32_t exceptions = environment.exceptions();
  if (exceptions & kFpInex2) exceptions = (exceptions & ~kFpInex2) | kFpInex1;
  return {from_host(rounded), exceptions};
}

PackedResult to_packed(const Extended80& source, int k, RoundingMode mode) {
  PackedResult r;
  const Extended80 x = normalized(source);
  if (is_negative(x)) r.image[0] |= kMantissaSign;
  if (exponent_of(x) == kExponentMask) {  // infinity or NaN: all-ones exponent, the mantissa
    r.image[0] |= 0x7F;
    r.image[1] = 0xFF;
    const std::uint64_t fraction = is_nan(x) ? x.mantissa : 0;
    for (unsigned i = 0; i < 8; ++i)
      r.image[4 + i] = static_cast<std::uint8_t>(fraction >> (56 - 8 * i));
    if (is_signalling_nan(x)) r.exceptions |= kFpSnan;
    return r;
  }
  if (is_zero(x)) return r;
  if (k > 17) {
    r.exceptions |= kFpOperr;
    k = 17;
  }
  const long double value = to_host(x);
  int digits = k;
  if (k <= 0) {  // -k digits after the point: the decimal exponent decides how many in all
    const int decimal_exponent = static_cast<int>(floorl(log10l(fabsl(value))));
    digits = decimal_exponent + 1 - k;
    if (digits < 1) digits = 1;
    if (digits > 17) digits = 17;
  }
  char text[64];
  {
    X87Environment environment({mode, RoundingPrecision::Extended});  // printf rounds in it
    std::snprintf(text, sizeof text, "%.*Le", digits - 1, value < 0 ? -value : value);
  }
  // Exactness: the digits read back (to nearest) give the value, without rounding.
  {
    X87Environment environment({});
    volatile long double back = std::strtold(text, nullptr);
    if (back != (value < 0 ? -value : value) || (environment.exceptions() & kFpInex2))
      r.exceptions |= kFpInex2;
  }
  const std::string s = text;  // d.ddddde[+-]xx
  set_digit(r.image, 7, static_cast<unsigned>(s[0] - '0'));
  const std::size_t e = s.find('e');
  for (std::size_t i = 2, nibble = 8; i < e && nibble < 24; ++i, ++nibble)
    set_digit(r.image, static_cast<unsigned>(nibble), static_cast<unsigned>(s[i] - '0'));
  int exponent = std::atoi(s.c_str() + e + 1);
  if (exponent < 0) {
    r.image[0] |= kExponentSign;
    exponent = -exponent;
  }
  if (exponent > 999) {
    r.exceptions |= kFpOperr;
    set_digit(r.image, 4, static_cast<unsigned>(exponent / 1000));
  }
  set_digit(r.image, 1, static_cast<unsigned>(exponent / 100 % 10));
  set_digit(r.image, 2, static_cast<unsigned>(exponent / 10 % 10));
  set_digit(r.image, 3, static_cast<unsigned>(exponent % 10));
  return r;
}

}  // namespace anvil::m68k
