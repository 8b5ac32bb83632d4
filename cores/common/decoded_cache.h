// A cache of decoded instructions keyed by guest physical address, one slot per possible
// instruction start in a page (`Granule` bytes apart). Decoding happens once per location;
// a store to a page holding decoded code (see MemoryPort::watch_code_page) drops the page.
#pragma once

#include <array>

#include "cores/common/watched_code_pages.h"

namespace anvil {

template <class Decoded, unsigned Granule>
struct DecodedSlots {
  static constexpr unsigned kSlots = MemoryPort::kPageSize / Granule;
  std::array<Decoded, kSlots> slots{};  // a default-constructed Decoded means "not decoded"
};

template <class Decoded, unsigned Granule>
class DecodedCache final : public WatchedCodePages<DecodedSlots<Decoded, Granule>> {
 public:
  using Page = DecodedSlots<Decoded, Granule>;
  static constexpr unsigned kSlots = Page::kSlots;

  explicit DecodedCache(MemoryPort& port) : WatchedCodePages<Page>(port) {}

  Decoded& at(Addr addr) {
    return this->page(addr).slots[(addr & MemoryPort::kPageMask) / Granule];
  }
};

}  // namespace anvil
