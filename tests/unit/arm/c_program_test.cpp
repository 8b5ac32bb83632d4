// A C program compiled by arm-none-eabi-gcc -O2 runs on the core, and its results equal the
// same computation run natively on the host (c_programs/workload.h). It needs the 32-bit
// Thumb-2 instructions, so it only runs when the Thumb-2 table is present.
#include "c_programs/workload.h"

#include "cores/arm/cortex_m_core.h"
#include "programs/smoke.h"
#include "test_machine.h"

using namespace arm_test;
namespace s = programs::smoke;

TEST_CASE("a gcc-compiled C program computes what the host computes, and sleeps on SysTick") {
  if (arm::thumb32_rows().empty()) {
    WARN("skipped: this build has no 32-bit Thumb-2 table");
    return;
  }
  Machine m(s::kImage);
  for (int i = 0; i < 100 && m.core->state() != CoreState::Stopped; ++i) {
    m.core->run(100000);
    if (m.core->state() == CoreState::Sleeping) m.core->advance_idle(m.core->next_internal_event());
    REQUIRE(m.core->state() != CoreState::Lockup);
  }
  REQUIRE(m.core->state() == CoreState::Stopped);
  std::uint32_t expected[6] = {};
  workload_run(expected);
  for (unsigned i = 0; i < 6; ++i) {
    INFO("result[" << i << "]");
    CHECK(m.word(s::result + 4 * i) == expected[i]);
  }
  CHECK(m.word(s::result + 24) == 5);  // SysTick ticks counted while sleeping
  CHECK(m.word(s::ticks) == 5);
}
