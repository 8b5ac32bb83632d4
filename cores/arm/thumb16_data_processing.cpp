// 16-bit Thumb data processing (ARMv7-M ARM A5.2.1-A5.2.3, A5.2.5 and the A7.7 entries named
// on each handler). Outside an IT block the flag-setting forms set flags; inside, they do
// not (the manual's `setflags = !InITBlock()`).
#include "cores/arm/alu.h"
#include "cores/arm/thumb16_handlers.h"

namespace anvil::arm::thumb16 {

namespace {

constexpr unsigned low_reg(std::uint32_t insn, unsigned lsb) {
  return (insn >> lsb) & 7;
}

void set_nz(ArmCpu& cpu, std::uint32_t value) {
  cpu.flags.n = (value >> 31) != 0;
  cpu.flags.z = value == 0;
}

void set_nzcv(ArmCpu& cpu, const ResultFlags& r) {
  set_nz(cpu, r.value);
  cpu.flags.c = r.carry;
  cpu.flags.v = r.overflow;
}

// Rd = result of AddWithCarry, flags when outside an IT block.
void write_sum(ArmCpu& cpu, unsigned d, const ResultFlags& r) {
  cpu.set_reg(d, r.value);
  if (!cpu.in_it_block()) set_nzcv(cpu, r);
}

// LSL/LSR/ASR (immediate) T1: xxxxx imm5 Rm Rd. The carry is Shift_C's.
void shift_immediate(ArmCpu& cpu, std::uint32_t insn, unsigned type) {
  const ImmShift s = decode_imm_shift(type, (insn >> 6) & 0x1F);
  const ResultCarry r = shift_c(cpu.reg(low_reg(insn, 3)), s.type, s.amount, cpu.flags.c);
  cpu.set_reg(low_reg(insn, 0), r.value);
  if (!cpu.in_it_block()) {
    set_nz(cpu, r.value);
    cpu.flags.c = r.carry;
  }
}

// LSL/LSR/ASR/ROR (register) T1: 010000xxxx Rm Rdn; the amount is Rm<7:0>.
void shift_register(ArmCpu& cpu, std::uint32_t insn, ShiftType type) {
  const unsigned dn = low_reg(insn, 0);
  const unsigned amount = cpu.reg(low_reg(insn, 3)) & 0xFF;
  const ResultCarry r = shift_c(cpu.reg(dn), type, amount, cpu.flags.c);
  cpu.set_reg(dn, r.value);
  if (!cpu.in_it_block()) {
    set_nz(cpu, r.value);
    cpu.flags.c = r.carry;
  }
}

// AND/EOR/ORR/BIC (register) T1: the shift is LSL #0, so C is unchanged.
template <class Op>
void logical_register(ArmCpu& cpu, std::uint32_t insn, Op op) {
  const unsigned dn = low_reg(insn, 0);
  const std::uint32_t result = op(cpu.reg(dn), cpu.reg(low_reg(insn, 3)));
  cpu.set_reg(dn, result);
  if (!cpu.in_it_block()) set_nz(cpu, result);
}

// SXTH/SXTB/UXTH/UXTB T1: 1011001000 Rm Rd (rotation 0).
template <class Op>
void extend(ArmCpu& cpu, std::uint32_t insn, Op op) {
  cpu.set_reg(low_reg(insn, 0), op(cpu.reg(low_reg(insn, 3))));
}

}  // namespace

// LSL{S} <Rd>,<Rm>,#<imm5> — A7.7.67 T1 (imm5 = 0 is MOVS <Rd>,<Rm>, A7.7.76 T2: same result)
void LSL_imm(ArmCpu& cpu, std::uint32_t insn) {
  shift_immediate(cpu, insn, 0);
}
// LSR{S} <Rd>,<Rm>,#<imm> — A7.7.69 T1
void LSR_imm(ArmCpu& cpu, std::uint32_t insn) {
  shift_immediate(cpu, insn, 1);
}
// ASR{S} <Rd>,<Rm>,#<imm> — A7.7.10 T1
void ASR_imm(ArmCpu& cpu, std::uint32_t insn) {
  shift_immediate(cpu, insn, 2);
}

// ADD{S} <Rd>,<Rn>,<Rm> — A7.7.4 T1
void ADD_reg(ArmCpu& cpu, std::uint32_t insn) {
  write_sum(cpu, low_reg(insn, 0),
            add_with_carry(cpu.reg(low_reg(insn, 3)), cpu.reg(low_reg(insn, 6)), false));
}
// SUB{S} <Rd>,<Rn>,<Rm> — A7.7.172 T1
void SUB_reg(ArmCpu& cpu, std::uint32_t insn) {
  write_sum(cpu, low_reg(insn, 0),
            add_with_carry(cpu.reg(low_reg(insn, 3)), ~cpu.reg(low_reg(insn, 6)), true));
}
// ADD{S} <Rd>,<Rn>,#<imm3> — A7.7.3 T1
void ADD_imm3(ArmCpu& cpu, std::uint32_t insn) {
  write_sum(cpu, low_reg(insn, 0),
            add_with_carry(cpu.reg(low_reg(insn, 3)), (insn >> 6) & 7, false));
}
// SUB{S} <Rd>,<Rn>,#<imm3> — A7.7.171 T1
void SUB_imm3(ArmCpu& cpu, std::uint32_t insn) {
  write_sum(cpu, low_reg(insn, 0),
            add_with_carry(cpu.reg(low_reg(insn, 3)), ~((insn >> 6) & 7), true));
}
// MOV{S} <Rd>,#<imm8> — A7.7.75 T1: C is unchanged (ThumbExpandImm is not used here)
void MOV_imm(ArmCpu& cpu, std::uint32_t insn) {
  const std::uint32_t imm = insn & 0xFF;
  cpu.set_reg(low_reg(insn, 8), imm);
  if (!cpu.in_it_block()) set_nz(cpu, imm);
}
// CMP <Rn>,#<imm8> — A7.7.27 T1
void CMP_imm(ArmCpu& cpu, std::uint32_t insn) {
  set_nzcv(cpu, add_with_carry(cpu.reg(low_reg(insn, 8)), ~(insn & 0xFF), true));
}
// ADD{S} <Rdn>,#<imm8> — A7.7.3 T2
void ADD_imm8(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned dn = low_reg(insn, 8);
  write_sum(cpu, dn, add_with_carry(cpu.reg(dn), insn & 0xFF, false));
}
// SUB{S} <Rdn>,#<imm8> — A7.7.171 T2
void SUB_imm8(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned dn = low_reg(insn, 8);
  write_sum(cpu, dn, add_with_carry(cpu.reg(dn), ~(insn & 0xFF), true));
}

// AND{S} <Rdn>,<Rm> — A7.7.9 T1
void AND_reg(ArmCpu& cpu, std::uint32_t insn) {
  logical_register(cpu, insn, [](std::uint32_t a, std::uint32_t b) { return a & b; });
}
// EOR{S} <Rdn>,<Rm> — A7.7.36 T1
void EOR_reg(ArmCpu& cpu, std::uint32_t insn) {
  logical_register(cpu, insn, [](std::uint32_t a, std::uint32_t b) { return a ^ b; });
}
// LSL{S} <Rdn>,<Rm> — A7.7.68 T1
void LSL_reg(ArmCpu& cpu, std::uint32_t insn) {
  shift_register(cpu, insn, ShiftType::LSL);
}
// LSR{S} <Rdn>,<Rm> — A7.7.70 T1
void LSR_reg(ArmCpu& cpu, std::uint32_t insn) {
  shift_register(cpu, insn, ShiftType::LSR);
}
// ASR{S} <Rdn>,<Rm> — A7.7.11 T1
void ASR_reg(ArmCpu& cpu, std::uint32_t insn) {
  shift_register(cpu, insn, ShiftType::ASR);
}
// ADC{S} <Rdn>,<Rm> — A7.7.2 T1
void ADC_reg(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned dn = low_reg(insn, 0);
  write_sum(cpu, dn, add_with_carry(cpu.reg(dn), cpu.reg(low_reg(insn, 3)), cpu.flags.c));
}
// SBC{S} <Rdn>,<Rm> — A7.7.125 T1
void SBC_reg(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned dn = low_reg(insn, 0);
  write_sum(cpu, dn, add_with_carry(cpu.reg(dn), ~cpu.reg(low_reg(insn, 3)), cpu.flags.c));
}
// ROR{S} <Rdn>,<Rm> — A7.7.117 T1
void ROR_reg(ArmCpu& cpu, std::uint32_t insn) {
  shift_register(cpu, insn, ShiftType::ROR);
}
// TST <Rn>,<Rm> — A7.7.189 T1: always sets N and Z; C unchanged
void TST_reg(ArmCpu& cpu, std::uint32_t insn) {
  set_nz(cpu, cpu.reg(low_reg(insn, 0)) & cpu.reg(low_reg(insn, 3)));
}
// RSB{S} <Rd>,<Rn>,#0 (NEG) — A7.7.119 T1: 0100001001 Rn Rd
void RSB_imm(ArmCpu& cpu, std::uint32_t insn) {
  write_sum(cpu, low_reg(insn, 0), add_with_carry(~cpu.reg(low_reg(insn, 3)), 0, true));
}
// CMP <Rn>,<Rm> — A7.7.28 T1
void CMP_reg(ArmCpu& cpu, std::uint32_t insn) {
  set_nzcv(cpu, add_with_carry(cpu.reg(low_reg(insn, 0)), ~cpu.reg(low_reg(insn, 3)), true));
}
// CMN <Rn>,<Rm> — A7.7.26 T1
void CMN_reg(ArmCpu& cpu, std::uint32_t insn) {
  set_nzcv(cpu, add_with_carry(cpu.reg(low_reg(insn, 0)), cpu.reg(low_reg(insn, 3)), false));
}
// ORR{S} <Rdn>,<Rm> — A7.7.92 T1
void ORR_reg(ArmCpu& cpu, std::uint32_t insn) {
  logical_register(cpu, insn, [](std::uint32_t a, std::uint32_t b) { return a | b; });
}
// MUL{S} <Rdm>,<Rn>,<Rdm> — A7.7.84 T1: N and Z only; C and V unchanged in ARMv7-M
void MUL(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned dm = low_reg(insn, 0);
  const std::uint32_t result = cpu.reg(low_reg(insn, 3)) * cpu.reg(dm);
  cpu.set_reg(dm, result);
  if (!cpu.in_it_block()) set_nz(cpu, result);
}
// BIC{S} <Rdn>,<Rm> — A7.7.16 T1
void BIC_reg(ArmCpu& cpu, std::uint32_t insn) {
  logical_register(cpu, insn, [](std::uint32_t a, std::uint32_t b) { return a & ~b; });
}
// MVN{S} <Rd>,<Rm> — A7.7.86 T1
void MVN_reg(ArmCpu& cpu, std::uint32_t insn) {
  const std::uint32_t result = ~cpu.reg(low_reg(insn, 3));
  cpu.set_reg(low_reg(insn, 0), result);
  if (!cpu.in_it_block()) set_nz(cpu, result);
}

// ADD <Rdn>,<Rm> — A7.7.4 T2 (and ADD SP/<Rdm>,SP forms, A7.7.6): 01000100 DN Rm Rdn; no
// flags; a PC destination is ALUWritePC.
void ADD_reg_high(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned dn = ((insn >> 4) & 8) | (insn & 7);
  const std::uint32_t result = cpu.reg(dn) + cpu.reg((insn >> 3) & 0xF);
  if (dn == 15)
    cpu.alu_write_pc(result);
  else
    cpu.set_reg(dn, result);
}
// CMP <Rn>,<Rm> — A7.7.28 T2: 01000101 N Rm Rn
void CMP_reg_high(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = ((insn >> 4) & 8) | (insn & 7);
  set_nzcv(cpu, add_with_carry(cpu.reg(n), ~cpu.reg((insn >> 3) & 0xF), true));
}
// MOV <Rd>,<Rm> — A7.7.76 T1: 01000110 D Rm Rd; no flags
void MOV_reg_high(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = ((insn >> 4) & 8) | (insn & 7);
  const std::uint32_t value = cpu.reg((insn >> 3) & 0xF);
  if (d == 15)
    cpu.alu_write_pc(value);
  else
    cpu.set_reg(d, value);
}

// ADR <Rd>,<label> — A7.7.7 T1: Align(PC,4) + imm8:'00'
void ADR(ArmCpu& cpu, std::uint32_t insn) {
  cpu.set_reg(low_reg(insn, 8), cpu.align_pc() + ((insn & 0xFF) << 2));
}
// ADD <Rd>,SP,#<imm8:'00'> — A7.7.5 T1
void ADD_sp_imm_rd(ArmCpu& cpu, std::uint32_t insn) {
  cpu.set_reg(low_reg(insn, 8), cpu.reg(13) + ((insn & 0xFF) << 2));
}
// ADD SP,SP,#<imm7:'00'> — A7.7.5 T2
void ADD_sp_imm(ArmCpu& cpu, std::uint32_t insn) {
  cpu.set_reg(13, cpu.reg(13) + ((insn & 0x7F) << 2));
}
// SUB SP,SP,#<imm7:'00'> — A7.7.173 T1
void SUB_sp_imm(ArmCpu& cpu, std::uint32_t insn) {
  cpu.set_reg(13, cpu.reg(13) - ((insn & 0x7F) << 2));
}

// SXTH <Rd>,<Rm> — A7.7.184 T1
void SXTH(ArmCpu& cpu, std::uint32_t insn) {
  extend(cpu, insn, [](std::uint32_t v) {
    return static_cast<std::uint32_t>(static_cast<std::int16_t>(v & 0xFFFF));
  });
}
// SXTB <Rd>,<Rm> — A7.7.182 T1
void SXTB(ArmCpu& cpu, std::uint32_t insn) {
  extend(cpu, insn, [](std::uint32_t v) {
    return static_cast<std::uint32_t>(static_cast<std::int8_t>(v & 0xFF));
  });
}
// UXTH <Rd>,<Rm> — A7.7.223 T1
void UXTH(ArmCpu& cpu, std::uint32_t insn) {
  extend(cpu, insn, [](std::uint32_t v) { return v & 0xFFFF; });
}
// UXTB <Rd>,<Rm> — A7.7.221 T1
void UXTB(ArmCpu& cpu, std::uint32_t insn) {
  extend(cpu, insn, [](std::uint32_t v) { return v & 0xFF; });
}
// REV <Rd>,<Rm> — A7.7.113 T1
void REV(ArmCpu& cpu, std::uint32_t insn) {
  extend(cpu, insn, anvil::byteswap<std::uint32_t>);
}
// REV16 <Rd>,<Rm> — A7.7.114 T1: bytes swapped within each halfword
void REV16(ArmCpu& cpu, std::uint32_t insn) {
  extend(cpu, insn,
         [](std::uint32_t v) { return ((v & 0x00FF00FF) << 8) | ((v >> 8) & 0x00FF00FF); });
}
// REVSH <Rd>,<Rm> — A7.7.115 T1: low halfword byte-swapped, then sign-extended
void REVSH(ArmCpu& cpu, std::uint32_t insn) {
  extend(cpu, insn, [](std::uint32_t v) {
    const auto swapped = static_cast<std::uint16_t>(((v & 0xFF) << 8) | ((v >> 8) & 0xFF));
    return static_cast<std::uint32_t>(static_cast<std::int16_t>(swapped));
  });
}

}  // namespace anvil::arm::thumb16
