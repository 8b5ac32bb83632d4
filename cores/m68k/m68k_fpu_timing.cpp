// The 68881/68882's execution times (MC68881/MC68882 User's Manual section 8), charged when
// an FPU instruction completes on a 68020/68030. The figures are the manual's totals for the
// 68882 with the 020/030 as host on the same clock, no wait states (the cache case): Table
// 8-3 by operation and source format, the FMOVE-to-memory row and FMOVECR; Table 8-6 the
// control-register and FP-register moves (the 68881 two clocks less, its footnote); Table
// 8-7 the conditionals; Table 8-8 FSAVE/FRESTORE per frame and chip. Table 8-3 is the
// 68882's; the 68881 is charged the same arithmetic times (docs/m68k.md). The 68040's FPU
// times (040 UM 10) are not modelled: its FPU instructions take the integer table's time.
//
// The integer core already charged its table entry for the opcode (m68020_timing.cpp); only
// the difference is added.
#include "cores/m68k/m68k_fpu_timing.h"

#include <array>

namespace anvil::m68k {

namespace {

// Table 8-3, FPn to FPm, by opmode (aliases charge their operation). $38-$3F: FCMP, FTST.
constexpr std::array<std::uint16_t, 64> kRegisterToRegister = {
    21,  58,  690, 58,  110, 110, 574, 574,  // FMOVE FINT FSINH FINTRZ FSQRT - FLOGNP1 -
    548, 664, 406, 406, 584, 696, 394, 476,  // FETOXM1 FTANH FATAN - FASIN FATANH FSIN FTAN
    500, 570, 570, 570, 528, 584, 584, 584,  // FETOX FTWOTOX FTENTOX - FLOGN FLOG10 FLOG2 -
    38,  610, 38,  38,  628, 394, 48,  34,   // FABS FCOSH FNEG - FACOS FCOS FGETEXP FGETMAN
    108, 75,  56,  76,  74,  105, 46,  64,   // FDIV FMOD FADD FMUL FSGLDIV FREM FSCALE FSGLMUL
    56,  56,  56,  56,  56,  56,  56,  56,   // FSUB
    454, 454, 454, 454, 454, 454, 454, 454,  // FSINCOS
    38,  38,  36,  36,  38,  38,  36,  36,   // FCMP FTST
};
// Table 8-3: what a memory, Dn or immediate source adds, by the format field (L S X P W D B).
constexpr std::array<std::uint16_t, 8> kSourceFormat = {38, 13, 25, 855, 38, 19, 38, 855};
// Table 8-3, FMOVE FPn,<ea>: integers 110, S 38, X 50, D 44, P 2006 (+14 dynamic k-factor).
constexpr std::array<std::uint16_t, 8> kMoveOut = {110, 38, 50, 2006, 110, 44, 110, 2020};
constexpr unsigned kMoveConstantRom = 32;

// Table 8-6 (68882 figures; the 68881 two clocks less).
constexpr unsigned kControlToRegister = 33, kRegisterToControl = 30;
constexpr unsigned kControlListBase = 29, kControlListImmediate = 27, kControlPerRegister = 6;
constexpr unsigned kDataListOutBase = 39, kDataListOutPerRegister = 25;
constexpr unsigned kDataListInBase = 37, kDataListInPerRegister = 31, kDynamicList = 14;

// Table 8-7.
constexpr unsigned kBranchTaken = 20, kBranchNotTaken = 18;
constexpr unsigned kDecrementTrue = 20, kDecrementTaken = 20, kDecrementExpired = 24;
constexpr unsigned kSetRegister = 18, kSetPostOrPre = 22, kSetMemory = 20;
constexpr std::array<unsigned, 3> kTrapNotTaken = {18, 20, 22};  // no operand, .W, .L

// Table 8-8: {68881, 68882}.
constexpr unsigned kSaveNull = 16, kRestoreNull = 21;
constexpr std::array<unsigned, 2> kSaveIdle = {52, 100}, kRestoreIdle = {57, 105};

}  // namespace

unsigned fpu_general_clocks(std::uint16_t command) {
  const unsigned opclass = command >> 13, format = (command >> 10) & 7;
  if (opclass == 3) return kMoveOut[format];
  if (opclass == 2 && format == 7) return kMoveConstantRom;
  const unsigned base = kRegisterToRegister[command & 0x3F];
  return opclass == 2 ? base + kSourceFormat[format] : base;
}

unsigned fpu_control_move_clocks(FpuModel model, bool to_memory, unsigned count, unsigned mode,
                                 unsigned reg) {
  const unsigned adjust = model == FpuModel::Mc68881 ? 2 : 0;
  if (mode <= 1) return (to_memory ? kControlToRegister : kRegisterToControl) - adjust;
  const unsigned base = mode == 7 && reg == 4 ? kControlListImmediate : kControlListBase;
  return base + kControlPerRegister * count - adjust;
}

unsigned fpu_data_move_clocks(FpuModel model, bool to_memory, unsigned count, bool dynamic) {
  const unsigned adjust = model == FpuModel::Mc68881 ? 2 : 0;
  const unsigned clocks = to_memory ? kDataListOutBase + kDataListOutPerRegister * count
                                    : kDataListInBase + kDataListInPerRegister * count;
  return clocks + (dynamic ? kDynamicList : 0) - adjust;
}

unsigned fpu_branch_clocks(bool taken) {
  return taken ? kBranchTaken : kBranchNotTaken;
}

unsigned fpu_decrement_clocks(bool condition_true, bool expired) {
  if (condition_true) return kDecrementTrue;
  return expired ? kDecrementExpired : kDecrementTaken;
}

unsigned fpu_set_clocks(unsigned mode) {
  if (mode == 0) return kSetRegister;
  return mode == 3 || mode == 4 ? kSetPostOrPre : kSetMemory;
}

unsigned fpu_trap_not_taken_clocks(unsigned operand_words) {
  return kTrapNotTaken[operand_words < 3 ? operand_words : 2];
}

unsigned fpu_save_restore_clocks(FpuModel model, bool save, bool null_frame) {
  const unsigned chip = model == FpuModel::Mc68881 ? 0 : 1;
  if (null_frame) return save ? kSaveNull : kRestoreNull;
  return save ? kSaveIdle[chip] : kRestoreIdle[chip];
}

void charge_fpu_clocks(M68000Core& cpu, std::uint16_t opcode, unsigned clocks) {
  const FpuModel model = cpu.fpu_model();
  // The 68000 core that tests drive FPU instructions on counts bus cycles; the 68040's
  // times are not modelled (see the top of the file).
  if (!cpu.fast_bus() || (model != FpuModel::Mc68881 && model != FpuModel::Mc68882)) return;
  const TimingSource source =
      cpu.level() == CpuLevel::M68030 ? TimingSource::Mc68030Cache : TimingSource::Mc68020Cache;
  const unsigned already = m68k_opcode_cycles(source)[opcode];
  if (clocks > already) cpu.advance_idle(clocks - already);
}

}  // namespace anvil::m68k
