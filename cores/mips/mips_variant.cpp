// The MIPS models this library builds, one row each. References:
//  - IDT R30xx Family Software Reference Manual (1994), "R30xx manual" below;
//  - MIPS32 4Kc Processor Core Datasheet (MD00039) and 4K Software User's Manual (MD00016);
//  - MIPS32 24Kf Processor Core Datasheet (MD00346), 24K Software User's Manual (MD00343).
#include <stdexcept>
#include <string>

#include "cores/mips/mips.h"
#include "cores/mips/mips_variant.h"

namespace anvil::mips {

namespace {

// R3000: one cycle per instruction; the load and branch delay slots are architectural and
// cost nothing; MULT/MULTU take 12 cycles and DIV/DIVU 35 before HI/LO can be read, and
// MFHI/MFLO interlock until then (R30xx manual ch. 2, "Multiply and divide operations").
constexpr TimingTable kR3000Timing{
    .document = "IDT R30xx Family Software Reference Manual, ch. 2",
    .load_use = 0,
    .branch_taken = 0,
    .multiply_latency = 12,
    .divide_latency = 35,
    .mul_gpr_extra = 0,
};
// 4Kc: a load followed by a user of its result stalls one cycle, whether the user wants it
// in the ALU or as an address (the 4K computes addresses in the E stage, with the ALU);
// taken branches cost no bubble (the delay slot covers the fetch); the high-performance MDU
// finishes a 32x32 MULT in 2 cycles and a DIV in at most 35, MUL writes its GPR after 2
// (4K SUM, ch. 2, "MDU pipeline", Table 2-3 "MDU instruction latencies").
constexpr TimingTable k4KcTiming{
    .document = "MIPS32 4K Software User's Manual (MD00016), ch. 2, Table 2-3",
    .load_use = 1,
    .branch_taken = 0,
    .multiply_latency = 2,
    .divide_latency = 35,
    .mul_gpr_extra = 1,
    .interlocked = true,
    .load_to_address = 1,
};
// 24Kf: the 24K SUM (MD00343), ch. 2 (the pipeline) and the FPU chapter. We could not
// consult the manual's text here; the numbers are those of GCC's 24K pipeline model
// (gcc/config/mips/24k.md, written at MIPS from the SUM rev. 3.04), in core cycles, for an
// FPU clocked 1:1 with the core ("24kx" there):
//  - integer: load to ALU use 2 (one stall), to a load/store base 3 (the 24K generates
//    addresses in a stage before the ALU); an ALU result to a base 2; MUL's GPR 5;
//    MFHI/MFLO's GPR 5; a multiply to MFHI/MFLO 1 (the MDU is pipelined: MULT, MADD, MUL
//    issue every cycle); DIV 36 for 32-bit operands, blocking the MDU (no early-in).
//  - FPU: ADD/ABS/NEG/MOV 4; MUL.S, MADD.S 4; MUL.D, MADD.D 5; DIV.S/SQRT.S/RSQRT.S/RECIP.S
//    17 (repeat 14); DIV.D/SQRT.D 32 (repeat 29); RSQRT.D 35 (repeat 31); CVT to float 4;
//    CVT.S.D 6; to integer 5; loads 3; MTC1 2; MFC1 2; C.cond to BC1 2 (to MOVF/MOVT.fmt 1:
//    taken as 2).
//  - branches (24K datasheet MD00346): a 512-entry table of 2-bit counters for conditional
//    branches, a 4-entry return prediction stack for JR $31; branch-likely is predicted
//    taken, JR/JALR through other registers are not predicted. HACK: the cost of a
//    misprediction (4: the fetch stages ahead of the branch's resolution, less the delay
//    slot) is our reading of the pipeline, not a number checked against the manual.
constexpr TimingTable k24KfTiming{
    .document = "MIPS32 24K Software User's Manual (MD00343), ch. 2",
    .load_use = 1,
    .branch_taken = 0,
    .multiply_latency = 1,
    .divide_latency = 36,
    .mul_gpr_extra = 0,
    .interlocked = true,
    .load_to_address = 2,
    .alu_to_address = 1,
    .mul_gpr_latency = 5,
    .hilo_to_gpr = 5,
    .mispredict = 4,
    .jump_register = 4,
    .fpu = {.add = 4,
            .multiply_single = 4,
            .multiply_double = 5,
            .divide_single = 17,
            .divide_double = 32,
            .rsqrt_double = 35,
            .divide_single_busy = 14,
            .divide_double_busy = 29,
            .rsqrt_double_busy = 31,
            .convert_to_float = 4,
            .double_to_single = 6,
            .to_integer = 5,
            .compare = 2,
            .load = 3,
            .move_to = 2,
            .move_from = 2},
};

// Config0: M (Config1 follows), BE (bit 15), AT=0 (MIPS32), AR=1 (Release 2), MT=1 (TLB),
// K0=2 (uncached until software sets it). MIPS32 PRA 9.36.
constexpr std::uint32_t kConfig0 = (1u << 31) | (1u << 10) | (1u << 7) | 2u;
// Config1: M, MMU size - 1 (bits 30:25), caches 16 KiB 4-way 16-byte lines (IS/IL/IA, DS/DL/DA),
// C2=0, MD=0, PC=0, WR=1, CA=0, EP=1, FP (bit 0). MIPS32 PRA 9.37.
constexpr std::uint32_t config1(unsigned tlb_entries, bool fpu) {
  return (1u << 31) | ((tlb_entries - 1) << 25) | (2u << 22) | (3u << 19) | (3u << 16) |
         (2u << 13) | (3u << 10) | (3u << 7) | (1u << 3) | (1u << 1) | (fpu ? 1u : 0u);
}
// Config2: M (Config3 follows), no L2. Config3: ULRI=0 (RDHWR UserLocal is emulated, as the
// Linux kernel does on these cores), no optional ASEs.
constexpr std::uint32_t kConfig2 = 1u << 31;
constexpr std::uint32_t kConfig3 = 0;

// FIR of the 24Kf: F64, L, W, D, S, processor id 0x95 (24K SUM, "FIR Register").
constexpr std::uint32_t k24KfFir =
    (1u << 22) | (1u << 21) | (1u << 20) | (1u << 17) | (1u << 16) | (0x95u << 8) | 0x00;

constexpr Variant kVariants[] = {
    // PRId 0x00000230: implementation 2 (R3000), revision 3.0 (R30xx manual, "PRId").
    {"r3000",
     "MIPS I R3000 (load-delay slot, no FPU)",
     IsaLevel::Mips1,
     true,
     false,
     true,
     0x00000230,
     {0, 0, 0, 0},
     64,
     0,
     0,
     &kR3000Timing},
    // PRId: company 1 (MIPS Technologies), processor 0x80 (4Kc), revision 0x40.
    {"4kc",
     "MIPS32 Release 2 4Kc (no FPU)",
     IsaLevel::Mips32Release2,
     false,
     false,
     false,
     0x00018040,
     {kConfig0, config1(16, false), kConfig2, kConfig3},
     16,
     2,
     0,
     &k4KcTiming},
    // PRId: company 1, processor 0x93 (24K), revision 0x40.
    {"24kf",
     "MIPS32 Release 2 24Kf (with FPU)",
     IsaLevel::Mips32Release2,
     false,
     true,
     false,
     0x00019340,
     {kConfig0, config1(32, true), kConfig2, kConfig3},
     32,
     2,
     k24KfFir,
     &k24KfTiming},
};

}  // namespace

const Variant& find_variant(std::string_view model) {
  for (const Variant& v : kVariants)
    if (v.name == model) return v;
  std::string known;
  for (const Variant& v : kVariants) known += (known.empty() ? "" : ", ") + std::string(v.name);
  throw std::invalid_argument("unknown MIPS model '" + std::string(model) + "' (known: " + known +
                              ")");
}

std::vector<std::string> mips_models() {
  std::vector<std::string> out;
  for (const Variant& v : kVariants) out.emplace_back(v.name);
  return out;
}

bool is_mips_model(std::string_view model) {
  for (const Variant& v : kVariants)
    if (v.name == model) return true;
  return false;
}

std::string mips_model_summary(std::string_view model) {
  return std::string(find_variant(model).summary);
}

}  // namespace anvil::mips
