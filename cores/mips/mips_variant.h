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

// FPU result latencies in core cycles (an instruction issuing this many cycles after the
// producer finds the value; 1 would be no stall), and how long the divide/square-root unit
// stays busy. Zero everywhere for cores without an FPU.
struct FpuTiming {
  unsigned add;                 // ADD, SUB, ABS, NEG, MOV and the conditional moves
  unsigned multiply_single;     // MUL.S, MADD.S family
  unsigned multiply_double;     // MUL.D, MADD.D family
  unsigned divide_single;       // DIV.S, SQRT.S, RECIP.S, RSQRT.S
  unsigned divide_double;       // DIV.D, SQRT.D, RECIP.D
  unsigned rsqrt_double;        // RSQRT.D
  unsigned divide_single_busy;  // the unit's repeat rate for those
  unsigned divide_double_busy;
  unsigned rsqrt_double_busy;
  unsigned convert_to_float;  // CVT.S/CVT.D from W or L, CVT.D.S
  unsigned double_to_single;  // CVT.S.D
  unsigned to_integer;        // CVT/ROUND/TRUNC/CEIL/FLOOR to W or L
  unsigned compare;           // C.cond to BC1 and MOVF/MOVT (the condition codes)
  unsigned load;              // LWC1/LDC1 (and indexed) to an FPU user
  unsigned move_to;           // MTC1/MTHC1 to an FPU user
  unsigned move_from;         // MFC1/MFHC1/CFC1 to a GPR user
};

// Cycle counts beyond the one every instruction takes, from each core's manual. Stalls are
// extra cycles when the very next instruction needs the value; latencies count from the
// producer's issue to the first cycle a consumer may issue (1: back to back).
struct TimingTable {
  const char* document;
  unsigned load_use;          // stall when the next instruction uses a loaded register
  unsigned branch_taken;      // refill after a taken branch beyond the delay slot
  unsigned multiply_latency;  // MULT/MULTU/MADD to an MFHI/MFLO
  unsigned divide_latency;    // DIV/DIVU to an MFHI/MFLO (the unit is busy meanwhile)
  unsigned mul_gpr_extra;     // MUL (to a GPR) beyond one cycle, whatever follows
  // Interlocks (mips_timing.h); false: none beyond MFHI/MFLO (the R3000's load delay slot
  // is architectural).
  bool interlocked = false;
  unsigned load_to_address = 0;  // stall when the next load/store's base was just loaded
  unsigned alu_to_address = 0;   // ... or just computed by the ALU
  unsigned mul_gpr_latency = 1;  // MUL's GPR result
  unsigned hilo_to_gpr = 1;      // MFHI/MFLO's GPR result
  // Branch prediction (0: none): extra cycles of a mispredicted branch, a mispredicted
  // return (JR $31) or another register jump (whose target is not predicted).
  unsigned mispredict = 0;
  unsigned jump_register = 0;
  FpuTiming fpu{};
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
