// Signal system calls (rt_sigaction, rt_sigprocmask, sigaltstack, rt_sigsuspend, sigreturn)
// and futex for a single thread.
#include <signal.h>

#include <cerrno>

#include "platforms/user/guest_struct.h"
#include "platforms/user/linux_process.h"

namespace anvil::user {

namespace {
constexpr std::uint64_t bit(std::uint32_t signal) {
  return std::uint64_t{1} << (signal - 1);
}
constexpr std::int32_t kSsOnstack = 1, kSsDisable = 2;
constexpr std::uint32_t kMinSigstack = 2048;

// A kernel sigset is an array of longs (32-bit here): word 0 holds signals 1..32.
std::uint64_t mask_from(const GuestStruct& s, std::size_t offset) {
  return s.get(offset, 4) | s.get(offset + 4, 4) << 32;
}
void mask_to(GuestStruct& s, std::size_t offset, std::uint64_t mask) {
  s.put(offset, 4, mask & 0xffffffff);
  s.put(offset + 4, 4, mask >> 32);
}
}  // namespace

std::optional<std::int64_t> LinuxProcess::signal_call(Sys call, const Args& a) {
  switch (call) {
    case Sys::rt_sigaction:
      return do_sigaction(a[0], a[1], a[2], a[3]);
    case Sys::rt_sigprocmask:
      return do_sigprocmask(a[0], a[1], a[2], a[3]);
    case Sys::rt_sigreturn:
    case Sys::sigreturn:
      return do_sigreturn(call == Sys::rt_sigreturn);
    case Sys::sigaltstack:
      return do_sigaltstack(a[0], a[1]);
    case Sys::rt_sigsuspend:
      return do_sigsuspend(a[0], a[1]);
    case Sys::pause:
      while (!deliverable_signal_pending()) poll_host_signals(true);
      return -EINTR;
    case Sys::rt_sigpending: {
      std::uint64_t pending = 0;
      for (std::uint32_t s = 1; s <= kMaxSignal; ++s)
        if (pending_[s].pending) pending |= bit(s);
      GuestStruct set(8, abi_.byte_order);
      mask_to(set, 0, pending & blocked_);
      return set.write_to(*space_, a[0]) ? 0 : -EFAULT;
    }
    case Sys::futex:
    case Sys::futex_time64:
      return do_futex(a[0], a[1], a[2], a[3]);
    default:
      return std::nullopt;
  }
}

std::int64_t LinuxProcess::do_sigaction(std::uint32_t guest, Addr action_address, Addr old_address,
                                        std::uint32_t sigset_size) {
  if (guest == 0 || guest > kMaxSignal || sigset_size < 8) return -EINVAL;
  const bool unchangeable = host_signal(guest) == SIGKILL || host_signal(guest) == SIGSTOP;
  const SigactionLayout& layout = abi_.sigaction;
  if (old_address) {
    GuestStruct old(layout.size, abi_.byte_order);
    const SignalAction& current = actions_[guest];
    old.put(layout.handler, current.handler);
    old.put(layout.flags, current.flags);
    old.put(layout.restorer, current.restorer);
    mask_to(old, layout.mask.offset, current.mask);
    if (!space_->writable(old_address, layout.size)) return -EFAULT;
    if (!action_address) return old.write_to(*space_, old_address) ? 0 : -EFAULT;
    GuestStruct incoming(layout.size, abi_.byte_order);
    if (!incoming.read_from(*space_, action_address)) return -EFAULT;
    old.write_to(*space_, old_address);
    if (unchangeable) return -EINVAL;
    actions_[guest] = SignalAction{static_cast<std::uint32_t>(incoming.get(layout.handler)),
                                   static_cast<std::uint32_t>(incoming.get(layout.flags)),
                                   static_cast<std::uint32_t>(incoming.get(layout.restorer)),
                                   mask_from(incoming, layout.mask.offset)};
  } else if (action_address) {
    if (unchangeable) return -EINVAL;
    GuestStruct incoming(layout.size, abi_.byte_order);
    if (!incoming.read_from(*space_, action_address)) return -EFAULT;
    actions_[guest] = SignalAction{static_cast<std::uint32_t>(incoming.get(layout.handler)),
                                   static_cast<std::uint32_t>(incoming.get(layout.flags)),
                                   static_cast<std::uint32_t>(incoming.get(layout.restorer)),
                                   mask_from(incoming, layout.mask.offset)};
  }
  if (action_address) {
    if (layout.restorer.size == 0) actions_[guest].flags &= ~abi_.sa_restorer;
    sync_host_disposition(guest);
    // Setting SIG_IGN discards a pending instance (kernel/signal.c do_sigaction).
    if (actions_[guest].handler == 1) pending_[guest] = PendingSignal{};
  }
  return 0;
}

std::int64_t LinuxProcess::do_sigprocmask(std::uint32_t how, Addr set_address, Addr old_address,
                                          std::uint32_t size) {
  if (size < 8) return -EINVAL;
  if (old_address) {
    // The whole guest sigset (MIPS: 128 signals), signals past 64 never blocked.
    GuestStruct old(std::min<std::uint32_t>(size, 128), abi_.byte_order);
    mask_to(old, 0, blocked_);
    if (!old.write_to(*space_, old_address)) return -EFAULT;
  }
  if (!set_address) return 0;
  GuestStruct set(8, abi_.byte_order);
  if (!set.read_from(*space_, set_address)) return -EFAULT;
  const std::uint64_t mask = mask_from(set, 0);
  if (how == abi_.sig_block)
    blocked_ |= mask;
  else if (how == abi_.sig_block + 1)
    blocked_ &= ~mask;
  else if (how == abi_.sig_block + 2)
    blocked_ = mask;
  else
    return -EINVAL;
  blocked_ &= ~(bit(guest_signal(SIGKILL)) | bit(guest_signal(SIGSTOP)));
  if (deliverable_signal_pending()) stop_after_call_ = true;
  return 0;
}

// The frame of the signal that ends the wait saves the mask from before the call, so the
// handler's sigreturn restores it (kernel/signal.c sigsuspend, set_restore_sigmask).
std::int64_t LinuxProcess::do_sigsuspend(Addr mask_address, std::uint32_t size) {
  if (size < 8) return -EINVAL;
  GuestStruct set(8, abi_.byte_order);
  if (!set.read_from(*space_, mask_address)) return -EFAULT;
  const std::uint64_t saved = blocked_;
  blocked_ = mask_from(set, 0) & ~(bit(guest_signal(SIGKILL)) | bit(guest_signal(SIGSTOP)));
  while (!deliverable_signal_pending()) poll_host_signals(true);
  mask_after_suspend_ = saved;
  return -EINTR;
}

std::int64_t LinuxProcess::do_sigreturn(bool rt) {
  const auto mask = abi_.pop_signal_frame(*registers_, *space_, rt);
  stop_after_call_ = true;
  if (!mask) {
    end_with(ProcessEnd::Kind::Signaled, static_cast<int>(guest_signal(SIGSEGV)));
    return kNoResult;
  }
  blocked_ = *mask & ~(bit(guest_signal(SIGKILL)) | bit(guest_signal(SIGSTOP)));
  return kNoResult;
}

std::int64_t LinuxProcess::do_sigaltstack(Addr stack_address, Addr old_address) {
  // stack_t: {void* ss_sp; int ss_flags; size_t ss_size} (MIPS swaps flags and size).
  const unsigned flags_at = abi_.stack_size_before_flags ? 8 : 4;
  const unsigned size_at = abi_.stack_size_before_flags ? 4 : 8;
  const Addr sp = registers_->get(sp_register_);
  const bool on_stack = sp > altstack_sp_ && sp <= altstack_sp_ + altstack_size_;
  if (old_address) {
    GuestStruct old(12, abi_.byte_order);
    old.put32(0, static_cast<std::uint32_t>(altstack_sp_));
    old.put32(flags_at, on_stack ? kSsOnstack : altstack_flags_);
    old.put32(size_at, static_cast<std::uint32_t>(altstack_size_));
    if (!old.write_to(*space_, old_address)) return -EFAULT;
  }
  if (stack_address) {
    GuestStruct incoming(12, abi_.byte_order);
    if (!incoming.read_from(*space_, stack_address)) return -EFAULT;
    if (on_stack) return -EPERM;
    const std::uint32_t flags = incoming.get32(flags_at);
    if (flags & kSsDisable) {
      altstack_sp_ = altstack_size_ = 0;
      altstack_flags_ = kSsDisable;
      return 0;
    }
    if (flags != 0 && flags != static_cast<std::uint32_t>(kSsOnstack)) return -EINVAL;
    if (incoming.get32(size_at) < kMinSigstack) return -ENOMEM;
    altstack_sp_ = incoming.get32(0);
    altstack_size_ = incoming.get32(size_at);
    altstack_flags_ = 0;
  }
  return 0;
}

// One thread: FUTEX_WAIT on a value that matches could only be woken by another thread,
// which does not exist; it times out at once when given a timeout and is reported as a
// deadlock (EINTR, logged) otherwise. FUTEX_WAKE wakes nobody.
std::int64_t LinuxProcess::do_futex(Addr address, std::uint32_t op, std::uint32_t value,
                                    Addr timeout) {
  const std::uint32_t command = op & 0x7f;  // without FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME
  constexpr std::uint32_t kWait = 0, kWake = 1, kWaitBitset = 9, kWakeBitset = 10;
  if (command == kWake || command == kWakeBitset) return 0;
  if (command == kWait || command == kWaitBitset) {
    std::uint32_t current = 0;
    if (!space_->read_u32(address, current)) return -EFAULT;
    if (current != value) return -EAGAIN;
    if (timeout) return -ETIMEDOUT;
    warn_once(0xf07e, "futex wait with no other thread to wake it (deadlock; EINTR)");
    return -EINTR;
  }
  return -ENOSYS;
}

}  // namespace anvil::user
