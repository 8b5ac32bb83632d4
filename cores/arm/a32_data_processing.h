// A32 data processing (ARMv7-A ARM A5.2.1-A5.2.3: immediate, register and register-shifted
// register forms): one template, instantiated by the table for each opcode and form.
#pragma once

#include "cores/arm/a32_handlers.h"

namespace anvil::arm {

namespace a32_detail {

// Shifter operand of each form, with its carry (A8.4.1-A8.4.3).
template <unsigned Form>
[[gnu::always_inline]] inline ResultCarry operand2(const ArmCpu& cpu, std::uint32_t insn) {
  if constexpr (Form == 0) {
    return a32::expand_imm_c(insn & 0xFFF, cpu.flags.c);
  } else if constexpr (Form == 1) {
    const ImmShift s = decode_imm_shift(a32::field(insn, 5, 2), a32::field(insn, 7, 5));
    return shift_c(cpu.reg(a32::field(insn, 0)), s.type, s.amount, cpu.flags.c);
  } else {
    // Register-specified shift: the bottom byte of Rs; an extra internal cycle on ARM7TDMI.
    const auto type = static_cast<ShiftType>(a32::field(insn, 5, 2));
    return shift_c(cpu.reg(a32::field(insn, 0)), type, cpu.reg(a32::field(insn, 8)) & 0xFF,
                   cpu.flags.c);
  }
}

}  // namespace a32_detail

// <op>{S}<c> <Rd>, <Rn>, <operand2> — A8.8.1 ... A8.8.217. Opcode as in A5.2.1 (AND 0 ...
// MVN 15); Form 0 immediate, 1 register, 2 register-shifted register. Rd = 15 with S is
// "SUBS PC, LR and related instructions" (B9.3.20): the CPSR comes from the SPSR.
template <unsigned Opcode, unsigned Form>
inline void data_processing(ArmCpu& cpu, std::uint32_t insn) {
  const ResultCarry op2 = a32_detail::operand2<Form>(cpu, insn);
  if constexpr (Form == 2) cpu.add_cycles(1);
  const std::uint32_t n = cpu.reg(a32::field(insn, 16));
  const bool setflags = a32::bit(insn, 20);
  std::uint32_t result = 0;
  bool carry = op2.carry;
  bool overflow = cpu.flags.v;
  auto arithmetic = [&](std::uint32_t x, std::uint32_t y, bool c) {
    const ResultFlags r = add_with_carry(x, y, c);
    result = r.value;
    carry = r.carry;
    overflow = r.overflow;
  };
  switch (Opcode) {
    case 0x0:
    case 0x8:
      result = n & op2.value;
      break;  // AND, TST
    case 0x1:
    case 0x9:
      result = n ^ op2.value;
      break;  // EOR, TEQ
    case 0x2:
    case 0xA:
      arithmetic(n, ~op2.value, true);
      break;  // SUB, CMP
    case 0x3:
      arithmetic(~n, op2.value, true);
      break;  // RSB
    case 0x4:
    case 0xB:
      arithmetic(n, op2.value, false);
      break;  // ADD, CMN
    case 0x5:
      arithmetic(n, op2.value, cpu.flags.c);
      break;  // ADC
    case 0x6:
      arithmetic(n, ~op2.value, cpu.flags.c);
      break;  // SBC
    case 0x7:
      arithmetic(~n, op2.value, cpu.flags.c);
      break;  // RSC
    case 0xC:
      result = n | op2.value;
      break;  // ORR
    case 0xD:
      result = op2.value;
      break;  // MOV
    case 0xE:
      result = n & ~op2.value;
      break;  // BIC
    default:
      result = ~op2.value;
      break;  // MVN
  }
  constexpr bool kTest = Opcode >= 0x8 && Opcode <= 0xB;
  const unsigned d = a32::field(insn, 12);
  if (!kTest && d == 15) {
    ArmA& a = a_profile(cpu);
    if (setflags)
      a.exception_return(result, a.spsr());
    else
      a.alu_write_pc(result);
    return;
  }
  if constexpr (!kTest) cpu.set_reg(d, result);
  if (setflags || kTest) {
    a32::set_nz(cpu, result);
    cpu.flags.c = carry;
    cpu.flags.v = overflow;
  }
}

}  // namespace anvil::arm
