// MULU/MULS, DIVU/DIVS and the BCD instructions ABCD/SBCD/NBCD (PRM 4).
//
// Multiply and divide times depend on the operands (UM 8, Table 8-4 notes): MULU 38+2n with n
// the ones in the source, MULS 38+2n with n the 01/10 pairs in the source with a 0 appended.
// Divide times follow the microcode's restoring-division loop, clock for clock; the model
// below is J. Cwik's analysis of it ("68000 DIVU/DIVS timing"), which the vectors confirm.
// BCD flags include the undocumented V and N the 68000 produces (vectors).
#include <cstdlib>

#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68000_handlers.h"

namespace anvil::m68k {

namespace {

unsigned divu_clocks(std::uint32_t dividend, std::uint16_t divisor) {
  if ((dividend >> 16) >= divisor) return 10;
  unsigned mcycles = 38;
  const std::uint32_t hdivisor = std::uint32_t{divisor} << 16;
  for (int i = 0; i < 15; ++i) {
    const std::uint32_t before = dividend;
    dividend <<= 1;
    if (before & 0x80000000u) {
      dividend -= hdivisor;
    } else {
      mcycles += 2;
      if (dividend >= hdivisor) {
        dividend -= hdivisor;
        --mcycles;
      }
    }
  }
  return mcycles * 2;
}

unsigned divs_clocks(std::int32_t dividend, std::int16_t divisor) {
  unsigned mcycles = 6;
  if (dividend < 0) ++mcycles;
  const std::uint32_t abs_dividend = dividend < 0 ? 0u - static_cast<std::uint32_t>(dividend)
                                                  : static_cast<std::uint32_t>(dividend);
  const std::uint32_t abs_divisor =
      divisor < 0 ? static_cast<std::uint32_t>(-divisor) : static_cast<std::uint32_t>(divisor);
  if ((abs_dividend >> 16) >= abs_divisor) return (mcycles + 2) * 2;
  mcycles += 55;
  if (divisor >= 0) {
    if (dividend >= 0)
      --mcycles;
    else
      ++mcycles;
  }
  std::uint32_t quotient = abs_dividend / abs_divisor;
  for (int i = 0; i < 15; ++i) {
    if (static_cast<std::int16_t>(quotient) >= 0) ++mcycles;
    quotient <<= 1;
  }
  return mcycles * 2;
}

// Divide by zero: the trap after the operand (UM 8: 38 clocks plus the operand's).
void divide_by_zero(M68000Core& cpu) {
  cpu.set_flag(kC, false);
  cpu.idle(8);
  cpu.exception(kVectorZeroDivide, cpu.pc_value() - 2);
}

}  // namespace

void op_mul(M68000Core& cpu, std::uint16_t op) {
  const bool is_signed = op & 0x100;
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), Size::Word);
  const std::uint16_t multiplier = static_cast<std::uint16_t>(cpu.read_operand(src, Size::Word));
  const unsigned dn = reg9(op);
  std::uint32_t result;
  unsigned n;
  if (is_signed) {
    result = static_cast<std::uint32_t>(static_cast<std::int16_t>(multiplier) *
                                        static_cast<std::int16_t>(cpu.d[dn]));
    n = static_cast<unsigned>(
        std::popcount(static_cast<std::uint32_t>((multiplier ^ (multiplier << 1)) & 0xFFFF)));
  } else {
    result = std::uint32_t{multiplier} * (cpu.d[dn] & 0xFFFF);
    n = static_cast<unsigned>(std::popcount(multiplier));
  }
  cpu.d[dn] = result;
  set_logic_flags(cpu, result, Size::Long);
  cpu.prefetch();
  cpu.idle(34 + 2 * n);
}

void op_divu(M68000Core& cpu, std::uint16_t op) {
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), Size::Word);
  const auto divisor = static_cast<std::uint16_t>(cpu.read_operand(src, Size::Word));
  const unsigned dn = reg9(op);
  if (divisor == 0) return divide_by_zero(cpu);
  const std::uint32_t dividend = cpu.d[dn];
  const unsigned clocks = divu_clocks(dividend, divisor);
  const std::uint32_t quotient = dividend / divisor;
  if (quotient > 0xFFFF) {
    cpu.set_ccr(static_cast<std::uint8_t>((cpu.sr() & kX) | kV | kN));
  } else {
    const std::uint32_t remainder = dividend % divisor;
    cpu.d[dn] = (remainder << 16) | quotient;
    set_logic_flags(cpu, quotient, Size::Word);
  }
  cpu.idle(clocks - 4);
  cpu.prefetch();
}

void op_divs(M68000Core& cpu, std::uint16_t op) {
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), Size::Word);
  const auto divisor = static_cast<std::int16_t>(cpu.read_operand(src, Size::Word));
  const unsigned dn = reg9(op);
  if (divisor == 0) return divide_by_zero(cpu);
  const auto dividend = static_cast<std::int32_t>(cpu.d[dn]);
  const unsigned clocks = divs_clocks(dividend, divisor);
  const std::int64_t quotient = std::int64_t{dividend} / divisor;
  if (quotient > 32767 || quotient < -32768) {
    cpu.set_ccr(static_cast<std::uint8_t>((cpu.sr() & kX) | kV | kN));
  } else {
    const auto remainder = static_cast<std::int32_t>(std::int64_t{dividend} % divisor);
    cpu.d[dn] = (static_cast<std::uint32_t>(remainder) << 16) |
                (static_cast<std::uint32_t>(quotient) & 0xFFFF);
    set_logic_flags(cpu, static_cast<std::uint32_t>(quotient), Size::Word);
  }
  cpu.idle(clocks - 4);
  cpu.prefetch();
}

namespace {

// Decimal add and subtract with the 68000's flags (Z only cleared, as ADDX).
std::uint8_t bcd_add(M68000Core& cpu, std::uint8_t src, std::uint8_t dst) {
  const unsigned x = cpu.flag(kX) ? 1 : 0;
  const unsigned sum = src + dst + x;
  const unsigned binary_carries = ((src & dst) | (~sum & (src | dst))) & 0x88;
  const unsigned decimal_carries = (((sum + 0x66) ^ sum) & 0x110) >> 1;
  const unsigned carries = binary_carries | decimal_carries;
  const unsigned correction = carries - (carries >> 2);
  const unsigned result = sum + correction;
  std::uint16_t ccr = 0;
  if ((binary_carries | (sum & ~result)) & 0x80) ccr |= kC | kX;
  if ((~sum & result) & 0x80) ccr |= kV;
  if (result & 0x80) ccr |= kN;
  if (!(result & 0xFF) && cpu.flag(kZ)) ccr |= kZ;
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
  return static_cast<std::uint8_t>(result);
}

std::uint8_t bcd_subtract(M68000Core& cpu, std::uint8_t src, std::uint8_t dst) {
  const unsigned x = cpu.flag(kX) ? 1 : 0;
  const unsigned difference = dst - src - x;
  const unsigned borrows = ((~dst & src) | (difference & ~(dst ^ src))) & 0x88;
  const unsigned correction = borrows - (borrows >> 2);
  const unsigned result = difference - correction;
  std::uint16_t ccr = 0;
  if ((borrows | (~difference & result)) & 0x80) ccr |= kC | kX;
  if ((difference & ~result) & 0x80) ccr |= kV;
  if (result & 0x80) ccr |= kN;
  if (!(result & 0xFF) && cpu.flag(kZ)) ccr |= kZ;
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
  return static_cast<std::uint8_t>(result);
}

}  // namespace

// ABCD/SBCD Dy,Dx ("np n") and -(Ay),-(Ax) ("n nr nr np nw").
void op_abcd_sbcd(M68000Core& cpu, std::uint16_t op) {
  const bool is_add = (op >> 12) == 0xC;
  const unsigned x = reg9(op), y = ea_reg(op);
  auto operate = [&](std::uint8_t src, std::uint8_t dst) {
    return is_add ? bcd_add(cpu, src, dst) : bcd_subtract(cpu, src, dst);
  };
  if (!(op & 8)) {
    const std::uint8_t result =
        operate(static_cast<std::uint8_t>(cpu.d[y]), static_cast<std::uint8_t>(cpu.d[x]));
    cpu.prefetch();
    cpu.idle(2);
    cpu.d[x] = (cpu.d[x] & ~0xFFu) | result;
    return;
  }
  cpu.idle(2);
  const Operand src = cpu.ea(4, y, Size::Byte, false);
  const auto s = static_cast<std::uint8_t>(cpu.read(Size::Byte, src.address));
  const Operand dst = cpu.ea(4, x, Size::Byte, false);
  const auto v = static_cast<std::uint8_t>(cpu.read(Size::Byte, dst.address));
  const std::uint8_t result = operate(s, v);
  cpu.prefetch();
  cpu.write(Size::Byte, dst.address, result);
}

// NBCD <ea>: 0 - operand - X in decimal. Dn "np n"; memory "nr np nw".
void op_nbcd(M68000Core& cpu, std::uint16_t op) {
  if (ea_mode(op) == 0) {
    const unsigned dn = ea_reg(op);
    const std::uint8_t result = bcd_subtract(cpu, static_cast<std::uint8_t>(cpu.d[dn]), 0);
    cpu.prefetch();
    cpu.idle(2);
    cpu.d[dn] = (cpu.d[dn] & ~0xFFu) | result;
    return;
  }
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), Size::Byte);
  const auto value = static_cast<std::uint8_t>(cpu.read(Size::Byte, dst.address));
  const std::uint8_t result = bcd_subtract(cpu, value, 0);
  cpu.prefetch();
  cpu.write(Size::Byte, dst.address, result);
}

}  // namespace anvil::m68k
