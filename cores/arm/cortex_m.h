// Public entry to the ARMv7-M cores (Cortex-M3, Cortex-M4 without FPU): what the platform
// and user mode need, nothing of the interpreter's insides.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cores/common/core.h"
#include "cores/common/semihosting.h"

namespace anvil::arm {

struct CortexMConfig {
  std::string model = "cortex-m3";  // "cortex-m3" or "cortex-m4" (ARMv7E-M, no FPU)
  unsigned external_irqs = 32;      // NVIC external interrupt lines, 1..240
  unsigned priority_bits = 3;       // implemented priority bits, 3..8 (MPS2 AN385: 3)
  // BKPT 0xAB services (debug/semihosting); null: BKPT 0xAB is an ordinary breakpoint.
  SemihostingHandler* semihosting = nullptr;
};

// The models this library builds, for the registry and `anvil boards`.
std::vector<std::string> cortex_m_models();
bool is_cortex_m_model(std::string_view model);

// Throws std::invalid_argument naming the model when it is unknown.
std::unique_ptr<Core> create_cortex_m(const CortexMConfig& config, MemoryPort& memory);

}  // namespace anvil::arm
