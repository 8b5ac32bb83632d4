// The FPU's decoded handlers (cores/m68k/m68k_fpu_decoded.cpp) against the ordinary
// handlers they stand in for: programs/m68k_fpu_workload.c stepped one instruction at a time
// through fpu_execute (checked against the manuals, the host and qemu-m68k in the other
// m68k_fpu tests) and run in decoded runs of several lengths must print the same results and
// FPSR values and take the same instructions and cycles, on the 68020 with its 68882 (whose
// time the FPU instructions charge) and on the 68040 in Linux user mode.
#include <catch2/catch.hpp>

#include "tests/unit/m68k/m68k_user_harness.h"

using namespace anvil;
using namespace anvil::m68k;

#ifdef ANVIL_M68K_FPU_WORKLOAD
namespace {

struct Outcome {
  std::string output;
  std::uint64_t instructions = 0;
  Cycles cycles = 0;
};

Outcome stepped(const char* model) {
  testing::UserProgram run(model, ANVIL_M68K_FPU_WORKLOAD);
  for (std::uint64_t n = 0; n < 100'000'000 && !run.exited && !run.faulted; ++n) run.cpu->step();
  REQUIRE(run.exited);
  return {run.output, run.cpu->instruction_count(), run.cpu->cycle_count()};
}

Outcome decoded(const char* model, Cycles budget) {
  testing::UserProgram run(model, ANVIL_M68K_FPU_WORKLOAD);
  while (!run.exited && !run.faulted && run.cpu->cycle_count() < 1'000'000'000)
    run.cpu->run(budget);
  REQUIRE(run.exited);
  return {run.output, run.cpu->instruction_count(), run.cpu->cycle_count()};
}

}  // namespace

TEST_CASE("decoded FPU instructions give the results, FPSR, counts and cycles of step()",
          "[m68k][fpu][decoded]") {
  for (const char* model : {"68020", "68040"}) {
    INFO(model);
    const Outcome reference = stepped(model);
    // The program's own checks on its output: each line printed, the FPCR modes differ.
    CHECK(reference.output.find("kernel fc1ec8b5edb7098f") != std::string::npos);  // RZ
    CHECK(reference.output.find("nan+1 7fffffffffffffff") != std::string::npos);
    for (const Cycles budget : {Cycles{10'000'000}, Cycles{13}, Cycles{1}}) {
      INFO("budget " << budget);
      const Outcome run = decoded(model, budget);
      CHECK(run.output == reference.output);
      CHECK(run.instructions == reference.instructions);
      CHECK(run.cycles == reference.cycles);
    }
  }
}
#endif
