// Per-variant cycle counts of the A-profile cores. The run loop charges one cycle per
// instruction; handlers add the extra cycles of their form from the variant's table.
// Bus wait states come on top (the MemoryPort adds them).
//
// Every number says where it comes from. Pipelined cores (ARM1176, Cortex-A) overlap
// instructions, so their counts are issue cycles without interlocks: an estimate of
// throughput, not a cycle-exact model (result latencies and dual issue are not modelled).
#pragma once

#include "cores/common/timing.h"

namespace anvil::arm {

struct ArmATiming {
  TimingReference reference;
  unsigned branch;           // extra cycles of a taken branch or any PC write
  unsigned load;             // LDR/LDRB/LDRH extra
  unsigned store;            // STR/STRB/STRH extra
  unsigned per_register;     // LDM/STM extra per transferred register
  unsigned multiply;         // MUL/MLA extra (32-bit result)
  unsigned long_multiply;    // UMULL/SMULL/UMLAL/SMLAL extra
  unsigned divide;           // SDIV/UDIV extra (v7VE)
  unsigned exception;        // exception entry extra (vector fetch, mode change)
  unsigned vfp_simple;       // VADD/VSUB/VMUL/VMOV/VCMP/VCVT extra
  unsigned vfp_divide_sqrt;  // VDIV/VSQRT extra (double precision)
};

// ARM7TDMI TRM (ARM DDI 0210C) chapter 6 "Instruction Cycle Timings", Table 6-1 summary:
// data processing 1S; a PC write 2S+1N (+2); LDR 1S+1N+1I (+2); STR 2N (+1); LDM nS+1N+1I and
// STM (n-1)S+2N (about +1 per register); MUL 1S+mI, m = 1..4 by the multiplier's significant
// bytes (we charge m = 2); MULL 1S+(m+1)I (+3); SWI/exceptions 2S+1N (+2). No FPU, no divide.
inline constexpr ArmATiming kArm7tdmiTiming{
    {"ARM DDI 0210C (ARM7TDMI TRM)", "Table 6-1 Instruction cycle summary"},
    2,
    2,
    1,
    1,
    2,
    3,
    0,
    2,
    0,
    0};

// ARM926EJ-S TRM (ARM DDI 0198E) chapter 8 "Instruction Cycle Summary and Interlocks": taken
// branch 3 cycles (+2); LDR 1 cycle issue with a 1-cycle load-use interlock we charge (+1);
// STR 1; LDM/STM 1 cycle per register; MUL 2-3 (+1), MULL 3-4 (+2); no FPU fitted (VFP9 is
// optional and not modelled).
inline constexpr ArmATiming kArm926Timing{
    {"ARM DDI 0198E (ARM926EJ-S TRM)", "chapter 8 Instruction cycle summary"},
    2,
    1,
    0,
    1,
    1,
    2,
    0,
    3,
    0,
    0};

// ARM1176JZF-S TRM (ARM DDI 0301H) chapter 16 "Cycle Timings and Interlock Behavior": branches
// predicted by the BTAC/static predictor, a mispredicted or unpredicted PC write costs
// 4-7 cycles (we charge +3 as a blend); loads issue in 1 cycle (load-use latency 3 not
// modelled); LDM/STM 1 cycle per 2 registers on the 64-bit bus (+1 per register pair, we
// charge 1 per register / 2 rounded up as 1); MUL 2 issue cycles (+1), MULL 3 (+2).
// VFP11 (ARM DDI 0274H, VFP11 TRM chapter 21): single-cycle issue for simple operations,
// FDIVD/FSQRTD 29 cycles (+28), FDIVS 15.
inline constexpr ArmATiming kArm1176Timing{
    {"ARM DDI 0301H (ARM1176JZF-S TRM)", "chapter 16 Cycle timings and interlock behavior"},
    3,
    0,
    0,
    1,
    1,
    2,
    0,
    8,
    0,
    28};

// Cortex-A7 MPCore TRM (ARM DDI 0464F) publishes no instruction timings. Estimates from the
// in-order, partial dual-issue 8-stage pipeline: a mispredicted branch costs 8 cycles; we
// charge +2 as the average over predicted and mispredicted; UDIV/SDIV 4-20 (we charge +10);
// VDIV.F64 ~30 (+29). Marked estimates, not documented values.
inline constexpr ArmATiming kCortexA7Timing{
    {"ARM DDI 0464F (Cortex-A7 MPCore TRM)", "no published timing: pipeline-based estimates"},
    2,
    0,
    0,
    1,
    1,
    2,
    10,
    8,
    0,
    29};

// Cortex-A15 MPCore TRM (ARM DDI 0438I) publishes no instruction timings; ARM's Cortex-A15
// optimization material gives a 15-cycle branch mispredict penalty and out-of-order issue of
// up to 3 instructions per cycle. Estimates: +1 per taken branch (most are predicted), loads
// and stores pipelined (+0), MUL +0 (pipelined), long multiply +1, divide +10, VDIV.F64 +18.
inline constexpr ArmATiming kCortexA15Timing{
    {"ARM DDI 0438I (Cortex-A15 MPCore TRM)", "no published timing: documented estimates"},
    1,
    0,
    0,
    1,
    0,
    1,
    10,
    8,
    0,
    18};

}  // namespace anvil::arm
