// The 68020's indexed addressing modes (PRM 2.2.7-2.2.12; 020 UM 2.?): the brief extension
// word gains a scale factor, and the full extension word adds a base displacement, memory
// indirection (pre- or post-indexed) with an outer displacement, and suppression of the
// base register or the index. The 68030 and 68040 decode them the same way.
#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

namespace {
// The index register Xn.SIZE*SCALE of an extension word (bits 15-9).
std::uint32_t scaled_index(const M68000Core& cpu, std::uint16_t extension) {
  const unsigned reg = (extension >> 12) & 7;
  std::uint32_t index = (extension & 0x8000) ? cpu.a[reg] : cpu.d[reg];
  if (!(extension & 0x0800)) index = sign_extend_to_32(index & 0xFFFF, Size::Word);
  return index << ((extension >> 9) & 3);
}
}  // namespace

std::uint32_t M68000Core::indexed_address_020(std::uint32_t base, std::uint16_t extension) {
  if (!(extension & 0x0100)) {
    // Brief format: (d8,An,Xn.SIZE*SCALE).
    return base + scaled_index(*this, extension) + sign_extend_to_32(extension & 0xFF, Size::Byte);
  }
  // Full format (PRM Table 2-2): BS bit 7, IS bit 6, BD SIZE bits 5-4, I/IS bits 2-0.
  const bool base_suppressed = extension & 0x80;
  const bool index_suppressed = extension & 0x40;
  const unsigned base_displacement_size = (extension >> 4) & 3;
  const unsigned indirect = extension & 7;
  if (base_displacement_size == 0 || (extension & 0x08) || (index_suppressed && indirect >= 4) ||
      (!index_suppressed && indirect == 4)) {
    // Reserved encodings: the 68020 takes an illegal-instruction exception (PRM 2.2: the IS and
    // I/IS combinations marked reserved).
    illegal_instruction(kVectorIllegal);
    throw InstructionAbort{};
  }
  auto displacement = [this](unsigned size_code) -> std::uint32_t {
    if (size_code == 2) return sign_extend_to_32(read_extension(), Size::Word);
    if (size_code == 3) return read_extension_long();
    return 0;  // null displacement
  };
  std::uint32_t address = base_suppressed ? 0 : base;
  address += displacement(base_displacement_size);
  const std::uint32_t index = index_suppressed ? 0 : scaled_index(*this, extension);
  if (indirect == 0) return address + index;  // (bd,An,Xn): no memory indirection
  const bool post_indexed = indirect >= 5;
  if (!post_indexed) address += index;
  std::uint32_t pointer = read(Size::Long, address);
  if (post_indexed) pointer += index;
  return pointer + displacement(indirect & 3);
}

}  // namespace anvil::m68k
