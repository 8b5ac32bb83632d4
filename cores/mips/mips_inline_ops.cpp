// Which decoded instructions the MIPS32 run loop executes inline (MipsCore::execute_inline),
// and their fields taken apart once, at decode time. The handlers in mips_*_ops.cpp stay the
// definition of each instruction; the inline forms do exactly what they do.
#include "cores/mips/mips_ops.h"

namespace anvil::mips {

namespace {

struct InlineForm {
  MipsHandler handler;
  InlineOp op;
};

// The integer instructions compiled code runs most (loads, stores, address arithmetic,
// compares, the two-register branches), in the order of the bench programs' profiles.
constexpr InlineForm kInlineForms[] = {
    {&ops::LW, InlineOp::LW},       {&ops::ADDIU, InlineOp::ADDIU}, {&ops::OR, InlineOp::OR},
    {&ops::SW, InlineOp::SW},       {&ops::BNE, InlineOp::BNE},     {&ops::BEQ, InlineOp::BEQ},
    {&ops::ADDU, InlineOp::ADDU},   {&ops::SUBU, InlineOp::SUBU},   {&ops::SLT, InlineOp::SLT},
    {&ops::SLTU, InlineOp::SLTU},   {&ops::SLL, InlineOp::SLL},     {&ops::SRL, InlineOp::SRL},
    {&ops::SRA, InlineOp::SRA},     {&ops::ANDI, InlineOp::ANDI},   {&ops::ORI, InlineOp::ORI},
    {&ops::XORI, InlineOp::XORI},   {&ops::LUI, InlineOp::LUI},     {&ops::AND, InlineOp::AND},
    {&ops::XOR, InlineOp::XOR},     {&ops::NOR, InlineOp::NOR},     {&ops::SLTI, InlineOp::SLTI},
    {&ops::SLTIU, InlineOp::SLTIU}, {&ops::LBU, InlineOp::LBU},     {&ops::SB, InlineOp::SB},
    {&ops::JR, InlineOp::JR},       {&ops::JALR, InlineOp::JALR},   {&ops::JAL, InlineOp::JAL},
    {&ops::J, InlineOp::J},         {&ops::BLEZ, InlineOp::BLEZ},   {&ops::BGTZ, InlineOp::BGTZ},
    {&ops::BLTZ, InlineOp::BLTZ},   {&ops::BGEZ, InlineOp::BGEZ},
};

}  // namespace

void predecode_inline(DecodedMips& d) {
  d.inline_op = InlineOp::None;
  for (const InlineForm& form : kInlineForms)
    if (form.handler == d.handler) d.inline_op = form.op;
  if (d.inline_op == InlineOp::None) return;
  const std::uint32_t insn = d.insn;
  d.rs = static_cast<std::uint8_t>(ops::rs(insn));
  d.rt = static_cast<std::uint8_t>(ops::rt(insn));
  d.rd = static_cast<std::uint8_t>(ops::rd(insn));
  switch (d.inline_op) {
    case InlineOp::SLL:
    case InlineOp::SRL:
    case InlineOp::SRA:
      d.immediate = ops::sa(insn);
      break;
    case InlineOp::ANDI:
    case InlineOp::ORI:
    case InlineOp::XORI:
      d.immediate = ops::imm_unsigned(insn);  // the logical immediates are zero-extended
      break;
    case InlineOp::LUI:
      d.immediate = ops::imm_unsigned(insn) << 16;
      break;
    case InlineOp::BEQ:
    case InlineOp::BNE:
    case InlineOp::BLEZ:
    case InlineOp::BGTZ:
    case InlineOp::BLTZ:
    case InlineOp::BGEZ:
      d.immediate = ops::imm_signed(insn) << 2;  // from the delay slot's address
      break;
    case InlineOp::J:
    case InlineOp::JAL:
      d.immediate = (insn & 0x03FFFFFFu) << 2;  // within the delay slot's 256 MiB region
      break;
    default:
      d.immediate = ops::imm_signed(insn);
      break;
  }
}

}  // namespace anvil::mips
