// Multiply and divide: HI/LO and the MIPS32 multiply-accumulate and MUL. MIPS32 ISA entries
// of the same names; R30xx manual ch. 2 "Multiply and divide operations" for the latencies
// (the variant's timing table) and the MFHI/MFLO interlock.
#include "cores/mips/mips_ops.h"

namespace anvil::mips::ops {

namespace {
std::int64_t hilo(const MipsCore& cpu) {
  return static_cast<std::int64_t>((std::uint64_t{cpu.hi} << 32) | cpu.lo);
}
void set_hilo(MipsCore& cpu, std::uint64_t v) {
  cpu.lo = static_cast<std::uint32_t>(v);
  cpu.hi = static_cast<std::uint32_t>(v >> 32);
}
std::int64_t signed_product(const MipsCore& cpu, std::uint32_t insn) {
  return std::int64_t{static_cast<std::int32_t>(cpu.gpr(rs(insn)))} *
         static_cast<std::int32_t>(cpu.gpr(rt(insn)));
}
std::uint64_t unsigned_product(const MipsCore& cpu, std::uint32_t insn) {
  return std::uint64_t{cpu.gpr(rs(insn))} * cpu.gpr(rt(insn));
}
unsigned multiply_latency(const MipsCore& cpu) {
  return cpu.variant().timing->multiply_latency;
}
}  // namespace

void MULT(MipsCore& cpu, std::uint32_t insn) {
  set_hilo(cpu, static_cast<std::uint64_t>(signed_product(cpu, insn)));
  cpu.start_multiply_divide(multiply_latency(cpu));
}
void MULTU(MipsCore& cpu, std::uint32_t insn) {
  set_hilo(cpu, unsigned_product(cpu, insn));
  cpu.start_multiply_divide(multiply_latency(cpu));
}

// DIV rs, rt. Division by zero does not trap (compilers add TEQ/BREAK 7); the R3000 leaves
// LO = -1 (rs >= 0) or +1 (rs < 0) and HI = rs, and 0x80000000 / -1 gives LO = 0x80000000,
// HI = 0. MIPS32 calls these results UNPREDICTABLE; the same values are produced.
void DIV(MipsCore& cpu, std::uint32_t insn) {
  const auto n = static_cast<std::int32_t>(cpu.gpr(rs(insn)));
  const auto d = static_cast<std::int32_t>(cpu.gpr(rt(insn)));
  if (d == 0) {
    cpu.lo = n < 0 ? 1u : 0xFFFFFFFFu;
    cpu.hi = static_cast<std::uint32_t>(n);
  } else {
    cpu.lo = static_cast<std::uint32_t>(std::int64_t{n} / d);
    cpu.hi = static_cast<std::uint32_t>(std::int64_t{n} % d);
  }
  cpu.start_multiply_divide(cpu.variant().timing->divide_latency);
}
void DIVU(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t n = cpu.gpr(rs(insn)), d = cpu.gpr(rt(insn));
  cpu.lo = d ? n / d : 0xFFFFFFFFu;
  cpu.hi = d ? n % d : n;
  cpu.start_multiply_divide(cpu.variant().timing->divide_latency);
}

void MFHI(MipsCore& cpu, std::uint32_t insn) {
  cpu.wait_for_hilo();
  cpu.set_gpr(rd(insn), cpu.hi);
}
void MFLO(MipsCore& cpu, std::uint32_t insn) {
  cpu.wait_for_hilo();
  cpu.set_gpr(rd(insn), cpu.lo);
}
void MTHI(MipsCore& cpu, std::uint32_t insn) {
  cpu.hi = cpu.gpr(rs(insn));
}
void MTLO(MipsCore& cpu, std::uint32_t insn) {
  cpu.lo = cpu.gpr(rs(insn));
}

// MUL rd, rs, rt: the low word of the signed product to a GPR; HI/LO are UNPREDICTABLE
// afterwards and left as they were.
void MUL(MipsCore& cpu, std::uint32_t insn) {
  cpu.set_gpr(rd(insn), static_cast<std::uint32_t>(signed_product(cpu, insn)));
  cpu.add_cycles(cpu.variant().timing->mul_gpr_extra);
}
void MADD(MipsCore& cpu, std::uint32_t insn) {
  set_hilo(cpu, static_cast<std::uint64_t>(hilo(cpu) + signed_product(cpu, insn)));
  cpu.start_multiply_divide(multiply_latency(cpu));
}
void MADDU(MipsCore& cpu, std::uint32_t insn) {
  set_hilo(cpu, static_cast<std::uint64_t>(hilo(cpu)) + unsigned_product(cpu, insn));
  cpu.start_multiply_divide(multiply_latency(cpu));
}
void MSUB(MipsCore& cpu, std::uint32_t insn) {
  set_hilo(cpu, static_cast<std::uint64_t>(hilo(cpu) - signed_product(cpu, insn)));
  cpu.start_multiply_divide(multiply_latency(cpu));
}
void MSUBU(MipsCore& cpu, std::uint32_t insn) {
  set_hilo(cpu, static_cast<std::uint64_t>(hilo(cpu)) - unsigned_product(cpu, insn));
  cpu.start_multiply_divide(multiply_latency(cpu));
}

}  // namespace anvil::mips::ops
