// Guest MIPS of the m68k core in user mode: runs a static m68k ELF (by default the loop in
// programs/m68020_loop.c) on a model and prints instructions, host seconds and MIPS.
// Usage: m68k_loop_bench [ELF] [MODEL]. Compare: time qemu-m68k -cpu m68020 ELF.
#include <chrono>
#include <cstdio>
#include <string>

#include "tests/unit/m68k/m68k_user_harness.h"

int main(int argc, char** argv) {
  const std::string elf = argc > 1 ? argv[1] : ANVIL_M68020_LOOP;
  const std::string model = argc > 2 ? argv[2] : "68020";
  try {
    anvil::m68k::testing::UserProgram program(model, elf);
    const auto start = std::chrono::steady_clock::now();
    const bool exited = program.run(~anvil::Cycles{0} >> 1);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double instructions = static_cast<double>(program.cpu->instruction_count());
    std::printf("%s on %s: %s status %d, %.0f instructions, %llu cycles, %.3f s, %.1f MIPS\n",
                elf.c_str(), model.c_str(), exited ? "exited" : "did not exit", program.exit_status,
                instructions, static_cast<unsigned long long>(program.cpu->cycle_count()), seconds,
                instructions / seconds / 1e6);
    return exited ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "m68k_loop_bench: %s\n", e.what());
    return 2;
  }
}
