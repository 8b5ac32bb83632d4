// 16-bit Thumb loads and stores (ARMv7-M ARM A5.2.4 and the A7.7 entries named on each
// handler). A faulting access leaves the registers unchanged: the instruction is restarted
// after the fault handler returns.
#include <bit>

#include "cores/arm/alu.h"
#include "cores/arm/cortex_m3_timing.h"
#include "cores/arm/thumb16_handlers.h"

namespace anvil::arm::thumb16 {

namespace {

constexpr unsigned low_reg(std::uint32_t insn, unsigned lsb) {
  return (insn >> lsb) & 7;
}

enum class Width { Byte, SignedByte, Half, SignedHalf, Word };

bool load(ArmCpu& cpu, Width width, std::uint32_t address, std::uint32_t& value) {
  cpu.add_cycles(m3_timing::kLoadExtra);
  switch (width) {
    case Width::Byte:
      return cpu.read8(address, value);
    case Width::SignedByte:
      if (!cpu.read8(address, value)) return false;
      value = static_cast<std::uint32_t>(static_cast<std::int8_t>(value));
      return true;
    case Width::Half:
      return cpu.read16(address, value, Align::Unaligned);
    case Width::SignedHalf:
      if (!cpu.read16(address, value, Align::Unaligned)) return false;
      value = static_cast<std::uint32_t>(static_cast<std::int16_t>(value));
      return true;
    case Width::Word:
      return cpu.read32(address, value, Align::Unaligned);
  }
  return false;
}

void store(ArmCpu& cpu, Width width, std::uint32_t address, std::uint32_t value) {
  cpu.add_cycles(m3_timing::kStoreExtra);
  switch (width) {
    case Width::Byte:
    case Width::SignedByte:
      cpu.write8(address, value);
      return;
    case Width::Half:
    case Width::SignedHalf:
      cpu.write16(address, value, Align::Unaligned);
      return;
    case Width::Word:
      cpu.write32(address, value, Align::Unaligned);
      return;
  }
}

void load_to(ArmCpu& cpu, Width width, unsigned t, std::uint32_t address) {
  std::uint32_t value = 0;
  if (load(cpu, width, address, value)) cpu.set_reg(t, value);
}

// Register offset: 0101 opB Rm Rn Rt, address = R[n] + R[m] (LSL #0).
std::uint32_t register_offset_address(const ArmCpu& cpu, std::uint32_t insn) {
  return cpu.reg(low_reg(insn, 3)) + cpu.reg(low_reg(insn, 6));
}

// Immediate offset: xxxxx imm5 Rn Rt, address = R[n] + imm5 * scale.
std::uint32_t immediate_offset_address(const ArmCpu& cpu, std::uint32_t insn, unsigned scale) {
  return cpu.reg(low_reg(insn, 3)) + ((insn >> 6) & 0x1F) * scale;
}

// Loads the registers in `list` (bit i = Ri) from consecutive words at `address`, all or
// nothing; the PC (bit 15) is written last with LoadWritePC.
bool load_multiple(ArmCpu& cpu, std::uint32_t list, std::uint32_t address) {
  std::uint32_t values[16] = {};
  std::uint32_t at = address;
  for (unsigned i = 0; i < 16; ++i) {
    if (!(list & (1u << i))) continue;
    if (!cpu.read32(at, values[i], Align::Required)) return false;
    at += 4;
  }
  for (unsigned i = 0; i < 15; ++i)
    if (list & (1u << i)) cpu.set_reg(i, values[i]);
  if (list & (1u << 15)) cpu.load_write_pc(values[15]);
  cpu.add_cycles(m3_timing::multiple_extra(bit_count(list)));
  return true;
}

bool store_multiple(ArmCpu& cpu, std::uint32_t list, std::uint32_t address) {
  std::uint32_t at = address;
  for (unsigned i = 0; i < 15; ++i) {
    if (!(list & (1u << i))) continue;
    if (!cpu.write32(at, cpu.reg(i), Align::Required)) return false;
    at += 4;
  }
  cpu.add_cycles(m3_timing::multiple_extra(bit_count(list)));
  return true;
}

}  // namespace

// LDR <Rt>,<label> — A7.7.43 T1: Align(PC,4) + imm8:'00'
void LDR_literal(ArmCpu& cpu, std::uint32_t insn) {
  load_to(cpu, Width::Word, low_reg(insn, 8), cpu.align_pc() + ((insn & 0xFF) << 2));
}

// STR <Rt>,[<Rn>,<Rm>] — A7.7.159 T1
void STR_reg(ArmCpu& cpu, std::uint32_t insn) {
  store(cpu, Width::Word, register_offset_address(cpu, insn), cpu.reg(low_reg(insn, 0)));
}
// STRH <Rt>,[<Rn>,<Rm>] — A7.7.166 T1
void STRH_reg(ArmCpu& cpu, std::uint32_t insn) {
  store(cpu, Width::Half, register_offset_address(cpu, insn), cpu.reg(low_reg(insn, 0)));
}
// STRB <Rt>,[<Rn>,<Rm>] — A7.7.161 T1
void STRB_reg(ArmCpu& cpu, std::uint32_t insn) {
  store(cpu, Width::Byte, register_offset_address(cpu, insn), cpu.reg(low_reg(insn, 0)));
}
// LDRSB <Rt>,[<Rn>,<Rm>] — A7.7.61 T1
void LDRSB_reg(ArmCpu& cpu, std::uint32_t insn) {
  load_to(cpu, Width::SignedByte, low_reg(insn, 0), register_offset_address(cpu, insn));
}
// LDR <Rt>,[<Rn>,<Rm>] — A7.7.44 T1
void LDR_reg(ArmCpu& cpu, std::uint32_t insn) {
  load_to(cpu, Width::Word, low_reg(insn, 0), register_offset_address(cpu, insn));
}
// LDRH <Rt>,[<Rn>,<Rm>] — A7.7.57 T1
void LDRH_reg(ArmCpu& cpu, std::uint32_t insn) {
  load_to(cpu, Width::Half, low_reg(insn, 0), register_offset_address(cpu, insn));
}
// LDRB <Rt>,[<Rn>,<Rm>] — A7.7.48 T1
void LDRB_reg(ArmCpu& cpu, std::uint32_t insn) {
  load_to(cpu, Width::Byte, low_reg(insn, 0), register_offset_address(cpu, insn));
}
// LDRSH <Rt>,[<Rn>,<Rm>] — A7.7.65 T1
void LDRSH_reg(ArmCpu& cpu, std::uint32_t insn) {
  load_to(cpu, Width::SignedHalf, low_reg(insn, 0), register_offset_address(cpu, insn));
}

// STR <Rt>,[<Rn>,#<imm5:'00'>] — A7.7.158 T1
void STR_imm(ArmCpu& cpu, std::uint32_t insn) {
  store(cpu, Width::Word, immediate_offset_address(cpu, insn, 4), cpu.reg(low_reg(insn, 0)));
}
// LDR <Rt>,[<Rn>,#<imm5:'00'>] — A7.7.42 T1
void LDR_imm(ArmCpu& cpu, std::uint32_t insn) {
  load_to(cpu, Width::Word, low_reg(insn, 0), immediate_offset_address(cpu, insn, 4));
}
// STRB <Rt>,[<Rn>,#<imm5>] — A7.7.160 T1
void STRB_imm(ArmCpu& cpu, std::uint32_t insn) {
  store(cpu, Width::Byte, immediate_offset_address(cpu, insn, 1), cpu.reg(low_reg(insn, 0)));
}
// LDRB <Rt>,[<Rn>,#<imm5>] — A7.7.46 T1
void LDRB_imm(ArmCpu& cpu, std::uint32_t insn) {
  load_to(cpu, Width::Byte, low_reg(insn, 0), immediate_offset_address(cpu, insn, 1));
}
// STRH <Rt>,[<Rn>,#<imm5:'0'>] — A7.7.165 T1
void STRH_imm(ArmCpu& cpu, std::uint32_t insn) {
  store(cpu, Width::Half, immediate_offset_address(cpu, insn, 2), cpu.reg(low_reg(insn, 0)));
}
// LDRH <Rt>,[<Rn>,#<imm5:'0'>] — A7.7.55 T1
void LDRH_imm(ArmCpu& cpu, std::uint32_t insn) {
  load_to(cpu, Width::Half, low_reg(insn, 0), immediate_offset_address(cpu, insn, 2));
}
// STR <Rt>,[SP,#<imm8:'00'>] — A7.7.158 T2
void STR_sp(ArmCpu& cpu, std::uint32_t insn) {
  store(cpu, Width::Word, cpu.reg(13) + ((insn & 0xFF) << 2), cpu.reg(low_reg(insn, 8)));
}
// LDR <Rt>,[SP,#<imm8:'00'>] — A7.7.42 T2
void LDR_sp(ArmCpu& cpu, std::uint32_t insn) {
  load_to(cpu, Width::Word, low_reg(insn, 8), cpu.reg(13) + ((insn & 0xFF) << 2));
}

// PUSH <registers> — A7.7.99 T1: 1011010 M reglist, M = LR. 1+N cycles.
void PUSH(ArmCpu& cpu, std::uint32_t insn) {
  const std::uint32_t list = (insn & 0xFF) | ((insn & 0x100) << 6);
  const std::uint32_t address = cpu.reg(13) - 4 * bit_count(list);
  if (store_multiple(cpu, list, address)) cpu.set_reg(13, address);
}
// POP <registers> — A7.7.98 T1: 1011110 P reglist, P = PC. 1+N cycles (+P with the PC).
void POP(ArmCpu& cpu, std::uint32_t insn) {
  const std::uint32_t list = (insn & 0xFF) | ((insn & 0x100) << 7);
  const std::uint32_t sp = cpu.reg(13);
  // SP is written before LoadWritePC takes effect at the end of the instruction.
  if (load_multiple(cpu, list, sp)) cpu.set_reg(13, sp + 4 * bit_count(list));
}
// STM <Rn>!,<registers> — A7.7.156 T1: always writes back
void STM(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = low_reg(insn, 8);
  const std::uint32_t list = insn & 0xFF;
  const std::uint32_t base = cpu.reg(n);
  if (store_multiple(cpu, list, base)) cpu.set_reg(n, base + 4 * bit_count(list));
}
// LDM <Rn>{!},<registers> — A7.7.40 T1: writes back unless Rn is in the list
void LDM(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = low_reg(insn, 8);
  const std::uint32_t list = insn & 0xFF;
  const std::uint32_t base = cpu.reg(n);
  if (load_multiple(cpu, list, base) && !(list & (1u << n)))
    cpu.set_reg(n, base + 4 * bit_count(list));
}

}  // namespace anvil::arm::thumb16
