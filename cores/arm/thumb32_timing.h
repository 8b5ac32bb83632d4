// Cycle counts of the 32-bit multiplies beyond the one cycle the run loop charges (divides:
// divide_cycles() in cortex_m3_timing.h). Cortex-M3 TRM (ARM DDI 0337) Table 18-1; Cortex-M4 TRM
// (ARM DDI 0439) Table 3-1, whose single-cycle MAC unit makes every multiply one cycle. The
// Cortex-M4 is the model with the DSP extension, so has_dsp() selects the M4 numbers.
#pragma once

#include <bit>
#include <cstdint>

namespace anvil::arm {

// MLA, MLS: 2 cycles on the M3, 1 on the M4.
constexpr unsigned multiply_accumulate_extra_cycles(bool cortex_m4) {
  return cortex_m4 ? 0 : 1;
}

// Significant bits of a multiplier operand, for the M3's early termination.
constexpr unsigned significant_bits(std::uint32_t value, bool is_signed) {
  if (is_signed && (value >> 31) != 0) value = ~value;
  return 32u - static_cast<unsigned>(std::countl_zero(value)) + (is_signed ? 1u : 0u);
}

// SMULL, UMULL, SMLAL, UMLAL: "3-5 cycles" on the M3, which terminates early when the
// operands are small. The TRM does not give the rule; this model charges 3 when both
// operands fit in 16 bits, 5 when both need more than 16, else 4. 1 cycle on the M4.
constexpr unsigned long_multiply_extra_cycles(bool cortex_m4, std::uint32_t n, std::uint32_t m,
                                              bool is_signed) {
  if (cortex_m4) return 0;
  const unsigned wide = (significant_bits(n, is_signed) > 16 ? 1u : 0u) +
                        (significant_bits(m, is_signed) > 16 ? 1u : 0u);
  return 2 + wide;
}

}  // namespace anvil::arm
