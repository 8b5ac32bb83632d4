// ctest driver: runs `anvil vectors --isa m68000 --require-all DIR` (the same command code) over
// the whole SingleStepTests 68000 folder and prints how long it took. Exit 77 (SKIP) when the
// folder is absent, so a machine without the vectors never reports a pass.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "cores/m68k/m68000_vectors.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: m68000_vectors_directory DIR\n";
    return 64;
  }
  const std::filesystem::path dir = argv[1];
  if (!std::filesystem::is_directory(dir)) {
    std::cout << "SKIP: no vectors at " << dir << "\n";
    return 77;
  }
  const auto start = std::chrono::steady_clock::now();
  const int status = anvil::vectors::run_vectors_command(
      {"--isa", "m68000", "--require-all", dir.string()}, {anvil::m68k::m68000_vector_suite()},
      std::cout, std::cerr);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::cout << "time: " << took.count() << " s for " << dir << "\n";
  return status;
}
