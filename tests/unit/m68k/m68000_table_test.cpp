// The 68000 encoding table against the PRM's instruction format summary.
#include <catch2/catch.hpp>

#include "cores/m68k/m68000_table.h"

using anvil::m68k::m68000_find_row;

namespace {
std::string name_of(std::uint16_t op) {
  const auto* row = m68000_find_row(op);
  return row ? row->name : "illegal";
}
}  // namespace

TEST_CASE("opcodes decode to the PRM's instruction", "[m68k][table]") {
  CHECK(name_of(0x4E71) == "NOP");
  CHECK(name_of(0x4E75) == "RTS");
  CHECK(name_of(0xD280) == "ADD <ea>,Dn");  // ADD.l D0,D1
  CHECK(name_of(0xD3C8) == "ADDA");         // ADDA.l A0,A1
  CHECK(name_of(0xD308) == "ADDX");         // ADDX.b -(A0),-(A1)
  CHECK(name_of(0x2200) == "MOVE");         // MOVE.l D0,D1
  CHECK(name_of(0x2240) == "MOVEA");        // MOVEA.l D0,A1
  CHECK(name_of(0x7001) == "MOVEQ");
  CHECK(name_of(0x6100) == "BSR");
  CHECK(name_of(0x6000) == "Bcc");   // BRA
  CHECK(name_of(0x51C8) == "DBcc");  // DBF D0
  CHECK(name_of(0x50C0) == "Scc");   // ST D0
  CHECK(name_of(0x4AFC) == "ILLEGAL");
  CHECK(name_of(0xA000) == "line A");
  CHECK(name_of(0xF000) == "line F");
  CHECK(name_of(0x0108) == "MOVEP");  // MOVEP.w 0(A0),D0
  CHECK(name_of(0xC140) == "EXG Dx,Dy");
  CHECK(name_of(0xE308) == "shift register");  // LSL.b #1,D0
  CHECK(name_of(0xE3D0) == "shift memory");    // LSL.w (A0)
}

TEST_CASE("addressing modes the 68000 does not allow are illegal", "[m68k][table]") {
  CHECK(name_of(0x1008) == "illegal");  // MOVE.b A0,D0
  CHECK(name_of(0x13FC) != "illegal");  // MOVE.b #,abs.l
  CHECK(name_of(0x11FA) != "illegal");  // MOVE.b d16(PC),abs.w
  CHECK(name_of(0x15FA) == "illegal");  // MOVE.b d16(PC),(d16,PC): destination not alterable
  CHECK(name_of(0x4EC0) == "illegal");  // JMP D0
  CHECK(name_of(0x41C0) == "illegal");  // LEA D0,A0
  CHECK(name_of(0x5008) == "illegal");  // ADDQ.b #8,A0
  CHECK(name_of(0x0C3A) == "illegal");  // CMPI.b #,(d16,PC) is 68020+
  CHECK(name_of(0x4E7A) == "illegal");  // MOVEC is 68010+
  CHECK(name_of(0x4100) == "illegal");  // CHK.l is 68020+
  CHECK(name_of(0x4180) == "CHK");      // CHK.w d0,d0
}

TEST_CASE("no two rows match an opcode with the same specificity", "[m68k][table]") {
  const auto rows = anvil::m68k::m68000_rows();
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = i + 1; j < rows.size(); ++j) {
      INFO(rows[i].name << " / " << rows[j].name);
      const bool ambiguous = anvil::encoding::ambiguous(rows[i].pattern, rows[j].pattern);
      // Rows that share a pattern are told apart by their addressing modes or size field.
      if (ambiguous)
        CHECK((rows[i].source_modes | rows[j].source_modes | rows[i].constraints |
               rows[j].constraints) != 0);
    }
}
