// The encoding rows the 68010, 68020, 68030 and 68040 add (PRM chapter 8 and Appendix A):
// new instructions, and 68000 instructions whose addressing modes widen on the 68020
// (tried before the 68000's row of the same pattern). CALLM/RTM (68020 only; no compiler
// emits them) have no row: they are illegal instructions here. The 68030's MMU
// instructions (PMOVE, PFLUSH, PTEST: cpID 0 F-line) stay Line-F as well; the FPU's cpID-1
// rows live with the FPU (m68k_fpu*.cpp).
#include "cores/common/encoding.h"
#include "cores/m68k/m68000_table.h"
#include "cores/m68k/m68020_handlers.h"

namespace anvil::m68k {

using namespace addressing;

namespace {

using encoding::parse_pattern;
constexpr CpuLevel k010 = CpuLevel::M68010, k020 = CpuLevel::M68020, k040 = CpuLevel::M68040;

const M68000Row kRows[] = {
    // 68010 (PRM Appendix A.2)
    {"MOVE from CCR", "PRM 4-123", parse_pattern("0100001011mmmrrr"), op_move_from_ccr,
     kDataAlterable, kNone, 0, k010},
    {"MOVEC", "PRM 6-23", parse_pattern("010011100111101d"), op_movec, kNone, kNone, 0, k010},
    {"MOVES", "PRM 6-25", parse_pattern("00001110ssmmmrrr"), op_moves, kMemoryAlterable, kNone,
     kSizeField, k010},
    {"RTD", "PRM 4-167", parse_pattern("0100111001110100"), op_rtd, kNone, kNone, 0, k010},
    {"BKPT", "PRM 4-55", parse_pattern("0100100001001vvv"), op_bkpt, kNone, kNone, 0, k010},
    // 68020 (PRM Appendix A.3): wider addressing modes of 68000 instructions
    {"TST (68020)", "PRM 4-192", parse_pattern("01001010ssmmmrrr"), op_tst, kAll, kNone,
     kSizeField | kNoByteAn, k020},
    {"CMPI (68020)", "PRM 4-79", parse_pattern("00001100ssmmmrrr"), op_immediate, kData & ~kImm,
     kNone, kSizeField, k020},
    // 68020 new instructions
    {"Bcc.L", "PRM 4-25", parse_pattern("0110cccc11111111"), op_bcc_long, kNone, kNone, 0, k020},
    {"BSR.L", "PRM 4-59", parse_pattern("0110000111111111"), op_bsr_long, kNone, kNone, 0, k020},
    {"CHK.L", "PRM 4-69", parse_pattern("0100ddd100mmmrrr"), op_chk_long, kData, kNone, 0, k020},
    {"EXTB.L", "PRM 4-106", parse_pattern("0100100111000rrr"), op_extb, kNone, kNone, 0, k020},
    {"LINK.L", "PRM 4-111", parse_pattern("0100100000001rrr"), op_link_long, kNone, kNone, 0, k020},
    {"MUL.L", "PRM 4-136", parse_pattern("0100110000mmmrrr"), op_mul_long, kData, kNone, 0, k020},
    {"DIV.L", "PRM 4-93", parse_pattern("0100110001mmmrrr"), op_div_long, kData, kNone, 0, k020},
    {"CHK2/CMP2.b", "PRM 4-72", parse_pattern("0000000011mmmrrr"), op_chk2_cmp2, kControl, kNone, 0,
     k020},
    {"CHK2/CMP2.w", "PRM 4-72", parse_pattern("0000001011mmmrrr"), op_chk2_cmp2, kControl, kNone, 0,
     k020},
    {"CHK2/CMP2.l", "PRM 4-72", parse_pattern("0000010011mmmrrr"), op_chk2_cmp2, kControl, kNone, 0,
     k020},
    {"CAS.b", "PRM 4-65", parse_pattern("0000101011mmmrrr"), op_cas, kMemoryAlterable, kNone, 0,
     k020},
    {"CAS.w", "PRM 4-65", parse_pattern("0000110011mmmrrr"), op_cas, kMemoryAlterable, kNone, 0,
     k020},
    {"CAS.l", "PRM 4-65", parse_pattern("0000111011mmmrrr"), op_cas, kMemoryAlterable, kNone, 0,
     k020},
    {"CAS2.w", "PRM 4-65", parse_pattern("0000110011111100"), op_cas2, kNone, kNone, 0, k020},
    {"CAS2.l", "PRM 4-65", parse_pattern("0000111011111100"), op_cas2, kNone, kNone, 0, k020},
    {"PACK", "PRM 4-157", parse_pattern("1000yyy10100mxxx"), op_pack, kNone, kNone, 0, k020},
    {"UNPK", "PRM 4-196", parse_pattern("1000yyy11000mxxx"), op_unpk, kNone, kNone, 0, k020},
    {"TRAPcc.w", "PRM 4-189", parse_pattern("0101cccc11111010"), op_trapcc, kNone, kNone, 0, k020},
    {"TRAPcc.l", "PRM 4-189", parse_pattern("0101cccc11111011"), op_trapcc, kNone, kNone, 0, k020},
    {"TRAPcc", "PRM 4-189", parse_pattern("0101cccc11111100"), op_trapcc, kNone, kNone, 0, k020},
    {"BFTST", "PRM 4-58", parse_pattern("1110100011mmmrrr"), op_bitfield, kDn | kControl, kNone, 0,
     k020},
    {"BFEXTU", "PRM 4-45", parse_pattern("1110100111mmmrrr"), op_bitfield, kDn | kControl, kNone, 0,
     k020},
    {"BFCHG", "PRM 4-33", parse_pattern("1110101011mmmrrr"), op_bitfield,
     kDn | (kControl & kAlterable), kNone, 0, k020},
    {"BFEXTS", "PRM 4-42", parse_pattern("1110101111mmmrrr"), op_bitfield, kDn | kControl, kNone, 0,
     k020},
    {"BFCLR", "PRM 4-36", parse_pattern("1110110011mmmrrr"), op_bitfield,
     kDn | (kControl & kAlterable), kNone, 0, k020},
    {"BFFFO", "PRM 4-48", parse_pattern("1110110111mmmrrr"), op_bitfield, kDn | kControl, kNone, 0,
     k020},
    {"BFSET", "PRM 4-55", parse_pattern("1110111011mmmrrr"), op_bitfield,
     kDn | (kControl & kAlterable), kNone, 0, k020},
    {"BFINS", "PRM 4-51", parse_pattern("1110111111mmmrrr"), op_bitfield,
     kDn | (kControl & kAlterable), kNone, 0, k020},
    // MC68040 (PRM Appendix A.5; 040 UM 4.5)
    {"MOVE16 (Ax)+,(Ay)+", "PRM 4-128a", parse_pattern("1111011000100xxx"), op_move16, kNone, kNone,
     0, k040},
    {"MOVE16 absolute", "PRM 4-128a", parse_pattern("11110110000ooyyy"), op_move16, kNone, kNone, 0,
     k040},
    {"CINV/CPUSH", "040 UM 4.5", parse_pattern("11110100cc-ssrrr"), op_cache_mmu_040, kNone, kNone,
     0, k040},
    {"PFLUSH", "040 UM 3", parse_pattern("11110101000oorrr"), op_cache_mmu_040, kNone, kNone, 0,
     k040},
    {"PTEST", "040 UM 3", parse_pattern("1111010101w01rrr"), op_cache_mmu_040, kNone, kNone, 0,
     k040},
};

}  // namespace

std::span<const M68000Row> m68020_rows() {
  return kRows;
}

}  // namespace anvil::m68k
