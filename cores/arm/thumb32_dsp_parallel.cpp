// ARMv7E-M parallel addition and subtraction (ARMv7-M ARM A5.3.13, A5.3.14): two halfword
// or four byte lanes added or subtracted at once, in six flavours — signed and unsigned
// (which set APSR.GE per lane), signed and unsigned saturating, signed and unsigned halving.
// ASX/SAX exchange the halfwords of Rm, adding in one lane and subtracting in the other.
#include "cores/arm/thumb32_dsp.h"

namespace anvil::arm {
namespace {

enum class Lanes { Add16, Asx, Sax, Sub16, Add8, Sub8 };
enum class Kind {
  Signed,              // S prefix: modulo result, GE
  SignedSaturating,    // Q prefix
  SignedHalving,       // SH prefix
  Unsigned,            // U prefix: modulo result, GE
  UnsignedSaturating,  // UQ prefix
  UnsignedHalving,     // UH prefix
};

bool is_signed(Kind kind) {
  return kind == Kind::Signed || kind == Kind::SignedSaturating || kind == Kind::SignedHalving;
}

std::int32_t lane_value(std::uint32_t reg, unsigned lane, unsigned width, bool sign) {
  const std::uint32_t bits = (reg >> (lane * width)) & ((1u << width) - 1);
  return sign ? encoding::sign_extend(bits, width) : static_cast<std::int32_t>(bits);
}

// Lane `lane` of the result: whether it subtracts, and which lane of Rm it uses.
struct LaneOp {
  bool subtract;
  unsigned m_lane;
};
LaneOp lane_op(Lanes lanes, unsigned lane) {
  switch (lanes) {
    case Lanes::Add16:
    case Lanes::Add8:
      return {false, lane};
    case Lanes::Sub16:
    case Lanes::Sub8:
      return {true, lane};
    case Lanes::Asx:
      return {lane == 0, 1 - lane};  // low: Rn.lo - Rm.hi; high: Rn.hi + Rm.lo
    case Lanes::Sax:
      return {lane == 1, 1 - lane};  // low: Rn.lo + Rm.hi; high: Rn.hi - Rm.lo
  }
  return {false, lane};
}

// The GE condition of the modulo forms: a signed lane is >= 0; an unsigned sum carries out;
// an unsigned difference does not borrow.
bool greater_or_equal(Kind kind, bool subtract, std::int32_t result, unsigned width) {
  if (kind == Kind::Unsigned && !subtract) return result >= (std::int32_t{1} << width);
  return result >= 0;
}

std::uint32_t lane_result(Kind kind, std::int32_t result, unsigned width) {
  switch (kind) {
    case Kind::SignedSaturating:
      return signed_sat_q(result, width).value;
    case Kind::UnsignedSaturating:
      return unsigned_sat_q(result, width).value;
    case Kind::SignedHalving:
    case Kind::UnsignedHalving:
      return static_cast<std::uint32_t>(result >> 1);
    default:
      return static_cast<std::uint32_t>(result);
  }
}

template <class E>
void parallel(ArmCpu& cpu, std::uint32_t insn, Lanes lanes, Kind kind) {
  const unsigned d = E::template field<'d'>(insn);
  if (!cpu.has_dsp()) return cpu.undefined();
  if (reject_pc(cpu, d)) return;
  const bool bytes = lanes == Lanes::Add8 || lanes == Lanes::Sub8;
  const unsigned width = bytes ? 8 : 16, count = 32 / width, ge_bits_per_lane = 4 / count;
  const std::uint32_t n = cpu.reg(E::template field<'n'>(insn));
  const std::uint32_t m = cpu.reg(E::template field<'m'>(insn));
  const bool sign = is_signed(kind);
  std::uint32_t value = 0;
  std::uint8_t ge = 0;
  for (unsigned lane = 0; lane < count; ++lane) {
    const LaneOp op = lane_op(lanes, lane);
    const std::int32_t a = lane_value(n, lane, width, sign);
    const std::int32_t b = lane_value(m, op.m_lane, width, sign);
    const std::int32_t result = op.subtract ? a - b : a + b;
    value |= (lane_result(kind, result, width) & ((1u << width) - 1)) << (lane * width);
    if (greater_or_equal(kind, op.subtract, result, width)) {
      ge |= static_cast<std::uint8_t>(((1u << ge_bits_per_lane) - 1) << (lane * ge_bits_per_lane));
    }
  }
  cpu.set_reg(d, value);
  if (kind == Kind::Signed || kind == Kind::Unsigned) cpu.flags.ge = ge;
}

}  // namespace

using namespace thumb32;

void thumb32_SADD16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SADD16_T1>(cpu, insn, Lanes::Add16, Kind::Signed);
}
void thumb32_SASX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SASX_T1>(cpu, insn, Lanes::Asx, Kind::Signed);
}
void thumb32_SSAX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SSAX_T1>(cpu, insn, Lanes::Sax, Kind::Signed);
}
void thumb32_SSUB16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SSUB16_T1>(cpu, insn, Lanes::Sub16, Kind::Signed);
}
void thumb32_SADD8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SADD8_T1>(cpu, insn, Lanes::Add8, Kind::Signed);
}
void thumb32_SSUB8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SSUB8_T1>(cpu, insn, Lanes::Sub8, Kind::Signed);
}
void thumb32_QADD16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<QADD16_T1>(cpu, insn, Lanes::Add16, Kind::SignedSaturating);
}
void thumb32_QASX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<QASX_T1>(cpu, insn, Lanes::Asx, Kind::SignedSaturating);
}
void thumb32_QSAX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<QSAX_T1>(cpu, insn, Lanes::Sax, Kind::SignedSaturating);
}
void thumb32_QSUB16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<QSUB16_T1>(cpu, insn, Lanes::Sub16, Kind::SignedSaturating);
}
void thumb32_QADD8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<QADD8_T1>(cpu, insn, Lanes::Add8, Kind::SignedSaturating);
}
void thumb32_QSUB8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<QSUB8_T1>(cpu, insn, Lanes::Sub8, Kind::SignedSaturating);
}
void thumb32_SHADD16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SHADD16_T1>(cpu, insn, Lanes::Add16, Kind::SignedHalving);
}
void thumb32_SHASX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SHASX_T1>(cpu, insn, Lanes::Asx, Kind::SignedHalving);
}
void thumb32_SHSAX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SHSAX_T1>(cpu, insn, Lanes::Sax, Kind::SignedHalving);
}
void thumb32_SHSUB16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SHSUB16_T1>(cpu, insn, Lanes::Sub16, Kind::SignedHalving);
}
void thumb32_SHADD8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SHADD8_T1>(cpu, insn, Lanes::Add8, Kind::SignedHalving);
}
void thumb32_SHSUB8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<SHSUB8_T1>(cpu, insn, Lanes::Sub8, Kind::SignedHalving);
}
void thumb32_UADD16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UADD16_T1>(cpu, insn, Lanes::Add16, Kind::Unsigned);
}
void thumb32_UASX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UASX_T1>(cpu, insn, Lanes::Asx, Kind::Unsigned);
}
void thumb32_USAX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<USAX_T1>(cpu, insn, Lanes::Sax, Kind::Unsigned);
}
void thumb32_USUB16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<USUB16_T1>(cpu, insn, Lanes::Sub16, Kind::Unsigned);
}
void thumb32_UADD8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UADD8_T1>(cpu, insn, Lanes::Add8, Kind::Unsigned);
}
void thumb32_USUB8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<USUB8_T1>(cpu, insn, Lanes::Sub8, Kind::Unsigned);
}
void thumb32_UQADD16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UQADD16_T1>(cpu, insn, Lanes::Add16, Kind::UnsignedSaturating);
}
void thumb32_UQASX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UQASX_T1>(cpu, insn, Lanes::Asx, Kind::UnsignedSaturating);
}
void thumb32_UQSAX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UQSAX_T1>(cpu, insn, Lanes::Sax, Kind::UnsignedSaturating);
}
void thumb32_UQSUB16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UQSUB16_T1>(cpu, insn, Lanes::Sub16, Kind::UnsignedSaturating);
}
void thumb32_UQADD8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UQADD8_T1>(cpu, insn, Lanes::Add8, Kind::UnsignedSaturating);
}
void thumb32_UQSUB8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UQSUB8_T1>(cpu, insn, Lanes::Sub8, Kind::UnsignedSaturating);
}
void thumb32_UHADD16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UHADD16_T1>(cpu, insn, Lanes::Add16, Kind::UnsignedHalving);
}
void thumb32_UHASX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UHASX_T1>(cpu, insn, Lanes::Asx, Kind::UnsignedHalving);
}
void thumb32_UHSAX_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UHSAX_T1>(cpu, insn, Lanes::Sax, Kind::UnsignedHalving);
}
void thumb32_UHSUB16_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UHSUB16_T1>(cpu, insn, Lanes::Sub16, Kind::UnsignedHalving);
}
void thumb32_UHADD8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UHADD8_T1>(cpu, insn, Lanes::Add8, Kind::UnsignedHalving);
}
void thumb32_UHSUB8_T1(ArmCpu& cpu, std::uint32_t insn) {
  parallel<UHSUB8_T1>(cpu, insn, Lanes::Sub8, Kind::UnsignedHalving);
}

}  // namespace anvil::arm
