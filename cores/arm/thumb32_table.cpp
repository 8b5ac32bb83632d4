// The 32-bit Thumb encoding table: one row per encoding of ARMv7-M ARM chapter A5.3, with the
// manual's assembler syntax above it. The patterns live next to their handlers (the
// thumb32_*.h headers) so that each is written once; `manual` names the A5.3 decode table the
// encoding belongs to, and the row name is the A7.7 instruction title and encoding number.
//
// The literal loads (Rn = '1111') overlap the immediate, unprivileged, register and preload
// rows in ways the pairwise most-specific rule cannot order. Those rows' handlers take the
// literal path when Rn is PC (the manual's "if Rn == '1111' then SEE ... (literal)"), and
// literal_hole_rows() enters the subtracting literal encodings that no other row decodes.
// PLD/PLI (literal) are the Rt = '1111' cases of the same rows: a no-op either way.
#include <algorithm>
#include <array>

#include "cores/arm/thumb32_control.h"
#include "cores/arm/thumb32_data_processing.h"
#include "cores/arm/thumb32_dsp.h"
#include "cores/arm/thumb32_load_store.h"
#include "cores/arm/thumb32_multiply_divide.h"

namespace anvil::arm {
namespace {

using namespace thumb32;

template <class E>
constexpr ThumbRow row(std::string_view name, std::string_view manual, ThumbHandler handler) {
  static_assert(E::pattern.width == 32, "32-bit Thumb patterns are 32 bits wide");
  return ThumbRow{name, manual, E::pattern, handler};
}

constexpr std::string_view kModifiedImmediate = "ARMv7-M ARM A5.3.1";
constexpr std::string_view kBinaryImmediate = "ARMv7-M ARM A5.3.3";
constexpr std::string_view kBranchMisc = "ARMv7-M ARM A5.3.4";
constexpr std::string_view kLoadStoreMultiple = "ARMv7-M ARM A5.3.5";
constexpr std::string_view kDualExclusive = "ARMv7-M ARM A5.3.6";
constexpr std::string_view kLoadWord = "ARMv7-M ARM A5.3.7";
constexpr std::string_view kLoadByte = "ARMv7-M ARM A5.3.8";
constexpr std::string_view kLoadHalfword = "ARMv7-M ARM A5.3.9";
constexpr std::string_view kStoreSingle = "ARMv7-M ARM A5.3.10";
constexpr std::string_view kShiftedRegister = "ARMv7-M ARM A5.3.11";
constexpr std::string_view kRegister = "ARMv7-M ARM A5.3.12";
constexpr std::string_view kParallelSigned = "ARMv7-M ARM A5.3.13";
constexpr std::string_view kParallelUnsigned = "ARMv7-M ARM A5.3.14";
constexpr std::string_view kMiscellaneous = "ARMv7-M ARM A5.3.15";
constexpr std::string_view kMultiply = "ARMv7-M ARM A5.3.16";
constexpr std::string_view kLongMultiply = "ARMv7-M ARM A5.3.17";
constexpr std::string_view kCoprocessor = "ARMv7-M ARM A5.3.18";

// U = 0 literal loads whose imm12<11> is 0 and imm12<10:6> non-zero: one row per leading
// one bit of imm12<10:6>, so that none overlaps the register form (imm12<11:6> = 0) or the
// 8-bit-immediate forms (imm12<11> = 1).
template <class E>
constexpr std::array<ThumbRow, 5> literal_hole_rows(std::string_view name, std::string_view manual,
                                                    ThumbHandler handler) {
  std::array<ThumbRow, 5> rows{};
  for (unsigned k = 0; k < rows.size(); ++k) {
    const unsigned leading_one = 10 - k;
    const std::uint32_t fixed = 0xFFFu & ~((1u << leading_one) - 1);  // imm12<11:leading_one>
    rows[k] = ThumbRow{
        name, manual,
        encoding::Pattern{E::pattern.mask | fixed, E::pattern.expect | (1u << leading_one), 32},
        handler};
  }
  return rows;
}

template <std::size_t... N>
constexpr auto concatenate(const std::array<ThumbRow, N>&... parts) {
  std::array<ThumbRow, (N + ...)> out{};
  std::size_t at = 0;
  ((std::copy(parts.begin(), parts.end(), out.begin() + at), at += N), ...);
  return out;
}

constexpr std::array kEncodings = {
    // --- A5.3.1 Data processing (modified immediate) ----------------------------------------
    // AND{S}<c> <Rd>, <Rn>, #<const>
    row<AND_imm_T1>("AND (immediate) T1", kModifiedImmediate, thumb32_AND_imm_T1),
    // TST<c> <Rn>, #<const>
    row<TST_imm_T1>("TST (immediate) T1", kModifiedImmediate, thumb32_TST_imm_T1),
    // BIC{S}<c> <Rd>, <Rn>, #<const>
    row<BIC_imm_T1>("BIC (immediate) T1", kModifiedImmediate, thumb32_BIC_imm_T1),
    // ORR{S}<c> <Rd>, <Rn>, #<const>
    row<ORR_imm_T1>("ORR (immediate) T1", kModifiedImmediate, thumb32_ORR_imm_T1),
    // MOV{S}<c>.W <Rd>, #<const>
    row<MOV_imm_T2>("MOV (immediate) T2", kModifiedImmediate, thumb32_MOV_imm_T2),
    // ORN{S}<c> <Rd>, <Rn>, #<const>
    row<ORN_imm_T1>("ORN (immediate) T1", kModifiedImmediate, thumb32_ORN_imm_T1),
    // MVN{S}<c> <Rd>, #<const>
    row<MVN_imm_T1>("MVN (immediate) T1", kModifiedImmediate, thumb32_MVN_imm_T1),
    // EOR{S}<c> <Rd>, <Rn>, #<const>
    row<EOR_imm_T1>("EOR (immediate) T1", kModifiedImmediate, thumb32_EOR_imm_T1),
    // TEQ<c> <Rn>, #<const>
    row<TEQ_imm_T1>("TEQ (immediate) T1", kModifiedImmediate, thumb32_TEQ_imm_T1),
    // ADD{S}<c>.W <Rd>, <Rn>, #<const>  (also ADD (SP plus immediate) T3)
    row<ADD_imm_T3>("ADD (immediate) T3", kModifiedImmediate, thumb32_ADD_imm_T3),
    // CMN<c> <Rn>, #<const>
    row<CMN_imm_T1>("CMN (immediate) T1", kModifiedImmediate, thumb32_CMN_imm_T1),
    // ADC{S}<c> <Rd>, <Rn>, #<const>
    row<ADC_imm_T1>("ADC (immediate) T1", kModifiedImmediate, thumb32_ADC_imm_T1),
    // SBC{S}<c> <Rd>, <Rn>, #<const>
    row<SBC_imm_T1>("SBC (immediate) T1", kModifiedImmediate, thumb32_SBC_imm_T1),
    // SUB{S}<c>.W <Rd>, <Rn>, #<const>  (also SUB (SP minus immediate) T2)
    row<SUB_imm_T3>("SUB (immediate) T3", kModifiedImmediate, thumb32_SUB_imm_T3),
    // CMP<c>.W <Rn>, #<const>
    row<CMP_imm_T2>("CMP (immediate) T2", kModifiedImmediate, thumb32_CMP_imm_T2),
    // RSB{S}<c>.W <Rd>, <Rn>, #<const>
    row<RSB_imm_T2>("RSB (immediate) T2", kModifiedImmediate, thumb32_RSB_imm_T2),

    // --- A5.3.3 Data processing (plain binary immediate) ------------------------------------
    // ADDW<c> <Rd>, <Rn>, #<imm12>  (also ADD (SP plus immediate) T4)
    row<ADD_imm_T4>("ADD (immediate) T4", kBinaryImmediate, thumb32_ADD_imm_T4),
    // ADR<c>.W <Rd>, <label>  (label after the instruction)
    row<ADR_T3>("ADR T3", kBinaryImmediate, thumb32_ADR_T3),
    // MOVW<c> <Rd>, #<imm16>
    row<MOV_imm_T3>("MOV (immediate) T3", kBinaryImmediate, thumb32_MOV_imm_T3),
    // SUBW<c> <Rd>, <Rn>, #<imm12>  (also SUB (SP minus immediate) T3)
    row<SUB_imm_T4>("SUB (immediate) T4", kBinaryImmediate, thumb32_SUB_imm_T4),
    // ADR<c>.W <Rd>, <label>  (label before the instruction; SUB <Rd>, PC, #<imm12>)
    row<ADR_T2>("ADR T2", kBinaryImmediate, thumb32_ADR_T2),
    // MOVT<c> <Rd>, #<imm16>
    row<MOVT_T1>("MOVT T1", kBinaryImmediate, thumb32_MOVT_T1),
    // SSAT<c> <Rd>, #<imm>, <Rn>{, <shift>}
    row<SSAT_T1>("SSAT T1", kBinaryImmediate, thumb32_SSAT_T1),
    // SSAT16<c> <Rd>, #<imm>, <Rn>  (ARMv7E-M)
    row<SSAT16_T1>("SSAT16 T1", kBinaryImmediate, thumb32_SSAT16_T1),
    // SBFX<c> <Rd>, <Rn>, #<lsb>, #<width>
    row<SBFX_T1>("SBFX T1", kBinaryImmediate, thumb32_SBFX_T1),
    // BFI<c> <Rd>, <Rn>, #<lsb>, #<width>
    row<BFI_T1>("BFI T1", kBinaryImmediate, thumb32_BFI_T1),
    // BFC<c> <Rd>, #<lsb>, #<width>
    row<BFC_T1>("BFC T1", kBinaryImmediate, thumb32_BFC_T1),
    // USAT<c> <Rd>, #<imm>, <Rn>{, <shift>}
    row<USAT_T1>("USAT T1", kBinaryImmediate, thumb32_USAT_T1),
    // USAT16<c> <Rd>, #<imm>, <Rn>  (ARMv7E-M)
    row<USAT16_T1>("USAT16 T1", kBinaryImmediate, thumb32_USAT16_T1),
    // UBFX<c> <Rd>, <Rn>, #<lsb>, #<width>
    row<UBFX_T1>("UBFX T1", kBinaryImmediate, thumb32_UBFX_T1),

    // --- A5.3.4 Branches and miscellaneous control ------------------------------------------
    // B<c>.W <label>  (not in an IT block)
    row<B_T3>("B T3", kBranchMisc, thumb32_B_T3),
    // B<c>.W <label>  (outside or last in an IT block)
    row<B_T4>("B T4", kBranchMisc, thumb32_B_T4),
    // BL<c> <label>
    row<BL_T1>("BL T1", kBranchMisc, thumb32_BL_T1),
    // MSR<c> <spec_reg>, <Rn>
    row<MSR_reg_T1>("MSR (register) T1", kBranchMisc, thumb32_MSR_reg_T1),
    // MRS<c> <Rd>, <spec_reg>
    row<MRS_T1>("MRS T1", kBranchMisc, thumb32_MRS_T1),
    // NOP<c>.W
    row<NOP_T2>("NOP T2", kBranchMisc, thumb32_NOP_T2),
    // YIELD<c>.W
    row<YIELD_T2>("YIELD T2", kBranchMisc, thumb32_YIELD_T2),
    // WFE<c>.W
    row<WFE_T2>("WFE T2", kBranchMisc, thumb32_WFE_T2),
    // WFI<c>.W
    row<WFI_T2>("WFI T2", kBranchMisc, thumb32_WFI_T2),
    // SEV<c>.W
    row<SEV_T2>("SEV T2", kBranchMisc, thumb32_SEV_T2),
    // DBG<c> #<option>
    row<DBG_T1>("DBG T1", kBranchMisc, thumb32_DBG_T1),
    // Unallocated hints (executed as NOP)
    row<hint_T2>("unallocated hint T2", kBranchMisc, thumb32_hint_T2),
    // CLREX<c>
    row<CLREX_T1>("CLREX T1", kBranchMisc, thumb32_CLREX_T1),
    // DSB<c> #<option>
    row<DSB_T1>("DSB T1", kBranchMisc, thumb32_DSB_T1),
    // DMB<c> #<option>
    row<DMB_T1>("DMB T1", kBranchMisc, thumb32_DMB_T1),
    // ISB<c> #<option>
    row<ISB_T1>("ISB T1", kBranchMisc, thumb32_ISB_T1),
    // UDF<c>.W #<imm16>
    row<UDF_T2>("UDF T2", kBranchMisc, thumb32_UDF_T2),

    // --- A5.3.5 Load/store multiple ---------------------------------------------------------
    // STM<c>.W <Rn>{!}, <registers>
    row<STM_T2>("STM T2", kLoadStoreMultiple, thumb32_STM_T2),
    // LDM<c>.W <Rn>{!}, <registers>
    row<LDM_T2>("LDM T2", kLoadStoreMultiple, thumb32_LDM_T2),
    // POP<c>.W <registers>
    row<POP_T2>("POP T2", kLoadStoreMultiple, thumb32_POP_T2),
    // STMDB<c> <Rn>{!}, <registers>
    row<STMDB_T1>("STMDB T1", kLoadStoreMultiple, thumb32_STMDB_T1),
    // PUSH<c>.W <registers>
    row<PUSH_T2>("PUSH T2", kLoadStoreMultiple, thumb32_PUSH_T2),
    // LDMDB<c> <Rn>{!}, <registers>
    row<LDMDB_T1>("LDMDB T1", kLoadStoreMultiple, thumb32_LDMDB_T1),

    // --- A5.3.6 Load/store dual or exclusive, table branch ----------------------------------
    // STREX<c> <Rd>, <Rt>, [<Rn>{, #<imm>}]
    row<STREX_T1>("STREX T1", kDualExclusive, thumb32_STREX_T1),
    // LDREX<c> <Rt>, [<Rn>{, #<imm>}]
    row<LDREX_T1>("LDREX T1", kDualExclusive, thumb32_LDREX_T1),
    // STRD<c> <Rt>, <Rt2>, [<Rn>{, #+/-<imm>}]{!}
    row<STRD_imm_T1>("STRD (immediate) T1", kDualExclusive, thumb32_STRD_imm_T1),
    // STRD<c> <Rt>, <Rt2>, [<Rn>], #+/-<imm>
    row<STRD_imm_T1_post>("STRD (immediate) T1 post-indexed", kDualExclusive,
                          thumb32_STRD_imm_T1_post),
    // LDRD<c> <Rt>, <Rt2>, [<Rn>{, #+/-<imm>}]{!}  and LDRD (literal) T1 when Rn = PC
    row<LDRD_imm_T1>("LDRD (immediate) T1", kDualExclusive, thumb32_LDRD_imm_T1),
    // LDRD<c> <Rt>, <Rt2>, [<Rn>], #+/-<imm>
    row<LDRD_imm_T1_post>("LDRD (immediate) T1 post-indexed", kDualExclusive,
                          thumb32_LDRD_imm_T1_post),
    // STREXB<c> <Rd>, <Rt>, [<Rn>]
    row<STREXB_T1>("STREXB T1", kDualExclusive, thumb32_STREXB_T1),
    // STREXH<c> <Rd>, <Rt>, [<Rn>]
    row<STREXH_T1>("STREXH T1", kDualExclusive, thumb32_STREXH_T1),
    // TBB<c> [<Rn>, <Rm>]
    row<TBB_T1>("TBB T1", kDualExclusive, thumb32_TBB_T1),
    // TBH<c> [<Rn>, <Rm>, LSL #1]
    row<TBH_T1>("TBH T1", kDualExclusive, thumb32_TBH_T1),
    // LDREXB<c> <Rt>, [<Rn>]
    row<LDREXB_T1>("LDREXB T1", kDualExclusive, thumb32_LDREXB_T1),
    // LDREXH<c> <Rt>, [<Rn>]
    row<LDREXH_T1>("LDREXH T1", kDualExclusive, thumb32_LDREXH_T1),

    // --- A5.3.7 Load word -------------------------------------------------------------------
    // LDR<c>.W <Rt>, [<Rn>{, #<imm12>}]
    row<LDR_imm_T3>("LDR (immediate) T3", kLoadWord, thumb32_LDR_imm_T3),
    // LDR<c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]!
    row<LDR_imm_T4>("LDR (immediate) T4", kLoadWord, thumb32_LDR_imm_T4),
    // POP<c>.W <registers>  (one register)
    row<POP_T3>("POP T3", kLoadWord, thumb32_POP_T3),
    // LDRT<c> <Rt>, [<Rn>{, #<imm8>}]
    row<LDRT_T1>("LDRT T1", kLoadWord, thumb32_LDRT_T1),
    // LDR<c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}]
    row<LDR_reg_T2>("LDR (register) T2", kLoadWord, thumb32_LDR_reg_T2),

    // --- A5.3.8 Load byte, memory hints -----------------------------------------------------
    // LDRB<c>.W <Rt>, [<Rn>{, #<imm12>}]
    row<LDRB_imm_T2>("LDRB (immediate) T2", kLoadByte, thumb32_LDRB_imm_T2),
    // LDRB<c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]!
    row<LDRB_imm_T3>("LDRB (immediate) T3", kLoadByte, thumb32_LDRB_imm_T3),
    // LDRBT<c> <Rt>, [<Rn>{, #<imm8>}]
    row<LDRBT_T1>("LDRBT T1", kLoadByte, thumb32_LDRBT_T1),
    // LDRB<c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}]
    row<LDRB_reg_T2>("LDRB (register) T2", kLoadByte, thumb32_LDRB_reg_T2),
    // LDRSB<c> <Rt>, [<Rn>, #<imm12>]
    row<LDRSB_imm_T1>("LDRSB (immediate) T1", kLoadByte, thumb32_LDRSB_imm_T1),
    // LDRSB<c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]!
    row<LDRSB_imm_T2>("LDRSB (immediate) T2", kLoadByte, thumb32_LDRSB_imm_T2),
    // LDRSBT<c> <Rt>, [<Rn>, #<imm8>]
    row<LDRSBT_T1>("LDRSBT T1", kLoadByte, thumb32_LDRSBT_T1),
    // LDRSB<c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}]
    row<LDRSB_reg_T2>("LDRSB (register) T2", kLoadByte, thumb32_LDRSB_reg_T2),
    // PLD<c> [<Rn>, #<imm12>]
    row<PLD_imm_T1>("PLD (immediate) T1", kLoadByte, thumb32_PLD_imm_T1),
    // PLD<c> [<Rn>, #-<imm8>]
    row<PLD_imm_T2>("PLD (immediate) T2", kLoadByte, thumb32_PLD_imm_T2),
    // PLD<c> [<Rn>, <Rm>{, LSL #<imm2>}]
    row<PLD_reg_T1>("PLD (register) T1", kLoadByte, thumb32_PLD_reg_T1),
    // PLI<c> [<Rn>, #<imm12>]
    row<PLI_imm_T1>("PLI (immediate) T1", kLoadByte, thumb32_PLI_imm_T1),
    // PLI<c> [<Rn>, #-<imm8>]
    row<PLI_imm_T2>("PLI (immediate) T2", kLoadByte, thumb32_PLI_imm_T2),
    // PLI<c> [<Rn>, <Rm>{, LSL #<imm2>}]
    row<PLI_reg_T1>("PLI (register) T1", kLoadByte, thumb32_PLI_reg_T1),

    // --- A5.3.9 Load halfword, memory hints -------------------------------------------------
    // LDRH<c>.W <Rt>, [<Rn>{, #<imm12>}]
    row<LDRH_imm_T2>("LDRH (immediate) T2", kLoadHalfword, thumb32_LDRH_imm_T2),
    // LDRH<c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]!
    row<LDRH_imm_T3>("LDRH (immediate) T3", kLoadHalfword, thumb32_LDRH_imm_T3),
    // LDRHT<c> <Rt>, [<Rn>{, #<imm8>}]
    row<LDRHT_T1>("LDRHT T1", kLoadHalfword, thumb32_LDRHT_T1),
    // LDRH<c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}]
    row<LDRH_reg_T2>("LDRH (register) T2", kLoadHalfword, thumb32_LDRH_reg_T2),
    // LDRSH<c> <Rt>, [<Rn>, #<imm12>]
    row<LDRSH_imm_T1>("LDRSH (immediate) T1", kLoadHalfword, thumb32_LDRSH_imm_T1),
    // LDRSH<c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]!
    row<LDRSH_imm_T2>("LDRSH (immediate) T2", kLoadHalfword, thumb32_LDRSH_imm_T2),
    // LDRSHT<c> <Rt>, [<Rn>, #<imm8>]
    row<LDRSHT_T1>("LDRSHT T1", kLoadHalfword, thumb32_LDRSHT_T1),
    // LDRSH<c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}]
    row<LDRSH_reg_T2>("LDRSH (register) T2", kLoadHalfword, thumb32_LDRSH_reg_T2),

    // --- A5.3.10 Store single data item -----------------------------------------------------
    // STRB<c>.W <Rt>, [<Rn>, #<imm12>]
    row<STRB_imm_T2>("STRB (immediate) T2", kStoreSingle, thumb32_STRB_imm_T2),
    // STRB<c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]!
    row<STRB_imm_T3>("STRB (immediate) T3", kStoreSingle, thumb32_STRB_imm_T3),
    // STRBT<c> <Rt>, [<Rn>, #<imm8>]
    row<STRBT_T1>("STRBT T1", kStoreSingle, thumb32_STRBT_T1),
    // STRB<c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}]
    row<STRB_reg_T2>("STRB (register) T2", kStoreSingle, thumb32_STRB_reg_T2),
    // STRH<c>.W <Rt>, [<Rn>{, #<imm12>}]
    row<STRH_imm_T2>("STRH (immediate) T2", kStoreSingle, thumb32_STRH_imm_T2),
    // STRH<c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]!
    row<STRH_imm_T3>("STRH (immediate) T3", kStoreSingle, thumb32_STRH_imm_T3),
    // STRHT<c> <Rt>, [<Rn>, #<imm8>]
    row<STRHT_T1>("STRHT T1", kStoreSingle, thumb32_STRHT_T1),
    // STRH<c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}]
    row<STRH_reg_T2>("STRH (register) T2", kStoreSingle, thumb32_STRH_reg_T2),
    // STR<c>.W <Rt>, [<Rn>, #<imm12>]
    row<STR_imm_T3>("STR (immediate) T3", kStoreSingle, thumb32_STR_imm_T3),
    // STR<c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]!
    row<STR_imm_T4>("STR (immediate) T4", kStoreSingle, thumb32_STR_imm_T4),
    // PUSH<c>.W <registers>  (one register)
    row<PUSH_T3>("PUSH T3", kStoreSingle, thumb32_PUSH_T3),
    // STRT<c> <Rt>, [<Rn>, #<imm8>]
    row<STRT_T1>("STRT T1", kStoreSingle, thumb32_STRT_T1),
    // STR<c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}]
    row<STR_reg_T2>("STR (register) T2", kStoreSingle, thumb32_STR_reg_T2),

    // --- A5.3.11 Data processing (shifted register) -----------------------------------------
    // AND{S}<c>.W <Rd>, <Rn>, <Rm>{, <shift>}
    row<AND_reg_T2>("AND (register) T2", kShiftedRegister, thumb32_AND_reg_T2),
    // TST<c>.W <Rn>, <Rm>{, <shift>}
    row<TST_reg_T2>("TST (register) T2", kShiftedRegister, thumb32_TST_reg_T2),
    // BIC{S}<c>.W <Rd>, <Rn>, <Rm>{, <shift>}
    row<BIC_reg_T2>("BIC (register) T2", kShiftedRegister, thumb32_BIC_reg_T2),
    // ORR{S}<c>.W <Rd>, <Rn>, <Rm>{, <shift>}
    row<ORR_reg_T2>("ORR (register) T2", kShiftedRegister, thumb32_ORR_reg_T2),
    // MOV{S}<c>.W <Rd>, <Rm>
    row<MOV_reg_T3>("MOV (register) T3", kShiftedRegister, thumb32_MOV_reg_T3),
    // LSL{S}<c>.W <Rd>, <Rm>, #<imm5>
    row<LSL_imm_T2>("LSL (immediate) T2", kShiftedRegister, thumb32_LSL_imm_T2),
    // LSR{S}<c>.W <Rd>, <Rm>, #<imm5>
    row<LSR_imm_T2>("LSR (immediate) T2", kShiftedRegister, thumb32_LSR_imm_T2),
    // ASR{S}<c>.W <Rd>, <Rm>, #<imm5>
    row<ASR_imm_T2>("ASR (immediate) T2", kShiftedRegister, thumb32_ASR_imm_T2),
    // ROR{S}<c> <Rd>, <Rm>, #<imm5>
    row<ROR_imm_T1>("ROR (immediate) T1", kShiftedRegister, thumb32_ROR_imm_T1),
    // RRX{S}<c> <Rd>, <Rm>
    row<RRX_T1>("RRX T1", kShiftedRegister, thumb32_RRX_T1),
    // ORN{S}<c> <Rd>, <Rn>, <Rm>{, <shift>}
    row<ORN_reg_T1>("ORN (register) T1", kShiftedRegister, thumb32_ORN_reg_T1),
    // MVN{S}<c>.W <Rd>, <Rm>{, <shift>}
    row<MVN_reg_T2>("MVN (register) T2", kShiftedRegister, thumb32_MVN_reg_T2),
    // EOR{S}<c>.W <Rd>, <Rn>, <Rm>{, <shift>}
    row<EOR_reg_T2>("EOR (register) T2", kShiftedRegister, thumb32_EOR_reg_T2),
    // TEQ<c> <Rn>, <Rm>{, <shift>}
    row<TEQ_reg_T1>("TEQ (register) T1", kShiftedRegister, thumb32_TEQ_reg_T1),
    // PKHBT<c> <Rd>, <Rn>, <Rm>{, LSL #<imm>} / PKHTB<c> <Rd>, <Rn>, <Rm>{, ASR #<imm>}
    row<PKHBT_T1>("PKHBT, PKHTB T1", kShiftedRegister, thumb32_PKHBT_T1),
    // ADD{S}<c>.W <Rd>, <Rn>, <Rm>{, <shift>}  (also ADD (SP plus register) T3)
    row<ADD_reg_T3>("ADD (register) T3", kShiftedRegister, thumb32_ADD_reg_T3),
    // CMN<c>.W <Rn>, <Rm>{, <shift>}
    row<CMN_reg_T2>("CMN (register) T2", kShiftedRegister, thumb32_CMN_reg_T2),
    // ADC{S}<c>.W <Rd>, <Rn>, <Rm>{, <shift>}
    row<ADC_reg_T2>("ADC (register) T2", kShiftedRegister, thumb32_ADC_reg_T2),
    // SBC{S}<c>.W <Rd>, <Rn>, <Rm>{, <shift>}
    row<SBC_reg_T2>("SBC (register) T2", kShiftedRegister, thumb32_SBC_reg_T2),
    // SUB{S}<c>.W <Rd>, <Rn>, <Rm>{, <shift>}  (also SUB (SP minus register) T1)
    row<SUB_reg_T2>("SUB (register) T2", kShiftedRegister, thumb32_SUB_reg_T2),
    // CMP<c>.W <Rn>, <Rm>{, <shift>}
    row<CMP_reg_T3>("CMP (register) T3", kShiftedRegister, thumb32_CMP_reg_T3),
    // RSB{S}<c> <Rd>, <Rn>, <Rm>{, <shift>}
    row<RSB_reg_T1>("RSB (register) T1", kShiftedRegister, thumb32_RSB_reg_T1),

    // --- A5.3.12 Data processing (register) -------------------------------------------------
    // LSL{S}<c>.W <Rd>, <Rn>, <Rm>
    row<LSL_reg_T2>("LSL (register) T2", kRegister, thumb32_LSL_reg_T2),
    // LSR{S}<c>.W <Rd>, <Rn>, <Rm>
    row<LSR_reg_T2>("LSR (register) T2", kRegister, thumb32_LSR_reg_T2),
    // ASR{S}<c>.W <Rd>, <Rn>, <Rm>
    row<ASR_reg_T2>("ASR (register) T2", kRegister, thumb32_ASR_reg_T2),
    // ROR{S}<c>.W <Rd>, <Rn>, <Rm>
    row<ROR_reg_T2>("ROR (register) T2", kRegister, thumb32_ROR_reg_T2),
    // SXTAH<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    row<SXTAH_T1>("SXTAH T1", kRegister, thumb32_SXTAH_T1),
    // SXTH<c>.W <Rd>, <Rm>{, <rotation>}
    row<SXTH_T2>("SXTH T2", kRegister, thumb32_SXTH_T2),
    // UXTAH<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    row<UXTAH_T1>("UXTAH T1", kRegister, thumb32_UXTAH_T1),
    // UXTH<c>.W <Rd>, <Rm>{, <rotation>}
    row<UXTH_T2>("UXTH T2", kRegister, thumb32_UXTH_T2),
    // SXTAB16<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    row<SXTAB16_T1>("SXTAB16 T1", kRegister, thumb32_SXTAB16_T1),
    // SXTB16<c> <Rd>, <Rm>{, <rotation>}
    row<SXTB16_T1>("SXTB16 T1", kRegister, thumb32_SXTB16_T1),
    // UXTAB16<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    row<UXTAB16_T1>("UXTAB16 T1", kRegister, thumb32_UXTAB16_T1),
    // UXTB16<c> <Rd>, <Rm>{, <rotation>}
    row<UXTB16_T1>("UXTB16 T1", kRegister, thumb32_UXTB16_T1),
    // SXTAB<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    row<SXTAB_T1>("SXTAB T1", kRegister, thumb32_SXTAB_T1),
    // SXTB<c>.W <Rd>, <Rm>{, <rotation>}
    row<SXTB_T2>("SXTB T2", kRegister, thumb32_SXTB_T2),
    // UXTAB<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    row<UXTAB_T1>("UXTAB T1", kRegister, thumb32_UXTAB_T1),
    // UXTB<c>.W <Rd>, <Rm>{, <rotation>}
    row<UXTB_T2>("UXTB T2", kRegister, thumb32_UXTB_T2),

    // --- A5.3.13 / A5.3.14 Parallel addition and subtraction (ARMv7E-M) ---------------------
    // <prefix>ADD16<c> <Rd>, <Rn>, <Rm>, and so on for ASX, SAX, SUB16, ADD8, SUB8
    row<SADD16_T1>("SADD16 T1", kParallelSigned, thumb32_SADD16_T1),
    row<SASX_T1>("SASX T1", kParallelSigned, thumb32_SASX_T1),
    row<SSAX_T1>("SSAX T1", kParallelSigned, thumb32_SSAX_T1),
    row<SSUB16_T1>("SSUB16 T1", kParallelSigned, thumb32_SSUB16_T1),
    row<SADD8_T1>("SADD8 T1", kParallelSigned, thumb32_SADD8_T1),
    row<SSUB8_T1>("SSUB8 T1", kParallelSigned, thumb32_SSUB8_T1),
    row<QADD16_T1>("QADD16 T1", kParallelSigned, thumb32_QADD16_T1),
    row<QASX_T1>("QASX T1", kParallelSigned, thumb32_QASX_T1),
    row<QSAX_T1>("QSAX T1", kParallelSigned, thumb32_QSAX_T1),
    row<QSUB16_T1>("QSUB16 T1", kParallelSigned, thumb32_QSUB16_T1),
    row<QADD8_T1>("QADD8 T1", kParallelSigned, thumb32_QADD8_T1),
    row<QSUB8_T1>("QSUB8 T1", kParallelSigned, thumb32_QSUB8_T1),
    row<SHADD16_T1>("SHADD16 T1", kParallelSigned, thumb32_SHADD16_T1),
    row<SHASX_T1>("SHASX T1", kParallelSigned, thumb32_SHASX_T1),
    row<SHSAX_T1>("SHSAX T1", kParallelSigned, thumb32_SHSAX_T1),
    row<SHSUB16_T1>("SHSUB16 T1", kParallelSigned, thumb32_SHSUB16_T1),
    row<SHADD8_T1>("SHADD8 T1", kParallelSigned, thumb32_SHADD8_T1),
    row<SHSUB8_T1>("SHSUB8 T1", kParallelSigned, thumb32_SHSUB8_T1),
    row<UADD16_T1>("UADD16 T1", kParallelUnsigned, thumb32_UADD16_T1),
    row<UASX_T1>("UASX T1", kParallelUnsigned, thumb32_UASX_T1),
    row<USAX_T1>("USAX T1", kParallelUnsigned, thumb32_USAX_T1),
    row<USUB16_T1>("USUB16 T1", kParallelUnsigned, thumb32_USUB16_T1),
    row<UADD8_T1>("UADD8 T1", kParallelUnsigned, thumb32_UADD8_T1),
    row<USUB8_T1>("USUB8 T1", kParallelUnsigned, thumb32_USUB8_T1),
    row<UQADD16_T1>("UQADD16 T1", kParallelUnsigned, thumb32_UQADD16_T1),
    row<UQASX_T1>("UQASX T1", kParallelUnsigned, thumb32_UQASX_T1),
    row<UQSAX_T1>("UQSAX T1", kParallelUnsigned, thumb32_UQSAX_T1),
    row<UQSUB16_T1>("UQSUB16 T1", kParallelUnsigned, thumb32_UQSUB16_T1),
    row<UQADD8_T1>("UQADD8 T1", kParallelUnsigned, thumb32_UQADD8_T1),
    row<UQSUB8_T1>("UQSUB8 T1", kParallelUnsigned, thumb32_UQSUB8_T1),
    row<UHADD16_T1>("UHADD16 T1", kParallelUnsigned, thumb32_UHADD16_T1),
    row<UHASX_T1>("UHASX T1", kParallelUnsigned, thumb32_UHASX_T1),
    row<UHSAX_T1>("UHSAX T1", kParallelUnsigned, thumb32_UHSAX_T1),
    row<UHSUB16_T1>("UHSUB16 T1", kParallelUnsigned, thumb32_UHSUB16_T1),
    row<UHADD8_T1>("UHADD8 T1", kParallelUnsigned, thumb32_UHADD8_T1),
    row<UHSUB8_T1>("UHSUB8 T1", kParallelUnsigned, thumb32_UHSUB8_T1),

    // --- A5.3.15 Miscellaneous operations ---------------------------------------------------
    // QADD<c> <Rd>, <Rm>, <Rn>  (ARMv7E-M)
    row<QADD_T1>("QADD T1", kMiscellaneous, thumb32_QADD_T1),
    // QDADD<c> <Rd>, <Rm>, <Rn>  (ARMv7E-M)
    row<QDADD_T1>("QDADD T1", kMiscellaneous, thumb32_QDADD_T1),
    // QSUB<c> <Rd>, <Rm>, <Rn>  (ARMv7E-M)
    row<QSUB_T1>("QSUB T1", kMiscellaneous, thumb32_QSUB_T1),
    // QDSUB<c> <Rd>, <Rm>, <Rn>  (ARMv7E-M)
    row<QDSUB_T1>("QDSUB T1", kMiscellaneous, thumb32_QDSUB_T1),
    // REV<c>.W <Rd>, <Rm>
    row<REV_T2>("REV T2", kMiscellaneous, thumb32_REV_T2),
    // REV16<c>.W <Rd>, <Rm>
    row<REV16_T2>("REV16 T2", kMiscellaneous, thumb32_REV16_T2),
    // RBIT<c> <Rd>, <Rm>
    row<RBIT_T1>("RBIT T1", kMiscellaneous, thumb32_RBIT_T1),
    // REVSH<c>.W <Rd>, <Rm>
    row<REVSH_T2>("REVSH T2", kMiscellaneous, thumb32_REVSH_T2),
    // SEL<c> <Rd>, <Rn>, <Rm>  (ARMv7E-M)
    row<SEL_T1>("SEL T1", kMiscellaneous, thumb32_SEL_T1),
    // CLZ<c> <Rd>, <Rm>
    row<CLZ_T1>("CLZ T1", kMiscellaneous, thumb32_CLZ_T1),

    // --- A5.3.16 Multiply, multiply accumulate, absolute difference -------------------------
    // MLA<c> <Rd>, <Rn>, <Rm>, <Ra>
    row<MLA_T1>("MLA T1", kMultiply, thumb32_MLA_T1),
    // MUL<c> <Rd>, <Rn>, <Rm>
    row<MUL_T2>("MUL T2", kMultiply, thumb32_MUL_T2),
    // MLS<c> <Rd>, <Rn>, <Rm>, <Ra>
    row<MLS_T1>("MLS T1", kMultiply, thumb32_MLS_T1),
    // SMLA<x><y><c> <Rd>, <Rn>, <Rm>, <Ra>  (ARMv7E-M)
    row<SMLAxy_T1>("SMLABB, SMLABT, SMLATB, SMLATT T1", kMultiply, thumb32_SMLAxy_T1),
    // SMUL<x><y><c> <Rd>, <Rn>, <Rm>  (ARMv7E-M)
    row<SMULxy_T1>("SMULBB, SMULBT, SMULTB, SMULTT T1", kMultiply, thumb32_SMULxy_T1),
    // SMLAD{X}<c> <Rd>, <Rn>, <Rm>, <Ra>  (ARMv7E-M)
    row<SMLAD_T1>("SMLAD T1", kMultiply, thumb32_SMLAD_T1),
    // SMUAD{X}<c> <Rd>, <Rn>, <Rm>  (ARMv7E-M)
    row<SMUAD_T1>("SMUAD T1", kMultiply, thumb32_SMUAD_T1),
    // SMLAW<y><c> <Rd>, <Rn>, <Rm>, <Ra>  (ARMv7E-M)
    row<SMLAWy_T1>("SMLAWB, SMLAWT T1", kMultiply, thumb32_SMLAWy_T1),
    // SMULW<y><c> <Rd>, <Rn>, <Rm>  (ARMv7E-M)
    row<SMULWy_T1>("SMULWB, SMULWT T1", kMultiply, thumb32_SMULWy_T1),
    // SMLSD{X}<c> <Rd>, <Rn>, <Rm>, <Ra>  (ARMv7E-M)
    row<SMLSD_T1>("SMLSD T1", kMultiply, thumb32_SMLSD_T1),
    // SMUSD{X}<c> <Rd>, <Rn>, <Rm>  (ARMv7E-M)
    row<SMUSD_T1>("SMUSD T1", kMultiply, thumb32_SMUSD_T1),
    // SMMLA{R}<c> <Rd>, <Rn>, <Rm>, <Ra>  (ARMv7E-M)
    row<SMMLA_T1>("SMMLA T1", kMultiply, thumb32_SMMLA_T1),
    // SMMUL{R}<c> <Rd>, <Rn>, <Rm>  (ARMv7E-M)
    row<SMMUL_T1>("SMMUL T1", kMultiply, thumb32_SMMUL_T1),
    // SMMLS{R}<c> <Rd>, <Rn>, <Rm>, <Ra>  (ARMv7E-M)
    row<SMMLS_T1>("SMMLS T1", kMultiply, thumb32_SMMLS_T1),
    // USADA8<c> <Rd>, <Rn>, <Rm>, <Ra>  (ARMv7E-M)
    row<USADA8_T1>("USADA8 T1", kMultiply, thumb32_USADA8_T1),
    // USAD8<c> <Rd>, <Rn>, <Rm>  (ARMv7E-M)
    row<USAD8_T1>("USAD8 T1", kMultiply, thumb32_USAD8_T1),

    // --- A5.3.17 Long multiply, long multiply accumulate, divide ----------------------------
    // SMULL<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    row<SMULL_T1>("SMULL T1", kLongMultiply, thumb32_SMULL_T1),
    // SDIV<c> <Rd>, <Rn>, <Rm>
    row<SDIV_T1>("SDIV T1", kLongMultiply, thumb32_SDIV_T1),
    // UMULL<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    row<UMULL_T1>("UMULL T1", kLongMultiply, thumb32_UMULL_T1),
    // UDIV<c> <Rd>, <Rn>, <Rm>
    row<UDIV_T1>("UDIV T1", kLongMultiply, thumb32_UDIV_T1),
    // SMLAL<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    row<SMLAL_T1>("SMLAL T1", kLongMultiply, thumb32_SMLAL_T1),
    // SMLAL<x><y><c> <RdLo>, <RdHi>, <Rn>, <Rm>  (ARMv7E-M)
    row<SMLALxy_T1>("SMLALBB, SMLALBT, SMLALTB, SMLALTT T1", kLongMultiply, thumb32_SMLALxy_T1),
    // SMLALD{X}<c> <RdLo>, <RdHi>, <Rn>, <Rm>  (ARMv7E-M)
    row<SMLALD_T1>("SMLALD T1", kLongMultiply, thumb32_SMLALD_T1),
    // SMLSLD{X}<c> <RdLo>, <RdHi>, <Rn>, <Rm>  (ARMv7E-M)
    row<SMLSLD_T1>("SMLSLD T1", kLongMultiply, thumb32_SMLSLD_T1),
    // UMLAL<c> <RdLo>, <RdHi>, <Rn>, <Rm>
    row<UMLAL_T1>("UMLAL T1", kLongMultiply, thumb32_UMLAL_T1),
    // UMAAL<c> <RdLo>, <RdHi>, <Rn>, <Rm>  (ARMv7E-M)
    row<UMAAL_T1>("UMAAL T1", kLongMultiply, thumb32_UMAAL_T1),

    // --- A5.3.18 Coprocessor instructions ---------------------------------------------------
    // CDP, MCR, MRC, MCRR, MRRC, LDC, STC and their "2" forms
    row<coprocessor>("coprocessor", kCoprocessor, thumb32_coprocessor),
};

constexpr auto kRows = concatenate(
    kEncodings,
    // LDR<c>.W <Rt>, <label>
    literal_hole_rows<LDR_lit_minus_T2>("LDR (literal) T2", kLoadWord, thumb32_LDR_lit_T2),
    // LDRB<c>.W <Rt>, <label>
    literal_hole_rows<LDRB_lit_minus_T1>("LDRB (literal) T1", kLoadByte, thumb32_LDRB_lit_T1),
    // LDRSB<c> <Rt>, <label>
    literal_hole_rows<LDRSB_lit_minus_T1>("LDRSB (literal) T1", kLoadByte, thumb32_LDRSB_lit_T1),
    // LDRH<c>.W <Rt>, <label>
    literal_hole_rows<LDRH_lit_minus_T1>("LDRH (literal) T1", kLoadHalfword, thumb32_LDRH_lit_T1),
    // LDRSH<c> <Rt>, <label>
    literal_hole_rows<LDRSH_lit_minus_T1>("LDRSH (literal) T1", kLoadHalfword,
                                          thumb32_LDRSH_lit_T1));

}  // namespace

std::span<const ThumbRow> thumb32_rows() {
  return kRows;
}

}  // namespace anvil::arm
