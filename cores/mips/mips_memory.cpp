// Data accesses by virtual address: alignment, segment checks and translation, then the
// memory port. MIPS32 PRA 4.3 ("Virtual memory", the segments) and 6.2.5 (address errors).
#include <algorithm>

#include "cores/mips/mips_core.h"

namespace anvil::mips {

// Debuggers name virtual addresses; the same fixed mapping as translate(), without checks.
Addr MipsCore::debug_address(Addr address) const {
  const auto va = static_cast<std::uint32_t>(address);
  return flat_ || va < 0x80000000 || va >= 0xC0000000 ? address : va & 0x1FFFFFFF;
}

// Hooks::data_access gets the virtual address, as a debugger's watchpoints name it.
void MipsCore::watch_data_access(Access kind, std::uint32_t va, unsigned size) {
  if (hooks_->data_access(kind, va, size)) {
    stop_after_ = true;
    stop_after_instruction();
  }
}

// Physical memory below 512 MiB is also seen through kseg0 (0x80000000) and kseg1
// (0xA0000000). GDB holds 32-bit MIPS addresses sign-extended to 64 bits (its CORE_ADDR for
// o32, gdb/mips-tdep.c) and checks them against the memory map that way, while the packets
// carry them masked to 32 bits: so the windows are given sign-extended.
std::vector<std::pair<Addr, Addr>> MipsCore::debug_windows(Addr physical, Addr size) const {
  std::vector<std::pair<Addr, Addr>> windows{{physical, size}};
  constexpr Addr kSegmentSize = 0x20000000;
  if (flat_ || physical >= kSegmentSize) return windows;
  const Addr length = std::min(size, kSegmentSize - physical);
  windows.emplace_back(0xFFFFFFFF80000000 + physical, length);
  windows.emplace_back(0xFFFFFFFFA0000000 + physical, length);
  return windows;
}

void MipsCore::data_bus_error(std::uint32_t va) {
  cp0_.bad_vaddr = va;
  raise(ExcCode::BusData);
}

template <class T>
bool MipsCore::read(std::uint32_t va, T& value) {
  if (va & (sizeof(T) - 1)) [[unlikely]] {
    address_error(false, va);
    return false;
  }
  Addr pa = va;
  if (!translate(va, false, pa)) [[unlikely]]
    return false;
  if (hooks_ != &default_hooks_ && !memory_.fetch_page(pa)) [[unlikely]]
    watch_data_access(Access::Load, va, sizeof(T));
  if (!memory_.load(pa, value)) [[unlikely]] {
    data_bus_error(va);
    return false;
  }
  return true;
}

template <class T>
bool MipsCore::write(std::uint32_t va, T value) {
  if (va & (sizeof(T) - 1)) [[unlikely]] {
    address_error(true, va);
    return false;
  }
  Addr pa = va;
  if (!translate(va, true, pa)) [[unlikely]]
    return false;
  if (hooks_ != &default_hooks_ && !memory_.store_page(pa)) [[unlikely]]
    watch_data_access(Access::Store, va, sizeof(T));
  // A store to the linked location by this core breaks the link (MIPS32 ISA, SC).
  if (ll_bit_ && (va & ~3u) == (ll_address_ & ~3u)) ll_bit_ = false;
  if (!memory_.store(pa, value)) [[unlikely]] {
    data_bus_error(va);
    return false;
  }
  return true;
}

// The out-of-line paths of read_direct() and write_direct() (mips_core.h).
template bool MipsCore::read(std::uint32_t, std::uint8_t&);
template bool MipsCore::read(std::uint32_t, std::uint16_t&);
template bool MipsCore::read(std::uint32_t, std::uint32_t&);
template bool MipsCore::write(std::uint32_t, std::uint8_t);
template bool MipsCore::write(std::uint32_t, std::uint16_t);
template bool MipsCore::write(std::uint32_t, std::uint32_t);

bool MipsCore::read64(std::uint32_t va, std::uint64_t& v) {
  return read(va, v);
}
bool MipsCore::write64(std::uint32_t va, std::uint64_t v) {
  return write(va, v);
}

}  // namespace anvil::mips
