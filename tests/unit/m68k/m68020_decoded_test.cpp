// The 68020+ decoded runs (cores/m68k/m68020_decoded_run.cpp) against the per-instruction
// path they replace: step() runs every instruction through its ordinary handler with the
// look-ahead queue, which the qemu-m68k comparisons in m68020_test.cpp check. Running the
// same program through run() (decoded runs, with budgets that end them anywhere) must give
// the same output, instruction count and cycle count.
#include <catch2/catch.hpp>

#include "tests/unit/m68k/m68k_user_harness.h"

using namespace anvil;
using namespace anvil::m68k;

namespace {

struct Outcome {
  std::string output;
  int exit_status = -1;
  std::uint64_t instructions = 0;
  Cycles cycles = 0;
};

Outcome stepped(const char* model, const char* program) {
  testing::UserProgram run(model, program);
  for (std::uint64_t n = 0; n < 200'000'000 && !run.exited && !run.faulted; ++n) run.cpu->step();
  REQUIRE(run.exited);
  return {run.output, run.exit_status, run.cpu->instruction_count(), run.cpu->cycle_count()};
}

// run() in slices of `budget` cycles, so decoded runs end at many different places.
Outcome decoded(const char* model, const char* program, Cycles budget) {
  testing::UserProgram run(model, program);
  while (!run.exited && !run.faulted && run.cpu->cycle_count() < 2'000'000'000)
    run.cpu->run(budget);
  REQUIRE(run.exited);
  return {run.output, run.exit_status, run.cpu->instruction_count(), run.cpu->cycle_count()};
}

void same_as_stepped(const char* program) {
  for (const char* model : {"68020", "68040"}) {
    INFO(model << " " << program);
    const Outcome reference = stepped(model, program);
    for (const Cycles budget : {Cycles{1'000'000}, Cycles{7}, Cycles{1}}) {
      INFO("budget " << budget);
      const Outcome run = decoded(model, program, budget);
      CHECK(run.output == reference.output);
      CHECK(run.exit_status == reference.exit_status);
      CHECK(run.instructions == reference.instructions);
      CHECK(run.cycles == reference.cycles);
    }
  }
}

}  // namespace

#ifdef ANVIL_M68020_FUZZ
TEST_CASE("decoded runs give the operand sweep's output, instructions and cycles of step()",
          "[m68k][68020][decoded]") {
  same_as_stepped(ANVIL_M68020_FUZZ);
}

TEST_CASE("decoded runs give the workload's output, instructions and cycles of step()",
          "[m68k][68020][decoded]") {
  same_as_stepped(ANVIL_M68020_WORKLOAD);
}

TEST_CASE("decoded runs give the 68020 checks' output, instructions and cycles of step()",
          "[m68k][68020][decoded]") {
  same_as_stepped(ANVIL_M68020_CHECKS);
}
#endif
