// Loads a static or static-PIE ELF executable (ET_EXEC, or ET_DYN without PT_INTERP) into a
// guest address space, in either byte order: the PT_LOAD segments with their permissions,
// zeroed .bss, and the program break after the highest segment. (System V ABI, "Program
// Loading"; Linux fs/binfmt_elf.c does the same for programs without an interpreter.)
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "platforms/user/address_space.h"
#include "platforms/user/linux_abi.h"

namespace anvil::user {

struct LoadedProgram {
  Addr entry = 0;      // where execution starts (load bias applied)
  Addr phdr = 0;       // the program headers in guest memory (AT_PHDR), 0 if not loaded
  unsigned phent = 0;  // AT_PHENT
  unsigned phnum = 0;  // AT_PHNUM
  Addr load_bias = 0;  // 0 for ET_EXEC
  Addr brk_start = 0;
};

// What kind of file execve() was given, from its first bytes.
enum class ExecutableKind : std::uint8_t {
  GuestElf,  // an ELF for this ABI's machine and byte order: runs in user mode
  OtherElf,  // another machine's ELF (e.g. the host's): exec'd natively
  Script,    // "#!": exec'd natively (its interpreter is a host program)
  Unknown,
};
ExecutableKind classify_executable(std::span<const std::uint8_t> head, const LinuxAbi& abi);

// Throws ImageError ("PATH: what is wrong") for files that are not executables this ABI can
// load: wrong class, machine or byte order, dynamically linked, segments out of range.
LoadedProgram load_elf(const std::string& path, std::span<const std::uint8_t> image,
                       const LinuxAbi& abi, AddressSpace& space);

}  // namespace anvil::user
