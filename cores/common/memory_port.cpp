#include "cores/common/memory_port.h"

namespace anvil {

namespace {
constexpr std::uint8_t kCodePage = 1;
constexpr std::uint8_t kForcedSlow = 2;
}  // namespace

MemoryPort::MemoryPort(BusBackend& bus, std::endian guest_order, unsigned address_bits)
    : bus_(&bus),
      guest_order_(guest_order),
      pages_(Addr{1} << (address_bits - kPageBits)),
      dmi_read_(pages_),
      dmi_write_(pages_),
      read_(pages_),
      write_(pages_),
      flags_(pages_) {}

void MemoryPort::refresh_page(Addr page) {
  const bool slow = flags_[page] & kForcedSlow;
  read_[page] = slow ? nullptr : dmi_read_[page];
  write_[page] = (slow || (flags_[page] & kCodePage)) ? nullptr : dmi_write_[page];
}

void MemoryPort::map_page(Addr page_base, std::uint8_t* host, bool writable) {
  const Addr page = page_base >> kPageBits;
  if (page >= pages_) return;
  const bool remapped = dmi_read_[page] != nullptr && dmi_read_[page] != host;
  dmi_read_[page] = host;
  dmi_write_[page] = writable ? host : nullptr;
  refresh_page(page);
  if (remapped) code_page_changed(page);
}

// Decoded code from a page is only valid for the memory it was decoded from.
void MemoryPort::code_page_changed(Addr page) {
  if ((flags_[page] & kCodePage) && code_observer_)
    code_observer_->code_page_written(page << kPageBits);
}

void MemoryPort::unmap_range(Addr first, Addr last) {
  Addr end = (last >> kPageBits) + 1;
  if (end > pages_) end = pages_;
  for (Addr page = first >> kPageBits; page < end; ++page) {
    // Only pages that were mapped are written, so untouched (zero) table pages stay shared.
    if (!dmi_read_[page] && !dmi_write_[page]) continue;
    const bool was_mapped = dmi_read_[page] != nullptr;
    dmi_read_[page] = dmi_write_[page] = nullptr;
    refresh_page(page);
    if (was_mapped) code_page_changed(page);
  }
}

void MemoryPort::unmap_all() {
  unmap_range(0, (pages_ << kPageBits) - 1);
}

void MemoryPort::watch_code_page(Addr page_base) {
  const Addr page = page_base >> kPageBits;
  if (page >= pages_ || (flags_[page] & kCodePage)) return;
  flags_[page] |= kCodePage;
  refresh_page(page);
}

void MemoryPort::unwatch_all_code_pages() {
  for (Addr page = 0; page < pages_; ++page) {
    if (flags_[page] & kCodePage) {
      flags_[page] &= ~kCodePage;
      refresh_page(page);
    }
  }
}

void MemoryPort::force_slow_path(Addr page_base, bool on) {
  const Addr page = page_base >> kPageBits;
  if (page >= pages_) return;
  flags_[page] = on ? (flags_[page] | kForcedSlow) : (flags_[page] & ~kForcedSlow);
  refresh_page(page);
}

bool MemoryPort::slow_access(Access kind, Addr a, std::uint8_t* bytes, unsigned size) {
  const Addr page = a >> kPageBits;
  if (page >= pages_) return false;
  // An access that straddles two pages is split into bytes; each byte takes its own path.
  if ((a & kPageMask) + size > kPageSize) {
    for (unsigned i = 0; i < size; ++i) {
      if (!slow_access(kind, a + i, bytes + i, 1)) return false;
    }
    return true;
  }
  if (kind == Access::Store && (flags_[page] & kCodePage) && code_observer_) {
    code_observer_->code_page_written(page << kPageBits);
  }
  // Direct pointer present (a watched code page, for instance): use it.
  std::uint8_t* direct = kind == Access::Store ? dmi_write_[page] : dmi_read_[page];
  if (direct && !(flags_[page] & kForcedSlow)) {
    if (kind == Access::Store)
      std::memcpy(direct + (a & kPageMask), bytes, size);
    else
      std::memcpy(bytes, direct + (a & kPageMask), size);
    return true;
  }
  Cycles delay = 0;
  const BusStatus status = bus_->transport(kind, a, bytes, size, delay);
  *wait_sink_ += delay;
  if (status != BusStatus::Ok) return false;
  if (!(flags_[page] & kForcedSlow) &&
      !(kind == Access::Store ? dmi_write_[page] : dmi_read_[page]))
    bus_->request_direct_access(*this, a, kind);
  return true;
}

unsigned MemoryPort::debug_read(Addr a, void* data, unsigned size) {
  return bus_->debug_transport(false, a, static_cast<std::uint8_t*>(data), size);
}

unsigned MemoryPort::debug_write(Addr a, const void* data, unsigned size) {
  // Debug writes may change code: tell the decoded cache about every page touched.
  if (code_observer_ && size > 0) {
    for (Addr p = a >> kPageBits; p <= ((a + size - 1) >> kPageBits) && p < pages_; ++p)
      if (flags_[p] & kCodePage) code_observer_->code_page_written(p << kPageBits);
  }
  std::vector<std::uint8_t> copy(static_cast<const std::uint8_t*>(data),
                                 static_cast<const std::uint8_t*>(data) + size);
  return bus_->debug_transport(true, a, copy.data(), size);
}

}  // namespace anvil
