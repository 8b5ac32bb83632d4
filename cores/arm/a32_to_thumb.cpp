// A32 encodings executed by the shared Thumb-2 handlers. Where an A32 instruction has the same
// operation as a 32-bit Thumb one and only its fields sit elsewhere (the ARMv6 media
// instructions, the DSP multiplies, saturation, bit fields, divide), the decoder rewrites the
// A32 word into the T32 word once, at decode time, and caches the Thumb handler with it: one
// implementation of each operation for both instruction sets. The T32 handlers read R15 with
// the current state's offset, and nothing here uses R15 as an operand.
//
// Each translator names the A32 encoding (ARMv7-A ARM A5.4 media, A5.2.6/A5.2.7 DSP) and the
// T32 one (A6.3); it returns 0 for an encoding the T32 form cannot express (decoded UNDEFINED).
#include "cores/arm/a32_handlers.h"

namespace anvil::arm::a32 {

namespace {

// The register fields at A32 positions.
constexpr std::uint32_t rn(std::uint32_t a) {
  return field(a, 16);
}
constexpr std::uint32_t rd(std::uint32_t a) {
  return field(a, 12);
}
constexpr std::uint32_t rs(std::uint32_t a) {
  return field(a, 8);
}
constexpr std::uint32_t rm(std::uint32_t a) {
  return field(a, 0);
}

constexpr std::uint32_t t32(std::uint32_t first, std::uint32_t second) {
  return (first << 16) | second;
}

}  // namespace

// SADD16...UHSUB8 A1: cccc 0110 0Uoo nnnn dddd 1111 ppp1 mmmm (oo = S/Q/SH, ppp = lanes) →
// T32 11111010 1lll nnnn 1111 dddd 0kkk mmmm (A6.3.? parallel addition and subtraction).
std::uint32_t parallel_to_thumb(std::uint32_t a) {
  static constexpr std::uint8_t kLanes[8] = {1, 2, 6, 5, 0, 0xFF, 0xFF, 4};  // by A32 op2
  const unsigned op1 = field(a, 20, 2), op2 = field(a, 5, 3);
  if (op1 == 0 || kLanes[op2] == 0xFF) return 0;
  const unsigned kind = (field(a, 22, 1) << 2) | (op1 - 1);
  return t32(0xFA80 | (kLanes[op2] << 4) | rn(a), 0xF000 | (rd(a) << 8) | (kind << 4) | rm(a));
}

// QADD/QSUB/QDADD/QDSUB A1: cccc 0001 0oo0 nnnn dddd 0000 0101 mmmm →
// T32 11111010 1000 nnnn 1111 dddd 10 dS mmmm (A32 oo = doubling:subtract reversed).
std::uint32_t saturating_to_thumb(std::uint32_t a) {
  const unsigned subtract = field(a, 21, 1), doubling = field(a, 22, 1);
  const unsigned op = (subtract << 1) | doubling;
  return t32(0xFA80 | rn(a), 0xF080 | (rd(a) << 8) | (op << 4) | rm(a));
}

// SMLAxy/SMLAWy/SMULWy/SMLALxy/SMULxy A1: cccc 0001 0oo0 dddd aaaa mmmm 1yx0 nnnn.
std::uint32_t halfword_multiply_to_thumb(std::uint32_t a) {
  const unsigned op = field(a, 21, 2), x = field(a, 5, 1), y = field(a, 6, 1);
  const std::uint32_t d = field(a, 16), acc = field(a, 12);
  switch (op) {
    case 0:  // SMLA<x><y>: T32 111110110001 nnnn aaaa dddd 00xy mmmm
      return t32(0xFB10 | rm(a), (acc << 12) | (d << 8) | (x << 5) | (y << 4) | rs(a));
    case 1:  // SMLAW<y> (x = 0) / SMULW<y> (x = 1): T32 111110110011 nnnn aaaa dddd 000y mmmm
      return t32(0xFB30 | rm(a), ((x ? 0xFu : acc) << 12) | (d << 8) | (y << 4) | rs(a));
    case 2:  // SMLAL<x><y>: T32 111110111100 nnnn llll hhhh 10xy mmmm
      return t32(0xFBC0 | rm(a), (acc << 12) | (d << 8) | 0x80 | (x << 5) | (y << 4) | rs(a));
    default:  // SMUL<x><y>: T32 111110110001 nnnn 1111 dddd 00xy mmmm
      return t32(0xFB10 | rm(a), 0xF000 | (d << 8) | (x << 5) | (y << 4) | rs(a));
  }
}

// Signed multiplies and divide, A5.4.4: cccc 0111 0ooo dddd aaaa mmmm ppp1 nnnn.
std::uint32_t signed_multiply_to_thumb(std::uint32_t a) {
  const unsigned op1 = field(a, 20, 3), op2 = field(a, 5, 3);
  const std::uint32_t d = field(a, 16), acc = field(a, 12), n = rm(a), m = rs(a);
  const unsigned x = op2 & 1;
  switch (op1) {
    case 0:  // SMLAD/SMUAD (op2 00x), SMLSD/SMUSD (01x): T32 1111 1011 0010/0100
      if (op2 >= 4) return 0;
      return t32((op2 < 2 ? 0xFB20 : 0xFB40) | n, (acc << 12) | (d << 8) | (x << 4) | m);
    case 4:  // SMLALD (op2 00x), SMLSLD (01x): T32 111110111100/1101 nnnn llll hhhh 110x mmmm
      if (op2 >= 4) return 0;
      return t32((op2 < 2 ? 0xFBC0 : 0xFBD0) | n, (acc << 12) | (d << 8) | 0xC0 | (x << 4) | m);
    case 5:  // SMMLA/SMMUL (op2 00r), SMMLS (11r): T32 111110110101/0110 nnnn aaaa dddd 000r mmmm
      if (op2 < 2) return t32(0xFB50 | n, (acc << 12) | (d << 8) | (x << 4) | m);
      if (op2 >= 6) return t32(0xFB60 | n, (acc << 12) | (d << 8) | (x << 4) | m);
      return 0;
    default:
      return 0;
  }
}

// SDIV/UDIV A1: cccc 0111 0o01 dddd 1111 mmmm 0001 nnnn → T32 111110111o01 nnnn 1111 dddd 1111 mmmm
// (ARMv7VE; a row of its own so that variants without the divider leave it UNDEFINED).
std::uint32_t divide_to_thumb(std::uint32_t a) {
  const std::uint32_t first = field(a, 21, 1) ? 0xFBB0 : 0xFB90;
  return t32(first | rm(a), 0xF0F0 | (field(a, 16) << 8) | rs(a));
}

// USAD8/USADA8 A1: cccc 0111 1000 dddd aaaa mmmm 0001 nnnn →
// T32 111110110111 nnnn aaaa dddd 0000 mmmm
std::uint32_t sum_absolute_differences_to_thumb(std::uint32_t a) {
  return t32(0xFB70 | rm(a), (field(a, 12) << 12) | (field(a, 16) << 8) | rs(a));
}

// SXTAB16...UXTAH (and the plain extends, Rn = 1111) A1: cccc 0110 1ooo nnnn dddd rr00 0111 mmmm
// → T32 11111010 0ooo nnnn 1111 dddd 10rr mmmm, with the op renumbered.
std::uint32_t extend_to_thumb(std::uint32_t a) {
  static constexpr std::uint8_t kOp[8] = {2, 0xFF, 4, 0, 3, 0xFF, 5, 1};
  const unsigned op = field(a, 20, 3);
  if (kOp[op] == 0xFF) return 0;
  return t32(0xFA00 | (kOp[op] << 4) | rn(a),
             0xF080 | (rd(a) << 8) | (field(a, 10, 2) << 4) | rm(a));
}

// REV/REV16/RBIT/REVSH A1: cccc 0110 1x11 1111 dddd 1111 y011 mmmm →
// T32 11111010 1001 mmmm 1111 dddd 10xy mmmm
std::uint32_t reverse_to_thumb(std::uint32_t a) {
  const unsigned op = (field(a, 22, 1) << 1) | field(a, 7, 1);
  return t32(0xFA90 | rm(a), 0xF080 | (rd(a) << 8) | (op << 4) | rm(a));
}

// SEL A1: cccc 0110 1000 nnnn dddd 1111 1011 mmmm → T32 11111010 1010 nnnn 1111 dddd 1000 mmmm
std::uint32_t select_to_thumb(std::uint32_t a) {
  return t32(0xFAA0 | rn(a), 0xF080 | (rd(a) << 8) | rm(a));
}

// PKHBT/PKHTB A1: cccc 0110 1000 nnnn dddd iiii it01 mmmm →
// T32 11101010 1100 nnnn 0iii dddd iit0 mmmm
std::uint32_t pack_to_thumb(std::uint32_t a) {
  const unsigned imm5 = field(a, 7, 5), tb = field(a, 6, 1);
  return t32(0xEAC0 | rn(a),
             ((imm5 >> 2) << 12) | (rd(a) << 8) | ((imm5 & 3) << 6) | (tb << 5) | rm(a));
}

// SSAT/USAT A1: cccc 0110 1U1s ssss dddd iiii ih01 nnnn →
// T32 11110011 U0h0 nnnn 0iii dddd ii0s ssss. ASR #32 (h = 1, imm5 = 0) has no T32 form:
// that T32 word is SSAT16/USAT16.
std::uint32_t saturate_to_thumb(std::uint32_t a) {
  const unsigned u = field(a, 22, 1), sat = field(a, 16, 5), imm5 = field(a, 7, 5);
  const unsigned sh = field(a, 6, 1);
  if (sh && imm5 == 0) return 0;
  return t32(0xF300 | (u << 7) | (sh << 5) | rm(a),
             ((imm5 >> 2) << 12) | (rd(a) << 8) | ((imm5 & 3) << 6) | sat);
}

// SSAT16/USAT16 A1: cccc 0110 1U10 ssss dddd 1111 0011 nnnn →
// T32 11110011 U010 nnnn 0000 dddd 0000 ssss
std::uint32_t saturate16_to_thumb(std::uint32_t a) {
  const unsigned u = field(a, 22, 1);
  return t32(0xF320 | (u << 7) | rm(a), (rd(a) << 8) | field(a, 16));
}

// SBFX/UBFX A1: cccc 0111 1U1w wwww dddd llll l101 nnnn; BFI/BFC A1: cccc 0111 110m mmmm
// dddd llll l001 nnnn → T32 11110011 0oo0 nnnn 0lll dddd ll0w wwww (lsb = lll:ll).
std::uint32_t bit_field_to_thumb(std::uint32_t a) {
  const unsigned lsb = field(a, 7, 5), top = field(a, 16, 5);
  unsigned op = 0;
  if (!field(a, 22, 1))
    op = 0x34;  // SBFX: 0011 0100
  else if (field(a, 21, 1) && field(a, 5, 2) == 2)
    op = 0x3C;  // UBFX: 0011 1100
  else
    op = 0x36;  // BFI/BFC: 0011 0110
  return t32(0xF000 | (op << 4) | rm(a),
             ((lsb >> 2) << 12) | (rd(a) << 8) | ((lsb & 3) << 6) | top);
}

}  // namespace anvil::arm::a32
