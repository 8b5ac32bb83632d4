// The 68000 encoding table: rows of (name, manual reference, pattern, handler, allowed
// addressing modes). m68000_dispatch() (m68000_core.h) is built from it; tests check it.
#pragma once

#include <span>

#include "cores/common/encoding.h"
#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

struct M68000Row {
  const char* name;
  const char* manual;
  encoding::Pattern pattern;
  Handler handler;
  std::uint16_t source_modes;       // addressing modes allowed in bits 5-0 (0: not checked)
  std::uint16_t destination_modes;  // MOVE: modes allowed in bits 11-6
  std::uint8_t constraints;
  CpuLevel min_level = CpuLevel::M68000;  // the first CPU that has this form
};

// Addressing-mode classes (PRM 2.2.13, Table 2-4): bit i is mode i for modes 0-6, and
// 7 + reg for the mode-7 forms (abs.w, abs.l, (d16,PC), (d8,PC,Xn), #imm). In their own
// namespace: names like kData mean other things elsewhere (the table files use it).
namespace addressing {
enum : std::uint16_t {
  kDn = 1 << 0,
  kAn = 1 << 1,
  kInd = 1 << 2,
  kPostinc = 1 << 3,
  kPredec = 1 << 4,
  kDisp = 1 << 5,
  kIndex = 1 << 6,
  kAbsW = 1 << 7,
  kAbsL = 1 << 8,
  kPcDisp = 1 << 9,
  kPcIndex = 1 << 10,
  kImm = 1 << 11,
  kAll = 0xFFF,
  kData = kAll & ~kAn,
  kMemory = kData & ~kDn,
  kControl = kInd | kDisp | kIndex | kAbsW | kAbsL | kPcDisp | kPcIndex,
  kAlterable = kDn | kAn | kInd | kPostinc | kPredec | kDisp | kIndex | kAbsW | kAbsL,
  kDataAlterable = kAlterable & ~kAn,
  kMemoryAlterable = kDataAlterable & ~kDn,
  kNone = 0,
};

// Extra conditions a row puts on the encoding.
enum : std::uint8_t {
  kSizeField = 1,  // bits 7-6 are a size: 11 is not this instruction
  kNoByteAn = 2,   // byte operations on An are not allowed
  kMoveSize = 4,   // MOVE: bits 13-12 are a size; byte with An source is not allowed
};
}  // namespace addressing

std::span<const M68000Row> m68000_rows();
// The FPU's rows (m68k_fpu.h: op_fpu), for the variants with an FPU (fpu_model() != None).
std::span<const M68000Row> m68k_fpu_rows();
// The forms the 68010, 68020, 68030 and 68040 add (m68020_table.cpp). A row here may
// repeat a 68000 pattern with more addressing modes; it is tried first.
std::span<const M68000Row> m68020_rows();
// The row an opcode decodes to, or null when it is illegal on the 68000 (on `level`).
const M68000Row* m68000_find_row(std::uint16_t opcode);
const M68000Row* m68k_find_row(std::uint16_t opcode, CpuLevel level, bool with_fpu = false);

}  // namespace anvil::m68k
