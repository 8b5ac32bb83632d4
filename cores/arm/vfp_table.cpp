// The coprocessor space (ARMv7-A ARM A5.6 in A32, A6.3.18 in T32; the words are the same with
// cond = 1110): the VFP encodings of coprocessors 10 and 11 (A7.5-A7.9), and the generic
// MRC/MCR/MRRC/MCRR that reach CP15. LDC/STC/CDP to other coprocessors have no row: UNDEFINED.
#include <array>

#include "cores/arm/vfp_handlers.h"

namespace anvil::arm {

namespace {

using F = Feature;

constexpr A32Row kCoprocessor[] = {
    // Data processing (A7.5)
    a32_row("VMLA/VMLS/VNMLA/VNMLS", "A8.8.337/A8.8.355", "cccc 1110 0D0x nnnn dddd 101s NoM0 mmmm",
            &vfp_multiply_accumulate, F::Vfp2),
    a32_row("VMUL/VNMUL", "A8.8.351/A8.8.356", "cccc 1110 0D10 nnnn dddd 101s NoM0 mmmm",
            &vfp_arithmetic, F::Vfp2),
    a32_row("VADD/VSUB", "A8.8.283/A8.8.415", "cccc 1110 0D11 nnnn dddd 101s NoM0 mmmm",
            &vfp_arithmetic, F::Vfp2),
    a32_row("VDIV", "A8.8.309", "cccc 1110 1D00 nnnn dddd 101s N0M0 mmmm", &vfp_arithmetic,
            F::Vfp2),
    a32_row("VFNMA/VFNMS", "A8.8.318", "cccc 1110 1D01 nnnn dddd 101s NoM0 mmmm", &vfp_fused,
            F::Vfp4),
    a32_row("VFMA/VFMS", "A8.8.317", "cccc 1110 1D10 nnnn dddd 101s NoM0 mmmm", &vfp_fused,
            F::Vfp4),
    a32_row("VMOV (immediate)", "A8.8.339", "cccc 1110 1D11 iiii dddd 101s 0000 iiii",
            &vfp_move_immediate, F::Vfp3),
    a32_row("VMOV/VABS", "A8.8.340/A8.8.280", "cccc 1110 1D11 0000 dddd 101s x1M0 mmmm", &vfp_unary,
            F::Vfp2),
    a32_row("VNEG/VSQRT", "A8.8.355/A8.8.401", "cccc 1110 1D11 0001 dddd 101s x1M0 mmmm",
            &vfp_unary, F::Vfp2),
    a32_row("VCMP{E}", "A8.8.312", "cccc 1110 1D11 0100 dddd 101s E1M0 mmmm", &vfp_compare,
            F::Vfp2),
    a32_row("VCMP{E} #0", "A8.8.312 A2", "cccc 1110 1D11 0101 dddd 101s E100 0000", &vfp_compare,
            F::Vfp2),
    a32_row("VCVT (double/single)", "A8.8.310", "cccc 1110 1D11 0111 dddd 101s 11M0 mmmm",
            &vfp_convert_precision, F::Vfp2),
    a32_row("VCVT (from integer)", "A8.8.306", "cccc 1110 1D11 1000 dddd 101s o1M0 mmmm",
            &vfp_convert_from_integer, F::Vfp2),
    a32_row("VCVT (fixed point)", "A8.8.308", "cccc 1110 1D11 1o1U dddd 101s x1i0 iiii",
            &vfp_convert_fixed, F::Vfp3),
    a32_row("VCVT{R} (to integer)", "A8.8.306", "cccc 1110 1D11 110s dddd 101z r1M0 mmmm",
            &vfp_convert_to_integer, F::Vfp2),
    // Extension register load/store (A7.6)
    a32_row("VLDM/VSTM", "A8.8.332/A8.8.412", "cccc 110P UDWL nnnn dddd 101s iiii iiii",
            &vfp_load_store_multiple, F::Vfp2),
    a32_row("VLDR/VSTR", "A8.8.333/A8.8.413", "cccc 1101 UD0L nnnn dddd 101s iiii iiii",
            &vfp_load_store, F::Vfp2),
    // Transfers between core and extension registers (A7.8, A7.9)
    a32_row("VMOV (core and single)", "A8.8.343", "cccc 1110 000o nnnn tttt 1010 N001 0000",
            &vfp_move_single, F::Vfp2),
    a32_row("VMOV (core and scalar)", "A8.8.341/342", "cccc 1110 00xo vvvv tttt 1011 D001 0000",
            &vfp_move_scalar, F::Vfp2),
    a32_row("VMSR", "A8.8.349", "cccc 1110 1110 rrrr tttt 1010 0001 0000", &vfp_VMSR, F::Vfp2),
    a32_row("VMRS", "A8.8.348", "cccc 1110 1111 rrrr tttt 1010 0001 0000", &vfp_VMRS, F::Vfp2),
    a32_row("VMOV (two singles)", "A8.8.345", "cccc 1100 010o uuuu tttt 1010 00M1 mmmm",
            &vfp_move_two_singles, F::Vfp2),
    a32_row("VMOV (double)", "A8.8.346", "cccc 1100 010o uuuu tttt 1011 00M1 mmmm",
            &vfp_move_double, F::Vfp2),
    // Coprocessor register transfers (A5.6): CP15 (and UNDEFINED for the others)
    a32_row("MRC", "A8.8.108", "cccc 1110 ooo1 nnnn tttt pppp qqq1 mmmm", &a32_MRC),
    a32_row("MCR", "A8.8.98", "cccc 1110 ooo0 nnnn tttt pppp qqq1 mmmm", &a32_MCR),
    a32_row("MRRC", "A8.8.109", "cccc 1100 0101 uuuu tttt pppp oooo mmmm", &a32_MRRC, F::V5TE),
    a32_row("MCRR", "A8.8.99", "cccc 1100 0100 uuuu tttt pppp oooo mmmm", &a32_MCRR, F::V5TE),
};

}  // namespace

std::span<const A32Row> coprocessor_table() {
  return kCoprocessor;
}

}  // namespace anvil::arm
