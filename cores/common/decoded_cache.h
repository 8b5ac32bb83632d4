// A cache of decoded instructions keyed by guest physical address, one slot per possible
// instruction start in a page (`Granule` bytes apart). Decoding happens once per location;
// a store to a page holding decoded code (see MemoryPort::watch_code_page) drops the page.
#pragma once

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
    if (base == last_base_ && last_page_) return *last_page_;
    auto& slot = pages_[base];
    if (!slot) {
      slot = std::make_unique<Page>();
      port_.watch_code_page(base);
    }
    last_base_ = base;
    last_page_ = slot.get();
    return *slot;
  }

  Decoded& at(Addr addr) { return page(addr).slots[(addr & MemoryPort::kPageMask) / Granule]; }

  void code_page_written(Addr page_base) override {
    // Dropping the page is safe even mid-block: the interpreter re-looks-up after each
    // instruction that may store.
    pages_.erase(page_base);
    if (last_base_ == page_base) last_page_ = nullptr;
    ++invalidations_;
    if (on_drop_) on_drop_(page_base);
  }

  void clear() {
    pages_.clear();
    last_page_ = nullptr;
    port_.unwatch_all_code_pages();
    if (on_drop_) on_drop_(~Addr{0});
  }

  // Called with a page's base when it is dropped (all ones: every page), for an interpreter
  // that keeps a pointer into the page it is executing.
  void set_drop_listener(std::function<void(Addr)> listener) { on_drop_ = std::move(listener); }

  std::uint64_t invalidations() const { return invalidations_; }

 private:
  MemoryPort& port_;
  std::unordered_map<Addr, std::unique_ptr<Page>> pages_;
  Addr last_base_ = ~Addr{0};
  Page* last_page_ = nullptr;
  std::uint64_t invalidations_ = 0;
  std::function<void(Addr)> on_drop_;
};

}  // namespace anvil
