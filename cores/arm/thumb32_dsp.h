// The ARMv7E-M DSP extension in 32-bit Thumb (Cortex-M4): SIMD add/subtract with the GE
// flags, saturating arithmetic, packing, extend-and-add, sum of absolute differences and the
// halfword and most-significant-word multiplies. On a core without the extension (has_dsp()
// false: Cortex-M3) every one of these encodings is UNDEFINED (ARMv7-M ARM A5.3).
// Pattern fields as elsewhere; x y = top/bottom halfword selectors (or X = exchange),
// r = rounding (SMMUL etc.) or rotation (extends), b = saturation bits, t = PKH tb.
#pragma once

#include <cstdint>

#include "cores/arm/thumb32_common.h"

namespace anvil::arm {

namespace thumb32 {
// A5.3.3 Plain binary immediate: halfword saturation
using SSAT16_T1 = Encoding<"11110 0 1 1 0 0 1 0 nnnn 0 000 dddd 00 00 bbbb">;
using USAT16_T1 = Encoding<"11110 0 1 1 1 0 1 0 nnnn 0 000 dddd 00 00 bbbb">;

// A5.3.11 Shifted register: halfword packing
using PKHBT_T1 = Encoding<"11101 01 0110 0 nnnn 0 iii dddd ii t 0 mmmm">;

// A5.3.12 Register: extend and add (Rn = '1111': plain extend)
using SXTAH_T1 = Encoding<"11111010 0000 nnnn 1111 dddd 10 rr mmmm">;
using UXTAH_T1 = Encoding<"11111010 0001 nnnn 1111 dddd 10 rr mmmm">;
using SXTAB16_T1 = Encoding<"11111010 0010 nnnn 1111 dddd 10 rr mmmm">;
using SXTB16_T1 = Encoding<"11111010 0010 1111 1111 dddd 10 rr mmmm">;
using UXTAB16_T1 = Encoding<"11111010 0011 nnnn 1111 dddd 10 rr mmmm">;
using UXTB16_T1 = Encoding<"11111010 0011 1111 1111 dddd 10 rr mmmm">;
using SXTAB_T1 = Encoding<"11111010 0100 nnnn 1111 dddd 10 rr mmmm">;
using UXTAB_T1 = Encoding<"11111010 0101 nnnn 1111 dddd 10 rr mmmm">;

// A5.3.13 / A5.3.14 Parallel addition and subtraction, signed and unsigned
using SADD16_T1 = Encoding<"11111010 1 001 nnnn 1111 dddd 0000 mmmm">;
using SASX_T1 = Encoding<"11111010 1 010 nnnn 1111 dddd 0000 mmmm">;
using SSAX_T1 = Encoding<"11111010 1 110 nnnn 1111 dddd 0000 mmmm">;
using SSUB16_T1 = Encoding<"11111010 1 101 nnnn 1111 dddd 0000 mmmm">;
using SADD8_T1 = Encoding<"11111010 1 000 nnnn 1111 dddd 0000 mmmm">;
using SSUB8_T1 = Encoding<"11111010 1 100 nnnn 1111 dddd 0000 mmmm">;
using QADD16_T1 = Encoding<"11111010 1 001 nnnn 1111 dddd 0001 mmmm">;
using QASX_T1 = Encoding<"11111010 1 010 nnnn 1111 dddd 0001 mmmm">;
using QSAX_T1 = Encoding<"11111010 1 110 nnnn 1111 dddd 0001 mmmm">;
using QSUB16_T1 = Encoding<"11111010 1 101 nnnn 1111 dddd 0001 mmmm">;
using QADD8_T1 = Encoding<"11111010 1 000 nnnn 1111 dddd 0001 mmmm">;
using QSUB8_T1 = Encoding<"11111010 1 100 nnnn 1111 dddd 0001 mmmm">;
using SHADD16_T1 = Encoding<"11111010 1 001 nnnn 1111 dddd 0010 mmmm">;
using SHASX_T1 = Encoding<"11111010 1 010 nnnn 1111 dddd 0010 mmmm">;
using SHSAX_T1 = Encoding<"11111010 1 110 nnnn 1111 dddd 0010 mmmm">;
using SHSUB16_T1 = Encoding<"11111010 1 101 nnnn 1111 dddd 0010 mmmm">;
using SHADD8_T1 = Encoding<"11111010 1 000 nnnn 1111 dddd 0010 mmmm">;
using SHSUB8_T1 = Encoding<"11111010 1 100 nnnn 1111 dddd 0010 mmmm">;
using UADD16_T1 = Encoding<"11111010 1 001 nnnn 1111 dddd 0100 mmmm">;
using UASX_T1 = Encoding<"11111010 1 010 nnnn 1111 dddd 0100 mmmm">;
using USAX_T1 = Encoding<"11111010 1 110 nnnn 1111 dddd 0100 mmmm">;
using USUB16_T1 = Encoding<"11111010 1 101 nnnn 1111 dddd 0100 mmmm">;
using UADD8_T1 = Encoding<"11111010 1 000 nnnn 1111 dddd 0100 mmmm">;
using USUB8_T1 = Encoding<"11111010 1 100 nnnn 1111 dddd 0100 mmmm">;
using UQADD16_T1 = Encoding<"11111010 1 001 nnnn 1111 dddd 0101 mmmm">;
using UQASX_T1 = Encoding<"11111010 1 010 nnnn 1111 dddd 0101 mmmm">;
using UQSAX_T1 = Encoding<"11111010 1 110 nnnn 1111 dddd 0101 mmmm">;
using UQSUB16_T1 = Encoding<"11111010 1 101 nnnn 1111 dddd 0101 mmmm">;
using UQADD8_T1 = Encoding<"11111010 1 000 nnnn 1111 dddd 0101 mmmm">;
using UQSUB8_T1 = Encoding<"11111010 1 100 nnnn 1111 dddd 0101 mmmm">;
using UHADD16_T1 = Encoding<"11111010 1 001 nnnn 1111 dddd 0110 mmmm">;
using UHASX_T1 = Encoding<"11111010 1 010 nnnn 1111 dddd 0110 mmmm">;
using UHSAX_T1 = Encoding<"11111010 1 110 nnnn 1111 dddd 0110 mmmm">;
using UHSUB16_T1 = Encoding<"11111010 1 101 nnnn 1111 dddd 0110 mmmm">;
using UHADD8_T1 = Encoding<"11111010 1 000 nnnn 1111 dddd 0110 mmmm">;
using UHSUB8_T1 = Encoding<"11111010 1 100 nnnn 1111 dddd 0110 mmmm">;

// A5.3.15 Miscellaneous: saturating add/subtract, select
using QADD_T1 = Encoding<"11111010 1000 nnnn 1111 dddd 1000 mmmm">;
using QDADD_T1 = Encoding<"11111010 1000 nnnn 1111 dddd 1001 mmmm">;
using QSUB_T1 = Encoding<"11111010 1000 nnnn 1111 dddd 1010 mmmm">;
using QDSUB_T1 = Encoding<"11111010 1000 nnnn 1111 dddd 1011 mmmm">;
using SEL_T1 = Encoding<"11111010 1010 nnnn 1111 dddd 1000 mmmm">;

// A5.3.16 Multiply (Ra = '1111': the non-accumulating form)
using SMLAxy_T1 = Encoding<"111110110001 nnnn aaaa dddd 00 xy mmmm">;
using SMULxy_T1 = Encoding<"111110110001 nnnn 1111 dddd 00 xy mmmm">;
using SMLAD_T1 = Encoding<"111110110010 nnnn aaaa dddd 000 x mmmm">;
using SMUAD_T1 = Encoding<"111110110010 nnnn 1111 dddd 000 x mmmm">;
using SMLAWy_T1 = Encoding<"111110110011 nnnn aaaa dddd 000 y mmmm">;
using SMULWy_T1 = Encoding<"111110110011 nnnn 1111 dddd 000 y mmmm">;
using SMLSD_T1 = Encoding<"111110110100 nnnn aaaa dddd 000 x mmmm">;
using SMUSD_T1 = Encoding<"111110110100 nnnn 1111 dddd 000 x mmmm">;
using SMMLA_T1 = Encoding<"111110110101 nnnn aaaa dddd 000 r mmmm">;
using SMMUL_T1 = Encoding<"111110110101 nnnn 1111 dddd 000 r mmmm">;
using SMMLS_T1 = Encoding<"111110110110 nnnn aaaa dddd 000 r mmmm">;
using USADA8_T1 = Encoding<"111110110111 nnnn aaaa dddd 0000 mmmm">;
using USAD8_T1 = Encoding<"111110110111 nnnn 1111 dddd 0000 mmmm">;

// A5.3.17 Long multiply
using SMLALxy_T1 = Encoding<"111110111100 nnnn llll hhhh 10 xy mmmm">;
using SMLALD_T1 = Encoding<"111110111100 nnnn llll hhhh 110 x mmmm">;
using SMLSLD_T1 = Encoding<"111110111101 nnnn llll hhhh 110 x mmmm">;
using UMAAL_T1 = Encoding<"111110111110 nnnn llll hhhh 0110 mmmm">;
}  // namespace thumb32

// thumb32_dsp.cpp
void thumb32_SSAT16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_USAT16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_PKHBT_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SXTAH_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UXTAH_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SXTAB16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SXTB16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UXTAB16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UXTB16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SXTAB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UXTAB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_QADD_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_QDADD_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_QSUB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_QDSUB_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SEL_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMLAxy_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMULxy_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMLAD_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMUAD_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMLAWy_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMULWy_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMLSD_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMUSD_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMMLA_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMMUL_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMMLS_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_USADA8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_USAD8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMLALxy_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMLALD_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SMLSLD_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UMAAL_T1(ArmCpu& cpu, std::uint32_t insn);
// thumb32_dsp_parallel.cpp
void thumb32_SADD16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SASX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SSAX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SSUB16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SADD8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SSUB8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_QADD16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_QASX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_QSAX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_QSUB16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_QADD8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_QSUB8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SHADD16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SHASX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SHSAX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SHSUB16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SHADD8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_SHSUB8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UADD16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UASX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_USAX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_USUB16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UADD8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_USUB8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UQADD16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UQASX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UQSAX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UQSUB16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UQADD8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UQSUB8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UHADD16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UHASX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UHSAX_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UHSUB16_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UHADD8_T1(ArmCpu& cpu, std::uint32_t insn);
void thumb32_UHSUB8_T1(ArmCpu& cpu, std::uint32_t insn);

}  // namespace anvil::arm
