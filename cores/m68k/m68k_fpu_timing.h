// The 68881/68882's execution times (MC68881/MC68882 UM section 8) by instruction kind; see
// m68k_fpu_timing.cpp for the tables and what they leave out.
#pragma once

#include <cstdint>

#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

// Table 8-3: an arithmetic operation by opmode and source (FPm, or <ea> in the command word's
// format), FMOVE FPn,<ea> by format, FMOVECR.
unsigned fpu_general_clocks(std::uint16_t command);
// Table 8-6: FMOVE(M) of the control registers (`count` of them; mode/reg: the <ea>) and
// FMOVEM of FP0-FP7.
unsigned fpu_control_move_clocks(FpuModel model, bool to_memory, unsigned count, unsigned mode,
                                 unsigned reg);
unsigned fpu_data_move_clocks(FpuModel model, bool to_memory, unsigned count, bool dynamic);
// Table 8-7: FBcc, FDBcc, FScc (by the destination's mode), FTRAPcc not taken (by the
// number of operand words).
unsigned fpu_branch_clocks(bool taken);
unsigned fpu_decrement_clocks(bool condition_true, bool expired);
unsigned fpu_set_clocks(unsigned mode);
unsigned fpu_trap_not_taken_clocks(unsigned operand_words);
// Table 8-8: FSAVE/FRESTORE of a NULL or IDLE frame.
unsigned fpu_save_restore_clocks(FpuModel model, bool save, bool null_frame);

// Adds an FPU instruction's time on a 68020/68030 with a 68881/68882 (nothing elsewhere),
// less what the integer core's table already charged for the opcode.
void charge_fpu_clocks(M68000Core& cpu, std::uint16_t opcode, unsigned clocks);

// charge_fpu_clocks with fpu_general_clocks(command), the table looked up only where the
// time is charged (the 68040's is not modelled, and Linux user mode runs a 68040).
inline void charge_general_clocks(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command) {
  const FpuModel model = cpu.fpu_model();
  if (model == FpuModel::Mc68881 || model == FpuModel::Mc68882)
    charge_fpu_clocks(cpu, opcode, fpu_general_clocks(command));
}

}  // namespace anvil::m68k
