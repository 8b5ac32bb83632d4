// Which op runs a decoded instruction (arm_a_decoded_ops.h): one table per instruction set
// maps a row's handler to a chooser, which checks that the operands are ones the specialised
// op handles like the handler does, fills the entry's pre-decoded fields and returns the op;
// null keeps the handler. The fields are read with the same Encoding layouts the handlers use.
#include "cores/arm/arm_a_decoded_ops.h"

#include <array>

#include "cores/arm/a32_data_processing.h"
#include "cores/arm/a32_handlers.h"
#include "cores/arm/thumb16_handlers.h"
#include "cores/arm/thumb32_control.h"
#include "cores/arm/thumb32_data_processing.h"
#include "cores/arm/thumb32_load_store.h"
#include "cores/arm/thumb32_multiply_divide.h"

namespace anvil::arm {

namespace {

using Ops = DecodedOps;
using Chooser = DecodedOp (*)(DecodedArm& d);
struct Choice {
  ThumbHandler handler;
  Chooser choose;
};

template <std::size_t N>
DecodedOp choose_from(const std::array<Choice, N>& choices, DecodedArm& d) {
  for (const Choice& c : choices)
    if (c.handler == d.handler) return c.choose(d);
  return nullptr;
}

// ---------------------------------------------------------------------------------------
// 16-bit Thumb (ARMv7-M ARM A5.2): registers R0-R7 in 3-bit fields unless noted.
// ---------------------------------------------------------------------------------------

constexpr std::uint8_t low_reg(std::uint32_t insn, unsigned lsb) {
  return static_cast<std::uint8_t>((insn >> lsb) & 7);
}
// The 4-bit register of the special data forms (A5.2.3): D:Rd or N:Rn in bits 7 and 2:0.
constexpr std::uint8_t high_reg(std::uint32_t insn) {
  return static_cast<std::uint8_t>(((insn >> 4) & 8) | (insn & 7));
}
constexpr std::uint8_t rm_4bit(std::uint32_t insn) {
  return static_cast<std::uint8_t>((insn >> 3) & 0xF);
}

// Load and store multiple, both widths: an empty list (and, for the 32-bit loads, PC and LR
// together) is UNPREDICTABLE, Rn = PC too: the handlers' cases.
template <bool Load, bool DecrementBefore>
DecodedOp multiple(DecodedArm& d, unsigned n, std::uint32_t list, bool writeback) {
  d.n = static_cast<std::uint8_t>(n);
  d.imm = list;
  d.m = static_cast<std::uint8_t>(bit_count(list));
  d.form = writeback ? 1 : 0;
  if (n == 15 || list == 0 || (list & 0xC000) == 0xC000) return nullptr;
  return &Ops::transfer_multiple<Load, DecrementBefore>;
}

// Rt in 2:0, Rn in 5:3, Rm in 8:6 (A5.2.4 register offset).
template <DecodedOp Op>
DecodedOp register_offset(DecodedArm& d) {
  d.d = low_reg(d.insn, 0);
  d.n = low_reg(d.insn, 3);
  d.m = low_reg(d.insn, 6);
  return Op;
}
// Rt in 2:0, Rn in 5:3, imm5 scaled (A5.2.4 immediate offset).
template <DecodedOp Op, unsigned Scale>
DecodedOp immediate_offset(DecodedArm& d) {
  d.d = low_reg(d.insn, 0);
  d.n = low_reg(d.insn, 3);
  d.imm = ((d.insn >> 6) & 0x1F) * Scale;
  return Op;
}
// Rt in 10:8, [SP, #imm8:'00'] (A7.7.42 T2, A7.7.158 T2).
template <DecodedOp Op>
DecodedOp sp_offset(DecodedArm& d) {
  d.d = low_reg(d.insn, 8);
  d.n = 13;
  d.imm = (d.insn & 0xFF) << 2;
  return Op;
}
// Rd in 2:0, Rn in 5:3, Rm (or imm3) in 8:6 (A5.2.1 three-register forms).
template <DecodedOp Op>
DecodedOp three_registers(DecodedArm& d) {
  d.d = low_reg(d.insn, 0);
  d.n = low_reg(d.insn, 3);
  d.m = low_reg(d.insn, 6);
  d.imm = d.m;
  return Op;
}
// Rdn in 10:8 and imm8 (A5.2.1 MOV, CMP, ADD, SUB immediate).
template <DecodedOp Op>
DecodedOp register_imm8(DecodedArm& d) {
  d.d = d.n = low_reg(d.insn, 8);
  d.imm = d.insn & 0xFF;
  return Op;
}
// Rdn (also Rn of the tests) in 2:0, Rm in 5:3 (A5.2.2).
template <DecodedOp Op>
DecodedOp two_registers(DecodedArm& d) {
  d.d = d.n = low_reg(d.insn, 0);
  d.m = low_reg(d.insn, 3);
  return Op;
}
template <unsigned Type>
DecodedOp shift_immediate(DecodedArm& d) {
  const ImmShift s = decode_imm_shift(Type, (d.insn >> 6) & 0x1F);
  d.d = low_reg(d.insn, 0);
  d.m = low_reg(d.insn, 3);
  d.form = static_cast<std::uint8_t>(s.type);
  d.imm = s.amount;
  return &Ops::t16_shift_immediate;
}
// The special data forms with PC as an operand write or read the PC: the handler's.
template <DecodedOp Op>
DecodedOp high_registers(DecodedArm& d) {
  d.d = d.n = high_reg(d.insn);
  d.m = rm_4bit(d.insn);
  return d.d == 15 || d.m == 15 ? nullptr : Op;
}
template <DecodedOp Op>
DecodedOp branch_register(DecodedArm& d) {
  d.m = rm_4bit(d.insn);
  return d.m == 15 ? nullptr : Op;
}
// `imm` of a Thumb branch: the displacement from this instruction, PC reading 4 ahead.
std::uint32_t from_here(std::int32_t offset) {
  return 4 + static_cast<std::uint32_t>(offset);
}

constexpr std::array kThumb16Choices{
    Choice{&thumb16::LSL_imm, &shift_immediate<0>},
    Choice{&thumb16::LSR_imm, &shift_immediate<1>},
    Choice{&thumb16::ASR_imm, &shift_immediate<2>},
    Choice{&thumb16::ADD_reg, &three_registers<&Ops::t16_add_subtract<false, true, false>>},
    Choice{&thumb16::SUB_reg, &three_registers<&Ops::t16_add_subtract<true, true, false>>},
    Choice{&thumb16::ADD_imm3, &three_registers<&Ops::t16_add_subtract<false, false, false>>},
    Choice{&thumb16::SUB_imm3, &three_registers<&Ops::t16_add_subtract<true, false, false>>},
    Choice{&thumb16::MOV_imm, &register_imm8<&Ops::t16_move_immediate>},
    Choice{&thumb16::CMP_imm, &register_imm8<&Ops::t16_add_subtract<true, false, true>>},
    Choice{&thumb16::ADD_imm8, &register_imm8<&Ops::t16_add_subtract<false, false, false>>},
    Choice{&thumb16::SUB_imm8, &register_imm8<&Ops::t16_add_subtract<true, false, false>>},
    Choice{&thumb16::AND_reg, &two_registers<&Ops::t16_logical<Logic::And>>},
    Choice{&thumb16::EOR_reg, &two_registers<&Ops::t16_logical<Logic::Eor>>},
    Choice{&thumb16::ORR_reg, &two_registers<&Ops::t16_logical<Logic::Orr>>},
    Choice{&thumb16::BIC_reg, &two_registers<&Ops::t16_logical<Logic::Bic>>},
    Choice{&thumb16::TST_reg, &two_registers<&Ops::t16_test>},
    Choice{&thumb16::CMP_reg, &two_registers<&Ops::t16_add_subtract<true, true, true>>},
    Choice{&thumb16::CMN_reg, &two_registers<&Ops::t16_add_subtract<false, true, true>>},
    Choice{&thumb16::RSB_imm,
           [](DecodedArm& d) -> DecodedOp {
             d.d = low_reg(d.insn, 0);
             d.n = low_reg(d.insn, 3);
             return &Ops::t16_negate;
           }},
    Choice{&thumb16::ADD_reg_high, &high_registers<&Ops::add_register>},
    Choice{&thumb16::CMP_reg_high, &high_registers<&Ops::t16_add_subtract<true, true, true>>},
    Choice{&thumb16::MOV_reg_high, &high_registers<&Ops::move_register>},
    Choice{&thumb16::BX, &branch_register<&Ops::branch_exchange>},
    Choice{&thumb16::BLX_reg, &branch_register<&Ops::branch_link_exchange>},
    Choice{&thumb16::LDR_literal,
           [](DecodedArm& d) -> DecodedOp {
             d.d = low_reg(d.insn, 8);
             d.imm = (d.insn & 0xFF) << 2;
             return &Ops::t16_load_literal;
           }},
    Choice{&thumb16::STR_reg, &register_offset<&Ops::t16_store<4, true>>},
    Choice{&thumb16::STRH_reg, &register_offset<&Ops::t16_store<2, true>>},
    Choice{&thumb16::STRB_reg, &register_offset<&Ops::t16_store<1, true>>},
    Choice{&thumb16::LDRSB_reg, &register_offset<&Ops::t16_load<1, true, true>>},
    Choice{&thumb16::LDR_reg, &register_offset<&Ops::t16_load<4, false, true>>},
    Choice{&thumb16::LDRH_reg, &register_offset<&Ops::t16_load<2, false, true>>},
    Choice{&thumb16::LDRB_reg, &register_offset<&Ops::t16_load<1, false, true>>},
    Choice{&thumb16::LDRSH_reg, &register_offset<&Ops::t16_load<2, true, true>>},
    Choice{&thumb16::STR_imm, &immediate_offset<&Ops::t16_store<4, false>, 4>},
    Choice{&thumb16::LDR_imm, &immediate_offset<&Ops::t16_load<4, false, false>, 4>},
    Choice{&thumb16::STRB_imm, &immediate_offset<&Ops::t16_store<1, false>, 1>},
    Choice{&thumb16::LDRB_imm, &immediate_offset<&Ops::t16_load<1, false, false>, 1>},
    Choice{&thumb16::STRH_imm, &immediate_offset<&Ops::t16_store<2, false>, 2>},
    Choice{&thumb16::LDRH_imm, &immediate_offset<&Ops::t16_load<2, false, false>, 2>},
    Choice{&thumb16::STR_sp, &sp_offset<&Ops::t16_store<4, false>>},
    Choice{&thumb16::LDR_sp, &sp_offset<&Ops::t16_load<4, false, false>>},
    Choice{&thumb16::ADD_sp_imm_rd,
           [](DecodedArm& d) -> DecodedOp {
             d.d = low_reg(d.insn, 8);
             d.n = 13;
             d.imm = (d.insn & 0xFF) << 2;
             return &Ops::add_immediate;
           }},
    Choice{&thumb16::ADD_sp_imm,
           [](DecodedArm& d) -> DecodedOp {
             d.d = d.n = 13;
             d.imm = (d.insn & 0x7F) << 2;
             return &Ops::add_immediate;
           }},
    Choice{&thumb16::SUB_sp_imm,
           [](DecodedArm& d) -> DecodedOp {
             d.d = d.n = 13;
             d.imm = 0u - ((d.insn & 0x7F) << 2);
             return &Ops::add_immediate;
           }},
    Choice{&thumb16::SXTH, &two_registers<&Ops::extend<Extend::SignedHalf>>},
    Choice{&thumb16::SXTB, &two_registers<&Ops::extend<Extend::SignedByte>>},
    Choice{&thumb16::UXTH, &two_registers<&Ops::extend<Extend::UnsignedHalf>>},
    Choice{&thumb16::UXTB, &two_registers<&Ops::extend<Extend::UnsignedByte>>},
    Choice{&thumb16::CBZ_CBNZ,
           [](DecodedArm& d) -> DecodedOp {
             d.n = low_reg(d.insn, 0);
             d.form = (d.insn >> 11) & 1;
             d.imm = 4 + ((((d.insn >> 9) & 1) << 6) | (((d.insn >> 3) & 0x1F) << 1));
             return &Ops::compare_branch_zero;
           }},
    Choice{&thumb16::PUSH,
           [](DecodedArm& d) {
             return multiple<false, true>(d, 13, (d.insn & 0xFF) | ((d.insn & 0x100) << 6), true);
           }},
    Choice{&thumb16::POP,
           [](DecodedArm& d) {
             return multiple<true, false>(d, 13, (d.insn & 0xFF) | ((d.insn & 0x100) << 7), true);
           }},
    // STM always writes back; LDM unless the base is in the list (transfer_multiple's rule).
    Choice{&thumb16::STM,
           [](DecodedArm& d) {
             return multiple<false, false>(d, low_reg(d.insn, 8), d.insn & 0xFF, true);
           }},
    Choice{&thumb16::LDM,
           [](DecodedArm& d) {
             return multiple<true, false>(d, low_reg(d.insn, 8), d.insn & 0xFF, true);
           }},
    Choice{&thumb16::IT,
           [](DecodedArm& d) -> DecodedOp {
             d.form = static_cast<std::uint8_t>(d.insn & 0xFF);
             return &Ops::if_then;
           }},
    // 1101 cond imm8: cond 1110 and 1111 are UDF and SVC, rows of their own.
    Choice{&thumb16::B_cond,
           [](DecodedArm& d) -> DecodedOp {
             d.form = (d.insn >> 8) & 0xF;
             d.imm = from_here(encoding::sign_extend((d.insn & 0xFF) << 1, 9));
             return &Ops::thumb_branch<true>;
           }},
    Choice{&thumb16::B,
           [](DecodedArm& d) -> DecodedOp {
             d.imm = from_here(encoding::sign_extend((d.insn & 0x7FF) << 1, 12));
             return &Ops::thumb_branch<false>;
           }},
};

// ---------------------------------------------------------------------------------------
// 32-bit Thumb (A5.3), fields through the handlers' Encoding layouts.
// ---------------------------------------------------------------------------------------

// [Rn, #imm12]: Rn = PC is the literal form, Rt = PC a branch or a hint.
template <class E, DecodedOp Op>
DecodedOp offset12(DecodedArm& d) {
  d.n = static_cast<std::uint8_t>(E::template field<'n'>(d.insn));
  d.d = static_cast<std::uint8_t>(E::template field<'t'>(d.insn));
  d.imm = E::template field<'i'>(d.insn);
  return d.n == 15 || d.d == 15 ? nullptr : Op;
}
// [Rn, #+/-imm8], [Rn, #+/-imm8]!, [Rn], #+/-imm8; P = W = 0 is UNDEFINED.
template <class E, DecodedOp Offset, DecodedOp PreIndexed, DecodedOp PostIndexed>
DecodedOp indexed8(DecodedArm& d) {
  d.n = static_cast<std::uint8_t>(E::template field<'n'>(d.insn));
  d.d = static_cast<std::uint8_t>(E::template field<'t'>(d.insn));
  const std::uint32_t imm = E::template field<'i'>(d.insn);
  d.imm = E::template field<'u'>(d.insn) ? imm : 0u - imm;
  const bool index = E::template field<'p'>(d.insn), wback = E::template field<'w'>(d.insn);
  if (d.n == 15 || d.d == 15 || (!index && !wback)) return nullptr;
  if (!wback) return Offset;
  return index ? PreIndexed : PostIndexed;
}
template <class E, unsigned Size, bool Signed>
DecodedOp load_indexed8(DecodedArm& d) {
  return indexed8<E, &Ops::t32_load<Size, Signed, Indexing::Offset>,
                  &Ops::t32_load<Size, Signed, Indexing::PreIndexed>,
                  &Ops::t32_load<Size, Signed, Indexing::PostIndexed>>(d);
}
template <class E, unsigned Size>
DecodedOp store_indexed8(DecodedArm& d) {
  return indexed8<E, &Ops::t32_store<Size, Indexing::Offset>,
                  &Ops::t32_store<Size, Indexing::PreIndexed>,
                  &Ops::t32_store<Size, Indexing::PostIndexed>>(d);
}
// [Rn, Rm, LSL #s].
template <class E, DecodedOp Op>
DecodedOp register_shifted(DecodedArm& d) {
  d.n = static_cast<std::uint8_t>(E::template field<'n'>(d.insn));
  d.d = static_cast<std::uint8_t>(E::template field<'t'>(d.insn));
  d.m = static_cast<std::uint8_t>(E::template field<'m'>(d.insn));
  d.form = static_cast<std::uint8_t>(E::template field<'s'>(d.insn));
  return d.n == 15 || d.d == 15 || d.m == 15 ? nullptr : Op;
}

template <class E, bool Load, bool DecrementBefore>
DecodedOp multiple32(DecodedArm& d) {
  std::uint32_t list = 0;
  if constexpr (Load)
    list = thumb32::load_list<E>(d.insn);
  else
    list = thumb32::store_list<E>(d.insn);
  return multiple<Load, DecrementBefore>(d, E::template field<'n'>(d.insn), list,
                                         E::template field<'w'>(d.insn));
}
// LDRD/STRD (immediate): offset imm8:'00'; the literal form (Rn = PC) and PC as a transfer
// register are the handler's.
template <class E, bool Load, bool PostIndexed>
DecodedOp dual(DecodedArm& d) {
  d.n = static_cast<std::uint8_t>(E::template field<'n'>(d.insn));
  d.d = static_cast<std::uint8_t>(E::template field<'t'>(d.insn));
  d.m = static_cast<std::uint8_t>(E::template field<'s'>(d.insn));
  const std::uint32_t imm = E::template field<'i'>(d.insn) << 2;
  d.imm = E::template field<'u'>(d.insn) ? imm : 0u - imm;
  if (d.n == 15 || d.d == 15 || d.m == 15) return nullptr;
  if constexpr (PostIndexed) {
    return &Ops::transfer_dual<Load, Indexing::PostIndexed>;
  } else {
    if (E::template field<'w'>(d.insn)) return &Ops::transfer_dual<Load, Indexing::PreIndexed>;
    return &Ops::transfer_dual<Load, Indexing::Offset>;
  }
}

// Modified immediate (A5.3.1): Rd = PC is refused by the handler, Rn = PC reads the PC.
template <class E, Sum S>
DecodedOp sum_immediate(DecodedArm& d) {
  d.d = static_cast<std::uint8_t>(E::template field<'d'>(d.insn));
  d.n = static_cast<std::uint8_t>(E::template field<'n'>(d.insn));
  d.imm = thumb_expand_imm_c(E::template field<'i'>(d.insn), false).value;
  d.form = static_cast<std::uint8_t>(E::template field<'S'>(d.insn));
  return d.d == 15 || d.n == 15 ? nullptr : &Ops::t32_sum_immediate<S, false>;
}
template <class E, Sum S>
DecodedOp compare_immediate(DecodedArm& d) {
  d.n = static_cast<std::uint8_t>(E::template field<'n'>(d.insn));
  d.imm = thumb_expand_imm_c(E::template field<'i'>(d.insn), false).value;
  return d.n == 15 ? nullptr : &Ops::t32_sum_immediate<S, true>;
}
// form of logical_immediate: S, whether the expansion sets C, and that C.
std::uint8_t logical_form(bool setflags, bool sets_carry, std::uint32_t value) {
  return static_cast<std::uint8_t>((setflags ? 1 : 0) | (sets_carry ? 2 : 0) |
                                   ((value >> 31) != 0 ? 4 : 0));
}
// The logical ops with a modified immediate: ThumbExpandImm_C rotates (and so sets C to the
// result's bit 31) when imm12<11:10> is not zero. Test forms have no Rd and set flags.
template <class E, Logic L, bool Test>
DecodedOp logical_imm12(DecodedArm& d) {
  const std::uint32_t imm12 = E::template field<'i'>(d.insn);
  d.imm = thumb_expand_imm_c(imm12, false).value;
  bool setflags = true;
  if constexpr (!Test) {
    setflags = E::template field<'S'>(d.insn);
    d.d = static_cast<std::uint8_t>(E::template field<'d'>(d.insn));
  }
  if constexpr (L != Logic::Mov && L != Logic::Mvn)
    d.n = static_cast<std::uint8_t>(E::template field<'n'>(d.insn));
  d.form = logical_form(setflags, (imm12 >> 10) != 0, d.imm);
  return d.d == 15 || d.n == 15 ? nullptr : &Ops::logical_immediate<L, Test>;
}

// ADDW/SUBW (A5.3.3): no flags; Rn = PC is ADR, a row of its own.
template <class E, bool Subtract>
DecodedOp add_wide(DecodedArm& d) {
  d.d = static_cast<std::uint8_t>(E::template field<'d'>(d.insn));
  d.n = static_cast<std::uint8_t>(E::template field<'n'>(d.insn));
  const std::uint32_t imm = E::template field<'i'>(d.insn);
  d.imm = Subtract ? 0u - imm : imm;
  return d.d == 15 || d.n == 15 ? nullptr : &Ops::add_immediate;
}

template <class E, int Accumulate>
DecodedOp multiply_registers(DecodedArm& d) {
  d.d = static_cast<std::uint8_t>(E::template field<'d'>(d.insn));
  d.n = static_cast<std::uint8_t>(E::template field<'n'>(d.insn));
  d.m = static_cast<std::uint8_t>(E::template field<'m'>(d.insn));
  if constexpr (Accumulate != 0) d.form = static_cast<std::uint8_t>(E::template field<'a'>(d.insn));
  if (d.d == 15 || d.n == 15 || d.m == 15 || d.form == 15) return nullptr;
  return &Ops::multiply<Accumulate>;
}

// Shifted register (A5.3.11): DecodeImmShift at decode time.
template <class E>
void decode_shift(DecodedArm& d, bool setflags) {
  const ImmShift s =
      decode_imm_shift(E::template field<'t'>(d.insn), E::template field<'i'>(d.insn));
  d.m = static_cast<std::uint8_t>(E::template field<'m'>(d.insn));
  d.imm = s.amount;
  d.form = static_cast<std::uint8_t>((static_cast<unsigned>(s.type) << 1) | (setflags ? 1 : 0));
}
// `Fields` names d, n and S; the shift is read through `Shift`'s layout (the MOV forms read
// ORR's, as their handlers do). Test forms have no Rd; Mov/Mvn no Rn.
template <class Fields, class Shift, Logic L, bool Test>
DecodedOp logical_register(DecodedArm& d) {
  bool setflags = true;
  if constexpr (!Test) {
    setflags = Fields::template field<'S'>(d.insn);
    d.d = static_cast<std::uint8_t>(Fields::template field<'d'>(d.insn));
  }
  decode_shift<Shift>(d, setflags);
  if constexpr (L != Logic::Mov && L != Logic::Mvn)
    d.n = static_cast<std::uint8_t>(Fields::template field<'n'>(d.insn));
  return d.d == 15 || d.n == 15 || d.m == 15 ? nullptr : &Ops::t32_logical_register<L, Test>;
}
template <class E, Sum S, bool Compare>
DecodedOp sum_register(DecodedArm& d) {
  bool setflags = true;
  if constexpr (!Compare) {
    setflags = E::template field<'S'>(d.insn);
    d.d = static_cast<std::uint8_t>(E::template field<'d'>(d.insn));
  }
  decode_shift<E>(d, setflags);
  d.n = static_cast<std::uint8_t>(E::template field<'n'>(d.insn));
  return d.d == 15 || d.n == 15 || d.m == 15 ? nullptr : &Ops::t32_sum_register<S, Compare>;
}

namespace t32 = thumb32;

constexpr std::array kThumb32Choices{
    // Loads and stores (A5.3.7-A5.3.10)
    Choice{&thumb32_LDR_imm_T3, &offset12<t32::LDR_imm_T3, &Ops::t32_load<4, false, Indexing::Offset>>},
    Choice{&thumb32_LDRB_imm_T2, &offset12<t32::LDRB_imm_T2, &Ops::t32_load<1, false, Indexing::Offset>>},
    Choice{&thumb32_LDRH_imm_T2, &offset12<t32::LDRH_imm_T2, &Ops::t32_load<2, false, Indexing::Offset>>},
    Choice{&thumb32_LDRSB_imm_T1, &offset12<t32::LDRSB_imm_T1, &Ops::t32_load<1, true, Indexing::Offset>>},
    Choice{&thumb32_LDRSH_imm_T1, &offset12<t32::LDRSH_imm_T1, &Ops::t32_load<2, true, Indexing::Offset>>},
    Choice{&thumb32_STR_imm_T3, &offset12<t32::STR_imm_T3, &Ops::t32_store<4, Indexing::Offset>>},
    Choice{&thumb32_STRB_imm_T2, &offset12<t32::STRB_imm_T2, &Ops::t32_store<1, Indexing::Offset>>},
    Choice{&thumb32_STRH_imm_T2, &offset12<t32::STRH_imm_T2, &Ops::t32_store<2, Indexing::Offset>>},
    Choice{&thumb32_LDR_imm_T4, &load_indexed8<t32::LDR_imm_T4, 4, false>},
    Choice{&thumb32_LDRB_imm_T3, &load_indexed8<t32::LDRB_imm_T3, 1, false>},
    Choice{&thumb32_LDRH_imm_T3, &load_indexed8<t32::LDRH_imm_T3, 2, false>},
    Choice{&thumb32_LDRSB_imm_T2, &load_indexed8<t32::LDRSB_imm_T2, 1, true>},
    Choice{&thumb32_LDRSH_imm_T2, &load_indexed8<t32::LDRSH_imm_T2, 2, true>},
    Choice{&thumb32_STR_imm_T4, &store_indexed8<t32::STR_imm_T4, 4>},
    Choice{&thumb32_STRB_imm_T3, &store_indexed8<t32::STRB_imm_T3, 1>},
    Choice{&thumb32_STRH_imm_T3, &store_indexed8<t32::STRH_imm_T3, 2>},
    Choice{&thumb32_LDR_reg_T2, &register_shifted<t32::LDR_reg_T2, &Ops::t32_load_register<4, false>>},
    Choice{&thumb32_LDRB_reg_T2, &register_shifted<t32::LDRB_reg_T2, &Ops::t32_load_register<1, false>>},
    Choice{&thumb32_LDRH_reg_T2, &register_shifted<t32::LDRH_reg_T2, &Ops::t32_load_register<2, false>>},
    Choice{&thumb32_LDRSB_reg_T2, &register_shifted<t32::LDRSB_reg_T2, &Ops::t32_load_register<1, true>>},
    Choice{&thumb32_LDRSH_reg_T2, &register_shifted<t32::LDRSH_reg_T2, &Ops::t32_load_register<2, true>>},
    Choice{&thumb32_STR_reg_T2, &register_shifted<t32::STR_reg_T2, &Ops::t32_store_register<4>>},
    Choice{&thumb32_STRB_reg_T2, &register_shifted<t32::STRB_reg_T2, &Ops::t32_store_register<1>>},
    Choice{&thumb32_STRH_reg_T2, &register_shifted<t32::STRH_reg_T2, &Ops::t32_store_register<2>>},
    // Load/store multiple and dual (A5.3.5, A5.3.6)
    Choice{&thumb32_STM_T2, &multiple32<t32::STM_T2, false, false>},
    Choice{&thumb32_LDM_T2, &multiple32<t32::LDM_T2, true, false>},
    Choice{&thumb32_STMDB_T1, &multiple32<t32::STMDB_T1, false, true>},
    Choice{&thumb32_LDMDB_T1, &multiple32<t32::LDMDB_T1, true, true>},
    Choice{&thumb32_PUSH_T2,
           [](DecodedArm& d) {
             return multiple<false, true>(d, 13, t32::store_list<t32::PUSH_T2>(d.insn), true);
           }},
    Choice{&thumb32_POP_T2,
           [](DecodedArm& d) {
             return multiple<true, false>(d, 13, t32::load_list<t32::POP_T2>(d.insn), true);
           }},
    Choice{&thumb32_LDRD_imm_T1, &dual<t32::LDRD_imm_T1, true, false>},
    Choice{&thumb32_LDRD_imm_T1_post, &dual<t32::LDRD_imm_T1_post, true, true>},
    Choice{&thumb32_STRD_imm_T1, &dual<t32::STRD_imm_T1, false, false>},
    Choice{&thumb32_STRD_imm_T1_post, &dual<t32::STRD_imm_T1_post, false, true>},
    // Data processing, modified immediate (A5.3.1) and plain binary immediate (A5.3.3)
    Choice{&thumb32_ADD_imm_T3, &sum_immediate<t32::ADD_imm_T3, Sum::Add>},
    Choice{&thumb32_ADC_imm_T1, &sum_immediate<t32::ADC_imm_T1, Sum::Adc>},
    Choice{&thumb32_SBC_imm_T1, &sum_immediate<t32::SBC_imm_T1, Sum::Sbc>},
    Choice{&thumb32_SUB_imm_T3, &sum_immediate<t32::SUB_imm_T3, Sum::Sub>},
    Choice{&thumb32_RSB_imm_T2, &sum_immediate<t32::RSB_imm_T2, Sum::Rsb>},
    Choice{&thumb32_CMP_imm_T2, &compare_immediate<t32::CMP_imm_T2, Sum::Sub>},
    Choice{&thumb32_CMN_imm_T1, &compare_immediate<t32::CMN_imm_T1, Sum::Add>},
    Choice{&thumb32_AND_imm_T1, &logical_imm12<t32::AND_imm_T1, Logic::And, false>},
    Choice{&thumb32_BIC_imm_T1, &logical_imm12<t32::BIC_imm_T1, Logic::Bic, false>},
    Choice{&thumb32_ORR_imm_T1, &logical_imm12<t32::ORR_imm_T1, Logic::Orr, false>},
    Choice{&thumb32_ORN_imm_T1, &logical_imm12<t32::ORN_imm_T1, Logic::Orn, false>},
    Choice{&thumb32_EOR_imm_T1, &logical_imm12<t32::EOR_imm_T1, Logic::Eor, false>},
    Choice{&thumb32_MOV_imm_T2, &logical_imm12<t32::MOV_imm_T2, Logic::Mov, false>},
    Choice{&thumb32_MVN_imm_T1, &logical_imm12<t32::MVN_imm_T1, Logic::Mvn, false>},
    Choice{&thumb32_TST_imm_T1, &logical_imm12<t32::TST_imm_T1, Logic::And, true>},
    Choice{&thumb32_TEQ_imm_T1, &logical_imm12<t32::TEQ_imm_T1, Logic::Eor, true>},
    Choice{&thumb32_ADD_imm_T4, &add_wide<t32::ADD_imm_T4, false>},
    Choice{&thumb32_SUB_imm_T4, &add_wide<t32::SUB_imm_T4, true>},
    Choice{&thumb32_MOV_imm_T3,
           [](DecodedArm& d) -> DecodedOp {
             using E = t32::MOV_imm_T3;
             d.d = static_cast<std::uint8_t>(E::field<'d'>(d.insn));
             d.imm = (E::field<'h'>(d.insn) << 12) | (E::field<'i'>(d.insn) << 11) |
                     (E::field<'k'>(d.insn) << 8) | E::field<'l'>(d.insn);
             return d.d == 15 ? nullptr : &Ops::set_immediate;
           }},
    // Data processing, shifted register (A5.3.11)
    Choice{&thumb32_AND_reg_T2, &logical_register<t32::AND_reg_T2, t32::AND_reg_T2, Logic::And, false>},
    Choice{&thumb32_BIC_reg_T2, &logical_register<t32::BIC_reg_T2, t32::BIC_reg_T2, Logic::Bic, false>},
    Choice{&thumb32_ORR_reg_T2, &logical_register<t32::ORR_reg_T2, t32::ORR_reg_T2, Logic::Orr, false>},
    Choice{&thumb32_ORN_reg_T1, &logical_register<t32::ORN_reg_T1, t32::ORN_reg_T1, Logic::Orn, false>},
    Choice{&thumb32_EOR_reg_T2, &logical_register<t32::EOR_reg_T2, t32::EOR_reg_T2, Logic::Eor, false>},
    Choice{&thumb32_MVN_reg_T2, &logical_register<t32::MVN_reg_T2, t32::MVN_reg_T2, Logic::Mvn, false>},
    Choice{&thumb32_MOV_reg_T3, &logical_register<t32::MOV_reg_T3, t32::ORR_reg_T2, Logic::Mov, false>},
    Choice{&thumb32_LSL_imm_T2, &logical_register<t32::LSL_imm_T2, t32::ORR_reg_T2, Logic::Mov, false>},
    Choice{&thumb32_LSR_imm_T2, &logical_register<t32::LSR_imm_T2, t32::ORR_reg_T2, Logic::Mov, false>},
    Choice{&thumb32_ASR_imm_T2, &logical_register<t32::ASR_imm_T2, t32::ORR_reg_T2, Logic::Mov, false>},
    Choice{&thumb32_ROR_imm_T1, &logical_register<t32::ROR_imm_T1, t32::ORR_reg_T2, Logic::Mov, false>},
    Choice{&thumb32_TST_reg_T2, &logical_register<t32::TST_reg_T2, t32::TST_reg_T2, Logic::And, true>},
    Choice{&thumb32_TEQ_reg_T1, &logical_register<t32::TEQ_reg_T1, t32::TEQ_reg_T1, Logic::Eor, true>},
    Choice{&thumb32_ADD_reg_T3, &sum_register<t32::ADD_reg_T3, Sum::Add, false>},
    Choice{&thumb32_ADC_reg_T2, &sum_register<t32::ADC_reg_T2, Sum::Adc, false>},
    Choice{&thumb32_SBC_reg_T2, &sum_register<t32::SBC_reg_T2, Sum::Sbc, false>},
    Choice{&thumb32_SUB_reg_T2, &sum_register<t32::SUB_reg_T2, Sum::Sub, false>},
    Choice{&thumb32_RSB_reg_T1, &sum_register<t32::RSB_reg_T1, Sum::Rsb, false>},
    Choice{&thumb32_CMP_reg_T3, &sum_register<t32::CMP_reg_T3, Sum::Sub, true>},
    Choice{&thumb32_CMN_reg_T2, &sum_register<t32::CMN_reg_T2, Sum::Add, true>},
    // Multiply (A5.3.16): PC in any register field is the handler's.
    Choice{&thumb32_MUL_T2, &multiply_registers<t32::MUL_T2, 0>},
    Choice{&thumb32_MLA_T1, &multiply_registers<t32::MLA_T1, 1>},
    Choice{&thumb32_MLS_T1, &multiply_registers<t32::MLS_T1, -1>},
    // Branches (A5.3.4); B<c>.W conditions 111x are UNDEFINED in the handler.
    Choice{&thumb32_B_T3,
           [](DecodedArm& d) -> DecodedOp {
             d.form = static_cast<std::uint8_t>(t32::B_T3::field<'c'>(d.insn));
             d.imm = from_here(t32::conditional_branch_offset(d.insn));
             return (d.form >> 1) == 7 ? nullptr : &Ops::thumb_branch<true>;
           }},
    Choice{&thumb32_B_T4,
           [](DecodedArm& d) -> DecodedOp {
             d.imm = from_here(t32::long_branch_offset<t32::B_T4>(d.insn));
             return &Ops::thumb_branch<false>;
           }},
    Choice{&thumb32_BL_T1,
           [](DecodedArm& d) -> DecodedOp {
             d.imm = from_here(t32::long_branch_offset<t32::BL_T1>(d.insn));
             return &Ops::thumb_branch_link;
           }},
};

// ---------------------------------------------------------------------------------------
// A32 (A5.3): LDR/STR/LDRB/STRB with an immediate offset
// ---------------------------------------------------------------------------------------

// The A32 op with its condition: A8.3.1, cond 1110 always and 1111 the unconditional space.
template <DecodedOp Op>
DecodedOp with_condition(const DecodedArm& d) {
  return d.cond >= 0xE ? Op : &Ops::if_passed<Op>;
}
template <unsigned Size, bool Load, Indexing I, bool Signed>
DecodedOp a32_transfer(const DecodedArm& d) {
  if constexpr (Load)
    return with_condition<&Ops::a32_load<Size, I, Signed>>(d);
  else
    return with_condition<&Ops::a32_store<Size, I>>(d);
}
template <unsigned Size, bool Load, bool Signed = false>
DecodedOp a32_transfer(const DecodedArm& d, Indexing indexing) {
  switch (indexing) {
    case Indexing::Offset:
      return a32_transfer<Size, Load, Indexing::Offset, Signed>(d);
    case Indexing::PreIndexed:
      return a32_transfer<Size, Load, Indexing::PreIndexed, Signed>(d);
    case Indexing::PostIndexed:
      return a32_transfer<Size, Load, Indexing::PostIndexed, Signed>(d);
  }
  return nullptr;
}
// The A8.8 addressing of both tables: P = 0 is post-indexed (and always writes back).
Indexing a32_indexing(std::uint32_t insn) {
  const bool index = a32::bit(insn, 24), wback = a32::bit(insn, 21);
  return !index ? Indexing::PostIndexed : (wback ? Indexing::PreIndexed : Indexing::Offset);
}

template <bool Load>
DecodedOp a32_dual(const DecodedArm& d, Indexing indexing) {
  switch (indexing) {
    case Indexing::Offset:
      return with_condition<&Ops::transfer_dual<Load, Indexing::Offset, true>>(d);
    case Indexing::PreIndexed:
      return with_condition<&Ops::transfer_dual<Load, Indexing::PreIndexed, true>>(d);
    case Indexing::PostIndexed:
      return with_condition<&Ops::transfer_dual<Load, Indexing::PostIndexed, true>>(d);
  }
  return nullptr;
}

// cccc 000P U1WL nnnn tttt iiii 1SH1 iiii: LDRH/LDRSB/LDRSH/STRH and LDRD/STRD with an
// immediate offset. The register-offset (bit 22 = 0) and unprivileged (P = 0, W = 1) forms,
// PC operands and a written-back base equal to Rt keep the handler.
DecodedOp a32_extra(DecodedArm& d) {
  using a32::bit;
  using a32::field;
  const std::uint32_t insn = d.insn;
  const bool load = bit(insn, 20);
  const unsigned sh = field(insn, 5, 2);
  d.n = static_cast<std::uint8_t>(field(insn, 16));
  d.d = static_cast<std::uint8_t>(field(insn, 12));
  const std::uint32_t offset = (field(insn, 8) << 4) | field(insn, 0);
  d.imm = bit(insn, 23) ? offset : 0u - offset;
  const Indexing indexing = a32_indexing(insn);
  if (!load && sh >= 2) {  // LDRD (SH = 10) and STRD (SH = 11) have L = 0
    // Rt odd or R14 (Rt2 would be PC), and a written-back base that is Rt or Rt2, are the
    // handler's UNPREDICTABLE cases.
    d.m = static_cast<std::uint8_t>(d.d + 1);
    if (!bit(insn, 22) || (d.d & 1) || d.d == 14 || d.n == 15 ||
        (indexing != Indexing::Offset && (d.n == d.d || d.n == d.m)))
      return nullptr;
    return sh == 2 ? a32_dual<true>(d, indexing) : a32_dual<false>(d, indexing);
  }
  if (!bit(insn, 22) || (!bit(insn, 24) && bit(insn, 21)) || d.n == 15 || d.d == 15 ||
      (indexing != Indexing::Offset && d.n == d.d))
    return nullptr;
  if (!load) return a32_transfer<2, false>(d, indexing);  // STRH
  if (sh == 1) return a32_transfer<2, true>(d, indexing);
  return sh == 2 ? a32_transfer<1, true, true>(d, indexing)
                 : a32_transfer<2, true, true>(d, indexing);
}

// cccc 01IP UBWL nnnn tttt iiiiiiiiiiii. The register-offset (I = 1) and unprivileged
// (P = 0, W = 1) forms, PC operands and a written-back base equal to Rt keep the handler.
DecodedOp a32_word_byte(DecodedArm& d) {
  using a32::bit;
  using a32::field;
  const std::uint32_t insn = d.insn;
  const bool index = bit(insn, 24), wback = bit(insn, 21);
  d.n = static_cast<std::uint8_t>(field(insn, 16));
  d.d = static_cast<std::uint8_t>(field(insn, 12));
  d.imm = bit(insn, 23) ? (insn & 0xFFF) : 0u - (insn & 0xFFF);
  const bool writes_back = !index || wback;
  if (bit(insn, 25) || (!index && wback) || d.n == 15 || d.d == 15 || (writes_back && d.n == d.d))
    return nullptr;
  const Indexing indexing = a32_indexing(insn);
  const bool load = bit(insn, 20);
  if (bit(insn, 22))
    return load ? a32_transfer<1, true>(d, indexing) : a32_transfer<1, false>(d, indexing);
  return load ? a32_transfer<4, true>(d, indexing) : a32_transfer<4, false>(d, indexing);
}

// Data processing (A5.2.1, A5.2.3) with an immediate (Form 0) or a register shifted by an
// immediate (Form 1), as data_processing<Opcode, Form> computes it: Rd = PC (a branch or an
// exception return), Rn or Rm = PC, RSC and the register-shifted forms keep the handler.
template <unsigned Opcode>
constexpr bool kA32Test = Opcode >= 0x8 && Opcode <= 0xB;
template <unsigned Opcode>
constexpr Logic kA32Logic = Opcode == 0x0 || Opcode == 0x8   ? Logic::And
                            : Opcode == 0x1 || Opcode == 0x9 ? Logic::Eor
                            : Opcode == 0xC                  ? Logic::Orr
                            : Opcode == 0xD                  ? Logic::Mov
                            : Opcode == 0xE                  ? Logic::Bic
                                                             : Logic::Mvn;
template <unsigned Opcode>
constexpr Sum kA32Sum = Opcode == 0x2 || Opcode == 0xA   ? Sum::Sub
                        : Opcode == 0x3                  ? Sum::Rsb
                        : Opcode == 0x4 || Opcode == 0xB ? Sum::Add
                        : Opcode == 0x5                  ? Sum::Adc
                                                         : Sum::Sbc;
template <unsigned Opcode>
constexpr bool kA32Arithmetic = (Opcode >= 0x2 && Opcode <= 0x6) || Opcode == 0xA || Opcode == 0xB;

template <unsigned Opcode, unsigned Form>
DecodedOp a32_data_processing(DecodedArm& d) {
  using a32::bit;
  using a32::field;
  constexpr bool kTest = kA32Test<Opcode>;
  const bool setflags = kTest || bit(d.insn, 20);
  d.d = static_cast<std::uint8_t>(field(d.insn, 12));
  d.n = static_cast<std::uint8_t>(field(d.insn, 16));
  if ((!kTest && d.d == 15) || (Opcode != 0xD && Opcode != 0xF && d.n == 15)) return nullptr;
  if constexpr (Form == 0) {
    const std::uint32_t imm12 = d.insn & 0xFFF;
    d.imm = a32::expand_imm_c(imm12, false).value;
    if constexpr (kA32Arithmetic<Opcode>) {
      d.form = setflags ? 1 : 0;
      return with_condition<&Ops::t32_sum_immediate<kA32Sum<Opcode>, kTest>>(d);
    } else {
      // ARMExpandImm_C (A5.2.4) sets C only when it rotates.
      d.form = logical_form(setflags, (imm12 >> 8) != 0, d.imm);
      return with_condition<&Ops::logical_immediate<kA32Logic<Opcode>, kTest>>(d);
    }
  } else {
    const ImmShift s = decode_imm_shift(field(d.insn, 5, 2), field(d.insn, 7, 5));
    d.m = static_cast<std::uint8_t>(field(d.insn, 0));
    d.imm = s.amount;
    d.form = static_cast<std::uint8_t>((static_cast<unsigned>(s.type) << 1) | (setflags ? 1 : 0));
    if (d.m == 15) return nullptr;
    if constexpr (kA32Arithmetic<Opcode>)
      return with_condition<&Ops::t32_sum_register<kA32Sum<Opcode>, kTest>>(d);
    else
      return with_condition<&Ops::t32_logical_register<kA32Logic<Opcode>, kTest>>(d);
  }
}
template <unsigned Opcode>
constexpr std::array<Choice, 2> a32_data_processing_choices() {
  return {Choice{&data_processing<Opcode, 0>, &a32_data_processing<Opcode, 0>},
          Choice{&data_processing<Opcode, 1>, &a32_data_processing<Opcode, 1>}};
}

constexpr std::array kA32Choices = [] {
  constexpr std::array kGroups{
      a32_data_processing_choices<0x0>(), a32_data_processing_choices<0x1>(),
      a32_data_processing_choices<0x2>(), a32_data_processing_choices<0x3>(),
      a32_data_processing_choices<0x4>(), a32_data_processing_choices<0x5>(),
      a32_data_processing_choices<0x6>(), a32_data_processing_choices<0x8>(),
      a32_data_processing_choices<0x9>(), a32_data_processing_choices<0xA>(),
      a32_data_processing_choices<0xB>(), a32_data_processing_choices<0xC>(),
      a32_data_processing_choices<0xD>(), a32_data_processing_choices<0xE>(),
      a32_data_processing_choices<0xF>()};
  std::array<Choice, 2 + 2 * kGroups.size()> all{};
  all[0] = Choice{&a32_load_store_word_byte, &a32_word_byte};
  all[1] = Choice{&a32_load_store_extra, &a32_extra};
  for (std::size_t i = 0; i < kGroups.size(); ++i) {
    all[2 + 2 * i] = kGroups[i][0];
    all[3 + 2 * i] = kGroups[i][1];
  }
  return all;
}();

}  // namespace

DecodedOp DecodedOps::choose_thumb16(DecodedArm& d) {
  return choose_from(kThumb16Choices, d);
}
DecodedOp DecodedOps::choose_thumb32(DecodedArm& d) {
  return choose_from(kThumb32Choices, d);
}
DecodedOp DecodedOps::choose_a32(DecodedArm& d) {
  return choose_from(kA32Choices, d);
}

void ArmA::choose_execute(DecodedArm& out) const {
  DecodedOp op = nullptr;
  if (specialised_ops_) {
    if (out.arm)
      op = DecodedOps::choose_a32(out);
    else
      op = out.length == 2 ? DecodedOps::choose_thumb16(out) : DecodedOps::choose_thumb32(out);
  }
  if (!op)
    op = out.arm && out.cond < 0xE ? &DecodedOps::run_handler_if_passed : &DecodedOps::run_handler;
  out.execute = op;
}

}  // namespace anvil::arm
