// Differential tests against qemu-arm: programs/workload.c, built for ARM and Thumb-2 with
// hard float (Cortex-A15) and for ARMv5TE soft float (ARM926EJ-S), prints a few hundred
// results; programs/libc_hello.c runs static glibc (start-up, stdio, libm). qemu-arm's output,
// captured at build time, is the reference.
#ifdef ANVIL_ARM_A_PROGRAMS
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "programs/a32_fuzz.h"
#include "programs/el_arm.h"
#include "programs/el_thumb.h"
#include "programs/hf_arm.h"
#include "programs/hf_thumb.h"
#include "programs/libc_el.h"
#include "programs/libc_hf.h"
#include "programs/t32_fuzz.h"
#include "programs/vfp_fuzz.h"
#include "tests/unit/arm_a/mini_kernel.h"

using namespace anvil;
using namespace anvil::arm;

namespace {

void run_against_qemu(const std::string& model, std::span<const std::uint8_t> elf,
                      std::span<const std::uint8_t> expected) {
  test::MiniKernel kernel(model);
  kernel.start(elf);
  kernel.run();
  INFO(kernel.fault);
  REQUIRE(kernel.exited);
  CHECK(kernel.exit_code == 0);
  const std::string want(expected.begin(), expected.end());
  // Compare line by line so a failure names the first differing result.
  std::size_t line = 0, a = 0, b = 0;
  while (a < kernel.output.size() && b < want.size()) {
    const std::size_t ea = kernel.output.find('\n', a), eb = want.find('\n', b);
    INFO("line " << line);
    REQUIRE(kernel.output.substr(a, ea - a) == want.substr(b, eb - b));
    if (ea == std::string::npos || eb == std::string::npos) break;
    a = ea + 1, b = eb + 1, ++line;
  }
  CHECK(kernel.output.size() == want.size());
}

}  // namespace

TEST_CASE("qemu differential: ARMv7-A ARM state, VFPv3 hard float (cortex-a15)") {
  run_against_qemu("cortex-a15", programs::hf_arm::kElf, programs::hf_arm::kExpected);
}

TEST_CASE("qemu differential: ARMv7-A Thumb-2, VFPv4 fused multiply-add (cortex-a15)") {
  run_against_qemu("cortex-a15", programs::hf_thumb::kElf, programs::hf_thumb::kExpected);
}

TEST_CASE("qemu differential: ARMv5TE ARM state, soft float (arm926ej-s)") {
  run_against_qemu("arm926ej-s", programs::el_arm::kElf, programs::el_arm::kExpected);
}

TEST_CASE("qemu differential: ARMv5TE Thumb-1 with interworking (arm926ej-s)") {
  run_against_qemu("arm926ej-s", programs::el_thumb::kElf, programs::el_thumb::kExpected);
}

// Runs a fuzz program (programs/gen_*_fuzz.py) and compares its output record by record:
// `names` labels the 32-bit words of one case's record.
void compare_fuzz(std::span<const std::uint8_t> elf, std::span<const std::uint8_t> want,
                  const std::vector<std::string>& names) {
  test::MiniKernel kernel("cortex-a15");
  kernel.start(elf);
  kernel.run();
  INFO(kernel.fault);
  REQUIRE(kernel.exited);
  REQUIRE(kernel.output.size() == want.size());
  for (std::size_t word = 0; word < want.size() / 4; ++word) {
    std::uint32_t got = 0, expected = 0;
    std::memcpy(&got, kernel.output.data() + 4 * word, 4);
    std::memcpy(&expected, want.data() + 4 * word, 4);
    INFO("case " << word / names.size() << " " << names[word % names.size()]);
    REQUIRE(got == expected);
  }
}

// What the integer fuzz programs record per case.
std::vector<std::string> integer_record() {
  std::vector<std::string> names;
  for (int n = 0; n < 13; ++n) names.push_back("r" + std::to_string(n));
  names.push_back("APSR");
  for (int n = 0; n < 16; ++n) names.push_back("buffer word " + std::to_string(n));
  return names;
}

// 3000 random A32 instructions, each with random r0-r12, flags and a 64-byte buffer that the
// loads and stores address; r0-r12, the APSR and the buffer after.
TEST_CASE("qemu differential: random A32 data processing, multiply, DSP, media, loads/stores") {
  compare_fuzz(programs::a32_fuzz::kElf, programs::a32_fuzz::kExpected, integer_record());
}

// 3000 random Thumb-2 instructions and IT blocks (assembled from text templates), records as
// for A32: the shared Thumb-2 handlers as the A-profile core decodes and runs them.
TEST_CASE("qemu differential: random Thumb-2 instructions and IT blocks (cortex-a15)") {
  compare_fuzz(programs::t32_fuzz::kElf, programs::t32_fuzz::kExpected, integer_record());
}

// 3000 random VFP instructions on special values under random RMode/FZ/DN; D0-D7 and the
// FPSCR (with its cumulative flags) after.
TEST_CASE("qemu differential: random VFP arithmetic, compares and conversions (cortex-a15)") {
  std::vector<std::string> names;
  for (int n = 0; n < 16; ++n)
    names.push_back("d" + std::to_string(n / 2) + (n % 2 ? " high" : " low"));
  names.push_back("FPSCR");
  compare_fuzz(programs::vfp_fuzz::kElf, programs::vfp_fuzz::kExpected, names);
}

TEST_CASE("qemu differential: static glibc, armhf defaults (Thumb-2, VFPv3-D16) on cortex-a15") {
  run_against_qemu("cortex-a15", programs::libc_hf::kElf, programs::libc_hf::kExpected);
}

TEST_CASE("qemu differential: static glibc, armel defaults (ARMv5TE, soft float) on arm926ej-s") {
  run_against_qemu("arm926ej-s", programs::libc_el::kElf, programs::libc_el::kExpected);
}
#endif
