// Program and system control added after the 68000 (PRM 4, 6): long branches, TRAPcc, RTD,
// LINK.L, MOVEC, MOVES, MOVE from CCR, BKPT (68010+/68020+), and the 68040's MOVE16 and
// cache/MMU maintenance instructions.
#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68020_handlers.h"

namespace anvil::m68k {

namespace {

void jump(M68000Core& cpu, std::uint32_t target) {
  cpu.jump_fill_first(target);
  cpu.prefetch();
}

void push_long(M68000Core& cpu, std::uint32_t value) {
  cpu.a[7] -= 4;
  cpu.write(Size::Long, cpu.a[7], value);
}

}  // namespace

// Bcc.L / BRA.L (PRM 4-25): an 8-bit displacement of $FF means a 32-bit one follows; the
// base is the address after the opcode.
void op_bcc_long(M68000Core& cpu, std::uint16_t op) {
  const std::uint32_t base = cpu.instruction_address() + 2;
  const std::uint32_t displacement = cpu.read_extension_long();
  if (cpu.condition((op >> 8) & 15)) return jump(cpu, base + displacement);
  cpu.prefetch();
}

void op_bsr_long(M68000Core& cpu, std::uint16_t) {
  const std::uint32_t base = cpu.instruction_address() + 2;
  const std::uint32_t displacement = cpu.read_extension_long();
  push_long(cpu, base + 4);
  jump(cpu, base + displacement);
}

// TRAPcc [#data] (PRM 4-189): opmode 010 a word operand, 011 a long, 100 none (the operand
// is for the handler only). Traps through vector 7 with the next instruction stacked.
void op_trapcc(M68000Core& cpu, std::uint16_t op) {
  const unsigned opmode = op & 7;
  if (opmode == 2) cpu.read_extension();
  if (opmode == 3) cpu.read_extension_long();
  if (cpu.condition((op >> 8) & 15)) return cpu.exception(kVectorTrapv, cpu.pc_value() - 2);
  cpu.prefetch();
}

// RTD #d16 (PRM 4-167): return and free d16 bytes of arguments.
void op_rtd(M68000Core& cpu, std::uint16_t) {
  const std::uint32_t displacement = sign_extend_to_32(cpu.read_extension(), Size::Word);
  const std::uint32_t target = cpu.read(Size::Long, cpu.a[7]);
  cpu.a[7] += 4 + displacement;
  jump(cpu, target);
}

// LINK.L An,#d32 (PRM 4-111).
void op_link_long(M68000Core& cpu, std::uint16_t op) {
  const unsigned reg = ea_reg(op);
  const std::uint32_t displacement = cpu.read_extension_long();
  push_long(cpu, cpu.a[reg]);  // LINK A7 pushes A7 as it was
  cpu.a[reg] = cpu.a[7];
  cpu.a[7] += displacement;
  cpu.prefetch();
}

// MOVE from CCR (68010+, PRM 4-123): the CCR zero-extended to a word.
void op_move_from_ccr(M68000Core& cpu, std::uint16_t op) {
  const std::uint16_t value = cpu.sr() & 0x1F;
  if (ea_mode(op) == 0) {
    std::uint32_t& dn = cpu.d[ea_reg(op)];
    dn = (dn & 0xFFFF0000u) | value;
  } else {
    const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), Size::Word);
    cpu.write(Size::Word, dst.address, value);
  }
  cpu.prefetch();
}

namespace {

// The control register MOVEC's code names on this CPU (PRM MOVEC: the table of control register
// codes), or null when the code is not one of this CPU's (an illegal instruction).
std::uint32_t* control_register(M68000Core& cpu, unsigned code) {
  ControlRegisters& c = cpu.control;
  const bool is_040 = cpu.level() == CpuLevel::M68040;
  const bool is_020 = cpu.at_least(CpuLevel::M68020);
  switch (code) {
    case 0x000:
      return &c.sfc;
    case 0x001:
      return &c.dfc;
    case 0x801:
      return &c.vbr;
    case 0x002:
      return is_020 ? &c.cacr : nullptr;
    case 0x802:
      return is_020 && !is_040 ? &c.caar : nullptr;
    case 0x003:
      return is_040 ? &c.tc : nullptr;
    case 0x004:
      return is_040 ? &c.itt0 : nullptr;
    case 0x005:
      return is_040 ? &c.itt1 : nullptr;
    case 0x006:
      return is_040 ? &c.dtt0 : nullptr;
    case 0x007:
      return is_040 ? &c.dtt1 : nullptr;
    case 0x805:
      return is_040 ? &c.mmusr : nullptr;
    case 0x806:
      return is_040 ? &c.urp : nullptr;
    case 0x807:
      return is_040 ? &c.srp : nullptr;
    default:
      return nullptr;
  }
}

// The bits of CACR that exist (020 UM 7.3.4: E, F; C and CE read as zero; 030 UM 6.4.1;
// 040 UM section 4, "Instruction and Data Caches": DE, IE).
std::uint32_t cacr_mask(CpuLevel level) {
  if (level == CpuLevel::M68040) return 0x80008000u;
  if (level == CpuLevel::M68030) return 0x00003313u;
  return 0x00000003u;
}

}  // namespace

// MOVEC Rc,Rn / Rn,Rc (68010+, privileged, PRM 6-23). Extension word: D/A (15), register
// (14-12), control register code (11-0). USP, MSP and ISP are the stack pointers.
void op_movec(M68000Core& cpu, std::uint16_t op) {
  if (!cpu.supervisor()) return cpu.privilege_violation();
  const std::uint16_t extension = cpu.irc();
  const unsigned code = extension & 0x0FFF;
  const bool to_control = op & 1;
  const bool has_stacks = cpu.at_least(CpuLevel::M68020);
  const bool is_stack = code == 0x800 || (has_stacks && (code == 0x803 || code == 0x804));
  std::uint32_t* control = control_register(cpu, code);
  if (!control && !is_stack) return cpu.illegal_instruction(kVectorIllegal);
  cpu.read_extension();
  const unsigned reg = (extension >> 12) & 7;
  std::uint32_t& rn = (extension & 0x8000) ? cpu.a[reg] : cpu.d[reg];
  if (!to_control) {
    if (code == 0x800)
      rn = cpu.usp();
    else if (code == 0x803)
      rn = cpu.msp();
    else if (code == 0x804)
      rn = cpu.isp();
    else
      rn = *control;
    return cpu.prefetch();
  }
  const std::uint32_t value = rn;
  if (code == 0x800)
    cpu.set_usp(value);
  else if (code == 0x803)
    cpu.set_msp(value);
  else if (code == 0x804)
    cpu.set_isp(value);
  else if (code <= 0x001)
    *control = value & 7;  // function codes are three bits
  else if (code == 0x002)
    *control = value & cacr_mask(cpu.level());
  else
    *control = value;
  cpu.prefetch();
}

// MOVES Rn,<ea> / <ea>,Rn (68010+, privileged, PRM 6-25): an access in the address space
// DFC/SFC name. Anvil's buses have one address space, so it is an ordinary access.
void op_moves(M68000Core& cpu, std::uint16_t op) {
  if (!cpu.supervisor()) return cpu.privilege_violation();
  const std::uint16_t extension = cpu.read_extension();
  const Size size = size_at6(op);
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), size);
  const unsigned reg = (extension >> 12) & 7;
  if (extension & 0x0800) {
    const std::uint32_t value = (extension & 0x8000) ? cpu.a[reg] : cpu.d[reg];
    cpu.write(size, dst.address, value);
  } else {
    const std::uint32_t value = cpu.read(size, dst.address);
    if (extension & 0x8000) {
      cpu.a[reg] = sign_extend_to_32(value, size);
    } else {
      const std::uint32_t mask = size_mask(size);
      cpu.d[reg] = (cpu.d[reg] & ~mask) | value;
    }
  }
  cpu.prefetch();
}

// BKPT #n (68010+, PRM 4-55): a breakpoint acknowledge cycle nothing answers, so the CPU
// takes the illegal-instruction exception (020 UM section 6, "Breakpoint Instruction").
void op_bkpt(M68000Core& cpu, std::uint16_t) {
  cpu.illegal_instruction(kVectorIllegal);
}

// MOVE16 (MC68040, PRM 4-128a): copies an aligned 16-byte line. 1111 0110 0010 0xxx with
// (Ax)+,(Ay)+ (Ay in the extension word); 1111 0110 000o oyyy with an absolute address:
// opmode 00 (Ay)+ to abs, 01 abs to (Ay)+, 10 (Ay) to abs, 11 abs to (Ay).
void op_move16(M68000Core& cpu, std::uint16_t op) {
  std::uint32_t source, destination;
  const unsigned reg = ea_reg(op);
  if (op & 0x20) {
    const unsigned ay = (cpu.read_extension() >> 12) & 7;
    source = cpu.a[reg] & ~15u;
    destination = cpu.a[ay] & ~15u;
    cpu.a[reg] += 16;
    if (ay != reg) cpu.a[ay] += 16;
  } else {
    const std::uint32_t absolute = cpu.read_extension_long();
    const unsigned opmode = (op >> 3) & 3;
    const std::uint32_t line = cpu.a[reg] & ~15u;
    source = (opmode & 1) ? absolute & ~15u : line;
    destination = (opmode & 1) ? line : absolute & ~15u;
    if (opmode < 2) cpu.a[reg] += 16;
  }
  std::uint32_t data[4];
  for (unsigned i = 0; i < 4; ++i) data[i] = cpu.read(Size::Long, source + 4 * i);
  for (unsigned i = 0; i < 4; ++i) cpu.write(Size::Long, destination + 4 * i, data[i]);
  cpu.prefetch();
}

// CINV, CPUSH, PFLUSH, PTEST (MC68040, privileged; 040 UM sections 3 and 4): Anvil models no
// caches and no address translation, so they change nothing (PTEST leaves MMUSR zero:
// "not resident").
void op_cache_mmu_040(M68000Core& cpu, std::uint16_t op) {
  if (!cpu.supervisor()) return cpu.privilege_violation();
  if ((op & 0xFFD8) == 0xF548) cpu.control.mmusr = 0;  // PTESTR/PTESTW
  cpu.prefetch();
}

}  // namespace anvil::m68k
