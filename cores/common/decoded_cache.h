// A cache of decoded instructions keyed by guest physical address, one slot per possible
// instruction start in a page (`Granule` bytes apart). Decoding happens once per location;
// a store to a page holding decoded code (see MemoryPort::watch_code_page) drops the page.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <unordered_map>

#include "cores/common/memory_port.h"

namespace anvil {

template <class Decoded, unsigned Granule>
class DecodedCache final : public CodeWriteObserver {
 public:
  static constexpr unsigned kSlots = MemoryPort::kPageSize / Granule;
  struct Page {
    std::array<Decoded, kSlots> slots{};  // a default-constructed Decoded means "not decoded"
  };

  explicit DecodedCache(MemoryPort& port) : port_(port) { port_.set_code_write_observer(this); }
  ~DecodedCache() override { port_.set_code_write_observer(nullptr); }
  DecodedCache(const DecodedCache&) = delete;
  DecodedCache& operator=(const DecodedCache&) = delete;

  // The page for `addr`, created (and its stores watched) on first use.
  Page& page(Addr addr) {
    const Addr base = addr & ~MemoryPort::kPageMask;
    // Code calling between a few pages (a program and its libc) looks its pages up here
    // rather than hashing every switch.
    RecentPage& recent = recent_[(base / MemoryPort::kPageSize) % kRecentPages];
    if (recent.base == base && recent.page) return *recent.page;
    auto& slot = pages_[base];
    if (!slot) {
      slot = std::make_unique<Page>();
      port_.watch_code_page(base);
    }
    recent = {base, slot.get()};
    return *slot;
  }

  Decoded& at(Addr addr) { return page(addr).slots[(addr & MemoryPort::kPageMask) / Granule]; }

  void code_page_written(Addr page_base) override {
    // Dropping the page is safe even mid-block: the interpreter re-looks-up after each
    // instruction that may store.
    pages_.erase(page_base);
    RecentPage& recent = recent_[(page_base / MemoryPort::kPageSize) % kRecentPages];
    if (recent.base == page_base) recent = RecentPage{};
    ++invalidations_;
    if (on_drop_) on_drop_(page_base);
  }

  void clear() {
    pages_.clear();
    recent_.fill(RecentPage{});
    port_.unwatch_all_code_pages();
    if (on_drop_) on_drop_(~Addr{0});
  }

  // Called with a page's base when it is dropped (all ones: every page), for an interpreter
  // that keeps a pointer into the page it is executing.
  void set_drop_listener(std::function<void(Addr)> listener) { on_drop_ = std::move(listener); }

  std::uint64_t invalidations() const { return invalidations_; }

 private:
  MemoryPort& port_;
  struct RecentPage {
    Addr base = ~Addr{0};
    Page* page = nullptr;
  };
  static constexpr unsigned kRecentPages = 64;

  std::unordered_map<Addr, std::unique_ptr<Page>> pages_;
  std::array<RecentPage, kRecentPages> recent_{};
  std::uint64_t invalidations_ = 0;
  std::function<void(Addr)> on_drop_;
};

}  // namespace anvil
