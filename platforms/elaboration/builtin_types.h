// The module types of this folder, registered by family so tests and the registry can pick
// what they need; register_builtin_types (registry.h) registers them all.
#pragma once

#include "platforms/registry.h"

namespace anvil {

void register_memory_types(Registry& registry);   // ram, rom, flash
void register_device_types(Registry& registry);   // cmsdk-uart, cmsdk-timer, anvil-simctrl
void register_arm_cpu_types(Registry& registry);  // cortex-m3, cortex-m4 (anvil_builtin_types)
void register_clock_types(Registry& registry);    // clock "fixed"
void register_rtl_types(Registry& registry);      // rtl (when Verilator built peripherals/rtl)
void register_mips_cpu_types(Registry& registry);  // r3000, 4kc, 24kf, and the ns16550 UART
void register_m68k_cpu_types(Registry& registry);  // 68000

}  // namespace anvil
