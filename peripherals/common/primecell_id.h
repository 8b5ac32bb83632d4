// The peripheral and component ID registers at 0xFD0-0xFFC that ARM (CMSDK, PrimeCell)
// peripherals carry, read-only, in the order PID4-PID7, PID0-PID3, CID0-CID3.
#pragma once

#include <array>
#include <cstdint>

#include "peripherals/common/register_table.h"

namespace anvil {

inline void add_id_registers(RegisterTable& table, const std::array<std::uint8_t, 12>& ids) {
  static constexpr const char* kNames[12] = {"PID4", "PID5", "PID6", "PID7", "PID0", "PID1",
                                             "PID2", "PID3", "CID0", "CID1", "CID2", "CID3"};
  for (unsigned i = 0; i < ids.size(); ++i) {
    table.add({.name = kNames[i],
               .offset = 0xFD0 + 4 * i,
               .reset = ids[i],
               .access = RegisterAccess::ReadOnly});
  }
}

}  // namespace anvil
