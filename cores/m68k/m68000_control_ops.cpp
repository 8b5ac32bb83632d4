// Program control: Bcc, BRA, BSR, DBcc, Scc, JMP, JSR, RTS, RTR, NOP (PRM 4). A taken
// branch refills the queue at its target: "np np" after its idle clocks (UM 8, Table 8-8).
#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68000_handlers.h"

namespace anvil::m68k {

namespace {

// Refills the prefetch queue at `target` (a taken branch or jump): "np np".
void jump(M68000Core& cpu, std::uint32_t target) {
  cpu.jump_fill_first(target);
  cpu.prefetch();
}

// The address a JMP/JSR goes to. Its extension words are used straight from the queue (the
// queue is refilled at the target anyway); `return_address` is where the instruction ends.
std::uint32_t control_target(M68000Core& cpu, std::uint16_t op, std::uint32_t& return_address) {
  const unsigned mode = ea_mode(op), reg = ea_reg(op);
  if (cpu.at_least(CpuLevel::M68020) && (mode == 6 || (mode == 7 && reg == 3))) {
    // The 68020's index modes have a variable number of extension words: read them all.
    const Operand target = cpu.ea(mode, reg, Size::Long);
    return_address = cpu.pc_value() - 2;
    return target.address;
  }
  const std::uint32_t extension_address = cpu.pc_value() - 2;  // where IRC came from
  return_address = extension_address + 2;
  switch (mode) {
    case 2:
      return_address = extension_address;
      return cpu.a[reg];
    case 5:
      cpu.idle(2);
      return cpu.a[reg] + sign_extend_to_32(cpu.irc(), Size::Word);
    case 6:
      cpu.idle(6);
      return cpu.a[reg] + cpu.index_displacement(cpu.irc());
    default:
      break;
  }
  switch (reg) {
    case 0:
      cpu.idle(2);
      return sign_extend_to_32(cpu.irc(), Size::Word);
    case 1: {
      const std::uint32_t high = cpu.read_extension(false);
      return_address = cpu.pc_value();
      return (high << 16) | cpu.irc();
    }
    case 2:
      cpu.idle(2);
      return extension_address + sign_extend_to_32(cpu.irc(), Size::Word);
    default:
      cpu.idle(6);
      return extension_address + cpu.index_displacement(cpu.irc());
  }
}

}  // namespace

// Bcc/BRA: taken "n np np"; not taken "nn np" (8-bit) or "nn np np" (16-bit, skipping the
// displacement word).
void op_bcc(M68000Core& cpu, std::uint16_t op) {
  const std::uint32_t base = cpu.pc_value() - 2;  // the address after the opcode
  const auto disp8 = static_cast<std::int8_t>(op & 0xFF);
  if (cpu.condition((op >> 8) & 15)) {
    cpu.idle(2);
    const std::uint32_t disp =
        disp8 ? sign_extend_to_32(op & 0xFF, Size::Byte) : sign_extend_to_32(cpu.irc(), Size::Word);
    jump(cpu, base + disp);
    return;
  }
  cpu.idle(4);
  if (!disp8) cpu.read_extension();
  cpu.prefetch();
}

// BSR: "n nS ns np np", pushing the address after the instruction.
void op_bsr(M68000Core& cpu, std::uint16_t op) {
  const std::uint32_t base = cpu.pc_value() - 2;
  const auto disp8 = static_cast<std::int8_t>(op & 0xFF);
  const std::uint32_t disp =
      disp8 ? sign_extend_to_32(op & 0xFF, Size::Byte) : sign_extend_to_32(cpu.irc(), Size::Word);
  const std::uint32_t return_address = disp8 ? base : base + 2;
  cpu.idle(2);
  cpu.a[7] -= 4;
  cpu.write(Size::Long, cpu.a[7], return_address);
  cpu.set_fault_pc(base + disp);  // an odd target faults with the target stacked (vectors)
  jump(cpu, base + disp);
}

// DBcc Dn,d16 (PRM 4-91): condition true "nn np np"; false and Dn.w != -1 "n np np";
// false and the count expired "n nr np np" (the target word is read and dropped).
void op_dbcc(M68000Core& cpu, std::uint16_t op) {
  const std::uint32_t base = cpu.pc_value() - 2;
  const std::uint32_t target = base + sign_extend_to_32(cpu.irc(), Size::Word);
  cpu.advance_fault_pc(2);
  if (cpu.condition((op >> 8) & 15)) {
    cpu.idle(4);
    cpu.read_extension();
    cpu.prefetch();
    return;
  }
  const unsigned reg = ea_reg(op);
  const auto count = static_cast<std::uint16_t>(cpu.d[reg] - 1);
  cpu.idle(2);
  if (count != 0xFFFF) {
    // The counter is written back once the target's first word came in (vectors: an odd
    // target faults with Dn unchanged).
    cpu.jump_fill_first(target);
    cpu.d[reg] = (cpu.d[reg] & 0xFFFF0000u) | count;
    cpu.prefetch();
    return;
  }
  cpu.d[reg] = (cpu.d[reg] & 0xFFFF0000u) | count;
  cpu.read_word(target, true);
  cpu.read_extension();
  cpu.prefetch();
}

// Scc <ea>: on Dn "np" (false) or "np n" (true); on memory "nr np nw".
void op_scc(M68000Core& cpu, std::uint16_t op) {
  const bool set = cpu.condition((op >> 8) & 15);
  const std::uint32_t value = set ? 0xFF : 0x00;
  if (ea_mode(op) == 0) {
    cpu.prefetch();
    if (set) cpu.idle(2);
    cpu.d[ea_reg(op)] = (cpu.d[ea_reg(op)] & ~0xFFu) | value;
    return;
  }
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), Size::Byte);
  cpu.read(Size::Byte, dst.address);
  cpu.prefetch();
  cpu.write(Size::Byte, dst.address, value);
}

// JMP <ea>: "np np" at the target after the mode's idle clocks.
void op_jmp(M68000Core& cpu, std::uint16_t op) {
  std::uint32_t return_address = 0;
  const std::uint32_t target = control_target(cpu, op, return_address);
  jump(cpu, target);
}

// JSR <ea>: "np nS ns np" — the target's first word is fetched before the push.
void op_jsr(M68000Core& cpu, std::uint16_t op) {
  std::uint32_t return_address = 0;
  const std::uint32_t target = control_target(cpu, op, return_address);
  // vectors: the stacked PC when the target faults
  if (ea_mode(op) != 2) cpu.advance_fault_pc(ea_mode(op) == 7 && ea_reg(op) == 1 ? 4 : 2);
  cpu.jump_fill_first(target);
  cpu.a[7] -= 4;
  cpu.write(Size::Long, cpu.a[7], return_address);
  cpu.prefetch();
}

// RTS: "nU nu np np".
void op_rts(M68000Core& cpu, std::uint16_t) {
  const std::uint32_t target = cpu.read(Size::Long, cpu.a[7]);
  cpu.a[7] += 4;
  jump(cpu, target);
}

// RTR: CCR, then PC, from the stack: "nu nU nu np np".
void op_rtr(M68000Core& cpu, std::uint16_t) {
  const std::uint16_t ccr = cpu.read_word(cpu.a[7]);
  const std::uint32_t target = cpu.read(Size::Long, cpu.a[7] + 2);
  cpu.a[7] += 6;
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
  jump(cpu, target);
}

void op_nop(M68000Core& cpu, std::uint16_t) {
  cpu.prefetch();
}

}  // namespace anvil::m68k
