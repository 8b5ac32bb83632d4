// Developer tool: m68000_vector_trace FILE [NAME-FILTER [MAX]] prints, for the failing tests
// of a SingleStepTests 68000 file (or every test matching a non-empty filter), the expected
// and the produced bus cycles side by side.
#include <cstdlib>
#include <iostream>

#include "cores/m68k/m68000_vectors.h"
#include "platforms/vectors/decompress.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: m68000_vector_trace FILE [NAME-FILTER [MAX]]\n";
    return 64;
  }
  try {
    const auto data = anvil::vectors::read_decompressed(argv[1]);
    const std::size_t max = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 3;
    anvil::m68k::trace_m68000_vectors(data, argc > 2 ? argv[2] : "", max, std::cout);
  } catch (const std::exception& e) {
    std::cerr << "m68000_vector_trace: " << e.what() << "\n";
    return 66;
  }
  return 0;
}
