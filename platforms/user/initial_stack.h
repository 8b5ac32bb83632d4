// The stack a Linux program starts with (fs/binfmt_elf.c create_elf_tables; System V ABI,
// "Process Initialization"): argc, argv[], NULL, envp[], NULL, the auxiliary vector, and the
// strings and AT_RANDOM bytes above them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "platforms/user/address_space.h"
#include "platforms/user/elf_loader.h"
#include "platforms/user/linux_abi.h"

namespace anvil::user {

// Auxiliary vector keys (include/uapi/linux/auxvec.h; the same on every ISA).
enum AuxKey : std::uint32_t {
  AT_NULL = 0,
  AT_PHDR = 3,
  AT_PHENT = 4,
  AT_PHNUM = 5,
  AT_PAGESZ = 6,
  AT_BASE = 7,
  AT_FLAGS = 8,
  AT_ENTRY = 9,
  AT_UID = 11,
  AT_EUID = 12,
  AT_GID = 13,
  AT_EGID = 14,
  AT_PLATFORM = 15,
  AT_HWCAP = 16,
  AT_CLKTCK = 17,
  AT_SECURE = 23,
  AT_RANDOM = 25,
  AT_HWCAP2 = 26,
  AT_EXECFN = 31,
};

struct ProcessIdentity {
  std::uint32_t uid = 0, euid = 0, gid = 0, egid = 0;
};

struct StackRequest {
  std::vector<std::string> args;          // argv, argv[0] first
  std::vector<std::string> env;           // "NAME=value"
  std::string execfn;                     // AT_EXECFN: the path execve was given
  std::array<std::uint8_t, 16> random{};  // AT_RANDOM
  ProcessIdentity identity;
  CpuFeatures features;  // AT_HWCAP, AT_HWCAP2, AT_PLATFORM
};

// Maps the stack (abi.stack_top - abi.stack_size .. abi.stack_top) and fills it. Returns the
// initial stack pointer (pointing at argc, 16-byte aligned). Throws ImageError when the
// arguments do not fit.
Addr build_initial_stack(AddressSpace& space, const LinuxAbi& abi, const LoadedProgram& program,
                         const StackRequest& request);

}  // namespace anvil::user
