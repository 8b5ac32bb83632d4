// The A32 instruction handlers (ARMv7-A ARM chapter A5 for the encodings, A8.8 for each
// instruction), one per row of a32_table.cpp, and the architecture feature each row needs.
// The variant's feature set (arm_a_variants.cpp) filters the table: an encoding whose
// feature a variant lacks is UNDEFINED there.
#pragma once

#include <cstdint>
#include <span>

#include "cores/arm/alu.h"
#include "cores/arm/arm_a_core.h"
#include "cores/common/encoding.h"

namespace anvil::arm {

// The architecture version or extension that introduced an instruction (the "Encoding A1
// ARMv..." line of each A8.8 entry).
enum class Feature : std::uint8_t {
  V4T,     // the base: ARMv4T
  V5,      // ARMv5T: BLX, CLZ, BKPT
  V5TE,    // DSP: QADD..., SMLAxy..., LDRD/STRD, PLD, MCRR/MRRC
  V6,      // media: SIMD add/sub, SSAT, REV, SXT/UXT, SEL, LDREX/STREX, CPS, SRS/RFE, UMAAL
  V6K,     // LDREXB/H/D, STREXB/H/D, CLREX, hints
  V6T2,    // MOVW/MOVT, BFC/BFI, SBFX/UBFX, RBIT, MLS, LDRHT...
  V7,      // DMB/DSB/ISB, PLI, DBG
  Divide,  // SDIV/UDIV (ARMv7VE)
  Vfp2,    // VFPv2
  Vfp3,    // VFPv3: VMOV immediate, VCVT fixed-point
  Vfp4,    // VFPv4: VFMA/VFMS/VFNMA/VFNMS
};

struct A32Row {
  A32TableRow row;
  Feature feature = Feature::V4T;
};

// `to_thumb`: the row's A32 encoding is rewritten to the T32 encoding of the same operation
// (a32_to_thumb.cpp) and executed by the shared Thumb-2 handler; `handler` is null then.
constexpr A32Row a32_row(std::string_view name, std::string_view manual, std::string_view bits,
                         ThumbHandler handler, Feature feature = Feature::V4T,
                         ToThumb to_thumb = nullptr) {
  return A32Row{encoding::row(name, manual, bits, A32Action{handler, to_thumb}), feature};
}

std::span<const A32Row> a32_conditional_table();    // a32_table.cpp
std::span<const A32Row> a32_unconditional_table();  // a32_table.cpp
std::span<const A32Row> coprocessor_table();        // vfp_table.cpp
// The 32-bit Thumb encodings of the A profile that ARMv7-M lacks (t32_a_profile.cpp).
std::span<const ThumbRow> t32_a_profile_rows();
// The version that introduced a 16-bit Thumb instruction, by its shared handler.
Feature thumb16_feature(ThumbHandler handler);
bool variant_has(const ArmAVariant& variant, Feature feature);

// Small decoding helpers shared by the A32 handlers.
namespace a32 {
constexpr unsigned field(std::uint32_t insn, unsigned lsb, unsigned width = 4) {
  return (insn >> lsb) & ((1u << width) - 1);
}
constexpr bool bit(std::uint32_t insn, unsigned n) {
  return ((insn >> n) & 1) != 0;
}
// ARMExpandImm_C() — A5.2.4: an 8-bit value rotated right by twice the 4-bit rotation.
constexpr ResultCarry expand_imm_c(std::uint32_t imm12, bool carry_in) {
  const unsigned rotation = 2 * ((imm12 >> 8) & 0xF);
  const std::uint32_t value = std::rotr(imm12 & 0xFFu, static_cast<int>(rotation));
  return {value, rotation == 0 ? carry_in : (value >> 31) != 0};
}
inline void set_nz(ArmCpu& cpu, std::uint32_t result) {
  cpu.flags.n = (result >> 31) != 0;
  cpu.flags.z = result == 0;
}

// a32_to_thumb.cpp
std::uint32_t parallel_to_thumb(std::uint32_t a);
std::uint32_t saturating_to_thumb(std::uint32_t a);
std::uint32_t halfword_multiply_to_thumb(std::uint32_t a);
std::uint32_t signed_multiply_to_thumb(std::uint32_t a);
std::uint32_t divide_to_thumb(std::uint32_t a);
std::uint32_t sum_absolute_differences_to_thumb(std::uint32_t a);
std::uint32_t extend_to_thumb(std::uint32_t a);
std::uint32_t reverse_to_thumb(std::uint32_t a);
std::uint32_t select_to_thumb(std::uint32_t a);
std::uint32_t pack_to_thumb(std::uint32_t a);
std::uint32_t saturate_to_thumb(std::uint32_t a);
std::uint32_t saturate16_to_thumb(std::uint32_t a);
std::uint32_t bit_field_to_thumb(std::uint32_t a);
}  // namespace a32

// a32_data_processing.cpp (data_processing<Opcode, Form> is in a32_data_processing.h)
void a32_MOVW(ArmCpu& cpu, std::uint32_t insn);
void a32_MOVT(ArmCpu& cpu, std::uint32_t insn);
void a32_multiply(ArmCpu& cpu, std::uint32_t insn);  // MUL MLA MLS UMAAL UMULL UMLAL SMULL SMLAL
void a32_CLZ(ArmCpu& cpu, std::uint32_t insn);

// a32_load_store.cpp
void a32_load_store_word_byte(ArmCpu& cpu, std::uint32_t insn);  // LDR STR LDRB STRB (+T)
void a32_load_store_extra(ArmCpu& cpu, std::uint32_t insn);      // LDRH STRH LDRSB LDRSH LDRD STRD
void a32_load_exclusive(ArmCpu& cpu, std::uint32_t insn);
void a32_store_exclusive(ArmCpu& cpu, std::uint32_t insn);
void a32_SWP(ArmCpu& cpu, std::uint32_t insn);
void a32_load_store_multiple(ArmCpu& cpu, std::uint32_t insn);  // LDM STM (incl. ^ forms)

// a32_control.cpp
void a32_B(ArmCpu& cpu, std::uint32_t insn);
void a32_BL(ArmCpu& cpu, std::uint32_t insn);
void a32_BLX_imm(ArmCpu& cpu, std::uint32_t insn);
void a32_BX(ArmCpu& cpu, std::uint32_t insn);
void a32_BLX_reg(ArmCpu& cpu, std::uint32_t insn);
void a32_MRS(ArmCpu& cpu, std::uint32_t insn);
void a32_MSR_reg(ArmCpu& cpu, std::uint32_t insn);
void a32_MSR_imm(ArmCpu& cpu, std::uint32_t insn);
void a32_hint(ArmCpu& cpu, std::uint32_t insn);  // NOP YIELD WFE WFI SEV DBG
void a32_SVC(ArmCpu& cpu, std::uint32_t insn);
void a32_BKPT(ArmCpu& cpu, std::uint32_t insn);
void a32_UDF(ArmCpu& cpu, std::uint32_t insn);
void a32_CPS(ArmCpu& cpu, std::uint32_t insn);
void a32_SETEND(ArmCpu& cpu, std::uint32_t insn);
void a32_barrier(ArmCpu& cpu, std::uint32_t insn);  // DMB DSB ISB PLD PLI: no effect here
void a32_CLREX(ArmCpu& cpu, std::uint32_t insn);
void a32_SRS(ArmCpu& cpu, std::uint32_t insn);
void a32_RFE(ArmCpu& cpu, std::uint32_t insn);
void a32_MRC(ArmCpu& cpu, std::uint32_t insn);
void a32_MCR(ArmCpu& cpu, std::uint32_t insn);
void a32_MRRC(ArmCpu& cpu, std::uint32_t insn);
void a32_MCRR(ArmCpu& cpu, std::uint32_t insn);

}  // namespace anvil::arm
