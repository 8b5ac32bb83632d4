// Stand-in until the 32-bit Thumb-2 table lands (thumb32_table.cpp): no 32-bit encodings,
// so every one of them is UNDEFINED. The integrator deletes this file at merge.
#include "cores/arm/cortex_m_core.h"

namespace anvil::arm {

std::span<const ThumbRow> thumb32_rows() {
  return {};
}

}  // namespace anvil::arm
