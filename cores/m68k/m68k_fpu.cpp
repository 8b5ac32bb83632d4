// The FPU's entry point and its conditional instructions: FBcc, FDBcc, FScc, FTRAPcc (PRM
// 5.3, FPU UM 4.4). The opcode's type field (bits 8-6) picks the group (PRM 5, the coprocessor
// opcode map): 000 general (a command word follows), 001 FDBcc/FScc/FTRAPcc, 01x FBcc, 100 FSAVE,
// 101 FRESTORE.
#include "cores/m68k/m68k_fpu.h"

#include "cores/m68k/m68k_fpu_access.h"
#include "cores/m68k/m68k_fpu_timing.h"

namespace anvil::m68k {

namespace {

// Tests a conditional predicate; an "S" predicate (bit 4) on an unordered result raises
// BSUN (FPU UM 4.4). Returns false with the instruction ended when BSUN traps.
bool test_condition(M68000Core& cpu, unsigned predicate, std::uint32_t address, bool& result) {
  const bool unordered = cpu.fpu.fpsr & kFpNan;
  cpu.fpu.fpiar = address;
  if ((predicate & 0x10) && unordered) {
    if (const std::uint32_t enabled = record_exceptions(cpu.fpu, kFpBsun)) {
      // BSUN is taken before the instruction acts: its own address is stacked.
      cpu.exception(exception_vector(enabled), address);
      return false;
    }
  }
  result = fp_condition(cpu.fpu.fpsr, predicate);
  return true;
}

void jump(M68000Core& cpu, std::uint32_t target) {
  cpu.jump_fill_first(target);
  cpu.prefetch();
}

// FBcc.W/.L <label> (PRM 5, FBcc): the displacement counts from the word after the opcode.
void branch(M68000Core& cpu, std::uint16_t opcode, std::uint32_t address) {
  const std::uint32_t base = address + 2;
  std::uint32_t displacement = cpu.read_extension();
  if (opcode & 0x40)
    displacement = (displacement << 16) | cpu.read_extension();
  else
    displacement = static_cast<std::uint32_t>(static_cast<std::int16_t>(displacement));
  if (opcode & 0x20) return unimplemented(cpu);  // predicates 0x20-0x3F are undefined
  bool taken = false;
  if (!test_condition(cpu, opcode & 0x3F, address, taken)) return;
  charge_fpu_clocks(cpu, opcode, fpu_branch_clocks(taken));
  if (taken) return jump(cpu, base + displacement);
  cpu.prefetch();
}

// FDBcc Dn,<label>, FTRAPcc [#data] and FScc <ea> share the type-001 opcodes, the predicate
// in the word after the opcode.
void conditional(M68000Core& cpu, std::uint16_t opcode, std::uint32_t address) {
  const unsigned mode = (opcode >> 3) & 7, reg = opcode & 7;
  const std::uint16_t condition_word = cpu.read_extension();
  if (condition_word & 0xFFE0) return unimplemented(cpu);  // predicates 0x20-0x3F undefined
  const unsigned predicate = condition_word;
  if (mode == 1) {  // FDBcc: decrement and branch unless the condition holds (PRM 5, FDBcc)
    const std::uint32_t base = address + 4;
    const auto displacement = static_cast<std::int16_t>(cpu.read_extension());
    bool holds = false;
    if (!test_condition(cpu, predicate, address, holds)) return;
    const auto count = static_cast<std::uint16_t>(cpu.d[reg] - 1);
    charge_fpu_clocks(cpu, opcode, fpu_decrement_clocks(holds, count == 0xFFFF));
    if (holds) return cpu.prefetch();
    cpu.d[reg] = (cpu.d[reg] & 0xFFFF0000u) | count;
    if (count != 0xFFFF) return jump(cpu, base + static_cast<std::uint32_t>(displacement));
    return cpu.prefetch();
  }
  if (mode == 7 && reg >= 2) {  // FTRAPcc: .W and .L carry an operand for the handler
    if (reg > 4) return unimplemented(cpu);
    const unsigned operand_words = reg == 2 ? 1 : reg == 3 ? 2 : 0;
    for (unsigned words = operand_words; words; --words) cpu.read_extension();
    bool holds = false;
    if (!test_condition(cpu, predicate, address, holds)) return;
    if (holds) return cpu.exception(kVectorTrapv, cpu.pc_value() - 2);  // TRAPcc's vector 7
    charge_fpu_clocks(cpu, opcode, fpu_trap_not_taken_clocks(operand_words));
    return cpu.prefetch();
  }
  // FScc: a byte of ones or zeros to a data-alterable destination.
  if (mode == 7 && reg > 1) return unimplemented(cpu);
  bool holds = false;
  if (!test_condition(cpu, predicate, address, holds)) return;
  const FpLocation where = locate(cpu, mode, reg, 1);
  write_bytes(cpu, where, {static_cast<std::uint8_t>(holds ? 0xFF : 0x00)});
  charge_fpu_clocks(cpu, opcode, fpu_set_clocks(mode));
  cpu.prefetch();
}

}  // namespace

void fpu_execute(M68000Core& cpu, std::uint16_t opcode, const FpuOptions& options) {
  if (options.model == FpuModel::None || ((opcode >> 9) & 7) != 1) return unimplemented(cpu);
  const std::uint32_t address = cpu.pc_value() - 4;  // IRD's address: the queue is full
  if (exception_pending(cpu) && take_pending_exception(cpu, opcode, address, options)) return;
  switch ((opcode >> 6) & 7) {
    case 0: {
      const std::uint16_t command = cpu.read_extension();
      switch (command >> 13) {
        case 0:
        case 2:
        case 3:
          return fpu_general(cpu, opcode, command, address, options);
        case 4:
        case 5:
          return fpu_move_control(cpu, opcode, command);
        case 6:
        case 7:
          return fpu_move_multiple(cpu, opcode, command);
        default:
          return unimplemented(cpu);
      }
    }
    case 1:
      return conditional(cpu, opcode, address);
    case 2:
    case 3:
      return branch(cpu, opcode, address);
    case 4:
      return fpu_save(cpu, opcode, options);
    case 5:
      return fpu_restore(cpu, opcode, options);
    default:
      return unimplemented(cpu);
  }
}

void op_fpu(M68000Core& cpu, std::uint16_t opcode) {
  fpu_execute(cpu, opcode, {cpu.fpu_model(), cpu.linux_user()});
}

void fpu_reset(M68kFpuState& state) {
  state.fp.fill(kResetNan);
  state.fpcr = state.fpsr = state.fpiar = 0;
  state.internal = {};  // nothing pending, no frame of an unimplemented instruction
}

std::array<std::uint8_t, 12> fpu_register_image(const Extended80& value) {
  std::array<std::uint8_t, 12> image;
  to_memory_image(value, image.data());
  return image;
}

Extended80 fpu_register_from_image(const std::array<std::uint8_t, 12>& image) {
  return from_memory_image(image.data());
}

}  // namespace anvil::m68k
