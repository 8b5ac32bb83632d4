// Integer arithmetic and logic: ADD, SUB, AND, OR, EOR in all their forms, CMP, the
// immediate and quick forms, ADDX/SUBX, CMPM, NEG/NEGX/CLR/NOT, TST, EXT, SWAP (PRM 4).
// Bus order per UM 8 (Tables 8-4 to 8-7); a memory long is written low word first in
// read-modify-write instructions ("np nw nW").
#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68000_handlers.h"

namespace anvil::m68k {

namespace {

std::uint32_t apply(M68000Core& cpu, AluOp operation, Size size, std::uint32_t src,
                    std::uint32_t dst) {
  std::uint32_t result = 0;
  switch (operation) {
    case AluOp::Add:
      return add(cpu, size, src, dst);
    case AluOp::Sub:
      return subtract(cpu, size, src, dst);
    case AluOp::Cmp:
      compare(cpu, size, src, dst);
      return dst;
    case AluOp::Or:
      result = src | dst;
      break;
    case AluOp::And:
      result = src & dst;
      break;
    case AluOp::Eor:
      result = src ^ dst;
      break;
  }
  set_logic_flags(cpu, result, size);
  return result & size_mask(size);
}

void set_data_register(M68000Core& cpu, unsigned reg, Size size, std::uint32_t value) {
  const std::uint32_t mask = size_mask(size);
  cpu.d[reg] = (cpu.d[reg] & ~mask) | (value & mask);
}

// Writes a read-modify-write result: longs low word first (UM 8).
void write_back(M68000Core& cpu, Size size, std::uint32_t address, std::uint32_t value) {
  if (size == Size::Long)
    cpu.write_long_low_first(address, value);
  else
    cpu.write(size, address, value);
}

bool register_or_immediate(const Operand& op) {
  return op.kind != Operand::Memory;
}

}  // namespace

// ADD/SUB/AND/OR <ea>,Dn: "np", and for longs two more idle clocks ("np nn" from a register
// or immediate, "np n" from memory).
void op_add_sub_to_register(M68000Core& cpu, std::uint16_t op) {
  const Size size = size_at6(op);
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), size);
  const std::uint32_t value = cpu.read_operand(src, size);
  const unsigned dn = reg9(op);
  const std::uint32_t result = apply(cpu, line_operation(op), size, value, cpu.d[dn]);
  cpu.prefetch();
  if (size == Size::Long) cpu.idle(register_or_immediate(src) ? 4 : 2);
  set_data_register(cpu, dn, size, result);
}

// ADD/SUB/AND/OR/EOR Dn,<ea>: "nr np nw" (longs "nR nr np nw nW").
void op_add_sub_to_memory(M68000Core& cpu, std::uint16_t op) {
  const Size size = size_at6(op);
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), size);
  const std::uint32_t value = cpu.read(size, dst.address);
  const std::uint32_t result = apply(cpu, line_operation(op), size, cpu.d[reg9(op)], value);
  cpu.prefetch();
  write_back(cpu, size, dst.address, result);
}

// EOR Dn,Dm: "np", longs "np nn".
void op_eor_register(M68000Core& cpu, std::uint16_t op) {
  const Size size = size_at6(op);
  const unsigned dst = ea_reg(op);
  const std::uint32_t result = apply(cpu, AluOp::Eor, size, cpu.d[reg9(op)], cpu.d[dst]);
  cpu.prefetch();
  if (size == Size::Long) cpu.idle(4);
  set_data_register(cpu, dst, size, result);
}

// CMP <ea>,Dn: "np", longs "np n".
void op_cmp(M68000Core& cpu, std::uint16_t op) {
  const Size size = size_at6(op);
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), size);
  const std::uint32_t value = cpu.read_operand(src, size);
  compare(cpu, size, value, cpu.d[reg9(op)]);
  cpu.prefetch();
  if (size == Size::Long) cpu.idle(2);
}

// ADDA/SUBA <ea>,An: the source sign-extended to 32 bits, no flags. "np nn" for words and
// register/immediate longs, "np n" for longs from memory.
void op_adda_suba(M68000Core& cpu, std::uint16_t op) {
  const Size size = (op & 0x100) ? Size::Long : Size::Word;
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), size);
  const std::uint32_t value = sign_extend_to_32(cpu.read_operand(src, size), size);
  const unsigned an = reg9(op);
  const std::uint32_t result = (op >> 12) == 0xD ? cpu.a[an] + value : cpu.a[an] - value;
  cpu.prefetch();
  cpu.idle(size == Size::Word || register_or_immediate(src) ? 4 : 2);
  cpu.a[an] = result;
}

// CMPA <ea>,An: a 32-bit compare. "np n".
void op_cmpa(M68000Core& cpu, std::uint16_t op) {
  const Size size = (op & 0x100) ? Size::Long : Size::Word;
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), size);
  const std::uint32_t value = sign_extend_to_32(cpu.read_operand(src, size), size);
  compare(cpu, Size::Long, value, cpu.a[reg9(op)]);
  cpu.prefetch();
  cpu.idle(2);
}

// ORI/ANDI/SUBI/ADDI/EORI/CMPI #,<ea>: the immediate first, then as the register or
// memory forms above.
void op_immediate(M68000Core& cpu, std::uint16_t op) {
  static constexpr AluOp kOps[8] = {AluOp::Or,  AluOp::And, AluOp::Sub, AluOp::Add,
                                    AluOp::Add, AluOp::Eor, AluOp::Cmp, AluOp::Add};
  const AluOp operation = kOps[(op >> 9) & 7];
  const Size size = size_at6(op);
  const std::uint32_t imm =
      size == Size::Long ? cpu.read_extension_long() : (cpu.read_extension() & size_mask(size));
  if (ea_mode(op) == 0) {
    const unsigned dn = ea_reg(op);
    const std::uint32_t result = apply(cpu, operation, size, imm, cpu.d[dn]);
    cpu.prefetch();
    if (size == Size::Long) cpu.idle(operation == AluOp::Cmp ? 2 : 4);
    if (operation != AluOp::Cmp) set_data_register(cpu, dn, size, result);
    return;
  }
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), size);
  const std::uint32_t value = cpu.read(size, dst.address);
  const std::uint32_t result = apply(cpu, operation, size, imm, value);
  cpu.prefetch();
  if (operation != AluOp::Cmp) write_back(cpu, size, dst.address, result);
}

// ADDQ/SUBQ #1-8,<ea>. To An: all 32 bits, no flags, "np nn".
void op_addq_subq(M68000Core& cpu, std::uint16_t op) {
  const Size size = size_at6(op);
  const std::uint32_t quick = reg9(op) == 0 ? 8 : reg9(op);
  const AluOp operation = (op & 0x100) ? AluOp::Sub : AluOp::Add;
  const unsigned mode = ea_mode(op), reg = ea_reg(op);
  if (mode == 1) {
    cpu.prefetch();
    cpu.idle(4);
    cpu.a[reg] = operation == AluOp::Add ? cpu.a[reg] + quick : cpu.a[reg] - quick;
    return;
  }
  if (mode == 0) {
    const std::uint32_t result = apply(cpu, operation, size, quick, cpu.d[reg]);
    cpu.prefetch();
    if (size == Size::Long) cpu.idle(4);
    set_data_register(cpu, reg, size, result);
    return;
  }
  const Operand dst = cpu.ea(mode, reg, size);
  const std::uint32_t value = cpu.read(size, dst.address);
  const std::uint32_t result = apply(cpu, operation, size, quick, value);
  cpu.prefetch();
  write_back(cpu, size, dst.address, result);
}

// ADDX/SUBX Dy,Dx ("np", longs "np nn") and -(Ay),-(Ax) ("n nr nr np nw"; longs read and
// write the low word first as the address counts down).
void op_addx_subx(M68000Core& cpu, std::uint16_t op) {
  const Size size = size_at6(op);
  const unsigned x = reg9(op), y = ea_reg(op);
  const bool is_add = (op >> 12) == 0xD;
  auto operate = [&](std::uint32_t src, std::uint32_t dst) {
    return is_add ? add(cpu, size, src, dst, Extend::Use)
                  : subtract(cpu, size, src, dst, Extend::Use);
  };
  if (!(op & 8)) {
    const std::uint32_t result = operate(cpu.d[y], cpu.d[x]);
    cpu.prefetch();
    if (size == Size::Long) cpu.idle(4);
    set_data_register(cpu, x, size, result);
    return;
  }
  cpu.idle(2);
  cpu.advance_fault_pc(2);
  // Longs: An steps down a word at a time after each word, low word first (vectors: a fault
  // leaves An as it was).
  auto read_predecrement = [&](unsigned reg) -> std::pair<std::uint32_t, std::uint32_t> {
    if (size != Size::Long) {
      const Operand op = cpu.ea(4, reg, size, false);
      return {op.address, cpu.read(size, op.address)};
    }
    const std::uint32_t low = cpu.read_word(cpu.a[reg] - 2);
    cpu.a[reg] -= 2;
    const std::uint32_t high = cpu.read_word(cpu.a[reg] - 2);
    cpu.a[reg] -= 2;
    return {cpu.a[reg], (high << 16) | low};
  };
  const std::uint32_t s = read_predecrement(y).second;
  const auto [address, v] = read_predecrement(x);
  const Operand dst{Operand::Memory, 0, false, address};
  const std::uint32_t result = operate(s, v);
  if (size == Size::Long) {
    cpu.write_word(dst.address + 2, static_cast<std::uint16_t>(result));
    cpu.prefetch();
    cpu.write_word(dst.address, static_cast<std::uint16_t>(result >> 16));
  } else {
    cpu.prefetch();
    cpu.write(size, dst.address, result);
  }
}

// CMPM (Ay)+,(Ax)+: "nr nr np" (longs "nR nr nR nr np").
void op_cmpm(M68000Core& cpu, std::uint16_t op) {
  const Size size = size_at6(op);
  cpu.advance_fault_pc(2);
  // vectors: the source register steps before its read (a long a word at a time), the
  // destination register after its read; a fault shows which.
  const unsigned src = ea_reg(op), dst = reg9(op);
  std::uint32_t s;
  if (size == Size::Long) {
    const std::uint32_t address = cpu.a[src];
    cpu.a[src] += 2;
    const std::uint32_t high = cpu.read_word(address);
    cpu.a[src] += 2;
    s = (high << 16) | cpu.read_word(address + 2);
  } else {
    s = cpu.read(size, cpu.ea(3, src, size).address);
  }
  const std::uint32_t v = cpu.read(size, cpu.a[dst]);
  cpu.ea(3, dst, size);
  compare(cpu, size, s, v);
  cpu.prefetch();
}

// NEGX, CLR, NEG, NOT <ea>: on Dn "np" (longs "np n"); on memory "nr np nw" — CLR reads
// its operand first on the 68000 (UM 8, Table 8-6 note).
void op_unary(M68000Core& cpu, std::uint16_t op) {
  const Size size = size_at6(op);
  const unsigned kind = (op >> 9) & 3;  // 0 NEGX, 1 CLR, 2 NEG, 3 NOT
  auto operate = [&](std::uint32_t value) -> std::uint32_t {
    switch (kind) {
      case 0:
        return subtract(cpu, size, value, 0, Extend::Use);
      case 1:
        set_logic_flags(cpu, 0, size);
        return 0;
      case 2:
        return subtract(cpu, size, value, 0);
      default:
        set_logic_flags(cpu, ~value, size);
        return ~value & size_mask(size);
    }
  };
  if (ea_mode(op) == 0) {
    const unsigned dn = ea_reg(op);
    const std::uint32_t result = operate(cpu.d[dn] & size_mask(size));
    cpu.prefetch();
    if (size == Size::Long) cpu.idle(2);
    set_data_register(cpu, dn, size, result);
    return;
  }
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), size);
  const std::uint32_t value = cpu.read(size, dst.address);
  const std::uint32_t result = operate(value);
  cpu.prefetch();
  write_back(cpu, size, dst.address, result);
}

// TST <ea>: "np" after the operand.
void op_tst(M68000Core& cpu, std::uint16_t op) {
  const Size size = size_at6(op);
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), size);
  set_logic_flags(cpu, cpu.read_operand(src, size), size);
  cpu.prefetch();
}

// EXT.w (byte to word), EXT.l (word to long): "np".
void op_ext(M68000Core& cpu, std::uint16_t op) {
  const unsigned dn = ea_reg(op);
  if (op & 0x40) {
    cpu.d[dn] = sign_extend_to_32(cpu.d[dn] & 0xFFFF, Size::Word);
    set_logic_flags(cpu, cpu.d[dn], Size::Long);
  } else {
    const std::uint32_t word = sign_extend_to_32(cpu.d[dn] & 0xFF, Size::Byte) & 0xFFFF;
    cpu.d[dn] = (cpu.d[dn] & 0xFFFF0000u) | word;
    set_logic_flags(cpu, word, Size::Word);
  }
  cpu.prefetch();
}

// SWAP Dn: "np".
void op_swap(M68000Core& cpu, std::uint16_t op) {
  const unsigned dn = ea_reg(op);
  cpu.d[dn] = (cpu.d[dn] >> 16) | (cpu.d[dn] << 16);
  set_logic_flags(cpu, cpu.d[dn], Size::Long);
  cpu.prefetch();
}

}  // namespace anvil::m68k
