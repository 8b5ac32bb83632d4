// Decoded handlers for the bit instructions on a data register on the 68020+: BTST, BCHG,
// BCLR and BSET with an immediate bit number (PRM 4-57...), and the bit-field instructions
// BFTST, BFEXTU, BFEXTS, BFCHG, BFCLR, BFSET, BFFFO and BFINS (PRM 4-31 to 4-58). Their
// semantics are those of op_bit_static and op_bitfield (m68020_bitfield_ops.cpp) with a
// register operand; memory operands keep the ordinary handlers.
#include <bit>

#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68000_handlers.h"
#include "cores/m68k/m68020_fast_operands.h"
#include "cores/m68k/m68020_handlers.h"

namespace anvil::m68k {

namespace {

using namespace fast;

// BTST/BCHG/BCLR/BSET #n,Dn: Z is the bit before the operation; the bit number is taken
// modulo 32 (PRM 4-59). `source` holds the bit's mask.
template <unsigned Operation>
std::uint32_t bit_static(M68000Core& cpu, const DecodedM68k& in) {
  std::uint32_t& dn = cpu.d[in.destination_register];
  const std::uint32_t mask = in.source;
  cpu.set_flag(kZ, !(dn & mask));
  if constexpr (Operation == 1) dn ^= mask;
  if constexpr (Operation == 2) dn &= ~mask;
  if constexpr (Operation == 3) dn |= mask;
  return fall_through(cpu, in);
}

// A bit field in Dn (the extension word in `source`): rotated to the bottom, operated on,
// rotated back, as op_bitfield does; N and Z from the field (BFINS: the inserted value),
// V and C clear, X kept.
template <unsigned Operation>
std::uint32_t bitfield_register(M68000Core& cpu, const DecodedM68k& in) {
  const std::uint32_t extension = in.source;
  const unsigned reg = (extension >> 12) & 7;
  const unsigned start = ((extension & 0x0800) ? cpu.d[(extension >> 6) & 7] : extension >> 6) & 31;
  unsigned width = ((extension & 0x0020) ? cpu.d[extension & 7] : extension) & 31u;
  if (width == 0) width = 32;
  const std::uint32_t mask = width == 32 ? 0xFFFFFFFFu : (1u << width) - 1;
  std::uint32_t& dn = cpu.d[in.destination_register];
  const std::uint32_t insert = cpu.d[reg];
  const std::uint32_t rotated = std::rotl(dn, static_cast<int>(start + width));
  const std::uint32_t field = rotated & mask;
  std::uint32_t written = field;
  if constexpr (Operation == 2) written = ~field & mask;  // BFCHG
  if constexpr (Operation == 4) written = 0;              // BFCLR
  if constexpr (Operation == 6) written = mask;           // BFSET
  if constexpr (Operation == 7) written = insert & mask;  // BFINS
  if constexpr (Operation == 2 || Operation == 4 || Operation == 6 || Operation == 7)
    dn = std::rotr((rotated & ~mask) | written, static_cast<int>(start + width));
  const std::uint32_t flagged = Operation == 7 ? written : field;
  std::uint16_t ccr = cpu.sr() & kX;
  if (flagged == 0) ccr |= kZ;
  if ((flagged >> (width - 1)) & 1) ccr |= kN;
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
  if constexpr (Operation == 1) cpu.d[reg] = field;  // BFEXTU
  if constexpr (Operation == 3)                      // BFEXTS
    cpu.d[reg] = width == 32 ? field : (field ^ (1u << (width - 1))) - (1u << (width - 1));
  if constexpr (Operation == 5)  // BFFFO: the offset (modulo 32 in a register) of the first one
    cpu.d[reg] = start + (field == 0 ? width : std::countl_zero(field) - (32 - width));
  return fall_through(cpu, in);
}

constexpr std::array<FastHandler, 4> kBitStatic = {&bit_static<0>, &bit_static<1>, &bit_static<2>,
                                                   &bit_static<3>};
constexpr std::array<FastHandler, 8> kBitfield = {
    &bitfield_register<0>, &bitfield_register<1>, &bitfield_register<2>, &bitfield_register<3>,
    &bitfield_register<4>, &bitfield_register<5>, &bitfield_register<6>, &bitfield_register<7>};

}  // namespace

bool decode_bits(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                 bool&) {
  if ((opcode & 0x38) != 0) return false;  // a memory operand: the ordinary handler
  out.destination_register = opcode & 7;
  if (ordinary == &op_bit_static) {
    out.source = 1u << (reader.word() & 31);
    out.handler = kBitStatic[(opcode >> 6) & 3];
    return true;
  }
  if (ordinary == &op_bitfield) {
    out.source = reader.word();
    out.handler = kBitfield[(opcode >> 8) & 7];
    return true;
  }
  return false;
}

}  // namespace anvil::m68k
