// The m68k Linux ABI: system call numbers (arch/m68k/kernel/syscalls/syscall.tbl, generated
// from the cross toolchain's asm/unistd_32.h), constants where m68k differs from the host
// (only the open flags: errno, signal numbers, mmap flags, ioctls and termios are
// asm-generic's, as on x86-64), struct layouts (checked with offsetof under
// m68k-linux-gnu-gcc, whose ABI aligns 32- and 64-bit fields to 2 bytes only) and the
// m68k-only system calls (arch/m68k/kernel/sys_m68k.c).
#include "cores/m68k/linux_abi_m68k.h"

#include <cerrno>

#include "cores/m68k/m68000.h"
#include "cores/m68k/m68000_core.h"
#include "platforms/user/asm_generic_tables.h"

namespace anvil::m68k {

namespace {

using user::Sys;

// mmap (90) is old_mmap, which takes a pointer to its six arguments; glibc calls mmap2 (192),
// so 90 is left to ENOSYS. select (82) is the same kind of old call; _newselect is 142.
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
    {13, Sys::time},
    {15, Sys::chmod},
    {16, Sys::chown},
    {19, Sys::lseek},
    {20, Sys::getpid},
    {23, Sys::setuid},
    {24, Sys::getuid},
    {27, Sys::alarm},
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
    {46, Sys::setgid},
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
    {76, Sys::getrlimit},
    {77, Sys::getrusage},
    {78, Sys::gettimeofday},
    {80, Sys::getgroups},
    {83, Sys::symlink},
    {85, Sys::readlink},
    {91, Sys::munmap},
    {94, Sys::fchmod},
    {95, Sys::fchown},
    {114, Sys::wait4},
    {116, Sys::sysinfo},
    {118, Sys::fsync},
    {119, Sys::sigreturn},
    {120, Sys::clone},
    {122, Sys::uname},
    {125, Sys::mprotect},
    {132, Sys::getpgid},
    {133, Sys::fchdir},
    {140, Sys::llseek},
    {142, Sys::select},
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
    {182, Sys::lchown},
    {183, Sys::getcwd},
    {186, Sys::sigaltstack},
    {190, Sys::vfork},
    {191, Sys::getrlimit},
    {192, Sys::mmap2},
    {193, Sys::truncate64},
    {194, Sys::ftruncate64},
    {195, Sys::stat64},
    {196, Sys::lstat64},
    {197, Sys::fstat64},
    {198, Sys::chown},
    {199, Sys::getuid},
    {200, Sys::getgid},
    {201, Sys::geteuid},
    {202, Sys::getegid},
    {205, Sys::getgroups},
    {207, Sys::fchown},
    {212, Sys::lchown},
    {213, Sys::setuid},
    {214, Sys::setgid},
    {220, Sys::getdents64},
    {221, Sys::gettid},
    {222, Sys::tkill},
    {235, Sys::futex},
    {236, Sys::sendfile64},
    {238, Sys::madvise},
    {239, Sys::fcntl64},
    {247, Sys::exit_group},
    {253, Sys::set_tid_address},
    {260, Sys::clock_gettime},
    {261, Sys::clock_getres},
    {262, Sys::clock_nanosleep},
    {263, Sys::statfs64},
    {264, Sys::fstatfs64},
    {265, Sys::tgkill},
    {267, Sys::fadvise64_64},
    {277, Sys::waitid},
    {288, Sys::openat},
    {289, Sys::mkdirat},
    {291, Sys::fchownat},
    {293, Sys::fstatat64},
    {294, Sys::unlinkat},
    {295, Sys::renameat},
    {296, Sys::linkat},
    {297, Sys::symlinkat},
    {298, Sys::readlinkat},
    {299, Sys::fchmodat},
    {300, Sys::faccessat},
    {301, Sys::pselect6},
    {302, Sys::ppoll},
    {304, Sys::set_robust_list},
    {305, Sys::get_robust_list},
    {312, Sys::sched_getaffinity},
    {314, Sys::getcpu},
    {316, Sys::utimensat},
    {326, Sys::dup3},
    {327, Sys::pipe2},
    {339, Sys::prlimit64},
    {351, Sys::renameat2},
    {352, Sys::getrandom},
    {374, Sys::membarrier},
    {379, Sys::statx},
    {384, Sys::rseq},
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

// The m68k-only calls (sys_m68k.c): TLS without a thread register, and compare-and-swap for
// CPUs without CAS (glibc uses it on the 68000/ColdFire builds; 68020 code uses CAS itself).
constexpr std::uint32_t kNrCacheflush = 123, kNrGetThreadArea = 333, kNrSetThreadArea = 334,
                        kNrAtomicCmpxchg32 = 335, kNrAtomicBarrier = 336;

std::optional<std::int64_t> m68k_private_syscall(user::CoreRegisters& registers,
                                                 user::GuestMemory& memory, std::uint32_t number,
                                                 std::span<const std::uint32_t, 6> args) {
  switch (number) {
    case kNrSetThreadArea:
      registers.thread_pointer() = args[0];
      return 0;
    case kNrGetThreadArea:
      return static_cast<std::uint32_t>(registers.thread_pointer());
    case kNrAtomicCmpxchg32: {
      // sys_atomic_cmpxchg_32(newval d1, oldval d2, d3, d4, d5, mem a0): returns the old
      // memory value and stores newval when it equals oldval. One core: no lock needed.
      const std::uint32_t new_value = args[0], old_value = args[1];
      const Addr address = args[5];
      std::uint32_t current = 0;
      if (!memory.read_u32(address, current)) return -EFAULT;
      if (current == old_value && !memory.write_u32(address, new_value)) return -EFAULT;
      return current;
    }
    case kNrAtomicBarrier:
      return 0;  // one core, memory in program order
    case kNrCacheflush:
      // The decoded-code cache follows stores by itself (MemoryPort code-page watching).
      return 0;
    default:
      return std::nullopt;
  }
}

// si_code per exception vector, as arch/m68k/kernel/traps.c trap_c chooses it. Bus errors
// keep the generic SEGV_MAPERR/SEGV_ACCERR (the page tables decide there).
std::optional<std::int32_t> m68k_fault_code(user::CoreRegisters& registers, UserFault fault) {
  const auto* core = dynamic_cast<const M68000Core*>(&registers.core());
  if (!core || fault == UserFault::SegmentationFault) return std::nullopt;
  constexpr std::int32_t kIllIllopc = 1, kIllPrvopc = 5, kIllCoproc = 7, kIllIlltrp = 4;
  constexpr std::int32_t kFpeIntdiv = 1, kFpeIntovf = 2, kFpeFltdiv = 3, kFpeFltovf = 4,
                         kFpeFltund = 5, kFpeFltres = 6, kFpeFltinv = 7;
  constexpr std::int32_t kTrapBrkpt = 1, kTrapTrace = 2, kBusAdraln = 1;
  const unsigned vector = core->user_fault_vector();
  switch (vector) {
    case 3:  // address error
      return kBusAdraln;
    case 5:  // zero divide
      return kFpeIntdiv;
    case 6:  // CHK, CHK2
    case 7:  // TRAPV, TRAPcc
      return kFpeIntovf;
    case 8:  // privilege violation
      return kIllPrvopc;
    case 9:  // trace
      return kTrapTrace;
    case 13:  // coprocessor protocol violation
      return kIllCoproc;
    case 47:  // TRAP #15
      return kTrapBrkpt;
    case 48:  // BSUN
    case 52:  // OPERR
    case 54:  // SNAN
      return kFpeFltinv;
    case 49:  // INEX
      return kFpeFltres;
    case 50:  // DZ
      return kFpeFltdiv;
    case 51:  // UNFL
      return kFpeFltund;
    case 53:  // OVFL
      return kFpeFltovf;
    default:
      return vector >= 33 && vector <= 46 ? kIllIlltrp : kIllIllopc;  // TRAP #1-14, the rest
  }
}

// start_thread and ELF_PLAT_INIT (arch/m68k/include/asm/processor.h, asm/elf.h): user mode,
// usp at argc, pc at the entry, a1 = 0 (glibc's _start passes a1 on as rtld_fini).
void start_m68k(user::CoreRegisters& registers, const user::StartState& start) {
  for (const char* name : {"d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "a0", "a1", "a2", "a3",
                           "a4", "a5", "a6|fp"})
    registers.set(registers.index(name), 0);
  registers.set(registers.index("ps|sr"), 0);  // user mode, interrupt mask 0, no trace
  registers.set(registers.index("sp|a7"), start.stack_pointer);
  registers.set(registers.index("pc"), start.entry);
}

user::LinuxAbi make_abi() {
  user::LinuxAbi abi;
  abi.name = "m68k";
  abi.elf_machine = 4;  // EM_68K
  abi.byte_order = std::endian::big;
  abi.platform = "";  // ELF_PLATFORM is NULL on m68k: no AT_PLATFORM
  abi.machine = "m68k";
  abi.hwcap = 0;               // ELF_HWCAP is 0 on m68k
  abi.stack_top = 0xf0000000;  // TASK_SIZE of the Motorola-MMU kernels (asm/processor.h)
  abi.stack_size = 8 << 20;
  abi.mmap_base = 0xc0000000;        // TASK_UNMAPPED_BASE
  abi.static_pie_base = 0xd0000000;  // ELF_ET_DYN_BASE
  abi.syscall_number_register = "d0";
  abi.argument_registers = {"d1", "d2", "d3", "d4", "d5", "a0"};
  abi.result_register = "d0";
  abi.stack_pointer_register = "sp|a7";
  abi.errors = user::ErrorReturn::NegatedErrno;
  abi.clone_tls_before_child_tid = false;  // clone(flags, sp, parent_tid, child_tid, tls)
  abi.align_64bit_arguments = false;       // 64-bit arguments take the next two registers
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
  // struct stat64 (arch/m68k/include/uapi/asm/stat.h): 64-bit dev_t with 2-byte pads, the
  // 32-bit __st_ino at 10 and the real st_ino at the end; 92 bytes with 2-byte alignment.
  abi.stat64 = {92,      {0, 8},  {84, 8}, {14, 4}, {18, 4}, {22, 4}, {26, 4}, {30, 8}, {40, 8},
                {48, 4}, {52, 8}, {60, 4}, {64, 4}, {68, 4}, {72, 4}, {76, 4}, {80, 4}, {10, 4}};
  // The kernel's struct sigaction with __ARCH_HAS_SA_RESTORER: handler, flags, restorer, mask.
  abi.sigaction = {20, {0, 4}, {4, 4}, {8, 4}, {12, 8}};
  abi.start = start_m68k;
  abi.private_syscall = m68k_private_syscall;
  abi.map_special_pages = m68k_map_sigreturn_page;
  abi.push_signal_frame = m68k_push_signal_frame;
  abi.pop_signal_frame = m68k_pop_signal_frame;
  abi.fault_code = m68k_fault_code;
  return abi;
}

const user::LinuxAbi kM68k = make_abi();

}  // namespace

std::vector<user::UserTarget> m68k_user_targets() {
  user::UserTarget target;
  target.name = "m68k";
  target.description = "m68k big-endian (Debian m68k: 68020+ with a 68881/68882 FPU)";
  target.abi = &kM68k;
  // The 68040 by default: what Debian m68k's own build machines are (ARAnyM and qemu's virt
  // board model a 68040), with the FP instructions the 040 lacks emulated as the kernel's
  // FPSP does. The 68020 and 68030 (with a 68881/68882) run the same glibc in hardware.
  target.default_cpu = "68040";
  target.cpus = m68k_models();
  target.create_core = [](const std::string& cpu, MemoryPort& memory) -> std::unique_ptr<Core> {
    M68000Config config;
    config.model = cpu;
    config.linux_user = true;
    return create_m68000(config, memory);
  };
  return {std::move(target)};
}

}  // namespace anvil::m68k
