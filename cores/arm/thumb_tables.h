// The Thumb encoding tables and the decoded-instruction slot, shared by the M-profile and
// A-profile cores.
#pragma once

#include <cstdint>
#include <span>

#include "cores/arm/arm_cpu.h"
#include "cores/common/encoding.h"

namespace anvil::arm {

using ThumbRow = encoding::Row<ThumbHandler>;

// The encoding tables (one source of truth each): 16-bit patterns are 16 characters wide,
// 32-bit patterns 32 wide.
std::span<const ThumbRow> thumb16_rows();  // thumb16_table.cpp
std::span<const ThumbRow> thumb32_rows();  // thumb32_table.cpp

struct DecodedThumb {
  ThumbHandler handler = nullptr;  // null: not decoded yet
  std::uint32_t insn = 0;
  std::uint8_t length = 0;  // 2 or 4
  // 16 bytes: four slots to a cache line. Tracing finds the row again from `insn`.
};

}  // namespace anvil::arm
