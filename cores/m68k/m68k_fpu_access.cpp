// FPU operands at effective addresses, FPSR bookkeeping and FP exception traps.
#include "cores/m68k/m68k_fpu_access.h"

namespace anvil::m68k {

unsigned format_bytes(FpFormat format) {
  static constexpr unsigned kBytes[] = {4, 4, 12, 12, 2, 8, 1, 12};
  return kBytes[static_cast<unsigned>(format)];
}

FpLocation locate(M68000Core& cpu, unsigned mode, unsigned reg, unsigned bytes) {
  FpLocation where;
  const unsigned step = bytes == 1 && reg == 7 ? 2 : bytes;
  switch (mode) {
    case 0:
      where.kind = FpLocation::DataRegister;
      where.reg = reg;
      return where;
    case 1:
      where.kind = FpLocation::AddressRegister;
      where.reg = reg;
      return where;
    case 3:
      where.address = cpu.a[reg];
      cpu.a[reg] += step;
      return where;
    case 4:
      cpu.a[reg] -= step;
      where.address = cpu.a[reg];
      return where;
    default:
      break;
  }
  if (mode == 7 && reg == 4) {  // #<data>: the words after the extension words (PRM 2.2.12)
    where.kind = FpLocation::Immediate;
    const unsigned words = (bytes + 1) / 2;
    std::array<std::uint8_t, 12> read{};
    for (unsigned i = 0; i < words && i < 6; ++i) {
      const std::uint16_t w = cpu.read_extension();
      read[2 * i] = static_cast<std::uint8_t>(w >> 8);
      read[2 * i + 1] = static_cast<std::uint8_t>(w);
    }
    // A byte is the low half of its word.
    const unsigned first = bytes == 1 ? 1 : 0;
    for (unsigned i = 0; i < bytes && i < 12; ++i) where.immediate.data[i] = read[first + i];
    where.immediate.size = bytes < 12 ? bytes : 12;
    return where;
  }
  const Operand op = cpu.ea(mode, reg, Size::Long);
  where.address = op.address;
  where.program = op.program;
  return where;
}

OperandBytes read_bytes(M68000Core& cpu, const FpLocation& where, unsigned bytes) {
  OperandBytes data;
  data.size = bytes;
  switch (where.kind) {
    case FpLocation::Immediate:
      data = where.immediate;
      data.size = bytes;
      return data;
    case FpLocation::DataRegister:
    case FpLocation::AddressRegister: {
      const std::uint32_t value =
          where.kind == FpLocation::DataRegister ? cpu.d[where.reg] : cpu.a[where.reg];
      for (unsigned i = 0; i < bytes; ++i)
        data.data[i] = static_cast<std::uint8_t>(value >> (8 * (bytes - 1 - i)));
      return data;
    }
    case FpLocation::Memory:
      break;
  }
  if (bytes == 1) {
    data.data[0] = cpu.read_byte(where.address, where.program);
    return data;
  }
  for (unsigned i = 0; i < bytes; i += 2) {
    const std::uint16_t w = cpu.read_word(where.address + i, where.program);
    data.data[i] = static_cast<std::uint8_t>(w >> 8);
    data.data[i + 1] = static_cast<std::uint8_t>(w);
  }
  return data;
}

void write_bytes(M68000Core& cpu, const FpLocation& where, const OperandBytes& data) {
  const unsigned bytes = data.size;
  if (where.kind == FpLocation::DataRegister || where.kind == FpLocation::AddressRegister) {
    std::uint32_t& target =
        where.kind == FpLocation::DataRegister ? cpu.d[where.reg] : cpu.a[where.reg];
    std::uint32_t value = 0;
    for (std::uint8_t b : data) value = (value << 8) | b;
    const std::uint32_t mask = bytes >= 4 ? 0xFFFFFFFFu : (1u << (8 * bytes)) - 1;
    target = (target & ~mask) | (value & mask);
    return;
  }
  if (bytes == 1) {
    cpu.write_byte(where.address, data[0]);
    return;
  }
  for (unsigned i = 0; i < bytes; i += 2)
    cpu.write_word(where.address + i, static_cast<std::uint16_t>((data[i] << 8) | data[i + 1]));
}

std::uint32_t read_long(M68000Core& cpu, const FpLocation& where, unsigned offset) {
  FpLocation at = where;
  if (at.kind == FpLocation::Memory) at.address += offset;
  if (at.kind == FpLocation::Immediate) {  // drop the longs before `offset`
    for (unsigned i = offset; i < at.immediate.size; ++i)
      at.immediate.data[i - offset] = at.immediate.data[i];
    at.immediate.size -= offset;
  }
  std::uint32_t value = 0;
  for (std::uint8_t b : read_bytes(cpu, at, 4)) value = (value << 8) | b;
  return value;
}

void write_long(M68000Core& cpu, const FpLocation& where, std::uint32_t value, unsigned offset) {
  FpLocation at = where;
  at.address += offset;
  write_bytes(cpu, at,
              {static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
               static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)});
}

unsigned exception_vector(std::uint32_t enabled) {
  // FPU UM 6.1: the exception priorities and the vector numbers.
  if (enabled & kFpBsun) return 48;
  if (enabled & kFpSnan) return 54;
  if (enabled & kFpOperr) return 52;
  if (enabled & kFpOvfl) return 53;
  if (enabled & kFpUnfl) return 51;
  if (enabled & kFpDz) return 50;
  return 49;  // INEX1, INEX2
}

void report_fp_exception(M68000Core& cpu, const FpuOptions& options,
                         const FpExceptionReport& report) {
  const std::uint32_t next_instruction = cpu.pc_value() - 2;  // IRC holds its first word
  if (options.model == FpuModel::Mc68040)
    return cpu.exception_with_frame(exception_vector(report.enabled), kFrameFpPost040,
                                    next_instruction, report.effective_address);
  FpInternalState& internal = cpu.fpu.internal;
  internal.exception_pending = true;
  internal.exceptional_operand = report.operand;
  cpu.prefetch();
}

bool take_pending_exception(M68000Core& cpu, std::uint16_t opcode, std::uint32_t address,
                            const FpuOptions& options) {
  FpInternalState& internal = cpu.fpu.internal;
  if (!internal.exception_pending || options.model == FpuModel::Mc68040) return false;
  const unsigned type = (opcode >> 6) & 7;
  if (type == 4 || type == 5) return false;                       // FSAVE, FRESTORE
  const unsigned opclass = cpu.irc() >> 13;                       // the command word, not yet read
  if (type == 0 && (opclass == 4 || opclass == 5)) return false;  // FMOVE(M) of FPcr
  // The exception the FPSR/FPCR pair names now (FPU UM 6.1: the handler reads them).
  const std::uint32_t enabled = cpu.fpu.fpsr & cpu.fpu.fpcr & 0xFF00;
  if (enabled == 0) {
    internal.exception_pending = false;
    return false;
  }
  // Linux user mode: arch/m68k/kernel/traps.c clears the pending bit of the 68881's frame
  // before it sends SIGFPE, so the instruction runs when the handler returns.
  if (cpu.linux_user()) internal.exception_pending = false;
  cpu.exception(exception_vector(enabled), address);
  return true;
}

void take_unimplemented_040(M68000Core& cpu, const FpUnimplemented& what) {
  FpInternalState& internal = cpu.fpu.internal;
  internal.unimplemented_frame = true;
  internal.command = what.command;
  internal.source_bytes = what.source;
  internal.destination_operand = what.destination;
  const std::uint32_t next_instruction = cpu.pc_value() - 2;
  if (what.vector == kVectorLineF)
    return cpu.exception_with_frame(what.vector, kFrameInstruction, next_instruction,
                                    what.effective_address);
  cpu.exception_with_frame(what.vector, kFrameFpUnimpl040, next_instruction, what.effective_address,
                           what.instruction_address);
}

void unimplemented(M68000Core& cpu) {
  cpu.illegal_instruction(kVectorLineF);
}

bool fp_condition(std::uint32_t fpsr, unsigned predicate) {
  const bool n = fpsr & kFpN, z = fpsr & kFpZ, nan = fpsr & kFpNan;
  switch (predicate & 15) {
    case 0:
      return false;  // F, SF
    case 1:
      return z;  // EQ, SEQ
    case 2:
      return !(nan || z || n);  // OGT, GT
    case 3:
      return z || !(nan || n);  // OGE, GE
    case 4:
      return n && !(nan || z);  // OLT, LT
    case 5:
      return z || (n && !nan);  // OLE, LE
    case 6:
      return !(nan || z);  // OGL, GL
    case 7:
      return !nan;  // OR, GLE
    case 8:
      return nan;  // UN, NGLE
    case 9:
      return nan || z;  // UEQ, NGL
    case 10:
      return nan || !(n || z);  // UGT, NLE
    case 11:
      return nan || z || !n;  // UGE, NLT
    case 12:
      return nan || (n && !z);  // ULT, NGE
    case 13:
      return nan || z || n;  // ULE, NGT
    case 14:
      return !z;  // NE, SNE
    default:
      return true;  // T, ST
  }
}

}  // namespace anvil::m68k
