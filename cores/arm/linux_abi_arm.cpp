// The ARM EABI Linux ABI: system call numbers (arch/arm/tools/syscall.tbl, checked against
// the cross toolchain's asm/unistd-eabi.h), constants where ARM differs from the host,
// struct layouts (checked with offsetof under arm-linux-gnueabi-gcc), the private system
// calls (arch/arm/kernel/traps.c arm_syscall) and the kuser helpers page
// (Documentation/arch/arm/kernel_user_helpers.rst).
#include "cores/arm/linux_abi_arm.h"

#include <signal.h>

#include <cerrno>

#include "cores/arm/arm_a.h"
#include "platforms/user/asm_generic_tables.h"

namespace anvil::arm {

namespace {

using user::Sys;

constexpr user::SyscallNumber kSyscalls[] = {
    {1, Sys::exit},
    {2, Sys::fork},
    {3, Sys::read},
    {4, Sys::write},
    {5, Sys::open},
    {6, Sys::close},
    {9, Sys::link},
    {10, Sys::unlink},
    {11, Sys::execve},
    {12, Sys::chdir},
    {15, Sys::chmod},
    {19, Sys::lseek},
    {20, Sys::getpid},
    {24, Sys::getuid},
    {29, Sys::pause},
    {33, Sys::access},
    {36, Sys::sync},
    {37, Sys::kill},
    {38, Sys::rename},
    {39, Sys::mkdir},
    {40, Sys::rmdir},
    {41, Sys::dup},
    {42, Sys::pipe},
    {43, Sys::times},
    {45, Sys::brk},
    {47, Sys::getgid},
    {49, Sys::geteuid},
    {50, Sys::getegid},
    {54, Sys::ioctl},
    {55, Sys::fcntl},
    {57, Sys::setpgid},
    {60, Sys::umask},
    {63, Sys::dup2},
    {64, Sys::getppid},
    {65, Sys::getpgrp},
    {66, Sys::setsid},
    {75, Sys::setrlimit},
    {77, Sys::getrusage},
    {78, Sys::gettimeofday},
    {83, Sys::symlink},
    {85, Sys::readlink},
    {91, Sys::munmap},
    {94, Sys::fchmod},
    {114, Sys::wait4},
    {116, Sys::sysinfo},
    {118, Sys::fsync},
    {119, Sys::sigreturn},
    {120, Sys::clone},
    {122, Sys::uname},
    {125, Sys::mprotect},
    {132, Sys::getpgid},
    {133, Sys::fchdir},
    {140, Sys::llseek},  // _llseek
    {142, Sys::select},  // _newselect
    {145, Sys::readv},
    {146, Sys::writev},
    {147, Sys::getsid},
    {148, Sys::fdatasync},
    {158, Sys::sched_yield},
    {162, Sys::nanosleep},
    {163, Sys::mremap},
    {168, Sys::poll},
    {172, Sys::prctl},
    {173, Sys::rt_sigreturn},
    {174, Sys::rt_sigaction},
    {175, Sys::rt_sigprocmask},
    {176, Sys::rt_sigpending},
    {177, Sys::rt_sigtimedwait},
    {179, Sys::rt_sigsuspend},
    {180, Sys::pread64},
    {181, Sys::pwrite64},
    {183, Sys::getcwd},
    {186, Sys::sigaltstack},
    {190, Sys::vfork},
    {191, Sys::getrlimit},  // ugetrlimit
    {192, Sys::mmap2},
    {193, Sys::truncate64},
    {194, Sys::ftruncate64},
    {195, Sys::stat64},
    {196, Sys::lstat64},
    {197, Sys::fstat64},
    {198, Sys::lchown},     // lchown32
    {199, Sys::getuid},     // getuid32
    {200, Sys::getgid},     // getgid32
    {201, Sys::geteuid},    // geteuid32
    {202, Sys::getegid},    // getegid32
    {205, Sys::getgroups},  // getgroups32
    {207, Sys::fchown},     // fchown32
    {212, Sys::chown},      // chown32
    {213, Sys::setuid},     // setuid32
    {214, Sys::setgid},     // setgid32
    {217, Sys::getdents64},
    {220, Sys::madvise},
    {221, Sys::fcntl64},
    {224, Sys::gettid},
    {238, Sys::tkill},
    {239, Sys::sendfile64},
    {240, Sys::futex},
    {242, Sys::sched_getaffinity},
    {248, Sys::exit_group},
    {256, Sys::set_tid_address},
    {263, Sys::clock_gettime},
    {264, Sys::clock_getres},
    {265, Sys::clock_nanosleep},
    {266, Sys::statfs64},
    {267, Sys::fstatfs64},
    {268, Sys::tgkill},
    {270, Sys::arm_fadvise64_64},
    {280, Sys::waitid},
    {322, Sys::openat},
    {323, Sys::mkdirat},
    {325, Sys::fchownat},
    {327, Sys::fstatat64},
    {328, Sys::unlinkat},
    {329, Sys::renameat},
    {330, Sys::linkat},
    {331, Sys::symlinkat},
    {332, Sys::readlinkat},
    {333, Sys::fchmodat},
    {334, Sys::faccessat},
    {335, Sys::pselect6},
    {336, Sys::ppoll},
    {338, Sys::set_robust_list},
    {339, Sys::get_robust_list},
    {345, Sys::getcpu},
    {348, Sys::utimensat},
    {358, Sys::dup3},
    {359, Sys::pipe2},
    {369, Sys::prlimit64},
    {382, Sys::renameat2},
    {384, Sys::getrandom},
    {389, Sys::membarrier},
    {397, Sys::statx},
    {398, Sys::rseq},
    {403, Sys::clock_gettime64},
    {406, Sys::clock_getres_time64},
    {407, Sys::clock_nanosleep_time64},
    {412, Sys::utimensat_time64},
    {413, Sys::pselect6_time64},
    {414, Sys::ppoll_time64},
    {421, Sys::rt_sigtimedwait_time64},
    {422, Sys::futex_time64},
    {435, Sys::clone3},
    {439, Sys::faccessat2},
};

// AT_HWCAP and AT_PLATFORM come from the core's variant table (arm_a_linux_hwcap): exactly
// what each model implements, never NEON.
user::CpuFeatures arm_features(const std::string& cpu) {
  return {arm_a_linux_hwcap(cpu), 0, arm_a_linux_platform(cpu)};
}

// ARM private system calls (__ARM_NR_BASE 0x0f0000).
constexpr std::uint32_t kArmCacheflush = 0x0f0002, kArmSetTls = 0x0f0005, kArmGetTls = 0x0f0006;

// The kuser helpers page (0xffff0000): code the C library calls at fixed addresses on CPUs
// without the TLS register or LDREX/STREX. The words were assembled by arm-linux-gnueabi-as;
// one core, one thread, so the compare-and-swaps need no exclusives.
constexpr Addr kVectorsPage = 0xffff0000;
constexpr Addr kKuserTlsWord = 0xffff0ff0;
struct KuserWord {
  std::uint16_t offset;
  std::uint32_t word;
};
constexpr KuserWord kKuserHelpers[] = {
    // __kuser_cmpxchg64 (0xffff0f60): r0 = &old, r1 = &new, r2 = ptr; r0 = 0 and C set if swapped
    {0xf60, 0xe92d00f0},  // push  {r4, r5, r6, r7}
    {0xf64, 0xe8900030},  // ldm   r0, {r4, r5}
    {0xf68, 0xe89200c0},  // ldm   r2, {r6, r7}
    {0xf6c, 0xe0343006},  // eors  r3, r4, r6
    {0xf70, 0x00353007},  // eorseq r3, r5, r7
    {0xf74, 0x08910030},  // ldmeq r1, {r4, r5}
    {0xf78, 0x08820030},  // stmeq r2, {r4, r5}
    {0xf7c, 0xe2730000},  // rsbs  r0, r3, #0
    {0xf80, 0xe8bd00f0},  // pop   {r4, r5, r6, r7}
    {0xf84, 0xe12fff1e},  // bx    lr
    // __kuser_memory_barrier (0xffff0fa0): nothing to order on one core
    {0xfa0, 0xe12fff1e},  // bx    lr
    // __kuser_cmpxchg (0xffff0fc0): r0 = old, r1 = new, r2 = ptr; r0 = 0 and C set if swapped
    {0xfc0, 0xe5923000},  // ldr   r3, [r2]
    {0xfc4, 0xe0533000},  // subs  r3, r3, r0
    {0xfc8, 0x05821000},  // streq r1, [r2]
    {0xfcc, 0xe2730000},  // rsbs  r0, r3, #0
    {0xfd0, 0xe12fff1e},  // bx    lr
    // __kuser_get_tls (0xffff0fe0): the word at 0xffff0ff0, which set_tls writes
    {0xfe0, 0xe59f0008},  // ldr   r0, [pc, #8]
    {0xfe4, 0xe12fff1e},  // bx    lr
    // __kuser_helper_version (0xffff0ffc): helpers from 0xffff0f60, (0x1000 - 0xf60) / 32
    {0xffc, 0x00000005},
};

void map_kuser_helpers(user::GuestMemory& memory) {
  std::vector<std::uint8_t> page(0x1000, 0);
  for (const KuserWord& k : kKuserHelpers) {
    const std::uint32_t w = k.word;
    for (unsigned i = 0; i < 4; ++i) {
      const unsigned shift = memory.byte_order() == std::endian::little ? 8 * i : 8 * (3 - i);
      page[k.offset + i] = static_cast<std::uint8_t>(w >> shift);
    }
  }
  memory.map_special(kVectorsPage, page.size(), false, page);
}

// ELF_PLAT_INIT and start_thread (arch/arm/include/asm/processor.h): registers zero, USR
// mode, Thumb state when the entry address is odd.
void start_arm(user::CoreRegisters& registers, const user::StartState& start) {
  for (unsigned r = 0; r < 13; ++r) registers.set(r, 0);
  registers.set(arm_a_register::kCpsr, 0x10);  // USR, ARM state
  registers.set(arm_a_register::kSp, start.stack_pointer);
  registers.set(arm_a_register::kLr, 0);
  registers.set(arm_a_register::kPc, start.entry);  // bit 0 selects Thumb
}

std::optional<std::int64_t> arm_private_syscall(user::CoreRegisters& registers,
                                                user::GuestMemory& memory, std::uint32_t number,
                                                std::span<const std::uint32_t, 6> args) {
  switch (number) {
    case kArmSetTls: {
      registers.set(arm_a_register::kTpidruro, args[0]);
      std::uint8_t value[4];
      for (unsigned i = 0; i < 4; ++i) {
        const unsigned shift = memory.byte_order() == std::endian::little ? 8 * i : 8 * (3 - i);
        value[i] = static_cast<std::uint8_t>(args[0] >> shift);
      }
      memory.poke(kKuserTlsWord, value);  // for __kuser_get_tls
      return 0;
    }
    case kArmGetTls:
      return registers.get(arm_a_register::kTpidruro);
    case kArmCacheflush:
      // The decoded-code cache follows stores by itself (MemoryPort code-page watching).
      return 0;
    default:
      return std::nullopt;
  }
}

user::LinuxAbi make_abi(std::string_view name, std::string_view platform, std::string_view machine,
                        std::uint32_t hwcap, bool kuser_helpers) {
  user::LinuxAbi abi;
  abi.name = name;
  abi.elf_machine = 40;  // EM_ARM
  abi.byte_order = std::endian::little;
  abi.platform = platform;
  abi.machine = machine;
  abi.hwcap = hwcap;
  abi.stack_top = 0xbf000000;  // TASK_SIZE with the 3G/1G split
  abi.stack_size = 8 << 20;
  abi.mmap_base = 0x40000000;
  abi.static_pie_base = 0x00400000;
  abi.syscall_number_register = "r7";
  abi.argument_registers = {"r0", "r1", "r2", "r3", "r4", "r5"};
  abi.result_register = "r0";
  abi.stack_pointer_register = "sp|r13";
  abi.errors = user::ErrorReturn::NegatedErrno;
  abi.clone_tls_before_child_tid = true;
  abi.align_64bit_arguments = true;
  abi.syscalls = kSyscalls;
  abi.open_flags = user::kArmM68kOpenFlags;
  abi.mmap_flags = user::kAsmGenericMmapFlags;
  abi.ioctl_requests = user::kAsmGenericIoctls;
  abi.sig_block = 0;
  abi.sa_siginfo = 0x4;
  abi.sa_restorer = 0x04000000;
  abi.sa_onstack = 0x08000000;
  abi.sa_restart = 0x10000000;
  abi.sa_nodefer = 0x40000000;
  abi.sa_resethand = 0x80000000;
  // struct stat64 (arch/arm/include/uapi/asm/stat.h); EABI aligns the 64-bit fields to 8.
  abi.stat64 = {104,     {0, 8},  {96, 8}, {16, 4}, {20, 4}, {24, 4}, {28, 4}, {32, 8}, {48, 8},
                {56, 4}, {64, 8}, {72, 4}, {76, 4}, {80, 4}, {84, 4}, {88, 4}, {92, 4}, {12, 4}};
  abi.sigaction = {20, {0, 4}, {4, 4}, {8, 4}, {12, 8}};
  abi.start = start_arm;
  abi.private_syscall = arm_private_syscall;
  if (kuser_helpers) abi.map_special_pages = map_kuser_helpers;
  abi.push_signal_frame = arm_push_signal_frame;
  abi.pop_signal_frame = arm_pop_signal_frame;
  return abi;
}

// Linux maps the kuser helpers for every ARM process (CONFIG_KUSER_HELPERS), so both do.
const user::LinuxAbi kArmhf =
    make_abi("armhf", "v7l", "armv7l", arm_features("cortex-a15").hwcap, true);
const user::LinuxAbi kArmel =
    make_abi("armel", "v5l", "armv5tel", arm_features("arm926ej-s").hwcap, true);

user::UserTarget make_target(std::string name, std::string description, const user::LinuxAbi& abi,
                             std::string default_cpu) {
  user::UserTarget target;
  target.name = std::move(name);
  target.description = std::move(description);
  target.abi = &abi;
  target.default_cpu = std::move(default_cpu);
  target.cpus = arm_a_models();
  target.create_core = [](const std::string& cpu, MemoryPort& memory) {
    ArmAConfig config;
    config.model = cpu;
    config.linux_user = true;
    return create_arm_a_core(config, memory);
  };
  target.features = arm_features;
  return target;
}

}  // namespace

std::vector<user::UserTarget> arm_user_targets() {
  return {
      make_target("armhf", "ARM EABI hard-float (Debian armhf: ARMv7-A, VFPv3-D32)", kArmhf,
                  "cortex-a15"),
      make_target("arm", "the same as armhf", kArmhf, "cortex-a15"),
      make_target("armel", "ARM EABI soft-float (Debian armel: ARMv5TE, kuser helpers)", kArmel,
                  "arm926ej-s"),
  };
}

}  // namespace anvil::arm
