// The MIPS o32 Linux user-mode ABI for platforms/user: `--arch mips` (big-endian) and
// `mipsel` (little-endian), both on the 24Kf by default. Everything the generic layer needs
// is in the UserTargets returned here.
#pragma once

#include <optional>
#include <vector>

#include "platforms/user/linux_abi.h"

namespace anvil::mips {

std::vector<user::UserTarget> mips_user_targets();

// The o32 signal frame (arch/mips/kernel/signal.c), in linux_abi_mips_signals.cpp.
// Handlers return to a sigreturn page (o32 has no SA_RESTORER; the kernel uses its VDSO).
void mips_map_sigreturn_page(user::GuestMemory& memory);
bool mips_push_signal_frame(user::CoreRegisters& registers, user::GuestMemory& memory,
                            const user::SignalDelivery& delivery);
std::optional<std::uint64_t> mips_pop_signal_frame(user::CoreRegisters& registers,
                                                   user::GuestMemory& memory, bool rt);

}  // namespace anvil::mips
