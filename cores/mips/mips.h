// Public entry to the MIPS cores (R3000 MIPS I, 4Kc and 24Kf MIPS32 Release 2): what the
// platform, the vectors runner and user mode need, nothing of the interpreter's insides.
#pragma once

#include <bit>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cores/common/core.h"

namespace anvil::mips {

// How virtual addresses reach the bus.
enum class AddressMap : std::uint8_t {
  // kseg0/kseg1 unmapped onto the low 512 MiB (MIPS32 PRA 4.3, R3000: IDT R30xx manual ch. 6);
  // kuseg/kseg2/kseg3 go through the identity map until TLB translation lands.
  Segments,
  // Every virtual address is the physical one: user mode (the process's address space) and
  // the R3000 test vectors ("RAM is a flat 32-bit space").
  Flat,
};

struct MipsConfig {
  std::string model = "24kf";  // "r3000", "4kc" or "24kf" (see mips_models())
  std::endian byte_order = std::endian::big;
  AddressMap address_map = AddressMap::Segments;
  // Linux user mode: SYSCALL calls Hooks::system_call and faults call Hooks::user_fault
  // instead of taking the exception through the vectors; the core runs in user mode.
  bool linux_user = false;
};

// The models this library builds, for the registry and `anvil boards`.
std::vector<std::string> mips_models();
bool is_mips_model(std::string_view model);
// One line describing a model ("MIPS32 Release 2, 24K with FPU").
std::string mips_model_summary(std::string_view model);

// Throws std::invalid_argument naming the model when it is unknown.
std::unique_ptr<Core> create_mips(const MipsConfig& config, MemoryPort& memory);

}  // namespace anvil::mips
