// MemoryPort: how a core reaches memory. The hot path is a page table of host pointers
// (filled from TLM DMI); a null entry sends the access down the slow path, which asks the
// BusBackend (b_transport in system mode, the guest address space in user mode).
//
// Byte order: memory holds bytes in address order; a big-endian guest converts here.
#pragma once

#include <bit>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

#include "cores/common/types.h"

namespace anvil {

class MemoryPort;

// Implemented by whatever sits below the core: CpuModule (SystemC), user mode, unit tests.
class BusBackend {
 public:
  virtual ~BusBackend() = default;
  // A timed access of `size` bytes (1, 2, 4 or 8) in address order. `delay` receives the
  // wait states the bus annotated, in core cycles.
  virtual BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                              Cycles& delay) = 0;
  // An untimed access without side effects (transport_dbg): debuggers, loaders, semihosting.
  // Returns the number of bytes transferred (short on unmapped memory).
  virtual unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) = 0;
  // Called on a slow-path access to a page without an entry: the backend may call
  // port.map_page() to install a direct pointer (DMI). Default: none.
  virtual void request_direct_access(MemoryPort& port, Addr addr, Access kind) {
    (void)port, (void)addr, (void)kind;
  }
};

// Told when the guest stores to a page that holds decoded code (see watch_code_page()), or
// when the memory behind such a page changes (DMI withdrawn or granted elsewhere).
class CodeWriteObserver {
 public:
  virtual ~CodeWriteObserver() = default;
  virtual void code_page_written(Addr page_base) = 0;
};

class MemoryPort {
 public:
  static constexpr unsigned kPageBits = 12;
  static constexpr Addr kPageSize = Addr{1} << kPageBits;
  static constexpr Addr kPageMask = kPageSize - 1;

  // `address_bits` bounds the guest physical address space (32 for every core so far).
  MemoryPort(BusBackend& bus, std::endian guest_order, unsigned address_bits = 32);

  std::endian guest_order() const { return guest_order_; }
  BusBackend& bus() { return *bus_; }

  // Guest-order loads and stores. Return false on a bus error (the core raises its fault);
  // the value is unspecified then. Wait states from the slow path accumulate in
  // take_wait_cycles().
  template <class T>
  bool load(Addr a, T& value, Access kind = Access::Load) {
    static_assert(std::is_unsigned_v<T>);
    const Addr page = a >> kPageBits;
    if (page < pages_) [[likely]] {
      const std::uint8_t* host = read_[page];
      if (host && (a & kPageMask) <= kPageSize - sizeof(T)) [[likely]] {
        std::memcpy(&value, host + (a & kPageMask), sizeof(T));
        value = to_host(value);
        return true;
      }
    }
    return slow_load(a, value, kind);
  }

  template <class T>
  bool store(Addr a, T value) {
    static_assert(std::is_unsigned_v<T>);
    const Addr page = a >> kPageBits;
    if (page < pages_) [[likely]] {
      std::uint8_t* host = write_[page];
      if (host && (a & kPageMask) <= kPageSize - sizeof(T)) [[likely]] {
        value = to_host(value);  // the conversion is its own inverse
        std::memcpy(host + (a & kPageMask), &value, sizeof(T));
        return true;
      }
    }
    return slow_store(a, value);
  }

  // load() and store() when they take the direct path (a DMI page, the access inside it),
  // else false with nothing done: for a core whose slow path must do more than the port's
  // (a debugger's watch on pages without a host pointer).
  template <class T>
  bool load_direct(Addr a, T& value) const {
    static_assert(std::is_unsigned_v<T>);
    const Addr page = a >> kPageBits;
    if (page >= pages_) return false;
    const std::uint8_t* host = read_[page];
    if (!host || (a & kPageMask) > kPageSize - sizeof(T)) return false;
    std::memcpy(&value, host + (a & kPageMask), sizeof(T));
    value = to_host(value);
    return true;
  }
  template <class T>
  bool store_direct(Addr a, T value) {
    static_assert(std::is_unsigned_v<T>);
    const Addr page = a >> kPageBits;
    if (page >= pages_) return false;
    std::uint8_t* host = write_[page];
    if (!host || (a & kPageMask) > kPageSize - sizeof(T)) return false;
    value = to_host(value);  // the conversion is its own inverse
    std::memcpy(host + (a & kPageMask), &value, sizeof(T));
    return true;
  }

  // The direct path's tables themselves, one host pointer (or null) per page of the whole
  // address space, pages() entries, living as long as the port: for a core that knows its
  // fast-path addresses fall inside them and indexes them without the bounds test.
  // read_pages()[p] is fetch_page()'s answer for page p, write_pages()[p] store_page()'s.
  Addr pages() const { return pages_; }
  const std::uint8_t* const* read_pages() const { return read_.entries.get(); }
  std::uint8_t* const* write_pages() const { return write_.entries.get(); }

  // Host pointer to the page holding `a` for instruction fetch, or null (use load()).
  const std::uint8_t* fetch_page(Addr a) const {
    const Addr page = a >> kPageBits;
    return page < pages_ ? read_[page] : nullptr;
  }
  // Host pointer to the page holding `a` for a store that may go straight to memory, or null
  // (no DMI, a page holding decoded code, a watched page: use store()).
  std::uint8_t* store_page(Addr a) const {
    const Addr page = a >> kPageBits;
    return page < pages_ ? write_[page] : nullptr;
  }

  // Debug accesses: no time, no side effects. Return bytes transferred.
  unsigned debug_read(Addr a, void* data, unsigned size);
  unsigned debug_write(Addr a, const void* data, unsigned size);

  // DMI bookkeeping, used by the backend.
  void map_page(Addr page_base, std::uint8_t* host, bool writable);
  void unmap_range(Addr first, Addr last);  // inclusive; DMI invalidation
  void unmap_all();

  // Stores to a watched page go through the slow path and notify the observer, so decoded
  // code is invalidated when the guest (or a loader) rewrites it.
  void set_code_write_observer(CodeWriteObserver* observer) { code_observer_ = observer; }
  void watch_code_page(Addr page_base);
  void unwatch_all_code_pages();

  // Pages that must always take the slow path (watchpoints, MMIO hooks).
  void force_slow_path(Addr page_base, bool on);

  // Where slow-path wait states are added. By default an internal counter read with
  // take_wait_cycles(); a core may point it at its own pending-cycles counter so the hot
  // loop reads one counter, not two (take_wait_cycles() then returns 0). Null restores the
  // default.
  void set_wait_sink(Cycles* sink) { wait_sink_ = sink ? sink : &wait_cycles_; }

  Cycles take_wait_cycles() {
    Cycles c = wait_cycles_;
    wait_cycles_ = 0;
    return c;
  }

  template <class T>
  T to_host(T v) const {
    if constexpr (sizeof(T) == 1) {
      return v;
    } else {
      return guest_order_ == std::endian::native ? v : anvil::byteswap(v);
    }
  }

 private:
  template <class T>
  bool slow_load(Addr a, T& value, Access kind);
  template <class T>
  bool slow_store(Addr a, T value);
  bool slow_access(Access kind, Addr a, std::uint8_t* bytes, unsigned size);
  void refresh_page(Addr page);
  void code_page_changed(Addr page);

  BusBackend* bus_;
  std::endian guest_order_;
  Addr pages_;
  // Per page: what DMI granted (dmi_*) and what the fast path may use (read_/write_),
  // which is dmi_* minus pages forced to the slow path.
  // The tables cover the whole address space (8 MiB each for 32 bits) but most pages are
  // never touched: calloc'd memory comes from the kernel as shared zero pages, so a run
  // pays only for the pages it maps, where value-initialising a std::vector would write
  // them all at start-up. (A null pointer is all-bits-zero on every host Anvil supports.)
  template <class T>
  struct ZeroedTable {
    struct Free {
      void operator()(T* p) const { std::free(p); }
    };
    std::unique_ptr<T[], Free> entries;
    explicit ZeroedTable(Addr count)
        : entries(static_cast<T*>(std::calloc(static_cast<std::size_t>(count), sizeof(T)))) {
      if (!entries) throw std::bad_alloc();
    }
    T& operator[](Addr i) { return entries[i]; }
    const T& operator[](Addr i) const { return entries[i]; }
  };
  ZeroedTable<std::uint8_t*> dmi_read_, dmi_write_;
  ZeroedTable<const std::uint8_t*> read_;
  ZeroedTable<std::uint8_t*> write_;
  ZeroedTable<std::uint8_t> flags_;  // kCodePage | kForcedSlow
  CodeWriteObserver* code_observer_ = nullptr;
  Cycles wait_cycles_ = 0;
  Cycles* wait_sink_ = &wait_cycles_;
};

template <class T>
bool MemoryPort::slow_load(Addr a, T& value, Access kind) {
  std::uint8_t bytes[sizeof(T)];
  if (!slow_access(kind, a, bytes, sizeof(T))) return false;
  std::memcpy(&value, bytes, sizeof(T));
  value = to_host(value);
  return true;
}

template <class T>
bool MemoryPort::slow_store(Addr a, T value) {
  std::uint8_t bytes[sizeof(T)];
  value = to_host(value);
  std::memcpy(bytes, &value, sizeof(T));
  return slow_access(Access::Store, a, bytes, sizeof(T));
}

}  // namespace anvil
