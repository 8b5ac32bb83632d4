// The 68000 suite of `anvil vectors` (platforms/vectors/vector_suite.h): SingleStepTests
// 68000 files (format in ../shared/vectors/README.md), each test checked for its final state,
// its total cycle count ("cycles") and its bus-cycle sequence ("bus").
#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <string_view>

#include "platforms/vectors/vector_suite.h"

namespace anvil::m68k {

anvil::vectors::VectorSuite m68000_vector_suite();

// For debugging a core change: runs the tests whose name contains `filter` (empty: the
// failing ones) and prints, for each, the expected and the produced bus cycles side by side
// with the first state difference. Filter "!ae": failing tests without an address error;
// "ae-pc": one line per address-error test with the stacked PC expected and produced.
void trace_m68000_vectors(std::span<const std::uint8_t> data, std::string_view filter,
                          std::size_t max_tests, std::ostream& out);

}  // namespace anvil::m68k
