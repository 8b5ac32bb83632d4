// The 68020's bit-field instructions (PRM 4-31 to 4-58): BFTST, BFEXTU, BFCHG, BFEXTS,
// BFCLR, BFFFO, BFSET, BFINS. A field is `width` bits (1-32) starting `offset` bits after
// the most significant bit of the base: in a data register it wraps around within the 32
// bits; in memory the signed offset may reach bytes before the base address and the field
// spans up to five bytes.
//
// Extension word (PRM 4-31): register (14-12), Do (11), offset (10-6), Dw (5), width (4-0).
// Flags (all eight): N = the field's most significant bit, Z = the field is zero, V and C
// clear, X unchanged; taken from the field before the operation changes it (BFINS: from
// the inserted value).
#include <bit>

#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68020_handlers.h"

namespace anvil::m68k {

namespace {

enum class FieldOp : unsigned { Tst, Extu, Chg, Exts, Clr, Ffo, Set, Ins };

void set_field_flags(M68000Core& cpu, std::uint32_t field, unsigned width) {
  std::uint16_t ccr = cpu.sr() & kX;
  if (field == 0) ccr |= kZ;
  if ((field >> (width - 1)) & 1) ccr |= kN;
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
}

// The new field value for the operations that write one (CHG, CLR, SET, INS).
std::uint32_t new_field(FieldOp operation, std::uint32_t field, std::uint32_t insert,
                        std::uint32_t mask) {
  switch (operation) {
    case FieldOp::Chg:
      return ~field & mask;
    case FieldOp::Clr:
      return 0;
    case FieldOp::Set:
      return mask;
    default:
      return insert & mask;
  }
}

bool writes_field(FieldOp operation) {
  return operation == FieldOp::Chg || operation == FieldOp::Clr || operation == FieldOp::Set ||
         operation == FieldOp::Ins;
}

}  // namespace

void op_bitfield(M68000Core& cpu, std::uint16_t op) {
  const auto operation = static_cast<FieldOp>((op >> 8) & 7);
  const std::uint16_t extension = cpu.read_extension();
  const unsigned reg = (extension >> 12) & 7;
  const auto offset = static_cast<std::int32_t>((extension & 0x0800) ? cpu.d[(extension >> 6) & 7]
                                                                     : (extension >> 6) & 31u);
  unsigned width = ((extension & 0x0020) ? cpu.d[extension & 7] : extension) & 31u;
  if (width == 0) width = 32;
  const std::uint32_t mask = width == 32 ? 0xFFFFFFFFu : (1u << width) - 1;
  const std::uint32_t insert = cpu.d[reg];

  std::uint32_t field;
  // BFFFO's result counts from the offset as the CPU used it: modulo 32 in a register (as
  // qemu-m68k and Musashi have it), the full signed offset in memory.
  std::uint32_t ffo_base = static_cast<std::uint32_t>(offset);
  if (ea_mode(op) == 0) {
    // In Dn: rotate the field to the bottom, operate, rotate back.
    std::uint32_t& dn = cpu.d[ea_reg(op)];
    const unsigned start = static_cast<unsigned>(offset) & 31;
    ffo_base = start;
    const std::uint32_t rotated = std::rotl(dn, static_cast<int>(start + width));
    field = rotated & mask;
    if (writes_field(operation)) {
      const std::uint32_t updated = (rotated & ~mask) | new_field(operation, field, insert, mask);
      dn = std::rotr(updated, static_cast<int>(start + width));
    }
  } else {
    const Operand base = cpu.ea(ea_mode(op), ea_reg(op), Size::Byte);
    const std::uint32_t address = base.address + static_cast<std::uint32_t>(offset >> 3);
    const unsigned bit = static_cast<unsigned>(offset) & 7;
    const unsigned bytes = (bit + width + 7) / 8;
    std::uint64_t data = 0;  // the bytes, first at bits 63-56
    for (unsigned i = 0; i < bytes; ++i)
      data |= std::uint64_t{cpu.read_byte(address + i)} << (56 - 8 * i);
    const unsigned shift = 64 - bit - width;
    field = static_cast<std::uint32_t>(data >> shift) & mask;
    if (writes_field(operation)) {
      const std::uint64_t wide_mask = std::uint64_t{mask} << shift;
      data =
          (data & ~wide_mask) | (std::uint64_t{new_field(operation, field, insert, mask)} << shift);
      for (unsigned i = 0; i < bytes; ++i)
        cpu.write_byte(address + i, static_cast<std::uint8_t>(data >> (56 - 8 * i)));
    }
  }

  set_field_flags(cpu, operation == FieldOp::Ins ? (insert & mask) : field, width);
  switch (operation) {
    case FieldOp::Extu:
      cpu.d[reg] = field;
      break;
    case FieldOp::Exts:
      cpu.d[reg] = width == 32 ? field : (field ^ (1u << (width - 1))) - (1u << (width - 1));
      break;
    case FieldOp::Ffo: {
      // The offset of the first set bit, counted from the field's start; offset + width
      // when there is none.
      const unsigned leading = field == 0 ? width : std::countl_zero(field) - (32 - width);
      cpu.d[reg] = ffo_base + leading;
      break;
    }
    default:
      break;
  }
  cpu.prefetch();
}

}  // namespace anvil::m68k
