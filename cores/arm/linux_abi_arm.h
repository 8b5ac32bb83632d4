// The ARM Linux user-mode ABI (EABI) for platforms/user: `--arch armhf` (ARMv7-A, VFPv3-D32,
// hard float), `armel` (ARMv5TE soft float, with the kuser helpers page) and `arm` (the same
// as armhf). Everything the generic layer needs is in the UserTargets returned here.
#pragma once

#include <vector>

#include "platforms/user/linux_abi.h"

namespace anvil::arm {

std::vector<user::UserTarget> arm_user_targets();

// The ARM signal frame (arch/arm/kernel/signal.c), in linux_abi_arm_signals.cpp.
bool arm_push_signal_frame(user::CoreRegisters& registers, user::GuestMemory& memory,
                           const user::SignalDelivery& delivery);
std::optional<std::uint64_t> arm_pop_signal_frame(user::CoreRegisters& registers,
                                                  user::GuestMemory& memory, bool rt);

}  // namespace anvil::arm
