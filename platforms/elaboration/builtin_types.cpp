// register_builtin_types (platforms/registry.h): every module type this build has.
#include "platforms/elaboration/builtin_types.h"

namespace anvil {

void register_builtin_types(Registry& registry) {
#ifdef ANVIL_WITH_ARM
  register_arm_cpu_types(registry);
#endif
#ifdef ANVIL_WITH_MIPS
  register_mips_cpu_types(registry);
#endif
#ifdef ANVIL_WITH_M68K
  register_m68k_cpu_types(registry);
#endif
  register_memory_types(registry);
  register_device_types(registry);
  register_clock_types(registry);
#ifdef ANVIL_WITH_RTL
  register_rtl_types(registry);
#endif
}

}  // namespace anvil
