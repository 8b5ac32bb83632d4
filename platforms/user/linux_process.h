// One guest Linux process in user mode: its address space, its core (driven through the Core
// API, with this object as its Hooks), and the generic system calls. The system calls are
// member functions grouped by subject in syscalls_memory.cpp, syscalls_files.cpp,
// syscalls_process.cpp, syscalls_time.cpp and signals.cpp; linux_process.cpp is the run
// loop, argument fetching and result conventions.
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cores/common/core.h"
#include "cores/common/memory_port.h"
#include "platforms/user/address_space.h"
#include "platforms/user/elf_loader.h"
#include "platforms/user/linux_abi.h"

namespace anvil::user {

struct UserOptions {
  std::string cpu;           // empty: the target's default
  bool host_time = false;    // clocks read the host's time; nanosleep really sleeps
  bool host_random = false;  // getrandom and AT_RANDOM from the host
  std::uint64_t random_seed = 0;
  std::uint64_t max_instructions = 0;  // 0: no limit
  bool trace_syscalls = false;         // one line per system call on `log`
  std::ostream* log = nullptr;         // warnings (unknown system calls, once each)
};

// A program to start: the host path of its file, and what the guest sees.
struct ProgramRequest {
  std::string path;  // host path of the executable
  std::vector<std::string> args;
  std::vector<std::string> env;
};

// What survives execve (fs/exec.c): the blocked mask, ignored signals, the clock.
struct InheritedState {
  std::uint64_t blocked = 0;       // guest signal bit (1 << (sig - 1))
  std::uint64_t ignored = 0;       // signals set to SIG_IGN stay ignored
  std::uint64_t simulated_ns = 0;  // simulated time already spent
  std::uint64_t random_state = 0;  // deterministic getrandom
  std::uint64_t instructions = 0;  // guest instructions of earlier images
  std::uint64_t cycles = 0;        // their cycles (the core's timing model)
  bool forked = false;             // this simulator is a fork of the one the user started
};

struct ProcessEnd {
  enum class Kind { Exited, Signaled, Exec, InstructionLimit } kind = Kind::Exited;
  int status = 0;       // exit status, or the guest signal number
  ProgramRequest exec;  // Kind::Exec: the next image
  InheritedState inherited;
};

// Signal numbers as Linux numbers them on most ISAs (asm-generic); an ABI's signal_numbers
// table maps its own. Inside the layer signals are guest numbers.
constexpr unsigned kMaxSignal = 64;

class LinuxProcess final : public Hooks {
 public:
  // Loads the program; throws ImageError (bad program) or std::invalid_argument (bad cpu).
  LinuxProcess(const UserTarget& target, const UserOptions& options, const ProgramRequest& program,
               const InheritedState& inherited = {});
  ~LinuxProcess() override;

  ProcessEnd run();

  Core& core() { return *core_; }
  AddressSpace& memory() { return *space_; }
  std::uint64_t instructions() const;
  std::uint64_t cycles() const;  // this image's and the earlier images' (--stats)

  // Hooks
  bool system_call(std::uint32_t immediate) override;
  bool user_fault(UserFault fault, Addr pc, Addr address) override;

  // Up to 8: o32 passes the 5th to 8th at sp+16..sp+28 (sync_file_range and fadvise64 take
  // 7 with their 64-bit pairs aligned, arch/mips/kernel/syscalls/syscall_o32.tbl).
  using Args = std::array<std::uint32_t, 8>;

 private:
  struct SignalAction {
    std::uint32_t handler = 0;  // 0 SIG_DFL, 1 SIG_IGN, else a guest address
    std::uint32_t flags = 0;
    std::uint32_t restorer = 0;
    std::uint64_t mask = 0;
  };
  struct PendingSignal {
    bool pending = false;
    std::int32_t code = 0;                      // si_code
    Addr address = 0;                           // si_addr (faults)
    std::int32_t pid = 0, uid = 0, status = 0;  // SIGCHLD / kill
  };
  static constexpr std::int64_t kNoResult = INT64_MIN;  // registers already set (sigreturn)

  // linux_process.cpp
  void load(const ProgramRequest& program);
  Args read_arguments(std::uint32_t& number);
  void write_result(std::int64_t result);
  std::int64_t dispatch(Sys call, const Args& args);
  std::uint32_t guest_errno(int host_errno) const;
  std::uint64_t pair64(const Args& args, unsigned& slot) const;  // a 64-bit argument
  void end_with(ProcessEnd::Kind kind, int status);
  void warn_once(std::uint32_t number, const std::string& what);

  // syscalls_memory.cpp
  std::optional<std::int64_t> memory_call(Sys call, const Args& args);
  std::int64_t do_mmap(Addr addr, Addr length, unsigned prot, std::uint32_t flags, int fd,
                       std::uint64_t offset);
  std::int64_t do_mremap(Addr old_address, Addr old_size, Addr new_size, std::uint32_t flags,
                         Addr new_address);

  // syscalls_files.cpp, syscalls_paths.cpp
  std::optional<std::int64_t> file_call(Sys call, const Args& args);
  std::optional<std::int64_t> path_call(Sys call, const Args& args);
  std::int64_t do_read(int fd, Addr buffer, std::uint32_t count, std::optional<std::int64_t> at);
  std::int64_t do_write(int fd, Addr buffer, std::uint32_t count, std::optional<std::int64_t> at);
  std::int64_t do_sendfile(int out, int in, Addr offset, std::uint32_t count);
  std::int64_t do_vector_io(bool is_write, int fd, Addr iov, std::uint32_t count);
  std::int64_t do_ioctl(int fd, std::uint32_t request, Addr argument);
  std::int64_t do_fcntl(int fd, std::uint32_t command, std::uint32_t argument);
  std::int64_t write_stat64(const struct stat& st, Addr address);
  std::int64_t do_statx(int dirfd, Addr path, std::uint32_t flags, std::uint32_t mask,
                        Addr address);
  std::int64_t do_getdents64(int fd, Addr buffer, std::uint32_t count);
  std::int64_t do_readlink(int dirfd, Addr path, Addr buffer, std::uint32_t size);
  std::int64_t do_poll(Addr fds, std::uint32_t count, std::int64_t timeout_ms);
  std::int64_t do_select(const Args& args, bool time64, bool timespec);
  int host_open_flags(std::uint32_t guest) const;
  std::uint32_t guest_open_flags(int host) const;
  bool guest_path(Addr address, std::string& path) const;  // with /proc/self/exe mapped
  int host_dirfd(std::uint32_t guest_dirfd) const;

  // syscalls_process.cpp
  std::optional<std::int64_t> process_call(Sys call, const Args& args);
  std::int64_t do_clone(std::uint32_t flags, Addr stack, Addr parent_tid, Addr child_tid, Addr tls);
  std::int64_t do_execve(Addr path, Addr argv, Addr envp);
  std::int64_t do_wait4(std::int32_t pid, Addr status, std::uint32_t options, Addr rusage);
  std::int64_t do_waitid(std::uint32_t which, std::int32_t id, Addr info, std::uint32_t options);
  std::int64_t do_kill(std::int32_t pid, std::int32_t tid, std::uint32_t guest_signal);
  bool read_string_array(Addr array, std::vector<std::string>& out) const;

  // syscalls_time.cpp
  std::optional<std::int64_t> time_call(Sys call, const Args& args);
  std::uint64_t simulated_ns() const;
  std::int64_t clock_now(std::uint32_t clock, std::int64_t& seconds, std::int64_t& nanoseconds);
  std::int64_t sleep_for(std::int64_t seconds, std::int64_t nanoseconds);
  std::uint64_t next_random();
  std::int64_t do_getrandom(Addr buffer, std::uint32_t length);

  // signals.cpp
  std::optional<std::int64_t> signal_call(Sys call, const Args& args);
  void raise_signal(std::uint32_t guest_signal, std::int32_t code, Addr address = 0);
  bool deliverable_signal_pending() const;
  void deliver_pending_signals();
  void deliver(std::uint32_t guest_signal);
  void take_default_action(std::uint32_t guest_signal);
  void poll_host_signals(bool wait);
  void sync_host_disposition(std::uint32_t guest_signal);
  void setup_host_signals();
  void restore_host_signals();
  int host_signal(std::uint32_t guest_signal) const;
  std::uint32_t guest_signal(int host_signal) const;
  std::vector<std::uint8_t> build_siginfo(std::uint32_t guest_signal,
                                          const PendingSignal& info) const;
  std::int64_t do_sigaction(std::uint32_t guest_signal, Addr action, Addr old_action,
                            std::uint32_t sigset_size);
  std::int64_t do_sigprocmask(std::uint32_t how, Addr set, Addr old_set, std::uint32_t size);
  std::int64_t do_sigsuspend(Addr mask, std::uint32_t size);
  std::int64_t do_sigreturn(bool rt);
  std::int64_t do_sigaltstack(Addr stack, Addr old_stack);
  std::int64_t do_futex(Addr address, std::uint32_t op, std::uint32_t value, Addr timeout);

  const UserTarget& target_;
  const LinuxAbi& abi_;
  UserOptions options_;
  ProgramRequest program_;
  std::unique_ptr<AddressSpace> space_;
  std::unique_ptr<MemoryPort> port_;
  std::unique_ptr<Core> core_;
  std::unique_ptr<CoreRegisters> registers_;
  unsigned number_register_ = 0, result_register_ = 0, flag_register_ = 0, sp_register_ = 0;
  std::array<unsigned, 6> argument_registers_{};
  unsigned register_arguments_ = 0;
  std::vector<std::pair<std::uint32_t, Sys>> syscall_table_;  // sorted by number

  InheritedState inherited_;
  std::uint64_t sleep_ns_ = 0;  // simulated time spent in nanosleep
  std::optional<ProcessEnd> end_;
  std::set<std::uint32_t> warned_;
  bool stop_after_call_ = false;  // the call rewrote registers or made a signal deliverable

  std::array<SignalAction, kMaxSignal + 1> actions_{};
  std::array<PendingSignal, kMaxSignal + 1> pending_{};
  std::uint64_t blocked_ = 0;
  Addr altstack_sp_ = 0, altstack_size_ = 0;
  std::uint32_t altstack_flags_ = 2;                 // SS_DISABLE
  std::optional<std::uint64_t> mask_after_suspend_;  // sigsuspend's mask, saved in the frame
  int signal_fd_ = -1;
  std::uint64_t host_signals_handled_ = 0;  // host signals routed to signal_fd_
  Addr clear_child_tid_ = 0;
  int vfork_release_fd_ = -1;  // a vfork child's end of the pipe its parent waits on
};

}  // namespace anvil::user
