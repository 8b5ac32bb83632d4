#include "platforms/user/linux_abi.h"

#include <cstring>
#include <iterator>
#include <stdexcept>
#include <string>

namespace anvil::user {

namespace {
template <class T>
T from_guest(std::endian order, T value) {
  return order == std::endian::native ? value : anvil::byteswap(value);
}
}  // namespace

bool GuestMemory::read_u32(Addr address, std::uint32_t& value) const {
  std::uint8_t bytes[4];
  if (!read(address, bytes)) return false;
  std::memcpy(&value, bytes, 4);
  value = from_guest(byte_order(), value);
  return true;
}

bool GuestMemory::write_u32(Addr address, std::uint32_t value) {
  std::uint8_t bytes[4];
  value = from_guest(byte_order(), value);
  std::memcpy(bytes, &value, 4);
  return write(address, bytes);
}

bool GuestMemory::read_u64(Addr address, std::uint64_t& value) const {
  std::uint8_t bytes[8];
  if (!read(address, bytes)) return false;
  std::memcpy(&value, bytes, 8);
  value = from_guest(byte_order(), value);
  return true;
}

bool GuestMemory::write_u64(Addr address, std::uint64_t value) {
  std::uint8_t bytes[8];
  value = from_guest(byte_order(), value);
  std::memcpy(bytes, &value, 8);
  return write(address, bytes);
}

namespace {
// In the order of enum class Sys.
// clang-format off
constexpr std::string_view kSyscallNames[] = {
    "brk", "mmap", "mmap2", "munmap", "mprotect", "mremap", "madvise", "open", "openat", "close",
    "read", "write", "readv", "writev", "pread64", "pwrite64", "lseek", "llseek", "stat64",
    "lstat64", "fstat64", "fstatat64", "statx", "getdents64", "readlink", "readlinkat", "ioctl",
    "fcntl", "fcntl64", "dup", "dup2", "dup3", "pipe", "pipe2", "unlink", "unlinkat", "rename",
    "renameat", "renameat2", "mkdir", "mkdirat", "rmdir", "getcwd", "chdir", "fchdir", "access",
    "faccessat", "faccessat2", "umask", "ftruncate64", "truncate64", "fsync", "fdatasync",
    "chmod", "fchmod", "fchmodat", "poll", "ppoll", "ppoll_time64", "select", "pselect6",
    "pselect6_time64", "utimensat", "utimensat_time64", "symlinkat", "symlink", "link", "linkat",
    "sync", "statfs64", "fstatfs64", "sendfile64", "fadvise64_64",
    "arm_fadvise64_64", "sync_file_range", "chown", "fchown", "lchown",
    "fchownat", "exit", "exit_group", "getpid", "gettid", "getppid", "getuid", "geteuid",
    "getgid", "getegid", "getgroups", "setuid", "setgid", "getpgid", "setpgid", "getpgrp",
    "setsid", "getsid", "uname", "set_tid_address", "set_robust_list", "get_robust_list",
    "prlimit64", "getrlimit", "setrlimit", "sched_getaffinity", "sched_yield", "getrusage",
    "times", "sysinfo", "clone", "fork", "vfork", "execve", "wait4", "waitid", "kill", "tkill",
    "tgkill", "prctl", "getcpu", "rseq", "membarrier", "clone3", "clock_gettime",
    "clock_gettime64", "clock_getres", "clock_getres_time64", "gettimeofday", "time", "nanosleep",
    "clock_nanosleep", "clock_nanosleep_time64", "getrandom", "rt_sigaction", "rt_sigprocmask",
    "rt_sigreturn", "sigreturn", "sigaltstack", "rt_sigsuspend", "rt_sigpending",
    "rt_sigtimedwait", "rt_sigtimedwait_time64", "alarm", "pause", "futex", "futex_time64",
};
// clang-format on
static_assert(std::size(kSyscallNames) == static_cast<std::size_t>(Sys::count_));
}  // namespace

std::string_view syscall_name(Sys call) {
  const auto i = static_cast<std::size_t>(call);
  return i < std::size(kSyscallNames) ? kSyscallNames[i] : "?";
}

CoreRegisters::CoreRegisters(Core& core) : core_(&core) {}

unsigned CoreRegisters::index(std::string_view names) const {
  const auto registers = core_->register_info();
  std::string_view rest = names;
  while (!rest.empty()) {
    const auto bar = rest.find('|');
    const std::string_view name = rest.substr(0, bar);
    for (unsigned i = 0; i < registers.size(); ++i)
      if (registers[i].name == name) return i;
    rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
  }
  throw std::invalid_argument("core " + std::string(core_->model()) + " has no register named " +
                              std::string(names));
}

}  // namespace anvil::user
