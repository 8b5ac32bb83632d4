// The R3000 (MIPS I) beyond the single-step vectors: the load-delay slot in a running
// program, exception entry (vector 0x80000080, EPC, Cause, the KU/IE stack pushed) and RFE
// popping it, and the TLB registers in the R3000 layout (IDT R30xx manual ch. 2, 3, 6).
#include "mips_test_machine.h"
#include "programs/r3000_eb.h"
#include "programs/r3000_el.h"

namespace mips_test {

namespace {

template <class P>
void check_r3000(std::endian order) {
  Machine m("r3000", order);
  m.load(P::kImage);
  REQUIRE(m.run_to(P::done));
  const auto result = [&](unsigned i) { return m.word(P::results + 4 * i); };
  const auto logged = [&](unsigned i) { return m.word(P::handler_log + 4 * i); };
  CHECK(result(0) == 1);     // the instruction after LW saw the old value
  CHECK(result(1) == 0x55);  // the one after that, the loaded one
  // The exception pushed KUc/IEc (0/1) to KUp/IEp: Status 0x01 became 0x04.
  CHECK(logged(0) == 0x04);
  CHECK(((logged(1) >> 2) & 0x1F) == 8);  // Cause.ExcCode: Sys
  CHECK(logged(2) == P::syscall_insn);    // EPC
  CHECK(result(2) == 0x01);               // RFE restored it
  CHECK(result(3) == 0x004000C0u);        // EntryHi: VPN and ASID 3 in bits 11:6
  CHECK(result(4) == 0x00001200u);        // EntryLo: PFN and V
  CHECK(result(5) == 0x00000500u);        // TLBP hit: index 5 in bits 13:8
  CHECK((result(6) & 0x80000000u) != 0);  // TLBP miss: P
  const std::uint32_t random = (result(7) >> 8) & 63;
  CHECK(random >= 8);
  CHECK((result(7) & ~0x3F00u) == 0);
}

}  // namespace

TEST_CASE("R3000: load delay, exception entry and RFE, TLB registers, big-endian", "[mips]") {
  check_r3000<programs::r3000_eb>(std::endian::big);
}

TEST_CASE("R3000: load delay, exception entry and RFE, TLB registers, little-endian", "[mips]") {
  check_r3000<programs::r3000_el>(std::endian::little);
}

}  // namespace mips_test
