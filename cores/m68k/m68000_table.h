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
};

std::span<const M68000Row> m68000_rows();
// The FPU's rows (m68k_fpu.h: op_fpu), for the variants with an FPU (fpu_model() != None).
std::span<const M68000Row> m68k_fpu_rows();
// The row an opcode decodes to, or null when it is illegal on the 68000.
const M68000Row* m68000_find_row(std::uint16_t opcode);

}  // namespace anvil::m68k
