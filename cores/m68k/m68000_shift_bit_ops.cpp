// Shifts and rotates (ASL/ASR, LSL/LSR, ROXL/ROXR, ROL/ROR) and the bit instructions
// BTST/BCHG/BCLR/BSET (PRM 4). Register shifts take two idle clocks per bit after their
// prefetch (UM 8, Table 8-11: 6+2n, longs 8+2n).
#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68000_handlers.h"

namespace anvil::m68k {

namespace {

enum class ShiftKind : unsigned { Arithmetic = 0, Logical = 1, RotateExtend = 2, Rotate = 3 };

// Shifts `value` by `count` (0-63) with the flags of PRM Table 3-18.
std::uint32_t shift(M68000Core& cpu, ShiftKind kind, bool left, Size size, std::uint32_t value,
                    unsigned count) {
  const std::uint32_t mask = size_mask(size), sign = sign_bit(size);
  value &= mask;
  bool carry = false, overflow = false;
  bool extend = cpu.flag(kX);
  for (unsigned i = 0; i < count; ++i) {
    const bool out = left ? (value & sign) : (value & 1);
    std::uint32_t in = 0;
    switch (kind) {
      case ShiftKind::Arithmetic:
        in = left ? 0 : (value & sign);
        break;
      case ShiftKind::Logical:
        in = 0;
        break;
      case ShiftKind::RotateExtend:
        in = extend ? (left ? 1 : sign) : 0;
        break;
      case ShiftKind::Rotate:
        in = out ? (left ? 1 : sign) : 0;
        break;
    }
    const std::uint32_t next = (left ? (value << 1) : (value >> 1)) & mask;
    if (kind == ShiftKind::Arithmetic && left && ((next ^ value) & sign)) overflow = true;
    value = next | in;
    carry = out;
    if (kind != ShiftKind::Rotate) extend = out;
  }
  std::uint16_t ccr = cpu.sr() & kX;
  if (count > 0 && kind != ShiftKind::Rotate) ccr = extend ? kX : 0;
  if (kind == ShiftKind::RotateExtend) {
    if (extend) ccr |= kC;  // ROXd: C is the last bit out, or X when the count is 0
  } else if (count > 0 && carry) {
    ccr |= kC;
  }
  if (overflow) ccr |= kV;
  if (!value) ccr |= kZ;
  if (value & sign) ccr |= kN;
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
  return value;
}

enum class BitOp : unsigned { Test = 0, Change = 1, Clear = 2, Set = 3 };

std::uint32_t bit_operation(M68000Core& cpu, BitOp operation, std::uint32_t value, unsigned bit) {
  const std::uint32_t m = 1u << bit;
  cpu.set_flag(kZ, !(value & m));
  switch (operation) {
    case BitOp::Test:
      return value;
    case BitOp::Change:
      return value ^ m;
    case BitOp::Clear:
      return value & ~m;
    case BitOp::Set:
      return value | m;
  }
  return value;
}

// On a data register the bit ops work on all 32 bits; their extra idle clocks depend on
// whether the bit is in the high word (UM 8, Table 8-13).
void bit_on_register(M68000Core& cpu, BitOp operation, unsigned reg, unsigned bit) {
  bit &= 31;
  cpu.d[reg] = bit_operation(cpu, operation, cpu.d[reg], bit);
  cpu.prefetch();
  switch (operation) {
    case BitOp::Test:
      cpu.idle(2);
      break;
    case BitOp::Clear:
      cpu.idle(bit < 16 ? 4 : 6);
      break;
    default:
      cpu.idle(bit < 16 ? 2 : 4);
      break;
  }
}

void bit_on_memory(M68000Core& cpu, BitOp operation, std::uint16_t op, unsigned bit) {
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), Size::Byte);
  const std::uint32_t value = cpu.read_operand(dst, Size::Byte);
  const std::uint32_t result = bit_operation(cpu, operation, value, bit & 7);
  cpu.prefetch();
  if (dst.kind == Operand::Immediate) cpu.idle(2);  // BTST Dn,#imm: "np np n"
  if (operation != BitOp::Test) cpu.write(Size::Byte, dst.address, result);
}

}  // namespace

// ASd/LSd/ROXd/ROd Dx,Dy and #q,Dy: "np" then 2 clocks per bit, plus 2 (longs 4).
void op_shift_register(M68000Core& cpu, std::uint16_t op) {
  const Size size = size_at6(op);
  const unsigned field = reg9(op);
  const unsigned count = (op & 0x20) ? (cpu.d[field] & 63) : (field == 0 ? 8 : field);
  const auto kind = static_cast<ShiftKind>((op >> 3) & 3);
  const unsigned reg = ea_reg(op);
  const std::uint32_t result = shift(cpu, kind, op & 0x100, size, cpu.d[reg], count);
  const std::uint32_t mask = size_mask(size);
  cpu.d[reg] = (cpu.d[reg] & ~mask) | result;
  cpu.prefetch();
  cpu.idle((size == Size::Long ? 4 : 2) + 2 * count);
}

// Memory shifts: one bit of a word, "nr np nw".
void op_shift_memory(M68000Core& cpu, std::uint16_t op) {
  const auto kind = static_cast<ShiftKind>((op >> 9) & 3);
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), Size::Word);
  const std::uint32_t value = cpu.read(Size::Word, dst.address);
  const std::uint32_t result = shift(cpu, kind, op & 0x100, Size::Word, value, 1);
  cpu.prefetch();
  cpu.write(Size::Word, dst.address, result);
}

// BTST/BCHG/BCLR/BSET Dn,<ea>: bit number from Dn (mod 32 on Dn, mod 8 on memory).
void op_bit_dynamic(M68000Core& cpu, std::uint16_t op) {
  const auto operation = static_cast<BitOp>((op >> 6) & 3);
  const unsigned bit = cpu.d[reg9(op)];
  if (ea_mode(op) == 0) return bit_on_register(cpu, operation, ea_reg(op), bit);
  bit_on_memory(cpu, operation, op, bit);
}

// BTST/BCHG/BCLR/BSET #n,<ea>: the bit number is the first extension word.
void op_bit_static(M68000Core& cpu, std::uint16_t op) {
  const auto operation = static_cast<BitOp>((op >> 6) & 3);
  const unsigned bit = cpu.read_extension() & 0xFF;
  if (ea_mode(op) == 0) return bit_on_register(cpu, operation, ea_reg(op), bit);
  bit_on_memory(cpu, operation, op, bit);
}

}  // namespace anvil::m68k
