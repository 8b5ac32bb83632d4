#include "cores/common/encoding.h"

#include <catch2/catch.hpp>

using namespace anvil::encoding;

namespace {
using AddImm = Encoding<"cccc0010100Snnnnddddrrrrvvvvvvvv">;
using Split = Encoding<"11110i10--00vvvv_0iii_dddd_jjjjjjjj">;
void nop(int) {}
}  // namespace

TEST_CASE("a pattern parses into mask, expect and width at compile time") {
  static_assert(AddImm::pattern.width == 32);
  static_assert(AddImm::pattern.mask == 0x0FE00000);
  static_assert(AddImm::pattern.expect == 0x02800000);
  constexpr Pattern p16 = parse_pattern("010001----------");
  static_assert(p16.width == 16 && p16.mask == 0xFC00 && p16.expect == 0x4400);
  // ADD r1, r2, #0x44 with cond AL and S=1: 0xE2921044
  CHECK(AddImm::matches(0xE2921044));
  CHECK(AddImm::field<'c'>(0xE2921044) == 0xE);
  CHECK(AddImm::field<'S'>(0xE2921044) == 1);
  CHECK(AddImm::field<'n'>(0xE2921044) == 2);
  CHECK(AddImm::field<'d'>(0xE2921044) == 1);
  CHECK(AddImm::field<'v'>(0xE2921044) == 0x44);
  CHECK_FALSE(AddImm::matches(0xE0921044));
}

TEST_CASE("a field split across the encoding is gathered most significant bit first") {
  // i is bit 26, then bits 14..12 (the Thumb-2 i:imm3 split)
  const std::uint32_t insn = (1u << 26) | (0b101u << 12);
  CHECK(Split::field<'i'>(insn) == 0b1101);
  static_assert(Split::field_width<'i'>() == 4);
  CHECK(sign_extend(0b1101, 4) == -3);
  CHECK(sign_extend(0x7FF, 12) == 0x7FF);
  CHECK(sign_extend(0x800, 12) == -2048);
}

TEST_CASE("overlap checking accepts more specific patterns and rejects true ambiguity") {
  const Pattern general = parse_pattern("0100------------");
  const Pattern specific = parse_pattern("01000101--------");
  const Pattern sideways = parse_pattern("0-00-1----------");
  CHECK(overlap(general, specific));
  CHECK_FALSE(ambiguous(general, specific));  // specific wins
  CHECK(ambiguous(specific, sideways) == false);
  CHECK(ambiguous(general, sideways));  // 0100_01.. matches both, neither is more specific
  const Pattern disjoint = parse_pattern("1100------------");
  CHECK_FALSE(overlap(general, disjoint));

  using R = Row<void (*)(int)>;
  const R rows[] = {row("A", "", "0100------------", nop), row("B", "", "0-00-1----------", nop)};
  CHECK(ambiguous_pairs<void (*)(int)>(rows).size() == 1);
}

TEST_CASE("the decode table picks the most specific matching row through its buckets") {
  using R = Row<int>;
  const R rows[] = {
      row("general", "", "0100------------", 1),
      row("specific", "", "01000101--------", 2),
      row("other", "", "1---------------", 3),
  };
  DecodeTable<int, 16, 6> table(rows);
  REQUIRE(table.find(0x4500) != nullptr);
  CHECK(table.find(0x4500)->handler == 2);
  CHECK(table.find(0x4400)->handler == 1);
  CHECK(table.find(0x8123)->handler == 3);
  CHECK(table.find(0x0000) == nullptr);
}
