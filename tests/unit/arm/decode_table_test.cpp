// The encoding tables (one source of truth each): no two rows ambiguous, and the 16-bit
// table's idea of UNDEFINED against the GNU disassembler's over every 16-bit encoding.
#include <bit>
#include <cstdio>
#include <set>

#include "cores/arm/alu.h"
#include "cores/arm/cortex_m_core.h"
#include "programs/gnu_undefined_thumb16.h"
#include "test_machine.h"

using namespace anvil;
using namespace anvil::arm;

namespace {
std::string describe(std::span<const ThumbRow> rows,
                     const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
  std::string out;
  for (auto [a, b] : pairs)
    out += std::string(rows[a].name) + " (" + std::string(rows[a].manual) + ") vs " +
           std::string(rows[b].name) + " (" + std::string(rows[b].manual) + ")\n";
  return out;
}
}  // namespace

TEST_CASE("no two rows of the 16-bit table are ambiguous") {
  const auto rows = thumb16_rows();
  REQUIRE(rows.size() > 70);
  const auto pairs = encoding::ambiguous_pairs(rows);
  INFO(describe(rows, pairs));
  CHECK(pairs.empty());
  for (const ThumbRow& row : rows) CHECK(row.pattern.width == 16);
}

TEST_CASE("no two rows of the 32-bit table are ambiguous") {
  const auto rows = thumb32_rows();
  const auto pairs = encoding::ambiguous_pairs(rows);
  INFO(describe(rows, pairs));
  CHECK(pairs.empty());
  for (const ThumbRow& row : rows) CHECK(row.pattern.width == 32);
}

TEST_CASE(
    "the 16-bit table defines exactly the encodings GNU objdump defines, except other "
    "architectures' encodings") {
  const std::set<std::uint16_t> gnu_undefined(std::begin(kGnuUndefinedThumb16),
                                              std::end(kGnuUndefinedThumb16));
  encoding::DecodeTable<ThumbHandler, 16, 6> table(thumb16_rows());
  std::vector<std::uint32_t> disagreements;
  for (std::uint32_t insn = 0; insn < 0xE800; ++insn) {
    const bool ours = table.find(insn) == nullptr;
    bool theirs = gnu_undefined.count(static_cast<std::uint16_t>(insn)) != 0;
    // GNU also decodes encodings of other architectures that ARMv7-M leaves UNDEFINED
    // (A5.2.5): HLT (ARMv8), SETPAN (ARMv8.1-A) and SETEND (ARMv6 A/R profiles).
    if ((insn & 0xFFC0) == 0xBA80 || (insn & 0xFFF7) == 0xB610 || (insn & 0xFFF7) == 0xB650)
      theirs = true;
    if (ours != theirs) disagreements.push_back(insn);
  }
  std::string listing;
  char hex[8];
  for (std::size_t i = 0; i < disagreements.size() && i < 64; ++i) {
    std::snprintf(hex, sizeof hex, "%04X ", disagreements[i]);
    listing += hex;
  }
  INFO(disagreements.size() << " disagreements, the first: " << listing);
  CHECK(disagreements.empty());
}

TEST_CASE("bit_count counts set bits as std::popcount does") {
  std::uint32_t v = 0x12345678;
  for (int i = 0; i < 10000; ++i) {
    v = v * 1664525u + 1013904223u;  // Numerical Recipes' LCG: varied bit patterns
    const std::uint32_t sparse = v & (v >> 7);
    CHECK(anvil::arm::bit_count(v) == static_cast<unsigned>(std::popcount(v)));
    CHECK(anvil::arm::bit_count(sparse) == static_cast<unsigned>(std::popcount(sparse)));
  }
  CHECK(anvil::arm::bit_count(0) == 0);
  CHECK(anvil::arm::bit_count(0xFFFFFFFFu) == 32);
}
