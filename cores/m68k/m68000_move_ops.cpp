// Data movement: MOVE, MOVEA, MOVEQ, LEA, PEA, EXG, LINK, UNLK (PRM 4). Bus order per
// UM 8 (Tables 8-2, 8-3, 8-10) as the vectors record it.
#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68000_handlers.h"

namespace anvil::m68k {

namespace {

Size move_size(std::uint16_t op) {
  const unsigned s = (op >> 12) & 3;
  return s == 1 ? Size::Byte : s == 3 ? Size::Word : Size::Long;
}

// Pushes a long, high word at the new SP first (JSR, BSR, PEA, LINK: "nS ns").
void push_long_high_first(M68000Core& cpu, std::uint32_t value) {
  cpu.a[7] -= 4;
  cpu.write(Size::Long, cpu.a[7], value);
}

// The flags while MOVE.l writes its destination of `mode` (mode 7: `reg` says which), before
// its final flags: a fault on the write stacks them. The microcode sets them as the value
// passes the ALU, so they depend on the modes (vectors): from the low word after a memory
// source into (An), (An)+ or (xxx).l; unchanged after a register or immediate source into
// (An) or (An)+; N and Z of the value with V and C kept after such a source into (d16,An)
// or (d8,An,Xn); the final flags otherwise.
std::uint16_t flags_during_long_write(std::uint16_t before, std::uint32_t value, bool memory_source,
                                      unsigned mode, unsigned reg) {
  const bool simple_destination = mode == 2 || mode == 3;
  auto nz = [](std::uint32_t v, std::uint32_t sign) {
    return static_cast<std::uint16_t>((v == 0 ? kZ : 0) | ((v & sign) ? kN : 0));
  };
  const std::uint16_t x = before & kX;
  if (memory_source) {
    if (simple_destination || (mode == 7 && reg == 1)) return x | nz(value & 0xFFFF, 0x8000);
    return x | nz(value, 0x80000000u);
  }
  if (simple_destination) return before;
  if (mode == 5 || mode == 6)
    return static_cast<std::uint16_t>(x | nz(value, 0x80000000u) | (before & (kV | kC)));
  return x | nz(value, 0x80000000u);
}

// Writes MOVE's result to memory and sets the flags, with the flags a fault on the write
// would stack. `move_pc`: the write moves the stacked PC by 2 (vectors).
void move_write(M68000Core& cpu, Size size, std::uint32_t address, std::uint32_t value,
                bool memory_source, unsigned mode, unsigned reg, bool move_pc) {
  const std::uint16_t before = cpu.sr() & 0x1F;
  set_logic_flags(cpu, value, size);
  const std::uint16_t final_flags = cpu.sr() & 0x1F;
  if (size == Size::Long)
    cpu.set_ccr(static_cast<std::uint8_t>(
        flags_during_long_write(before, value, memory_source, mode, reg)));
  if (move_pc) cpu.advance_fault_pc(2);
  if (mode == 4 && size == Size::Long)
    cpu.write_long_low_first(address, value);
  else
    cpu.write(size, address, value);
  cpu.set_ccr(static_cast<std::uint8_t>(final_flags));
}

}  // namespace

// MOVE <ea>,<ea> (PRM 4-116). The destination's extension words are read after the source
// operand; the final prefetch comes before the write for -(An) and after it otherwise.
void op_move(M68000Core& cpu, std::uint16_t op) {
  const Size size = move_size(op);
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), size);
  const std::uint32_t value = cpu.read_operand(src, size);
  const unsigned mode = (op >> 6) & 7, reg = reg9(op);
  if (cpu.fast_bus()) {
    // 68020+: no bus order to keep; the flags a faulting write stacks are the final ones.
    set_logic_flags(cpu, value, size);
    if (mode == 0) {
      const std::uint32_t mask = size_mask(size);
      cpu.d[reg] = (cpu.d[reg] & ~mask) | value;
    } else {
      cpu.write(size, cpu.ea(mode, reg, size).address, value);
    }
    return cpu.prefetch();
  }
  const bool memory_source = src.kind == Operand::Memory;
  if (mode == 0) {
    set_logic_flags(cpu, value, size);
    cpu.prefetch();
    const std::uint32_t mask = size_mask(size);
    cpu.d[reg] = (cpu.d[reg] & ~mask) | value;
    return;
  }
  if (mode == 4 && size == Size::Long) {
    // vectors: An is written back after the long, and IRD keeps this opcode until then (an
    // odd An faults on the low word at An - 2 with An unchanged and this opcode stacked).
    const std::uint32_t address = cpu.a[reg] - 4;
    const std::uint16_t opcode = cpu.ird();
    cpu.prefetch();
    const std::uint16_t next = cpu.ird();
    cpu.set_ird(opcode);
    move_write(cpu, size, address, value, memory_source, mode, reg, false);
    cpu.set_ird(next);
    cpu.a[reg] = address;
    return;
  }
  if (mode == 4) {
    const Operand dst = cpu.ea(4, reg, size, false);
    cpu.prefetch();
    move_write(cpu, size, dst.address, value, memory_source, mode, reg, false);
    return;
  }
  if (mode == 7 && reg == 1 && memory_source) {
    // (xxx).l after a memory source: the low address word is used from IRC and fetched past
    // after the write ("np nw np np").
    const std::uint32_t high = cpu.read_extension();
    const std::uint32_t address = (high << 16) | cpu.irc();
    move_write(cpu, size, address, value, memory_source, mode, reg, false);
    cpu.read_extension(false);
    cpu.prefetch();
    return;
  }
  if (mode == 3) {
    // (An)+: An is incremented once the write is done (vectors: a fault leaves it).
    const std::uint32_t address = cpu.a[reg];
    move_write(cpu, size, address, value, memory_source, mode, reg, true);
    cpu.ea(3, reg, size);
    cpu.prefetch();
    return;
  }
  const Operand dst = cpu.ea(mode, reg, size);
  // vectors: a write to an absolute address does not move the stacked PC.
  move_write(cpu, size, dst.address, value, memory_source, mode, reg, mode != 7);
  cpu.prefetch();
}

// MOVEA <ea>,An: the source sign-extended, no flags. "np".
void op_movea(M68000Core& cpu, std::uint16_t op) {
  const Size size = move_size(op);
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), size);
  const std::uint32_t value = sign_extend_to_32(cpu.read_operand(src, size), size);
  cpu.prefetch();
  cpu.a[reg9(op)] = value;
}

// MOVEQ #d8,Dn: "np".
void op_moveq(M68000Core& cpu, std::uint16_t op) {
  const std::uint32_t value = sign_extend_to_32(op & 0xFF, Size::Byte);
  cpu.d[reg9(op)] = value;
  set_logic_flags(cpu, value, Size::Long);
  cpu.prefetch();
}

// LEA <ea>,An: the address only. The index modes take two more idle clocks ("n np n np").
void op_lea(M68000Core& cpu, std::uint16_t op) {
  const unsigned mode = ea_mode(op), reg = ea_reg(op);
  const Operand src = cpu.ea(mode, reg, Size::Long);
  if (mode == 6 || (mode == 7 && reg == 3)) cpu.idle(2);
  cpu.prefetch();
  cpu.a[reg9(op)] = src.address;
}

// PEA <ea>: the address pushed, high word first. The absolute modes push before their final
// prefetch, the others after it (vectors).
void op_pea(M68000Core& cpu, std::uint16_t op) {
  const unsigned mode = ea_mode(op), reg = ea_reg(op);
  const Operand src = cpu.ea(mode, reg, Size::Long);
  if (mode == 6 || (mode == 7 && reg == 3)) cpu.idle(2);
  if (mode == 7 && reg < 2) {
    push_long_high_first(cpu, src.address);
    cpu.prefetch();
    return;
  }
  cpu.prefetch();
  push_long_high_first(cpu, src.address);
}

// EXG: "np n".
void op_exg(M68000Core& cpu, std::uint16_t op) {
  const unsigned x = reg9(op), y = ea_reg(op);
  switch ((op >> 3) & 0x1F) {
    case 0x08:
      std::swap(cpu.d[x], cpu.d[y]);
      break;
    case 0x09:
      std::swap(cpu.a[x], cpu.a[y]);
      break;
    default:
      std::swap(cpu.d[x], cpu.a[y]);
      break;
  }
  cpu.prefetch();
  cpu.idle(2);
}

// LINK An,#d16: "np nS ns np" — push An, An = SP, SP += d16.
void op_link(M68000Core& cpu, std::uint16_t op) {
  const unsigned reg = ea_reg(op);
  const auto displacement = static_cast<std::int16_t>(cpu.read_extension());
  const std::uint32_t sp = cpu.a[7] - 4;
  cpu.write(Size::Long, sp, cpu.a[reg]);  // LINK A7 pushes A7 as it was (vectors)
  cpu.a[7] = sp;
  cpu.a[reg] = sp;
  cpu.a[7] += static_cast<std::uint32_t>(displacement);
  cpu.prefetch();
}

// UNLK An: SP = An, An = (SP)+. "nU nu np".
void op_unlk(M68000Core& cpu, std::uint16_t op) {
  const unsigned reg = ea_reg(op);
  const std::uint32_t address = cpu.a[reg];
  cpu.advance_fault_pc(2);
  const std::uint32_t value = cpu.read(Size::Long, address);
  cpu.a[7] = address + 4;
  cpu.a[reg] = value;
  cpu.prefetch();
}

}  // namespace anvil::m68k
