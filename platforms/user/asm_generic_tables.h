// Guest constants that several ISAs share with asm-generic (include/uapi/asm-generic), as
// GuestHostPair tables for LinuxAbi. Kept once here so ISA files (cores/<isa>/linux_abi_*.cpp)
// do not repeat them; an ISA whose values differ (MIPS) keeps its own table.
#pragma once

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>

#include "platforms/user/linux_abi.h"

namespace anvil::user {

// Open flags of ARM and m68k: asm-generic's, except that O_DIRECTORY, O_NOFOLLOW, O_DIRECT
// and O_LARGEFILE sit where the two ports put them (arch/arm/include/uapi/asm/fcntl.h and
// arch/m68k/include/uapi/asm/fcntl.h agree), unlike x86-64.
inline constexpr GuestHostPair kArmM68kOpenFlags[] = {
    {00000100, O_CREAT},
    {00000200, O_EXCL},
    {00000400, O_NOCTTY},
    {00001000, O_TRUNC},
    {00002000, O_APPEND},
    {00004000, O_NONBLOCK},
    {00010000, O_DSYNC},
    {00020000, FASYNC},
    {00040000, O_DIRECTORY},
    {00100000, O_NOFOLLOW},
    {00200000, O_DIRECT},
    {00400000, 0 /* O_LARGEFILE */},
    {01000000, O_NOATIME},
    {02000000, O_CLOEXEC},
    {04000000, 04000000 /* __O_SYNC */},
    {010000000, O_PATH},
    {020000000, 020000000 /* __O_TMPFILE */},
};

// asm-generic/mman.h and mman-common.h: the MAP_* bits a guest may pass.
inline constexpr GuestHostPair kAsmGenericMmapFlags[] = {
    {0x01, MAP_SHARED},
    {0x02, MAP_PRIVATE},
    {0x10, MAP_FIXED},
    {0x20, MAP_ANONYMOUS},
    {0x100, MAP_GROWSDOWN},
    {0x800, MAP_DENYWRITE},
    {0x1000, MAP_EXECUTABLE},
    {0x2000, MAP_LOCKED},
    {0x4000, MAP_NORESERVE},
    {0x8000, MAP_POPULATE},
    {0x10000, MAP_NONBLOCK},
    {0x20000, MAP_STACK},
    {0x100000, MAP_FIXED_NOREPLACE},
};

// asm-generic/ioctls.h: the terminal and file requests the generic layer serves.
inline constexpr GuestHostPair kAsmGenericIoctls[] = {
    {0x5401, TCGETS},    {0x5402, TCSETS},    {0x5403, TCSETSW},    {0x5404, TCSETSF},
    {0x540f, TIOCGPGRP}, {0x5410, TIOCSPGRP}, {0x5413, TIOCGWINSZ}, {0x541b, FIONREAD},
    {0x5450, FIONCLEX},  {0x5451, FIOCLEX},
};

}  // namespace anvil::user
