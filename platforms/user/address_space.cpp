#include "platforms/user/address_space.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace anvil::user {

namespace {
constexpr int kHostReservationFlags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
}

AddressSpace::AddressSpace(std::endian byte_order, unsigned address_bits)
    : byte_order_(byte_order), limit_(Addr{1} << address_bits) {
  if (address_bits < 16 || address_bits > 32)
    throw std::invalid_argument("user mode supports 16..32-bit guest address spaces");
  // PROT_NONE + MAP_NORESERVE: the reservation costs address space, not memory; pages are
  // made accessible as the guest maps them.
  void* base = mmap(nullptr, limit_, PROT_NONE, kHostReservationFlags, -1, 0);
  if (base == MAP_FAILED)
    throw std::system_error(errno, std::generic_category(), "reserving the guest address space");
  base_ = static_cast<std::uint8_t*>(base);
  pages_.assign(limit_ / kPageSize, 0);
}

AddressSpace::~AddressSpace() {
  munmap(base_, limit_);
}

bool AddressSpace::is_free(Addr start, Addr size) const {
  if (!in_range(start, size)) return false;
  for (Addr a = start; a < start + size; a += kPageSize)
    if (page(a) & kMapped) return false;
  return true;
}

Addr AddressSpace::find_free(Addr size, Addr from) const {
  size = page_up(size);
  Addr run = 0;  // free bytes counted so far from `start`
  Addr start = page_up(from);
  for (Addr a = start; a < limit_; a += kPageSize) {
    if (page(a) & kMapped) {
      run = 0;
      start = a + kPageSize;
      continue;
    }
    run += kPageSize;
    if (run >= size) return start;
  }
  return 0;
}

// Fresh anonymous host pages: zeroed, and (after fork) no longer shared copy-on-write.
void AddressSpace::discard_host_pages(Addr start, Addr size) {
  if (mmap(base_ + start, size, PROT_READ | PROT_WRITE, kHostReservationFlags | MAP_FIXED, -1, 0) ==
      MAP_FAILED)
    throw std::system_error(errno, std::generic_category(), "mapping guest memory");
}

void AddressSpace::drop_direct_pointers(Addr start, Addr size) {
  if (port_ && size > 0) port_->unmap_range(start, start + size - 1);
}

void AddressSpace::map(Addr start, Addr size, unsigned permissions) {
  size = page_up(size);
  drop_direct_pointers(start, size);
  discard_host_pages(start, size);
  for (Addr a = start; a < start + size; a += kPageSize)
    page(a) = kMapped | static_cast<std::uint8_t>(permissions & 7);
}

void AddressSpace::unmap(Addr start, Addr size) {
  size = page_up(size);
  if (!in_range(start, size)) return;
  drop_direct_pointers(start, size);
  mmap(base_ + start, size, PROT_NONE, kHostReservationFlags | MAP_FIXED, -1, 0);
  for (Addr a = start; a < start + size; a += kPageSize) page(a) = 0;
}

bool AddressSpace::protect(Addr start, Addr size, unsigned permissions) {
  size = page_up(size);
  if (!is_mapped(start, size)) return false;
  drop_direct_pointers(start, size);
  for (Addr a = start; a < start + size; a += kPageSize)
    page(a) = kMapped | static_cast<std::uint8_t>(permissions & 7);
  return true;
}

bool AddressSpace::is_mapped(Addr start, Addr size) const {
  return range_has(start, size, kMapped);
}

unsigned AddressSpace::permissions(Addr address) const {
  return address < limit_ ? page(address) & 7u : 0u;
}

bool AddressSpace::range_has(Addr address, Addr size, std::uint8_t needed) const {
  if (size == 0) return true;
  if (!in_range(address, size)) return false;
  for (Addr a = page_down(address); a < address + size; a += kPageSize)
    if ((page(a) & (needed | kMapped)) != (needed | kMapped)) return false;
  return true;
}

bool AddressSpace::readable(Addr address, Addr size) const {
  return range_has(address, size, kPermRead);
}

bool AddressSpace::writable(Addr address, Addr size) const {
  return range_has(address, size, kPermWrite);
}

bool AddressSpace::read_string(Addr address, std::string& out, std::size_t max) const {
  out.clear();
  for (Addr a = address; out.size() < max; ++a) {
    if (!readable(a, 1)) return false;
    const char c = static_cast<char>(base_[a]);
    if (c == '\0') return true;
    out.push_back(c);
  }
  return false;
}

void AddressSpace::set_brk_start(Addr start) {
  brk_start_ = brk_ = start;
}

// Linux brk(2): the break moves only if the pages it needs are free; otherwise the old break
// is returned, which the C library reads as failure.
Addr AddressSpace::set_brk(Addr requested) {
  if (requested < brk_start_) return brk_;
  const Addr old_end = page_up(brk_), new_end = page_up(requested);
  if (new_end > old_end) {
    if (!is_free(old_end, new_end - old_end)) return brk_;
    map(old_end, new_end - old_end, kPermRead | kPermWrite);
  } else if (new_end < old_end) {
    unmap(new_end, old_end - new_end);
  }
  brk_ = requested;
  return brk_;
}

bool AddressSpace::read(Addr address, std::span<std::uint8_t> bytes) const {
  if (!readable(address, bytes.size())) return false;
  if (!bytes.empty()) std::memcpy(bytes.data(), base_ + address, bytes.size());
  return true;
}

bool AddressSpace::write(Addr address, std::span<const std::uint8_t> bytes) {
  if (!writable(address, bytes.size())) return false;
  return poke(address, bytes);
}

bool AddressSpace::poke(Addr address, std::span<const std::uint8_t> bytes) {
  if (!is_mapped(address, bytes.size())) return false;
  if (bytes.empty()) return true;
  // Through the port, so decoded code on the pages written is dropped.
  if (port_) return port_->debug_write(address, bytes.data(), bytes.size()) == bytes.size();
  std::memcpy(base_ + address, bytes.data(), bytes.size());
  return true;
}

bool AddressSpace::map_special(Addr address, Addr size, bool writable,
                               std::span<const std::uint8_t> bytes) {
  if (!is_free(address, page_up(size)) || bytes.size() > size) return false;
  map(address, size, kPermRead | kPermExec | (writable ? kPermWrite : 0));
  return poke(address, bytes);
}

BusStatus AddressSpace::transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                                  Cycles& delay) {
  delay = 0;
  const std::uint8_t needed = kind == Access::Store ? kPermWrite : kPermRead;
  if (!range_has(addr, size, needed))
    return is_mapped(addr, size) ? BusStatus::SlaveError : BusStatus::AddressError;
  if (kind == Access::Store)
    std::memcpy(base_ + addr, data, size);
  else
    std::memcpy(data, base_ + addr, size);
  return BusStatus::Ok;
}

// Debuggers and the layer itself: any mapped page, whatever its permissions.
unsigned AddressSpace::debug_transport(bool is_write, Addr addr, std::uint8_t* data,
                                       unsigned size) {
  if (is_mapped(addr, size)) {
    if (is_write)
      std::memcpy(base_ + addr, data, size);
    else
      std::memcpy(data, base_ + addr, size);
    return size;
  }
  unsigned done = 0;
  while (done < size && is_mapped(addr + done, 1)) {
    if (is_write)
      base_[addr + done] = data[done];
    else
      data[done] = base_[addr + done];
    ++done;
  }
  return done;
}

void AddressSpace::request_direct_access(MemoryPort& port, Addr addr, Access kind) {
  (void)kind;
  const Addr base = page_down(addr);
  if (!range_has(base, kPageSize, kPermRead)) return;
  port.map_page(base, base_ + base, (page(base) & kPermWrite) != 0);
}

}  // namespace anvil::user
