// Process system calls: identity, limits, exit, and process creation as shells need it.
// fork/vfork/clone without CLONE_VM fork the simulator itself, so the child is a second
// simulator running the same guest state; execve of a guest program ends this image and the
// run loop starts the next; wait4/waitid wait for those host processes.
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <iostream>

#include "platforms/user/guest_struct.h"
#include "platforms/user/linux_process.h"

namespace anvil::user {

namespace {
std::int64_t result_of(long host_result) {
  return host_result < 0 ? -errno : host_result;
}

constexpr std::uint32_t kCloneVm = 0x100, kCloneVfork = 0x4000, kCloneThread = 0x10000,
                        kCloneSettls = 0x80000, kCloneParentSettid = 0x100000,
                        kCloneChildCleartid = 0x200000, kCloneChildSettid = 0x1000000;
constexpr std::uint32_t kRlimInfinity32 = 0xffffffff;

std::uint64_t guest_rlimit(rlim_t value) {
  return value == RLIM_INFINITY ? ~std::uint64_t{0} : value;
}
}  // namespace

std::optional<std::int64_t> LinuxProcess::process_call(Sys call, const Args& a) {
  switch (call) {
    case Sys::exit:
    case Sys::exit_group:
      if (clear_child_tid_) space_->write_u32(clear_child_tid_, 0);
      end_with(ProcessEnd::Kind::Exited, static_cast<int>(a[0] & 0xff));
      return kNoResult;
    case Sys::getpid:
    case Sys::gettid:
      return getpid();
    case Sys::getppid:
      return getppid();
    case Sys::getuid:
      return getuid();
    case Sys::geteuid:
      return geteuid();
    case Sys::getgid:
      return getgid();
    case Sys::getegid:
      return getegid();
    case Sys::getgroups: {
      gid_t groups[64];
      const int n = getgroups(a[0] == 0 ? 0 : 64, groups);
      if (n < 0) return -errno;
      if (a[0] == 0) return n;
      if (static_cast<std::uint32_t>(n) > a[0]) return -EINVAL;
      for (int i = 0; i < n; ++i)
        if (!space_->write_u32(a[1] + 4 * i, groups[i])) return -EFAULT;
      return n;
    }
    case Sys::setuid:
    case Sys::setgid:
      return a[0] == (call == Sys::setuid ? getuid() : getgid()) ? 0 : -EPERM;
    case Sys::getpgid:
      return result_of(getpgid(static_cast<std::int32_t>(a[0])));
    case Sys::setpgid:
      return result_of(setpgid(static_cast<std::int32_t>(a[0]), static_cast<std::int32_t>(a[1])));
    case Sys::getpgrp:
      return getpgrp();
    case Sys::setsid:
      return result_of(setsid());
    case Sys::getsid:
      return result_of(getsid(static_cast<std::int32_t>(a[0])));
    case Sys::uname: {
      struct utsname host {};
      ::uname(&host);
      char fields[6][65] = {};
      const std::string_view values[6] = {"Linux",      host.nodename, host.release,
                                          host.version, abi_.machine,  "(none)"};
      for (int i = 0; i < 6; ++i)
        values[i].copy(fields[i], std::min<std::size_t>(values[i].size(), 64));
      return space_->write(a[0], {reinterpret_cast<const std::uint8_t*>(fields), sizeof fields})
                 ? 0
                 : -EFAULT;
    }
    case Sys::set_tid_address:
      clear_child_tid_ = a[0];
      return getpid();
    case Sys::set_robust_list:
      return 0;  // one thread: nobody needs the robust futex list
    case Sys::get_robust_list:
      return -ENOSYS;
    case Sys::getrlimit:
    case Sys::setrlimit:
    case Sys::prlimit64: {
      const bool is_prlimit = call == Sys::prlimit64;
      std::uint32_t resource = a[is_prlimit ? 1 : 0];
      for (const GuestHostPair& pair : abi_.rlimit_resources)
        if (pair.guest == resource) resource = pair.host;
      struct rlimit current {};
      if (getrlimit(static_cast<__rlimit_resource>(resource), &current) < 0) return -errno;
      if (resource == RLIMIT_STACK) current.rlim_cur = abi_.stack_size;
      const Addr old_address = is_prlimit ? a[3] : (call == Sys::getrlimit ? a[1] : 0);
      if (old_address) {
        GuestStruct old(is_prlimit ? 16 : 8, abi_.byte_order);
        const unsigned width = is_prlimit ? 8 : 4;
        auto clamp = [&](rlim_t v) {
          const std::uint64_t g = guest_rlimit(v);
          return width == 4 && g > kRlimInfinity32 ? std::uint64_t{kRlimInfinity32} : g;
        };
        old.put(0, width, clamp(current.rlim_cur));
        old.put(width, width, clamp(current.rlim_max));
        if (!old.write_to(*space_, old_address)) return -EFAULT;
      }
      // New limits are accepted but not applied to the simulator itself.
      return 0;
    }
    case Sys::sched_getaffinity: {
      if (a[1] < 4) return -EINVAL;
      return space_->write_u32(a[2], 1) ? 4 : -EFAULT;  // one CPU
    }
    case Sys::sched_yield:
      return 0;
    case Sys::getrusage: {
      GuestStruct usage(72, abi_.byte_order);
      const std::uint64_t ns = simulated_ns();
      usage.put32(0, static_cast<std::uint32_t>(ns / 1'000'000'000));
      usage.put32(4, static_cast<std::uint32_t>(ns / 1000 % 1'000'000));
      return usage.write_to(*space_, a[1]) ? 0 : -EFAULT;
    }
    case Sys::times: {
      const std::uint64_t ticks = simulated_ns() / 10'000'000;  // USER_HZ = 100
      if (a[0]) {
        GuestStruct tms(16, abi_.byte_order);
        tms.put32(0, static_cast<std::uint32_t>(ticks));
        if (!tms.write_to(*space_, a[0])) return -EFAULT;
      }
      return static_cast<std::int64_t>(ticks & 0x7fffffff);
    }
    case Sys::sysinfo: {
      GuestStruct info(64, abi_.byte_order);
      info.put32(0, static_cast<std::uint32_t>(simulated_ns() / 1'000'000'000));
      info.put32(16, 1u << 30);  // totalram: 1 GiB
      info.put32(20, 1u << 29);  // freeram
      info.put(40, 2, 1);        // procs
      info.put32(52, 1);         // mem_unit
      return info.write_to(*space_, a[0]) ? 0 : -EFAULT;
    }
    case Sys::clone:
      if (abi_.clone_tls_before_child_tid) return do_clone(a[0], a[1], a[2], a[4], a[3]);
      return do_clone(a[0], a[1], a[2], a[3], a[4]);
    case Sys::fork:
      return do_clone(SIGCHLD, 0, 0, 0, 0);
    case Sys::vfork:
      return do_clone(kCloneVm | kCloneVfork | SIGCHLD, 0, 0, 0, 0);
    case Sys::execve:
      return do_execve(a[0], a[1], a[2]);
    case Sys::wait4:
      return do_wait4(static_cast<std::int32_t>(a[0]), a[1], a[2], a[3]);
    case Sys::waitid:
      return do_waitid(a[0], static_cast<std::int32_t>(a[1]), a[2], a[3]);
    case Sys::kill:
      return do_kill(static_cast<std::int32_t>(a[0]), 0, a[1]);
    case Sys::tkill:
      return do_kill(getpid(), static_cast<std::int32_t>(a[0]), a[1]);
    case Sys::tgkill:
      return do_kill(static_cast<std::int32_t>(a[0]), static_cast<std::int32_t>(a[1]), a[2]);
    case Sys::prctl:
      return a[0] == 15 /* PR_SET_NAME */ || a[0] == 16 /* PR_GET_NAME */ ? 0 : -EINVAL;
    case Sys::getcpu:
      if (a[0] && !space_->write_u32(a[0], 0)) return -EFAULT;
      if (a[1] && !space_->write_u32(a[1], 0)) return -EFAULT;
      return 0;
    case Sys::rseq:
    case Sys::membarrier:
    case Sys::clone3:
      // Optional for the C library (one thread needs neither rseq nor membarrier; glibc
      // falls back from clone3 to clone): ENOSYS without a warning.
      return -ENOSYS;
    default:
      return std::nullopt;
  }
}

std::int64_t LinuxProcess::do_clone(std::uint32_t flags, Addr stack, Addr parent_tid,
                                    Addr child_tid, Addr tls) {
  (void)tls;
  const bool vfork_like = (flags & kCloneVfork) && (flags & kCloneVm);
  if ((flags & kCloneThread) || ((flags & kCloneVm) && !vfork_like)) {
    warn_once(0xc10e, "clone with CLONE_VM or CLONE_THREAD (threads) is not supported (EINVAL)");
    return -EINVAL;
  }
  if (flags & kCloneSettls) warn_once(0xc10f, "clone: CLONE_SETTLS is ignored");
  std::cout.flush(), std::cerr.flush();
  if (options_.log) options_.log->flush();
  // vfork (CLONE_VFORK): the parent waits until the child execs or ends. The child holds the
  // write end of a pipe, closed then (end_with, or O_CLOEXEC for a host exec); the parent
  // reads until end of file.
  int release[2] = {-1, -1};
  if (vfork_like && pipe2(release, O_CLOEXEC) < 0) return -errno;
  const pid_t child = fork();
  if (child < 0) {
    if (vfork_like) close(release[0]), close(release[1]);
    return -errno;
  }
  if (vfork_like) close(child == 0 ? release[0] : release[1]);
  if (child == 0) {
    inherited_.forked = true;
    vfork_release_fd_ = release[1];
    if (stack) registers_->set(sp_register_, stack);
    if (flags & kCloneChildSettid)
      space_->write_u32(child_tid, static_cast<std::uint32_t>(getpid()));
    if (flags & kCloneChildCleartid) clear_child_tid_ = child_tid;
    if (flags & kCloneParentSettid)
      space_->write_u32(parent_tid, static_cast<std::uint32_t>(getpid()));
    return 0;
  }
  if (flags & kCloneParentSettid) space_->write_u32(parent_tid, static_cast<std::uint32_t>(child));
  if (vfork_like) {
    char byte;
    while (read(release[0], &byte, 1) < 0 && errno == EINTR) {
    }
    close(release[0]);
  }
  return child;
}

bool LinuxProcess::read_string_array(Addr array, std::vector<std::string>& out) const {
  out.clear();
  for (Addr at = array; array != 0; at += 4) {
    std::uint32_t pointer = 0;
    if (!space_->read_u32(at, pointer)) return false;
    if (pointer == 0) return true;
    std::string s;
    if (!space_->read_string(pointer, s, 1 << 17)) return false;
    out.push_back(std::move(s));
    if (out.size() > 65536) return false;
  }
  return true;
}

std::int64_t LinuxProcess::do_execve(Addr path_address, Addr argv, Addr envp) {
  ProgramRequest next;
  if (!guest_path(path_address, next.path) || !read_string_array(argv, next.args) ||
      !read_string_array(envp, next.env))
    return -EFAULT;
  if (access(next.path.c_str(), X_OK) < 0) return -errno;
  std::uint8_t head[64] = {};
  std::ifstream file(next.path, std::ios::binary);
  if (!file) return -EACCES;
  file.read(reinterpret_cast<char*>(head), sizeof head);
  const auto kind = classify_executable({head, static_cast<std::size_t>(file.gcount())}, abi_);
  if (kind == ExecutableKind::Unknown) return -ENOEXEC;
  if (kind == ExecutableKind::GuestElf) {
    end_with(ProcessEnd::Kind::Exec, 0);
    end_->exec = std::move(next);
    return kNoResult;
  }
  // Another machine's program or a script: the host runs it, in place of this simulator.
  std::vector<char*> host_args, host_env;
  for (auto& s : next.args) host_args.push_back(s.data());
  for (auto& s : next.env) host_env.push_back(s.data());
  host_args.push_back(nullptr), host_env.push_back(nullptr);
  std::cout.flush(), std::cerr.flush();
  restore_host_signals();
  ::execve(next.path.c_str(), host_args.data(), host_env.data());
  const int error = errno;
  setup_host_signals();
  return -error;
}

std::int64_t LinuxProcess::do_wait4(std::int32_t pid, Addr status_address, std::uint32_t options,
                                    Addr rusage) {
  int status = 0;
  if (status_address && !space_->writable(status_address, 4)) return -EFAULT;
  const pid_t done = ::wait4(pid, &status, static_cast<int>(options), nullptr);
  if (done < 0) return -errno;
  if (done > 0 && status_address) {
    // The wait status encoding is the same on every ISA; only signal numbers differ.
    std::uint32_t guest_status = static_cast<std::uint32_t>(status);
    if (WIFSIGNALED(status))
      guest_status = (guest_status & ~0x7fu) | guest_signal(WTERMSIG(status));
    space_->write_u32(status_address, guest_status);
  }
  if (rusage) {
    GuestStruct zero(72, abi_.byte_order);
    if (!zero.write_to(*space_, rusage)) return -EFAULT;
  }
  return done;
}

std::int64_t LinuxProcess::do_waitid(std::uint32_t which, std::int32_t id, Addr info,
                                     std::uint32_t options) {
  siginfo_t host{};
  if (::waitid(static_cast<idtype_t>(which), static_cast<id_t>(id), &host,
               static_cast<int>(options)) < 0)
    return -errno;
  if (info) {
    PendingSignal child;
    child.code = host.si_code;
    child.pid = host.si_pid;
    child.uid = static_cast<std::int32_t>(host.si_uid);
    child.status = host.si_code == CLD_EXITED ? host.si_status
                                              : static_cast<int>(guest_signal(host.si_status));
    const auto bytes = build_siginfo(host.si_pid ? guest_signal(SIGCHLD) : 0, child);
    if (!space_->write(info, bytes)) return -EFAULT;
  }
  return 0;
}

std::int64_t LinuxProcess::do_kill(std::int32_t pid, std::int32_t tid, std::uint32_t signal) {
  if (signal > kMaxSignal) return -EINVAL;
  const bool to_self = pid == getpid() && (tid == 0 || tid == getpid());
  if (to_self) {
    if (signal != 0) raise_signal(signal, tid ? -6 /* SI_TKILL */ : 0 /* SI_USER */);
    return 0;
  }
  if (tid != 0) return -ESRCH;  // no other threads exist
  return result_of(::kill(pid, signal ? host_signal(signal) : 0));
}

}  // namespace anvil::user
