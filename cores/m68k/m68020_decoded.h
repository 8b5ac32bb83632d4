// The 68020+ decoded-instruction cache: each code page's instructions decoded once, in
// straight-line runs, with their effective addresses parsed (mode, register, displacement,
// absolute address, immediate) and their cycle cost from the timing table. The run loop
// (m68020_decoded_run.cpp) calls an entry's handler, which goes on with the next entry's while
// the code falls through, without the 68000 model's look-ahead queue. Instructions that have
// no handler of their own here run the opcode's ordinary handler (M68020FastPath::generic)
// with the queue filled as it expects.
//
// The 68000 and 68010 never come here: their bus cycles stay exact (m68000_bus.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "cores/common/watched_code_pages.h"
#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

struct DecodedM68k;
// Runs one decoded instruction; returns the address of the next one.
using FastHandler = std::uint32_t (*)(M68000Core& cpu, const DecodedM68k& instruction);

struct DecodedM68k {
  FastHandler handler = nullptr;
  std::uint32_t address = 0;  // of the opcode word
  // address + length when the next entry is the instruction there, else 1 (no address the
  // loop can reach: instructions are even).
  std::uint32_t fall_through = 1;
  // The parsed extension words of the source and destination operands (see Ea), or a
  // branch target.
  std::uint32_t source = 0, destination = 0;
  std::uint16_t opcode = 0;
  std::uint16_t second_word = 0;  // the word after the opcode: IRC for generic()
  std::uint8_t length = 0;        // bytes
  std::uint8_t cycles = 0;        // the timing table's cost (m68020_timing.cpp)
  // The operands' register fields: the register (bits 2-0), and for the index modes also
  // base suppressed (bit 3) and the index word's D/A, register, W/L and scale (bits 15-9).
  std::uint16_t source_register = 0, destination_register = 0;
  // The run's entries after this one and their cost (the timing table's): the run loop
  // checks the budget once for a segment of the run that fits in it.
  std::uint16_t cycles_after = 0;
  std::uint8_t entries_after = 0;
  // The same from this entry on (this entry's included), as the segment's start reads them.
  std::uint8_t entries_to_end = 1;
  std::uint16_t cycles_to_end = 0;
  // The entry the loop went to the last time this instruction did not fall through, when
  // that entry is on the same page: the next time it jumps there the loop goes straight to
  // it, without the page lookup. Both live and die with their page (a store drops the page,
  // a full page is cleared whole), so the pointer cannot outlive its target; the loop still
  // compares the target's address, as a branch's or a return's target may change. Before
  // the first jump it is kNoJumpYet (decode_run), so that compare needs no null test.
  mutable const DecodedM68k* taken = nullptr;
};
// The counts above fill what was padding: an entry stays 48 bytes.
static_assert(sizeof(DecodedM68k) == 48);

// An entry at an address no jump goes to (odd, and not the handlers' kNextEntry).
inline constexpr DecodedM68k kNoJumpYet = [] {
  DecodedM68k entry{};
  entry.address = ~std::uint32_t{0};
  return entry;
}();

// An effective address as the handlers take it (PRM 2.2), with what its extension words
// hold once parsed: Disp a sign-extended d16; Index the brief extension word; AbsShort,
// AbsLong and PcDisp the address itself; Immediate the value, masked to the size.
// FullIndex is (bd,An,Xn) or (bd,Xn) in the full format without memory indirection (the
// extension is bd); PcIndex is (d8,PC,Xn) or (bd,PC,Xn) (the extension is the address
// without the index). Their index (and base suppression) is in the operand's register field.
enum class Ea : std::uint8_t {
  DataRegister,
  AddressRegister,
  Indirect,
  PostIncrement,
  PreDecrement,
  Disp,
  Index,
  AbsShort,
  AbsLong,
  PcDisp,
  Immediate,
  FullIndex,
  PcIndex,
};
inline constexpr unsigned kEaCount = 13;

// The handler that runs `first` and then `second`, when `first` sets the condition codes and
// `second` is a Bcc that reads them with its target on the page (M68020FastPath::
// then_branch()); null for any other pair. decode_run() gives it to the first of such pairs.
FastHandler fused_with_next(const DecodedM68k& first, const DecodedM68k& second);

// One page's decoded instructions, packed in execution order, and an index from a word's
// offset to its entry (as DecodedRuns in cores/common/decoded_blocks.h, with runs that end
// after an instruction the decoder says ends them: a jump, or one of unknown length).
class M68020CodePage {
 public:
  static constexpr unsigned kSlots = MemoryPort::kPageSize / 2;
  static constexpr unsigned kMaxRun = 64;
  // A run's cost after an entry fits its 16-bit field (the timing table's costs are bytes).
  static_assert(kMaxRun * 255 <= 0xFFFF && kMaxRun < 256);

  M68020CodePage() { code_.reserve(kSlots); }  // never reallocated: entries stay put

  const DecodedM68k* find(std::uint32_t offset) const {
    const std::uint16_t entry = index_[offset / 2];
    return entry ? &code_[entry - 1] : nullptr;
  }

  // Decodes a run from `offset` with `decode_one(offset, DecodedM68k&, bool& ends_run)`,
  // which returns the length in bytes (0: nothing decodable there). Returns the run's first
  // entry or null. Entries from before the call are invalid afterwards if the page was full.
  template <class DecodeOne>
  const DecodedM68k* decode_run(std::uint32_t offset, DecodeOne&& decode_one) {
    if (code_.size() + kMaxRun > kSlots) {
      code_.clear();
      index_.fill(0);
    }
    const std::size_t first = code_.size();
    std::uint32_t at = offset;
    for (unsigned n = 0; n < kMaxRun && at < MemoryPort::kPageSize; ++n) {
      if (n > 0 && index_[at / 2]) break;
      DecodedM68k decoded{};
      bool ends_run = false;
      const unsigned length = decode_one(at, decoded, ends_run);
      if (length == 0) break;
      decoded.fall_through = 1;
      decoded.taken = &kNoJumpYet;
      if (n > 0) code_.back().fall_through = decoded.address;
      code_.push_back(decoded);
      index_[at / 2] = static_cast<std::uint16_t>(code_.size());
      at += length;
      if (ends_run) break;
    }
    std::uint32_t cost_after = 0;
    unsigned after = 0;
    for (std::size_t i = code_.size(); i-- > first; ++after) {
      code_[i].cycles_after = static_cast<std::uint16_t>(cost_after);
      code_[i].entries_after = static_cast<std::uint8_t>(after);
      code_[i].entries_to_end = static_cast<std::uint8_t>(after + 1);
      cost_after += code_[i].cycles;
      code_[i].cycles_to_end = static_cast<std::uint16_t>(cost_after);
    }
    for (std::size_t i = first; i + 1 < code_.size(); ++i)
      if (const FastHandler fused = fused_with_next(code_[i], code_[i + 1]))
        code_[i].handler = fused;
    return first < code_.size() ? &code_[first] : nullptr;
  }

 private:
  std::array<std::uint16_t, kSlots> index_{};  // code_ position + 1; 0: not decoded
  std::vector<DecodedM68k> code_;
};

// The decoded pages (dropped when written) and the page the run loop is in.
struct M68020DecodedCode : WatchedCodePages<M68020CodePage> {
  using WatchedCodePages::WatchedCodePages;
  std::uint32_t current_base = ~std::uint32_t{0};
  M68020CodePage* current = nullptr;
  // The pages used last, by page number: a call into the C library and the return from it
  // switch pages without the slow lookup.
  struct RecentPage {
    std::uint32_t base = ~std::uint32_t{0};
    M68020CodePage* page = nullptr;
  };
  static constexpr unsigned kRecentPages = 16;
  std::array<RecentPage, kRecentPages> recent{};
  RecentPage& recent_page(std::uint32_t base) {
    return recent[(base / MemoryPort::kPageSize) % kRecentPages];
  }
  void forget_pages() {
    current_base = ~std::uint32_t{0};
    current = nullptr;
    recent.fill(RecentPage{});
  }
};

// Reads an instruction's words from its host page while decoding; past the page's end it
// reads zeros and `ok` turns false (the instruction is then not decoded).
struct CodeReader {
  const std::uint8_t* page;
  std::uint32_t page_address;
  std::uint32_t offset;  // of the next word
  bool ok = true;
  std::uint32_t address() const { return page_address + offset; }
  std::uint16_t word() {
    if (offset + 2 > MemoryPort::kPageSize) {
      ok = false;
      return 0;
    }
    const auto value = static_cast<std::uint16_t>((page[offset] << 8) | page[offset + 1]);
    offset += 2;
    return value;
  }
  std::uint32_t long_word() {
    const std::uint32_t high = word();
    return (high << 16) | word();
  }
};

// What the decoders and handlers reach of the core (a friend of M68000Core).
struct M68020FastPath {
  // Inside a segment of a decoded run the counts lag behind and instruction_pc_ is not set
  // (m68020_decoded_run.cpp). Before anything outside the handler may look at them (an
  // access off the direct path: a device, wait states, a fault, a store into decoded code;
  // an ordinary handler) they are brought up to the running entry, and the segment ends
  // after it, so the budget, a dropped limit and a dropped page are seen after this
  // instruction as the per-instruction loop saw them. Reads nothing of the entry once
  // settled: by then its page may be gone.
  static void settle(M68000Core& cpu, const DecodedM68k& running) {
    M68000Core::DecodedSegment& segment = cpu.segment_;
    if (segment.settled) return;
    cpu.cycles_ -= running.cycles_to_end;
    cpu.instructions_ -= running.entries_to_end;
    cpu.instruction_pc_ = running.address;
    segment.settled_cycles = running.cycles;
    segment.settled_next = running.address + running.length;
    segment.settled = true;
    segment.last = &running;
  }
  // A handler that adds cycles of its own (the FPU's) ends the segment after it: the
  // budget was checked for the table's costs only.
  [[gnu::always_inline]] static void end_segment(M68000Core& cpu, const DecodedM68k& running) {
    cpu.segment_.last = &running;
  }
  // What a handler that falls through returns: the next entry's handler runs from here (a
  // tail call; without one the calls nest at most kMaxRun deep) unless the segment ends with
  // this entry, and then kNextEntry tells the run loop to go on after it. A taken branch
  // returns its target instead. Only the entry's address is compared once settled: its
  // page may be gone.
  static constexpr std::uint32_t kNextEntry = 1;  // no instruction's address: they are even
  [[gnu::always_inline]] static std::uint32_t fall_through(M68000Core& cpu,
                                                           const DecodedM68k& running) {
    M68000Core::DecodedSegment& segment = cpu.segment_;
    if (&running == segment.last) return kNextEntry;
    const DecodedM68k* next = &running + 1;
    segment.running = next;
    return next->handler(cpu, *next);
  }

  // Whether condition `row` of PRM Table 3-19 (kConditionTable) holds for the current CCR.
  [[gnu::always_inline]] static bool holds(const M68000Core& cpu, std::uint32_t row) {
    return (row >> (cpu.sr_ & (kN | kZ | kV | kC))) & 1;
  }
  // What a handler fused with the Bcc after it (fused_with_next()) returns once its own
  // instruction has run: the Bcc runs here, when the segment goes on to it, with the
  // condition codes just computed (no call of the Bcc's handler, and no wait for a store and
  // load of SR on the host). When the segment ends between the two (the budget, or the first
  // settled) the segment ends as after any entry, and the Bcc runs later as its own entry
  // with its own handler, as it does when a jump lands on it.
  [[gnu::always_inline]] static std::uint32_t then_branch(M68000Core& cpu,
                                                          const DecodedM68k& running) {
    M68000Core::DecodedSegment& segment = cpu.segment_;
    if (&running == segment.last) return kNextEntry;
    const DecodedM68k* branch = &running + 1;
    segment.running = branch;
    if (holds(cpu, branch->destination)) return branch_to(cpu, *branch, branch->source);
    return fall_through(cpu, *branch);
  }

  // A taken branch to `target`: when that is the entry it went to the last time (on its own
  // page, so a loop's back edge) and the budget covers it, the next segment starts here as
  // the run loop would start it (this segment's unrun entries taken back, the next one's
  // counts added, its end set) and its first handler runs without returning to the loop;
  // else the loop goes on from the target. At most kMaxChained segments in a row, so the
  // calls stay shallow where the compiler made no tail calls.
  static constexpr std::uint8_t kMaxChained = 16;
  [[gnu::always_inline]] static std::uint32_t branch_to(M68000Core& cpu, const DecodedM68k& branch,
                                                        std::uint32_t target) {
    const DecodedM68k* next = branch.taken;
    M68000Core::DecodedSegment& segment = cpu.segment_;
    if (next->address != target || segment.chained == kMaxChained) return target;
    const Cycles limit = cpu.decoded_limit_.load(std::memory_order_relaxed);
    const Cycles spent = cpu.cycles_ - branch.cycles_after;
    if (spent >= limit) return target;
    ++segment.chained;
    const Cycles cycles = spent + next->cycles_to_end;
    cpu.cycles_ = cycles;
    cpu.instructions_ += next->entries_to_end - branch.entries_after;
    segment.last = cycles < limit ? next + next->entries_after : next;
    segment.running = next;
    return next->handler(cpu, *next);
  }

  // The core's fast_load/fast_store with their direct path written out here (inline in
  // every handler): a page with a host pointer, the access inside it, big-endian. Anything
  // else settles the segment and goes the core's way. Decoded code exists only with a
  // 32-bit address bus, so there is no address mask to apply.
  template <class T, bool Program = false>
  [[gnu::always_inline]] static T load(M68000Core& cpu, std::uint32_t address) {
    const std::uint8_t* page = cpu.memory_.fetch_page(address);
    const std::uint32_t offset = address & MemoryPort::kPageMask;
    if (page && offset <= MemoryPort::kPageSize - sizeof(T)) [[likely]] {
      T value;
      std::memcpy(&value, page + offset, sizeof(T));
      if constexpr (sizeof(T) > 1) value = anvil::byteswap(value);
      return value;
    }
    return load_off_page<T, Program>(cpu, address);
  }
  template <class T>
  [[gnu::always_inline]] static void store(M68000Core& cpu, std::uint32_t address, T value) {
    std::uint8_t* page = cpu.memory_.store_page(address);
    const std::uint32_t offset = address & MemoryPort::kPageMask;
    if (page && offset <= MemoryPort::kPageSize - sizeof(T)) [[likely]] {
      if constexpr (sizeof(T) > 1) value = anvil::byteswap(value);
      std::memcpy(page + offset, &value, sizeof(T));
      return;
    }
    store_off_page<T>(cpu, address, value);
  }
  template <class T>
  [[gnu::always_inline]] static T load_program(M68000Core& cpu, std::uint32_t address) {
    return load<T, true>(cpu, address);
  }
  template <class T, bool Program>
  [[gnu::noinline]] static T load_off_page(M68000Core& cpu, std::uint32_t address) {
    settle(cpu, *cpu.segment_.running);
    return cpu.fast_load<T>(address,
                            Program ? M68000Core::Space::Program : M68000Core::Space::Data);
  }
  template <class T>
  [[gnu::noinline]] static void store_off_page(M68000Core& cpu, std::uint32_t address, T value) {
    settle(cpu, *cpu.segment_.running);
    cpu.fast_store<T>(address, value);
  }
  // A long the ordinary handlers access as two word cycles (high word first, or for
  // -(An) stores low word first). When the direct path takes all four bytes neither word
  // can fault, so one access gives the same result; otherwise the two word accesses are
  // made as the ordinary handler makes them, faults and all.
  template <bool Program>
  [[gnu::always_inline]] static std::uint32_t load_long_as_words(M68000Core& cpu,
                                                                 std::uint32_t address) {
    const std::uint8_t* page = cpu.memory_.fetch_page(address);
    const std::uint32_t offset = address & MemoryPort::kPageMask;
    if (page && offset <= MemoryPort::kPageSize - 4) [[likely]] {
      std::uint32_t value;
      std::memcpy(&value, page + offset, 4);
      return anvil::byteswap(value);
    }
    const std::uint32_t high = load_off_page<std::uint16_t, Program>(cpu, address);
    return (high << 16) | load_off_page<std::uint16_t, Program>(cpu, address + 2);
  }
  [[gnu::always_inline]] static void store_long_low_word_first(M68000Core& cpu,
                                                               std::uint32_t address,
                                                               std::uint32_t value) {
    std::uint8_t* page = cpu.memory_.store_page(address);
    const std::uint32_t offset = address & MemoryPort::kPageMask;
    if (page && offset <= MemoryPort::kPageSize - 4) [[likely]] {
      value = anvil::byteswap(value);
      std::memcpy(page + offset, &value, 4);
      return;
    }
    store_off_page<std::uint16_t>(cpu, address + 2, static_cast<std::uint16_t>(value));
    store_off_page<std::uint16_t>(cpu, address, static_cast<std::uint16_t>(value >> 16));
  }
  // The host bytes of [address, address + size) when all of them are on one page the direct
  // path reaches, else null: accesses inside such a block take the direct path one by one
  // (no fault, no device, no wait states), so a handler may make them straight to memory.
  static std::uint8_t* store_block(M68000Core& cpu, std::uint32_t address, std::uint32_t size) {
    std::uint8_t* page = cpu.memory_.store_page(address);
    const std::uint32_t offset = address & MemoryPort::kPageMask;
    return page && offset + size <= MemoryPort::kPageSize ? page + offset : nullptr;
  }
  static const std::uint8_t* load_block(M68000Core& cpu, std::uint32_t address,
                                        std::uint32_t size) {
    const std::uint8_t* page = cpu.memory_.fetch_page(address);
    const std::uint32_t offset = address & MemoryPort::kPageMask;
    return page && offset + size <= MemoryPort::kPageSize ? page + offset : nullptr;
  }
  // Whether a jump to `address` may be taken here: even, and its first two words on a page
  // with a host pointer (so refilling the queue there cannot fault). Otherwise the
  // instruction runs generic(), which takes the fault where the 68000 model does.
  static bool jump_target_ok(const M68000Core& cpu, std::uint32_t address) {
    return !(address & 1) && (address & MemoryPort::kPageMask) <= MemoryPort::kPageSize - 4 &&
           cpu.memory_.fetch_page(address) != nullptr;
  }
  static const std::uint8_t* dispatch_cycles(const M68000Core& cpu) { return cpu.timing_; }
  static Handler ordinary_handler(const M68000Core& cpu, std::uint16_t opcode) {
    return (*cpu.dispatch_)[opcode];
  }
  // The opcode's own handler, with the look-ahead queue as it expects it.
  static std::uint32_t generic(M68000Core& cpu, const DecodedM68k& instruction);
  static const DecodedM68k* lookup(M68000Core& cpu, std::uint32_t address);
  static const DecodedM68k* lookup_slow(M68000Core& cpu, std::uint32_t address);
  static void refill_queue(M68000Core& cpu, std::uint32_t address);
};

// The instruction decoders by group: each fills `out` (handler, operands, length) and
// returns true when the opcode at the reader has a handler of its own in that group.
// `ordinary` is the opcode's handler in the dispatch table, which has already decided
// whether the opcode (and its addressing modes) is legal on this CPU.
bool decode_move(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                 bool& ends_run);
bool decode_arithmetic(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                       bool& ends_run);
bool decode_control(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                    bool& ends_run);
bool decode_misc(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                 bool& ends_run);
bool decode_bits(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                 bool& ends_run);
// The handlers fused with a near Bcc (fused_with_next()) of the decoders' own handlers, null
// for a handler that has none, and whether an entry is such a Bcc.
FastHandler move_with_branch(FastHandler handler);
FastHandler arithmetic_with_branch(FastHandler handler);
bool is_near_conditional_branch(const DecodedM68k& entry);
// The FPU's (m68k_fpu_decoded.cpp).
bool decode_fpu(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                bool& ends_run);

// Parses the effective address `mode`/`reg` of an operand of `size` (its extension words
// from the reader) into `ea`, the value the handlers take and the operand's register field;
// false for the forms that have no fast handler (memory indirection).
bool parse_ea(unsigned mode, unsigned reg, Size size, CodeReader& reader, Ea& ea,
              std::uint32_t& extension, std::uint16_t& register_field);

}  // namespace anvil::m68k
