// Which decoded instructions the MIPS32 run loop executes without their handler (the segment
// handlers of mips_segment_ops.cpp), and their fields taken apart once, at decode time. The
// handlers in mips_*_ops.cpp stay the definition of each instruction; the inline forms do
// exactly what they do.
#include <array>
#include <span>

#include "cores/mips/mips_ops.h"

namespace anvil::mips {

namespace {

// Which registers an inline form reads (as ALU operands, or rs as a load/store base) and
// which it writes: the issue check its segment handler makes (mips_segment_ops.cpp), which
// predecode_inline holds against the instruction's IssueSummary.
enum class Reads : std::uint8_t { None, Rs, Rt, RsRt, BaseRs, BaseRsDataRt };
enum class Writes : std::uint8_t { None, Rd, Rt, Link };

struct InlineForm {
  MipsHandler handler;
  InlineOp op;
  Reads reads;
  Writes writes;
};

// The integer instructions compiled code runs most (loads, stores, address arithmetic,
// compares, the two-register branches), in the order of the bench programs' profiles.
constexpr InlineForm kInlineForms[] = {
    {&ops::LW, InlineOp::LW, Reads::BaseRs, Writes::Rt},
    {&ops::ADDIU, InlineOp::ADDIU, Reads::Rs, Writes::Rt},
    {&ops::OR, InlineOp::OR, Reads::RsRt, Writes::Rd},
    {&ops::SW, InlineOp::SW, Reads::BaseRsDataRt, Writes::None},
    {&ops::BNE, InlineOp::BNE, Reads::RsRt, Writes::None},
    {&ops::BEQ, InlineOp::BEQ, Reads::RsRt, Writes::None},
    {&ops::ADDU, InlineOp::ADDU, Reads::RsRt, Writes::Rd},
    {&ops::SUBU, InlineOp::SUBU, Reads::RsRt, Writes::Rd},
    {&ops::SLT, InlineOp::SLT, Reads::RsRt, Writes::Rd},
    {&ops::SLTU, InlineOp::SLTU, Reads::RsRt, Writes::Rd},
    {&ops::SLL, InlineOp::SLL, Reads::Rt, Writes::Rd},
    {&ops::SRL, InlineOp::SRL, Reads::Rt, Writes::Rd},
    {&ops::SRA, InlineOp::SRA, Reads::Rt, Writes::Rd},
    {&ops::ANDI, InlineOp::ANDI, Reads::Rs, Writes::Rt},
    {&ops::ORI, InlineOp::ORI, Reads::Rs, Writes::Rt},
    {&ops::XORI, InlineOp::XORI, Reads::Rs, Writes::Rt},
    {&ops::LUI, InlineOp::LUI, Reads::None, Writes::Rt},
    {&ops::AND, InlineOp::AND, Reads::RsRt, Writes::Rd},
    {&ops::XOR, InlineOp::XOR, Reads::RsRt, Writes::Rd},
    {&ops::NOR, InlineOp::NOR, Reads::RsRt, Writes::Rd},
    {&ops::SLTI, InlineOp::SLTI, Reads::Rs, Writes::Rt},
    {&ops::SLTIU, InlineOp::SLTIU, Reads::Rs, Writes::Rt},
    {&ops::LBU, InlineOp::LBU, Reads::BaseRs, Writes::Rt},
    {&ops::SB, InlineOp::SB, Reads::BaseRsDataRt, Writes::None},
    {&ops::LB, InlineOp::LB, Reads::BaseRs, Writes::Rt},
    {&ops::MUL, InlineOp::MUL, Reads::RsRt, Writes::Rd},
    {&ops::PREF, InlineOp::PREF, Reads::None, Writes::None},
    {&ops::MULT, InlineOp::MULT, Reads::RsRt, Writes::None},
    {&ops::MULTU, InlineOp::MULTU, Reads::RsRt, Writes::None},
    {&ops::MFHI, InlineOp::MFHI, Reads::None, Writes::Rd},
    {&ops::MFLO, InlineOp::MFLO, Reads::None, Writes::Rd},
    {&ops::JR, InlineOp::JR, Reads::Rs, Writes::None},
    {&ops::JALR, InlineOp::JALR, Reads::Rs, Writes::Rd},
    {&ops::JAL, InlineOp::JAL, Reads::None, Writes::Link},
    {&ops::J, InlineOp::J, Reads::None, Writes::None},
    {&ops::BLEZ, InlineOp::BLEZ, Reads::Rs, Writes::None},
    {&ops::BGTZ, InlineOp::BGTZ, Reads::Rs, Writes::None},
    {&ops::BLTZ, InlineOp::BLTZ, Reads::Rs, Writes::None},
    {&ops::BGEZ, InlineOp::BGEZ, Reads::Rs, Writes::None},
    {&ops::BGEZAL, InlineOp::BGEZAL, Reads::Rs, Writes::Link},
    {&ops::BLTZAL, InlineOp::BLTZAL, Reads::Rs, Writes::Link},
};

// The form's issue check agrees with the summary of this instruction (never otherwise for
// these forms; kept exact if it were: the instruction then goes to its handler and issue()).
bool issue_check_matches(const InlineForm& form, const DecodedMips& d, unsigned written,
                         const PipelineTiming& timing) {
  using Read = PipelineTiming::Read;
  const Read rs{d.rs, false}, rt{d.rt, false}, base{d.rs, true};
  std::array<Read, 2> reads{};
  unsigned count = 0;
  switch (form.reads) {
    case Reads::None:
      break;
    case Reads::Rs:
      reads = {rs};
      count = 1;
      break;
    case Reads::Rt:
      reads = {rt};
      count = 1;
      break;
    case Reads::RsRt:
      reads = {rs, rt};
      count = 2;
      break;
    case Reads::BaseRs:
      reads = {base};
      count = 1;
      break;
    case Reads::BaseRsDataRt:
      reads = {base, rt};
      count = 2;
      break;
  }
  const bool load = form.op == InlineOp::LW || form.op == InlineOp::LBU || form.op == InlineOp::LB;
  return timing.summary_matches(d.timing, std::span(reads.data(), count), written, load);
}

void choose_inline_form(DecodedMips& d, const PipelineTiming* timing) {
  d.inline_op = InlineOp::None;
  const InlineForm* form = nullptr;
  for (const InlineForm& f : kInlineForms)
    if (f.handler == d.handler) form = &f;
  if (!form) return;
  const std::uint32_t insn = d.insn;
  d.rs = static_cast<GprNumber>(ops::rs(insn));
  d.rt = static_cast<GprNumber>(ops::rt(insn));
  d.rd = static_cast<GprNumber>(ops::rd(insn));
  const unsigned written = form->writes == Writes::Rd     ? d.rd
                           : form->writes == Writes::Rt   ? d.rt
                           : form->writes == Writes::Link ? 31
                                                          : 0;
  d.dest = static_cast<GprNumber>(written == 0 ? MipsCore::kDiscard : written);
  // The forms from MUL to PREF run the full issue check, so any summary agrees with them.
  const bool full_issue_check = form->op >= InlineOp::MUL && form->op <= InlineOp::PREF;
  if (timing && !full_issue_check && !issue_check_matches(*form, d, written, *timing)) return;
  d.inline_op = form->op;
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
    case InlineOp::BLTZAL:
    case InlineOp::BGEZAL:
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

}  // namespace

void predecode_inline(DecodedMips& d, const PipelineTiming* timing) {
  choose_inline_form(d, timing);
  choose_segment_handlers(d, timing != nullptr);
}

}  // namespace anvil::mips
