// The 16-bit Thumb encoding table (ARMv7-M ARM A5.2): one row per instruction form. Where
// patterns overlap, the more specific one wins (encoding::DecodeTable); a unit test checks
// that no two rows are ambiguous. Encodings with no row are UNDEFINED (UsageFault).
#include <array>

#include "cores/arm/thumb16_handlers.h"

namespace anvil::arm {

namespace {
using encoding::row;
namespace t = thumb16;

constexpr std::array kThumb16Rows{
    // Shift (immediate), add, subtract, move and compare — A5.2.1
    row("LSL (immediate)", "A7.7.67 T1", "00000iiiiimmmddd", &t::LSL_imm),
    row("LSR (immediate)", "A7.7.69 T1", "00001iiiiimmmddd", &t::LSR_imm),
    row("ASR (immediate)", "A7.7.10 T1", "00010iiiiimmmddd", &t::ASR_imm),
    row("ADD (register)", "A7.7.4 T1", "0001100mmmnnnddd", &t::ADD_reg),
    row("SUB (register)", "A7.7.172 T1", "0001101mmmnnnddd", &t::SUB_reg),
    row("ADD (immediate)", "A7.7.3 T1", "0001110iiinnnddd", &t::ADD_imm3),
    row("SUB (immediate)", "A7.7.171 T1", "0001111iiinnnddd", &t::SUB_imm3),
    row("MOV (immediate)", "A7.7.75 T1", "00100dddiiiiiiii", &t::MOV_imm),
    row("CMP (immediate)", "A7.7.27 T1", "00101nnniiiiiiii", &t::CMP_imm),
    row("ADD (immediate)", "A7.7.3 T2", "00110dddiiiiiiii", &t::ADD_imm8),
    row("SUB (immediate)", "A7.7.171 T2", "00111dddiiiiiiii", &t::SUB_imm8),
    // Data processing — A5.2.2
    row("AND (register)", "A7.7.9 T1", "0100000000mmmddd", &t::AND_reg),
    row("EOR (register)", "A7.7.36 T1", "0100000001mmmddd", &t::EOR_reg),
    row("LSL (register)", "A7.7.68 T1", "0100000010mmmddd", &t::LSL_reg),
    row("LSR (register)", "A7.7.70 T1", "0100000011mmmddd", &t::LSR_reg),
    row("ASR (register)", "A7.7.11 T1", "0100000100mmmddd", &t::ASR_reg),
    row("ADC (register)", "A7.7.2 T1", "0100000101mmmddd", &t::ADC_reg),
    row("SBC (register)", "A7.7.125 T1", "0100000110mmmddd", &t::SBC_reg),
    row("ROR (register)", "A7.7.117 T1", "0100000111mmmddd", &t::ROR_reg),
    row("TST (register)", "A7.7.189 T1", "0100001000mmmnnn", &t::TST_reg),
    row("RSB (immediate)", "A7.7.119 T1", "0100001001nnnddd", &t::RSB_imm),
    row("CMP (register)", "A7.7.28 T1", "0100001010mmmnnn", &t::CMP_reg),
    row("CMN (register)", "A7.7.26 T1", "0100001011mmmnnn", &t::CMN_reg),
    row("ORR (register)", "A7.7.92 T1", "0100001100mmmddd", &t::ORR_reg),
    row("MUL", "A7.7.84 T1", "0100001101nnnddd", &t::MUL),
    row("BIC (register)", "A7.7.16 T1", "0100001110mmmddd", &t::BIC_reg),
    row("MVN (register)", "A7.7.86 T1", "0100001111mmmddd", &t::MVN_reg),
    // Special data instructions and branch and exchange — A5.2.3
    row("ADD (register)", "A7.7.4 T2", "01000100dmmmmddd", &t::ADD_reg_high),
    row("CMP (register)", "A7.7.28 T2", "01000101nmmmmnnn", &t::CMP_reg_high),
    row("MOV (register)", "A7.7.76 T1", "01000110dmmmmddd", &t::MOV_reg_high),
    // Bits the manual marks (0) (should be zero, UNPREDICTABLE otherwise) are don't-care here
    // wherever the GNU disassembler accepts them too (BX, BLX bit 2, CPS bit 2).
    row("BX", "A7.7.20 T1", "010001110mmmm---", &t::BX),
    row("BLX (register)", "A7.7.19 T1", "010001111mmmm-00", &t::BLX_reg),
    // Load from literal pool — A7.7.43
    row("LDR (literal)", "A7.7.43 T1", "01001tttiiiiiiii", &t::LDR_literal),
    // Load/store single data item — A5.2.4
    row("STR (register)", "A7.7.159 T1", "0101000mmmnnnttt", &t::STR_reg),
    row("STRH (register)", "A7.7.166 T1", "0101001mmmnnnttt", &t::STRH_reg),
    row("STRB (register)", "A7.7.161 T1", "0101010mmmnnnttt", &t::STRB_reg),
    row("LDRSB (register)", "A7.7.61 T1", "0101011mmmnnnttt", &t::LDRSB_reg),
    row("LDR (register)", "A7.7.44 T1", "0101100mmmnnnttt", &t::LDR_reg),
    row("LDRH (register)", "A7.7.57 T1", "0101101mmmnnnttt", &t::LDRH_reg),
    row("LDRB (register)", "A7.7.48 T1", "0101110mmmnnnttt", &t::LDRB_reg),
    row("LDRSH (register)", "A7.7.65 T1", "0101111mmmnnnttt", &t::LDRSH_reg),
    row("STR (immediate)", "A7.7.158 T1", "01100iiiiinnnttt", &t::STR_imm),
    row("LDR (immediate)", "A7.7.42 T1", "01101iiiiinnnttt", &t::LDR_imm),
    row("STRB (immediate)", "A7.7.160 T1", "01110iiiiinnnttt", &t::STRB_imm),
    row("LDRB (immediate)", "A7.7.46 T1", "01111iiiiinnnttt", &t::LDRB_imm),
    row("STRH (immediate)", "A7.7.165 T1", "10000iiiiinnnttt", &t::STRH_imm),
    row("LDRH (immediate)", "A7.7.55 T1", "10001iiiiinnnttt", &t::LDRH_imm),
    row("STR (immediate)", "A7.7.158 T2", "10010tttiiiiiiii", &t::STR_sp),
    row("LDR (immediate)", "A7.7.42 T2", "10011tttiiiiiiii", &t::LDR_sp),
    // PC- and SP-relative addresses — A7.7.7, A7.7.5
    row("ADR", "A7.7.7 T1", "10100dddiiiiiiii", &t::ADR),
    row("ADD (SP plus immediate)", "A7.7.5 T1", "10101dddiiiiiiii", &t::ADD_sp_imm_rd),
    // Miscellaneous 16-bit instructions — A5.2.5
    row("ADD (SP plus immediate)", "A7.7.5 T2", "101100000iiiiiii", &t::ADD_sp_imm),
    row("SUB (SP minus immediate)", "A7.7.173 T1", "101100001iiiiiii", &t::SUB_sp_imm),
    row("CBNZ, CBZ", "A7.7.21 T1", "1011o0i1iiiiinnn", &t::CBZ_CBNZ),
    row("SXTH", "A7.7.184 T1", "1011001000mmmddd", &t::SXTH),
    row("SXTB", "A7.7.182 T1", "1011001001mmmddd", &t::SXTB),
    row("UXTH", "A7.7.223 T1", "1011001010mmmddd", &t::UXTH),
    row("UXTB", "A7.7.221 T1", "1011001011mmmddd", &t::UXTB),
    row("PUSH", "A7.7.99 T1", "1011010mrrrrrrrr", &t::PUSH),
    row("CPS", "B5.2.1 T1", "10110110011e0-if", &t::CPS),
    row("REV", "A7.7.113 T1", "1011101000mmmddd", &t::REV),
    row("REV16", "A7.7.114 T1", "1011101001mmmddd", &t::REV16),
    row("REVSH", "A7.7.115 T1", "1011101011mmmddd", &t::REVSH),
    row("POP", "A7.7.98 T1", "1011110prrrrrrrr", &t::POP),
    row("BKPT", "A7.7.17 T1", "10111110iiiiiiii", &t::BKPT),
    row("IT", "A7.7.38 T1", "10111111ccccmmmm", &t::IT),
    // If-Then and hints — A5.2.5, Table A5-9 (mask 0000: hints; unallocated ones are NOPs)
    row("NOP-compatible hint", "A5.2.5", "10111111----0000", &t::NOP),
    row("NOP", "A7.7.88 T1", "1011111100000000", &t::NOP),
    row("YIELD", "A7.7.263 T1", "1011111100010000", &t::YIELD),
    row("WFE", "A7.7.261 T1", "1011111100100000", &t::WFE),
    row("WFI", "A7.7.262 T1", "1011111100110000", &t::WFI),
    row("SEV", "A7.7.129 T1", "1011111101000000", &t::SEV),
    // Load/store multiple — A7.7.156, A7.7.40
    row("STM", "A7.7.156 T1", "11000nnnrrrrrrrr", &t::STM),
    row("LDM", "A7.7.40 T1", "11001nnnrrrrrrrr", &t::LDM),
    // Conditional branch and supervisor call — A5.2.6
    row("B", "A7.7.12 T1", "1101cccciiiiiiii", &t::B_cond),
    row("UDF", "A7.7.194 T1", "11011110iiiiiiii", &t::UDF),
    row("SVC", "A7.7.175 T1", "11011111iiiiiiii", &t::SVC),
    // Unconditional branch — A7.7.12
    row("B", "A7.7.12 T2", "11100iiiiiiiiiii", &t::B),
};
}  // namespace

std::span<const ThumbRow> thumb16_rows() {
  return kThumb16Rows;
}

}  // namespace anvil::arm
