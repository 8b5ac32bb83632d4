// MOVEM and MOVEP (PRM 4-128, 4-133). MOVEM's register mask is the first extension word;
// loads read one extra word after the last register (UM 8, Table 8-10: 12+4n / 12+8n).
#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68000_handlers.h"

namespace anvil::m68k {

namespace {
std::uint32_t& movem_register(M68000Core& cpu, unsigned index) {
  return index < 8 ? cpu.d[index] : cpu.a[index - 8];
}
}  // namespace

// MOVEM registers to memory. With -(An) the mask is reversed (bit 0 = A7) and registers are
// stored from A7 down to D0; An ends at the last address written.
void op_movem_to_memory(M68000Core& cpu, std::uint16_t op) {
  const Size size = (op & 0x40) ? Size::Long : Size::Word;
  const std::uint16_t mask = cpu.read_extension();
  const unsigned mode = ea_mode(op), reg = ea_reg(op);
  const unsigned step = static_cast<unsigned>(size);
  cpu.advance_fault_pc(mode == 5 || mode == 6 ? 4 : 2);  // vectors
  if (mode == 4) {
    std::uint32_t address = cpu.a[reg];
    for (unsigned i = 0; i < 16; ++i) {
      if (!(mask & (1u << i))) continue;
      const std::uint32_t value = movem_register(cpu, 15 - i);
      address -= step;
      if (size == Size::Long) {
        cpu.write_word(address + 2, static_cast<std::uint16_t>(value));
        cpu.write_word(address, static_cast<std::uint16_t>(value >> 16));
      } else {
        cpu.write_word(address, static_cast<std::uint16_t>(value));
      }
    }
    cpu.a[reg] = address;
    cpu.prefetch();
    return;
  }
  const Operand dst = cpu.ea(mode, reg, size);
  cpu.drop_deferred_pc_advance();
  std::uint32_t address = dst.address;
  for (unsigned i = 0; i < 16; ++i) {
    if (!(mask & (1u << i))) continue;
    cpu.write(size, address, movem_register(cpu, i));
    address += step;
  }
  cpu.prefetch();
}

// MOVEM memory to registers: each word sign-extended to 32 bits; (An)+ leaves An after the
// last register read.
void op_movem_to_registers(M68000Core& cpu, std::uint16_t op) {
  const Size size = (op & 0x40) ? Size::Long : Size::Word;
  const std::uint16_t mask = cpu.read_extension();
  const unsigned mode = ea_mode(op), reg = ea_reg(op);
  cpu.advance_fault_pc(mode == 5 || mode == 6 || (mode == 7 && reg >= 2) ? 4 : 2);  // vectors
  const Operand src = cpu.ea(mode == 3 ? 2 : mode, reg, size);
  cpu.drop_deferred_pc_advance();
  const bool program = src.program;
  std::uint32_t address = src.address;
  for (unsigned i = 0; i < 16; ++i) {
    if (!(mask & (1u << i))) continue;
    std::uint32_t value;
    if (size == Size::Long) {
      const std::uint32_t high = cpu.read_word(address, program);
      value = (high << 16) | cpu.read_word(address + 2, program);
    } else {
      value = sign_extend_to_32(cpu.read_word(address, program), Size::Word);
    }
    movem_register(cpu, i) = value;
    address += static_cast<unsigned>(size);
  }
  // The 68000's extra read past the last register (the 68020 has none: a fault there
  // would be spurious).
  if (!cpu.fast_bus()) cpu.read_word(address, program);
  if (mode == 3) cpu.a[reg] = address;
  cpu.prefetch();
}

// MOVEP Dn <-> d16(An): alternate bytes, high byte first. "np nr nr np" (longs four byte
// cycles).
void op_movep(M68000Core& cpu, std::uint16_t op) {
  const unsigned dn = reg9(op), an = ea_reg(op);
  const unsigned opmode = (op >> 6) & 3;  // 0 w mem->reg, 1 l mem->reg, 2 w reg->mem, 3 l
  const bool is_long = opmode & 1;
  const std::uint32_t address = cpu.a[an] + sign_extend_to_32(cpu.read_extension(), Size::Word);
  const unsigned bytes = is_long ? 4 : 2;
  if (opmode < 2) {
    std::uint32_t value = 0;
    for (unsigned i = 0; i < bytes; ++i) value = (value << 8) | cpu.read_byte(address + 2 * i);
    if (is_long)
      cpu.d[dn] = value;
    else
      cpu.d[dn] = (cpu.d[dn] & 0xFFFF0000u) | value;
  } else {
    const std::uint32_t value = cpu.d[dn];
    for (unsigned i = 0; i < bytes; ++i)
      cpu.write_byte(address + 2 * i, static_cast<std::uint8_t>(value >> (8 * (bytes - 1 - i))));
  }
  cpu.prefetch();
}

}  // namespace anvil::m68k
