// Which decoded instructions the MIPS32 run loop executes without their handler (the segment
// handlers of mips_segment_ops.cpp), and their fields taken apart once, at decode time. The
// handlers in mips_*_ops.cpp stay the definition of each instruction; the inline forms do
// exactly what they do.
#include <array>
#include <span>

#include "cores/mips/mips_ops.h"

namespace anvil::mips {

namespace {

// Which register an inline form writes (its reads: FormReads), as its issue check records
// it.
enum class Writes : std::uint8_t { None, Rd, Rt, Link };

struct InlineForm {
  MipsHandler handler;
  InlineOp op;
  FormReads reads;
  Writes writes;
};

// The integer instructions compiled code runs most (loads, stores, address arithmetic,
// compares, the two-register branches), in the order of the bench programs' profiles.
constexpr InlineForm kInlineForms[] = {
    {&ops::LW, InlineOp::LW, FormReads::Base, Writes::Rt},
    {&ops::ADDIU, InlineOp::ADDIU, FormReads::Rs, Writes::Rt},
    {&ops::OR, InlineOp::OR, FormReads::RsRt, Writes::Rd},
    {&ops::SW, InlineOp::SW, FormReads::BaseData, Writes::None},
    {&ops::BNE, InlineOp::BNE, FormReads::RsRt, Writes::None},
    {&ops::BEQ, InlineOp::BEQ, FormReads::RsRt, Writes::None},
    {&ops::ADDU, InlineOp::ADDU, FormReads::RsRt, Writes::Rd},
    {&ops::SUBU, InlineOp::SUBU, FormReads::RsRt, Writes::Rd},
    {&ops::SLT, InlineOp::SLT, FormReads::RsRt, Writes::Rd},
    {&ops::SLTU, InlineOp::SLTU, FormReads::RsRt, Writes::Rd},
    {&ops::SLL, InlineOp::SLL, FormReads::Rt, Writes::Rd},
    {&ops::SRL, InlineOp::SRL, FormReads::Rt, Writes::Rd},
    {&ops::SRA, InlineOp::SRA, FormReads::Rt, Writes::Rd},
    {&ops::ANDI, InlineOp::ANDI, FormReads::Rs, Writes::Rt},
    {&ops::ORI, InlineOp::ORI, FormReads::Rs, Writes::Rt},
    {&ops::XORI, InlineOp::XORI, FormReads::Rs, Writes::Rt},
    {&ops::LUI, InlineOp::LUI, FormReads::None, Writes::Rt},
    {&ops::AND, InlineOp::AND, FormReads::RsRt, Writes::Rd},
    {&ops::XOR, InlineOp::XOR, FormReads::RsRt, Writes::Rd},
    {&ops::NOR, InlineOp::NOR, FormReads::RsRt, Writes::Rd},
    {&ops::SLTI, InlineOp::SLTI, FormReads::Rs, Writes::Rt},
    {&ops::SLTIU, InlineOp::SLTIU, FormReads::Rs, Writes::Rt},
    {&ops::LBU, InlineOp::LBU, FormReads::Base, Writes::Rt},
    {&ops::SB, InlineOp::SB, FormReads::BaseData, Writes::None},
    {&ops::LB, InlineOp::LB, FormReads::Base, Writes::Rt},
    {&ops::MUL, InlineOp::MUL, FormReads::RsRt, Writes::Rd},
    {&ops::PREF, InlineOp::PREF, FormReads::None, Writes::None},
    {&ops::MULT, InlineOp::MULT, FormReads::RsRt, Writes::None},
    {&ops::MULTU, InlineOp::MULTU, FormReads::RsRt, Writes::None},
    {&ops::MFHI, InlineOp::MFHI, FormReads::None, Writes::Rd},
    {&ops::MFLO, InlineOp::MFLO, FormReads::None, Writes::Rd},
    {&ops::JR, InlineOp::JR, FormReads::Rs, Writes::None},
    {&ops::JALR, InlineOp::JALR, FormReads::Rs, Writes::Rd},
    {&ops::JAL, InlineOp::JAL, FormReads::None, Writes::Link},
    {&ops::J, InlineOp::J, FormReads::None, Writes::None},
    {&ops::BLEZ, InlineOp::BLEZ, FormReads::Rs, Writes::None},
    {&ops::BGTZ, InlineOp::BGTZ, FormReads::Rs, Writes::None},
    {&ops::BLTZ, InlineOp::BLTZ, FormReads::Rs, Writes::None},
    {&ops::BGEZ, InlineOp::BGEZ, FormReads::Rs, Writes::None},
    {&ops::BGEZAL, InlineOp::BGEZAL, FormReads::Rs, Writes::Link},
    {&ops::BLTZAL, InlineOp::BLTZAL, FormReads::Rs, Writes::Link},
};

// The form's issue check agrees with the summary of this instruction (never otherwise for
// these forms; kept exact if it were: the instruction then goes to its handler and issue()).
bool issue_check_matches(const InlineForm& form, const DecodedMips& d, unsigned written,
                         const PipelineTiming& timing) {
  using Read = PipelineTiming::Read;
  const Read rs{d.rs, false}, rt{d.rt, false}, base{d.rs, true};
  std::array<Read, 2> reads{};
  unsigned count = 0;
  const auto read = [&](Read r) { reads[count++] = r; };
  const FormReads r = form.reads;
  if (r == FormReads::Rs || r == FormReads::RsRt) read(rs);
  if (r == FormReads::Base || r == FormReads::BaseData) read(base);
  if (r == FormReads::Rt || r == FormReads::RsRt || r == FormReads::BaseData) read(rt);
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
