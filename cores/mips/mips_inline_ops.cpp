// Which decoded instructions the MIPS32 run loop executes inline (MipsCore::execute_inline),
// and their fields taken apart once, at decode time. The handlers in mips_*_ops.cpp stay the
// definition of each instruction; the inline forms do exactly what they do.
#include "cores/mips/mips_ops.h"

namespace anvil::mips {

namespace {

// Which register an inline form writes, and how many its issue check reads (the shape
// PipelineTiming::issue_integer takes; the MipsCore::execute_inline case for the form uses
// the same numbers).
enum class Writes : std::uint8_t { None, Rd, Rt, Link };

struct InlineForm {
  MipsHandler handler;
  InlineOp op;
  Writes writes;
  std::uint8_t reads;
};

// The integer instructions compiled code runs most (loads, stores, address arithmetic,
// compares, the two-register branches), in the order of the bench programs' profiles.
constexpr InlineForm kInlineForms[] = {
    {&ops::LW, InlineOp::LW, Writes::Rt, 1},       {&ops::ADDIU, InlineOp::ADDIU, Writes::Rt, 1},
    {&ops::OR, InlineOp::OR, Writes::Rd, 2},       {&ops::SW, InlineOp::SW, Writes::None, 2},
    {&ops::BNE, InlineOp::BNE, Writes::None, 2},   {&ops::BEQ, InlineOp::BEQ, Writes::None, 2},
    {&ops::ADDU, InlineOp::ADDU, Writes::Rd, 2},   {&ops::SUBU, InlineOp::SUBU, Writes::Rd, 2},
    {&ops::SLT, InlineOp::SLT, Writes::Rd, 2},     {&ops::SLTU, InlineOp::SLTU, Writes::Rd, 2},
    {&ops::SLL, InlineOp::SLL, Writes::Rd, 1},     {&ops::SRL, InlineOp::SRL, Writes::Rd, 1},
    {&ops::SRA, InlineOp::SRA, Writes::Rd, 1},     {&ops::ANDI, InlineOp::ANDI, Writes::Rt, 1},
    {&ops::ORI, InlineOp::ORI, Writes::Rt, 1},     {&ops::XORI, InlineOp::XORI, Writes::Rt, 1},
    {&ops::LUI, InlineOp::LUI, Writes::Rt, 0},     {&ops::AND, InlineOp::AND, Writes::Rd, 2},
    {&ops::XOR, InlineOp::XOR, Writes::Rd, 2},     {&ops::NOR, InlineOp::NOR, Writes::Rd, 2},
    {&ops::SLTI, InlineOp::SLTI, Writes::Rt, 1},   {&ops::SLTIU, InlineOp::SLTIU, Writes::Rt, 1},
    {&ops::LBU, InlineOp::LBU, Writes::Rt, 1},     {&ops::SB, InlineOp::SB, Writes::None, 2},
    {&ops::JR, InlineOp::JR, Writes::None, 1},     {&ops::JALR, InlineOp::JALR, Writes::Rd, 1},
    {&ops::JAL, InlineOp::JAL, Writes::Link, 0},   {&ops::J, InlineOp::J, Writes::None, 0},
    {&ops::BLEZ, InlineOp::BLEZ, Writes::None, 1}, {&ops::BGTZ, InlineOp::BGTZ, Writes::None, 1},
    {&ops::BLTZ, InlineOp::BLTZ, Writes::None, 1}, {&ops::BGEZ, InlineOp::BGEZ, Writes::None, 1},
};

}  // namespace

void predecode_inline(DecodedMips& d) {
  d.inline_op = InlineOp::None;
  const InlineForm* form = nullptr;
  for (const InlineForm& f : kInlineForms)
    if (f.handler == d.handler) form = &f;
  // A summary of another shape than the form's inline issue check (never for these forms;
  // kept exact if it were) leaves the instruction to its handler and issue().
  if (!form ||
      !PipelineTiming::fits_integer_issue(d.timing, form->reads, form->writes != Writes::None))
    return;
  d.inline_op = form->op;
  const std::uint32_t insn = d.insn;
  d.rs = static_cast<std::uint8_t>(ops::rs(insn));
  d.rt = static_cast<std::uint8_t>(ops::rt(insn));
  d.rd = static_cast<std::uint8_t>(ops::rd(insn));
  const unsigned written = form->writes == Writes::Rd     ? d.rd
                           : form->writes == Writes::Rt   ? d.rt
                           : form->writes == Writes::Link ? 31
                                                          : 0;
  d.dest = written == 0 ? MipsCore::kDiscard : static_cast<std::uint8_t>(written);
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
