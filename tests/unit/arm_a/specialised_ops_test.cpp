// The decode-time specialised ops (cores/arm/arm_a_decoded_ops.h) against the encoding
// tables' handlers, which the qemu differential tests and the fuzzing check against qemu-arm:
// the same programs run on a core with the ops and on one without, one instruction at a time,
// and after every instruction the registers, the CPSR, the FPSCR, the cycle and instruction
// counts must agree; at the end the output and the whole RAM too. Then both run at full speed
// (the run loop over decoded runs) to the same end.
#ifdef ANVIL_ARM_A_PROGRAMS
#include <catch2/catch.hpp>

#include <span>
#include <string>

#include "programs/a32_fuzz.h"
#include "programs/el_arm.h"
#include "programs/el_thumb.h"
#include "programs/hf_arm.h"
#include "programs/hf_thumb.h"
#include "programs/libc_el.h"
#include "programs/libc_hf.h"
#include "programs/t32_fuzz.h"
#include "tests/unit/arm_a/mini_kernel.h"

using namespace anvil;
using namespace anvil::arm;

namespace {

constexpr unsigned kCompared[] = {0,
                                  1,
                                  2,
                                  3,
                                  4,
                                  5,
                                  6,
                                  7,
                                  8,
                                  9,
                                  10,
                                  11,
                                  12,
                                  13,
                                  14,
                                  15,
                                  arm_a_register::kCpsr,
                                  arm_a_register::kFpscr};

void run_in_lockstep(const std::string& model, std::span<const std::uint8_t> elf) {
  test::MiniKernel ops(model, /*specialised_ops=*/true), handlers(model, false);
  ops.start(elf);
  handlers.start(elf);
  Core& a = *ops.machine.core;
  Core& b = *handlers.machine.core;
  std::uint64_t steps = 0;
  while (!ops.exited && ops.fault.empty() && steps < 20'000'000) {
    a.step();
    b.step();
    ++steps;
    for (unsigned r : kCompared) {
      if (a.read_register(r) == b.read_register(r)) continue;
      INFO("instruction " << steps << ", pc " << std::hex << b.pc() << ", register " << std::dec
                          << r);
      REQUIRE(a.read_register(r) == b.read_register(r));
    }
    if (a.cycle_count() != b.cycle_count() || a.instruction_count() != b.instruction_count()) {
      INFO("instruction " << steps << ", pc " << std::hex << b.pc());
      REQUIRE(a.cycle_count() == b.cycle_count());
      REQUIRE(a.instruction_count() == b.instruction_count());
    }
  }
  REQUIRE(ops.exited);
  CHECK(handlers.exited);
  CHECK(ops.output == handlers.output);
  CHECK(ops.machine.bus.ram == handlers.machine.bus.ram);

  // The run loop: the same end, the same counts.
  test::MiniKernel fast(model, true), slow(model, false);
  fast.start(elf);
  slow.start(elf);
  fast.run();
  slow.run();
  REQUIRE(fast.exited);
  CHECK(fast.output == slow.output);
  CHECK(fast.output == ops.output);
  CHECK(fast.machine.core->cycle_count() == slow.machine.core->cycle_count());
  CHECK(fast.machine.core->instruction_count() == slow.machine.core->instruction_count());
  CHECK(fast.machine.core->instruction_count() == a.instruction_count());
}

}  // namespace

TEST_CASE("specialised ops: ARM state workload, hard float (cortex-a15)") {
  run_in_lockstep("cortex-a15", programs::hf_arm::kElf);
}

TEST_CASE("specialised ops: Thumb-2 workload (cortex-a15)") {
  run_in_lockstep("cortex-a15", programs::hf_thumb::kElf);
}

TEST_CASE("specialised ops: ARMv5TE ARM and Thumb-1 workloads (arm926ej-s)") {
  run_in_lockstep("arm926ej-s", programs::el_arm::kElf);
  run_in_lockstep("arm926ej-s", programs::el_thumb::kElf);
}

TEST_CASE("specialised ops: random A32 and Thumb-2 instructions (cortex-a15)") {
  run_in_lockstep("cortex-a15", programs::a32_fuzz::kElf);
  run_in_lockstep("cortex-a15", programs::t32_fuzz::kElf);
}

TEST_CASE("specialised ops: static glibc start-up and stdio, armhf and armel") {
  run_in_lockstep("cortex-a15", programs::libc_hf::kElf);
  run_in_lockstep("arm926ej-s", programs::libc_el::kElf);
}
#endif
