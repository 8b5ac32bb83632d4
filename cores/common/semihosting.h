// The interface a core calls for semihosting traps (ARM: BKPT 0xAB in Thumb). The service
// itself (debug/semihosting) reads the parameter block through core.memory()'s debug
// accesses, so the core needs nothing but this header.
#pragma once

#include <cstdint>

namespace anvil {

class Core;

class SemihostingHandler {
 public:
  virtual ~SemihostingHandler() = default;
  // Performs operation `op` (r0) with parameter `param` (r1); returns the new r0.
  virtual std::uint32_t call(Core& core, std::uint32_t op, std::uint32_t param) = 0;
};

}  // namespace anvil
