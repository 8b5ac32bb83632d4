// The ISAs this build can run in user mode. Each ISA library that has a Linux ABI adds its
// targets here behind its ANVIL_USER_HAVE_<ISA> definition (platforms/user/CMakeLists.txt).
#include "platforms/user/user_command.h"

#ifdef ANVIL_USER_HAVE_ARM
#include "cores/arm/linux_abi_arm.h"
#endif
#ifdef ANVIL_USER_HAVE_MIPS
#include "cores/mips/linux_abi_mips.h"
#endif
#ifdef ANVIL_USER_HAVE_M68K
#include "cores/m68k/linux_abi_m68k.h"
#endif

namespace anvil::user {

std::vector<UserTarget> available_user_targets() {
  std::vector<UserTarget> targets;
#ifdef ANVIL_USER_HAVE_ARM
  for (UserTarget& t : arm::arm_user_targets()) targets.push_back(std::move(t));
#endif
#ifdef ANVIL_USER_HAVE_MIPS
  for (UserTarget& t : mips::mips_user_targets()) targets.push_back(std::move(t));
#endif
#ifdef ANVIL_USER_HAVE_M68K
  for (UserTarget& t : m68k::m68k_user_targets()) targets.push_back(std::move(t));
#endif
  return targets;
}

}  // namespace anvil::user
