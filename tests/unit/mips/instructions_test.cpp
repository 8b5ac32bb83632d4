// MIPS32 Release 2 instruction results against the values the MIPS32 ISA manual (MD00086)
// defines, on both byte orders, on the 4Kc and the 24Kf.
#include "mips_test_machine.h"
#include "programs/instructions_eb.h"
#include "programs/instructions_el.h"

namespace mips_test {

namespace {

struct Expected {
  const char* what;
  std::uint32_t big, little;
};

// One entry per slot of `results` in programs/instructions.s.
constexpr Expected kResults[] = {
    {"CLZ", 8, 8},
    {"CLO", 8, 8},
    {"WSBH", 0x34127856, 0x34127856},
    {"SEB", 0xFFFFFF80, 0xFFFFFF80},
    {"SEH", 0xFFFF8000, 0xFFFF8000},
    {"EXT", 0x67, 0x67},
    {"INS", 0xFFF678FF, 0xFFF678FF},
    {"ROTR", 0x78123456, 0x78123456},
    {"ROTRV", 0x81234567, 0x81234567},
    {"MUL", 0x00010000, 0x00010000},
    {"MULT hi", 0xFFFFFFFF, 0xFFFFFFFF},
    {"MULT lo", 0xFFFFFFF1, 0xFFFFFFF1},
    {"MADD", 0xFFFFFFF7, 0xFFFFFFF7},
    {"MADDU hi", 1, 1},
    {"MADDU lo", 0xFFFFFFFE, 0xFFFFFFFE},
    {"MSUBU", 0, 0},
    {"DIV lo", 0xFFFFFFFD, 0xFFFFFFFD},
    {"DIV hi", 1, 1},
    {"MOVZ", 22, 22},
    {"MOVN", 22, 22},
    {"SLTIU", 0, 0},
    {"SLTI", 1, 1},
    {"BEQL not taken annuls", 0, 0},
    {"BEQL taken", 1, 1},
    {"BGEZAL link", 0, 0},  // checked against the symbol below
    {"ULW", 0x02030405, 0x05040302},
    {"USW low word", 0x09A1B2C3, 0xB2C3D409},
    {"USW high word", 0xD40E0F10, 0x100F0EA1},
    {"SC after LL", 1, 1},
    {"SC without LL", 0, 0},
    {"LL/SC stored", 0x12345679, 0x12345679},
    {"LH", 0x5679, 0x1234},
    {"LB", 0x10, 0x10},
    {"$zero", 0, 0},
};

// The program's bytes and the symbols the check needs, for one byte order.
struct Program {
  std::span<const std::uint8_t> image;
  std::uint32_t done, results, link_branch;
};
template <class P>
Program program_of() {
  return {P::kImage, P::done, P::results, P::link_branch};
}

void check_program(const std::string& model, std::endian order, const Program& program) {
  Machine m(model, order);
  m.load(program.image);
  const bool finished = m.run_to(program.done);
  INFO("pc " << std::hex << m.core->pc() << " cause " << m.core->read_register(36) << " epc "
             << m.core->read_register(72) << " badvaddr " << m.core->read_register(35));
  REQUIRE(finished);
  const bool big = order == std::endian::big;
  for (std::size_t i = 0; i < std::size(kResults); ++i) {
    const Expected& e = kResults[i];
    INFO(model << (big ? " big" : " little") << "-endian: " << e.what);
    const std::uint32_t got = m.word(program.results + 4 * static_cast<std::uint32_t>(i));
    if (std::string(e.what) == "BGEZAL link")
      CHECK(got == program.link_branch + 8);
    else
      CHECK(got == (big ? e.big : e.little));
  }
}

}  // namespace

TEST_CASE("MIPS32r2 instructions give the manual's results, big-endian", "[mips]") {
  check_program("4kc", std::endian::big, program_of<programs::instructions_eb>());
  check_program("24kf", std::endian::big, program_of<programs::instructions_eb>());
}

TEST_CASE("MIPS32r2 instructions give the manual's results, little-endian", "[mips]") {
  check_program("4kc", std::endian::little, program_of<programs::instructions_el>());
  check_program("24kf", std::endian::little, program_of<programs::instructions_el>());
}

TEST_CASE("a store to the next instruction of a decoded run executes the new instruction",
          "[mips]") {
  Machine m("4kc", std::endian::big);
  // lui t0,0x8000 ; lw t1,0x20(t0) ; sw t1,12(t0) (to the next instruction)
  // addiu v0,zero,2, replaced by addiu v0,zero,3 ; b . ; nop ; the replacement at 0x20.
  const std::uint32_t code[] = {0x3c088000, 0x8d090020, 0xad09000c, 0x24020002, 0x1000ffff,
                                0x00000000, 0x00000000, 0x00000000, 0x24020003};
  std::vector<std::uint8_t> image;
  for (std::uint32_t word : code)
    for (int shift = 24; shift >= 0; shift -= 8)
      image.push_back(static_cast<std::uint8_t>(word >> shift));
  m.load(image);
  // One run() over the whole program: the first pass decodes it as one straight-line run
  // before the store changes it.
  m.core->run(100);
  // Spinning in `b .` and its delay slot (where the budget ends depends on the 4Kc's load
  // interlocks).
  CHECK((m.core->pc() == 0x80000010 || m.core->pc() == 0x80000014));
  CHECK(m.core->read_register(2) == 3);
}

}  // namespace mips_test

namespace mips_test {

TEST_CASE("a MIPS core needs a memory port in its byte order covering 32-bit addresses", "[mips]") {
  TestBus bus;
  mips::MipsConfig config;
  config.model = "24kf";
  config.byte_order = std::endian::big;
  MemoryPort little(bus, std::endian::little);
  CHECK_THROWS_WITH(mips::create_mips(config, little),
                    "mips: the memory port's byte order differs from the core's");
  // The run loop's loads and stores index the port's page tables with any kuseg address.
  MemoryPort narrow(bus, std::endian::big, 24);
  CHECK_THROWS_WITH(mips::create_mips(config, narrow),
                    "mips: the memory port must cover 32-bit addresses");
  MemoryPort full(bus, std::endian::big);
  CHECK_NOTHROW(mips::create_mips(config, full));
}

}  // namespace mips_test
