// VFP results and FPSCR behaviour as the ARMv7-A ARM states them (A2.7: rounding modes,
// flush-to-zero, default NaN and NaN propagation, cumulative exception flags; A8.8.306 VCVT),
// with IEEE 754 values worked out by hand in the comments.
#include <catch2/catch.hpp>

#include "programs/system.h"
#include "tests/unit/arm_a/test_machine.h"

using namespace anvil;
using namespace anvil::arm;
namespace p = programs::system;
using namespace arm_a_register;

namespace {

constexpr std::uint32_t kIoc = 1, kDzc = 2, kOfc = 4, kUfc = 8, kIxc = 16, kIdc = 128;
constexpr std::uint32_t kFz = 1u << 24, kDn = 1u << 25;
constexpr std::uint32_t kRoundPlus = 1u << 22, kRoundMinus = 2u << 22, kRoundZero = 3u << 22;
constexpr std::uint32_t kUndefinedVector = 0x04;

struct VfpMachine : test::Machine {
  explicit VfpMachine(const std::string& model = "cortex-a15") : Machine(model) {
    load(p::kImage);
    set(kSp, 0x8000);
    REQUIRE(run(p::vfp_enable, p::vfp_enable_end, 100));
  }
  std::uint32_t s(unsigned n) const {
    const std::uint64_t d = r(kD0 + n / 2);
    return static_cast<std::uint32_t>(d >> (32 * (n % 2)));
  }
  void set_s(unsigned n, std::uint32_t v) {
    std::uint64_t d = r(kD0 + n / 2);
    const unsigned shift = 32 * (n % 2);
    d = (d & ~(std::uint64_t{0xFFFFFFFF} << shift)) | (std::uint64_t{v} << shift);
    set(kD0 + n / 2, d);
  }
  // VADD.F32 s2, s0, s1 under `fpscr`; returns s2, leaves the FPSCR to read.
  std::uint32_t add(std::uint32_t a, std::uint32_t b, std::uint32_t fpscr = 0) {
    set_s(0, a);
    set_s(1, b);
    set(kFpscr, fpscr);
    REQUIRE(run(p::vfp_add_single, p::vfp_add_single_end, 10));
    return s(2);
  }
  std::uint32_t flags() const { return static_cast<std::uint32_t>(r(kFpscr)) & 0x9F; }
};

}  // namespace

TEST_CASE("VFP is UNDEFINED until CPACR and FPEXC.EN enable it (B4.1.40, B6.1.?)") {
  test::Machine m;
  m.load(p::kImage);
  m.set(kPc, p::vfp_add_single);
  m.core->step();
  CHECK(m.r(kPc) == kUndefinedVector);
}

TEST_CASE("VADD.F32 rounds by FPSCR.RMode: 1 + 2^-24 is a tie (A2.7.?)") {
  VfpMachine m;
  const std::uint32_t one = 0x3F800000, half_ulp = 0x33800000;
  CHECK(m.add(one, half_ulp) == one);  // nearest, ties to even
  CHECK(m.flags() == kIxc);
  CHECK(m.add(one, half_ulp, kRoundPlus) == 0x3F800001);
  CHECK(m.add(one, half_ulp, kRoundMinus) == one);
  CHECK(m.add(one, half_ulp, kRoundZero) == one);
  CHECK(m.add(0xBF800000, 0xB3800000, kRoundMinus) == 0xBF800001);  // -1 - 2^-24 toward -inf
}

TEST_CASE("flush-to-zero: denormal inputs read as zero (IDC), tiny results become zero (UFC)") {
  VfpMachine m;
  CHECK(m.add(0x00000001, 0) == 0x00000001);  // without FZ, denormals are numbers
  CHECK(m.flags() == 0);
  CHECK(m.add(0x00000001, 0, kFz) == 0);
  CHECK(m.flags() == kIdc);
  // 0x00800001 - 0x00800000 = 2^-149, exact and denormal
  CHECK(m.add(0x00800001, 0x80800000) == 0x00000001);
  CHECK(m.flags() == 0);
  CHECK(m.add(0x00800001, 0x80800000, kFz) == 0);
  CHECK(m.flags() == kUfc);
}

TEST_CASE("underflow is detected before rounding (FPRound, appendix D), not as x86 does") {
  // FPRound tests the exponent of the exact result before rounding its significand: an
  // inexact result below the normal range is an underflow even when it rounds up to the
  // smallest normal 2^-126 (0x00800000). x86-64 tests after rounding and would not flag it.
  VfpMachine m;
  const std::uint32_t min_normal = 0x00800000;
  auto mul = [&](std::uint32_t a, std::uint32_t b, std::uint32_t fpscr = 0) {
    m.set_s(0, a);
    m.set_s(1, b);
    m.set(kFpscr, fpscr);
    REQUIRE(m.run(p::vfp_mul_single, p::vfp_mul_single_end, 10));
    return m.s(2);
  };
  // (1 - 2^-24) * 2^-126: exactly halfway between the largest subnormal and 2^-126; ties to
  // even gives 2^-126, but the exact value is below it: UFC and IXC.
  CHECK(mul(0x3F7FFFFF, min_normal) == min_normal);
  CHECK(m.flags() == (kUfc | kIxc));
  // With FZ the tiny result is a zero, with UFC and without IXC.
  CHECK(mul(0x3F7FFFFF, min_normal, kFz) == 0);
  CHECK(m.flags() == kUfc);
  // (1 + 2^-23) * 2^-126 * (1 - 2^-23) = 2^-126 * (1 - 2^-46): below 2^-126 and rounding up to
  // it at any precision of 24 bits or more (what x86 rounds to before testing): UFC and IXC.
  CHECK(mul(0x3F800001, 0x007FFFFF) == min_normal);
  CHECK(m.flags() == (kUfc | kIxc));
  CHECK(mul(0xBF800001, 0x007FFFFF, kRoundMinus) == (0x80000000 | min_normal));
  CHECK(m.flags() == (kUfc | kIxc));
  // (1 - 2^-24) * 2^-126 * (1 + 2^-23) = 2^-126 * (1 + 2^-24 - 2^-47): above 2^-126, rounds
  // down to it: inexact only.
  CHECK(mul(0x3F7FFFFF, 0x00800001) == min_normal);
  CHECK(m.flags() == kIxc);
  // VFMS (one rounding): 2^-126 - 2^-149 * 2^-126 rounds to 2^-126 from below.
  m.set_s(2, min_normal);
  m.set_s(0, 0x00000001);
  m.set_s(1, min_normal);
  m.set(kFpscr, 0);
  REQUIRE(m.run(p::vfp_fms_single, p::vfp_fms_single_end, 10));
  CHECK(m.s(2) == min_normal);
  CHECK(m.flags() == (kUfc | kIxc));
}

TEST_CASE("NaNs: the first signalling NaN wins, quietened, invalid gives the default NaN") {
  VfpMachine m;
  CHECK(m.add(0x7F800000, 0xFF800000) == 0x7FC00000);  // inf - inf: default NaN, IOC
  CHECK(m.flags() == kIoc);
  CHECK(m.add(0x7F800001, 0x7FC00002) == 0x7FC00001);  // SNaN first operand
  CHECK(m.flags() == kIoc);
  CHECK(m.add(0x7FC00005, 0x7F800003) == 0x7FC00003);  // a later SNaN beats an earlier QNaN
  CHECK(m.add(0x7FC00005, 0x3F800000) == 0x7FC00005);  // a QNaN propagates, no IOC
  CHECK(m.flags() == 0);
  CHECK(m.add(0xFFC00005, 0x3F800000, kDn) == 0x7FC00000);  // FPSCR.DN
}

TEST_CASE("overflow: infinity or the largest finite number by rounding mode, OFC and IXC") {
  VfpMachine m;
  const std::uint32_t max = 0x7F7FFFFF;
  CHECK(m.add(max, max) == 0x7F800000);
  CHECK(m.flags() == (kOfc | kIxc));
  CHECK(m.add(max, max, kRoundZero) == max);
  CHECK(m.flags() == (kOfc | kIxc));
}

TEST_CASE("the cumulative flags stay set until software clears them") {
  VfpMachine m;
  m.add(0x7F800000, 0xFF800000);
  m.set_s(0, 0x3F800000);
  m.set_s(1, 0x3F800000);
  REQUIRE(m.run(p::vfp_add_single, p::vfp_add_single_end, 10));  // exact, FPSCR kept
  CHECK(m.flags() == kIoc);
}

TEST_CASE("arithmetic: VMUL VDIV VSQRT VNEG VABS VMLA VNMUL VFMA VMOV immediate") {
  VfpMachine m;
  m.set_s(16, 0x40400000);             // 3.0
  m.set_s(17, 0x3F000000);             // 0.5
  m.set_s(23, 0x3F800000);             // 1.0
  m.set(kD0, 0x4000000000000000);      // 2.0
  m.set(kD0 + 1, 0x4010000000000000);  // 4.0
  m.set(kD0 + 6, 0x3FF0000000000000);  // 1.0
  REQUIRE(m.run(p::vfp_ops, p::vfp_ops_end, 20));
  CHECK(m.s(20) == 0x3FC00000);               // 1.5
  CHECK(m.r(kD0 + 2) == 0x3FE0000000000000);  // 0.5
  CHECK(m.r(kD0 + 3) == 0x3FF6A09E667F3BCD);  // sqrt(2) rounded to nearest
  CHECK(m.s(21) == 0xC0400000);               // -3.0
  CHECK(m.s(22) == 0x40400000);               // 3.0
  CHECK(m.s(23) == 0x40200000);               // 1.0 + 1.5
  CHECK(m.s(24) == 0xBFC00000);               // -(1.5)
  CHECK(m.r(kD0 + 6) == 0x4022000000000000);  // 1 + 2 * 4 = 9
  CHECK(m.s(25) == 0xBFC00000);               // VFPExpandImm(-1.5)
  CHECK(m.r(kD0 + 7) == 0x3FC0000000000000);  // 0.125
  CHECK((m.r(kFpscr) & 0x9F) == kIxc);        // only sqrt(2) was inexact
}

TEST_CASE("VCMP sets FPSCR.NZCV, VMRS copies it to the APSR, VCMPE signals on NaN (A8.8.312)") {
  VfpMachine m;
  m.set_s(16, 0x3F800000);  // 1.0
  m.set_s(17, 0x40000000);  // 2.0
  REQUIRE(m.run(p::vfp_compare, p::vfp_compare_end, 10));
  CHECK(m.r(0) >> 28 == 0x8);  // less than
  CHECK(m.r(1) >> 28 == 0x2);  // greater than zero
  m.set(kFpscr, 0);
  m.set_s(16, 0x7FC00000);
  REQUIRE(m.run(p::vfp_compare, p::vfp_compare_end, 10));
  CHECK(m.r(0) >> 28 == 0x3);   // unordered
  CHECK((m.r(1) & kIoc) != 0);  // VCMPE with a quiet NaN is invalid
}

TEST_CASE("VCVT: toward zero, VCVTR by FPSCR, saturation, fixed point, precision (A8.8.306-310)") {
  VfpMachine m;
  m.set_s(0, 0x40600000);  // 3.5
  m.set_s(1, 0xFFFFFFFF);
  m.set(2, 0x11111111);
  m.set(3, 0x22222222);
  REQUIRE(m.run(p::vfp_convert, p::vfp_convert_end, 20));
  CHECK(m.s(2) == 3);
  CHECK(m.s(3) == 4);  // ties to even
  CHECK(m.r(kD0 + 2) == 0x400C000000000000);
  CHECK(m.s(6) == 0x40600000);
  CHECK(m.s(7) == 0x4F800000);  // 4294967295 rounds to 2^32
  CHECK(m.s(8) == 0x38000);     // 3.5 * 2^16
  CHECK(m.r(0) == 0);
  CHECK(m.r(1) == 0x400C0000);
  CHECK(m.s(9) == 0x11111111);
  CHECK(m.s(21) == 0x22222222);
  m.set_s(0, 0x501502F9);  // 1e10: saturates
  m.set(kFpscr, 0);
  REQUIRE(m.run(p::vfp_convert, p::vfp_convert + 4, 10));
  CHECK(m.s(2) == 0x7FFFFFFF);
  CHECK((m.r(kFpscr) & 0x9F) == kIoc);
  m.set_s(0, 0x7FC00000);  // NaN: 0
  REQUIRE(m.run(p::vfp_convert, p::vfp_convert + 4, 10));
  CHECK(m.s(2) == 0);
  m.set_s(0, 0xC0600000);  // -3.5 with round toward plus infinity: -3
  m.set(kFpscr, kRoundPlus);
  REQUIRE(m.run(p::vfp_convert + 4, p::vfp_convert + 8, 10));
  CHECK(m.s(3) == static_cast<std::uint32_t>(-3));
}

TEST_CASE("VFPv2 has 16 D registers: D16-D31 are UNDEFINED on ARM1176, there on Cortex-A15") {
  VfpMachine a15;
  a15.set(kD0, 0x0123456789ABCDEF);
  REQUIRE(a15.run(p::vfp_high_register, p::vfp_high_register_end, 10));
  CHECK(a15.r(kD0 + 16) == 0x0123456789ABCDEF);
  VfpMachine arm1176("arm1176");
  arm1176.set(kPc, p::vfp_high_register);
  arm1176.core->step();
  CHECK(arm1176.r(kPc) == kUndefinedVector);
  CHECK(arm1176.core->register_info().size() == kD0 + 16);
}

TEST_CASE("VLDR VSTR VPUSH VPOP VLDM VSTM move words in address order") {
  VfpMachine m;
  m.set(kD0, 0x1111111122222222);
  m.set(kD0 + 1, 0x3333333344444444);
  m.set(0, 0x20000);
  REQUIRE(m.run(p::vfp_memory, p::vfp_memory_end, 20));
  CHECK(m.word(0x20000) == 0x22222222);
  CHECK(m.s(30) == 0x11111111);
  CHECK(m.r(kD0 + 2) == 0x1111111122222222);
  CHECK(m.r(kD0 + 3) == 0x3333333344444444);
  CHECK(m.r(0) == 0x20000);
  CHECK(m.r(kSp) == 0x8000);
  CHECK(m.r(kD0 + 4) == 0x1111111122222222);
  CHECK(m.r(kD0 + 5) == 0x3333333344444444);
}
