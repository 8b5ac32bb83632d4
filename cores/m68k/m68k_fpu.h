// The m68k floating-point unit as the integer core sees it: the handler for the FPU's
// coprocessor-ID-1 F-line opcodes (1111 001x xxxx xxxx) and the helpers the core and the
// debugger need. The 68881/68882 (as a 68020/68030 coprocessor) and the 68040's on-chip FPU
// share it; which one, and whether the 68040's unimplemented instructions run here (Linux
// user mode, as the kernel's FPSP emulates them) or trap, is an FpuOptions.
//
// References: MC68881/MC68882 User's Manual ("FPU UM"), M68000 PRM chapters 5 (FPU
// instructions) and 1.6 (formats), MC68040 User's Manual ("040 UM") chapter 9.
#pragma once

#include <array>
#include <cstdint>

#include "cores/m68k/m68000_core.h"
#include "cores/m68k/m68k_fpu_state.h"

namespace anvil::m68k {

struct FpuOptions {
  FpuModel model = FpuModel::None;
  // 68040: run the instructions and data types the chip leaves to software instead of
  // taking the F-line trap (040 UM 9.x). Linux user mode sets it: the kernel's FPSP would.
  bool emulate_unimplemented = false;
};

// Executes one FPU instruction: the opcode in IRD, its command word in IRC. With model None
// it is the F-line trap, as on a 68000. Ends the instruction (its final prefetch, or an
// exception).
void fpu_execute(M68000Core& cpu, std::uint16_t opcode, const FpuOptions& options);

// The dispatch-table handler: fpu_execute with the core's fpu_model(), unimplemented 68040
// instructions emulated in Linux user mode.
void op_fpu(M68000Core& cpu, std::uint16_t opcode);

// What reset and FRESTORE of a NULL frame leave: FPCR, FPSR and FPIAR zero, FP0-FP7
// non-signalling NaNs (FPU UM, reset).
void fpu_reset(M68kFpuState& state);

// FPn as FMOVE.X, FMOVEM and GDB's fp0-fp7 lay it out in memory (FPU UM 3.1.4).
std::array<std::uint8_t, 12> fpu_register_image(const Extended80& value);
Extended80 fpu_register_from_image(const std::array<std::uint8_t, 12>& image);

}  // namespace anvil::m68k
