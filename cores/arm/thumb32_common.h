// Helpers shared by the 32-bit Thumb instruction handlers (thumb32_*.cpp).
//
// UNPREDICTABLE register choices (ARMv7-M ARM A5.3, each instruction's "if ... then
// UNPREDICTABLE" lines) execute as the pseudocode reads, with one exception: a destination of
// PC that the manual forbids is treated as UNDEFINED, because ArmCpu::set_reg() cannot write
// R15 and no real program relies on it. Should-be-zero/one bits, written "(0)"/"(1)" in the
// manual, are fixed bits of the table's patterns, so encodings that violate them are UNDEFINED.
#pragma once

#include <cstdint>

#include "cores/arm/alu.h"
#include "cores/arm/arm_cpu.h"
#include "cores/arm/cortex_m3_timing.h"
#include "cores/arm/thumb_tables.h"
#include "cores/common/encoding.h"

namespace anvil::arm {

using encoding::Encoding;

// An UNPREDICTABLE destination of PC (see above): raises UNDEFINED and returns true.
inline bool reject_pc(ArmCpu& cpu, unsigned reg) {
  if (reg != 15) return false;
  cpu.undefined();
  return true;
}

// Any UNPREDICTABLE case the handler chooses to treat as UNDEFINED.
inline bool reject_if(ArmCpu& cpu, bool unpredictable) {
  if (unpredictable) cpu.undefined();
  return unpredictable;
}

inline void set_nz(ArmCpu& cpu, std::uint32_t result) {
  cpu.flags.n = (result >> 31) != 0;
  cpu.flags.z = result == 0;
}

inline std::uint32_t bit(std::uint32_t value, unsigned n) {
  return (value >> n) & 1u;
}

// Halfword and byte lanes, for the DSP and the extend instructions.
inline std::int32_t low_half(std::uint32_t v) {
  return static_cast<std::int16_t>(v & 0xFFFF);
}
inline std::int32_t high_half(std::uint32_t v) {
  return static_cast<std::int16_t>(v >> 16);
}
inline std::int32_t signed_byte(std::uint32_t v, unsigned lane) {
  return static_cast<std::int8_t>((v >> (8 * lane)) & 0xFF);
}
inline std::uint32_t unsigned_byte(std::uint32_t v, unsigned lane) {
  return (v >> (8 * lane)) & 0xFF;
}

}  // namespace anvil::arm
