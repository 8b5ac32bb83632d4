// The 24Kf FPU (CP1) against IEEE 754 results and the MIPS32 ISA's FCSR rules, on both byte
// orders: exact and rounded results under two rounding modes, cause and flag bits, the
// default NaN of the MIPS legacy encoding, compares and branches, conversions with the
// out-of-range default, an enabled exception, Unimplemented Operation, FR=0 and FR=1.
#include "mips_test_machine.h"
#include "programs/fpu_eb.h"
#include "programs/fpu_el.h"

namespace mips_test {

namespace {

constexpr std::uint32_t kInexactCauseAndFlag = (1u << 12) | (1u << 2);
constexpr std::uint32_t kInvalidCauseAndFlag = (1u << 16) | (1u << 6);

struct Expected {
  const char* what;
  std::uint32_t value;
};

// The 64-bit store (SDC1) puts the high word first on big-endian, second on little-endian;
// the FR=0 results are stored a word at a time, high word first.
template <class P>
void check_fpu(std::endian order) {
  Machine m("24kf", order);
  m.load(P::kImage);
  const bool finished = m.run_to(P::done);
  INFO("pc " << std::hex << m.core->pc() << " cause " << m.core->read_register(36) << " epc "
             << m.core->read_register(72) << " badvaddr " << m.core->read_register(35));
  REQUIRE(finished);
  const bool big = order == std::endian::big;
  const auto word = [&](unsigned i) { return m.word(P::results + 4 * i); };
  const auto high_low = [&](unsigned i) { return (std::uint64_t{word(i)} << 32) | word(i + 1); };
  const auto dbl = [&](unsigned i) {
    const std::uint64_t first = word(i), second = word(i + 1);
    return big ? (first << 32) | second : (second << 32) | first;
  };
  CHECK(word(0) == 0x40700000);  // 1.5 + 2.25
  CHECK(word(1) == 0);
  CHECK(high_low(2) == 0x3FD5555555555555u);  // 1/3 to nearest
  CHECK(word(4) == kInexactCauseAndFlag);
  CHECK(high_low(5) == 0x3FD5555555555556u);  // 1/3 toward +infinity
  CHECK(word(7) == 0x3FD55555);               // FR=0: the odd register of the pair
  CHECK(word(8) == 0x7FBFFFFF);               // sqrt(-1): the MIPS legacy default NaN
  CHECK(word(9) == kInvalidCauseAndFlag);
  CHECK(word(10) == 3);                          // c.lt false then true, bc1t/bc1f
  CHECK(word(11) == 2);                          // cvt.w.s 2.5, nearest even
  CHECK(word(12) == 0xFFFFFFFE);                 // trunc.w.s -2.7
  CHECK(word(13) == 0x7FFFFFFF);                 // cvt.w.s 3e9: Invalid, 2^31 - 1
  CHECK(word(14) == 0x12345678);                 // the trapping div.s left fd alone
  CHECK(((word(15) >> 2) & 0x1F) == 15);         // Cause.ExcCode FPE
  CHECK(word(16) == ((1u << 10) | (1u << 15)));  // enable and cause: divide by zero
  CHECK(word(17) == (1u << 17));                 // cause E: Unimplemented Operation
  CHECK(dbl(18) == 0x2222222211111111u);         // FR=1: a whole double in $f1
  CHECK(word(20) == 0x22222222);
  CHECK(word(21) == 7);  // madd.d 2 * 3 + 1
}

}  // namespace

TEST_CASE("24Kf FPU results, FCSR and exceptions, big-endian", "[mips]") {
  check_fpu<programs::fpu_eb>(std::endian::big);
}

TEST_CASE("24Kf FPU results, FCSR and exceptions, little-endian", "[mips]") {
  check_fpu<programs::fpu_el>(std::endian::little);
}

}  // namespace mips_test
