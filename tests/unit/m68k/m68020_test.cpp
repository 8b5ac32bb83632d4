// The 68010-68040 variants of the m68k core against the PRM's stated operation and
// against qemu-m68k. Opcodes were assembled with m68k-linux-gnu-as -m68040 (shown in the
// comments). References: PRM = M68000 Family Programmer's Reference Manual; 020 UM =
// MC68020 User's Manual.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "cores/m68k/m68000.h"
#include "cores/m68k/m68000_table.h"
#include "tests/unit/m68k/m68k_test_ram.h"
#include "tests/unit/m68k/m68k_user_harness.h"

using namespace anvil;
using namespace anvil::m68k;

namespace {

using testing::handler;
using testing::kCode;
using testing::kStack;

using testing::Ram;

constexpr unsigned kD0 = 0, kA0 = 8, kSr = 16, kPc = 17;

struct Machine {
  Ram ram;
  MemoryPort port{ram, std::endian::big, 32};
  std::unique_ptr<M68000> cpu;
  explicit Machine(const std::string& model) {
    ram.longword(0, kStack);  // reset vectors
    ram.longword(4, kCode);
    for (unsigned v = 2; v < 64; ++v) {
      ram.longword(v * 4, handler(v));
      ram.word(handler(v), 0x4E71);
    }
    M68000Config config;
    config.model = model;
    cpu = create_m68000(config, port);
  }
  std::uint32_t reg(unsigned i) const { return static_cast<std::uint32_t>(cpu->read_register(i)); }
  // The first call resets the CPU (SSP and PC from vectors 0 and 1), once the test wrote
  // its program; registers the test set stay (A7 becomes SSP unless set afterwards).
  void steps(unsigned n) {
    if (!booted) boot();
    for (unsigned i = 0; i < n; ++i) cpu->step();
  }
  void boot() {
    const std::uint32_t a7 = reg(kA0 + 7);
    cpu->reset();
    booted = true;
    if (a7 != 0) cpu->write_register(kA0 + 7, a7);
  }
  bool booted = false;
};

std::string name_on(std::uint16_t op, CpuLevel level) {
  const M68000Row* row = m68k_find_row(op, level);
  return row ? row->name : "illegal";
}

}  // namespace

TEST_CASE("the variants are the 68000 to the 68040, each with its FPU", "[m68k][variants]") {
  CHECK(m68k_models() == std::vector<std::string>{"68000", "68010", "68020", "68030", "68040"});
  Ram ram;
  MemoryPort port{ram, std::endian::big, 32};
  M68000Config config;
  config.model = "68060";
  CHECK_THROWS_WITH(create_m68000(config, port), Catch::Contains("68060"));
  config.model = "68040";
  config.fpu = "68881";  // the 68040's FPU is on chip
  CHECK_THROWS_WITH(create_m68000(config, port), Catch::Contains("68881"));
  auto fpu_of = [&](const std::string& model, const std::string& fpu) {
    M68000Config c;
    c.model = model;
    c.fpu = fpu;
    auto core = create_m68000(c, port);
    return static_cast<M68000Core&>(*core).fpu_model();
  };
  CHECK(fpu_of("68000", "") == FpuModel::None);
  CHECK(fpu_of("68010", "") == FpuModel::None);
  CHECK(fpu_of("68020", "") == FpuModel::Mc68882);
  CHECK(fpu_of("68020", "68881") == FpuModel::Mc68881);
  CHECK(fpu_of("68030", "none") == FpuModel::None);
  CHECK(fpu_of("68040", "") == FpuModel::Mc68040);
}

TEST_CASE("each CPU level decodes the instructions PRM Appendix A gives it", "[m68k][table]") {
  using L = CpuLevel;
  CHECK(name_on(0x4E7A, L::M68000) == "illegal");  // MOVEC: 68010+
  CHECK(name_on(0x4E7A, L::M68010) == "MOVEC");
  CHECK(name_on(0x42C0, L::M68000) == "illegal");  // MOVE CCR,D0: 68010+
  CHECK(name_on(0x42C0, L::M68010) == "MOVE from CCR");
  CHECK(name_on(0x4100, L::M68010) == "illegal");  // CHK.L D0,D0: 68020+
  CHECK(name_on(0x4100, L::M68020) == "CHK.L");
  CHECK(name_on(0x4A48, L::M68000) == "illegal");  // TST.W A0: 68020+
  CHECK(name_on(0x4A48, L::M68020) == "TST (68020)");
  CHECK(name_on(0x4A08, L::M68020) == "illegal");  // TST.B A0: never
  CHECK(name_on(0x60FF, L::M68000) == "Bcc");      // BRA with displacement -1
  CHECK(name_on(0x60FF, L::M68020) == "Bcc.L");
  CHECK(name_on(0xE9C0, L::M68020) == "BFEXTU");
  CHECK(name_on(0xF620, L::M68030) == "line F");  // MOVE16: 68040 only
  CHECK(name_on(0xF620, L::M68040) == "MOVE16 (Ax)+,(Ay)+");
  CHECK(name_on(0x06C0, L::M68020) == "illegal");  // CALLM: not modelled
  CHECK(name_on(0xF200, L::M68040) == "line F");   // FPU (cpID 1): the FPU's own rows
}

TEST_CASE("CMP2 and CHK2 compare against a pair of bounds (PRM 4-72, 4-83)", "[m68k][68020]") {
  Machine m("68020");
  m.ram.word(0x2000, static_cast<std::uint16_t>(-5));  // lower bound
  m.ram.word(0x2002, 100);                             // upper bound
  m.ram.program(kCode, {0x02D0, 0x0000,                // cmp2.w (a0),d0
                        0x02D0, 0x0000,                // cmp2.w (a0),d0
                        0x02D0, 0x0000,                // cmp2.w (a0),d0
                        0x02D0, 0x0800});              // chk2.w (a0),d0
  m.cpu->write_register(kA0, 0x2000);
  m.cpu->write_register(kD0, 0xABCD0032);  // 50: inside, only the low word counts
  m.steps(1);
  CHECK((m.reg(kSr) & 0x05) == 0);
  m.cpu->write_register(kD0, 0xFFFB);  // -5: equal to the lower bound
  m.steps(1);
  CHECK((m.reg(kSr) & 0x05) == 0x04);
  m.cpu->write_register(kD0, 101);  // above: C
  m.steps(1);
  CHECK((m.reg(kSr) & 0x05) == 0x01);
  // CHK2 out of bounds: vector 6 with a format-2 frame (020 UM 6.4): SR, next PC,
  // $2018, the CHK2's own address.
  const std::uint32_t sp = m.reg(kA0 + 7);
  m.steps(1);
  CHECK(m.cpu->pc() == handler(6));
  CHECK(m.reg(kA0 + 7) == sp - 12);
  CHECK(m.ram.longword(sp - 10) == kCode + 16);
  CHECK(m.ram.word(sp - 6) == 0x2018);
  CHECK(m.ram.longword(sp - 4) == kCode + 12);
}

TEST_CASE("PACK and UNPK convert BCD digits with an adjustment (PRM 4-157, 4-196)",
          "[m68k][68020]") {
  Machine m("68020");
  m.ram.program(kCode, {0x8340, 0x0000,    // pack d0,d1,#0
                        0x8380, 0x3030,    // unpk d0,d1,#$3030
                        0x8348, 0x0000,    // pack -(a0),-(a1),#0
                        0x8388, 0x3030});  // unpk -(a0),-(a1),#$3030
  m.cpu->write_register(kD0, 0x0307);
  m.cpu->write_register(1, 0xFFFFFFFF);
  m.steps(1);
  CHECK(m.reg(1) == 0xFFFFFF37);
  m.cpu->write_register(kD0, 0x59);
  m.steps(1);
  CHECK(m.reg(1) == 0xFFFF3539);    // ASCII "59"
  m.ram.program(0x3000, {0x3432});  // the digits "42" as ASCII
  m.cpu->write_register(kA0, 0x3002);
  m.cpu->write_register(kA0 + 1, 0x3101);
  m.steps(1);
  CHECK(m.ram.bytes[0x3100] == 0x42);
  CHECK(m.reg(kA0) == 0x3000);
  m.cpu->write_register(kA0, 0x3101);  // unpack that byte again into 0x30FE-0x30FF
  m.steps(1);
  CHECK(m.ram.word(0x30FE) == 0x3432);
}

TEST_CASE("exceptions use VBR and stack a format word, which RTE reads back", "[m68k][68010]") {
  for (const char* model : {"68010", "68020", "68040"}) {
    INFO(model);
    Machine m(model);
    m.ram.program(kCode, {0x4E7B, 0x0801,  // movec d0,vbr
                          0x4E43});        // trap #3
    for (unsigned v = 0; v < 64; ++v) m.ram.longword(0x20000 + v * 4, 0x5000 + v * 16);
    m.ram.word(0x5000 + 35 * 16, 0x4E73);  // rte in the TRAP #3 handler
    m.cpu->write_register(kD0, 0x20000);
    m.steps(2);
    CHECK(m.cpu->pc() == 0x5000 + 35 * 16);
    CHECK(m.reg(kA0 + 7) == kStack - 8);
    CHECK(m.ram.word(kStack - 8) == 0x2700);           // SR
    CHECK(m.ram.longword(kStack - 6) == kCode + 6);    // the next instruction
    CHECK(m.ram.word(kStack - 2) == 0x0000 + 35 * 4);  // format 0, vector offset $8C
    m.steps(1);                                        // RTE
    CHECK(m.cpu->pc() == kCode + 6);
    CHECK(m.reg(kA0 + 7) == kStack);
  }
}

TEST_CASE("RTE with an unknown frame format takes a format error", "[m68k][68010]") {
  Machine m("68020");
  m.ram.program(kCode, {0x4E73});  // rte
  m.cpu->write_register(kA0 + 7, 0x6000);
  m.ram.word(0x6000, 0x2700);
  m.ram.longword(0x6002, 0x1234);
  m.ram.word(0x6006, 0x5000);  // format 5 does not exist
  m.steps(1);
  CHECK(m.cpu->pc() == handler(kVectorFormatError));
}

TEST_CASE("divide by zero stacks a format-2 frame on the 68020, format 0 on the 68010",
          "[m68k][68020]") {
  for (const char* model : {"68010", "68020"}) {
    INFO(model);
    Machine m(model);
    m.ram.program(kCode, {0x80FC, 0x0000});  // divu.w #0,d0
    m.steps(1);
    CHECK(m.cpu->pc() == handler(kVectorZeroDivide));
    const bool format2 = std::string(model) == "68020";
    CHECK(m.reg(kA0 + 7) == kStack - (format2 ? 12 : 8));
    const std::uint32_t top = m.reg(kA0 + 7);
    CHECK(m.ram.longword(top + 2) == kCode + 4);
    CHECK(m.ram.word(top + 6) == (format2 ? 0x2014 : 0x0014));
    if (format2) CHECK(m.ram.longword(top + 8) == kCode);
  }
}

TEST_CASE("the 68020 reads data at odd addresses, but odd instruction fetches fault",
          "[m68k][68020]") {
  Machine m("68020");
  m.ram.program(kCode, {0x2028, 0x0001,  // move.l 1(a0),d0
                        0x323A, 0x0003,  // move.w 3(pc),d1: PC-relative, odd
                        0x4EFA, 0x0001,  // jmp 1(pc): odd target
                        0xABCD});
  m.ram.program(0x2000, {0x1122, 0x3344, 0x5566});
  m.cpu->write_register(kA0, 0x2000);
  m.steps(1);
  CHECK(m.reg(kD0) == 0x22334455);
  m.steps(1);
  CHECK((m.reg(1) & 0xFFFF) == 0xFA00);  // the bytes at kCode+9 and kCode+10
  CHECK(m.cpu->pc() == kCode + 8);
  m.steps(1);
  CHECK(m.cpu->pc() == handler(kVectorAddressError));
  // Format $A (020 UM 6.4.4): the fault address at +16.
  const std::uint32_t top = m.reg(kA0 + 7);
  CHECK(m.ram.word(top + 6) == 0xA00C);
  CHECK(m.ram.longword(top + 16) == kCode + 11);
}

TEST_CASE("a look-ahead word past the end of memory faults only when it is used", "[m68k][68020]") {
  Machine m("68020");
  m.ram.program(kCode, {0x4EF9, 0x000F, 0xFFFC,  // jmp $FFFFC
                        0x7207});                // moveq #7,d1
  m.ram.program(0xFFFFC, {0x7005,                // moveq #5,d0
                          0x4ED0});              // jmp (a0): the last word of RAM
  m.cpu->write_register(kA0, kCode + 6);
  m.steps(4);
  CHECK(m.reg(kD0) == 5);
  CHECK(m.reg(1) == 7);
  m.ram.program(0xFFFFE, {0x4E71});  // a NOP there: the next opcode is needed
  m.cpu->write_register(kPc, 0xFFFFE);
  m.steps(1);
  CHECK(m.cpu->pc() == 0x100000);
  m.steps(1);
  CHECK(m.cpu->pc() == handler(kVectorBusError));
  CHECK(m.ram.longword(m.reg(kA0 + 7) + 2) == 0x100000);
}

TEST_CASE("the 68000 and 68010 have 24 address lines, the 68020 32", "[m68k][variants]") {
  for (const char* model : {"68010", "68020"}) {
    INFO(model);
    Machine m(model);
    m.ram.program(kCode, {0x2010});  // move.l (a0),d0
    m.ram.longword(0x2000, 0xCAFEF00D);
    m.cpu->write_register(kA0, 0x01002000);  // aliases 0x2000 with 24 lines
    m.steps(1);
    if (std::string(model) == "68010")
      CHECK(m.reg(kD0) == 0xCAFEF00D);
    else
      CHECK(m.cpu->pc() == handler(kVectorBusError));
  }
}

TEST_CASE("MOVE from SR is privileged from the 68010 on (PRM 6-17)", "[m68k][68010]") {
  for (const char* model : {"68000", "68010"}) {
    INFO(model);
    Machine m(model);
    m.ram.program(kCode, {0x46FC, 0x0000,  // move #0,sr: user mode
                          0x40C0});        // move sr,d0
    m.steps(2);
    if (std::string(model) == "68000")
      CHECK(m.reg(kD0) == 0);
    else
      CHECK(m.cpu->pc() == handler(kVectorPrivilege));
  }
}

TEST_CASE("M selects the master stack on the 68020 and 68040 (020 UM 1.3.2)", "[m68k][68020]") {
  for (const char* model : {"68020", "68040"}) {
    INFO(model);
    Machine m(model);
    m.ram.program(kCode, {0x4E7B, 0x0803,  // movec d0,msp
                          0x007C, 0x1000,  // ori.w #$1000,sr
                          0x4E7A, 0x2804,  // movec isp,d2
                          0x4E43});        // trap #3
    m.cpu->write_register(kD0, 0x7000);
    m.steps(2);
    CHECK(m.reg(kA0 + 7) == 0x7000);  // now on the master stack
    m.steps(1);
    CHECK(m.reg(2) == kStack);
    m.steps(1);
    CHECK(m.reg(kA0 + 7) == 0x7000 - 8);  // the trap frame goes on the master stack
    CHECK(m.ram.word(0x7000 - 8) == 0x3700);
  }
}

TEST_CASE("an interrupt with M set leaves a throwaway frame on the interrupt stack",
          "[m68k][68020]") {
  Machine m("68020");
  m.ram.program(kCode, {0x4E7B, 0x0803,  // movec d0,msp
                        0x46FC, 0x3000,  // move #$3000,sr: M set, mask 0
                        0x4E71});
  m.cpu->write_register(kD0, 0x7000);
  m.steps(2);
  m.cpu->set_irq_line(3, true);
  m.steps(1);
  CHECK(m.cpu->pc() == handler(kVectorAutovector + 3));
  CHECK(m.ram.word(0x7000 - 2) == 0x0000 + (kVectorAutovector + 3) * 4);  // format 0
  CHECK(m.reg(kA0 + 7) == kStack - 8);                                    // on the ISP, M now clear
  CHECK(m.ram.word(kStack - 2) == 0x1000 + (kVectorAutovector + 3) * 4);  // format 1
  CHECK((m.reg(kSr) & 0x1000) == 0);
}

TEST_CASE("Bcc.L and BSR.L take 32-bit displacements (PRM 4-25)", "[m68k][68020]") {
  Machine m("68020");
  m.ram.program(kCode, {0x61FF, 0x0000, 0x1000,  // bsr.l .+$1002
                        0x4E71});
  m.steps(1);
  CHECK(m.cpu->pc() == kCode + 2 + 0x1000);
  CHECK(m.ram.longword(m.reg(kA0 + 7)) == kCode + 6);
}

TEST_CASE("MOVE16 copies an aligned line on the 68040 (PRM 4-128a)", "[m68k][68040]") {
  Machine m("68040");
  m.ram.program(kCode, {0xF620, 0x9000});  // move16 (a0)+,(a1)+
  for (unsigned i = 0; i < 16; ++i) m.ram.bytes[0x2000 + i] = static_cast<std::uint8_t>(i + 1);
  m.cpu->write_register(kA0, 0x2004);  // the low four bits are ignored
  m.cpu->write_register(kA0 + 1, 0x3000);
  m.steps(1);
  CHECK(std::memcmp(&m.ram.bytes[0x3000], &m.ram.bytes[0x2000], 16) == 0);
  CHECK(m.reg(kA0) == 0x2014);
  CHECK(m.reg(kA0 + 1) == 0x3010);
}

TEST_CASE("MOVEC knows each CPU's control registers (PRM 6-23)", "[m68k][68010]") {
  // TC exists on the 68040 only; CACR from the 68020 on (68010: illegal).
  for (const char* model : {"68010", "68020", "68040"}) {
    INFO(model);
    Machine m(model);
    m.ram.program(kCode, {0x4E7B, 0x0002,    // movec d0,cacr
                          0x4E7B, 0x0003});  // movec d0,tc
    m.steps(1);
    const bool is_010 = std::string(model) == "68010";
    CHECK(m.cpu->pc() == (is_010 ? handler(kVectorIllegal) : kCode + 4));
    if (is_010) continue;
    m.steps(1);
    CHECK(m.cpu->pc() == (std::string(model) == "68040" ? kCode + 8 : handler(kVectorIllegal)));
  }
}

TEST_CASE("MOVEC in user mode is a privilege violation", "[m68k][68010]") {
  Machine m("68020");
  m.ram.program(kCode, {0x46FC, 0x0000,    // move #0,sr
                        0x4E7A, 0x0801});  // movec vbr,d0
  m.steps(2);
  CHECK(m.cpu->pc() == handler(kVectorPrivilege));
}

TEST_CASE("BKPT with nothing answering is an illegal instruction (020 UM 6.1.4)", "[m68k][68020]") {
  Machine m("68020");
  m.ram.program(kCode, {0x484B});  // bkpt #3
  m.steps(1);
  CHECK(m.cpu->pc() == handler(kVectorIllegal));
  CHECK(m.ram.longword(m.reg(kA0 + 7) + 2) == kCode);
}

TEST_CASE("CHK.L traps on a negative or too large register (PRM 4-69)", "[m68k][68020]") {
  Machine m("68020");
  m.ram.program(kCode, {0x4101, 0x4101});  // chk.l d1,d0 twice
  m.cpu->write_register(1, 0x10000);
  m.cpu->write_register(kD0, 0xFFFF);  // in bounds (a CHK.W would see -1)
  m.steps(1);
  CHECK(m.cpu->pc() == kCode + 2);
  m.cpu->write_register(kD0, 0x10001);
  m.steps(1);
  CHECK(m.cpu->pc() == handler(kVectorChk));
  CHECK(m.ram.word(m.reg(kA0 + 7) + 6) == 0x2018);
}

TEST_CASE("trace stacks a format-2 frame with the traced instruction's address", "[m68k][68020]") {
  Machine m("68020");
  m.ram.program(kCode, {0x007C, 0x8000,  // ori.w #$8000,sr: trace on
                        0x4E71});        // nop (traced)
  m.steps(3);
  CHECK(m.cpu->pc() == handler(kVectorTrace));
  const std::uint32_t top = m.reg(kA0 + 7);
  CHECK(m.ram.longword(top + 2) == kCode + 6);  // the next instruction
  CHECK(m.ram.word(top + 6) == 0x2024);
  CHECK(m.ram.longword(top + 8) == kCode + 4);  // the NOP
}

TEST_CASE("bus errors stack format 8 on the 68010 and 7 on the 68040", "[m68k][68010]") {
  for (const auto& [model, format_word, fault_offset] :
       {std::tuple{"68010", 0x8008, 10}, {"68040", 0x7008, 20}}) {
    INFO(model);
    Machine m(model);
    m.ram.program(kCode, {0x2010});          // move.l (a0),d0
    m.cpu->write_register(kA0, 0x00F00000);  // nothing there
    m.steps(1);
    CHECK(m.cpu->pc() == handler(kVectorBusError));
    const std::uint32_t top = m.reg(kA0 + 7);
    CHECK(m.ram.word(top + 6) == format_word);
    CHECK(m.ram.longword(top + 2) == kCode);  // restarted from the instruction
    CHECK(m.ram.longword(top + static_cast<unsigned>(fault_offset)) == 0x00F00000);
  }
}

TEST_CASE("CAS2 that does not match loads both compare registers (PRM 4-65)", "[m68k][68020]") {
  Machine m("68020");
  m.ram.program(kCode, {0x0EFC, 0x8080, 0x90C1});  // cas2.l d0:d1,d2:d3,(a0):(a1)
  m.ram.longword(0x2000, 5);
  m.ram.longword(0x3000, 6);
  m.cpu->write_register(kA0, 0x2000);
  m.cpu->write_register(kA0 + 1, 0x3000);
  m.cpu->write_register(kD0, 5);  // matches
  m.cpu->write_register(1, 7);    // does not
  m.cpu->write_register(2, 0xAA);
  m.cpu->write_register(3, 0xBB);
  m.steps(1);
  CHECK(m.reg(kD0) == 5);
  CHECK(m.reg(1) == 6);
  CHECK(m.ram.longword(0x2000) == 5);  // nothing written
  CHECK((m.reg(kSr) & kZ) == 0);
}

TEST_CASE("GDB sees the FPU registers on FPU variants (gdb m68k-tdep.c numbering)", "[m68k][gdb]") {
  Machine plain("68000"), with_fpu("68020");
  CHECK(plain.cpu->register_info().size() == 18);
  const auto registers = with_fpu.cpu->register_info();
  REQUIRE(registers.size() == 29);
  CHECK(registers[17].name == "pc");
  CHECK(registers[18].name == "fp0");
  CHECK(registers[18].bits == 96);
  CHECK(registers[18].gdb_feature == "org.gnu.gdb.coldfire.fp");
  CHECK(registers[26].name == "fpcontrol");
  CHECK(registers[28].name == "fpiaddr");
  with_fpu.cpu->write_register(26, 0x0030);
  CHECK(static_cast<M68000Core&>(*with_fpu.cpu).fpu.fpcr == 0x0030);
  static_cast<M68000Core&>(*with_fpu.cpu).fpu.fp[1].mantissa = 0x8000000000000000u;
  CHECK(with_fpu.cpu->read_register(19) == 0x8000000000000000u);
}

TEST_CASE("a 68020 loop takes the cache-case cycles of 020 UM section 11", "[m68k][68020]") {
  Machine m("68020");
  m.ram.program(kCode, {
                           0x7000,  // moveq #0,d0       2
                           0x720A,  // moveq #10,d1      2
                           0xD081,  // add.l d1,d0       2
                           0x5381,  // subq.l #1,d1      2
                           0x66FA,  // bne.s -6          6
                           0xE388,  // lsl.l #1,d0       4
                           0xE380,  // asl.l #1,d0       8
                           0xE590,  // roxl.l #2,d0      12
                           0x2010,  // move.l (a0),d0    2 + (An) 3
                       });
  m.cpu->write_register(kA0, 0x2000);
  m.steps(1);  // the reset
  const Cycles start = m.cpu->cycle_count();
  m.steps(1 + 10 * 3 + 4);
  CHECK(m.cpu->cycle_count() - start == 2 + 10 * (2 + 2 + 6) + 4 + 8 + 12 + 5);
  CHECK(m.reg(kD0) == 0);
}

#ifdef ANVIL_M68020_CHECKS
namespace {
// The program's output on qemu-m68k (user mode), or empty when qemu-m68k is not there.
std::string qemu_output(const char* cpu, const char* program) {
  const std::string command = std::string("timeout 60 qemu-m68k -cpu ") + cpu + " " + program;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {};
  std::string out;
  char chunk[512];
  while (const std::size_t n = std::fread(chunk, 1, sizeof chunk, pipe)) out.append(chunk, n);
  pclose(pipe);
  return out;
}

void same_as_qemu(const char* program) {
  for (const auto& [model, qemu_cpu] :
       {std::pair{"68020", "m68020"}, {"68030", "m68030"}, {"68040", "m68040"}}) {
    INFO(model << " " << program);
    const std::string expected = qemu_output(qemu_cpu, program);
    if (expected.empty()) {
      WARN("qemu-m68k did not run: no reference output");
      return;
    }
    testing::UserProgram run(model, program);
    REQUIRE(run.run());
    CHECK(run.exit_status == 0);
    CHECK(run.output == expected);
  }
}
}  // namespace

TEST_CASE("a gcc -m68020 program prints what it prints on qemu-m68k", "[m68k][68020][qemu]") {
  same_as_qemu(ANVIL_M68020_CHECKS);
}

TEST_CASE("an operand sweep of the integer instructions matches qemu-m68k", "[m68k][68020][qemu]") {
  same_as_qemu(ANVIL_M68020_FUZZ);
}

TEST_CASE("ordinary C (sorting, 64-bit math, bit fields, recursion) matches qemu-m68k",
          "[m68k][68020][qemu]") {
  same_as_qemu(ANVIL_M68020_WORKLOAD);
}
#endif
