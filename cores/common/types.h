// Basic vocabulary shared by every core and by the platform.
#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>

namespace anvil {

using Addr = std::uint64_t;    // a guest physical address
using Cycles = std::uint64_t;  // core clock cycles

inline constexpr Cycles kNever = std::numeric_limits<Cycles>::max();

// What a bus access is for. Every access carries its kind so the bus, tracer and
// watchpoints can tell an instruction fetch from a data load.
enum class Access : std::uint8_t { Fetch, Load, Store };

// The outcome of a bus access. Anything but Ok becomes a bus fault in the guest.
enum class BusStatus : std::uint8_t {
  Ok,
  AddressError,  // nothing is mapped there (TLM_ADDRESS_ERROR_RESPONSE)
  SlaveError,    // the target refused it (TLM_GENERIC_ERROR_RESPONSE, wrong size, ROM write)
};

// std::byteswap is C++23; GCC 12 (Debian 12) does not have it yet.
template <class T>
constexpr T byteswap(T v) {
  static_assert(std::is_unsigned_v<T>);
  if constexpr (sizeof(T) == 1) return v;
  else if constexpr (sizeof(T) == 2) return static_cast<T>(__builtin_bswap16(v));
  else if constexpr (sizeof(T) == 4) return static_cast<T>(__builtin_bswap32(v));
  else return static_cast<T>(__builtin_bswap64(v));
}

}  // namespace anvil
