// The 32-bit Thumb encoding table as data: no ambiguous rows, every row usable.
#include <string>

#include <catch2/catch.hpp>

#include "cores/arm/cortex_m_core.h"

using namespace anvil;
using namespace anvil::arm;

TEST_CASE("no two 32-bit Thumb rows are ambiguous") {
  const auto rows = thumb32_rows();
  const auto pairs = encoding::ambiguous_pairs(rows);
  for (const auto& [a, b] : pairs) {
    UNSCOPED_INFO(std::string(rows[a].name) + " <-> " + std::string(rows[b].name));
  }
  CHECK(pairs.empty());
}

TEST_CASE("every 32-bit Thumb row has a handler, a name, a manual section and a 32-bit pattern") {
  const auto rows = thumb32_rows();
  REQUIRE(rows.size() > 200);
  for (const ThumbRow& row : rows) {
    INFO(std::string(row.name));
    CHECK(row.handler != nullptr);
    CHECK(!row.name.empty());
    CHECK(row.manual.rfind("ARMv7-M ARM A5.3.", 0) == 0);
    CHECK(row.pattern.width == 32);
    // A 32-bit encoding's first halfword starts 0b11101, 0b11110 or 0b11111 (A5.1): bits
    // 31..29 are fixed ones and the row cannot match op1 = 0b00.
    CHECK((row.pattern.mask >> 29) == 0x7);
    CHECK((row.pattern.expect >> 29) == 0x7);
    const bool op1_nonzero = ((row.pattern.mask & row.pattern.expect) >> 27 & 3) != 0;
    CHECK(op1_nonzero);
  }
}

TEST_CASE("unallocated 32-bit encodings decode to no row") {
  const encoding::DecodeTable<ThumbHandler, 32, 12> table(thumb32_rows());
  // A5.3.1: op 0101 of the modified-immediate group is unallocated.
  CHECK(table.find(0xF0A00000) == nullptr);
  // A5.3.5: SRS/RFE (op 00 and 11) are not in ARMv7-M.
  CHECK(table.find(0xE80DC000) == nullptr);
  CHECK(table.find(0xE990C000) == nullptr);
  // A5.3.7: load word with op1 = 1x is UNDEFINED.
  CHECK(table.find(0xF9501000) == nullptr);
  // A5.3.12: op1 = 0110/0111 with op2 = 1xxx is unallocated.
  CHECK(table.find(0xFA60F080) == nullptr);
  // A5.3.17: long multiply op1 = 001, op2 = 0000 is unallocated.
  CHECK(table.find(0xFB901002) == nullptr);
}
