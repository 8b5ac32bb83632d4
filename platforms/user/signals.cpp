// Signals: guest dispositions and masks, delivery through the ISA's signal frame, sigreturn,
// and faults from the core (Hooks::user_fault). Signals from outside (kill from another
// process, SIGCHLD, SIGINT, SIGPIPE) reach the guest through a signalfd: a host signal the
// guest handles is blocked in the simulator and read between run slices, so no host signal
// handler (and no global state) is needed; one the guest leaves at SIG_DFL or SIG_IGN keeps
// that disposition in the host too, so its default action is the host's.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>

#include "platforms/user/guest_struct.h"
#include "platforms/user/linux_process.h"

namespace anvil::user {

namespace {
constexpr std::uint64_t bit(std::uint32_t signal) {
  return std::uint64_t{1} << (signal - 1);
}
constexpr std::uint32_t kSigDfl = 0, kSigIgn = 1;
constexpr std::int32_t kSsOnstack = 1, kSsDisable = 2;
constexpr int kSignalFdNumber = 1000;  // out of the way of the guest's descriptors

// Host signals that must never be blocked or redirected: the simulator's own faults, and
// the ones nobody can catch.
bool host_keeps(int host) {
  return host == SIGSEGV || host == SIGBUS || host == SIGILL || host == SIGFPE || host == SIGTRAP ||
         host == SIGKILL || host == SIGSTOP || host == SIGABRT;
}
}  // namespace

int LinuxProcess::host_signal(std::uint32_t guest) const {
  for (const GuestHostPair& pair : abi_.signal_numbers)
    if (pair.guest == guest) return static_cast<int>(pair.host);
  return static_cast<int>(guest);
}

std::uint32_t LinuxProcess::guest_signal(int host) const {
  for (const GuestHostPair& pair : abi_.signal_numbers)
    if (static_cast<int>(pair.host) == host) return pair.guest;
  return static_cast<std::uint32_t>(host);
}

void LinuxProcess::setup_host_signals() {
  sigset_t empty;
  sigemptyset(&empty);
  const int fd = signalfd(-1, &empty, SFD_CLOEXEC | SFD_NONBLOCK);
  if (fd < 0) return;
  signal_fd_ = fcntl(fd, F_DUPFD_CLOEXEC, kSignalFdNumber);
  close(fd);
  for (std::uint32_t s = 1; s <= kMaxSignal; ++s)
    if (actions_[s].handler != kSigDfl) sync_host_disposition(s);
}

void LinuxProcess::restore_host_signals() {
  if (signal_fd_ < 0) return;
  sigset_t handled;
  sigemptyset(&handled);
  for (int host = 1; host <= 64; ++host)
    if (host_signals_handled_ & bit(static_cast<std::uint32_t>(host))) {
      sigaddset(&handled, host);
      ::signal(host, SIG_DFL);
    }
  sigprocmask(SIG_UNBLOCK, &handled, nullptr);
  host_signals_handled_ = 0;
  close(signal_fd_);
  signal_fd_ = -1;
}

void LinuxProcess::sync_host_disposition(std::uint32_t guest) {
  const int host = host_signal(guest);
  if (host <= 0 || host > 64 || host_keeps(host) || signal_fd_ < 0) return;
  const std::uint32_t handler = actions_[guest].handler;
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, host);
  if (handler == kSigDfl || handler == kSigIgn) {
    host_signals_handled_ &= ~bit(static_cast<std::uint32_t>(host));
    ::signal(host, handler == kSigIgn ? SIG_IGN : SIG_DFL);
    sigprocmask(SIG_UNBLOCK, &one, nullptr);
  } else {
    host_signals_handled_ |= bit(static_cast<std::uint32_t>(host));
    ::signal(host, SIG_DFL);
    sigprocmask(SIG_BLOCK, &one, nullptr);
  }
  sigset_t routed;
  sigemptyset(&routed);
  for (int h = 1; h <= 64; ++h)
    if (host_signals_handled_ & bit(static_cast<std::uint32_t>(h))) sigaddset(&routed, h);
  signalfd(signal_fd_, &routed, SFD_CLOEXEC | SFD_NONBLOCK);
}

void LinuxProcess::poll_host_signals(bool wait) {
  if (signal_fd_ < 0 || (!wait && host_signals_handled_ == 0)) return;
  if (wait) {
    pollfd ready{signal_fd_, POLLIN, 0};
    while (::poll(&ready, 1, -1) < 0 && errno == EINTR) {
    }
  }
  signalfd_siginfo info{};
  while (read(signal_fd_, &info, sizeof info) == sizeof info) {
    const std::uint32_t guest = guest_signal(static_cast<int>(info.ssi_signo));
    if (guest == 0 || guest > kMaxSignal) continue;
    raise_signal(guest, info.ssi_code);
    pending_[guest].pid = static_cast<std::int32_t>(info.ssi_pid);
    pending_[guest].uid = static_cast<std::int32_t>(info.ssi_uid);
    pending_[guest].status = info.ssi_status;
  }
}

void LinuxProcess::raise_signal(std::uint32_t guest, std::int32_t code, Addr address) {
  if (guest == 0 || guest > kMaxSignal) return;
  pending_[guest] = PendingSignal{true, code, address, 0, 0, 0};
}

bool LinuxProcess::deliverable_signal_pending() const {
  for (std::uint32_t s = 1; s <= kMaxSignal; ++s)
    if (pending_[s].pending && !(blocked_ & bit(s))) return true;
  return false;
}

void LinuxProcess::deliver_pending_signals() {
  for (std::uint32_t s = 1; s <= kMaxSignal && !end_; ++s) {
    if (!pending_[s].pending || (blocked_ & bit(s))) continue;
    deliver(s);
  }
}

void LinuxProcess::take_default_action(std::uint32_t guest) {
  const int host = host_signal(guest);
  // Default "ignore" (SIGCHLD, SIGURG, SIGWINCH, SIGCONT) and the stop signals, which user
  // mode does not model (HACK: a stopped guest simply continues).
  if (host == SIGCHLD || host == SIGURG || host == SIGWINCH || host == SIGCONT || host == SIGSTOP ||
      host == SIGTSTP || host == SIGTTIN || host == SIGTTOU)
    return;
  end_with(ProcessEnd::Kind::Signaled, static_cast<int>(guest));
}

std::vector<std::uint8_t> LinuxProcess::build_siginfo(std::uint32_t guest,
                                                      const PendingSignal& info) const {
  GuestStruct siginfo(128, abi_.byte_order);
  siginfo.put32(0, guest);
  siginfo.put32(abi_.siginfo_code_before_errno ? 4 : 8, static_cast<std::uint32_t>(info.code));
  const int host = host_signal(guest);
  const bool fault =
      (host == SIGSEGV || host == SIGBUS || host == SIGILL || host == SIGFPE || host == SIGTRAP) &&
      info.code > 0;
  if (fault) {
    siginfo.put32(12, static_cast<std::uint32_t>(info.address));
  } else {
    siginfo.put32(12, static_cast<std::uint32_t>(info.pid));
    siginfo.put32(16, static_cast<std::uint32_t>(info.uid));
    if (host == SIGCHLD) siginfo.put32(20, static_cast<std::uint32_t>(info.status));
  }
  return siginfo.bytes();
}

void LinuxProcess::deliver(std::uint32_t guest) {
  const PendingSignal info = pending_[guest];
  pending_[guest] = PendingSignal{};
  SignalAction& action = actions_[guest];
  if (action.handler == kSigIgn) return;
  if (action.handler == kSigDfl) {
    take_default_action(guest);
    return;
  }
  const std::uint64_t saved_mask = mask_after_suspend_.value_or(blocked_);
  mask_after_suspend_.reset();
  const Addr sp = registers_->get(sp_register_);
  const bool on_altstack = sp > altstack_sp_ && sp <= altstack_sp_ + altstack_size_;
  const bool use_altstack =
      (action.flags & abi_.sa_onstack) && !(altstack_flags_ & kSsDisable) && !on_altstack;
  const auto siginfo = build_siginfo(guest, info);
  SignalDelivery delivery{};
  delivery.guest_signal = guest;
  delivery.handler = action.handler;
  delivery.restorer = (action.flags & abi_.sa_restorer) ? action.restorer : 0;
  delivery.flags = action.flags;
  delivery.with_siginfo = action.flags & abi_.sa_siginfo;
  delivery.stack_top = use_altstack ? altstack_sp_ + altstack_size_ : sp;
  delivery.siginfo = siginfo;
  delivery.saved_mask = saved_mask;
  delivery.altstack_sp = altstack_sp_;
  delivery.altstack_flags = altstack_flags_;
  delivery.altstack_size = altstack_size_;
  delivery.fault_address = info.address;
  if (!abi_.push_signal_frame(*registers_, *space_, delivery)) {
    // No room for the frame: Linux kills the process with SIGSEGV (force_sigsegv).
    end_with(ProcessEnd::Kind::Signaled, static_cast<int>(guest_signal(SIGSEGV)));
    return;
  }
  blocked_ = saved_mask | action.mask;
  if (!(action.flags & abi_.sa_nodefer)) blocked_ |= bit(guest);
  blocked_ &= ~(bit(guest_signal(SIGKILL)) | bit(guest_signal(SIGSTOP)));
  if (action.flags & abi_.sa_resethand) action = SignalAction{};
}

bool LinuxProcess::user_fault(UserFault fault, Addr pc, Addr address) {
  (void)pc;
  int host = SIGSEGV;
  std::int32_t code = 1;  // SEGV_MAPERR, ILL_ILLOPC, BUS_ADRALN, FPE_INTDIV, TRAP_BRKPT
  switch (fault) {
    case UserFault::IllegalInstruction:
      host = SIGILL;
      break;
    case UserFault::SegmentationFault:
      host = SIGSEGV;
      code = space_->is_mapped(AddressSpace::page_down(address), 1) ? 2 /* SEGV_ACCERR */ : 1;
      break;
    case UserFault::BusError:
      host = SIGBUS;
      break;
    case UserFault::ArithmeticError:
      host = SIGFPE;
      break;
    case UserFault::Breakpoint:
      host = SIGTRAP;
      break;
  }
  if (abi_.fault_code)
    if (const auto isa_code = abi_.fault_code(*registers_, fault)) code = *isa_code;
  const std::uint32_t guest = guest_signal(host);
  // A fault that is blocked or ignored cannot be held back: Linux resets it to the default
  // action (kernel/signal.c force_sig_info_to_task).
  if ((blocked_ & bit(guest)) || actions_[guest].handler == kSigIgn) {
    blocked_ &= ~bit(guest);
    actions_[guest] = SignalAction{};
  }
  raise_signal(guest, code, address);
  if (actions_[guest].handler == kSigDfl && options_.log)
    *options_.log << "anvil user: " << strsignal(host) << " at pc 0x" << std::hex << pc
                  << " (address 0x" << address << ")" << std::dec << ", no handler\n";
  return true;
}

}  // namespace anvil::user
