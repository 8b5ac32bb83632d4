// Every instruction of thumb32_decode_cases.inc, as GNU as encodes it (see
// gen_decode_cases.py), decodes to the expected row of the 32-bit Thumb table.
#include <string_view>

#include <catch2/catch.hpp>

#include "cores/arm/cortex_m_core.h"

using namespace anvil;
using namespace anvil::arm;

namespace {
struct DecodeCase {
  std::string_view assembly;
  std::uint32_t encoding;
  std::string_view row;
};
constexpr DecodeCase kCases[] = {
#include "tests/unit/thumb32/thumb32_decode_cases.inc"
};
}  // namespace

TEST_CASE("assembled instructions decode to their rows") {
  const encoding::DecodeTable<ThumbHandler, 32, 12> table(thumb32_rows());
  for (const DecodeCase& c : kCases) {
    INFO(std::string(c.assembly));
    const ThumbRow* row = table.find(c.encoding);
    REQUIRE(row != nullptr);
    CHECK(row->name == c.row);
  }
}
