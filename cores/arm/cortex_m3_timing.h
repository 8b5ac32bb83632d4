// Cortex-M3 cycle counts, from the Cortex-M3 Technical Reference Manual (ARM DDI 0337,
// "Processor instruction timings", Table 18-1 in r1p1, Table 3-1 in r2p1), for a system with
// zero wait states. Bus wait states come on top (the MemoryPort adds them to the core).
//
// The run loop charges one cycle per instruction; handlers add what their form takes beyond
// that with CortexM::add_cycles(). Cortex-M4 uses the same table (its TRM gives the same
// counts for the ARMv7-M instructions).
#pragma once

#include <bit>
#include <cstdint>

#include "cores/common/timing.h"

namespace anvil::arm::m3_timing {

inline constexpr TimingReference kReference{"ARM DDI 0337 (Cortex-M3 TRM)",
                                            "Table 18-1 Cortex-M3 instruction timings"};

// P: pipeline refill after a taken branch or any write to the PC. The TRM gives 1 to 3
// "depending on the alignment and width of the target instruction, and whether the
// processor manages to speculate the address early"; we charge the usual case, 2
// (a taken B costs 3 cycles in all).
// HACK: a fixed P, the alignment and speculation effects are not modelled.
inline constexpr unsigned kPipelineRefill = 2;

// LDR/LDRH/LDRB/LDRSx: 2 cycles. HACK: the pipelining of neighbouring loads and stores
// (TRM 18.3, "one cycle removed from the next LDR/STR") is not modelled.
inline constexpr unsigned kLoadExtra = 1;
// STR/STRH/STRB: 1 cycle, the data phase overlaps the next instruction through the write
// buffer ("STR Rx,[Ry,#imm] is always one cycle"). HACK: register-offset stores that cannot
// pipeline are charged the same.
inline constexpr unsigned kStoreExtra = 0;
// LDM/STM/PUSH/POP: 1+N; with the PC loaded, +P (charged by the PC write).
constexpr unsigned multiple_extra(unsigned registers) {
  return registers;
}
// MUL (and the 16-bit MULS): 1 cycle. MLA/MLS: 2.
inline constexpr unsigned kMultiplyExtra = 0;
// Exception handling (M3 TRM 5.5, "Interrupt latency"): 12 cycles from the request to the
// first handler instruction, 6 between back-to-back handlers when tail-chaining.
inline constexpr unsigned kExceptionEntry = 12;
inline constexpr unsigned kTailChain = 6;
// HACK: the TRM gives no single figure for exception return; we charge the 8-word pop plus
// a refill the same 12 cycles as entry (the figure commonly quoted for M3 unstacking is
// 10-12 cycles).
inline constexpr unsigned kExceptionReturn = 12;

// UDIV/SDIV: 2 to 12 cycles; the divider terminates early "based on the number of leading
// ones and zeroes in the input operands". We scale with the number of significant quotient
// bits: 2 cycles when the quotient is 0 (or the divisor is 0), up to 12 for a 32-bit
// quotient. Returns the total cycles of the instruction (the caller adds this minus one).
// HACK: the exact early-termination steps of the M3 divider are not published.
constexpr unsigned divide_cycles(std::uint32_t dividend, std::uint32_t divisor) {
  if (divisor == 0 || dividend < divisor) return 2;
  const int quotient_bits =
      (32 - std::countl_zero(dividend)) - (32 - std::countl_zero(divisor)) + 1;
  return 2 + static_cast<unsigned>((quotient_bits * 10 + 31) / 32);
}

}  // namespace anvil::arm::m3_timing

namespace anvil::arm {
using m3_timing::divide_cycles;
}  // namespace anvil::arm
