// Effective-address calculation and operand access (PRM 2.2). Extension words come from the
// prefetch queue and the idle clocks of the index and predecrement modes are taken here, in
// the order the UM 8 tables list them ("n np" for (d8,An,Xn), "n" before -(An) reads).
#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

// Brief extension word: D/A, register, W/L, 8-bit displacement (PRM 2.1.2).
std::uint32_t M68000Core::index_displacement(std::uint16_t extension) const {
  const unsigned reg = (extension >> 12) & 7;
  std::uint32_t index = (extension & 0x8000) ? a[reg] : d[reg];
  if (!(extension & 0x0800)) index = static_cast<std::uint32_t>(static_cast<std::int16_t>(index));
  return index + static_cast<std::uint32_t>(static_cast<std::int8_t>(extension & 0xFF));
}

Operand M68000Core::ea_exact(unsigned mode, unsigned reg, Size size, bool predec_idle) {
  // The displacement modes compute their address in the unit that would advance the
  // microcode's PC; it catches up after the next bus cycle (vectors: stacked PCs).
  if (mode == 5 || mode == 6 || (mode == 7 && (reg == 2 || reg == 3))) deferred_pc_advance_ = 2;
  switch (mode) {
    case 0:
      return {Operand::DataRegister, reg};
    case 1:
      return {Operand::AddressRegister, reg};
    case 2:
      return {Operand::Memory, 0, false, a[reg]};
    case 3: {
      const std::uint32_t address = a[reg];
      // A long at an odd address faults on its first word, before An is incremented.
      if (size != Size::Long || !(address & 1)) a[reg] += postincrement_step(size, reg);
      return {Operand::Memory, 0, false, address};
    }
    case 4:
      if (predec_idle) idle(2);
      a[reg] -= postincrement_step(size, reg);
      // vectors: the byte/word form of a source -(An) moves the microcode's PC.
      if (predec_idle && size != Size::Long) {
        fault_pc_ += 2;
        pc_moved_early_ = true;
      }
      return {Operand::Memory, 0, false, a[reg]};
    case 5: {
      const auto disp = static_cast<std::int16_t>(read_extension(false));
      return {Operand::Memory, 0, false, a[reg] + static_cast<std::uint32_t>(disp)};
    }
    case 6: {
      if (level_ >= CpuLevel::M68020) {
        const std::uint16_t ext = read_extension();
        return {Operand::Memory, 0, false, indexed_address_020(a[reg], ext)};
      }
      idle(2);
      const std::uint16_t ext = read_extension(false);
      return {Operand::Memory, 0, false, a[reg] + index_displacement(ext)};
    }
    default:
      break;
  }
  switch (reg) {
    case 0: {
      const auto address = static_cast<std::int16_t>(read_extension());
      return {Operand::Memory, 0, false, static_cast<std::uint32_t>(address)};
    }
    case 1:
      return {Operand::Memory, 0, false, read_extension_long()};
    case 2: {
      const std::uint32_t base = pc_ - 2;  // the extension word's own address
      const auto disp = static_cast<std::int16_t>(read_extension(false));
      return {Operand::Memory, 0, true, base + static_cast<std::uint32_t>(disp)};
    }
    case 3: {
      if (level_ >= CpuLevel::M68020) {
        const std::uint32_t base = pc_ - 2;
        const std::uint16_t ext = read_extension();
        return {Operand::Memory, 0, true, indexed_address_020(base, ext)};
      }
      idle(2);
      const std::uint32_t base = pc_ - 2;
      const std::uint16_t ext = read_extension(false);
      return {Operand::Memory, 0, true, base + index_displacement(ext)};
    }
    default: {
      const std::uint32_t value =
          size == Size::Long ? read_extension_long() : (read_extension() & size_mask(size));
      return {Operand::Immediate, 0, false, value};
    }
  }
}

// A PC-relative operand: read in program space (UM 6.2), a long as two words.
std::uint32_t M68000Core::read_program_operand(std::uint32_t address, Size size) {
  if (size == Size::Long) {
    const std::uint32_t high = read_word(address, true);
    return (high << 16) | read_word(address + 2, true);
  }
  return size == Size::Word ? read_word(address, true) : read_byte(address, true);
}

}  // namespace anvil::m68k
