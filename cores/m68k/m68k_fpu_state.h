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

// The FPU's internal state between two instructions, what FSAVE writes beyond the format
// word (FPU UM 6.4.2 IDLE frame; 040 UM 9.x IDLE and UNIMP frames) and FRESTORE reloads.
struct FpInternalState {
  // 68881/68882: an enabled arithmetic exception the FPU reports when the next FP
  // instruction starts (FPU UM 6.1, "pre-instruction"); BIU flag bit 27 clear in FSAVE.
  bool exception_pending = false;
  std::uint16_t command = 0;           // CMDREG: the command word of the last general op
  Extended80 exceptional_operand{};    // the operand the handler is given (FPU UM 6.1)
  std::uint32_t operand_register = 0;  // the last long of the last operand transferred
  // 68040: an unimplemented-data-type or unimplemented-instruction exception was taken;
  // FSAVE writes the UNIMP frame (ETEMP: source, FPTEMP: destination) until FRESTORE.
  bool unimplemented_frame = false;
  Extended80 destination_operand{};             // FPTEMP
  std::array<std::uint8_t, 12> source_bytes{};  // ETEMP as the instruction read it
  friend bool operator==(const FpInternalState&, const FpInternalState&) = default;
};

struct M68kFpuState {
  std::array<Extended80, 8> fp{};  // FP0-FP7; reset leaves them non-signalling NaNs (FPU UM 5.x)
  std::uint32_t fpcr = 0;          // control: exception enables (15-8), mode (7-4)
  std::uint32_t fpsr = 0;          // status: condition codes, quotient, exceptions, accrued
  std::uint32_t fpiar = 0;         // the address of the last FP instruction executed
  FpInternalState internal;        // not programmer-visible: FSAVE/FRESTORE only
};

}  // namespace anvil::m68k
