// The interlocked cores' pipeline timing (mips_timing.h): which registers an instruction
// reads and writes, decoded from its encoding (MIPS32 ISA Appendix A, the opcode maps), and
// the stalls and branch costs of the variant's timing table (mips_variant.cpp).
#include "cores/mips/mips_timing.h"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace anvil::mips {

namespace {

using Result = Operands::Result;

constexpr unsigned field_rs(std::uint32_t insn) {
  return (insn >> 21) & 31;
}
constexpr unsigned field_rt(std::uint32_t insn) {
  return (insn >> 16) & 31;
}
constexpr unsigned field_rd(std::uint32_t insn) {
  return (insn >> 11) & 31;
}
constexpr std::uint32_t bit(unsigned reg) {
  return 1u << reg;
}

void writes(Operands& o, Result kind, unsigned reg) {
  o.result = kind;
  o.gpr = static_cast<std::uint8_t>(reg);
}

// SPECIAL (opcode 0), by function (MIPS32 ISA Table A.3).
void special(Operands& o, std::uint32_t insn) {
  const unsigned rs = field_rs(insn), rt = field_rt(insn), rd = field_rd(insn);
  const unsigned function = insn & 63;
  switch (function) {
    case 0x00:
    case 0x02:
    case 0x03:  // SLL, SRL/ROTR, SRA
      o.uses = bit(rt);
      return writes(o, Result::Alu, rd);
    case 0x01:  // MOVF/MOVT
      o.uses = bit(rs);
      o.reads_condition = true;
      return writes(o, Result::Alu, rd);
    case 0x08:  // JR
      o.uses = bit(rs);
      return;
    case 0x09:  // JALR
      o.uses = bit(rs);
      return writes(o, Result::Alu, rd);
    case 0x0C:
    case 0x0D:
    case 0x0F:  // SYSCALL, BREAK, SYNC
      return;
    case 0x10:
    case 0x12:  // MFHI, MFLO (their wait for the MDU is MipsCore::wait_for_hilo)
      return writes(o, Result::HiLo, rd);
    case 0x11:
    case 0x13:  // MTHI, MTLO
      o.uses = bit(rs);
      o.mdu = true;
      return;
    case 0x18:
    case 0x19:  // MULT, MULTU
      o.uses = bit(rs) | bit(rt);
      o.mdu = true;
      return;
    case 0x1A:
    case 0x1B:  // DIV, DIVU
      o.uses = bit(rs) | bit(rt);
      o.mdu = o.divide = true;
      return;
    default:
      if (function >= 0x30) {  // traps
        o.uses = bit(rs) | bit(rt);
        return;
      }
      // The remaining shifts by register, MOVZ/MOVN, and the ALU operations.
      o.uses = bit(rs) | bit(rt);
      return writes(o, Result::Alu, rd);
  }
}

// SPECIAL2 (opcode 28): MADD/MSUB family, MUL, CLZ/CLO (MIPS32 ISA Table A.5).
void special2(Operands& o, std::uint32_t insn) {
  const unsigned rs = field_rs(insn), rt = field_rt(insn), rd = field_rd(insn);
  switch (insn & 63) {
    case 0x02:  // MUL
      o.uses = bit(rs) | bit(rt);
      o.mdu = true;
      return writes(o, Result::Multiply, rd);
    case 0x20:
    case 0x21:  // CLZ, CLO
      o.uses = bit(rs);
      return writes(o, Result::Alu, rd);
    case 0x3F:  // SDBBP
      return;
    default:  // MADD, MADDU, MSUB, MSUBU
      o.uses = bit(rs) | bit(rt);
      o.mdu = true;
      return;
  }
}

// SPECIAL3 (opcode 31): EXT, INS, BSHFL, RDHWR (MIPS32 ISA Table A.6).
void special3(Operands& o, std::uint32_t insn) {
  const unsigned rs = field_rs(insn), rt = field_rt(insn), rd = field_rd(insn);
  switch (insn & 63) {
    case 0x00:  // EXT
      o.uses = bit(rs);
      return writes(o, Result::Alu, rt);
    case 0x04:  // INS
      o.uses = bit(rs) | bit(rt);
      return writes(o, Result::Alu, rt);
    case 0x20:  // SEB, SEH, WSBH
      o.uses = bit(rt);
      return writes(o, Result::Alu, rd);
    case 0x3B:  // RDHWR
      return writes(o, Result::Alu, rt);
    default:
      return;
  }
}

void fpr_use(Operands& o, unsigned reg, bool pair) {
  o.fpr_uses |= bit(reg) | (pair && reg < 31 ? bit(reg + 1) : 0);
}
void fpr_write(Operands& o, unsigned reg, bool pair, unsigned latency) {
  o.fpr = static_cast<std::uint8_t>(reg);
  o.fpr_pair = pair;
  o.fpr_latency = static_cast<std::uint8_t>(latency);
}

// CP1 arithmetic of formats S, D, W, L (MIPS32 ISA Table A.14, function field).
void fpu_arithmetic(const FpuTiming& t, Operands& o, std::uint32_t insn) {
  const unsigned format = field_rs(insn);
  const bool wide = format == 17 || format == 21;  // D, L: register pairs with FR=0
  const unsigned ft = field_rt(insn), fs = field_rd(insn), fd = (insn >> 6) & 31;
  const unsigned function = insn & 63;
  fpr_use(o, fs, wide);
  const auto result = [&](unsigned latency, bool wide_result) {
    fpr_write(o, fd, wide_result, latency);
  };
  if (format == 20 || format == 21) {  // CVT.S/CVT.D from W or L
    return result(t.convert_to_float, function == 33);
  }
  switch (function) {
    case 0:
    case 1:  // ADD, SUB
      fpr_use(o, ft, wide);
      return result(t.add, wide);
    case 2:  // MUL
      fpr_use(o, ft, wide);
      return result(wide ? t.multiply_double : t.multiply_single, wide);
    case 3:  // DIV
      fpr_use(o, ft, wide);
      [[fallthrough]];
    case 4:   // SQRT
    case 21:  // RECIP
      o.fpu_repeat = static_cast<std::uint8_t>(wide ? t.divide_double_busy : t.divide_single_busy);
      return result(wide ? t.divide_double : t.divide_single, wide);
    case 22:  // RSQRT
      o.fpu_repeat = static_cast<std::uint8_t>(wide ? t.rsqrt_double_busy : t.divide_single_busy);
      return result(wide ? t.rsqrt_double : t.divide_single, wide);
    case 18:
    case 19:  // MOVZ.fmt, MOVN.fmt test a GPR
      o.uses = bit(ft);
      return result(t.add, wide);
    case 32:  // CVT.S.D
      return result(t.double_to_single, false);
    case 33:  // CVT.D.S
      return result(t.convert_to_float, true);
    default:
      if (function >= 48) {  // C.cond: the condition code, not an FPR
        fpr_use(o, ft, wide);
        o.writes_condition = true;
        return;
      }
      if ((function >= 8 && function <= 15) || function == 36 || function == 37)
        return result(t.to_integer, function == 37 || function <= 11);
      o.reads_condition = function == 17;  // MOVF/MOVT.fmt
      return result(t.add, wide);          // ABS, MOV, NEG, MOVF/MOVT.fmt
  }
}

// COP1 (opcode 17), by its rs field (MIPS32 ISA Table A.11).
void cop1(const FpuTiming& t, Operands& o, std::uint32_t insn) {
  const unsigned rt = field_rt(insn), fs = field_rd(insn);
  switch (field_rs(insn)) {
    case 0:
    case 3:  // MFC1, MFHC1
      fpr_use(o, fs, false);
      [[fallthrough]];
    case 2:  // CFC1
      return writes(o, Result::FromFpu, rt);
    case 4:
    case 7:  // MTC1, MTHC1
      o.uses = bit(rt);
      return fpr_write(o, fs, false, t.move_to);
    case 6:  // CTC1
      o.uses = bit(rt);
      return;
    case 8:  // BC1
      o.reads_condition = true;
      return;
    default:
      return fpu_arithmetic(t, o, insn);
  }
}

// COP1X (opcode 19): indexed loads and stores, MADD.fmt family (MIPS32 ISA Table A.16).
void cop1x(const FpuTiming& t, Operands& o, std::uint32_t insn) {
  const unsigned base = field_rs(insn), index = field_rt(insn);
  const unsigned fs = field_rd(insn), fd = (insn >> 6) & 31;
  const unsigned function = insn & 63;
  if (function < 16) {
    o.address = bit(base) | bit(index);
    if (function == 0 || function == 1) fpr_write(o, fd, function == 1, t.load);  // LWXC1/LDXC1
    if (function == 8 || function == 9) fpr_use(o, fs, function == 9);            // SWXC1/SDXC1
    return;
  }
  const bool wide = (function & 7) == 1;
  fpr_use(o, base, wide);   // fr
  fpr_use(o, index, wide);  // ft
  fpr_use(o, fs, wide);
  fpr_write(o, fd, wide, wide ? t.multiply_double : t.multiply_single);
}

}  // namespace

Operands operands_of(const TimingTable& t, std::uint32_t insn) {
  Operands o;
  const unsigned opcode = insn >> 26;
  const unsigned rs = field_rs(insn), rt = field_rt(insn);
  switch (opcode) {
    case 0:
      special(o, insn);
      break;
    case 1:  // REGIMM: BLTZ..., the *AL forms link; traps
      o.uses = bit(rs);
      if ((rt & 0x1E) == 0x10 || (rt & 0x1E) == 0x12) writes(o, Result::Alu, 31);
      break;
    case 2:  // J
      break;
    case 3:  // JAL
      writes(o, Result::Alu, 31);
      break;
    case 4:
    case 5:
    case 20:
    case 21:  // BEQ, BNE, BEQL, BNEL
      o.uses = bit(rs) | bit(rt);
      break;
    case 6:
    case 7:
    case 22:
    case 23:  // BLEZ, BGTZ and their likely forms
      o.uses = bit(rs);
      break;
    case 16:  // COP0: MFC0 writes rt, MTC0 reads it
      if (rs == 0) writes(o, Result::Alu, rt);
      if (rs == 4) o.uses = bit(rt);
      break;
    case 17:
      cop1(t.fpu, o, insn);
      break;
    case 19:
      cop1x(t.fpu, o, insn);
      break;
    case 28:
      special2(o, insn);
      break;
    case 31:
      special3(o, insn);
      break;
    case 34:
    case 38:  // LWL, LWR merge into rt
      o.uses = bit(rt);
      [[fallthrough]];
    case 32:
    case 33:
    case 35:
    case 36:
    case 37:
    case 48:  // LB, LH, LW, LBU, LHU, LL
      o.address = bit(rs);
      writes(o, Result::Load, rt);
      break;
    case 40:
    case 41:
    case 42:
    case 43:
    case 46:  // SB, SH, SWL, SW, SWR: the data is needed later, as an ALU operand is
      o.address = bit(rs);
      o.uses = bit(rt);
      break;
    case 56:  // SC writes its success flag to rt
      o.address = bit(rs);
      o.uses = bit(rt);
      writes(o, Result::Alu, rt);
      break;
    case 47:
    case 51:  // CACHE, PREF
      o.address = bit(rs);
      break;
    case 49:
    case 53:  // LWC1, LDC1
      o.address = bit(rs);
      fpr_write(o, rt, opcode == 53, t.fpu.load);
      break;
    case 57:
    case 61:  // SWC1, SDC1
      o.address = bit(rs);
      fpr_use(o, rt, opcode == 61);
      break;
    default:
      if (opcode >= 8 && opcode <= 15) {  // ADDI ... LUI
        o.uses = bit(rs);
        writes(o, Result::Alu, rt);
      }
      break;
  }
  o.uses &= ~1u;  // $zero is always ready
  o.address &= ~1u;
  if (o.gpr == 0 && o.result != Result::None) o.result = Result::None;
  return o;
}

// The first cycle at which every operand is ready and every unit needed is free.
Cycles PipelineTiming::ready_for(const Operands& o, Cycles cycle) const {
  Cycles ready = cycle;
  for (std::uint32_t m = o.uses; m; m &= m - 1)
    ready = std::max(ready, ready_[std::countr_zero(m)]);
  for (std::uint32_t m = o.address; m; m &= m - 1)
    ready = std::max(ready, ready_[std::countr_zero(m)] + t_->alu_to_address);
  for (std::uint32_t m = o.fpr_uses; m; m &= m - 1)
    ready = std::max(ready, fpr_ready_[std::countr_zero(m)]);
  if (o.mdu) ready = std::max(ready, mdu_free_);
  if (o.fpu_repeat) ready = std::max(ready, fpu_long_free_);
  if (o.reads_condition) ready = std::max(ready, condition_ready_);
  return ready;
}

void PipelineTiming::record(const Operands& o, Cycles issued) {
  if (o.result != Result::None) {
    const auto kind = static_cast<unsigned>(o.result);
    ready_[o.gpr] = issued + use_latency_[kind];
  }
  if (o.fpr_latency) {
    fpr_ready_[o.fpr] = issued + o.fpr_latency;
    if (o.fpr_pair && o.fpr < 31) fpr_ready_[o.fpr + 1u] = issued + o.fpr_latency;
  }
  if (o.writes_condition) condition_ready_ = issued + t_->fpu.compare;
  if (o.fpu_repeat) fpu_long_free_ = issued + o.fpu_repeat;
  if (o.divide) mdu_free_ = issued + t_->divide_latency;
}

PipelineTiming::PipelineTiming(const TimingTable& table)
    : t_(&table), alu_to_address_(table.alu_to_address), mispredict_(table.mispredict) {
  use_latency_[static_cast<unsigned>(Result::Alu)] = kAluLatency;
  use_latency_[static_cast<unsigned>(Result::Multiply)] = table.mul_gpr_latency;
  use_latency_[static_cast<unsigned>(Result::HiLo)] = table.hilo_to_gpr;
  use_latency_[static_cast<unsigned>(Result::FromFpu)] = table.fpu.move_from;
  use_latency_[static_cast<unsigned>(Result::Load)] = 1 + table.load_use;
  // One ready cycle per register serves both stages only while a loaded value, like any
  // other, reaches address generation alu_to_address cycles after the ALU.
  if (table.load_to_address != table.load_use + table.alu_to_address)
    throw std::invalid_argument(std::string("mips timing table \"") + table.document +
                                "\": load_to_address must be load_use + alu_to_address");
}

IssueSummary PipelineTiming::summarize(const Operands& o) const {
  IssueSummary s;
  const auto out_of_line = [&s] {
    s.unit = s.complex = true;
    return s;
  };
  if (o.fpr_uses || o.fpr_latency || o.fpu_repeat || o.reads_condition || o.writes_condition)
    return out_of_line();
  unsigned n = 0;
  const auto add_reads = [&](std::uint32_t mask, unsigned offset) {
    for (std::uint32_t m = mask; m; m &= m - 1) {
      if (n == 2) return false;  // never for integer instructions; stay exact if it were
      s.reads[n] = static_cast<std::uint8_t>(std::countr_zero(m));
      s.read_offset[n++] = static_cast<std::uint8_t>(offset);
    }
    return true;
  };
  if (!add_reads(o.uses, 0) || !add_reads(o.address, t_->alu_to_address)) return out_of_line();
  if (o.result != Result::None) {
    s.result = o.gpr;
    s.result_latency = static_cast<std::uint8_t>(use_latency_[static_cast<unsigned>(o.result)]);
  }
  s.mdu = o.mdu;
  s.divide = o.divide;
  s.unit = o.mdu || o.divide;
  return s;
}

Cycles PipelineTiming::ready_for_summary(const IssueSummary& s, Cycles cycle) const {
  Cycles ready = std::max(
      {cycle, ready_[s.reads[0]] + s.read_offset[0], ready_[s.reads[1]] + s.read_offset[1]});
  if (s.mdu) ready = std::max(ready, mdu_free_);
  return ready;
}

bool PipelineTiming::summary_matches(const IssueSummary& s, std::span<const Read> reads,
                                     unsigned result, bool load) const {
  if (s.unit || s.mdu || s.divide || s.complex) return false;
  // Both as sorted (register, offset) pairs without register 0 and without repeats (at most
  // two each: no allocation, as this runs for every instruction decoded).
  using Pair = std::pair<unsigned, unsigned>;
  struct Pairs {
    std::array<Pair, 2> items{};
    unsigned size = 0;
    void add(Pair p) {
      if (p.first == 0 || (size == 1 && items[0] == p)) return;
      items[size++] = p;
      if (size == 2 && items[1] < items[0]) std::swap(items[0], items[1]);
    }
    bool operator==(const Pairs& o) const {
      return size == o.size && std::equal(items.begin(), items.begin() + size, o.items.begin());
    }
  };
  if (reads.size() > 2) return false;
  Pairs expected, summarized;
  for (const Read& r : reads) expected.add({r.reg, r.address ? t_->alu_to_address : 0});
  for (unsigned n = 0; n < 2; ++n) summarized.add({s.reads[n], s.read_offset[n]});
  if (!(expected == summarized)) return false;
  if (result == 0) return s.result == 0 && s.result_latency == 0;
  return s.result == result && s.result_latency == (load ? load_latency() : kAluLatency);
}

unsigned PipelineTiming::issue_complex(std::uint32_t insn, Cycles cycle) {
  const Operands o = operands_of(*t_, insn);
  const Cycles issued = ready_for(o, cycle);
  record(o, issued);
  return static_cast<unsigned>(issued - cycle);
}

// An instruction of the multiply/divide unit (summarized) or the FPU (decoded in full).
unsigned PipelineTiming::issue_unit(const IssueSummary& s, std::uint32_t insn, Cycles cycle) {
  if (s.complex) return issue_complex(insn, cycle);
  const Cycles issued = ready_for_summary(s, cycle);
  ready_[s.result] = issued + s.result_latency;
  if (s.divide) mdu_free_ = issued + t_->divide_latency;
  return static_cast<unsigned>(issued - cycle);
}

}  // namespace anvil::mips
