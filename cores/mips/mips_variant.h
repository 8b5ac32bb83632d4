// MIPS variants as data: which architecture level, which optional parts, the CP0 identity
// registers and the timing table. The interpreter reads these flags; there is one code path.
#pragma once

#include <cstdint>
#include <string_view>

namespace anvil::mips {

enum class IsaLevel : std::uint8_t {
  Mips1,           // MIPS I: R2000/R3000
  Mips32Release2,  // MIPS32 Release 2: 4K, 24K
};

// Cycle counts beyond the one every instruction takes, from each core's manual.
struct TimingTable {
  const char* document;
  unsigned load_use;          // stall when the next instruction uses a loaded register
  unsigned branch_taken;      // refill after a taken branch beyond the delay slot
  unsigned multiply_latency;  // MULT/MULTU result ready after this many cycles
  unsigned divide_latency;    // DIV/DIVU
  unsigned mul_gpr_extra;     // MUL (to a GPR) beyond one cycle
};

struct Variant {
  std::string_view name;
  std::string_view summary;
  IsaLevel isa;
  // MIPS I: the instruction after a load sees the register's old value (the architectural
  // load-delay slot, MIPS I ISA "Load delay"); MIPS32 interlocks instead.
  bool load_delay_slot;
  bool has_fpu;
  // The R3000A as Sony used it (the SingleStepTests reference): Cause.BT (bit 30) and the
  // branch target register TAR (CP0 6) are set on exceptions in delay slots.
  bool branch_target_register;
  std::uint32_t prid;       // CP0 PRId
  std::uint32_t config[4];  // CP0 Config0..3 (MIPS32 only)
  unsigned tlb_entries;     // R3000: 64 single-page entries; MIPS32: dual-page entries
  unsigned count_divider;   // CP0 Count increments once per this many cycles (0: no Count)
  std::uint32_t fir;        // CP1 FIR (FPU implementation register)
  const TimingTable* timing;
};

// Throws std::invalid_argument naming the model when it is unknown.
const Variant& find_variant(std::string_view model);

}  // namespace anvil::mips
