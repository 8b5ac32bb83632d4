// `anvil user --arch ARCH [--cpu MODEL] [options] PROGRAM [ARGS...]` (docs/user-mode.md): runs
// one static Linux program in user mode and exits with its status (128+N when signal N
// ended it). The ISAs this build has come in as UserTargets (user_targets.cpp).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "platforms/cli/cli.h"
#include "platforms/user/linux_abi.h"

namespace anvil::user {

int run_user_command(const std::vector<std::string>& args, const std::vector<UserTarget>& targets,
                     std::ostream& out, std::ostream& err);

ToolCommand user_tool_command(std::vector<UserTarget> targets);

// Every target this build was linked with (empty when no ISA library provides one).
std::vector<UserTarget> available_user_targets();

}  // namespace anvil::user
