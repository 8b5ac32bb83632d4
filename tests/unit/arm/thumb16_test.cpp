// 16-bit Thumb instructions against the results and flags the ARMv7-M ARM's pseudocode gives
// (A2.2.1 AddWithCarry and Shift_C, A7.7 per instruction). Programs: programs/instructions.s.
#include "programs/instructions.h"
#include "test_machine.h"

using namespace arm_test;
namespace p = programs::instructions;

namespace {
Machine machine() {
  return Machine(p::kImage);
}

// Runs a one-instruction snippet with r1, r2 and the given flags; returns r0..r2 and flags.
struct Outcome {
  std::uint32_t r0, r1, flags;
};
Outcome run_op(std::uint32_t label, std::uint32_t r1, std::uint32_t r2, std::uint32_t flags = 0) {
  Machine m(p::kImage);
  m.set(1, r1);
  m.set(2, r2);
  m.set_flags(flags);
  m.run_from(label);
  return {m.reg(0), m.reg(1), m.flags()};
}
}  // namespace

TEST_CASE("reset loads SP and PC from the vector table and runs in Thread mode") {
  Machine m(p::kImage);
  CHECK(m.reg(kSp) == 0x20008000);
  CHECK(m.reg(kMsp) == 0x20008000);
  CHECK(m.reg(kPc) == p::reset);
  CHECK((m.reg(kXpsr) & (1u << 24)) != 0);  // T bit from bit 0 of the vector
  CHECK((m.reg(kXpsr) & 0x1FF) == 0);       // Thread mode
  m.run_to_halt();
  CHECK(m.reg(0) == 42);
  CHECK(m.reg(kPc) == p::reset_done);  // halted at the BKPT
  CHECK(m.core->instruction_count() == 2);
}

TEST_CASE("a reset vector without the Thumb bit faults (INVSTATE) into HardFault") {
  std::vector<std::uint8_t> image(std::begin(p::kImage), std::end(p::kImage));
  const std::uint32_t arm_state_entry = p::reset;  // bit 0 clear
  std::memcpy(&image[4], &arm_state_entry, 4);
  Machine m(image);
  CHECK(m.reg(kPc) == p::fault);
  CHECK((m.reg(kXpsr) & 0x1FF) == 3);
  CHECK(m.word(m.reg(kSp) + 24) == p::reset);          // stacked PC
  CHECK((m.word(m.reg(kSp) + 28) & (1u << 24)) == 0);  // stacked T bit clear
}

TEST_CASE("ADDS sets carry and overflow as AddWithCarry specifies") {
  auto r = run_op(p::adds_reg, 0x7FFFFFFF, 1);
  CHECK(r.r0 == 0x80000000);
  CHECK(r.flags == (kN | kV));
  r = run_op(p::adds_reg, 0xFFFFFFFF, 1);
  CHECK(r.r0 == 0);
  CHECK(r.flags == (kZ | kC));
  r = run_op(p::adds_reg, 0x80000000, 0x80000000);
  CHECK(r.r0 == 0);
  CHECK(r.flags == (kZ | kC | kV));
  r = run_op(p::adds_imm3, 0xFFFFFFFA, 0);
  CHECK(r.r0 == 1);
  CHECK(r.flags == kC);
}

TEST_CASE("SUBS and CMP set C as NOT borrow") {
  auto r = run_op(p::subs_reg, 0, 1);
  CHECK(r.r0 == 0xFFFFFFFF);
  CHECK(r.flags == kN);  // borrow: C clear
  r = run_op(p::subs_reg, 5, 5);
  CHECK(r.r0 == 0);
  CHECK(r.flags == (kZ | kC));
  r = run_op(p::subs_reg, 0x80000000, 1);
  CHECK(r.r0 == 0x7FFFFFFF);
  CHECK(r.flags == (kC | kV));
  r = run_op(p::subs_imm8, 255, 0);
  CHECK(r.r1 == 0);
  CHECK(r.flags == (kZ | kC));
  r = run_op(p::cmp_imm, 100, 0);
  CHECK(r.r1 == 100);  // CMP writes no register
  CHECK(r.flags == kN);
  r = run_op(p::cmp_reg, 0x80000000, 1);
  CHECK(r.flags == (kC | kV));
  r = run_op(p::cmn_reg, 0xFFFFFFFF, 1);
  CHECK(r.flags == (kZ | kC));
}

TEST_CASE("ADCS and SBCS use the carry flag") {
  auto r = run_op(p::adcs_reg, 0xFFFFFFFF, 0, kC);
  CHECK(r.r1 == 0);
  CHECK(r.flags == (kZ | kC));
  r = run_op(p::adcs_reg, 1, 2, 0);
  CHECK(r.r1 == 3);
  CHECK(r.flags == 0);
  r = run_op(p::sbcs_reg, 5, 3, 0);  // 5 - 3 - 1
  CHECK(r.r1 == 1);
  CHECK(r.flags == kC);
  r = run_op(p::sbcs_reg, 5, 3, kC);
  CHECK(r.r1 == 2);
}

TEST_CASE("NEGS (RSBS #0) of zero and of the most negative number") {
  auto r = run_op(p::negs, 0, 0);
  CHECK(r.r0 == 0);
  CHECK(r.flags == (kZ | kC));
  r = run_op(p::negs, 0x80000000, 0);
  CHECK(r.r0 == 0x80000000);
  CHECK(r.flags == (kN | kV));
  r = run_op(p::negs, 1, 0);
  CHECK(r.r0 == 0xFFFFFFFF);
  CHECK(r.flags == kN);
}

TEST_CASE("immediate shifts: carry out, shift by 0 keeps C, LSR/ASR #32") {
  auto r = run_op(p::lsls_imm1, 0x80000001, 0);
  CHECK(r.r0 == 2);
  CHECK(r.flags == kC);
  r = run_op(p::movs_reg, 0x80000000, 0, kC | kV);  // LSLS #0 = MOVS: C and V unchanged
  CHECK(r.r0 == 0x80000000);
  CHECK(r.flags == (kN | kC | kV));
  r = run_op(p::lsrs_32, 0x80000000, 0);
  CHECK(r.r0 == 0);
  CHECK(r.flags == (kZ | kC));
  r = run_op(p::lsrs_32, 0x7FFFFFFF, 0, kC);
  CHECK(r.r0 == 0);
  CHECK(r.flags == kZ);
  r = run_op(p::asrs_32, 0x80000000, 0);
  CHECK(r.r0 == 0xFFFFFFFF);
  CHECK(r.flags == (kN | kC));
  r = run_op(p::asrs_32, 0x40000000, 0, kC);
  CHECK(r.r0 == 0);
  CHECK(r.flags == kZ);
}

TEST_CASE("register shifts use the bottom byte of Rm, with 0, 32 and >32 edge cases") {
  auto r = run_op(p::lsls_reg, 1, 32);
  CHECK(r.r1 == 0);
  CHECK(r.flags == (kZ | kC));  // LSL #32: C = bit 0
  r = run_op(p::lsls_reg, 1, 33);
  CHECK(r.flags == kZ);                            // beyond 32: C = 0
  r = run_op(p::lsls_reg, 0x80000000, 0x100, kC);  // amount is Rm<7:0> = 0: C unchanged
  CHECK(r.r1 == 0x80000000);
  CHECK(r.flags == (kN | kC));
  r = run_op(p::lsrs_reg, 0x80000000, 32);
  CHECK(r.r1 == 0);
  CHECK(r.flags == (kZ | kC));
  r = run_op(p::asrs_reg, 0x80000000, 200);
  CHECK(r.r1 == 0xFFFFFFFF);
  CHECK(r.flags == (kN | kC));
  r = run_op(p::rors_reg, 0x80000001, 1);
  CHECK(r.r1 == 0xC0000000);
  CHECK(r.flags == (kN | kC));
  r = run_op(p::rors_reg, 0x80000000, 32);  // ROR by 32: value kept, C = bit 31
  CHECK(r.r1 == 0x80000000);
  CHECK(r.flags == (kN | kC));
}

TEST_CASE("logical operations set N and Z and leave C and V alone") {
  auto r = run_op(p::ands_reg, 0xF0F0F0F0, 0x0F0F0F0F, kC | kV);
  CHECK(r.r1 == 0);
  CHECK(r.flags == (kZ | kC | kV));
  r = run_op(p::eors_reg, 0xFFFF0000, 0x0000FFFF);
  CHECK(r.r1 == 0xFFFFFFFF);
  CHECK(r.flags == kN);
  r = run_op(p::orrs_reg, 0x12000000, 0x00000034);
  CHECK(r.r1 == 0x12000034);
  r = run_op(p::bics_reg, 0xFF, 0x0F);
  CHECK(r.r1 == 0xF0);
  r = run_op(p::mvns_reg, 0xFFFFFFFF, 0);
  CHECK(r.r0 == 0);
  CHECK(r.flags == kZ);
  r = run_op(p::tst_reg, 0x80000000, 0x80000000, kV);
  CHECK(r.flags == (kN | kV));
  r = run_op(p::muls_reg, 0x10000, 0x10000, kC | kV);  // MULS: N, Z only (A7.7.84)
  CHECK(r.r1 == 0);
  CHECK(r.flags == (kZ | kC | kV));
  r = run_op(p::movs_imm, 0, 0, kN | kC);
  CHECK(r.flags == (kZ | kC));
}

TEST_CASE("high-register ADD, MOV and CMP; ADD SP; SP-relative arithmetic") {
  Machine m = machine();
  m.set(8, 0x1000);
  m.set(1, 0x234);
  m.run_from(p::add_high);
  CHECK(m.reg(8) == 0x1234);
  CHECK(m.reg(9) == 0x1234);
  CHECK(m.reg(0) == 0x1234);

  m.set(8, 5);
  m.set(9, 7);
  m.run_from(p::cmp_high);
  CHECK(m.flags() == kN);

  m.set(kSp, 0x20001000);
  m.set(1, 0x10);
  m.run_from(p::add_sp_reg);
  CHECK(m.reg(kSp) == 0x20001010);

  m.set(kSp, 0x20004000);
  m.run_from(p::sp_arith);
  CHECK(m.reg(0) == 0x20004000 + 1020);
  CHECK(m.reg(kSp) == 0x20004000 - 508 + 4);
}

TEST_CASE("extends and byte reversals") {
  Machine m = machine();
  m.set(1, 0x12348687);
  m.run_from(p::extend);
  CHECK(m.reg(0) == 0xFFFF8687);
  CHECK(m.reg(2) == 0xFFFFFF87);
  CHECK(m.reg(3) == 0x00008687);
  CHECK(m.reg(4) == 0x00000087);
  m.set(1, 0x11223380);
  m.run_from(p::reverse);
  CHECK(m.reg(0) == 0x80332211);
  CHECK(m.reg(2) == 0x22118033);
  CHECK(m.reg(3) == 0xFFFF8033);
}

TEST_CASE("ADR and LDR (literal) use Align(PC, 4)") {
  Machine m = machine();
  m.run_from(p::adr_ldr_literal);
  CHECK(m.reg(0) == p::literal_word);
  CHECK(m.reg(1) == 0xCAFEF00D);
}

TEST_CASE("IT blocks execute the then/else instructions by condition") {
  Machine m = machine();
  m.set(0, 1);
  m.run_from(p::it_ite);
  CHECK(m.reg(1) == 1);
  m.set(0, 2);
  m.run_from(p::it_ite);
  CHECK(m.reg(1) == 2);
  CHECK((m.reg(kXpsr) & 0x0600FC00) == 0);  // IT state finished

  m.set(0, 0x80000000);
  m.set(1, 0x10);
  m.run_from(p::it_no_flags);
  CHECK(m.reg(2) == 0x80000010);
  CHECK(m.reg(3) == 0x80000001);
  CHECK(m.flags() == (kZ | kC));  // from the CMP only

  for (std::uint32_t value : {6u, 5u}) {
    m.set(0, value);
    for (unsigned r = 1; r <= 4; ++r) m.set(r, 0);
    m.run_from(p::it_four);
    const bool gt = value > 5;
    CHECK(m.reg(1) == (gt ? 1u : 0u));
    CHECK(m.reg(2) == (gt ? 0u : 1u));
    CHECK(m.reg(3) == (gt ? 1u : 0u));
    CHECK(m.reg(4) == (gt ? 0u : 1u));
  }
}

TEST_CASE("loads and stores of every width, sign-extending where asked") {
  Machine m = machine();
  m.set(0, 0x8485FF86);
  m.set(1, 0x20000100);
  m.run_from(p::ldst);
  CHECK(m.reg(2) == 0x8485FF86);
  CHECK(m.reg(3) == 0xFF86);
  CHECK(m.reg(4) == 0x86);
  CHECK(m.reg(5) == 0xFFFFFF86);  // LDRSH
  CHECK(m.reg(6) == 0xFFFFFF86);  // LDRSB
  CHECK(m.word(0x20000104) == 0x8485FF86);

  m.set(0, 0x11223344);
  m.set(1, 0x20000200);
  m.set(2, 8);
  m.run_from(p::ldst_reg);
  CHECK(m.reg(3) == 0x11223344);
  CHECK(m.reg(4) == 0x3344);
  CHECK(m.reg(5) == 0x44);

  m.set(kSp, 0x20003000);
  m.set(0, 0xABCD);
  m.run_from(p::ldst_sp);
  CHECK(m.reg(1) == 0xABCD);
  CHECK(m.word(0x20003008) == 0xABCD);
}

TEST_CASE("unaligned LDR is allowed; unaligned LDM is a UsageFault that escalates") {
  Machine m = machine();
  m.poke(0x20000300, 0x44332211);
  m.poke(0x20000304, 0x88776655);
  m.set(1, 0x20000301);
  m.run_from(p::ldr_unaligned);
  CHECK(m.reg(0) == 0x55443322);

  m.set(1, 0x20000302);
  m.run_from(p::ldm_unaligned);
  CHECK(m.reg(kPc) == p::fault);                       // HardFault handler's BKPT
  CHECK((m.reg(kXpsr) & 0x1FF) == 3);                  // HardFault
  CHECK(m.word(m.reg(kSp) + 24) == p::ldm_unaligned);  // stacked PC: the LDM
}

TEST_CASE("PUSH, POP, STM and LDM move registers in ascending order with writeback") {
  Machine m = machine();
  m.set(kSp, 0x20002000);
  m.set(0, 10);
  m.set(1, 11);
  m.set(2, 12);
  m.set(kLr, 0x1235);
  m.run_from(p::push_pop);
  CHECK(m.reg(3) == 10);
  CHECK(m.reg(4) == 11);
  CHECK(m.reg(5) == 12);
  CHECK(m.reg(6) == 0x1235);
  CHECK(m.reg(kSp) == 0x20002000);
  CHECK(m.word(0x20002000 - 16) == 10);
  CHECK(m.word(0x20002000 - 4) == 0x1235);

  m.set(0, 0x20000400);
  m.set(1, 1);
  m.set(2, 2);
  m.set(3, 3);
  m.run_from(p::stm_ldm);
  CHECK(m.reg(0) == 0x2000040C);
  CHECK(m.reg(4) == 1);
  CHECK(m.reg(5) == 2);
  CHECK(m.reg(6) == 3);

  m.set(0, 0x20000400);
  m.run_from(p::ldm_base_in_list);  // Rn in the list: loaded value, no writeback
  CHECK(m.reg(0) == 1);
  CHECK(m.reg(1) == 2);
}

TEST_CASE("branches: B, B<c>, CBZ/CBNZ, BLX/BX, POP {pc}, MOV pc") {
  Machine m = machine();
  m.run_from(p::branches);
  CHECK(m.reg(0) == 1);

  m.set(2, p::callee | 1);
  m.run_from(p::blx_bx);
  CHECK(m.reg(0) == 77);
  CHECK(m.reg(kLr) == (p::blx_return | 1));
  CHECK(m.reg(kPc) == p::blx_return);

  m.set(kSp, 0x20002000);
  m.set(2, p::pop_pc_target | 1);
  m.run_from(p::pop_pc);
  CHECK(m.reg(0) == 55);
  CHECK(m.reg(kSp) == 0x20002000);

  m.set(2, p::pop_pc_target);  // MOV pc ignores bit 0 (ALUWritePC = BranchWritePC)
  m.set(0, 0);
  m.run_from(p::mov_pc);
  CHECK(m.reg(0) == 55);
}

TEST_CASE("BX to an address with bit 0 clear faults with INVSTATE at the target") {
  Machine m = machine();
  m.set(2, p::callee);  // no Thumb bit
  m.run_from(p::blx_bx);
  CHECK(m.reg(kPc) == p::fault);
  CHECK(m.word(m.reg(kSp) + 24) == p::callee);         // stacked return address
  CHECK((m.word(m.reg(kSp) + 28) & (1u << 24)) == 0);  // stacked T bit clear
}

TEST_CASE("hints execute; WFE with the event register set does not sleep") {
  Machine m = machine();
  m.run_from(p::hints);
  CHECK(m.reg(0) == 1);
  CHECK(m.core->state() == CoreState::Stopped);
}

namespace {
class RecordingSemihosting : public SemihostingHandler {
 public:
  std::uint32_t op = 0, param = 0;
  std::uint32_t call(Core&, std::uint32_t o, std::uint32_t p) override {
    op = o;
    param = p;
    return 0x1234;
  }
};
}  // namespace

TEST_CASE("BKPT 0xAB calls semihosting when configured and halts otherwise") {
  RecordingSemihosting host;
  arm::CortexMConfig config;
  config.semihosting = &host;
  Machine m(p::kImage, config);
  m.set(0, 0x04);
  m.set(1, 0x20000000);
  m.run_from(p::semihost);
  CHECK(host.op == 0x04);
  CHECK(host.param == 0x20000000);
  CHECK(m.reg(0) == 0x1234);
  CHECK(m.reg(kPc) == p::semihost + 2);  // continued to the next BKPT

  Machine plain(p::kImage);
  plain.run_from(p::semihost);
  CHECK(plain.reg(kPc) == p::semihost);  // halted at the BKPT itself
}

TEST_CASE("a store over already-decoded code runs the new instruction") {
  Machine m = machine();
  m.set(5, p::patch_site | 1);
  m.set(4, p::patch_site);
  m.set(1, 0x2209);  // MOVS r2, #9 (A7.7.75 T1: 00100 010 00001001)
  m.run_from(p::smc);
  CHECK(m.reg(3) == 1);  // the original instruction ran first
  CHECK(m.reg(2) == 9);  // then the patched one
}

TEST_CASE("cycle counts follow the Cortex-M3 TRM instruction timing table") {
  Machine m = machine();
  m.set(kSp, 0x20002000);
  m.set(2, 0x20000500);
  // MOVS 1, ADDS 1, LDR 2, STR 1, B 1+P(2), PUSH 1+4, POP 1+3, CMP 1, BEQ not taken 1,
  // CBNZ taken 1+P, MULS 1, BKPT 1.
  const Cycles expected = 1 + 1 + 2 + 1 + 3 + 5 + 4 + 1 + 1 + 3 + 1 + 1;
  CHECK(m.run_from(p::timing) == expected);
  CHECK(m.core->cycle_count() == expected);
}

TEST_CASE("code in wait-stated memory without DMI pays its wait states on every fetch") {
  Machine m = machine();
  // MOVS r0,#1 ; ADDS r0,#1 ; BKPT  at 0x60000000 (3 wait states per access)
  const std::uint16_t code[] = {0x2001, 0x3001, 0xBE00};
  REQUIRE(m.port.debug_write(0x60000000, code, sizeof code) == sizeof code);
  const Cycles first = m.run_from(0x60000000);
  CHECK(m.reg(0) == 2);
  CHECK(first == 3 + 3 * 3);
  CHECK(m.run_from(0x60000000) == first);
}

TEST_CASE("code at an address the bus remapped to other memory is decoded again") {
  Machine m = machine();
  const std::uint16_t first[] = {0x2001, 0xBE00};  // MOVS r0,#1 ; BKPT
  REQUIRE(m.port.debug_write(0x3000, first, sizeof first) == sizeof first);
  m.run_from(0x3000);
  REQUIRE(m.reg(0) == 1);
  // The bus now maps other memory there (a boot remap): DMI hands out a new page.
  std::vector<std::uint8_t> other(MemoryPort::kPageSize, 0);
  const std::uint16_t second[] = {0x2002, 0xBE00};  // MOVS r0,#2 ; BKPT
  std::memcpy(other.data(), second, sizeof second);
  m.port.unmap_range(0x3000, 0x3FFF);
  m.port.map_page(0x3000, other.data(), true);
  m.run_from(0x3000);
  CHECK(m.reg(0) == 2);
}
