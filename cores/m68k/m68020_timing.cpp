// Cycle counts of the 68020, 68030 and 68040 as data: a base cost per instruction form and
// a cost per addressing mode, summed once per opcode into a 64K table when a core of that
// timing source is first made. The run loop adds the table entry and the bus's wait states
// per instruction; there is no per-bus-cycle accounting on these CPUs.
//
// Sources: MC68020 User's Manual section 11 (11.2 "Instruction Timing Tables", the cache
// case column: the instruction and its operands' extension words hit the instruction
// cache, data accesses take the minimum bus cycle); MC68030 User's Manual section 11 (same
// structure, cache case; the 68030's numbers are within a clock or two of the 68020's for
// the integer forms, so one table serves both and the differences are listed in
// docs/m68k.md); MC68040 User's Manual section 10 (integer unit, pipelined: most forms
// issue in one clock). What is approximated: operand-dependent times (multiply, divide,
// shifts by a count, MOVEM's register count) use a typical value; a taken and an untaken
// branch cost the same; MOVEM's per-register cost is folded into a typical count of
// registers; exception processing is included in TRAP's entry only; the overlap between an
// instruction and the next one's fetch (the 020 UM's "best case") is not modelled.
#include <map>
#include <memory>
#include <string_view>

#include "cores/m68k/m68000_core.h"
#include "cores/m68k/m68000_table.h"

namespace anvil::m68k {

using namespace addressing;

namespace {

struct FormCost {
  std::string_view name;  // the row name in m68000_table.cpp / m68020_table.cpp
  std::uint8_t mc68020;   // 020 UM 11 cache case (register operands)
  std::uint8_t mc68040;   // 040 UM 10 (RESET: 518 clocks, kept at the table maximum 255)
};

// Base cost of each form with register operands; memory operands add the mode costs below.
constexpr FormCost kForms[] = {
    {"MOVE", 2, 1},
    {"MOVEA", 2, 1},
    {"MOVEQ", 2, 1},
    {"LEA", 2, 1},
    {"PEA", 5, 2},
    {"CLR", 2, 1},
    {"NEG", 2, 1},
    {"NEGX", 2, 1},
    {"NOT", 2, 1},
    {"TST", 2, 1},
    {"TST (68020)", 2, 1},
    {"EXT.w", 4, 1},
    {"EXT.l", 4, 1},
    {"EXTB.L", 4, 1},
    {"SWAP", 4, 1},
    {"EXG Dx,Dy", 2, 1},
    {"EXG Ax,Ay", 2, 1},
    {"EXG Dx,Ay", 2, 1},
    {"ADD <ea>,Dn", 2, 1},
    {"SUB <ea>,Dn", 2, 1},
    {"AND <ea>,Dn", 2, 1},
    {"OR <ea>,Dn", 2, 1},
    {"ADD Dn,<ea>", 4, 1},
    {"SUB Dn,<ea>", 4, 1},
    {"AND Dn,<ea>", 4, 1},
    {"OR Dn,<ea>", 4, 1},
    {"EOR", 4, 1},
    {"EOR Dn,Dn", 2, 1},
    {"CMP", 2, 1},
    {"CMPA", 4, 1},
    {"ADDA", 2, 1},
    {"SUBA", 2, 1},
    {"ADDQ", 2, 1},
    {"SUBQ", 2, 1},
    {"ADDX", 2, 1},
    {"SUBX", 2, 1},
    {"CMPM", 9, 3},
    {"ORI", 2, 1},
    {"ANDI", 2, 1},
    {"SUBI", 2, 1},
    {"ADDI", 2, 1},
    {"EORI", 2, 1},
    {"CMPI", 2, 1},
    {"CMPI (68020)", 2, 1},
    {"Scc", 4, 1},
    {"DBcc", 6, 2},
    {"Bcc", 6, 2},
    {"Bcc.L", 6, 2},
    {"BSR", 7, 2},
    {"BSR.L", 7, 2},
    {"JMP", 4, 2},
    {"JSR", 4, 3},
    {"RTS", 10, 7},
    {"RTD", 10, 10},
    {"RTR", 14, 13},
    {"RTE", 20, 15},
    {"LINK", 5, 2},
    {"LINK.L", 6, 2},
    {"UNLK", 6, 2},
    {"NOP", 2, 9},
    {"shift register", 6, 2},
    {"shift memory", 5, 4},
    {"BTST Dn", 4, 1},
    {"BTST #", 4, 1},
    {"BCHG Dn", 6, 1},
    {"BCHG #", 6, 1},
    {"BCLR Dn", 6, 1},
    {"BCLR #", 6, 1},
    {"BSET Dn", 6, 1},
    {"BSET #", 6, 1},
    {"MULU", 27, 16},
    {"MULS", 28, 16},
    {"MUL.L", 43, 20},
    {"DIVU", 44, 27},
    {"DIVS", 56, 27},
    {"DIV.L", 84, 44},
    {"CHK", 8, 3},
    {"CHK.L", 8, 3},
    {"ABCD", 4, 5},
    {"SBCD", 4, 5},
    {"NBCD", 6, 6},
    {"TAS", 4, 13},
    {"MOVEM to memory", 12, 4},
    {"MOVEM to registers", 12, 4},
    {"MOVEP", 16, 14},
    {"MOVE from SR", 8, 2},
    {"MOVE from CCR", 4, 2},
    {"MOVE to CCR", 4, 2},
    {"MOVE to SR", 8, 8},
    {"MOVE USP", 2, 3},
    {"MOVEC", 9, 10},
    {"MOVES", 5, 5},
    {"TRAP", 20, 16},
    {"TRAPV", 4, 2},
    {"TRAPcc", 4, 2},
    {"TRAPcc.w", 4, 2},
    {"TRAPcc.l", 4, 2},
    {"STOP", 8, 8},
    {"RESET", 255, 255},
    {"BFTST", 6, 3},
    {"BFEXTU", 8, 4},
    {"BFEXTS", 8, 4},
    {"BFFFO", 18, 9},
    {"BFCHG", 12, 6},
    {"BFCLR", 12, 6},
    {"BFSET", 12, 6},
    {"BFINS", 10, 6},
    {"CAS.b", 12, 13},
    {"CAS.w", 12, 13},
    {"CAS.l", 12, 13},
    {"CAS2.w", 12, 25},
    {"CAS2.l", 12, 25},
    {"CHK2/CMP2.b", 18, 8},
    {"CHK2/CMP2.w", 18, 8},
    {"CHK2/CMP2.l", 18, 8},
    {"PACK", 6, 3},
    {"UNPK", 8, 3},
    {"MOVE16 (Ax)+,(Ay)+", 0, 18},
    {"MOVE16 absolute", 0, 18},
};

// The "fetch effective address" cost of each mode (020 UM 11, cache case; 040 UM 10: the
// 68040 computes most modes in its pipeline, the index and memory indirect ones cost more).
// Index: 0-6 modes, 7+reg for mode 7 (as the table's mode bits).
constexpr std::uint8_t kModeCost020[12] = {0, 0, 3, 4, 3, 3, 4, 3, 3, 3, 4, 2};
constexpr std::uint8_t kModeCost040[12] = {0, 0, 0, 0, 0, 1, 3, 1, 1, 1, 3, 0};
constexpr std::uint8_t kDefault020 = 4, kDefault040 = 2;  // forms not listed: exceptions, F-line

// Register shifts and rotates differ by kind (020 UM 11, "Shift/Rotate Instructions"):
// LSL/LSR by an immediate count 4, by a register 6; ASR 6; ASL 8 (it checks every bit for
// overflow); ROL/ROR 8; ROXL/ROXR 12.
unsigned shift_register_cost(std::uint16_t op) {
  switch ((op >> 3) & 3) {
    case 0:
      return (op & 0x100) ? 8 : 6;
    case 1:
      return (op & 0x20) ? 6 : 4;
    case 2:
      return 12;
    default:
      return 8;
  }
}

unsigned mode_cost(const std::uint8_t (&costs)[12], unsigned mode, unsigned reg) {
  const unsigned index = mode < 7 ? mode : 7 + reg;
  return index < 12 ? costs[index] : 0;
}

std::unique_ptr<std::array<std::uint8_t, 65536>> build(TimingSource source) {
  const bool is_040 = source == TimingSource::Mc68040;
  const CpuLevel level = is_040                                 ? CpuLevel::M68040
                         : source == TimingSource::Mc68030Cache ? CpuLevel::M68030
                                                                : CpuLevel::M68020;
  std::map<std::string_view, const FormCost*> by_name;
  for (const FormCost& f : kForms) by_name[f.name] = &f;
  const auto& modes = is_040 ? kModeCost040 : kModeCost020;
  auto table = std::make_unique<std::array<std::uint8_t, 65536>>();
  // Neighbouring opcodes mostly decode to the same row: its form's cost is looked up by
  // name once per stretch of them (the lookups by name were most of a short run's start-up).
  const M68000Row* row_looked_up = nullptr;
  unsigned row_cost = 0;
  bool row_is_shift_register = false;
  for (unsigned op = 0; op < 65536; ++op) {
    const M68000Row* row = m68k_find_row(static_cast<std::uint16_t>(op), level);
    unsigned cycles = is_040 ? kDefault040 : kDefault020;
    if (row) {
      if (row != row_looked_up) {
        row_looked_up = row;
        const auto found = by_name.find(row->name);
        row_cost = found == by_name.end() ? cycles
                   : is_040               ? found->second->mc68040
                                          : found->second->mc68020;
        row_is_shift_register = !is_040 && row->name == std::string_view("shift register");
      }
      cycles =
          row_is_shift_register ? shift_register_cost(static_cast<std::uint16_t>(op)) : row_cost;
      if (row->source_modes != kNone || row->constraints & kMoveSize)
        cycles += mode_cost(modes, (op >> 3) & 7, op & 7);
      if (row->constraints & kMoveSize) cycles += mode_cost(modes, (op >> 6) & 7, (op >> 9) & 7);
    }
    (*table)[op] = static_cast<std::uint8_t>(cycles > 255 ? 255 : cycles);
  }
  return table;
}

}  // namespace

const std::array<std::uint8_t, 65536>& m68k_opcode_cycles(TimingSource source) {
  switch (source) {
    case TimingSource::Mc68040: {
      static const auto table = build(TimingSource::Mc68040);
      return *table;
    }
    case TimingSource::Mc68030Cache: {
      static const auto table = build(TimingSource::Mc68030Cache);
      return *table;
    }
    default: {
      static const auto table = build(TimingSource::Mc68020Cache);
      return *table;
    }
  }
}

}  // namespace anvil::m68k
