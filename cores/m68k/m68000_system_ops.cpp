// System control and traps: RTE, TRAP, TRAPV, CHK, STOP, RESET, TAS, the illegal and
// unimplemented opcodes, and the status-register moves (PRM 4, 6; UM 6.3).
#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68000_handlers.h"

namespace anvil::m68k {

namespace {

// After a write to SR the queue is refetched from the next instruction: "np np".
void refill_queue(M68000Core& cpu) {
  cpu.jump_fill_first(cpu.pc_value() - 2);
  cpu.prefetch();
}

}  // namespace

void op_rte(M68000Core& cpu, std::uint16_t) {
  if (!cpu.supervisor()) return cpu.privilege_violation();
  cpu.return_from_exception();
}

void op_trap(M68000Core& cpu, std::uint16_t op) {
  cpu.trap(op & 15);
}

// TRAPV: "np" when V is clear; with V set the trap stacks the next instruction.
void op_trapv(M68000Core& cpu, std::uint16_t) {
  if (!cpu.flag(kV)) return cpu.prefetch();
  // The trap begins (supervisor state) before the prefetch, which is fetched as supervisor
  // program (vectors); the next instruction's address is stacked.
  const std::uint32_t next = cpu.pc_value() - 2;
  const std::uint16_t old_sr = cpu.sr();
  cpu.set_sr(static_cast<std::uint16_t>((old_sr | kSupervisor) & ~kTrace));
  cpu.prefetch();
  cpu.exception(kVectorTrapv, next, old_sr);
}

// CHK <ea>,Dn (PRM 4-69): traps when Dn.w > the operand (checked first) or Dn.w < 0. No
// trap: "nnn np". The flags: N from Dn (set for Dn < 0), Z from Dn, V and C clear (vectors).
void op_chk(M68000Core& cpu, std::uint16_t op) {
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), Size::Word);
  const auto bound = static_cast<std::int16_t>(cpu.read_operand(src, Size::Word));
  const auto value = static_cast<std::int16_t>(cpu.d[reg9(op)]);
  set_logic_flags(cpu, cpu.d[reg9(op)], Size::Word);
  cpu.idle(4);
  if (value > bound) {
    cpu.idle(4);
    cpu.exception(kVectorChk, cpu.pc_value() - 2);
    return;
  }
  if (value < 0) {
    // Two clocks fewer when Dn - operand overflows 16 bits (vectors: the microcode's
    // comparison takes its other branch).
    const int difference = value - bound;
    if (difference >= -32768) cpu.idle(2);
    cpu.idle(4);
    cpu.exception(kVectorChk, cpu.pc_value() - 2);
    return;
  }
  cpu.idle(2);
  cpu.prefetch();
}

void op_stop(M68000Core& cpu, std::uint16_t) {
  if (!cpu.supervisor()) return cpu.privilege_violation();
  cpu.stop(cpu.irc());
}

void op_reset(M68000Core& cpu, std::uint16_t) {
  if (!cpu.supervisor()) return cpu.privilege_violation();
  cpu.reset_instruction();
}

// TAS <ea>: on Dn "np"; on memory an indivisible read-modify-write "nr n nw np".
void op_tas(M68000Core& cpu, std::uint16_t op) {
  if (ea_mode(op) == 0) {
    const unsigned dn = ea_reg(op);
    set_logic_flags(cpu, cpu.d[dn], Size::Byte);
    cpu.d[dn] |= 0x80;
    cpu.prefetch();
    return;
  }
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), Size::Byte);
  cpu.read_modify_write_byte(dst.address, [](M68000Core& c, std::uint8_t v) -> std::uint8_t {
    set_logic_flags(c, v, Size::Byte);
    return static_cast<std::uint8_t>(v | 0x80);
  });
  cpu.prefetch();
}

void op_illegal(M68000Core& cpu, std::uint16_t) {
  cpu.illegal_instruction(kVectorIllegal);
}
void op_line_a(M68000Core& cpu, std::uint16_t) {
  cpu.illegal_instruction(kVectorLineA);
}
void op_line_f(M68000Core& cpu, std::uint16_t) {
  cpu.illegal_instruction(kVectorLineF);
}

// MOVE from SR (not privileged on the 68000, privileged from the 68010 on: PRM 6-17):
// Dn "np n"; memory "nr np nw".
void op_move_from_sr(M68000Core& cpu, std::uint16_t op) {
  if (cpu.at_least(CpuLevel::M68010) && !cpu.supervisor()) return cpu.privilege_violation();
  const std::uint16_t value = cpu.sr();
  if (ea_mode(op) == 0) {
    cpu.prefetch();
    cpu.idle(2);
    const unsigned dn = ea_reg(op);
    cpu.d[dn] = (cpu.d[dn] & 0xFFFF0000u) | value;
    return;
  }
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), Size::Word);
  cpu.read(Size::Word, dst.address);
  cpu.prefetch();
  cpu.write(Size::Word, dst.address, value);
}

// MOVE <ea>,CCR and MOVE <ea>,SR: the operand, "nn", then the queue refetched ("np np").
void op_move_to_ccr(M68000Core& cpu, std::uint16_t op) {
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), Size::Word);
  const std::uint32_t value = cpu.read_operand(src, Size::Word);
  cpu.set_ccr(static_cast<std::uint8_t>(value));
  cpu.idle(4);
  refill_queue(cpu);
}

void op_move_to_sr(M68000Core& cpu, std::uint16_t op) {
  if (!cpu.supervisor()) return cpu.privilege_violation();
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), Size::Word);
  const std::uint32_t value = cpu.read_operand(src, Size::Word);
  cpu.set_sr(static_cast<std::uint16_t>(value));
  cpu.idle(4);
  refill_queue(cpu);
}

// MOVE USP,An / MOVE An,USP (privileged): "np".
void op_move_usp(M68000Core& cpu, std::uint16_t op) {
  if (!cpu.supervisor()) return cpu.privilege_violation();
  const unsigned reg = ea_reg(op);
  if (op & 8)
    cpu.a[reg] = cpu.usp();
  else
    cpu.set_usp(cpu.a[reg]);
  cpu.prefetch();
}

// ORI/ANDI/EORI to CCR and to SR (the SR forms privileged): "np nnnn np np".
void op_immediate_to_sr(M68000Core& cpu, std::uint16_t op) {
  const bool whole_sr = op & 0x40;
  if (whole_sr && !cpu.supervisor()) return cpu.privilege_violation();
  const std::uint16_t imm = cpu.read_extension();
  std::uint16_t value = whole_sr ? cpu.sr() : (cpu.sr() & 0xFF);
  switch ((op >> 9) & 7) {
    case 0:
      value |= imm;
      break;
    case 1:
      value &= imm;
      break;
    default:
      value ^= imm;
      break;
  }
  if (whole_sr)
    cpu.set_sr(value);
  else
    cpu.set_ccr(static_cast<std::uint8_t>(value));
  cpu.idle(8);
  refill_queue(cpu);
}

}  // namespace anvil::m68k
