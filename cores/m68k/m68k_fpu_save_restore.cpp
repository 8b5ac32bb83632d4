// The FPU's context switch pair, FSAVE and FRESTORE (PRM 6; FPU UM 6.4; 040 UM 9.x): the
// state frames and the internal state (M68kFpuState::internal) they carry. No instruction
// is ever left half-done between two instructions in this model, so FSAVE writes a NULL,
// IDLE or (68040) UNIMP frame, never a BUSY one.
#include "cores/m68k/m68k_fpu_access.h"
#include "cores/m68k/m68k_fpu_timing.h"

namespace anvil::m68k {

namespace {

// FPU UM 6.4.2, the IDLE frame's last long: bit 27 set says no exception is pending; the
// handler sets it in the saved frame before FRESTORE to clear the exception.
constexpr std::uint32_t kNoExceptionPending = 0x08000000;

// The format word (version, size of what follows) of each model's IDLE frame.
struct IdleFrame {
  std::uint32_t format;
  unsigned bytes;
};
IdleFrame idle_frame(FpuModel model) {
  switch (model) {
    case FpuModel::Mc68882:
      return {0x1F380000, 0x38};  // same version as the 68881, larger frame (Linux checks $1F38)
    case FpuModel::Mc68040:
      return {0x41000000, 0};
    default:
      return {0x1F180000, 0x18};
  }
}

// 040 UM 9.x: the UNIMP frame ($41, 48 bytes after the format word). Offsets from the frame's
// start, as Motorola's FPSP (fpsp.h) addresses them from its end: CMDREG1B, the source and
// destination tags, the E1 flag, FPTEMP (destination) and ETEMP (source) as extended values.
constexpr std::uint32_t kUnimplementedFormat = 0x41300000;
constexpr unsigned kUnimplementedBytes = 0x30;
constexpr unsigned kSourceTag = 12, kCommand1b = 16, kDestinationTag = 20, kExceptionFlags = 24;
constexpr unsigned kFpTemp = 28, kETemp = 40;
constexpr std::uint32_t kE1 = 0x04000000;          // E_BYTE bit 2: the exception is from stage 1
constexpr std::uint32_t kBusyFormat = 0x41600000;  // accepted by FRESTORE, never written

// fpsp.h: the tag in bits 7-5 of STAG/DTAG.
std::uint32_t operand_tag(const Extended80& x) {
  if (is_nan(x)) return 0x60;
  if (is_infinity(x)) return 0x40;
  if (is_zero(x)) return 0x20;
  if (is_denormal_or_unnormal(x)) return 0x80;
  return 0;
}

bool is_null_state(const M68kFpuState& fpu) {
  if (fpu.fpcr || fpu.fpsr || fpu.fpiar || !(fpu.internal == FpInternalState{})) return false;
  for (const Extended80& r : fpu.fp)
    if (!(r == kResetNan) && !(r == Extended80{})) return false;
  return true;
}

void write_extended(M68000Core& cpu, const FpLocation& where, unsigned offset,
                    const std::array<std::uint8_t, 12>& image) {
  FpLocation at = where;
  at.address += offset;
  write_bytes(cpu, at, OperandBytes(image));
}

std::array<std::uint8_t, 12> read_extended(M68000Core& cpu, const FpLocation& where,
                                           unsigned offset) {
  FpLocation at = where;
  at.address += offset;
  return read_bytes(cpu, at, 12).data;
}

// The 68881/68882 IDLE frame (FPU UM 6.4.2): CMDREG in the long after the format word; from
// the end, the BIU flags, the operand register and the 12-byte exceptional operand (the
// 68882's extra 32 bytes of internal registers sit between and are written as zeros).
void save_idle_6888x(M68000Core& cpu, const FpLocation& where, unsigned bytes) {
  const FpInternalState& internal = cpu.fpu.internal;
  for (unsigned offset = 4; offset < bytes - 16; offset += 4) write_long(cpu, where, 0, offset);
  write_long(cpu, where, std::uint32_t{internal.command} << 16, 4);
  write_extended(cpu, where, bytes - 16, fpu_register_image(internal.exceptional_operand));
  write_long(cpu, where, internal.operand_register, bytes - 4);
  write_long(cpu, where, internal.exception_pending ? 0 : kNoExceptionPending, bytes);
}

void restore_idle_6888x(M68000Core& cpu, const FpLocation& where, unsigned bytes) {
  FpInternalState& internal = cpu.fpu.internal;
  internal = {};
  internal.command = static_cast<std::uint16_t>(read_long(cpu, where, 4) >> 16);
  internal.exceptional_operand = fpu_register_from_image(read_extended(cpu, where, bytes - 16));
  internal.operand_register = read_long(cpu, where, bytes - 4);
  internal.exception_pending = !(read_long(cpu, where, bytes) & kNoExceptionPending);
}

void save_unimplemented_040(M68000Core& cpu, const FpLocation& where) {
  const FpInternalState& internal = cpu.fpu.internal;
  for (unsigned offset = 4; offset <= kUnimplementedBytes; offset += 4)
    write_long(cpu, where, 0, offset);
  const Extended80 source = fpu_register_from_image(internal.source_bytes);
  write_long(cpu, where, operand_tag(source) << 24, kSourceTag);
  write_long(cpu, where, std::uint32_t{internal.command} << 16, kCommand1b);
  write_long(cpu, where, operand_tag(internal.destination_operand) << 24, kDestinationTag);
  write_long(cpu, where, kE1, kExceptionFlags);
  write_extended(cpu, where, kFpTemp, fpu_register_image(internal.destination_operand));
  write_extended(cpu, where, kETemp, internal.source_bytes);
}

void restore_unimplemented_040(M68000Core& cpu, const FpLocation& where) {
  FpInternalState& internal = cpu.fpu.internal;
  internal = {};
  internal.unimplemented_frame = true;
  internal.command = static_cast<std::uint16_t>(read_long(cpu, where, kCommand1b) >> 16);
  internal.destination_operand = fpu_register_from_image(read_extended(cpu, where, kFpTemp));
  internal.source_bytes = read_extended(cpu, where, kETemp);
}

}  // namespace

// FSAVE <ea> (privileged): a NULL frame (one zero long) while the FPU is in its reset state,
// else the model's IDLE frame, or after a 68040 unimplemented exception its UNIMP frame.
// The saved state leaves the FPU: a pending exception is now the frame's to carry.
void fpu_save(M68000Core& cpu, std::uint16_t opcode, const FpuOptions& options) {
  if (!cpu.supervisor()) return cpu.privilege_violation();
  const unsigned mode = (opcode >> 3) & 7, reg = opcode & 7;
  if (mode < 2 || mode == 3 || (mode == 7 && reg > 1)) return unimplemented(cpu);
  const bool unimplemented_040 =
      options.model == FpuModel::Mc68040 && cpu.fpu.internal.unimplemented_frame;
  IdleFrame frame = is_null_state(cpu.fpu) ? IdleFrame{0, 0} : idle_frame(options.model);
  if (unimplemented_040) frame = {kUnimplementedFormat, kUnimplementedBytes};
  const FpLocation where = locate(cpu, mode, reg, 4 + frame.bytes);
  write_long(cpu, where, frame.format);
  if (unimplemented_040)
    save_unimplemented_040(cpu, where);
  else if (frame.bytes != 0)
    save_idle_6888x(cpu, where, frame.bytes);
  cpu.fpu.internal = {};
  charge_fpu_clocks(cpu, opcode, fpu_save_restore_clocks(options.model, true, frame.bytes == 0));
  cpu.prefetch();
}

// FRESTORE <ea> (privileged): a NULL frame resets the FPU; this model's IDLE frame (and on
// the 68040 its UNIMP and BUSY frames) reloads the internal state; another version or size is
// a format error (vector 14, FPU UM 6.4). An IDLE frame whose BIU flags say an exception is
// pending makes the next FP instruction take it (FPU UM 6.4.2).
void fpu_restore(M68000Core& cpu, std::uint16_t opcode, const FpuOptions& options) {
  if (!cpu.supervisor()) return cpu.privilege_violation();
  const unsigned mode = (opcode >> 3) & 7, reg = opcode & 7;
  if (mode < 2 || mode == 4 || (mode == 7 && reg > 3)) return unimplemented(cpu);
  // The frame's size is in its first long, so (An)+ is stepped once that is read.
  const FpLocation where = locate(cpu, mode == 3 ? 2 : mode, reg, 4);
  const std::uint32_t format = read_long(cpu, where);
  const IdleFrame idle = idle_frame(options.model);
  const std::uint32_t version_and_size = format & 0xFFFF0000;
  unsigned bytes = 0;
  if (format >> 24 == 0) {
    fpu_reset(cpu.fpu);
  } else if (version_and_size == idle.format) {
    bytes = idle.bytes;
    if (bytes == 0)
      cpu.fpu.internal = {};
    else
      restore_idle_6888x(cpu, where, bytes);
  } else if (options.model == FpuModel::Mc68040 && version_and_size == kUnimplementedFormat) {
    bytes = kUnimplementedBytes;
    restore_unimplemented_040(cpu, where);
  } else if (options.model == FpuModel::Mc68040 && version_and_size == kBusyFormat) {
    bytes = (kBusyFormat >> 16) & 0xFF;
    cpu.fpu.internal = {};  // nothing is ever in flight here (see the top of the file)
  } else {
    return cpu.illegal_instruction(kVectorFormatError);
  }
  if (mode == 3) cpu.a[reg] += 4 + bytes;
  charge_fpu_clocks(cpu, opcode, fpu_save_restore_clocks(options.model, false, bytes == 0));
  cpu.prefetch();
}

}  // namespace anvil::m68k
