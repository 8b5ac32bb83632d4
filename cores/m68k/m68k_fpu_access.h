// What the FPU instruction handlers share: operands in the FPU's data formats at an
// effective address (PRM 1.6, 2.2), FPSR bookkeeping after an operation (FPU UM 2.2) and
// the FP exception traps (FPU UM 6.1).
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>

#include "cores/m68k/m68000_core.h"
#include "cores/m68k/m68k_fpu.h"
#include "cores/m68k/m68k_fpu_arith.h"
#include "cores/m68k/m68k_fpu_float.h"

namespace anvil::m68k {

// The source/destination format field of a command word (PRM 5.1, the general instruction format).
enum class FpFormat : std::uint8_t {
  Long = 0,
  Single = 1,
  Extended = 2,
  Packed = 3,
  Word = 4,
  Double = 5,
  Byte = 6,
  PackedDynamic = 7,  // FMOVE out only: k-factor in a data register
};
unsigned format_bytes(FpFormat format);

// An operand's bytes, big-endian: at most 12 (extended and packed reals; the immediate of an
// FMOVEM to all three control registers). Fixed storage, so no instruction allocates.
struct OperandBytes {
  std::array<std::uint8_t, 12> data{};
  unsigned size = 0;
  OperandBytes() = default;
  OperandBytes(std::initializer_list<std::uint8_t> bytes) {
    for (std::uint8_t b : bytes) data[size++] = b;
  }
  explicit OperandBytes(const std::array<std::uint8_t, 12>& twelve) : data(twelve), size(12) {}
  const std::uint8_t* begin() const { return data.data(); }
  const std::uint8_t* end() const { return data.data() + size; }
  std::uint8_t operator[](unsigned i) const { return data[i]; }
};

// An operand's place: a data or address register, memory, or bytes that followed the
// instruction as an immediate.
struct FpLocation {
  enum Kind : std::uint8_t { DataRegister, AddressRegister, Memory, Immediate } kind = Memory;
  unsigned reg = 0;
  bool program = false;
  std::uint32_t address = 0;
  OperandBytes immediate;
};

// Computes the location of an operand of `bytes` bytes at mode/reg. (An)+ and -(An) step by
// `bytes` (the core's ea() knows only 1, 2 and 4), byte steps of A7 stay even (PRM 2.2.4).
FpLocation locate(M68000Core& cpu, unsigned mode, unsigned reg, unsigned bytes);

// Big-endian bytes at a location; a register holds at most four (its low bytes).
OperandBytes read_bytes(M68000Core& cpu, const FpLocation& where, unsigned bytes);
void write_bytes(M68000Core& cpu, const FpLocation& where, const OperandBytes& data);
std::uint32_t read_long(M68000Core& cpu, const FpLocation& where, unsigned offset = 0);
void write_long(M68000Core& cpu, const FpLocation& where, std::uint32_t value, unsigned offset = 0);

// The accrued exception byte an exception byte implies (FPU UM 2.2.4): IOP from BSUN, SNAN
// or OPERR; OVFL; UNFL only with INEX2; DZ; INEX from INEX1, INEX2 or OVFL.
inline constexpr std::array<std::uint8_t, 256> kAccruedExceptions = [] {
  std::array<std::uint8_t, 256> table{};
  for (unsigned byte = 0; byte < 256; ++byte) {
    const std::uint32_t exceptions = byte << 8;
    unsigned accrued = 0;
    if (exceptions & (kFpBsun | kFpSnan | kFpOperr)) accrued |= 0x80;
    if (exceptions & kFpOvfl) accrued |= 0x40;
    if ((exceptions & kFpUnfl) && (exceptions & kFpInex2)) accrued |= 0x20;
    if (exceptions & kFpDz) accrued |= 0x10;
    if (exceptions & (kFpInex1 | kFpInex2 | kFpOvfl)) accrued |= 0x08;
    table[byte] = static_cast<std::uint8_t>(accrued);
  }
  return table;
}();

// FPSR after an arithmetic instruction (FPU UM 2.2.3, 2.2.4): the exception byte replaced,
// the accrued byte gaining what the exceptions imply. Returns the enabled (FPCR) exceptions.
inline std::uint32_t record_exceptions(M68kFpuState& fpu, std::uint32_t exceptions) {
  exceptions &= 0xFF00;
  fpu.fpsr = (fpu.fpsr & ~0xFF00u) | exceptions | kAccruedExceptions[exceptions >> 8];
  return exceptions & fpu.fpcr & 0xFF00;
}

// Whether an exception the instruction raised is enabled, and so traps; the vector of the
// highest-priority one (FPU UM 6.1.?: BSUN, SNAN, OPERR, OVFL, UNFL, DZ, INEX2/INEX1).
unsigned exception_vector(std::uint32_t enabled);
// An enabled arithmetic exception at the end of an instruction, as each FPU reports it:
// the 68881/68882 finish the instruction and keep the exception pending until the next FP
// instruction starts (FPU UM 6.1; see take_pending_exception); the 68040 takes a
// post-instruction exception now, format $3 with the operand's effective address and the
// next instruction's PC (040 UM 8.4.3, 9.x). `operand`: the exceptional operand FSAVE shows.
struct FpExceptionReport {
  std::uint32_t enabled = 0;            // FPSR exception bits that FPCR enables
  Extended80 operand{};                 // the exceptional operand
  std::uint32_t effective_address = 0;  // the memory operand's address (0 for registers)
};
void report_fp_exception(M68000Core& cpu, const FpuOptions& options,
                         const FpExceptionReport& report);

// The 68881/68882's pre-instruction exception (FPU UM 6.1; 020 UM 10): with an exception
// pending, the next FP instruction other than FSAVE, FRESTORE and FMOVE/FMOVEM of the control
// registers traps before it acts, with a format $0 frame whose PC is that instruction (RTE
// runs it again; the handler clears the pending bit through FSAVE/FRESTORE). True when taken.
bool take_pending_exception(M68000Core& cpu, std::uint16_t opcode, std::uint32_t address,
                            const FpuOptions& options);
inline bool exception_pending(const M68000Core& cpu) {
  return cpu.fpu.internal.exception_pending;
}

// The 68040's unimplemented instruction (vector 11) and unimplemented data type (vector 55):
// taken once the effective address is calculated, with the next instruction's PC stacked so
// that software that finishes the instruction returns past it. Vector 11: format $2 with the
// effective address (040 UM 8.4.2; Motorola's FPSP checks for $202C); vector 55: format $4
// with the effective address and the faulted instruction's PC (040 UM 8.4.4). FSAVE then
// writes the UNIMP frame holding `command`, the source (ETEMP) and destination (FPTEMP).
struct FpUnimplemented {
  unsigned vector = 0;
  std::uint32_t instruction_address = 0;
  std::uint32_t effective_address = 0;
  std::uint16_t command = 0;
  std::array<std::uint8_t, 12> source{};  // ETEMP: the source as extended (packed: as read)
  Extended80 destination{};               // FPTEMP
};
void take_unimplemented_040(M68000Core& cpu, const FpUnimplemented& what);

// The F-line trap: an instruction the FPU model does not have (or leaves to software).
void unimplemented(M68000Core& cpu);

// The FP condition tests (PRM Table 3-23, FPU UM 4.4) by the predicate's low four bits; bit
// 4 (BSUN on an unordered result) is the caller's to check.
bool fp_condition(std::uint32_t fpsr, unsigned predicate);

// A general instruction starts (FPU UM 2.2.5, 6.4): FPIAR takes its address, CMDREG its
// command word, and the internal state of the one before is gone.
inline void begin_general(M68kFpuState& fpu, std::uint16_t command, std::uint32_t address) {
  fpu.internal = {};
  fpu.internal.command = command;
  fpu.fpiar = address;
}

// FPSR and FPn after a general operation: the condition codes (FPU UM 4.3.4), the quotient
// byte (FMOD, FREM), the exception and accrued bytes; FPn (and FSINCOS's FPc) unless an
// enabled SNAN or OPERR stops the store (FPU UM 6.1). Returns the enabled exceptions.
inline std::uint32_t record_operation(M68kFpuState& fpu, unsigned opmode, unsigned destination,
                                      const OperationResult& result,
                                      std::uint32_t source_exceptions) {
  fpu.fpsr = (fpu.fpsr & 0xF0FFFFFFu) | result.condition;
  if (result.has_quotient)
    fpu.fpsr = (fpu.fpsr & 0xFF00FFFFu) | (std::uint32_t{result.quotient} << 16);
  const std::uint32_t enabled = record_exceptions(fpu, result.exceptions | source_exceptions);
  if (result.stores && !(enabled & (kFpSnan | kFpOperr))) {
    if (result.has_cosine) fpu.fp[opmode & 7] = result.cosine;
    fpu.fp[destination] = result.value;
  }
  return enabled;
}

// FMOVECR #offset,FPn (PRM 5, FMOVECR) up to its exceptions: the ROM constant rounded per
// FPCR into FPn, the condition codes and the exception bytes. Returns the enabled ones.
std::uint32_t load_constant(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command);

// The instruction groups (m68k_fpu_general.cpp, m68k_fpu_move_control.cpp,
// m68k_fpu_conditional.cpp). `address` is the instruction's own address (FPIAR's value).
void fpu_general(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command,
                 std::uint32_t address, const FpuOptions& options);
void fpu_move_control(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command);
void fpu_move_multiple(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command);
void fpu_save(M68000Core& cpu, std::uint16_t opcode, const FpuOptions& options);
void fpu_restore(M68000Core& cpu, std::uint16_t opcode, const FpuOptions& options);

}  // namespace anvil::m68k
