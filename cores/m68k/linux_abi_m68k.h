// The m68k Linux user-mode ABI for platforms/user: `--arch m68k` (big-endian, the kernel's
// Motorola-MMU port that Debian m68k runs on). Everything the generic layer needs is in the
// UserTarget returned here.
#pragma once

#include <optional>
#include <vector>

#include "platforms/user/linux_abi.h"

namespace anvil::m68k {

std::vector<user::UserTarget> m68k_user_targets();

// The m68k signal frame (arch/m68k/kernel/signal.c), in linux_abi_m68k_signals.cpp. The
// kernel writes the return trampoline into the frame on the stack; here the handler returns
// to the same code on a read-only page the process maps at start (m68k_map_sigreturn_page),
// so the stack need not be executable.
void m68k_map_sigreturn_page(user::GuestMemory& memory);
bool m68k_push_signal_frame(user::CoreRegisters& registers, user::GuestMemory& memory,
                            const user::SignalDelivery& delivery);
std::optional<std::uint64_t> m68k_pop_signal_frame(user::CoreRegisters& registers,
                                                   user::GuestMemory& memory, bool rt);

}  // namespace anvil::m68k
