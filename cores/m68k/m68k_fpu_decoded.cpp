// Decoded handlers (m68020_decoded.h) for the FPU instructions FP code runs most: the general
// operations whose source is an FP register, a data register or the constant ROM, and FBcc.
// The command word is taken apart once, when the instruction is decoded. Each handler does
// what fpu_execute does for the instruction, without the look-ahead queue, while nothing can
// trap: no exception pending (68881/68882, FPU UM 6.1), none enabled in FPCR, and not a 68040
// that leaves instructions to software (040 UM 9.x). Otherwise, and for a taken FBcc whose
// target the queue could not be refilled from, the ordinary handler runs (generic()) with
// nothing changed yet.
#include "cores/m68k/m68020_fast_operands.h"
#include "cores/m68k/m68k_fpu.h"
#include "cores/m68k/m68k_fpu_access.h"
#include "cores/m68k/m68k_fpu_timing.h"

namespace anvil::m68k {

namespace {

using fast::fall_through;

constexpr std::uint16_t kGeneralMask = 0xFFC0, kGeneral = 0xF200;  // coprocessor 1, type 000

// The opmode is one decode_general accepted: defined on every FPU, or (0x40 and up) on the
// 68040 only.
bool opmode_runs_here(const M68000Core& cpu, unsigned opmode) {
  return opmode < 0x40 || cpu.fpu_model() == FpuModel::Mc68040;
}

bool runs_decoded(const M68000Core& cpu) {
  const M68kFpuState& fpu = cpu.fpu;
  const bool strict_68040 = cpu.fpu_model() == FpuModel::Mc68040 && !cpu.linux_user();
  return !fpu.internal.exception_pending && !(fpu.fpcr & 0xFF00) && !strict_68040;
}

// The 68881/68882's clocks beyond the timing table's (charge_fpu_clocks) go into the cycle
// count inside the instruction, where the run loop's budget for its segment did not count
// them: the segment ends after the instruction, so the budget is checked there as after
// every instruction.
void end_segment_if_charged(M68000Core& cpu, const DecodedM68k& in) {
  const FpuModel model = cpu.fpu_model();
  if (model == FpuModel::Mc68881 || model == FpuModel::Mc68882)
    M68020FastPath::end_segment(cpu, in);
}

// The operation on `source` and FPn, as fpu_general's end: with no exception enabled, the
// result is always recorded and the instruction always completes.
std::uint32_t operate(M68000Core& cpu, const DecodedM68k& in, const Extended80& source) {
  M68kFpuState& fpu = cpu.fpu;
  charge_general_clocks(cpu, in.opcode, in.second_word);
  end_segment_if_charged(cpu, in);
  const OperationResult result =
      fpu_operate(in.source, source, fpu.fp[in.destination_register], rounding_from_fpcr(fpu.fpcr));
  record_operation(fpu, in.source, in.destination_register, result, 0);
  return fall_through(cpu, in);
}

// F<op>.X FPm,FPn (opclass 000).
std::uint32_t general_from_fp_register(M68000Core& cpu, const DecodedM68k& in) {
  if (!runs_decoded(cpu) || !opmode_runs_here(cpu, in.source)) [[unlikely]]
    return M68020FastPath::generic(cpu, in);
  begin_general(cpu.fpu, in.second_word, in.address);
  return operate(cpu, in, cpu.fpu.fp[in.source_register]);
}

// F<op>.L/.W/.B/.S Dn,FPn (opclass 010, <ea> a data register): the integer or single in Dn's
// low bytes, exact as an extended value (PRM 1.6); a long's is the operand register's.
std::uint32_t general_from_data_register(M68000Core& cpu, const DecodedM68k& in) {
  if (!runs_decoded(cpu) || !opmode_runs_here(cpu, in.source)) [[unlikely]]
    return M68020FastPath::generic(cpu, in);
  M68kFpuState& fpu = cpu.fpu;
  begin_general(fpu, in.second_word, in.address);
  const std::uint32_t value = cpu.d[in.source_register];
  Extended80 source;
  switch (static_cast<FpFormat>(in.destination)) {
    case FpFormat::Long:
      fpu.internal.operand_register = value;
      source = from_integer(static_cast<std::int32_t>(value));
      break;
    case FpFormat::Single:
      fpu.internal.operand_register = value;
      source = from_single(value);
      break;
    case FpFormat::Word:
      source = from_integer(static_cast<std::int16_t>(value));
      break;
    default:
      source = from_integer(static_cast<std::int8_t>(value));
      break;
  }
  return operate(cpu, in, source);
}

// FMOVECR #offset,FPn.
std::uint32_t move_constant(M68000Core& cpu, const DecodedM68k& in) {
  if (!runs_decoded(cpu)) [[unlikely]]
    return M68020FastPath::generic(cpu, in);
  begin_general(cpu.fpu, in.second_word, in.address);
  load_constant(cpu, in.opcode, in.second_word);
  end_segment_if_charged(cpu, in);
  return fall_through(cpu, in);
}

// FBcc.W/.L (PRM 5, FBcc): the predicate in destination, the target in source. An "S"
// predicate on an unordered result sets BSUN, which does not trap here (FPCR enables none).
std::uint32_t branch(M68000Core& cpu, const DecodedM68k& in) {
  M68kFpuState& fpu = cpu.fpu;
  if (!runs_decoded(cpu)) [[unlikely]]
    return M68020FastPath::generic(cpu, in);
  const bool taken = fp_condition(fpu.fpsr, in.destination);
  if (taken && !M68020FastPath::jump_target_ok(cpu, in.source)) [[unlikely]]
    return M68020FastPath::generic(cpu, in);
  fpu.fpiar = in.address;
  if ((in.destination & 0x10) && (fpu.fpsr & kFpNan)) record_exceptions(fpu, kFpBsun);
  charge_fpu_clocks(cpu, in.opcode, fpu_branch_clocks(taken));
  end_segment_if_charged(cpu, in);
  return taken ? in.source : fall_through(cpu, in);
}

// The decoded entry's fields for a general instruction: source_register FPm or Dn,
// destination_register FPn, source the opmode (FMOVECR: the ROM offset), destination the
// source format (PRM 5.1, the command word).
bool decode_general(std::uint16_t opcode, CodeReader& reader, DecodedM68k& out) {
  const std::uint16_t command = out.second_word;
  const unsigned opclass = command >> 13, format = (command >> 10) & 7;
  const unsigned ea_mode = (opcode >> 3) & 7, ea_reg = opcode & 7;
  out.source = command & 0x7F;
  if (opclass != 2 || format != 7) {  // FMOVECR's field is a ROM offset
    if (!opmode_defined(out.source, FpuModel::Mc68040)) return false;  // the F-line trap
  }
  out.destination = format;
  out.destination_register = static_cast<std::uint8_t>((command >> 7) & 7);
  if (opclass == 0) {  // the <ea> field is not used
    out.handler = &general_from_fp_register;
    out.source_register = static_cast<std::uint8_t>(format);  // bits 12-10 name FPm here
  } else if (opclass == 2 && format == 7 && (opcode & 0x3F) == 0) {
    out.handler = &move_constant;
  } else if (opclass == 2 && ea_mode == 0 && format_bytes(static_cast<FpFormat>(format)) <= 4) {
    out.handler = &general_from_data_register;
    out.source_register = static_cast<std::uint8_t>(ea_reg);
  } else {
    return false;
  }
  reader.word();  // the command word
  return true;
}

bool decode_branch(std::uint16_t opcode, CodeReader& reader, DecodedM68k& out, bool& ends_run) {
  const unsigned predicate = opcode & 0x3F;
  if (predicate & 0x20) return false;  // undefined: the F-line trap
  const std::uint32_t base = reader.address();
  const std::uint32_t displacement =
      (opcode & 0x40) ? reader.long_word() : sign_extend_to_32(reader.word(), Size::Word);
  out.source = base + displacement;
  out.destination = predicate;
  out.handler = &branch;
  ends_run = (predicate & 0xF) == 0xF;  // FBT: always taken
  return true;
}

}  // namespace

bool decode_fpu(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                bool& ends_run) {
  if (ordinary != &op_fpu) return false;
  if ((opcode & kGeneralMask) == kGeneral) return decode_general(opcode, reader, out);
  if ((opcode & 0xFF80) == 0xF280) return decode_branch(opcode, reader, out, ends_run);
  return false;
}

}  // namespace anvil::m68k
