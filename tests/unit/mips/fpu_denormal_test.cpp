// Denormal operands and results. On the 24Kf in system mode, against the 24K SUM's rules
// (FCSR.FS = 0: Unimplemented Operation; FS = 1: flush to zero with Underflow and Inexact);
// in Linux user mode, where the kernel's FPU emulator completes the operation, against the
// host's IEEE 754 results, on the 24Kf and on the FPU-less 4Kc and R3000 (the emulator runs
// every CP1 instruction there).
#include <bit>
#include <cfloat>

#include "mips_test_machine.h"
#include "programs/fpu_denormal_eb.h"
#include "programs/fpu_denormal_el.h"
#include "programs/user_denormal_eb.h"
#include "programs/user_denormal_el.h"

namespace mips_test {

namespace {

constexpr std::uint32_t kSentinel = 0x12345678;
constexpr std::uint32_t kCauseE = 1u << 17;
constexpr std::uint32_t kFlushToZero = 1u << 24;
// Cause bits 13 (U) and 12 (I), flag bits 3 and 2.
constexpr std::uint32_t kUnderflowInexact = (3u << 12) | (3u << 2);
constexpr std::uint32_t kInexact = (1u << 12) | (1u << 2);

template <class P>
void check_system_mode(std::endian order) {
  Machine m("24kf", order);
  m.load(P::kImage);
  REQUIRE(m.run_to(P::done));
  const auto word = [&](unsigned i) { return m.word(P::results + 4 * i); };
  CHECK(word(0) == kSentinel);           // the denormal operand trapped
  CHECK(((word(1) >> 2) & 0x1F) == 15);  // Cause.ExcCode FPE
  CHECK(word(2) == kCauseE);
  CHECK(word(3) == kSentinel);  // the tiny result trapped
  CHECK(word(4) == kCauseE);
  CHECK(word(5) == 0x3F800000);    // FS = 1: 0 + 1.0
  CHECK(word(6) == kFlushToZero);  // exact: no cause, no flag
  CHECK(word(7) == 0);             // 2^-127 flushed to +0
  CHECK(word(8) == (kFlushToZero | kUnderflowInexact));
  CHECK(word(9) == 0x80000000);  // the sign of a flushed operand stays
  CHECK(word(10) == 0);          // CVT.D.S of a flushed denormal: +0.0
  CHECK(word(11) == 0);
  CHECK(word(12) == kSentinel);  // CVT.D.S of a denormal, FS = 0: trapped
  CHECK(word(13) == kCauseE);
  CHECK(word(14) == 0x3FC00000);  // normal numbers still work
}

template <class P>
void check_user_mode(const std::string& model, std::endian order) {
  Machine m(model, order, true);
  m.load_user(P::kImage);
  REQUIRE(m.run_to(P::done));
  const auto word = [&](unsigned i) { return m.word(P::results + 4 * i); };
  // The host's IEEE 754 arithmetic is the reference.
  volatile float denormal = std::bit_cast<float>(0x00000001u), one = 1.0f;
  volatile float smallest = FLT_MIN, half = 0.5f;
  volatile double denormal_double = std::bit_cast<double>(std::uint64_t{1}), tiny = 1e-40;
  const float sum = denormal + one, product = smallest * half;
  const double tripled = denormal_double * 3.0, widened = denormal;
  const float narrowed = static_cast<float>(tiny);
  CHECK(word(0) == std::bit_cast<std::uint32_t>(sum));
  CHECK(word(1) == kInexact);
  CHECK(word(2) == std::bit_cast<std::uint32_t>(product));
  CHECK(word(2) == 0x00400000);
  CHECK(word(3) == 0);
  CHECK(((std::uint64_t{word(4)} << 32) | word(5)) == std::bit_cast<std::uint64_t>(tripled));
  CHECK(((std::uint64_t{word(6)} << 32) | word(7)) == std::bit_cast<std::uint64_t>(widened));
  CHECK(word(8) == std::bit_cast<std::uint32_t>(narrowed));
  CHECK(word(9) == kUnderflowInexact);
}

}  // namespace

TEST_CASE("24Kf denormals: FS=0 Unimplemented Operation, FS=1 flush to zero", "[mips]") {
  check_system_mode<programs::fpu_denormal_eb>(std::endian::big);
  check_system_mode<programs::fpu_denormal_el>(std::endian::little);
}

TEST_CASE("Linux user mode denormals: exact IEEE results, with or without an FPU", "[mips]") {
  const std::string model = GENERATE("24kf", "4kc", "r3000");
  INFO(model);
  check_user_mode<programs::user_denormal_eb>(model, std::endian::big);
  check_user_mode<programs::user_denormal_el>(model, std::endian::little);
}

}  // namespace mips_test
