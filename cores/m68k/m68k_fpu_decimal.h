// The packed decimal real format (FPU UM 3.1.5, PRM 1.6.6) and the FMOVECR constant ROM
// (FPU UM 4.?, PRM 5-? FMOVECR): the two places the FPU converts from decimal.
#pragma once

#include <array>
#include <cstdint>

#include "cores/m68k/m68k_fpu_float.h"

namespace anvil::m68k {

using PackedImage = std::array<std::uint8_t, 12>;

// Packed decimal in: the value rounded per FPCR's mode and precision; an inexact conversion
// raises INEX1 (FPU UM 4.5, INEX1). Non-decimal digits are taken as they come (the 68881 does
// not check them either).
FpResult from_packed(const PackedImage& image, Rounding rounding);

// Packed decimal out with k-factor `k` (PRM 1.6.6): k > 0 gives k significant digits (at most
// 17; more is OPERR), k <= 0 gives -k digits right of the decimal point. Rounded in `mode`;
// INEX2 when the digits are not the exact value; OPERR when the exponent needs four digits.
struct PackedResult {
  PackedImage image{};
  std::uint32_t exceptions = 0;
};
PackedResult to_packed(const Extended80& value, int k, RoundingMode mode);

// FMOVECR's ROM (PRM 5, FMOVECR): pi, log10(2), e, log2(e), log10(e), 0.0 at 0x00
// and 0x0B-0x0F; ln 2, ln 10 and the powers of ten 10^0..10^4096 at 0x30-0x3F. Each
// constant is held with 32 bits beyond extended precision so it rounds correctly in every
// mode and precision; INEX2 when the rounded value is not exact. Other offsets read zero.
FpResult constant_rom(unsigned offset, Rounding rounding);

}  // namespace anvil::m68k
