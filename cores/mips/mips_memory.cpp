// Data accesses by virtual address: alignment, segment checks and translation, then the
// memory port. MIPS32 PRA 4.3 ("Virtual memory", the segments) and 6.2.5 (address errors).
#include "cores/mips/mips_core.h"

namespace anvil::mips {

// kuseg (0x00000000-0x7FFFFFFF) is the only segment user mode may touch; kseg0 and kseg1 map
// onto the low 512 MiB of physical memory without the TLB.
// HACK: kuseg, kseg2 and kseg3 use the identity map; TLB lookups come with the Linux-boot
// work (the TLB registers and instructions already behave, see mips_cp0.cpp).
bool MipsCore::translate(std::uint32_t va, bool store, Addr& pa) {
  if (va >= 0x80000000 && !kernel_mode()) [[unlikely]] {
    address_error(store, va);
    return false;
  }
  if (flat_) {
    pa = va;
    return true;
  }
  if (va >= 0x80000000 && va < 0xC0000000)
    pa = va & 0x1FFFFFFF;
  else if (va < 0x80000000 && variant_.isa == IsaLevel::Mips32Release2 &&
           (cp0_.status & status::kERL))
    pa = va;  // kuseg is unmapped while ERL is set (MIPS32 PRA 4.3.1)
  else
    pa = va;
  return true;
}

void MipsCore::watch_data_access(Access kind, Addr pa, unsigned size) {
  if (hooks_->data_access(kind, pa, size)) stop_after_instruction(), stop_after_ = true;
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
    watch_data_access(Access::Load, pa, sizeof(T));
  if (!memory_.load(pa, value)) [[unlikely]] {
    cp0_.bad_vaddr = va;
    raise(ExcCode::BusData);
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
    watch_data_access(Access::Store, pa, sizeof(T));
  // A store to the linked location by this core breaks the link (MIPS32 ISA, SC).
  if (ll_bit_ && (va & ~3u) == (ll_address_ & ~3u)) ll_bit_ = false;
  if (!memory_.store(pa, value)) [[unlikely]] {
    cp0_.bad_vaddr = va;
    raise(ExcCode::BusData);
    return false;
  }
  return true;
}

bool MipsCore::read8(std::uint32_t va, std::uint32_t& v) {
  std::uint8_t b = 0;
  if (!read(va, b)) return false;
  v = b;
  return true;
}
bool MipsCore::read16(std::uint32_t va, std::uint32_t& v) {
  std::uint16_t h = 0;
  if (!read(va, h)) return false;
  v = h;
  return true;
}
bool MipsCore::read32(std::uint32_t va, std::uint32_t& v) {
  return read(va, v);
}
bool MipsCore::read64(std::uint32_t va, std::uint64_t& v) {
  return read(va, v);
}
bool MipsCore::write8(std::uint32_t va, std::uint32_t v) {
  return write(va, static_cast<std::uint8_t>(v));
}
bool MipsCore::write16(std::uint32_t va, std::uint32_t v) {
  return write(va, static_cast<std::uint16_t>(v));
}
bool MipsCore::write32(std::uint32_t va, std::uint32_t v) {
  return write(va, v);
}
bool MipsCore::write64(std::uint32_t va, std::uint64_t v) {
  return write(va, v);
}

}  // namespace anvil::mips
