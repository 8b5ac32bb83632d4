// The MIPS encoding tables: one row per instruction form, patterns as the manuals draw them
// (opcode 31:26, rs 25:21, rt 20:16, rd 15:11, sa 10:6, function 5:0). '-' marks bits the
// instruction ignores. Where patterns overlap, the more specific one wins
// (encoding::DecodeTable); a unit test checks that no two rows of a variant are ambiguous.
// Encodings with no row raise Reserved Instruction.
//
// MIPS I decodes by opcode and function alone (the R3000 ignores the other fields, as the
// reference vectors show); MIPS32 Release 2 gives some of those fields meanings (ROTR in
// SRL's rs field, the REGIMM rt values), so the two sets differ there.
#include <array>

#include "cores/mips/mips_ops.h"

namespace anvil::mips {

namespace {
using encoding::row;

constexpr std::array kCommonRows{
    // SPECIAL: arithmetic and logic — MIPS32 ISA, R30xx manual ch. 2
    row("ADD", "MIPS32 ISA ADD", "000000 sssss ttttt ddddd ----- 100000", &ops::ADD),
    row("ADDU", "MIPS32 ISA ADDU", "000000 sssss ttttt ddddd ----- 100001", &ops::ADDU),
    row("SUB", "MIPS32 ISA SUB", "000000 sssss ttttt ddddd ----- 100010", &ops::SUB),
    row("SUBU", "MIPS32 ISA SUBU", "000000 sssss ttttt ddddd ----- 100011", &ops::SUBU),
    row("AND", "MIPS32 ISA AND", "000000 sssss ttttt ddddd ----- 100100", &ops::AND),
    row("OR", "MIPS32 ISA OR", "000000 sssss ttttt ddddd ----- 100101", &ops::OR),
    row("XOR", "MIPS32 ISA XOR", "000000 sssss ttttt ddddd ----- 100110", &ops::XOR),
    row("NOR", "MIPS32 ISA NOR", "000000 sssss ttttt ddddd ----- 100111", &ops::NOR),
    row("SLT", "MIPS32 ISA SLT", "000000 sssss ttttt ddddd ----- 101010", &ops::SLT),
    row("SLTU", "MIPS32 ISA SLTU", "000000 sssss ttttt ddddd ----- 101011", &ops::SLTU),
    row("SLL", "MIPS32 ISA SLL", "000000 ----- ttttt ddddd aaaaa 000000", &ops::SLL),
    row("SRA", "MIPS32 ISA SRA", "000000 ----- ttttt ddddd aaaaa 000011", &ops::SRA),
    row("SLLV", "MIPS32 ISA SLLV", "000000 sssss ttttt ddddd ----- 000100", &ops::SLLV),
    row("SRAV", "MIPS32 ISA SRAV", "000000 sssss ttttt ddddd ----- 000111", &ops::SRAV),
    row("JR", "MIPS32 ISA JR", "000000 sssss ----- ----- ----- 001000", &ops::JR),
    row("JALR", "MIPS32 ISA JALR", "000000 sssss ----- ddddd ----- 001001", &ops::JALR),
    row("SYSCALL", "MIPS32 ISA SYSCALL", "000000 -------------------- 001100", &ops::SYSCALL),
    row("BREAK", "MIPS32 ISA BREAK", "000000 -------------------- 001101", &ops::BREAK),
    row("MFHI", "MIPS32 ISA MFHI", "000000 ----- ----- ddddd ----- 010000", &ops::MFHI),
    row("MTHI", "MIPS32 ISA MTHI", "000000 sssss ----- ----- ----- 010001", &ops::MTHI),
    row("MFLO", "MIPS32 ISA MFLO", "000000 ----- ----- ddddd ----- 010010", &ops::MFLO),
    row("MTLO", "MIPS32 ISA MTLO", "000000 sssss ----- ----- ----- 010011", &ops::MTLO),
    row("MULT", "MIPS32 ISA MULT", "000000 sssss ttttt ----- ----- 011000", &ops::MULT),
    row("MULTU", "MIPS32 ISA MULTU", "000000 sssss ttttt ----- ----- 011001", &ops::MULTU),
    row("DIV", "MIPS32 ISA DIV", "000000 sssss ttttt ----- ----- 011010", &ops::DIV),
    row("DIVU", "MIPS32 ISA DIVU", "000000 sssss ttttt ----- ----- 011011", &ops::DIVU),
    // Jumps and branches
    row("J", "MIPS32 ISA J", "000010 iiiiiiiiiiiiiiiiiiiiiiiiii", &ops::J),
    row("JAL", "MIPS32 ISA JAL", "000011 iiiiiiiiiiiiiiiiiiiiiiiiii", &ops::JAL),
    row("BEQ", "MIPS32 ISA BEQ", "000100 sssss ttttt iiiiiiiiiiiiiiii", &ops::BEQ),
    row("BNE", "MIPS32 ISA BNE", "000101 sssss ttttt iiiiiiiiiiiiiiii", &ops::BNE),
    row("BLEZ", "MIPS32 ISA BLEZ", "000110 sssss ----- iiiiiiiiiiiiiiii", &ops::BLEZ),
    row("BGTZ", "MIPS32 ISA BGTZ", "000111 sssss ----- iiiiiiiiiiiiiiii", &ops::BGTZ),
    // Immediate arithmetic and logic
    row("ADDI", "MIPS32 ISA ADDI", "001000 sssss ttttt iiiiiiiiiiiiiiii", &ops::ADDI),
    row("ADDIU", "MIPS32 ISA ADDIU", "001001 sssss ttttt iiiiiiiiiiiiiiii", &ops::ADDIU),
    row("SLTI", "MIPS32 ISA SLTI", "001010 sssss ttttt iiiiiiiiiiiiiiii", &ops::SLTI),
    row("SLTIU", "MIPS32 ISA SLTIU", "001011 sssss ttttt iiiiiiiiiiiiiiii", &ops::SLTIU),
    row("ANDI", "MIPS32 ISA ANDI", "001100 sssss ttttt iiiiiiiiiiiiiiii", &ops::ANDI),
    row("ORI", "MIPS32 ISA ORI", "001101 sssss ttttt iiiiiiiiiiiiiiii", &ops::ORI),
    row("XORI", "MIPS32 ISA XORI", "001110 sssss ttttt iiiiiiiiiiiiiiii", &ops::XORI),
    row("LUI", "MIPS32 ISA LUI", "001111 ----- ttttt iiiiiiiiiiiiiiii", &ops::LUI),
    // Loads and stores
    row("LB", "MIPS32 ISA LB", "100000 sssss ttttt iiiiiiiiiiiiiiii", &ops::LB),
    row("LH", "MIPS32 ISA LH", "100001 sssss ttttt iiiiiiiiiiiiiiii", &ops::LH),
    row("LWL", "MIPS32 ISA LWL", "100010 sssss ttttt iiiiiiiiiiiiiiii", &ops::LWL),
    row("LW", "MIPS32 ISA LW", "100011 sssss ttttt iiiiiiiiiiiiiiii", &ops::LW),
    row("LBU", "MIPS32 ISA LBU", "100100 sssss ttttt iiiiiiiiiiiiiiii", &ops::LBU),
    row("LHU", "MIPS32 ISA LHU", "100101 sssss ttttt iiiiiiiiiiiiiiii", &ops::LHU),
    row("LWR", "MIPS32 ISA LWR", "100110 sssss ttttt iiiiiiiiiiiiiiii", &ops::LWR),
    row("SB", "MIPS32 ISA SB", "101000 sssss ttttt iiiiiiiiiiiiiiii", &ops::SB),
    row("SH", "MIPS32 ISA SH", "101001 sssss ttttt iiiiiiiiiiiiiiii", &ops::SH),
    row("SWL", "MIPS32 ISA SWL", "101010 sssss ttttt iiiiiiiiiiiiiiii", &ops::SWL),
    row("SW", "MIPS32 ISA SW", "101011 sssss ttttt iiiiiiiiiiiiiiii", &ops::SW),
    row("SWR", "MIPS32 ISA SWR", "101110 sssss ttttt iiiiiiiiiiiiiiii", &ops::SWR),
    // Coprocessor 0 moves and the TLB (both levels)
    row("MFC0", "MIPS32 ISA MFC0", "010000 00000 ttttt ddddd -------- sss", &ops::MFC0),
    row("MTC0", "MIPS32 ISA MTC0", "010000 00100 ttttt ddddd -------- sss", &ops::MTC0),
    row("TLBR", "MIPS32 ISA TLBR", "010000 1 ------------------- 000001", &ops::TLBR),
    row("TLBWI", "MIPS32 ISA TLBWI", "010000 1 ------------------- 000010", &ops::TLBWI),
    row("TLBWR", "MIPS32 ISA TLBWR", "010000 1 ------------------- 000110", &ops::TLBWR),
    row("TLBP", "MIPS32 ISA TLBP", "010000 1 ------------------- 001000", &ops::TLBP),
    // Coprocessors 2 and 3 do not exist on these cores: Coprocessor Unusable.
    row("COP2", "MIPS32 PRA 6.2.12", "010010 --------------------------",
        &ops::coprocessor_missing),
    row("LWC2", "MIPS32 PRA 6.2.12", "110010 --------------------------",
        &ops::coprocessor_missing),
    row("SWC2", "MIPS32 PRA 6.2.12", "111010 --------------------------",
        &ops::coprocessor_missing),
};

constexpr std::array kMips1Rows{
    row("SRL", "R30xx manual SRL", "000000 ----- ttttt ddddd aaaaa 000010", &ops::SRL),
    row("SRLV", "R30xx manual SRLV", "000000 sssss ttttt ddddd ----- 000110", &ops::SRLV),
    // BcondZ: rt bit 0 chooses BGEZ/BLTZ and rt = 1000x links; the R3000 ignores the other
    // rt bits (the reference vectors exercise all 32 values).
    row("BcondZ", "R30xx manual BLTZ/BGEZ", "000001 sssss ttttt iiiiiiiiiiiiiiii",
        &ops::BcondZ_mips1),
    row("RFE", "R30xx manual RFE", "010000 1 ------------------- 010000", &ops::RFE),
    row("COP3", "R30xx manual 3.5", "010011 --------------------------", &ops::coprocessor_missing),
    row("LWC3", "R30xx manual 3.5", "110011 --------------------------", &ops::coprocessor_missing),
    row("SWC3", "R30xx manual 3.5", "111011 --------------------------", &ops::coprocessor_missing),
};

// CP1 on a MIPS I core without an FPU (the R3000 alone): Coprocessor Unusable.
constexpr std::array kMips1NoFpuRows{
    row("COP1 (no FPU)", "R30xx manual 3.5", "010001 --------------------------",
        &ops::coprocessor_missing),
    row("LWC1 (no FPU)", "R30xx manual 3.5", "110001 --------------------------",
        &ops::coprocessor_missing),
    row("SWC1 (no FPU)", "R30xx manual 3.5", "111001 --------------------------",
        &ops::coprocessor_missing),
};

constexpr std::array kMips32r2Rows{
    row("SRL", "MIPS32 ISA SRL", "000000 0000 0 ttttt ddddd aaaaa 000010", &ops::SRL),
    row("ROTR", "MIPS32 ISA ROTR", "000000 0000 1 ttttt ddddd aaaaa 000010", &ops::ROTR),
    row("SRLV", "MIPS32 ISA SRLV", "000000 sssss ttttt ddddd 0000 0 000110", &ops::SRLV),
    row("ROTRV", "MIPS32 ISA ROTRV", "000000 sssss ttttt ddddd 0000 1 000110", &ops::ROTRV),
    row("MOVZ", "MIPS32 ISA MOVZ", "000000 sssss ttttt ddddd 00000 001010", &ops::MOVZ),
    row("MOVN", "MIPS32 ISA MOVN", "000000 sssss ttttt ddddd 00000 001011", &ops::MOVN),
    row("SYNC", "MIPS32 ISA SYNC", "000000 00000 00000 00000 ----- 001111", &ops::SYNC),
    row("TGE", "MIPS32 ISA TGE", "000000 sssss ttttt ---------- 110000", &ops::TGE),
    row("TGEU", "MIPS32 ISA TGEU", "000000 sssss ttttt ---------- 110001", &ops::TGEU),
    row("TLT", "MIPS32 ISA TLT", "000000 sssss ttttt ---------- 110010", &ops::TLT),
    row("TLTU", "MIPS32 ISA TLTU", "000000 sssss ttttt ---------- 110011", &ops::TLTU),
    row("TEQ", "MIPS32 ISA TEQ", "000000 sssss ttttt ---------- 110100", &ops::TEQ),
    row("TNE", "MIPS32 ISA TNE", "000000 sssss ttttt ---------- 110110", &ops::TNE),
    // REGIMM
    row("BLTZ", "MIPS32 ISA BLTZ", "000001 sssss 00000 iiiiiiiiiiiiiiii", &ops::BLTZ),
    row("BGEZ", "MIPS32 ISA BGEZ", "000001 sssss 00001 iiiiiiiiiiiiiiii", &ops::BGEZ),
    row("BLTZL", "MIPS32 ISA BLTZL", "000001 sssss 00010 iiiiiiiiiiiiiiii", &ops::BLTZL),
    row("BGEZL", "MIPS32 ISA BGEZL", "000001 sssss 00011 iiiiiiiiiiiiiiii", &ops::BGEZL),
    row("TGEI", "MIPS32 ISA TGEI", "000001 sssss 01000 iiiiiiiiiiiiiiii", &ops::TGEI),
    row("TGEIU", "MIPS32 ISA TGEIU", "000001 sssss 01001 iiiiiiiiiiiiiiii", &ops::TGEIU),
    row("TLTI", "MIPS32 ISA TLTI", "000001 sssss 01010 iiiiiiiiiiiiiiii", &ops::TLTI),
    row("TLTIU", "MIPS32 ISA TLTIU", "000001 sssss 01011 iiiiiiiiiiiiiiii", &ops::TLTIU),
    row("TEQI", "MIPS32 ISA TEQI", "000001 sssss 01100 iiiiiiiiiiiiiiii", &ops::TEQI),
    row("TNEI", "MIPS32 ISA TNEI", "000001 sssss 01110 iiiiiiiiiiiiiiii", &ops::TNEI),
    row("BLTZAL", "MIPS32 ISA BLTZAL", "000001 sssss 10000 iiiiiiiiiiiiiiii", &ops::BLTZAL),
    row("BGEZAL", "MIPS32 ISA BGEZAL", "000001 sssss 10001 iiiiiiiiiiiiiiii", &ops::BGEZAL),
    row("BLTZALL", "MIPS32 ISA BLTZALL", "000001 sssss 10010 iiiiiiiiiiiiiiii", &ops::BLTZALL),
    row("BGEZALL", "MIPS32 ISA BGEZALL", "000001 sssss 10011 iiiiiiiiiiiiiiii", &ops::BGEZALL),
    row("SYNCI", "MIPS32 ISA SYNCI", "000001 sssss 11111 iiiiiiiiiiiiiiii", &ops::NOP),
    // Branch likely (MIPS II)
    row("BEQL", "MIPS32 ISA BEQL", "010100 sssss ttttt iiiiiiiiiiiiiiii", &ops::BEQL),
    row("BNEL", "MIPS32 ISA BNEL", "010101 sssss ttttt iiiiiiiiiiiiiiii", &ops::BNEL),
    row("BLEZL", "MIPS32 ISA BLEZL", "010110 sssss 00000 iiiiiiiiiiiiiiii", &ops::BLEZL),
    row("BGTZL", "MIPS32 ISA BGTZL", "010111 sssss 00000 iiiiiiiiiiiiiiii", &ops::BGTZL),
    // SPECIAL2
    row("MADD", "MIPS32 ISA MADD", "011100 sssss ttttt 00000 00000 000000", &ops::MADD),
    row("MADDU", "MIPS32 ISA MADDU", "011100 sssss ttttt 00000 00000 000001", &ops::MADDU),
    row("MUL", "MIPS32 ISA MUL", "011100 sssss ttttt ddddd 00000 000010", &ops::MUL),
    row("MSUB", "MIPS32 ISA MSUB", "011100 sssss ttttt 00000 00000 000100", &ops::MSUB),
    row("MSUBU", "MIPS32 ISA MSUBU", "011100 sssss ttttt 00000 00000 000101", &ops::MSUBU),
    // CLZ/CLO: the manual requires rt = rd; GCC always encodes it so, hardware ignores rt.
    row("CLZ", "MIPS32 ISA CLZ", "011100 sssss ----- ddddd 00000 100000", &ops::CLZ),
    row("CLO", "MIPS32 ISA CLO", "011100 sssss ----- ddddd 00000 100001", &ops::CLO),
    row("SDBBP", "MIPS32 EJTAG SDBBP", "011100 -------------------- 111111", &ops::SDBBP),
    // SPECIAL3 (Release 2)
    row("EXT", "MIPS32 ISA EXT", "011111 sssss ttttt mmmmm lllll 000000", &ops::EXT),
    row("INS", "MIPS32 ISA INS", "011111 sssss ttttt mmmmm lllll 000100", &ops::INS),
    row("WSBH", "MIPS32 ISA WSBH", "011111 00000 ttttt ddddd 00010 100000", &ops::WSBH),
    row("SEB", "MIPS32 ISA SEB", "011111 00000 ttttt ddddd 10000 100000", &ops::SEB),
    row("SEH", "MIPS32 ISA SEH", "011111 00000 ttttt ddddd 11000 100000", &ops::SEH),
    row("RDHWR", "MIPS32 ISA RDHWR", "011111 00000 ttttt ddddd 00000 111011", &ops::RDHWR),
    // Loads and stores added by MIPS II
    row("LL", "MIPS32 ISA LL", "110000 sssss ttttt iiiiiiiiiiiiiiii", &ops::LL),
    row("SC", "MIPS32 ISA SC", "111000 sssss ttttt iiiiiiiiiiiiiiii", &ops::SC),
    row("CACHE", "MIPS32 ISA CACHE", "101111 sssss ooooo iiiiiiiiiiiiiiii", &ops::CACHE),
    row("PREF", "MIPS32 ISA PREF", "110011 sssss hhhhh iiiiiiiiiiiiiiii", &ops::PREF),
    // COP0 (Release 2)
    row("ERET", "MIPS32 ISA ERET", "010000 1 0000000000000000000 011000", &ops::ERET),
    row("WAIT", "MIPS32 ISA WAIT", "010000 1 ------------------- 100000", &ops::WAIT),
    row("DI", "MIPS32 ISA DI", "010000 01011 ttttt 01100 00000 0 00 000", &ops::DI),
    row("EI", "MIPS32 ISA EI", "010000 01011 ttttt 01100 00000 1 00 000", &ops::EI),
    row("LDC2", "MIPS32 PRA 6.2.12", "110110 --------------------------",
        &ops::coprocessor_missing),
    row("SDC2", "MIPS32 PRA 6.2.12", "111110 --------------------------",
        &ops::coprocessor_missing),
};

// Without an FPU every CP1 instruction raises Coprocessor Unusable (CU1 cannot be set),
// which is how Linux knows to emulate it.
constexpr std::array kMips32NoFpuRows{
    row("COP1", "MIPS32 PRA 6.2.12", "010001 --------------------------",
        &ops::coprocessor_missing),
    row("LWC1", "MIPS32 PRA 6.2.12", "110001 --------------------------",
        &ops::coprocessor_missing),
    row("SWC1", "MIPS32 PRA 6.2.12", "111001 --------------------------",
        &ops::coprocessor_missing),
    row("LDC1", "MIPS32 PRA 6.2.12", "110101 --------------------------",
        &ops::coprocessor_missing),
    row("SDC1", "MIPS32 PRA 6.2.12", "111101 --------------------------",
        &ops::coprocessor_missing),
    row("COP1X", "MIPS32 PRA 6.2.12", "010011 --------------------------",
        &ops::coprocessor_missing),
    row("MOVCI", "MIPS32 PRA 6.2.12", "000000 sssss ccc 0 t ddddd 00000 000001",
        &ops::coprocessor_missing),
};

}  // namespace

std::span<const MipsRow> mips_common_rows() {
  return kCommonRows;
}
std::span<const MipsRow> mips1_rows() {
  return kMips1Rows;
}
std::span<const MipsRow> mips1_no_fpu_rows() {
  return kMips1NoFpuRows;
}
std::span<const MipsRow> mips32r2_rows() {
  return kMips32r2Rows;
}
std::span<const MipsRow> mips32_no_fpu_rows() {
  return kMips32NoFpuRows;
}

}  // namespace anvil::mips
