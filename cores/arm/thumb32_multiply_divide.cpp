// 32-bit multiplies and divides of the base ARMv7-M set (ARMv7-M ARM A5.3.16, A5.3.17).
#include <cstdlib>

#include "cores/arm/cortex_m3_timing.h"
#include "cores/arm/thumb32_multiply_divide.h"
#include "cores/arm/thumb32_timing.h"

namespace anvil::arm {
namespace {

// Writes a 64-bit result to RdLo/RdHi (RdHi last: with RdLo = RdHi, UNPREDICTABLE, it wins).
void write_long(ArmCpu& cpu, unsigned dlo, unsigned dhi, std::uint64_t result) {
  cpu.set_reg(dlo, static_cast<std::uint32_t>(result));
  cpu.set_reg(dhi, static_cast<std::uint32_t>(result >> 32));
}

template <class E>
std::uint64_t accumulator(const ArmCpu& cpu, std::uint32_t insn) {
  return (std::uint64_t{cpu.reg(E::template field<'h'>(insn))} << 32) |
         cpu.reg(E::template field<'l'>(insn));
}

// SMULL/UMULL/SMLAL/UMLAL — A7.7.
template <class E>
void long_multiply(ArmCpu& cpu, std::uint32_t insn, bool is_signed, bool accumulate) {
  const unsigned dlo = E::template field<'l'>(insn), dhi = E::template field<'h'>(insn);
  if (reject_if(cpu, dlo == 15 || dhi == 15)) return;
  const std::uint32_t n = cpu.reg(E::template field<'n'>(insn));
  const std::uint32_t m = cpu.reg(E::template field<'m'>(insn));
  std::uint64_t product = 0;
  if (is_signed) {
    product = static_cast<std::uint64_t>(std::int64_t{static_cast<std::int32_t>(n)} *
                                         static_cast<std::int32_t>(m));
  } else {
    product = std::uint64_t{n} * m;
  }
  if (accumulate) product += accumulator<E>(cpu, insn);  // modulo 2^64, as the pseudocode
  cpu.add_cycles(long_multiply_extra_cycles(cpu.has_dsp(), n, m, is_signed));
  write_long(cpu, dlo, dhi, product);
}

// Divide by zero: UsageFault DIVBYZERO when CCR.DIV_0_TRP is set, else the result is 0
// (A7.7). True when the handler has nothing left to do.
bool divide_by_zero(ArmCpu& cpu, unsigned d) {
  if (cpu.divide_by_zero_traps()) {
    cpu.usage_fault(kDivideByZero);
  } else {
    cpu.add_cycles(1);  // the shortest divide: 2 cycles
    cpu.set_reg(d, 0);
  }
  return true;
}

}  // namespace

using namespace thumb32;

// MUL<c> <Rd>, <Rn>, <Rm> — A7.7 T2 (no flags)
void thumb32_MUL_T2(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned d = MUL_T2::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  cpu.set_reg(d, cpu.reg(MUL_T2::field<'n'>(insn)) * cpu.reg(MUL_T2::field<'m'>(insn)));
}

// MLA<c> <Rd>, <Rn>, <Rm>, <Ra> — A7.7: Ra + Rn * Rm
void thumb32_MLA_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = MLA_T1;
  const unsigned d = E::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  cpu.set_reg(d, cpu.reg(E::field<'a'>(insn)) +
                     cpu.reg(E::field<'n'>(insn)) * cpu.reg(E::field<'m'>(insn)));
  cpu.add_cycles(multiply_accumulate_extra_cycles(cpu.has_dsp()));
}

// MLS<c> <Rd>, <Rn>, <Rm>, <Ra> — A7.7: Ra - Rn * Rm
void thumb32_MLS_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = MLS_T1;
  const unsigned d = E::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  cpu.set_reg(d, cpu.reg(E::field<'a'>(insn)) -
                     cpu.reg(E::field<'n'>(insn)) * cpu.reg(E::field<'m'>(insn)));
  cpu.add_cycles(multiply_accumulate_extra_cycles(cpu.has_dsp()));
}

void thumb32_SMULL_T1(ArmCpu& cpu, std::uint32_t insn) {
  long_multiply<SMULL_T1>(cpu, insn, true, false);
}
void thumb32_UMULL_T1(ArmCpu& cpu, std::uint32_t insn) {
  long_multiply<UMULL_T1>(cpu, insn, false, false);
}
void thumb32_SMLAL_T1(ArmCpu& cpu, std::uint32_t insn) {
  long_multiply<SMLAL_T1>(cpu, insn, true, true);
}
void thumb32_UMLAL_T1(ArmCpu& cpu, std::uint32_t insn) {
  long_multiply<UMLAL_T1>(cpu, insn, false, true);
}

// SDIV<c> <Rd>, <Rn>, <Rm> — A7.7: rounds towards zero; 0x80000000 / -1 is 0x80000000
// (the pseudocode's integer quotient 2^31 truncated to 32 bits).
void thumb32_SDIV_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = SDIV_T1;
  const unsigned d = E::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  const std::int64_t n = static_cast<std::int32_t>(cpu.reg(E::field<'n'>(insn)));
  const std::int64_t m = static_cast<std::int32_t>(cpu.reg(E::field<'m'>(insn)));
  if (m == 0 && divide_by_zero(cpu, d)) return;
  cpu.add_cycles(divide_cycles(static_cast<std::uint32_t>(std::llabs(n)),
                               static_cast<std::uint32_t>(std::llabs(m))) -
                 1);
  cpu.set_reg(d, static_cast<std::uint32_t>(n / m));
}

// UDIV<c> <Rd>, <Rn>, <Rm> — A7.7
void thumb32_UDIV_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = UDIV_T1;
  const unsigned d = E::field<'d'>(insn);
  if (reject_pc(cpu, d)) return;
  const std::uint32_t n = cpu.reg(E::field<'n'>(insn)), m = cpu.reg(E::field<'m'>(insn));
  if (m == 0 && divide_by_zero(cpu, d)) return;
  cpu.add_cycles(divide_cycles(n, m) - 1);
  cpu.set_reg(d, n / m);
}

}  // namespace anvil::arm
