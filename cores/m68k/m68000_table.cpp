// The 68000 encoding table (PRM chapter 8, "Instruction Format Summary"): one row per
// instruction form, its bit pattern in the encoding DSL, the addressing modes it allows and
// its handler. The 64K-entry dispatch table is built from these rows once.
#include <algorithm>
#include <array>
#include <bit>
#include <memory>
#include <span>
#include <vector>

#include "cores/common/encoding.h"
#include "cores/m68k/m68000_handlers.h"
#include "cores/m68k/m68000_table.h"
#include "cores/m68k/m68k_fpu.h"

namespace anvil::m68k {

using namespace addressing;

namespace {

using encoding::parse_pattern;

const M68000Row kRows[] = {
    // Bit manipulation, MOVEP, immediate (PRM 8: 0000)
    {"ORI to CCR", "PRM 4-155", parse_pattern("0000000000111100"), op_immediate_to_sr, kNone, kNone,
     0},
    {"ORI to SR", "PRM 6-27", parse_pattern("0000000001111100"), op_immediate_to_sr, kNone, kNone,
     0},
    {"ORI", "PRM 4-153", parse_pattern("00000000ssmmmrrr"), op_immediate, kDataAlterable, kNone,
     kSizeField},
    {"ANDI to CCR", "PRM 4-20", parse_pattern("0000001000111100"), op_immediate_to_sr, kNone, kNone,
     0},
    {"ANDI to SR", "PRM 6-2", parse_pattern("0000001001111100"), op_immediate_to_sr, kNone, kNone,
     0},
    {"ANDI", "PRM 4-18", parse_pattern("00000010ssmmmrrr"), op_immediate, kDataAlterable, kNone,
     kSizeField},
    {"SUBI", "PRM 4-179", parse_pattern("00000100ssmmmrrr"), op_immediate, kDataAlterable, kNone,
     kSizeField},
    {"ADDI", "PRM 4-9", parse_pattern("00000110ssmmmrrr"), op_immediate, kDataAlterable, kNone,
     kSizeField},
    {"EORI to CCR", "PRM 4-104", parse_pattern("0000101000111100"), op_immediate_to_sr, kNone,
     kNone, 0},
    {"EORI to SR", "PRM 6-10", parse_pattern("0000101001111100"), op_immediate_to_sr, kNone, kNone,
     0},
    {"EORI", "PRM 4-102", parse_pattern("00001010ssmmmrrr"), op_immediate, kDataAlterable, kNone,
     kSizeField},
    {"CMPI", "PRM 4-79", parse_pattern("00001100ssmmmrrr"), op_immediate, kDataAlterable, kNone,
     kSizeField},
    {"BTST #", "PRM 4-62", parse_pattern("0000100000mmmrrr"), op_bit_static, kData & ~kImm, kNone,
     0},
    {"BCHG #", "PRM 4-28", parse_pattern("0000100001mmmrrr"), op_bit_static, kDataAlterable, kNone,
     0},
    {"BCLR #", "PRM 4-32", parse_pattern("0000100010mmmrrr"), op_bit_static, kDataAlterable, kNone,
     0},
    {"BSET #", "PRM 4-58", parse_pattern("0000100011mmmrrr"), op_bit_static, kDataAlterable, kNone,
     0},
    {"BTST Dn", "PRM 4-62", parse_pattern("0000ddd100mmmrrr"), op_bit_dynamic, kData, kNone, 0},
    {"BCHG Dn", "PRM 4-28", parse_pattern("0000ddd101mmmrrr"), op_bit_dynamic, kDataAlterable,
     kNone, 0},
    {"BCLR Dn", "PRM 4-32", parse_pattern("0000ddd110mmmrrr"), op_bit_dynamic, kDataAlterable,
     kNone, 0},
    {"BSET Dn", "PRM 4-58", parse_pattern("0000ddd111mmmrrr"), op_bit_dynamic, kDataAlterable,
     kNone, 0},
    {"MOVEP", "PRM 4-133", parse_pattern("0000ddd1oo001aaa"), op_movep, kNone, kNone, 0},
    // MOVE, MOVEA (PRM 8: 00ss)
    {"MOVEA", "PRM 4-119", parse_pattern("001saaa001mmmrrr"), op_movea, kAll, kNone, 0},
    {"MOVE", "PRM 4-116", parse_pattern("00ssRRRMMMmmmrrr"), op_move, kAll, kDataAlterable,
     kMoveSize},
    // Miscellaneous (PRM 8: 0100)
    {"NEGX", "PRM 4-148", parse_pattern("01000000ssmmmrrr"), op_unary, kDataAlterable, kNone,
     kSizeField},
    {"MOVE from SR", "PRM 6-17", parse_pattern("0100000011mmmrrr"), op_move_from_sr, kDataAlterable,
     kNone, 0},
    {"CLR", "PRM 4-73", parse_pattern("01000010ssmmmrrr"), op_unary, kDataAlterable, kNone,
     kSizeField},
    {"NEG", "PRM 4-144", parse_pattern("01000100ssmmmrrr"), op_unary, kDataAlterable, kNone,
     kSizeField},
    {"MOVE to CCR", "PRM 4-123", parse_pattern("0100010011mmmrrr"), op_move_to_ccr, kData, kNone,
     0},
    {"NOT", "PRM 4-150", parse_pattern("01000110ssmmmrrr"), op_unary, kDataAlterable, kNone,
     kSizeField},
    {"MOVE to SR", "PRM 6-19", parse_pattern("0100011011mmmrrr"), op_move_to_sr, kData, kNone, 0},
    {"NBCD", "PRM 4-142", parse_pattern("0100100000mmmrrr"), op_nbcd, kDataAlterable, kNone, 0},
    {"SWAP", "PRM 4-185", parse_pattern("0100100001000rrr"), op_swap, kNone, kNone, 0},
    {"PEA", "PRM 4-159", parse_pattern("0100100001mmmrrr"), op_pea, kControl, kNone, 0},
    {"EXT.w", "PRM 4-106", parse_pattern("0100100010000rrr"), op_ext, kNone, kNone, 0},
    {"EXT.l", "PRM 4-106", parse_pattern("0100100011000rrr"), op_ext, kNone, kNone, 0},
    {"MOVEM to memory", "PRM 4-128", parse_pattern("010010001smmmrrr"), op_movem_to_memory,
     (kControl & kAlterable) | kPredec, kNone, 0},
    {"TST", "PRM 4-192", parse_pattern("01001010ssmmmrrr"), op_tst, kDataAlterable, kNone,
     kSizeField},
    {"TAS", "PRM 4-186", parse_pattern("0100101011mmmrrr"), op_tas, kDataAlterable, kNone, 0},
    {"ILLEGAL", "PRM 4-107", parse_pattern("0100101011111100"), op_illegal, kNone, kNone, 0},
    {"MOVEM to registers", "PRM 4-128", parse_pattern("010011001smmmrrr"), op_movem_to_registers,
     kControl | kPostinc, kNone, 0},
    {"TRAP", "PRM 4-188", parse_pattern("010011100100vvvv"), op_trap, kNone, kNone, 0},
    {"LINK", "PRM 4-111", parse_pattern("0100111001010rrr"), op_link, kNone, kNone, 0},
    {"UNLK", "PRM 4-194", parse_pattern("0100111001011rrr"), op_unlk, kNone, kNone, 0},
    {"MOVE USP", "PRM 6-21", parse_pattern("010011100110drrr"), op_move_usp, kNone, kNone, 0},
    {"RESET", "PRM 6-83", parse_pattern("0100111001110000"), op_reset, kNone, kNone, 0},
    {"NOP", "PRM 4-147", parse_pattern("0100111001110001"), op_nop, kNone, kNone, 0},
    {"STOP", "PRM 6-85", parse_pattern("0100111001110010"), op_stop, kNone, kNone, 0},
    {"RTE", "PRM 6-84", parse_pattern("0100111001110011"), op_rte, kNone, kNone, 0},
    {"RTS", "PRM 4-169", parse_pattern("0100111001110101"), op_rts, kNone, kNone, 0},
    {"TRAPV", "PRM 4-191", parse_pattern("0100111001110110"), op_trapv, kNone, kNone, 0},
    {"RTR", "PRM 4-168", parse_pattern("0100111001110111"), op_rtr, kNone, kNone, 0},
    {"JSR", "PRM 4-110", parse_pattern("0100111010mmmrrr"), op_jsr, kControl, kNone, 0},
    {"JMP", "PRM 4-108", parse_pattern("0100111011mmmrrr"), op_jmp, kControl, kNone, 0},
    {"CHK", "PRM 4-69", parse_pattern("0100ddd110mmmrrr"), op_chk, kData, kNone, 0},
    {"LEA", "PRM 4-110", parse_pattern("0100aaa111mmmrrr"), op_lea, kControl, kNone, 0},
    // ADDQ, SUBQ, Scc, DBcc (PRM 8: 0101)
    {"ADDQ", "PRM 4-11", parse_pattern("0101qqq0ssmmmrrr"), op_addq_subq, kAlterable, kNone,
     kSizeField | kNoByteAn},
    {"SUBQ", "PRM 4-181", parse_pattern("0101qqq1ssmmmrrr"), op_addq_subq, kAlterable, kNone,
     kSizeField | kNoByteAn},
    {"Scc", "PRM 4-173", parse_pattern("0101cccc11mmmrrr"), op_scc, kDataAlterable, kNone, 0},
    {"DBcc", "PRM 4-91", parse_pattern("0101cccc11001rrr"), op_dbcc, kNone, kNone, 0},
    // Branches, MOVEQ (PRM 8: 0110, 0111)
    {"BSR", "PRM 4-59", parse_pattern("01100001dddddddd"), op_bsr, kNone, kNone, 0},
    {"Bcc", "PRM 4-25", parse_pattern("0110ccccdddddddd"), op_bcc, kNone, kNone, 0},
    {"MOVEQ", "PRM 4-134", parse_pattern("0111ddd0vvvvvvvv"), op_moveq, kNone, kNone, 0},
    // OR, DIV, SBCD (PRM 8: 1000)
    {"DIVU", "PRM 4-97", parse_pattern("1000ddd011mmmrrr"), op_divu, kData, kNone, 0},
    {"DIVS", "PRM 4-93", parse_pattern("1000ddd111mmmrrr"), op_divs, kData, kNone, 0},
    {"SBCD", "PRM 4-171", parse_pattern("1000yyy10000mxxx"), op_abcd_sbcd, kNone, kNone, 0},
    {"OR <ea>,Dn", "PRM 4-150", parse_pattern("1000ddd0ssmmmrrr"), op_add_sub_to_register, kData,
     kNone, kSizeField},
    {"OR Dn,<ea>", "PRM 4-150", parse_pattern("1000ddd1ssmmmrrr"), op_add_sub_to_memory,
     kMemoryAlterable, kNone, kSizeField},
    // SUB, SUBA, SUBX (PRM 8: 1001)
    {"SUBA", "PRM 4-177", parse_pattern("1001aaas11mmmrrr"), op_adda_suba, kAll, kNone, 0},
    {"SUBX", "PRM 4-184", parse_pattern("1001yyy1ss00mxxx"), op_addx_subx, kNone, kNone,
     kSizeField},
    {"SUB <ea>,Dn", "PRM 4-174", parse_pattern("1001ddd0ssmmmrrr"), op_add_sub_to_register, kAll,
     kNone, kSizeField | kNoByteAn},
    {"SUB Dn,<ea>", "PRM 4-174", parse_pattern("1001ddd1ssmmmrrr"), op_add_sub_to_memory,
     kMemoryAlterable, kNone, kSizeField},
    // CMP, CMPA, CMPM, EOR (PRM 8: 1011)
    {"CMPA", "PRM 4-77", parse_pattern("1011aaas11mmmrrr"), op_cmpa, kAll, kNone, 0},
    {"CMPM", "PRM 4-81", parse_pattern("1011xxx1ss001yyy"), op_cmpm, kNone, kNone, kSizeField},
    {"CMP", "PRM 4-75", parse_pattern("1011ddd0ssmmmrrr"), op_cmp, kAll, kNone,
     kSizeField | kNoByteAn},
    {"EOR Dn,Dn", "PRM 4-100", parse_pattern("1011ddd1ss000rrr"), op_eor_register, kNone, kNone,
     kSizeField},
    {"EOR", "PRM 4-100", parse_pattern("1011ddd1ssmmmrrr"), op_add_sub_to_memory, kMemoryAlterable,
     kNone, kSizeField},
    // AND, MUL, ABCD, EXG (PRM 8: 1100)
    {"MULU", "PRM 4-139", parse_pattern("1100ddd011mmmrrr"), op_mul, kData, kNone, 0},
    {"MULS", "PRM 4-136", parse_pattern("1100ddd111mmmrrr"), op_mul, kData, kNone, 0},
    {"ABCD", "PRM 4-3", parse_pattern("1100yyy10000mxxx"), op_abcd_sbcd, kNone, kNone, 0},
    {"EXG Dx,Dy", "PRM 4-105", parse_pattern("1100xxx101000yyy"), op_exg, kNone, kNone, 0},
    {"EXG Ax,Ay", "PRM 4-105", parse_pattern("1100xxx101001yyy"), op_exg, kNone, kNone, 0},
    {"EXG Dx,Ay", "PRM 4-105", parse_pattern("1100xxx110001yyy"), op_exg, kNone, kNone, 0},
    {"AND <ea>,Dn", "PRM 4-15", parse_pattern("1100ddd0ssmmmrrr"), op_add_sub_to_register, kData,
     kNone, kSizeField},
    {"AND Dn,<ea>", "PRM 4-15", parse_pattern("1100ddd1ssmmmrrr"), op_add_sub_to_memory,
     kMemoryAlterable, kNone, kSizeField},
    // ADD, ADDA, ADDX (PRM 8: 1101)
    {"ADDA", "PRM 4-7", parse_pattern("1101aaas11mmmrrr"), op_adda_suba, kAll, kNone, 0},
    {"ADDX", "PRM 4-14", parse_pattern("1101yyy1ss00mxxx"), op_addx_subx, kNone, kNone, kSizeField},
    {"ADD <ea>,Dn", "PRM 4-4", parse_pattern("1101ddd0ssmmmrrr"), op_add_sub_to_register, kAll,
     kNone, kSizeField | kNoByteAn},
    {"ADD Dn,<ea>", "PRM 4-4", parse_pattern("1101ddd1ssmmmrrr"), op_add_sub_to_memory,
     kMemoryAlterable, kNone, kSizeField},
    // Shifts and rotates (PRM 8: 1110)
    {"shift memory", "PRM 4-22", parse_pattern("11100ttd11mmmrrr"), op_shift_memory,
     kMemoryAlterable, kNone, 0},
    {"shift register", "PRM 4-22", parse_pattern("1110cccdssittrrr"), op_shift_register, kNone,
     kNone, kSizeField},
    // Unimplemented lines (PRM 8: 1010, 1111)
    {"line A", "UM 6.3.5", parse_pattern("1010------------"), op_line_a, kNone, kNone, 0},
    {"line F", "UM 6.3.5", parse_pattern("1111------------"), op_line_f, kNone, kNone, 0},
};

// The FPU's opcodes (coprocessor ID 1; PRM 5, FPU UM 4.1): the 68020-68040 tables take
// these rows over the line-F row when the variant has an FPU. The handler checks the
// addressing modes, which depend on the command word.
const M68000Row kFpuRows[] = {
    {"FPU general", "PRM 5-1", parse_pattern("1111001000mmmrrr"), op_fpu, kNone, kNone, 0},
    {"FScc/FDBcc/FTRAPcc", "PRM 5", parse_pattern("1111001001mmmrrr"), op_fpu, kNone, kNone, 0},
    {"FBcc", "PRM 5", parse_pattern("111100101spppppp"), op_fpu, kNone, kNone, 0},
    {"FSAVE", "PRM 6", parse_pattern("1111001100mmmrrr"), op_fpu, kNone, kNone, 0},
    {"FRESTORE", "PRM 6", parse_pattern("1111001101mmmrrr"), op_fpu, kNone, kNone, 0},
};

unsigned mode_index(unsigned mode, unsigned reg) {
  return mode < 7 ? mode : 7 + reg;
}

bool accepts(const M68000Row& row, std::uint16_t op) {
  if (!row.pattern.matches(op)) return false;
  if ((row.constraints & kSizeField) && ((op >> 6) & 3) == 3) return false;
  if (row.source_modes != kNone) {
    const unsigned index = mode_index((op >> 3) & 7, op & 7);
    if (index > 11 || !(row.source_modes & (1u << index))) return false;
    if ((row.constraints & kNoByteAn) && ((op >> 6) & 3) == 0 && ((op >> 3) & 7) == 1) return false;
  }
  if (row.constraints & kMoveSize) {
    const unsigned size = (op >> 12) & 3;
    if (size == 0) return false;
    if (size == 1 && ((op >> 3) & 7) == 1) return false;  // MOVE.b An,<ea>
    const unsigned index = mode_index((op >> 6) & 7, (op >> 9) & 7);
    if (index > 11 || !(row.destination_modes & (1u << index))) return false;
  }
  return true;
}

}  // namespace

std::span<const M68000Row> m68000_rows() {
  return kRows;
}

std::span<const M68000Row> m68k_fpu_rows() {
  return kFpuRows;
}

const M68000Row* m68000_find_row(std::uint16_t opcode) {
  return m68k_find_row(opcode, CpuLevel::M68000);
}

const M68000Row* m68k_find_row(std::uint16_t opcode, CpuLevel level, bool with_fpu) {
  // Most specific pattern first: fixed bits decide, as in encoding::DecodeTable. Between
  // equally specific rows the later CPUs' rows (wider addressing modes) come first. The FPU's
  // rows (more fixed bits than line F) take their opcodes only on a variant with an FPU.
  // The rows are split by the opcode's bits 15-6 (line, register or condition, opmode or
  // size), keeping that order: each list holds the rows whose fixed bits there agree with
  // them. The tables built from here look up all 65536 opcodes at start-up, twice on the
  // 68020+ (dispatch, timing), and scanning every row of a line for each was a fifth of a
  // short `anvil user` run's host instructions.
  static constexpr unsigned kPrefixShift = 6;
  static const std::vector<std::vector<const M68000Row*>> by_prefix = [] {
    std::vector<const M68000Row*> rows;
    for (const M68000Row& r : m68020_rows()) rows.push_back(&r);
    for (const M68000Row& r : kRows) rows.push_back(&r);
    for (const M68000Row& r : kFpuRows) rows.push_back(&r);
    std::stable_sort(rows.begin(), rows.end(), [](const M68000Row* a, const M68000Row* b) {
      return std::popcount(a->pattern.mask) > std::popcount(b->pattern.mask);
    });
    // By line first, then each prefix from its line's rows (fewer checks at start-up).
    const auto agree = [](const M68000Row* r, std::uint32_t bits, std::uint32_t mask) {
      return ((bits ^ r->pattern.expect) & r->pattern.mask & mask) == 0;
    };
    std::array<std::vector<const M68000Row*>, 16> lines;
    for (std::uint32_t line = 0; line < 16; ++line)
      for (const M68000Row* r : rows)
        if (agree(r, line << 12, 0xF000u)) lines[line].push_back(r);
    constexpr std::uint32_t prefix_mask = 0xFFFFu << kPrefixShift & 0xFFFFu;
    std::vector<std::vector<const M68000Row*>> prefixes(std::size_t{1} << (16 - kPrefixShift));
    for (std::uint32_t prefix = 0; prefix < prefixes.size(); ++prefix) {
      const std::uint32_t bits = prefix << kPrefixShift;
      for (const M68000Row* r : lines[bits >> 12])
        if (agree(r, bits, prefix_mask)) prefixes[prefix].push_back(r);
    }
    return prefixes;
  }();
  const auto is_fpu_row = [](const M68000Row* r) {
    return r >= std::begin(kFpuRows) && r < std::end(kFpuRows);
  };
  for (const M68000Row* r : by_prefix[opcode >> kPrefixShift])
    if (r->min_level <= level && (with_fpu || !is_fpu_row(r)) && accepts(*r, opcode)) return r;
  return nullptr;
}

const std::array<Handler, 65536>& m68000_dispatch() {
  return m68k_dispatch(CpuLevel::M68000);
}

namespace {

using DispatchTable = std::array<Handler, 65536>;

std::unique_ptr<const DispatchTable> build_dispatch(CpuLevel level, bool with_fpu) {
  auto t = std::make_unique<DispatchTable>();
  for (unsigned op = 0; op < 65536; ++op) {
    const M68000Row* row = m68k_find_row(static_cast<std::uint16_t>(op), level, with_fpu);
    (*t)[op] = row ? row->handler : op_illegal;
  }
  return t;
}

// One table per level and FPU presence, built the first time a core of that kind is made.
template <CpuLevel level, bool with_fpu>
const DispatchTable& dispatch_for() {
  static const auto table = build_dispatch(level, with_fpu);
  return *table;
}

template <bool with_fpu>
const DispatchTable& dispatch_for(CpuLevel level) {
  switch (level) {
    case CpuLevel::M68000:
      return dispatch_for<CpuLevel::M68000, with_fpu>();
    case CpuLevel::M68010:
      return dispatch_for<CpuLevel::M68010, with_fpu>();
    case CpuLevel::M68020:
      return dispatch_for<CpuLevel::M68020, with_fpu>();
    case CpuLevel::M68030:
      return dispatch_for<CpuLevel::M68030, with_fpu>();
    default:
      return dispatch_for<CpuLevel::M68040, with_fpu>();
  }
}

}  // namespace

const std::array<Handler, 65536>& m68k_dispatch(CpuLevel level, bool with_fpu) {
  return with_fpu ? dispatch_for<true>(level) : dispatch_for<false>(level);
}

}  // namespace anvil::m68k
