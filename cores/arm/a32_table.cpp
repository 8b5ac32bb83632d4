// The A32 encoding table (ARMv7-A ARM chapter A5): one row per instruction form with the
// feature that introduced it. "cccc" is the condition, checked by the run loop; cond = 1111
// goes to the unconditional table instead. Rows whose handler is the Thumb-2 one take an
// A32-to-T32 translator (a32_to_thumb.cpp). Where patterns overlap, the more specific wins.
#include <array>

#include "cores/arm/a32_data_processing.h"
#include "cores/arm/a32_handlers.h"

namespace anvil::arm {

namespace {

using F = Feature;

// A data-processing opcode in its three forms (A5.2.1-A5.2.3): the opcode bits 24:21 fixed
// in the generic patterns. The test opcodes (TST..CMN) exist only with S = 1: with S = 0
// their space holds the miscellaneous instructions.
template <unsigned Op>
constexpr A32Row dp_form(std::string_view name, std::string_view manual, std::string_view bits,
                         ThumbHandler handler) {
  A32Row r = a32_row(name, manual, bits, handler);
  r.row.pattern.mask |= 0xFu << 21;
  r.row.pattern.expect |= Op << 21;
  if constexpr (Op >= 0x8 && Op <= 0xB) {
    r.row.pattern.mask |= 1u << 20;
    r.row.pattern.expect |= 1u << 20;
  }
  return r;
}

template <unsigned Op>
constexpr std::array<A32Row, 3> dp(std::string_view name) {
  return {dp_form<Op>(name, "A5.2.3", "cccc 001 oooo S nnnn dddd rrrr iiiiiiii",
                      &data_processing<Op, 0>),
          dp_form<Op>(name, "A5.2.1", "cccc 000 oooo S nnnn dddd iiiii tt 0 mmmm",
                      &data_processing<Op, 1>),
          dp_form<Op>(name, "A5.2.2", "cccc 000 oooo S nnnn dddd ssss 0 tt 1 mmmm",
                      &data_processing<Op, 2>)};
}

constexpr auto kDataProcessing = std::to_array<std::array<A32Row, 3>>({
    dp<0x0>("AND"),
    dp<0x1>("EOR"),
    dp<0x2>("SUB"),
    dp<0x3>("RSB"),
    dp<0x4>("ADD"),
    dp<0x5>("ADC"),
    dp<0x6>("SBC"),
    dp<0x7>("RSC"),
    dp<0x8>("TST"),
    dp<0x9>("TEQ"),
    dp<0xA>("CMP"),
    dp<0xB>("CMN"),
    dp<0xC>("ORR"),
    dp<0xD>("MOV"),
    dp<0xE>("BIC"),
    dp<0xF>("MVN"),
});

constexpr A32Row kOther[] = {
    // Multiply (A5.2.5)
    a32_row("MUL/MLA", "A8.8.114/A8.8.100", "cccc 0000 00-S dddd aaaa mmmm 1001 nnnn",
            &a32_multiply),
    a32_row("UMAAL", "A8.8.255", "cccc 0000 0100 hhhh llll mmmm 1001 nnnn", &a32_multiply, F::V6),
    a32_row("MLS", "A8.8.101", "cccc 0000 0110 dddd aaaa mmmm 1001 nnnn", &a32_multiply, F::V6T2),
    a32_row("UMULL/UMLAL/SMULL/SMLAL", "A8.8.257/256/189/178",
            "cccc 0000 1--S hhhh llll mmmm 1001 nnnn", &a32_multiply),
    // Saturating add/subtract and halfword multiplies (A5.2.6, A5.2.7)
    a32_row("QADD/QSUB/QDADD/QDSUB", "A8.8.129", "cccc 0001 0oo0 nnnn dddd 0000 0101 mmmm", nullptr,
            F::V5TE, &a32::saturating_to_thumb),
    a32_row("SMLA<x><y>...SMUL<x><y>", "A5.2.7", "cccc 0001 0oo0 dddd aaaa mmmm 1yx0 nnnn", nullptr,
            F::V5TE, &a32::halfword_multiply_to_thumb),
    // Miscellaneous (A5.2.12)
    a32_row("MRS", "A8.8.109", "cccc 0001 0R00 1111 dddd 0000 0000 0000", &a32_MRS),
    a32_row("MSR (register)", "A8.8.112", "cccc 0001 0R10 ffff 1111 0000 0000 nnnn", &a32_MSR_reg),
    a32_row("BX", "A8.8.27", "cccc 0001 0010 1111 1111 1111 0001 mmmm", &a32_BX),
    a32_row("BXJ", "A8.8.28", "cccc 0001 0010 1111 1111 1111 0010 mmmm", &a32_BX, F::V5TE),
    a32_row("BLX (register)", "A8.8.26", "cccc 0001 0010 1111 1111 1111 0011 mmmm", &a32_BLX_reg,
            F::V5),
    a32_row("CLZ", "A8.8.33", "cccc 0001 0110 1111 dddd 1111 0001 mmmm", &a32_CLZ, F::V5),
    a32_row("BKPT", "A8.8.24", "1110 0001 0010 iiii iiii iiii 0111 iiii", &a32_BKPT, F::V5),
    a32_row("SMC", "B9.3.14", "cccc 0001 0110 0000 0000 0000 0111 iiii", &a32_UDF),
    // Extra load/store (A5.2.8) and synchronization primitives (A5.2.10)
    a32_row("STRH/LDRH", "A8.8.216/A8.8.80", "cccc 000P UIWL nnnn tttt iiii 1011 iiii",
            &a32_load_store_extra),
    a32_row("LDRSB/LDRSH", "A8.8.84/A8.8.88", "cccc 000P UIW1 nnnn tttt iiii 11-1 iiii",
            &a32_load_store_extra),
    a32_row("LDRD/STRD", "A8.8.68/A8.8.210", "cccc 000P UIW0 nnnn tttt iiii 11-1 iiii",
            &a32_load_store_extra, F::V5TE),
    a32_row("SWP/SWPB", "A8.8.229", "cccc 0001 0B00 nnnn tttt 0000 1001 mmmm", &a32_SWP),
    a32_row("LDREX", "A8.8.75", "cccc 0001 1001 nnnn tttt 1111 1001 1111", &a32_load_exclusive,
            F::V6),
    a32_row("STREX", "A8.8.212", "cccc 0001 1000 nnnn dddd 1111 1001 tttt", &a32_store_exclusive,
            F::V6),
    a32_row("LDREXD/B/H", "A8.8.76-78", "cccc 0001 1ss1 nnnn tttt 1111 1001 1111",
            &a32_load_exclusive, F::V6K),
    a32_row("STREXD/B/H", "A8.8.213-215", "cccc 0001 1ss0 nnnn dddd 1111 1001 tttt",
            &a32_store_exclusive, F::V6K),
    // MOVW/MOVT, MSR immediate and hints (A5.2.11)
    a32_row("MOVW", "A8.8.102 A2", "cccc 0011 0000 iiii dddd iiii iiii iiii", &a32_MOVW, F::V6T2),
    a32_row("MOVT", "A8.8.106", "cccc 0011 0100 iiii dddd iiii iiii iiii", &a32_MOVT, F::V6T2),
    a32_row("MSR (immediate)", "A8.8.111", "cccc 0011 0R10 ffff 1111 rrrr iiii iiii", &a32_MSR_imm),
    a32_row("NOP/hints", "A5.2.11", "cccc 0011 0010 0000 1111 0000 oooo oooo", &a32_hint, F::V6K),
    // Load/store word and unsigned byte (A5.3); bit 4 set with I = 1 is the media space
    a32_row("LDR/STR/LDRB/STRB (immediate)", "A5.3", "cccc 010P UBWL nnnn tttt iiii iiii iiii",
            &a32_load_store_word_byte),
    a32_row("LDR/STR/LDRB/STRB (register)", "A5.3", "cccc 011P UBWL nnnn tttt iiii itt0 mmmm",
            &a32_load_store_word_byte),
    // Media (A5.4)
    a32_row("parallel add/subtract", "A5.4.1/A5.4.2", "cccc 0110 0Uoo nnnn dddd 1111 ppp1 mmmm",
            nullptr, F::V6, &a32::parallel_to_thumb),
    a32_row("PKHBT/PKHTB", "A8.8.125", "cccc 0110 1000 nnnn dddd iiii it01 mmmm", nullptr, F::V6,
            &a32::pack_to_thumb),
    a32_row("SSAT/USAT", "A8.8.193/A8.8.259", "cccc 0110 1U1s ssss dddd iiii ih01 nnnn", nullptr,
            F::V6, &a32::saturate_to_thumb),
    a32_row("SSAT16/USAT16", "A8.8.194/A8.8.260", "cccc 0110 1U10 ssss dddd 1111 0011 nnnn",
            nullptr, F::V6, &a32::saturate16_to_thumb),
    a32_row("SEL", "A8.8.144", "cccc 0110 1000 nnnn dddd 1111 1011 mmmm", nullptr, F::V6,
            &a32::select_to_thumb),
    a32_row("REV/REV16", "A8.8.141/A8.8.142", "cccc 0110 1011 1111 dddd 1111 -011 mmmm", nullptr,
            F::V6, &a32::reverse_to_thumb),
    a32_row("REVSH", "A8.8.143", "cccc 0110 1111 1111 dddd 1111 1011 mmmm", nullptr, F::V6,
            &a32::reverse_to_thumb),
    a32_row("RBIT", "A8.8.139", "cccc 0110 1111 1111 dddd 1111 0011 mmmm", nullptr, F::V6T2,
            &a32::reverse_to_thumb),
    a32_row("SXTAB16...UXTAH", "A5.4.3", "cccc 0110 1ooo nnnn dddd rr00 0111 mmmm", nullptr, F::V6,
            &a32::extend_to_thumb),
    a32_row("SMLAD...SMMLS", "A5.4.4", "cccc 0111 0ooo dddd aaaa mmmm ppp1 nnnn", nullptr, F::V6,
            &a32::signed_multiply_to_thumb),
    a32_row("SDIV/UDIV", "A8.8.165/A8.8.248", "cccc 0111 00-1 dddd 1111 mmmm 0001 nnnn", nullptr,
            F::Divide, &a32::divide_to_thumb),
    a32_row("USAD8/USADA8", "A8.8.253/254", "cccc 0111 1000 dddd aaaa mmmm 0001 nnnn", nullptr,
            F::V6, &a32::sum_absolute_differences_to_thumb),
    a32_row("SBFX/UBFX", "A8.8.164/A8.8.246", "cccc 0111 1U1w wwww dddd llll l101 nnnn", nullptr,
            F::V6T2, &a32::bit_field_to_thumb),
    a32_row("BFI/BFC", "A8.8.21/A8.8.20", "cccc 0111 110m mmmm dddd llll l001 nnnn", nullptr,
            F::V6T2, &a32::bit_field_to_thumb),
    a32_row("UDF", "A8.8.247", "cccc 0111 1111 ---- ---- ---- 1111 ----", &a32_UDF),
    // Branch, branch with link, block data transfer (A5.5); SVC (A5.6)
    a32_row("LDM/STM", "A8.8.58-61/A8.8.199-202", "cccc 100P USWL nnnn rrrr rrrr rrrr rrrr",
            &a32_load_store_multiple),
    a32_row("B", "A8.8.18", "cccc 1010 iiii iiii iiii iiii iiii iiii", &a32_B),
    a32_row("BL", "A8.8.25", "cccc 1011 iiii iiii iiii iiii iiii iiii", &a32_BL),
    a32_row("SVC", "A8.8.228", "cccc 1111 iiii iiii iiii iiii iiii iiii", &a32_SVC),
};

constexpr A32Row kUnconditional[] = {
    a32_row("CPS", "B9.3.2", "1111 0001 0000 iiM0 0000 000A IF0m mmmm", &a32_CPS, F::V6),
    a32_row("SETEND", "A8.8.? SETEND", "1111 0001 0000 0001 0000 00E0 0000 0000", &a32_SETEND,
            F::V6),
    a32_row("PLD/PLDW (immediate)", "A8.8.126", "1111 0101 -R01 nnnn 1111 iiii iiii iiii",
            &a32_barrier, F::V5TE),
    a32_row("PLD/PLDW (register)", "A8.8.127", "1111 0111 -R01 nnnn 1111 iiii itt0 mmmm",
            &a32_barrier, F::V5TE),
    a32_row("PLI (immediate)", "A8.8.128", "1111 0100 -101 nnnn 1111 iiii iiii iiii", &a32_barrier,
            F::V7),
    a32_row("PLI (register)", "A8.8.129", "1111 0110 -101 nnnn 1111 iiii itt0 mmmm", &a32_barrier,
            F::V7),
    a32_row("CLREX", "A8.8.32", "1111 0101 0111 1111 1111 0000 0001 1111", &a32_CLREX, F::V6K),
    a32_row("DSB", "A8.8.44", "1111 0101 0111 1111 1111 0000 0100 oooo", &a32_barrier, F::V7),
    a32_row("DMB", "A8.8.43", "1111 0101 0111 1111 1111 0000 0101 oooo", &a32_barrier, F::V7),
    a32_row("ISB", "A8.8.54", "1111 0101 0111 1111 1111 0000 0110 oooo", &a32_barrier, F::V7),
    a32_row("SRS", "B9.3.16", "1111 100P U1W0 1101 0000 0101 000m mmmm", &a32_SRS, F::V6),
    a32_row("RFE", "B9.3.13", "1111 100P U0W1 nnnn 0000 1010 0000 0000", &a32_RFE, F::V6),
    a32_row("BLX (immediate)", "A8.8.25 A2", "1111 101H iiii iiii iiii iiii iiii iiii",
            &a32_BLX_imm, F::V5),
};

constexpr auto kConditional = [] {
  std::array<A32Row, 48 + std::size(kOther)> rows{};
  std::size_t i = 0;
  for (const auto& forms : kDataProcessing)
    for (const A32Row& r : forms) rows[i++] = r;
  for (const A32Row& r : kOther) rows[i++] = r;
  return rows;
}();

}  // namespace

std::span<const A32Row> a32_conditional_table() {
  return kConditional;
}

std::span<const A32Row> a32_unconditional_table() {
  return kUnconditional;
}

bool variant_has(const ArmAVariant& v, Feature feature) {
  switch (feature) {
    case F::V4T:
      return true;
    case F::V5:
      return v.architecture >= 5;
    case F::V5TE:
      return v.dsp;
    case F::V6:
      return v.media;
    case F::V6K:
      return v.v6k;
    case F::V6T2:
      return v.thumb2;
    case F::V7:
      return v.architecture >= 7;
    case F::Divide:
      return v.divide;
    case F::Vfp2:
      return v.vfp != VfpVersion::None;
    case F::Vfp3:
      return v.vfp >= VfpVersion::Vfp3;
    case F::Vfp4:
      return v.vfp >= VfpVersion::Vfp4;
  }
  return false;
}

}  // namespace anvil::arm
