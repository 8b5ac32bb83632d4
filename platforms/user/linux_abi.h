// The per-ISA part of Linux user mode (`anvil user`, docs/user-mode.md). The generic layer
// (platforms/user) implements the Linux system calls once; each ISA describes its Linux ABI
// with one LinuxAbi value (cores/<isa>/linux_abi_<isa>.cpp) and one UserTarget per
// `--arch` name. Everything an ISA must say is here, mostly as data:
//   - which registers carry the syscall number, arguments and results, and how errors return;
//   - its syscall numbers, mapped to the generic calls below;
//   - the constants and structure layouts where it differs from the host (errno, signal
//     numbers, open/mmap flags, struct stat64, struct sigaction);
//   - small hooks for what cannot be data: initial registers, private syscalls, special
//     pages, and the signal frame.
// Values the guest sees are always the guest's; the layer converts them to the host's.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cores/common/core.h"
#include "cores/common/memory_port.h"
#include "cores/common/types.h"

namespace anvil::user {

// The system calls the generic layer implements, named after the kernel's entry points. An
// ISA maps its numbers onto these; several numbers may share one (e.g. getuid and getuid32).
// clang-format off
enum class Sys : std::uint16_t {
  // memory
  brk, mmap, mmap2, munmap, mprotect, mremap, madvise,
  // files
  open, openat, close, read, write, readv, writev, pread64, pwrite64, lseek, llseek,
  stat64, lstat64, fstat64, fstatat64, statx, getdents64, readlink, readlinkat, ioctl,
  fcntl, fcntl64, dup, dup2, dup3, pipe, pipe2, unlink, unlinkat, rename, renameat,
  renameat2, mkdir, mkdirat, rmdir, getcwd, chdir, fchdir, access, faccessat, faccessat2,
  umask, ftruncate64, truncate64, fsync, fdatasync, chmod, fchmod, fchmodat, poll, ppoll,
  ppoll_time64, select, pselect6, pselect6_time64, utimensat, utimensat_time64, symlinkat,
  symlink, link, linkat, sync, statfs64, fstatfs64, sendfile64, fadvise64_64,
  arm_fadvise64_64, sync_file_range, chown, fchown, lchown, fchownat,
  // process
  exit, exit_group, getpid, gettid, getppid, getuid, geteuid, getgid, getegid, getgroups,
  setuid, setgid, getpgid, setpgid, getpgrp, setsid, getsid, uname, set_tid_address,
  set_robust_list, get_robust_list, prlimit64, getrlimit, setrlimit, sched_getaffinity,
  sched_yield, getrusage, times, sysinfo, clone, fork, vfork, execve, wait4, waitid,
  kill, tkill, tgkill, prctl, getcpu, rseq, membarrier, clone3,
  // time
  clock_gettime, clock_gettime64, clock_getres, clock_getres_time64, gettimeofday, time,
  nanosleep, clock_nanosleep, clock_nanosleep_time64,
  getrandom,
  // signals
  rt_sigaction, rt_sigprocmask, rt_sigreturn, sigreturn, sigaltstack, rt_sigsuspend,
  rt_sigpending, rt_sigtimedwait, rt_sigtimedwait_time64, alarm, pause,
  // futex (one thread)
  futex, futex_time64,
  count_  // not a system call: the number of entries
};
// clang-format on

// The kernel's name of a generic call ("openat"), for messages.
std::string_view syscall_name(Sys call);

struct SyscallNumber {
  std::uint32_t number;  // what the guest puts in its syscall-number register
  Sys call;
};

// How a system call reports failure.
enum class ErrorReturn : std::uint8_t {
  NegatedErrno,  // result register = -errno (ARM, m68k, most ISAs)
  ErrnoAndFlag,  // result register = errno and error_flag_register = 1, else 0 (MIPS)
};

// A guest value and the host value it stands for (errno, signal numbers, flag bits).
struct GuestHostPair {
  std::uint32_t guest;
  std::uint32_t host;
};

// Where a field sits in a guest structure; size 0 means the structure has no such field.
struct FieldAt {
  std::uint16_t offset = 0;
  std::uint8_t size = 0;  // 2, 4 or 8
};

// struct stat64 as stat64/lstat64/fstat64/fstatat64 write it.
struct Stat64Layout {
  std::uint16_t size;
  FieldAt dev, ino, mode, nlink, uid, gid, rdev, file_size, blksize, blocks;
  FieldAt atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
  FieldAt legacy_ino;  // the 32-bit __st_ino some ABIs keep beside st_ino
};

// struct termios as TCGETS and TCSETS* see it: c_iflag, c_oflag, c_cflag, c_lflag, c_line,
// then c_cc. Empty spans mean the host's layout (19 control characters in host order).
struct TermiosLayout {
  static constexpr std::uint8_t kNoHostCharacter = 0xff;
  // The host c_cc index of each guest c_cc entry (kNoHostCharacter: the host has none).
  std::span<const std::uint8_t> control_characters;
  std::span<const GuestHostPair> local_flags;  // c_lflag bits that differ from the host's
};

// The kernel's struct sigaction as rt_sigaction reads and writes it.
struct SigactionLayout {
  std::uint16_t size;
  FieldAt handler, flags, restorer, mask;  // mask: the first 8 bytes of the kernel sigset
};

// Checked access to the guest's memory, in guest byte order. Every method returns false
// (and does nothing) unless the whole range is mapped with the needed permission, so a bad
// guest pointer becomes EFAULT or a signal, never a host access.
class GuestMemory {
 public:
  virtual ~GuestMemory() = default;
  virtual std::endian byte_order() const = 0;
  virtual bool read(Addr address, std::span<std::uint8_t> bytes) const = 0;
  virtual bool write(Addr address, std::span<const std::uint8_t> bytes) = 0;
  // Maps fixed, zeroed pages (special pages such as ARM's kuser helpers); `bytes` are written
  // at `address` whatever the permissions. Returns false when the range is taken.
  virtual bool map_special(Addr address, Addr size, bool writable,
                           std::span<const std::uint8_t> bytes) = 0;
  // Writes even into a read-only special page (the TLS word of ARM's kuser page).
  virtual bool poke(Addr address, std::span<const std::uint8_t> bytes) = 0;

  bool read_u32(Addr address, std::uint32_t& value) const;
  bool write_u32(Addr address, std::uint32_t value);
  bool read_u64(Addr address, std::uint64_t& value) const;
  bool write_u64(Addr address, std::uint64_t value);
};

// Register access by name, resolved once against Core::register_info() (e.g. "r7", "sp").
class CoreRegisters {
 public:
  // Throws std::invalid_argument naming the register when the core has none of that name.
  // `names` may list alternatives separated by '|' ("sp|r13").
  CoreRegisters(Core& core);
  unsigned index(std::string_view names) const;
  std::uint64_t get(unsigned index) const { return core_->read_register(index); }
  void set(unsigned index, std::uint64_t value) { core_->write_register(index, value); }
  Core& core() { return *core_; }
  // The thread pointer of ISAs whose core has no register for it (m68k's set_thread_area
  // and get_thread_area keep it here). One per process image: execve starts at 0.
  std::uint64_t& thread_pointer() { return thread_pointer_; }

 private:
  Core* core_;
  std::uint64_t thread_pointer_ = 0;
};

// What start() needs to set up the first instruction.
struct StartState {
  Addr entry;          // e_entry plus load bias
  Addr stack_pointer;  // points at argc
};

// What push_signal_frame() needs. The generic layer chooses the stack (alternate or
// current), builds siginfo in guest layout and computes the mask the handler returns to.
struct SignalDelivery {
  std::uint32_t guest_signal;
  Addr handler;
  Addr restorer;        // SA_RESTORER's trampoline, 0 if none
  std::uint32_t flags;  // guest SA_* flags
  bool with_siginfo;    // SA_SIGINFO: the handler takes (signo, siginfo*, ucontext*)
  Addr stack_top;       // highest usable address of the chosen stack
  std::span<const std::uint8_t> siginfo;  // 128 bytes, guest layout
  std::uint64_t saved_mask;               // the blocked set before delivery (guest numbering)
  Addr altstack_sp;                       // for uc_stack
  std::uint32_t altstack_flags;
  Addr altstack_size;
  Addr fault_address;  // sigcontext's fault address (0 for asynchronous signals)
};

// The ISA's Linux ABI. A value of this type is constant data for the whole run.
struct LinuxAbi {
  std::string_view name;  // "armel"
  std::uint16_t elf_machine;
  std::endian byte_order;
  std::string_view platform;  // AT_PLATFORM: "v7l", "v5l"
  std::string_view machine;   // uname's machine: "armv7l", "armv5tel"
  std::uint32_t hwcap = 0;    // AT_HWCAP: exactly what the core implements
  std::uint32_t hwcap2 = 0;

  // Layout of the address space.
  Addr stack_top;        // highest stack address + 1
  Addr stack_size;       // mapped for the initial stack (RLIMIT_STACK)
  Addr mmap_base;        // where mmap without a hint starts looking (bottom-up)
  Addr static_pie_base;  // load address of ET_DYN executables

  // Calling convention (register names as the core's register_info() spells them).
  std::string_view syscall_number_register;            // "r7"
  std::array<std::string_view, 6> argument_registers;  // unused entries empty
  unsigned stack_argument_offset = 0;                  // arguments past the registers: at sp + this
  std::string_view result_register;                    // "r0"
  std::string_view error_flag_register;                // ErrnoAndFlag only ("a3")
  std::string_view stack_pointer_register;
  ErrorReturn errors = ErrorReturn::NegatedErrno;
  // clone(flags, stack, parent_tid, tls, child_tid) when true (CLONE_BACKWARDS: arm, mips),
  // clone(flags, stack, parent_tid, child_tid, tls) when false (m68k).
  bool clone_tls_before_child_tid = true;
  // 64-bit arguments (pread64's offset) start at an even argument slot (ARM EABI, MIPS o32)
  // and arrive as two 32-bit halves in the guest's byte order (low half first on
  // little-endian guests).
  bool align_64bit_arguments = true;
  // siginfo starts {si_signo, si_errno, si_code}; MIPS swaps the last two.
  bool siginfo_code_before_errno = false;

  std::span<const SyscallNumber> syscalls;

  // Constants that differ from the host's (x86-64 Linux). Values not listed are the same.
  std::span<const GuestHostPair> errno_values;    // guest errno, host errno
  std::span<const GuestHostPair> signal_numbers;  // guest signal, host signal
  // Flag bits: every bit the guest may use, with its host equivalent (unlisted bits: EINVAL
  // for open/mmap flags).
  std::span<const GuestHostPair> open_flags;
  std::span<const GuestHostPair> mmap_flags;  // MAP_*; PROT_* are the same everywhere
  std::uint32_t sig_block = 0;  // rt_sigprocmask's SIG_BLOCK; SIG_UNBLOCK and SIG_SETMASK follow
  // stack_t is {ss_sp, ss_flags, ss_size}; MIPS has {ss_sp, ss_size, ss_flags}.
  bool stack_size_before_flags = false;
  std::uint32_t sa_siginfo, sa_onstack, sa_restart, sa_nodefer, sa_resethand, sa_restorer;
  std::span<const GuestHostPair> ioctl_requests;    // guest request, host request
  std::span<const GuestHostPair> rlimit_resources;  // RLIMIT_*, only where they differ
  std::span<const GuestHostPair> fcntl_commands;    // F_*, only where they differ (MIPS)
  Stat64Layout stat64;
  SigactionLayout sigaction;
  TermiosLayout termios;

  // Hooks. start() sets pc, sp and any ABI register (ARM: Thumb state for an odd entry).
  std::function<void(CoreRegisters&, const StartState&)> start;
  // Syscall numbers outside `syscalls` the ISA serves itself (ARM: set_tls, cacheflush).
  // Returns the result (a negated guest errno on failure), or nullopt: not ours (ENOSYS).
  std::function<std::optional<std::int64_t>(CoreRegisters&, GuestMemory&, std::uint32_t number,
                                            std::span<const std::uint32_t, 6> args)>
      private_syscall;
  // Maps pages every process of this ABI has (ARM armel: the kuser helpers at 0xffff0000).
  std::function<void(GuestMemory&)> map_special_pages;
  // Writes the signal frame below delivery.stack_top and points the registers at the
  // handler (signal number, siginfo and ucontext arguments, return to the restorer or a
  // sigreturn trampoline). Returns false when the frame cannot be written (SIGSEGV).
  std::function<bool(CoreRegisters&, GuestMemory&, const SignalDelivery&)> push_signal_frame;
  // The si_code of a fault the core reported (Hooks::user_fault), where the ISA's kernel
  // tells more than the generic one per UserFault (m68k: per exception vector, traps.c).
  // Empty, or nullopt: the generic code (SEGV_MAPERR/ACCERR, ILL_ILLOPC, BUS_ADRALN, ...).
  std::function<std::optional<std::int32_t>(CoreRegisters&, UserFault)> fault_code;
  // rt_sigreturn/sigreturn: restores the registers from the frame at the current stack
  // pointer and returns the signal mask saved in it, or nullopt for a bad frame (SIGSEGV).
  std::function<std::optional<std::uint64_t>(CoreRegisters&, GuestMemory&, bool rt)>
      pop_signal_frame;
};

// What the auxiliary vector says about the CPU (it depends on the --cpu model).
struct CpuFeatures {
  std::uint32_t hwcap = 0;
  std::uint32_t hwcap2 = 0;
  std::string platform;  // AT_PLATFORM
};

// One `--arch` value: an ABI and how to make a core for it.
struct UserTarget {
  std::string name;         // "armel"
  std::string description;  // one line for `anvil user --list`
  const LinuxAbi* abi;
  std::string default_cpu;        // "arm926ej-s"
  std::vector<std::string> cpus;  // accepted --cpu values
  // A core configured for Linux user mode (system_call and user_fault hooks, no vectors).
  // Throws std::invalid_argument for an unknown cpu.
  std::function<std::unique_ptr<Core>(const std::string& cpu, MemoryPort& memory)> create_core;
  // AT_HWCAP/AT_HWCAP2/AT_PLATFORM for a cpu: exactly what that model implements. Empty: the
  // ABI's hwcap, hwcap2 and platform.
  std::function<CpuFeatures(const std::string& cpu)> features;
};

}  // namespace anvil::user
