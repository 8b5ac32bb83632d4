// The encoding tables: no two rows of a variant are ambiguous, and GNU objdump's reading of
// a sample of encodings names the row the table picks.
#include <catch2/catch.hpp>

#include "cores/mips/mips_core.h"

namespace {

using namespace anvil::mips;

TEST_CASE("no two rows of any MIPS variant are ambiguous", "[mips]") {
  for (const std::string& model : mips_models()) {
    const std::vector<MipsRow> rows = decode_rows(find_variant(model));
    const auto pairs = anvil::encoding::ambiguous_pairs<MipsHandler>(rows);
    for (const auto& [a, b] : pairs) INFO(model << ": " << rows[a].name << " vs " << rows[b].name);
    CHECK(pairs.empty());
  }
}

// Encodings assembled by mips-linux-gnu-as (-march=mips32r2) and the rows they must select.
TEST_CASE("MIPS32r2 encodings select the row GNU as assembled them from", "[mips]") {
  const anvil::encoding::DecodeTable<MipsHandler, 32, 12> r2(decode_rows(find_variant("24kf")));
  const anvil::encoding::DecodeTable<MipsHandler, 32, 12> r1(decode_rows(find_variant("r3000")));
  const struct {
    std::uint32_t insn;
    const char* mips32;
    const char* mips1;  // null: Reserved Instruction on the R3000
  } cases[] = {
      {0x00221821, "ADDU", "ADDU"},      // addu v1,at,v0
      {0x00031202, "SRL", "SRL"},        // srl v0,v1,0x8
      {0x00231202, "ROTR", "SRL"},       // rotr v0,v1,0x8 (MIPS I ignores rs)
      {0x710a5020, "CLZ", nullptr},      // clz t2,t0
      {0x7c0950a0, "WSBH", nullptr},     // wsbh t2,t1
      {0x0521ffff, "BGEZ", "BcondZ"},    // bgez t1,.
      {0x0531ffff, "BGEZAL", "BcondZ"},  // bgezal t1,.
      {0x42000018, "ERET", nullptr},     // eret
      {0x42000010, nullptr, "RFE"},      // rfe
      {0x42000002, "TLBWI", "TLBWI"},    // tlbwi
      {0xc3a20000, "LL", nullptr},       // ll v0,0(sp)
      {0x7c02e83b, "RDHWR", nullptr},    // rdhwr v0,$29
      {0x0000000f, "SYNC", nullptr},     // sync
  };
  for (const auto& c : cases) {
    INFO(std::hex << c.insn);
    const MipsRow* a = r2.find(c.insn);
    const MipsRow* b = r1.find(c.insn);
    if (c.mips32) {
      REQUIRE(a);
      CHECK(a->name == c.mips32);
    } else {
      CHECK(!a);
    }
    if (c.mips1) {
      REQUIRE(b);
      CHECK(b->name == c.mips1);
    } else {
      CHECK(!b);
    }
  }
}

}  // namespace
