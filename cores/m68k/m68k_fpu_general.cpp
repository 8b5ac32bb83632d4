// The general FPU instructions (PRM 5.1, 5.2; FPU UM 4.2): opclass 000 (FPm to FPn), 010
// (<ea> to FPn, and FMOVECR) and 011 (FMOVE FPn to <ea>). Command word: opclass in bits
// 15-13, source specifier 12-10, destination register 9-7, opmode (or k-factor) 6-0.
#include <array>
#include <cstring>

#include "cores/m68k/m68k_fpu_access.h"
#include "cores/m68k/m68k_fpu_arith.h"
#include "cores/m68k/m68k_fpu_decimal.h"
#include "cores/m68k/m68k_fpu_timing.h"

namespace anvil::m68k {

namespace {

// 040 UM 9.x: operands the 68040 does not handle in hardware (denormalised and unnormalised
// numbers, packed decimal) take the unimplemented-data-type exception; the FPSP finishes
// the instruction.
constexpr unsigned kVectorUnsupportedData = 55;

bool strict_68040(const FpuOptions& options) {
  return options.model == FpuModel::Mc68040 && !options.emulate_unimplemented;
}

std::uint32_t memory_address(const FpLocation& where) {
  return where.kind == FpLocation::Memory ? where.address : 0;
}

std::uint64_t big_endian(const OperandBytes& bytes) {
  std::uint64_t value = 0;
  for (std::uint8_t b : bytes) value = (value << 8) | b;
  return value;
}

OperandBytes big_endian_bytes(std::uint64_t value, unsigned bytes) {
  OperandBytes data;
  data.size = bytes;
  for (unsigned i = 0; i < bytes; ++i)
    data.data[i] = static_cast<std::uint8_t>(value >> (8 * (bytes - 1 - i)));
  return data;
}

// A memory operand in `format` as an extended value (PRM 1.6: integers are two's
// complement; packed conversion may be inexact, INEX1).
FpResult load_operand(const OperandBytes& bytes, FpFormat format, Rounding rounding) {
  const std::uint64_t raw = big_endian(bytes);
  switch (format) {
    case FpFormat::Long:
      return {from_integer(static_cast<std::int32_t>(raw)), 0};
    case FpFormat::Word:
      return {from_integer(static_cast<std::int16_t>(raw)), 0};
    case FpFormat::Byte:
      return {from_integer(static_cast<std::int8_t>(raw)), 0};
    case FpFormat::Single:
      return {from_single(static_cast<std::uint32_t>(raw)), 0};
    case FpFormat::Double:
      return {from_double(raw), 0};
    case FpFormat::Extended:
      return {from_memory_image(bytes.begin()), 0};
    default: {
      PackedImage image;
      std::memcpy(image.data(), bytes.begin(), image.size());
      return from_packed(image, rounding);
    }
  }
}

// FMOVE FPn,<ea> (PRM 5, FMOVE): the register converted to `format` under FPCR's mode. The
// condition codes do not change; the exception byte does.
void move_out(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command, std::uint32_t address,
              const FpuOptions& options) {
  const auto format = static_cast<FpFormat>((command >> 10) & 7);
  const Extended80 value = cpu.fpu.fp[(command >> 7) & 7];
  const RoundingMode mode = rounding_from_fpcr(cpu.fpu.fpcr).mode;
  const unsigned ea_mode = (opcode >> 3) & 7, ea_reg = opcode & 7;
  const unsigned bytes = format_bytes(format);
  if (ea_mode == 1 || (ea_mode == 0 && bytes > 4) || (ea_mode == 7 && ea_reg > 1))
    return unimplemented(cpu);  // data alterable only; Dn holds at most a long
  if (strict_68040(options) && (format == FpFormat::Packed || format == FpFormat::PackedDynamic)) {
    const FpLocation where = locate(cpu, ea_mode, ea_reg, bytes);
    return take_unimplemented_040(cpu, {kVectorUnsupportedData,
                                        address,
                                        memory_address(where),
                                        command,
                                        fpu_register_image(value),
                                        {}});
  }
  OperandBytes data;
  std::uint32_t exceptions = 0;
  switch (format) {
    case FpFormat::Long:
    case FpFormat::Word:
    case FpFormat::Byte: {
      const IntegerResult r = to_integer(value, bytes * 8, mode);
      data = big_endian_bytes(static_cast<std::uint32_t>(r.value), bytes);
      exceptions = r.exceptions;
      break;
    }
    case FpFormat::Single: {
      const BitsResult r = to_single(value, mode);
      data = big_endian_bytes(r.bits, 4);
      exceptions = r.exceptions;
      break;
    }
    case FpFormat::Double: {
      const BitsResult r = to_double(value, mode);
      data = big_endian_bytes(r.bits, 8);
      exceptions = r.exceptions;
      break;
    }
    case FpFormat::Extended: {
      const Extended80 stored = is_signalling_nan(value) ? quiet(value) : value;
      exceptions = is_signalling_nan(value) ? kFpSnan : 0;
      const std::array<std::uint8_t, 12> image = fpu_register_image(stored);
      data = OperandBytes(image);
      break;
    }
    default: {
      // k-factor: a 7-bit signed number in the command word, or in Dn's low bits (PRM 1.6.6).
      const unsigned field =
          format == FpFormat::Packed ? command & 0x7F : cpu.d[(command >> 4) & 7] & 0x7F;
      const int k = field & 0x40 ? static_cast<int>(field) - 128 : static_cast<int>(field);
      const PackedResult r = to_packed(value, k, mode);
      data = OperandBytes(r.image);
      exceptions = r.exceptions;
      break;
    }
  }
  const std::uint32_t enabled = record_exceptions(cpu.fpu, exceptions);
  // An enabled SNAN or OPERR leaves the destination alone (FPU UM 6.1).
  const FpLocation where = locate(cpu, ea_mode, ea_reg, bytes);
  charge_general_clocks(cpu, opcode, command);
  if (!(enabled & (kFpSnan | kFpOperr))) write_bytes(cpu, where, data);
  if (enabled) return report_fp_exception(cpu, options, {enabled, value, memory_address(where)});
  cpu.prefetch();
}

bool unsupported_on_68040(const OperandBytes& bytes, FpFormat format) {
  const std::uint64_t raw = big_endian(bytes);
  switch (format) {
    case FpFormat::Single:
      return ((raw >> 23) & 0xFF) == 0 && (raw & 0x7FFFFF) != 0;
    case FpFormat::Double:
      return ((raw >> 52) & 0x7FF) == 0 && (raw & 0xFFFFFFFFFFFFFull) != 0;
    case FpFormat::Extended:
      return is_denormal_or_unnormal(from_memory_image(bytes.begin()));
    default:
      return false;
  }
}

// The source operand of opclass 000 and 010, and what the 68040 would need of it to leave
// the instruction to software.
struct Source {
  FpResult operand;
  std::uint32_t effective_address = 0;  // a memory operand's
  bool unsupported_on_68040 = false;    // packed, denormal or unnormal
  bool packed_unread = false;           // a packed operand the 68040 does not convert
  OperandBytes bytes;                   // opclass 010: as read
};

// The big-endian long that ends an operand: what the 68881's operand register keeps.
std::uint32_t last_long(const OperandBytes& data) {
  if (data.size < 4) return 0;
  std::uint32_t value = 0;
  for (unsigned i = data.size - 4; i < data.size; ++i) value = (value << 8) | data.data[i];
  return value;
}

// Fetches opclass 010's <ea> in the command word's format. False: not a data addressing mode
// (or Dn for more than a long), the F-line trap taken.
bool fetch_source(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command, bool strict,
                  Rounding rounding, Source& source) {
  const auto format = static_cast<FpFormat>((command >> 10) & 7);
  const unsigned bytes = format_bytes(format);
  const unsigned ea_mode = (opcode >> 3) & 7;
  if (ea_mode == 1 || (ea_mode == 0 && bytes > 4) || (ea_mode == 7 && (opcode & 7) > 4)) {
    unimplemented(cpu);
    return false;
  }
  const FpLocation where = locate(cpu, ea_mode, opcode & 7, bytes);
  source.bytes = read_bytes(cpu, where, bytes);
  cpu.fpu.internal.operand_register = last_long(source.bytes);
  source.effective_address = memory_address(where);
  if (strict && format == FpFormat::Packed) {
    source.unsupported_on_68040 = source.packed_unread = true;
    return true;
  }
  source.operand = load_operand(source.bytes, format, rounding);
  source.unsupported_on_68040 = strict && unsupported_on_68040(source.bytes, format);
  return true;
}

void move_constant(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command,
                   const FpuOptions& options) {
  if (const std::uint32_t enabled = load_constant(cpu, opcode, command))
    return report_fp_exception(cpu, options, {enabled, cpu.fpu.fp[(command >> 7) & 7], 0});
  cpu.prefetch();
}

// 040 UM 9.x: what the 68040 leaves to software, once the source is fetched: the
// transcendental group (vector 11) and packed, denormal and unnormal operands (vector 55).
unsigned vector_on_68040(unsigned opmode, const Source& source, const Extended80& destination) {
  if (opmode_unimplemented_on_68040(opmode)) return kVectorLineF;
  if (source.unsupported_on_68040 ||
      (opmode_dyadic(opmode) && is_denormal_or_unnormal(destination)))
    return kVectorUnsupportedData;
  return 0;
}

}  // namespace

std::uint32_t load_constant(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command) {
  M68kFpuState& fpu = cpu.fpu;
  const FpResult constant = constant_rom(command & 0x7F, rounding_from_fpcr(fpu.fpcr));
  charge_general_clocks(cpu, opcode, command);
  fpu.fp[(command >> 7) & 7] = constant.value;
  fpu.fpsr = (fpu.fpsr & 0xF0FFFFFFu) | condition_codes(constant.value);
  return record_exceptions(fpu, constant.exceptions);
}

void fpu_general(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command,
                 std::uint32_t address, const FpuOptions& options) {
  const unsigned opclass = command >> 13;
  const unsigned opmode = command & 0x7F;
  const bool is_rom = opclass == 2 && ((command >> 10) & 7) == 7;
  if (opclass != 3 && !is_rom && !opmode_defined(opmode, options.model)) return unimplemented(cpu);
  if (is_rom && (opcode & 0x3F)) return unimplemented(cpu);
  M68kFpuState& fpu = cpu.fpu;
  begin_general(fpu, command, address);
  const bool strict = strict_68040(options);
  if (strict && is_rom)  // 040 UM 9.x: FMOVECR is left to software
    return take_unimplemented_040(cpu, {kVectorLineF, address, 0, command, {}, {}});
  if (opclass == 3) return move_out(cpu, opcode, command, address, options);
  if (is_rom) return move_constant(cpu, opcode, command, options);

  const Rounding rounding = rounding_from_fpcr(fpu.fpcr);
  const unsigned destination = (command >> 7) & 7;
  Source source;
  if (opclass == 0) {
    source.operand.value = fpu.fp[(command >> 10) & 7];
    source.unsupported_on_68040 = strict && is_denormal_or_unnormal(source.operand.value);
  } else if (opclass != 2) {
    return unimplemented(cpu);
  } else if (!fetch_source(cpu, opcode, command, strict, rounding, source)) {
    return;
  }
  if (strict) {
    if (const unsigned vector = vector_on_68040(opmode, source, fpu.fp[destination])) {
      const std::array<std::uint8_t, 12> image =
          source.packed_unread ? source.bytes.data : fpu_register_image(source.operand.value);
      return take_unimplemented_040(
          cpu, {vector, address, source.effective_address, command, image, fpu.fp[destination]});
    }
  }

  charge_general_clocks(cpu, opcode, command);
  const Extended80& operand = source.operand.value;
  const OperationResult result = fpu_operate(opmode, operand, fpu.fp[destination], rounding);
  const std::uint32_t enabled =
      record_operation(fpu, opmode, destination, result, source.operand.exceptions);
  if (!enabled) return cpu.prefetch();
  // FPU UM 6.1: the exceptional operand is the source for SNAN, OPERR and DZ; for OVFL,
  // UNFL and INEX the manual gives the intermediate result with its exponent rebiased, which
  // the host arithmetic does not produce: the delivered result stands in for it.
  const bool source_operand = enabled & (kFpSnan | kFpOperr | kFpDz);
  report_fp_exception(cpu, options,
                      {enabled, source_operand ? operand : result.value, source.effective_address});
}

}  // namespace anvil::m68k
