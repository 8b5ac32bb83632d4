// Time and randomness. By default both are simulated so that runs are deterministic:
// clocks advance with the core's cycle count (at a nominal 1 GHz) plus simulated sleeps,
// and the real-time clock starts at a fixed date; getrandom and AT_RANDOM come from a
// seeded generator. --host-time and --host-random use the host's instead.
#include <sys/random.h>
#include <time.h>

#include <cerrno>
#include <vector>

#include "platforms/user/guest_struct.h"
#include "platforms/user/linux_process.h"

namespace anvil::user {

namespace {
constexpr std::int64_t kSimulatedEpoch = 1'700'000'000;  // 2023-11-14T22:13:20Z
constexpr std::uint64_t kNanosecondsPerCycle = 1;        // a nominal 1 GHz core
// Clock ids (include/uapi/linux/time.h, the same on every ISA).
constexpr std::uint32_t kClockRealtime = 0, kClockMonotonic = 1, kClockProcessCputime = 2,
                        kClockThreadCputime = 3, kClockMonotonicRaw = 4, kClockRealtimeCoarse = 5,
                        kClockMonotonicCoarse = 6, kClockBoottime = 7;
constexpr std::uint32_t kTimerAbstime = 1;
}  // namespace

std::uint64_t LinuxProcess::simulated_ns() const {
  return inherited_.simulated_ns + core_->cycle_count() * kNanosecondsPerCycle + sleep_ns_;
}

std::int64_t LinuxProcess::clock_now(std::uint32_t clock, std::int64_t& seconds,
                                     std::int64_t& nanoseconds) {
  if (clock > kClockBoottime) return -EINVAL;
  if (options_.host_time) {
    struct timespec now {};
    if (clock_gettime(static_cast<clockid_t>(clock), &now) < 0) return -errno;
    seconds = now.tv_sec, nanoseconds = now.tv_nsec;
    return 0;
  }
  const std::uint64_t ns = simulated_ns();
  seconds = static_cast<std::int64_t>(ns / 1'000'000'000);
  nanoseconds = static_cast<std::int64_t>(ns % 1'000'000'000);
  if (clock == kClockRealtime || clock == kClockRealtimeCoarse) seconds += kSimulatedEpoch;
  (void)kClockMonotonic, (void)kClockProcessCputime, (void)kClockThreadCputime;
  (void)kClockMonotonicRaw, (void)kClockMonotonicCoarse;
  return 0;
}

std::int64_t LinuxProcess::sleep_for(std::int64_t seconds, std::int64_t nanoseconds) {
  if (seconds < 0 || nanoseconds < 0 || nanoseconds >= 1'000'000'000) return -EINVAL;
  if (options_.host_time) {
    struct timespec request {
      seconds, nanoseconds
    };
    while (nanosleep(&request, &request) < 0)
      if (errno != EINTR) return -errno;
    return 0;
  }
  sleep_ns_ +=
      static_cast<std::uint64_t>(seconds) * 1'000'000'000 + static_cast<std::uint64_t>(nanoseconds);
  return 0;
}

std::uint64_t LinuxProcess::next_random() {
  if (options_.host_random) {
    std::uint64_t value = 0;
    if (getrandom(&value, sizeof value, 0) == sizeof value) return value;
  }
  // splitmix64 (Steele, Lea, Flood 2014): small, well mixed, and the same on every host.
  std::uint64_t z = (inherited_.random_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::int64_t LinuxProcess::do_getrandom(Addr buffer, std::uint32_t length) {
  if (!space_->writable(buffer, length)) return -EFAULT;
  length = std::min<std::uint32_t>(length, 1 << 20);
  std::vector<std::uint8_t> bytes(length);
  for (std::uint32_t i = 0; i < length; i += 8) {
    const std::uint64_t r = next_random();
    for (std::uint32_t j = 0; j < 8 && i + j < length; ++j)
      bytes[i + j] = static_cast<std::uint8_t>(r >> (8 * j));
  }
  space_->write(buffer, bytes);
  return length;
}

std::optional<std::int64_t> LinuxProcess::time_call(Sys call, const Args& a) {
  const std::endian order = abi_.byte_order;
  // Guest struct timespec: {s32, s32} or, for the *_time64 calls, {s64, s64}.
  auto write_timespec = [&](Addr at, bool time64, std::int64_t s, std::int64_t ns) {
    GuestStruct t(time64 ? 16 : 8, order);
    const unsigned w = time64 ? 8 : 4;
    t.put(0, w, static_cast<std::uint64_t>(s)), t.put(w, w, static_cast<std::uint64_t>(ns));
    return t.write_to(*space_, at);
  };
  auto read_timespec = [&](Addr at, bool time64, std::int64_t& s, std::int64_t& ns) {
    GuestStruct t(time64 ? 16 : 8, order);
    if (!t.read_from(*space_, at)) return false;
    const unsigned w = time64 ? 8 : 4;
    s = time64 ? static_cast<std::int64_t>(t.get(0, 8)) : static_cast<std::int32_t>(t.get32(0));
    ns = time64 ? static_cast<std::int64_t>(t.get(8, 8)) : static_cast<std::int32_t>(t.get32(w));
    return true;
  };
  std::int64_t seconds = 0, nanoseconds = 0;
  switch (call) {
    case Sys::clock_gettime:
    case Sys::clock_gettime64: {
      const std::int64_t r = clock_now(a[0], seconds, nanoseconds);
      if (r < 0) return r;
      return write_timespec(a[1], call == Sys::clock_gettime64, seconds, nanoseconds) ? 0 : -EFAULT;
    }
    case Sys::clock_getres:
    case Sys::clock_getres_time64:
      if (a[0] > kClockBoottime) return -EINVAL;
      if (a[1] && !write_timespec(a[1], call == Sys::clock_getres_time64, 0, 1)) return -EFAULT;
      return 0;
    case Sys::gettimeofday: {
      clock_now(kClockRealtime, seconds, nanoseconds);
      if (a[0] && !write_timespec(a[0], false, seconds, nanoseconds / 1000)) return -EFAULT;
      if (a[1]) {
        GuestStruct zone(8, order);
        if (!zone.write_to(*space_, a[1])) return -EFAULT;
      }
      return 0;
    }
    case Sys::time:
      clock_now(kClockRealtime, seconds, nanoseconds);
      if (a[0] && !space_->write_u32(a[0], static_cast<std::uint32_t>(seconds))) return -EFAULT;
      return seconds;
    case Sys::nanosleep:
      if (!read_timespec(a[0], false, seconds, nanoseconds)) return -EFAULT;
      return sleep_for(seconds, nanoseconds);
    case Sys::clock_nanosleep:
    case Sys::clock_nanosleep_time64: {
      const bool time64 = call == Sys::clock_nanosleep_time64;
      if (!read_timespec(a[2], time64, seconds, nanoseconds)) return -EFAULT;
      if (a[1] & kTimerAbstime) {
        std::int64_t now_s = 0, now_ns = 0;
        const std::int64_t r = clock_now(a[0], now_s, now_ns);
        if (r < 0) return r;
        std::int64_t left = (seconds - now_s) * 1'000'000'000 + (nanoseconds - now_ns);
        if (left <= 0) return 0;
        return sleep_for(left / 1'000'000'000, left % 1'000'000'000);
      }
      return sleep_for(seconds, nanoseconds);
    }
    case Sys::getrandom:
      return do_getrandom(a[0], a[1]);
    case Sys::alarm:
      return 0;  // HACK: no timer signals yet; alarm() never fires
    default:
      return std::nullopt;
  }
}

}  // namespace anvil::user
