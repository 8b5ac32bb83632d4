// The floating-point unit's programmer-visible state (68881/68882 and the 68040's on-chip
// FPU), shared by the integer core (which owns it, saves it in exception frames and shows it
// to debuggers) and the FPU instructions (m68k_fpu*.cpp).
//
// Reference: MC68881/MC68882 Floating-Point Coprocessor User's Manual (MC68881UM/AD), "FPU UM"
// below: 2.1 (registers), 3.1 (extended-precision format); M68000 Family Programmer's
// Reference Manual (PRM) 1.6 and 1.7.
#pragma once

#include <array>
#include <cstdint>

namespace anvil::m68k {

// Which FPU a variant has. The 68040's FPU implements a subset in hardware; the rest (the
// transcendental operations, packed decimal) trap to the unimplemented-instruction handler
// in system mode (68040 UM 9.x) and are emulated, as Linux does, in user mode.
enum class FpuModel : std::uint8_t { None, Mc68881, Mc68882, Mc68040 };

// An extended-precision value as the FPU stores it in memory and in FPn (FPU UM 3.1):
// a sign bit and 15-bit biased exponent, then a 64-bit mantissa with an explicit integer bit.
// (In memory the format has 16 unused bits between the two; they are not kept here.)
struct Extended80 {
  std::uint16_t sign_exponent = 0;
  std::uint64_t mantissa = 0;
  friend bool operator==(const Extended80&, const Extended80&) = default;
};

struct M68kFpuState {
  std::array<Extended80, 8> fp{};  // FP0-FP7; reset leaves them non-signalling NaNs (FPU UM 5.x)
  std::uint32_t fpcr = 0;          // control: exception enables (15-8), mode (7-4)
  std::uint32_t fpsr = 0;          // status: condition codes, quotient, exceptions, accrued
  std::uint32_t fpiar = 0;         // the address of the last FP instruction executed
};

}  // namespace anvil::m68k
