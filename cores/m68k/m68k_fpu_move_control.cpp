// Moving the FPU's registers as a whole: FMOVE/FMOVEM of the control registers (PRM 5,
// opclass 100/101) and FMOVEM of FP0-FP7 (opclass 110/111). None of them changes FPSR's
// exception bytes or FPIAR (FPU UM 2.2.5). FSAVE/FRESTORE: m68k_fpu_save_restore.cpp.
#include <array>
#include <bit>

#include "cores/m68k/m68k_fpu_access.h"
#include "cores/m68k/m68k_fpu_timing.h"

namespace anvil::m68k {

namespace {

// The bits of FPCR and FPSR that exist (FPU UM 2.2.2, 2.2.3); the rest read as zero.
constexpr std::uint32_t kFpcrBits = 0x0000FFF0;
constexpr std::uint32_t kFpsrBits = 0x0FFFFFF8;

// The control registers in list order (command bits 12-10) and in memory order.
constexpr unsigned kFpcrBit = 4, kFpsrBit = 2, kFpiarBit = 1;

}  // namespace

// FMOVE(M) <ea>,FPcr / FPcr,<ea>: a data register or An (FPIAR only) takes one register;
// memory the selected ones, FPCR first; #<data> one long each (to the registers only).
void fpu_move_control(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command) {
  const bool to_memory = (command >> 13) == 5;
  const unsigned list = (command >> 10) & 7;
  const unsigned count = static_cast<unsigned>(std::popcount(list));
  const unsigned mode = (opcode >> 3) & 7, reg = opcode & 7;
  if (count == 0) return unimplemented(cpu);
  if ((mode == 0 && count != 1) || (mode == 1 && list != kFpiarBit)) return unimplemented(cpu);
  if (to_memory && mode == 7 && reg > 1) return unimplemented(cpu);
  M68kFpuState& fpu = cpu.fpu;
  std::uint32_t* const registers[] = {&fpu.fpcr, &fpu.fpsr, &fpu.fpiar};
  constexpr unsigned kBits[] = {kFpcrBit, kFpsrBit, kFpiarBit};
  constexpr std::uint32_t kMasks[] = {kFpcrBits, kFpsrBits, 0xFFFFFFFF};
  const FpLocation where = locate(cpu, mode, reg, 4 * count);
  unsigned offset = 0;
  for (unsigned i = 0; i < 3; ++i) {
    if (!(list & kBits[i])) continue;
    if (to_memory)
      write_long(cpu, where, *registers[i], offset);
    else
      *registers[i] = read_long(cpu, where, offset) & kMasks[i];
    offset += 4;
  }
  charge_fpu_clocks(cpu, opcode,
                    fpu_control_move_clocks(cpu.fpu_model(), to_memory, count, mode, reg));
  cpu.prefetch();
}

// FMOVEM <ea>,<list> / <list>,<ea> (PRM 5, FMOVEM): 12 bytes per register. Mode bits 12-11: 00
// static and 01 dynamic (Dn in bits 6-4) lists for -(An), where bit 0 is FP0; 10 and 11 the
// same for (An)+ and control modes, where bit 7 is FP0. Memory holds FP0 lowest either way.
void fpu_move_multiple(M68000Core& cpu, std::uint16_t opcode, std::uint16_t command) {
  const bool to_memory = (command >> 13) == 7;
  const unsigned list_mode = (command >> 11) & 3;
  const unsigned mode = (opcode >> 3) & 7, reg = opcode & 7;
  const bool predecrement = (list_mode & 2) == 0;
  if (mode < 2 || (predecrement != (mode == 4)) || (to_memory && mode == 3) ||
      (!to_memory && mode == 4) || (mode == 7 && reg > (to_memory ? 1u : 3u)))
    return unimplemented(cpu);
  const unsigned list = (list_mode & 1 ? cpu.d[(command >> 4) & 7] : command) & 0xFF;
  std::array<bool, 8> selected{};
  for (unsigned i = 0; i < 8; ++i) selected[i] = list & (predecrement ? 1u << i : 0x80u >> i);
  const unsigned count = static_cast<unsigned>(std::popcount(list));
  FpLocation where = locate(cpu, mode, reg, 12 * count);
  for (unsigned i = 0; i < 8; ++i) {
    if (!selected[i]) continue;
    if (to_memory) {
      const std::array<std::uint8_t, 12> image = fpu_register_image(cpu.fpu.fp[i]);
      write_bytes(cpu, where, OperandBytes(image));
    } else {
      cpu.fpu.fp[i] = fpu_register_from_image(read_bytes(cpu, where, 12).data);
    }
    where.address += 12;
  }
  charge_fpu_clocks(cpu, opcode,
                    fpu_data_move_clocks(cpu.fpu_model(), to_memory, count, list_mode & 1));
  cpu.prefetch();
}

}  // namespace anvil::m68k
