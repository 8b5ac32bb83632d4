// The ISAs this build can run in user mode. Each ISA library that has a Linux ABI adds its
// targets here behind its ANVIL_USER_HAVE_<ISA> definition (platforms/user/CMakeLists.txt).
#include "platforms/user/user_command.h"

#ifdef ANVIL_USER_HAVE_ARM
#include "cores/arm/linux_abi_arm.h"
#endif

namespace anvil::user {

std::vector<UserTarget> available_user_targets() {
  std::vector<UserTarget> targets;
#ifdef ANVIL_USER_HAVE_ARM
  for (UserTarget& t : arm::arm_user_targets()) targets.push_back(std::move(t));
#endif
  return targets;
}

}  // namespace anvil::user
