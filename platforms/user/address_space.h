// The guest's address space in Linux user mode: pages mapped with permissions (mmap, brk,
// the loader), the BusBackend behind the core's MemoryPort, and checked access for system
// calls. Guest memory is one host reservation as large as the guest's address space, so a
// guest address is an offset into it; only pages the guest mapped are accessible, and every
// access by the layer is checked against the guest's permissions first, so a guest pointer
// can never make the host touch anything else. fork() copies it with the process.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "cores/common/memory_port.h"
#include "platforms/user/linux_abi.h"

namespace anvil::user {

// Guest page permissions: the Linux PROT_* bits (the same on every ISA).
enum PagePermission : std::uint8_t {
  kPermRead = 1,
  kPermWrite = 2,
  kPermExec = 4,
};

class AddressSpace final : public BusBackend, public GuestMemory {
 public:
  static constexpr Addr kPageSize = MemoryPort::kPageSize;

  AddressSpace(std::endian byte_order, unsigned address_bits = 32);
  ~AddressSpace() override;
  AddressSpace(const AddressSpace&) = delete;
  AddressSpace& operator=(const AddressSpace&) = delete;

  // The port whose direct pointers must follow mapping changes.
  void attach(MemoryPort& port) { port_ = &port; }

  Addr limit() const { return limit_; }  // one past the highest guest address
  static Addr page_down(Addr a) { return a & ~(kPageSize - 1); }
  static Addr page_up(Addr a) { return (a + kPageSize - 1) & ~(kPageSize - 1); }

  // Mapping (page-aligned start, size > 0). map() gives fresh zeroed pages and replaces
  // whatever was there (MAP_FIXED).
  bool is_free(Addr start, Addr size) const;
  // The lowest free range of `size` bytes at or above `from`, or 0 when there is none.
  Addr find_free(Addr size, Addr from) const;
  bool in_range(Addr start, Addr size) const { return size <= limit_ && start <= limit_ - size; }
  void map(Addr start, Addr size, unsigned permissions);
  void unmap(Addr start, Addr size);
  // Changes permissions; false (nothing changed) when a page in the range is not mapped.
  bool protect(Addr start, Addr size, unsigned permissions);
  bool is_mapped(Addr start, Addr size) const;
  unsigned permissions(Addr address) const;

  // The program break (brk): the heap grows from brk_start up to at most brk_limit.
  void set_brk_start(Addr start);
  Addr brk() const { return brk_; }
  // Moves the break if it can (pages mapped or released); returns the break afterwards.
  Addr set_brk(Addr requested);

  // Unchecked host view for the loader, which maps before it writes.
  std::uint8_t* host(Addr address) { return base_ + address; }

  // Checked range tests used by system calls.
  bool readable(Addr address, Addr size) const;
  bool writable(Addr address, Addr size) const;
  // Reads a NUL-terminated string of at most `max` bytes; false on a bad pointer or no NUL.
  bool read_string(Addr address, std::string& out, std::size_t max = 4096) const;

  // GuestMemory
  std::endian byte_order() const override { return byte_order_; }
  bool read(Addr address, std::span<std::uint8_t> bytes) const override;
  bool write(Addr address, std::span<const std::uint8_t> bytes) override;
  bool map_special(Addr address, Addr size, bool writable,
                   std::span<const std::uint8_t> bytes) override;
  bool poke(Addr address, std::span<const std::uint8_t> bytes) override;

  // BusBackend
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override;
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override;
  void request_direct_access(MemoryPort& port, Addr addr, Access kind) override;

 private:
  static constexpr std::uint8_t kMapped = 0x80;
  std::uint8_t& page(Addr address) { return pages_[address / kPageSize]; }
  std::uint8_t page(Addr address) const { return pages_[address / kPageSize]; }
  bool range_has(Addr address, Addr size, std::uint8_t needed) const;
  void drop_direct_pointers(Addr start, Addr size);
  void discard_host_pages(Addr start, Addr size);

  std::endian byte_order_;
  Addr limit_;
  std::uint8_t* base_ = nullptr;     // host reservation of limit_ bytes
  std::vector<std::uint8_t> pages_;  // per guest page: kMapped | PagePermission bits
  MemoryPort* port_ = nullptr;
  Addr brk_start_ = 0, brk_ = 0;
};

}  // namespace anvil::user
