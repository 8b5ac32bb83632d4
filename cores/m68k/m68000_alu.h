// Integer arithmetic with the 68000's condition codes (PRM 3.3.4, Table 3-18), shared by
// the handlers. Results are masked to the operand size; flags land in the core's SR. Always
// inlined: with the size known at the call, each folds to a few instructions (the 68020+
// decoded handlers call them once per instruction).
#pragma once

#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

inline std::uint32_t sign_extend_to_32(std::uint32_t value, Size size) {
  if (size == Size::Byte) return static_cast<std::uint32_t>(static_cast<std::int8_t>(value));
  if (size == Size::Word) return static_cast<std::uint32_t>(static_cast<std::int16_t>(value));
  return value;
}

inline bool is_negative(std::uint32_t value, Size size) {
  return value & sign_bit(size);
}

// N and Z from a result, V and C cleared (MOVE, AND, OR, EOR, NOT, TST, CLR...).
[[gnu::always_inline]] inline void set_logic_flags(M68000Core& cpu, std::uint32_t result,
                                                   Size size) {
  result &= size_mask(size);
  std::uint16_t ccr = cpu.sr() & kX;
  if (!result) ccr |= kZ;
  if (is_negative(result, size)) ccr |= kN;
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
}

// The binary operations of lines 8-D and of the immediate group.
enum class AluOp : std::uint8_t { Or, And, Sub, Add, Eor, Cmp };

// The operation of the line (bits 15-12): OR, SUB, EOR (CMP's line), AND, ADD.
inline AluOp line_operation(std::uint16_t op) {
  switch (op >> 12) {
    case 0x8:
      return AluOp::Or;
    case 0x9:
      return AluOp::Sub;
    case 0xB:
      return AluOp::Eor;
    case 0xC:
      return AluOp::And;
    default:
      return AluOp::Add;
  }
}

enum class Extend : std::uint8_t { None, Use };  // ADDX/SUBX/NEGX: X in, Z only cleared

// dst + src (+ X). ADD, ADDI, ADDQ, ADDX.
[[gnu::always_inline]] inline std::uint32_t add(M68000Core& cpu, Size size, std::uint32_t src,
                                                std::uint32_t dst, Extend extend = Extend::None) {
  const std::uint32_t mask = size_mask(size), sign = sign_bit(size);
  src &= mask;
  dst &= mask;
  const std::uint32_t x = (extend == Extend::Use && cpu.flag(kX)) ? 1 : 0;
  const std::uint64_t wide = std::uint64_t{src} + dst + x;
  const auto result = static_cast<std::uint32_t>(wide) & mask;
  std::uint16_t ccr = 0;
  if (wide > mask) ccr |= kC | kX;
  if ((src ^ result) & (dst ^ result) & sign) ccr |= kV;
  if (result & sign) ccr |= kN;
  if (extend == Extend::Use) {
    if (!result && cpu.flag(kZ)) ccr |= kZ;
  } else if (!result) {
    ccr |= kZ;
  }
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
  return result;
}

// dst - src (- X). SUB, SUBI, SUBQ, SUBX, NEG, NEGX; `keep_x` for CMP (X unaffected).
[[gnu::always_inline]] inline std::uint32_t subtract(M68000Core& cpu, Size size, std::uint32_t src,
                                                     std::uint32_t dst,
                                                     Extend extend = Extend::None,
                                                     bool keep_x = false) {
  const std::uint32_t mask = size_mask(size), sign = sign_bit(size);
  src &= mask;
  dst &= mask;
  const std::uint32_t x = (extend == Extend::Use && cpu.flag(kX)) ? 1 : 0;
  const std::uint64_t wide = std::uint64_t{dst} - src - x;
  const auto result = static_cast<std::uint32_t>(wide) & mask;
  std::uint16_t ccr = keep_x ? (cpu.sr() & kX) : 0;
  if (std::uint64_t{src} + x > dst) ccr |= keep_x ? kC : (kC | kX);
  if ((src ^ dst) & (result ^ dst) & sign) ccr |= kV;
  if (result & sign) ccr |= kN;
  if (extend == Extend::Use) {
    if (!result && cpu.flag(kZ)) ccr |= kZ;
  } else if (!result) {
    ccr |= kZ;
  }
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
  return result;
}

[[gnu::always_inline]] inline void compare(M68000Core& cpu, Size size, std::uint32_t src,
                                           std::uint32_t dst) {
  subtract(cpu, size, src, dst, Extend::None, true);
}

}  // namespace anvil::m68k
