// Exception entry on MIPS32 (MIPS32 PRA 6.2): Cause.ExcCode/BD/CE, EPC and BadVAddr for each
// synchronous exception, a fault in a branch delay slot, the Count/Compare timer interrupt
// on IP7 and a hardware line on IP2; then the TLB registers through TLBWI/TLBR/TLBP.
#include "mips_test_machine.h"
#include "programs/exceptions_eb.h"
#include "programs/exceptions_el.h"

namespace mips_test {

namespace {

struct Symbols {
  std::span<const std::uint8_t> image;
  std::uint32_t done, irq_ready, log_count, overflow_result;
  std::uint32_t syscall_insn, break_insn, load_insn, store_insn, overflow_insn, trap_insn,
      reserved_insn, fpu_insn, delay_branch;
  std::uint32_t tlb_entry_hi, tlb_entry_lo0, tlb_probe_hit, tlb_probe_miss;
};

template <class P>
Symbols symbols_of() {
  return {P::kImage,        P::done,          P::irq_ready,     P::log_count,    P::overflow_result,
          P::syscall_insn,  P::break_insn,    P::load_insn,     P::store_insn,   P::overflow_insn,
          P::trap_insn,     P::reserved_insn, P::fpu_insn,      P::delay_branch, P::tlb_entry_hi,
          P::tlb_entry_lo0, P::tlb_probe_hit, P::tlb_probe_miss};
}

struct Logged {
  std::uint32_t cause, epc, bad_vaddr;
};

void run_exceptions(const std::string& model, std::endian order, const Symbols& s) {
  Machine m(model, order);
  m.load(s.image);
  // Run to the point where the program waits for the interrupt line, raise it, finish.
  const bool waiting = m.run_to(s.irq_ready, 200000);
  INFO("pc " << std::hex << m.core->pc());
  REQUIRE(waiting);
  m.core->set_irq_line(0, true);
  for (int i = 0; i < 100 && m.word(s.log_count) < 11; ++i) m.core->step();
  m.core->set_irq_line(0, false);
  REQUIRE(m.run_to(s.done));

  REQUIRE(m.word(s.log_count) == 11);
  const auto logged = [&](unsigned n) {
    const std::uint32_t at = s.log_count + 16 * n;
    return Logged{m.word(at + 4), m.word(at + 8), m.word(at + 12)};
  };
  const auto code = [](const Logged& l) { return (l.cause >> 2) & 0x1F; };
  const auto bd = [](const Logged& l) { return l.cause >> 31; };

  // PRA Table 9-31: Sys 8, Bp 9, AdEL 4, AdES 5, Ov 12, Tr 13, RI 10, CpU 11, Int 0.
  const struct {
    unsigned code;
    std::uint32_t epc;
  } expected[] = {{8, s.syscall_insn},   {9, s.break_insn},     {4, s.load_insn},
                  {5, s.store_insn},     {12, s.overflow_insn}, {13, s.trap_insn},
                  {10, s.reserved_insn}, {11, s.fpu_insn},      {4, s.delay_branch}};
  for (unsigned n = 0; n < std::size(expected); ++n) {
    INFO("exception " << n);
    CHECK(code(logged(n)) == expected[n].code);
    CHECK(logged(n).epc == expected[n].epc);
    CHECK(bd(logged(n)) == (n == 8 ? 1u : 0u));
  }
  CHECK(logged(2).bad_vaddr == 0x80000101);
  CHECK(logged(3).bad_vaddr == 0x80000101);
  CHECK(((logged(7).cause >> 28) & 3) == 1);  // CE: coprocessor 1
  CHECK(m.word(s.overflow_result) == 77);     // the destination is not written

  const Logged timer = logged(9);
  CHECK(code(timer) == 0);
  CHECK((timer.cause & 0x8000) != 0);      // IP7
  CHECK((timer.cause & (1u << 30)) != 0);  // TI
  const Logged line = logged(10);
  CHECK(code(line) == 0);
  CHECK((line.cause & 0x0400) != 0);  // IP2 from line 0

  CHECK(m.word(s.tlb_entry_hi) == (0x00012000u | 0x42));
  CHECK(m.word(s.tlb_entry_lo0) == 0x00000ABCu);
  CHECK(m.word(s.tlb_probe_hit) == 3);
  CHECK((m.word(s.tlb_probe_miss) & 0x80000000u) != 0);  // Index.P
}

}  // namespace

TEST_CASE("MIPS32 exceptions, interrupts and TLB registers, big-endian 4Kc", "[mips]") {
  run_exceptions("4kc", std::endian::big, symbols_of<programs::exceptions_eb>());
}

TEST_CASE("MIPS32 exceptions, interrupts and TLB registers, little-endian 4Kc", "[mips]") {
  run_exceptions("4kc", std::endian::little, symbols_of<programs::exceptions_el>());
}

}  // namespace mips_test
