// The MIPS o32 Linux ABI: system call numbers (arch/mips/kernel/syscalls/syscall_o32.tbl,
// generated from the cross toolchain's asm/unistd_o32.h), constants where MIPS differs from
// the host (asm/errno.h, asm/signal.h, asm/fcntl.h, asm/mman.h, asm/ioctls.h), struct
// layouts (checked with offsetof under mips-linux-gnu-gcc) and the private system calls
// (set_thread_area, cacheflush, o32 pipe). `--arch mips` is big-endian, `mipsel` little.
#include "cores/mips/linux_abi_mips.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>

#include "cores/mips/mips.h"

namespace anvil::mips {

namespace {

using user::GuestHostPair;
using user::Sys;

// o32 numbers start at __NR_Linux = 4000. pipe (4042) is served in mips_private_syscall: it
// returns both descriptors in v0 and v1 (arch/mips/kernel/syscall.c sysm_pipe).
constexpr user::SyscallNumber kSyscalls[] = {
    {4001, Sys::exit},
    {4002, Sys::fork},
    {4003, Sys::read},
    {4004, Sys::write},
    {4005, Sys::open},
    {4006, Sys::close},
    {4009, Sys::link},
    {4010, Sys::unlink},
    {4011, Sys::execve},
    {4012, Sys::chdir},
    {4013, Sys::time},
    {4015, Sys::chmod},
    {4016, Sys::lchown},
    {4019, Sys::lseek},
    {4020, Sys::getpid},
    {4023, Sys::setuid},
    {4024, Sys::getuid},
    {4027, Sys::alarm},
    {4029, Sys::pause},
    {4033, Sys::access},
    {4036, Sys::sync},
    {4037, Sys::kill},
    {4038, Sys::rename},
    {4039, Sys::mkdir},
    {4040, Sys::rmdir},
    {4041, Sys::dup},
    {4043, Sys::times},
    {4045, Sys::brk},
    {4046, Sys::setgid},
    {4047, Sys::getgid},
    {4049, Sys::geteuid},
    {4050, Sys::getegid},
    {4054, Sys::ioctl},
    {4055, Sys::fcntl},
    {4057, Sys::setpgid},
    {4060, Sys::umask},
    {4063, Sys::dup2},
    {4064, Sys::getppid},
    {4065, Sys::getpgrp},
    {4066, Sys::setsid},
    {4075, Sys::setrlimit},
    {4076, Sys::getrlimit},
    {4077, Sys::getrusage},
    {4078, Sys::gettimeofday},
    {4080, Sys::getgroups},
    {4083, Sys::symlink},
    {4085, Sys::readlink},
    {4090, Sys::mmap},
    {4091, Sys::munmap},
    {4094, Sys::fchmod},
    {4095, Sys::fchown},
    {4114, Sys::wait4},
    {4116, Sys::sysinfo},
    {4118, Sys::fsync},
    {4119, Sys::sigreturn},
    {4120, Sys::clone},
    {4122, Sys::uname},
    {4125, Sys::mprotect},
    {4132, Sys::getpgid},
    {4133, Sys::fchdir},
    {4140, Sys::llseek},  // _llseek
    {4142, Sys::select},  // _newselect
    {4145, Sys::readv},
    {4146, Sys::writev},
    {4151, Sys::getsid},
    {4152, Sys::fdatasync},
    {4162, Sys::sched_yield},
    {4166, Sys::nanosleep},
    {4167, Sys::mremap},
    {4188, Sys::poll},
    {4192, Sys::prctl},
    {4193, Sys::rt_sigreturn},
    {4194, Sys::rt_sigaction},
    {4195, Sys::rt_sigprocmask},
    {4196, Sys::rt_sigpending},
    {4197, Sys::rt_sigtimedwait},
    {4199, Sys::rt_sigsuspend},
    {4200, Sys::pread64},
    {4201, Sys::pwrite64},
    {4202, Sys::chown},
    {4203, Sys::getcwd},
    {4206, Sys::sigaltstack},
    {4210, Sys::mmap2},
    {4211, Sys::truncate64},
    {4212, Sys::ftruncate64},
    {4213, Sys::stat64},
    {4214, Sys::lstat64},
    {4215, Sys::fstat64},
    {4218, Sys::madvise},
    {4219, Sys::getdents64},
    {4220, Sys::fcntl64},
    {4222, Sys::gettid},
    {4236, Sys::tkill},
    {4237, Sys::sendfile64},
    {4238, Sys::futex},
    {4240, Sys::sched_getaffinity},
    {4246, Sys::exit_group},
    {4252, Sys::set_tid_address},
    {4254, Sys::fadvise64_64},  // fadvise64
    {4255, Sys::statfs64},
    {4256, Sys::fstatfs64},
    {4263, Sys::clock_gettime},
    {4264, Sys::clock_getres},
    {4265, Sys::clock_nanosleep},
    {4266, Sys::tgkill},
    {4278, Sys::waitid},
    {4288, Sys::openat},
    {4289, Sys::mkdirat},
    {4291, Sys::fchownat},
    {4293, Sys::fstatat64},
    {4294, Sys::unlinkat},
    {4295, Sys::renameat},
    {4296, Sys::linkat},
    {4297, Sys::symlinkat},
    {4298, Sys::readlinkat},
    {4299, Sys::fchmodat},
    {4300, Sys::faccessat},
    {4301, Sys::pselect6},
    {4302, Sys::ppoll},
    {4305, Sys::sync_file_range},
    {4309, Sys::set_robust_list},
    {4310, Sys::get_robust_list},
    {4312, Sys::getcpu},
    {4316, Sys::utimensat},
    {4327, Sys::dup3},
    {4328, Sys::pipe2},
    {4338, Sys::prlimit64},
    {4351, Sys::renameat2},
    {4353, Sys::getrandom},
    {4358, Sys::membarrier},
    {4366, Sys::statx},
    {4367, Sys::rseq},
    {4403, Sys::clock_gettime64},
    {4406, Sys::clock_getres_time64},
    {4407, Sys::clock_nanosleep_time64},
    {4412, Sys::utimensat_time64},
    {4413, Sys::pselect6_time64},
    {4414, Sys::ppoll_time64},
    {4421, Sys::rt_sigtimedwait_time64},
    {4422, Sys::futex_time64},
    {4435, Sys::clone3},
    {4439, Sys::faccessat2},
};

constexpr std::uint32_t kNrPipe = 4042, kNrCacheflush = 4147, kNrSysmips = 4149,
                        kNrSetThreadArea = 4283;

// arch/mips/include/uapi/asm/errno.h: from 35 on, most values differ from asm-generic.
constexpr GuestHostPair kErrno[] = {{35, ENOMSG},
                                    {36, EIDRM},
                                    {37, ECHRNG},
                                    {38, EL2NSYNC},
                                    {39, EL3HLT},
                                    {40, EL3RST},
                                    {41, ELNRNG},
                                    {42, EUNATCH},
                                    {43, ENOCSI},
                                    {44, EL2HLT},
                                    {45, EDEADLK},
                                    {46, ENOLCK},
                                    {50, EBADE},
                                    {51, EBADR},
                                    {52, EXFULL},
                                    {53, ENOANO},
                                    {54, EBADRQC},
                                    {55, EBADSLT},
                                    {56, EDEADLOCK},
                                    {74, EMULTIHOP},
                                    {77, EBADMSG},
                                    {78, ENAMETOOLONG},
                                    {79, EOVERFLOW},
                                    {80, ENOTUNIQ},
                                    {81, EBADFD},
                                    {82, EREMCHG},
                                    {83, ELIBACC},
                                    {84, ELIBBAD},
                                    {85, ELIBSCN},
                                    {86, ELIBMAX},
                                    {87, ELIBEXEC},
                                    {88, EILSEQ},
                                    {89, ENOSYS},
                                    {90, ELOOP},
                                    {91, ERESTART},
                                    {92, ESTRPIPE},
                                    {93, ENOTEMPTY},
                                    {94, EUSERS},
                                    {95, ENOTSOCK},
                                    {96, EDESTADDRREQ},
                                    {97, EMSGSIZE},
                                    {98, EPROTOTYPE},
                                    {99, ENOPROTOOPT},
                                    {120, EPROTONOSUPPORT},
                                    {121, ESOCKTNOSUPPORT},
                                    {122, EOPNOTSUPP},
                                    {123, EPFNOSUPPORT},
                                    {124, EAFNOSUPPORT},
                                    {125, EADDRINUSE},
                                    {126, EADDRNOTAVAIL},
                                    {127, ENETDOWN},
                                    {128, ENETUNREACH},
                                    {129, ENETRESET},
                                    {130, ECONNABORTED},
                                    {131, ECONNRESET},
                                    {132, ENOBUFS},
                                    {133, EISCONN},
                                    {134, ENOTCONN},
                                    {135, EUCLEAN},
                                    {137, ENOTNAM},
                                    {138, ENAVAIL},
                                    {139, EISNAM},
                                    {140, EREMOTEIO},
                                    {143, ESHUTDOWN},
                                    {144, ETOOMANYREFS},
                                    {145, ETIMEDOUT},
                                    {146, ECONNREFUSED},
                                    {147, EHOSTDOWN},
                                    {148, EHOSTUNREACH},
                                    {149, EALREADY},
                                    {150, EINPROGRESS},
                                    {151, ESTALE},
                                    {158, ECANCELED},
                                    {159, ENOMEDIUM},
                                    {160, EMEDIUMTYPE},
                                    {161, ENOKEY},
                                    {162, EKEYEXPIRED},
                                    {163, EKEYREVOKED},
                                    {164, EKEYREJECTED},
                                    {165, EOWNERDEAD},
                                    {166, ENOTRECOVERABLE},
                                    {167, ERFKILL},
                                    {168, EHWPOISON},
                                    {1133, EDQUOT}};

// arch/mips/include/uapi/asm/signal.h. SIGEMT (7) has no host equivalent; it stands for
// SIGSTKFLT, which MIPS lacks, so the mapping stays one-to-one.
constexpr GuestHostPair kSignals[] = {
    {7, SIGSTKFLT},  {10, SIGBUS},  {12, SIGSYS},   {16, SIGUSR1}, {17, SIGUSR2},
    {18, SIGCHLD},   {19, SIGPWR},  {20, SIGWINCH}, {21, SIGURG},  {22, SIGIO},
    {23, SIGSTOP},   {24, SIGTSTP}, {25, SIGCONT},  {26, SIGTTIN}, {27, SIGTTOU},
    {28, SIGVTALRM}, {29, SIGPROF}, {30, SIGXCPU},  {31, SIGXFSZ},
};

// arch/mips/include/uapi/asm/fcntl.h; the bits from O_DIRECTORY up are asm-generic's.
constexpr GuestHostPair kOpenFlags[] = {
    {0x0008, O_APPEND},
    {0x0010, O_DSYNC},
    {0x0080, O_NONBLOCK},
    {0x0100, O_CREAT},
    {0x0200, O_TRUNC},
    {0x0400, O_EXCL},
    {0x0800, O_NOCTTY},
    {0x1000, FASYNC},
    {0x2000, 0 /* O_LARGEFILE */},
    {0x4000, 04000000 /* __O_SYNC */},
    {0x8000, O_DIRECT},
    {00200000, O_DIRECTORY},
    {00400000, O_NOFOLLOW},
    {01000000, O_NOATIME},
    {02000000, O_CLOEXEC},
    {010000000, O_PATH},
    {020000000, 020000000 /* __O_TMPFILE */},
};

// arch/mips/include/uapi/asm/mman.h.
constexpr GuestHostPair kMmapFlags[] = {
    {0x01, MAP_SHARED},      {0x02, MAP_PRIVATE},
    {0x10, MAP_FIXED},       {0x400, MAP_NORESERVE},
    {0x800, MAP_ANONYMOUS},  {0x1000, MAP_GROWSDOWN},
    {0x2000, MAP_DENYWRITE}, {0x4000, MAP_EXECUTABLE},
    {0x8000, MAP_LOCKED},    {0x10000, MAP_POPULATE},
    {0x20000, MAP_NONBLOCK}, {0x40000, MAP_STACK},
    {0x80000, MAP_HUGETLB},  {0x100000, MAP_FIXED_NOREPLACE},
};

// arch/mips/include/uapi/asm/ioctls.h (the _IOR/_IOW forms encode direction differently).
constexpr GuestHostPair kIoctls[] = {
    {0x540d, TCGETS},        {0x540e, TCSETS},        {0x540f, TCSETSW},        {0x5410, TCSETSF},
    {0x40047477, TIOCGPGRP}, {0x80047476, TIOCSPGRP}, {0x40087468, TIOCGWINSZ}, {0x467f, FIONREAD},
    {0x6602, FIONCLEX},      {0x6601, FIOCLEX},
};

// arch/mips/include/uapi/asm/fcntl.h: the lock and owner commands.
constexpr GuestHostPair kFcntl[] = {
    {14, F_GETLK},  {6, F_SETLK},    {7, F_SETLKW},   {24, F_SETOWN},
    {23, F_GETOWN}, {33, F_GETLK64}, {34, F_SETLK64}, {35, F_SETLKW64},
};

// arch/mips/include/uapi/asm/resource.h: RLIMIT_NOFILE 5, AS 6, RSS 7, NPROC 8, MEMLOCK 9.
constexpr GuestHostPair kRlimits[] = {
    {5, RLIMIT_NOFILE}, {6, RLIMIT_AS}, {7, RLIMIT_RSS}, {8, RLIMIT_NPROC}, {9, RLIMIT_MEMLOCK},
};

// struct termios (arch/mips/include/uapi/asm/termbits.h): 23 control characters in another
// order (VMIN 4, VEOF 16, ...), and IEXTEN, TOSTOP and FLUSHO at other c_lflag bits.
constexpr std::uint8_t kNone = user::TermiosLayout::kNoHostCharacter;
constexpr std::uint8_t kTermiosControlCharacters[23] = {
    VINTR,    VQUIT,    VERASE,  VKILL,  VMIN, VTIME, VEOL2, VSWTC, VSTART, VSTOP, VSUSP, kNone,
    VREPRINT, VDISCARD, VWERASE, VLNEXT, VEOF, VEOL,  kNone, kNone, kNone,  kNone, kNone};
constexpr GuestHostPair kTermiosLocalFlags[] = {
    {0x100, IEXTEN},
    {0x2000, FLUSHO},
    {0x8000, TOSTOP},
};

constexpr unsigned kV1 = 3, kT9 = 25, kSp = 29;

// start_thread (arch/mips/kernel/process.c): registers zero, user mode, pc at the entry.
// t9 also holds the entry, as qemu-mips leaves it, for start code that derives gp from it.
void start_mips(user::CoreRegisters& registers, const user::StartState& start) {
  for (unsigned r = 1; r < 32; ++r) registers.set(r, 0);
  registers.set(kT9, start.entry);
  registers.set(kSp, start.stack_pointer);
  registers.set(registers.index("pc"), start.entry);
}

std::optional<std::int64_t> mips_private_syscall(user::CoreRegisters& registers,
                                                 user::GuestMemory& memory, std::uint32_t number,
                                                 std::span<const std::uint32_t, 6> args) {
  (void)memory;
  switch (number) {
    case kNrSetThreadArea:
      // The TLS pointer RDHWR $29 returns (arch/mips/kernel/syscall.c set_thread_area).
      registers.set(registers.index("userlocal"), args[0]);
      return 0;
    case kNrPipe: {
      int fds[2];
      if (pipe(fds) < 0) return -errno;
      registers.set(kV1, static_cast<std::uint32_t>(fds[1]));
      return fds[0];
    }
    case kNrCacheflush:
      // The decoded-code cache follows stores by itself (MemoryPort code-page watching).
      return 0;
    case kNrSysmips:
      return -ENOSYS;
    default:
      return std::nullopt;
  }
}

user::LinuxAbi make_abi(std::string_view name, std::endian order) {
  user::LinuxAbi abi;
  abi.name = name;
  abi.elf_machine = 8;  // EM_MIPS
  abi.byte_order = order;
  abi.platform = "";  // the kernel sets AT_PLATFORM only for a few SoCs (cpu-probe.c)
  abi.machine = "mips";
  abi.hwcap = 0;               // HWCAP_MIPS_*: no R6, MSA, CRC32, MIPS16 or DSP on the 24Kf
  abi.stack_top = 0x7fff0000;  // below TASK_SIZE (0x7fff8000)
  abi.stack_size = 8 << 20;
  abi.mmap_base = 0x40000000;
  abi.static_pie_base = 0x00400000;
  abi.syscall_number_register = "r2";
  abi.argument_registers = {"r4", "r5", "r6", "r7"};
  abi.stack_argument_offset = 16;  // o32: the caller reserves 16 bytes for a0..a3
  abi.result_register = "r2";
  abi.error_flag_register = "r7";
  abi.stack_pointer_register = "r29";
  abi.errors = user::ErrorReturn::ErrnoAndFlag;
  abi.clone_tls_before_child_tid = true;
  abi.align_64bit_arguments = true;
  abi.siginfo_code_before_errno = true;
  abi.syscalls = kSyscalls;
  abi.errno_values = kErrno;
  abi.signal_numbers = kSignals;
  abi.open_flags = kOpenFlags;
  abi.mmap_flags = kMmapFlags;
  abi.ioctl_requests = kIoctls;
  abi.fcntl_commands = kFcntl;
  abi.rlimit_resources = kRlimits;
  abi.sig_block = 1;
  abi.stack_size_before_flags = true;
  abi.sa_siginfo = 0x8;
  abi.sa_restorer = 0;  // o32 has none: handlers return through the sigreturn page
  abi.sa_onstack = 0x08000000;
  abi.sa_restart = 0x10000000;
  abi.sa_nodefer = 0x40000000;
  abi.sa_resethand = 0x80000000;
  // struct stat64 (arch/mips/include/uapi/asm/stat.h, o32): 32-bit dev/rdev with padding.
  abi.stat64 = {104,     {0, 4},  {16, 8}, {24, 4}, {28, 4}, {32, 4}, {36, 4}, {40, 4}, {56, 8},
                {88, 4}, {96, 8}, {64, 4}, {68, 4}, {72, 4}, {76, 4}, {80, 4}, {84, 4}, {}};
  // The kernel's o32 struct sigaction: sa_flags, sa_handler, sa_mask (16 bytes).
  abi.sigaction = {24, {4, 4}, {0, 4}, {}, {8, 8}};
  abi.termios = {kTermiosControlCharacters, kTermiosLocalFlags};
  abi.start = start_mips;
  abi.private_syscall = mips_private_syscall;
  abi.map_special_pages = mips_map_sigreturn_page;
  abi.push_signal_frame = mips_push_signal_frame;
  abi.pop_signal_frame = mips_pop_signal_frame;
  return abi;
}

const user::LinuxAbi kMipsBig = make_abi("mips", std::endian::big);
const user::LinuxAbi kMipsLittle = make_abi("mipsel", std::endian::little);

user::UserTarget make_target(std::string name, std::string description, const user::LinuxAbi& abi) {
  user::UserTarget target;
  target.name = std::move(name);
  target.description = std::move(description);
  target.abi = &abi;
  target.default_cpu = "24kf";
  target.cpus = mips_models();
  const std::endian order = abi.byte_order;
  target.create_core = [order](const std::string& cpu, MemoryPort& memory) {
    MipsConfig config;
    config.model = cpu;
    config.byte_order = order;
    config.address_map = AddressMap::Flat;
    config.linux_user = true;
    return create_mips(config, memory);
  };
  return target;
}

}  // namespace

std::vector<user::UserTarget> mips_user_targets() {
  return {
      make_target("mips", "MIPS o32 big-endian (Debian mips: MIPS32 Release 2, 24Kf FPU)",
                  kMipsBig),
      make_target("mipsel", "MIPS o32 little-endian (Debian mipsel: 24Kf FPU)", kMipsLittle),
  };
}

}  // namespace anvil::mips
