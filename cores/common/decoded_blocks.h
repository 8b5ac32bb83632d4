// Decoded instructions in straight-line runs ("blocks"), per guest page, for interpreters
// that dispatch over them: the run loop executes an instruction and, when it fell through,
// goes on with the next entry of the same run without a lookup. Runs are decoded once, on
// the first jump into them, and run to the page's end or at most kMaxRun instructions.
//
// Why runs rather than one slot per possible instruction address (DecodedCache): a slot
// array is as large as the page times the slot-to-granule ratio (32 KiB per 4 KiB page for
// Thumb) and mostly empty, so the decoded code a program loops over is spread across far
// more cache lines than it needs. Here a page's decoded instructions are packed one after
// another, in execution order, and only a small index (two bytes per possible start) maps
// a branch target to its entry.
//
// A store to a page holding decoded code drops the page (MemoryPort::watch_code_page, as for
// DecodedCache); the drop listener lets the interpreter forget pointers into it before it
// touches them again. `Decoded` needs a `bool falls_through` member (set here: the next entry
// of the page's storage decodes the instruction right after this one).
#pragma once

#include <array>
#include <cassert>
#include <cstdint>
#include <vector>

#include "cores/common/watched_code_pages.h"

namespace anvil {

// `Terminated`: each run is followed in the page's storage by an entry the interpreter
// gives (decode_run's `terminator`), not in the index, that ends the run when execution
// reaches it, so that the entries before need not test whether they are the last.
template <class Decoded, unsigned Granule, bool Terminated = false>
struct DecodedRuns {
  static constexpr unsigned kSlots = MemoryPort::kPageSize / Granule;
  // Decoding ahead stops here: enough for a loop body, and little wasted on the data that
  // may follow a function's last branch.
  static constexpr unsigned kMaxRun = 64;
  // Room for every instruction of the page, and for the terminators of runs averaging 8 or
  // more instructions.
  static constexpr unsigned kCapacity = kSlots + (Terminated ? kSlots / 8 : 0);

  class Page {
   public:
    Page() { code_.reserve(kCapacity); }  // never reallocated: entries stay where they are

    // The instruction decoded at `offset` (in bytes from the page's start), or null.
    Decoded* find(Addr offset) {
      const std::uint16_t entry = index_[offset / Granule];
      return entry ? &code_[entry - 1] : nullptr;
    }

    // Decodes a run starting at `offset` with `decode_one(offset, Decoded&)`, which returns
    // the instruction's length in bytes (0: nothing decodable there, the run ends). The run
    // stops before `last_offset` is passed, at kMaxRun instructions, or at an instruction
    // already decoded by another run. Returns the run's first instruction, or null when
    // even that one could not be decoded. Pointers into the page from before this call
    // are invalid afterwards (a full page starts afresh). With Terminated, a copy of
    // `terminator` follows the run.
    template <class DecodeOne>
    Decoded* decode_run(Addr offset, Addr last_offset, DecodeOne&& decode_one,
                        const Decoded* terminator = nullptr) {
      if constexpr (Terminated) assert(terminator);
      static_assert(!Terminated || kCapacity >= kMaxRun + 1);
      if (code_.size() + kMaxRun + (Terminated ? 1 : 0) > kCapacity) {
        // Re-decodes (an address executed in two instruction sets) filled the page.
        code_.clear();
        index_.fill(0);
      }
      const std::size_t first = code_.size();
      Addr at = offset;
      for (unsigned n = 0; n < kMaxRun && at <= last_offset; ++n) {
        if (n > 0 && index_[at / Granule]) break;
        Decoded decoded{};
        const unsigned length = decode_one(at, decoded);
        if (length == 0) break;
        decoded.falls_through = false;
        if (n > 0) code_.back().falls_through = true;
        code_.push_back(decoded);
        index_[at / Granule] = static_cast<std::uint16_t>(code_.size());
        at += length;
      }
      if (first == code_.size()) return nullptr;
      if constexpr (Terminated) code_.push_back(*terminator);
      return &code_[first];
    }

   private:
    std::array<std::uint16_t, kSlots> index_{};  // code_ position + 1; 0: not decoded
    std::vector<Decoded> code_;
  };
};

template <class Decoded, unsigned Granule, bool Terminated = false>
class DecodedBlocks final
    : public WatchedCodePages<typename DecodedRuns<Decoded, Granule, Terminated>::Page> {
 public:
  using Runs = DecodedRuns<Decoded, Granule, Terminated>;
  using Page = typename Runs::Page;
  static constexpr unsigned kSlots = Runs::kSlots;
  static constexpr unsigned kMaxRun = Runs::kMaxRun;

  explicit DecodedBlocks(MemoryPort& port) : WatchedCodePages<Page>(port) {}
};

}  // namespace anvil
