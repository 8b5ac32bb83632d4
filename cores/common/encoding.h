// The encoding-table DSL. Each ISA writes its instruction encodings once, as bit-pattern
// strings read most-significant bit first:
//
//   '0' / '1'   a fixed bit
//   '-'         a bit the encoding ignores
//   a letter    a bit of the field named by that letter; a field's bits need not be
//               contiguous and are gathered most-significant first
//   ' ' / '_'   ignored (readability)
//
//   using ADD_imm = Encoding<"cccc0010100Snnnnddddrrrrvvvvvvvv">;
//   ADD_imm::matches(insn); ADD_imm::field<'n'>(insn);
//
// Patterns are parsed at compile time into mask/expect and per-field masks. A DecodeTable
// built from rows of (pattern, handler) dispatches through buckets indexed by the high bits,
// so no instruction is decoded by a linear search of the whole table; the most specific
// pattern wins, and ambiguous_pairs() reports overlaps that specificity cannot resolve.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace anvil::encoding {

template <std::size_t N>
struct FixedString {
  char text[N]{};
  constexpr FixedString(const char (&s)[N]) { std::copy_n(s, N, text); }
  constexpr std::string_view view() const { return {text, N - 1}; }
};

struct Pattern {
  std::uint32_t mask = 0;    // 1 where the bit is fixed
  std::uint32_t expect = 0;  // the fixed bits' values
  unsigned width = 0;        // 16 or 32

  constexpr bool matches(std::uint32_t insn) const { return (insn & mask) == expect; }
};

constexpr bool is_field_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Parses a pattern; an invalid character or width makes constant evaluation fail.
constexpr Pattern parse_pattern(std::string_view bits) {
  Pattern p;
  for (char c : bits) {
    if (c == ' ' || c == '_') continue;
    if (p.width == 32) throw std::invalid_argument("pattern longer than 32 bits");
    p.mask <<= 1;
    p.expect <<= 1;
    ++p.width;
    if (c == '0' || c == '1') {
      p.mask |= 1;
      p.expect |= (c == '1');
    } else if (c != '-' && !is_field_letter(c)) {
      throw std::invalid_argument("bad character in pattern");
    }
  }
  return p;
}

// The bits of `insn` that field `letter` occupies in `bits`.
constexpr std::uint32_t field_mask(std::string_view bits, char letter) {
  std::uint32_t m = 0;
  for (char c : bits) {
    if (c == ' ' || c == '_') continue;
    m = (m << 1) | (c == letter ? 1u : 0u);
  }
  return m;
}

// Gathers the bits selected by `mask` into the low bits of the result, keeping their order.
constexpr std::uint32_t gather(std::uint32_t value, std::uint32_t mask) {
  if (mask == 0) return 0;
  const unsigned low = std::countr_zero(mask);
  const std::uint32_t shifted = mask >> low;
  if ((shifted & (shifted + 1)) == 0) return (value >> low) & shifted;  // contiguous
  std::uint32_t out = 0;
  unsigned pos = 0;
  for (unsigned bit = 0; bit < 32; ++bit) {
    if (mask & (1u << bit)) out |= ((value >> bit) & 1u) << pos++;
  }
  return out;
}

// gather() for a mask known at compile time: one shift-and-mask per run of adjacent bits,
// so split fields (Thumb-2's i:imm3:imm8) cost a few instructions, not a loop.
struct BitRun {
  unsigned low, width, out;  // source bit, length, destination bit
};
struct BitRuns {
  unsigned count = 0;
  std::array<BitRun, 32> runs{};
};
constexpr BitRuns bit_runs(std::uint32_t mask) {
  BitRuns r;
  unsigned out = 0;
  for (unsigned bit = 0; bit < 32;) {
    if (!(mask & (1u << bit))) {
      ++bit;
      continue;
    }
    unsigned width = 0;
    while (bit + width < 32 && (mask & (1u << (bit + width)))) ++width;
    r.runs[r.count++] = {bit, width, out};
    out += width;
    bit += width;
  }
  return r;
}
template <std::uint32_t Mask>
constexpr std::uint32_t gather_fixed(std::uint32_t value) {
  constexpr BitRuns r = bit_runs(Mask);
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (
        std::uint32_t{0} | ... |
        (((value >> r.runs[I].low) & ((r.runs[I].width == 32 ? 0u : (1u << r.runs[I].width)) - 1u))
         << r.runs[I].out));
  }
  (std::make_index_sequence<r.count>{});
}

template <FixedString Bits>
struct Encoding {
  static constexpr Pattern pattern = parse_pattern(Bits.view());
  static constexpr bool matches(std::uint32_t insn) { return pattern.matches(insn); }
  template <char Letter>
  static constexpr std::uint32_t field(std::uint32_t insn) {
    constexpr std::uint32_t m = field_mask(Bits.view(), Letter);
    static_assert(m != 0, "the pattern has no such field");
    return gather_fixed<m>(insn);
  }
  // Bit width of a field, e.g. to sign-extend it.
  template <char Letter>
  static constexpr unsigned field_width() {
    return std::popcount(field_mask(Bits.view(), Letter));
  }
};

// Sign-extends the low `bits` bits of `value`.
constexpr std::int32_t sign_extend(std::uint32_t value, unsigned bits) {
  const std::uint32_t m = 1u << (bits - 1);
  value &= (bits == 32) ? ~0u : ((1u << bits) - 1);
  return static_cast<std::int32_t>((value ^ m) - m);
}

// A row of an ISA's encoding table.
template <class Handler>
struct Row {
  std::string_view name;    // mnemonic and form, as the manual names it
  std::string_view manual;  // section reference, e.g. "ARMv7-M ARM A7.7.3"
  Pattern pattern;
  Handler handler;
};

template <class Handler>
constexpr Row<Handler> row(std::string_view name, std::string_view manual, std::string_view bits,
                           Handler handler) {
  return Row<Handler>{name, manual, parse_pattern(bits), handler};
}

// Two patterns are ambiguous when some encoding matches both and neither is strictly more
// specific (its fixed bits a superset of the other's and agreeing on them).
constexpr bool overlap(const Pattern& a, const Pattern& b) {
  return ((a.expect ^ b.expect) & a.mask & b.mask) == 0;
}
constexpr bool more_specific(const Pattern& a, const Pattern& b) {
  return (a.mask & b.mask) == b.mask && a.mask != b.mask;
}
constexpr bool ambiguous(const Pattern& a, const Pattern& b) {
  return overlap(a, b) && !more_specific(a, b) && !more_specific(b, a);
}

template <class Handler>
std::vector<std::pair<std::size_t, std::size_t>> ambiguous_pairs(
    std::span<const Row<Handler>> rows) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = i + 1; j < rows.size(); ++j)
      if (ambiguous(rows[i].pattern, rows[j].pattern)) out.emplace_back(i, j);
  return out;
}

// Dispatch by the top `IndexBits` bits of a `Width`-bit instruction: each bucket lists, most
// specific first, only the rows that can match in it.
template <class Handler, unsigned Width, unsigned IndexBits>
class DecodeTable {
 public:
  explicit DecodeTable(std::span<const Row<Handler>> rows) : rows_(rows.begin(), rows.end()) {
    std::stable_sort(rows_.begin(), rows_.end(), [](const auto& a, const auto& b) {
      return std::popcount(a.pattern.mask) > std::popcount(b.pattern.mask);
    });
    constexpr unsigned shift = Width - IndexBits;
    for (std::uint32_t index = 0; index < buckets_.size(); ++index) {
      const std::uint32_t top = index << shift;
      const std::uint32_t top_mask = ((1u << IndexBits) - 1) << shift;
      for (std::size_t r = 0; r < rows_.size(); ++r) {
        const Pattern& p = rows_[r].pattern;
        if (((p.expect ^ top) & p.mask & top_mask) == 0) buckets_[index].push_back(r);
      }
    }
  }

  // The most specific row matching `insn`, or null for an undefined encoding.
  const Row<Handler>* find(std::uint32_t insn) const {
    for (std::size_t r : buckets_[insn >> (Width - IndexBits)]) {
      if (rows_[r].pattern.matches(insn)) return &rows_[r];
    }
    return nullptr;
  }

 private:
  std::vector<Row<Handler>> rows_;
  std::array<std::vector<std::size_t>, (1u << IndexBits)> buckets_;
};

}  // namespace anvil::encoding
