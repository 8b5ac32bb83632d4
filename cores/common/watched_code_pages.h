// Per-page storage for decoded guest code, created on first use, whose stores the memory port
// watches: a store to such a page (or a change of the memory behind it) drops the page. The
// storage itself (`Page`) is the decoder's: DecodedCache keeps one slot per possible
// instruction address, DecodedBlocks keeps straight-line runs.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>

#include "cores/common/memory_port.h"

namespace anvil {

template <class Page>
class WatchedCodePages : public CodeWriteObserver {
 public:
  explicit WatchedCodePages(MemoryPort& port) : port_(port) { port_.set_code_write_observer(this); }
  ~WatchedCodePages() override { port_.set_code_write_observer(nullptr); }
  WatchedCodePages(const WatchedCodePages&) = delete;
  WatchedCodePages& operator=(const WatchedCodePages&) = delete;

  // The page for `addr`, created (and its stores watched) on first use.
  Page& page(Addr addr) {
    const Addr base = addr & ~MemoryPort::kPageMask;
    // Code calling between a few pages (a program and its libc) finds them here rather
    // than hashing every switch.
    const RecentPage& recent = recent_[(base / MemoryPort::kPageSize) % kRecentPages];
    if (recent.base == base && recent.page) [[likely]]
      return *recent.page;
    return look_up(base);
  }

  void code_page_written(Addr page_base) override {
    // Dropping the page is safe even mid-block: the interpreter is told (the drop listener)
    // and re-looks-up before it next reads decoded code.
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
  [[gnu::noinline]] Page& look_up(Addr base) {
    auto& slot = pages_[base];
    if (!slot) {
      slot = std::make_unique<Page>();
      port_.watch_code_page(base);
    }
    recent_[(base / MemoryPort::kPageSize) % kRecentPages] = {base, slot.get()};
    return *slot;
  }

  struct RecentPage {
    Addr base = ~Addr{0};
    Page* page = nullptr;
  };
  static constexpr unsigned kRecentPages = 64;

  MemoryPort& port_;
  std::unordered_map<Addr, std::unique_ptr<Page>> pages_;
  std::array<RecentPage, kRecentPages> recent_{};
  std::uint64_t invalidations_ = 0;
  std::function<void(Addr)> on_drop_;
};

}  // namespace anvil
