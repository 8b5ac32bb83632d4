// 32-bit single loads and stores (ARMv7-M ARM A5.3.7 to A5.3.10) and the preload hints.
// Every form computes an address, moves one byte, halfword or word, and may write the
// base back; the forms differ only in how the address is made.
#include "cores/arm/thumb32_load_store.h"

#include "cores/arm/cortex_m3_timing.h"

namespace anvil::arm {
namespace {

struct Transfer {
  unsigned size;  // bytes
  bool sign;      // sign-extend a byte or halfword load
};
constexpr Transfer kWord{4, false};
constexpr Transfer kHalf{2, false};
constexpr Transfer kSignedHalf{2, true};
constexpr Transfer kByte{1, false};
constexpr Transfer kSignedByte{1, true};

struct Writeback {
  bool enabled = false;
  unsigned n = 0;
  std::uint32_t value = 0;
};

// The literal forms (A7.7): Rn = '1111', U = bit 23,
// imm12 = bits 11..0 whatever the encoding they share. A field layout, not a table row.
using LiteralLayout = Encoding<"1111100 - u -- 1 1111 tttt iiiiiiiiiiii">;

bool read_memory(ArmCpu& cpu, std::uint32_t address, Transfer kind, bool unprivileged,
                 std::uint32_t& value) {
  bool ok = false;
  if (kind.size == 1)
    ok = cpu.read8(address, value, unprivileged);
  else if (kind.size == 2)
    ok = cpu.read16(address, value, Align::Unaligned, unprivileged);
  else
    ok = cpu.read32(address, value, Align::Unaligned, unprivileged);
  if (ok && kind.sign)
    value = static_cast<std::uint32_t>(encoding::sign_extend(value, 8 * kind.size));
  return ok;
}

bool write_memory(ArmCpu& cpu, std::uint32_t address, Transfer kind, bool unprivileged,
                  std::uint32_t value) {
  if (kind.size == 1) return cpu.write8(address, value & 0xFF, unprivileged);
  if (kind.size == 2) return cpu.write16(address, value & 0xFFFF, Align::Unaligned, unprivileged);
  return cpu.write32(address, value, Align::Unaligned, unprivileged);
}

// The memory step and the register writes, in the pseudocode's order: the base is written
// back before Rt, so a load into its own base leaves the loaded value (UNPREDICTABLE
// encoding, executed as written). A load into PC is LoadWritePC (an interworking branch).
// Cycles: cortex_m3_timing.h (a load 2, a store 1, a PC load adds the refill).
void load(ArmCpu& cpu, Transfer kind, unsigned t, std::uint32_t address, Writeback wb = {},
          bool unprivileged = false) {
  std::uint32_t data = 0;
  if (!read_memory(cpu, address, kind, unprivileged, data)) return;
  cpu.add_cycles(m3_timing::kLoadExtra);
  if (wb.enabled) cpu.set_reg(wb.n, wb.value);
  if (t == 15)
    cpu.load_write_pc(data);
  else
    cpu.set_reg(t, data);
}

void store(ArmCpu& cpu, Transfer kind, unsigned t, std::uint32_t address, Writeback wb = {},
           bool unprivileged = false) {
  if (!write_memory(cpu, address, kind, unprivileged, cpu.reg(t))) return;
  cpu.add_cycles(m3_timing::kStoreExtra);
  if (wb.enabled) cpu.set_reg(wb.n, wb.value);
}

// A byte or halfword load into PC is a memory hint (PLD, PLI, or an unallocated hint that
// executes as NOP, A5.3.8/A5.3.9) in the offset and literal forms, and UNPREDICTABLE
// (UNDEFINED here) with writeback or in the unprivileged forms. True when handled.
bool narrow_load_to_pc(ArmCpu& cpu, unsigned t, Transfer kind, bool hint_form) {
  if (t != 15 || kind.size == 4) return false;
  if (!hint_form) cpu.undefined();
  return true;
}

// A store's Rn = '1111' is UNDEFINED; Rt = PC is UNPREDICTABLE (UNDEFINED here).
bool bad_store_registers(ArmCpu& cpu, unsigned n, unsigned t) {
  return reject_if(cpu, n == 15 || t == 15);
}

void load_literal(ArmCpu& cpu, std::uint32_t insn, Transfer kind) {
  using L = LiteralLayout;
  const unsigned t = L::field<'t'>(insn);
  if (narrow_load_to_pc(cpu, t, kind, true)) return;
  const std::uint32_t imm = L::field<'i'>(insn);
  load(cpu, kind, t, L::field<'u'>(insn) ? cpu.align_pc() + imm : cpu.align_pc() - imm);
}

// [Rn, #imm12]
template <class E>
void load_offset12(ArmCpu& cpu, std::uint32_t insn, Transfer kind) {
  const unsigned n = E::template field<'n'>(insn);
  if (n == 15) return load_literal(cpu, insn, kind);
  const unsigned t = E::template field<'t'>(insn);
  if (narrow_load_to_pc(cpu, t, kind, true)) return;
  load(cpu, kind, t, cpu.reg(n) + E::template field<'i'>(insn));
}

// Offset, pre-indexed or post-indexed with imm8: the address and the written-back base.
struct Indexed {
  bool valid;            // P = W = 0 is UNDEFINED
  bool negative_offset;  // P = 1, U = 0, W = 0: the form that can be a memory hint
  std::uint32_t address;
  Writeback writeback;
};
template <class E>
Indexed indexed(const ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = E::template field<'n'>(insn);
  const bool index = E::template field<'p'>(insn), add = E::template field<'u'>(insn);
  const bool wback = E::template field<'w'>(insn);
  const std::uint32_t imm = E::template field<'i'>(insn);
  const std::uint32_t offset_address = add ? cpu.reg(n) + imm : cpu.reg(n) - imm;
  return {index || wback,
          index && !add && !wback,
          index ? offset_address : cpu.reg(n),
          {wback, n, offset_address}};
}

template <class E>
void load_indexed(ArmCpu& cpu, std::uint32_t insn, Transfer kind) {
  if (E::template field<'n'>(insn) == 15) return load_literal(cpu, insn, kind);
  const Indexed x = indexed<E>(cpu, insn);
  const unsigned t = E::template field<'t'>(insn);
  if (reject_if(cpu, !x.valid) || narrow_load_to_pc(cpu, t, kind, x.negative_offset)) return;
  load(cpu, kind, t, x.address, x.writeback);
}

// [Rn, Rm{, LSL #shift}]
template <class E>
std::uint32_t register_offset_address(const ArmCpu& cpu, std::uint32_t insn) {
  return cpu.reg(E::template field<'n'>(insn)) +
         (cpu.reg(E::template field<'m'>(insn)) << E::template field<'s'>(insn));
}

template <class E>
void load_register(ArmCpu& cpu, std::uint32_t insn, Transfer kind) {
  if (E::template field<'n'>(insn) == 15) return load_literal(cpu, insn, kind);
  const unsigned t = E::template field<'t'>(insn);
  if (narrow_load_to_pc(cpu, t, kind, true)) return;
  load(cpu, kind, t, register_offset_address<E>(cpu, insn));
}

// LDRT and friends: [Rn, #imm8] with unprivileged access (A7.7).
template <class E>
void load_unprivileged(ArmCpu& cpu, std::uint32_t insn, Transfer kind) {
  const unsigned n = E::template field<'n'>(insn);
  if (n == 15) return load_literal(cpu, insn, kind);
  const unsigned t = E::template field<'t'>(insn);
  if (reject_pc(cpu, t)) return;
  load(cpu, kind, t, cpu.reg(n) + E::template field<'i'>(insn), {}, true);
}

template <class E>
void store_offset12(ArmCpu& cpu, std::uint32_t insn, Transfer kind) {
  const unsigned n = E::template field<'n'>(insn), t = E::template field<'t'>(insn);
  if (bad_store_registers(cpu, n, t)) return;
  store(cpu, kind, t, cpu.reg(n) + E::template field<'i'>(insn));
}

template <class E>
void store_indexed(ArmCpu& cpu, std::uint32_t insn, Transfer kind) {
  const unsigned n = E::template field<'n'>(insn), t = E::template field<'t'>(insn);
  if (bad_store_registers(cpu, n, t)) return;
  const Indexed x = indexed<E>(cpu, insn);
  if (reject_if(cpu, !x.valid)) return;
  store(cpu, kind, t, x.address, x.writeback);
}

template <class E>
void store_register(ArmCpu& cpu, std::uint32_t insn, Transfer kind) {
  const unsigned n = E::template field<'n'>(insn), t = E::template field<'t'>(insn);
  if (bad_store_registers(cpu, n, t)) return;
  store(cpu, kind, t, register_offset_address<E>(cpu, insn));
}

template <class E>
void store_unprivileged(ArmCpu& cpu, std::uint32_t insn, Transfer kind) {
  const unsigned n = E::template field<'n'>(insn), t = E::template field<'t'>(insn);
  if (bad_store_registers(cpu, n, t)) return;
  store(cpu, kind, t, cpu.reg(n) + E::template field<'i'>(insn), {}, true);
}

}  // namespace

using namespace thumb32;

// LDR<c>.W <Rt>, [<Rn>{, #<imm12>}] / [<Rn>, #+/-<imm8>]{!} / [<Rn>], #+/-<imm8> — A7.7
void thumb32_LDR_imm_T3(ArmCpu& cpu, std::uint32_t insn) {
  load_offset12<LDR_imm_T3>(cpu, insn, kWord);
}
void thumb32_LDR_imm_T4(ArmCpu& cpu, std::uint32_t insn) {
  load_indexed<LDR_imm_T4>(cpu, insn, kWord);
}
// POP<c>.W <registers> with one register: LDR<c>.W <Rt>, [SP], #4 — A7.7 T3
void thumb32_POP_T3(ArmCpu& cpu, std::uint32_t insn) {
  const std::uint32_t sp = cpu.reg(13);
  load(cpu, kWord, POP_T3::field<'t'>(insn), sp, {true, 13, sp + 4});
}
void thumb32_LDRT_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_unprivileged<LDRT_T1>(cpu, insn, kWord);
}
void thumb32_LDR_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_register<LDR_reg_T2>(cpu, insn, kWord);
}

// LDRB, LDRSB, LDRH, LDRSH — A7.7
void thumb32_LDRB_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_offset12<LDRB_imm_T2>(cpu, insn, kByte);
}
void thumb32_LDRB_imm_T3(ArmCpu& cpu, std::uint32_t insn) {
  load_indexed<LDRB_imm_T3>(cpu, insn, kByte);
}
void thumb32_LDRBT_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_unprivileged<LDRBT_T1>(cpu, insn, kByte);
}
void thumb32_LDRB_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_register<LDRB_reg_T2>(cpu, insn, kByte);
}
void thumb32_LDRSB_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_offset12<LDRSB_imm_T1>(cpu, insn, kSignedByte);
}
void thumb32_LDRSB_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_indexed<LDRSB_imm_T2>(cpu, insn, kSignedByte);
}
void thumb32_LDRSBT_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_unprivileged<LDRSBT_T1>(cpu, insn, kSignedByte);
}
void thumb32_LDRSB_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_register<LDRSB_reg_T2>(cpu, insn, kSignedByte);
}
void thumb32_LDRH_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_offset12<LDRH_imm_T2>(cpu, insn, kHalf);
}
void thumb32_LDRH_imm_T3(ArmCpu& cpu, std::uint32_t insn) {
  load_indexed<LDRH_imm_T3>(cpu, insn, kHalf);
}
void thumb32_LDRHT_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_unprivileged<LDRHT_T1>(cpu, insn, kHalf);
}
void thumb32_LDRH_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_register<LDRH_reg_T2>(cpu, insn, kHalf);
}
void thumb32_LDRSH_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_offset12<LDRSH_imm_T1>(cpu, insn, kSignedHalf);
}
void thumb32_LDRSH_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_indexed<LDRSH_imm_T2>(cpu, insn, kSignedHalf);
}
void thumb32_LDRSHT_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_unprivileged<LDRSHT_T1>(cpu, insn, kSignedHalf);
}
void thumb32_LDRSH_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_register<LDRSH_reg_T2>(cpu, insn, kSignedHalf);
}

// LDR<c>.W <Rt>, <label> and the byte/halfword literal loads — A7.7 LDR (literal), LDRB
// (literal)...
void thumb32_LDR_lit_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_literal(cpu, insn, kWord);
}
void thumb32_LDRB_lit_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_literal(cpu, insn, kByte);
}
void thumb32_LDRSB_lit_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_literal(cpu, insn, kSignedByte);
}
void thumb32_LDRH_lit_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_literal(cpu, insn, kHalf);
}
void thumb32_LDRSH_lit_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_literal(cpu, insn, kSignedHalf);
}

// PLD, PLI — A7.7. There is no cache to warm: they only decode, and never
// fault (a preload of an unmapped address is ignored).
void thumb32_PLD_imm_T1(ArmCpu&, std::uint32_t) {}
void thumb32_PLD_imm_T2(ArmCpu&, std::uint32_t) {}
void thumb32_PLD_reg_T1(ArmCpu&, std::uint32_t) {}
void thumb32_PLI_imm_T1(ArmCpu&, std::uint32_t) {}
void thumb32_PLI_imm_T2(ArmCpu&, std::uint32_t) {}
void thumb32_PLI_reg_T1(ArmCpu&, std::uint32_t) {}

// STRB, STRH, STR — A7.7
void thumb32_STRB_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  store_offset12<STRB_imm_T2>(cpu, insn, kByte);
}
void thumb32_STRB_imm_T3(ArmCpu& cpu, std::uint32_t insn) {
  store_indexed<STRB_imm_T3>(cpu, insn, kByte);
}
void thumb32_STRBT_T1(ArmCpu& cpu, std::uint32_t insn) {
  store_unprivileged<STRBT_T1>(cpu, insn, kByte);
}
void thumb32_STRB_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  store_register<STRB_reg_T2>(cpu, insn, kByte);
}
void thumb32_STRH_imm_T2(ArmCpu& cpu, std::uint32_t insn) {
  store_offset12<STRH_imm_T2>(cpu, insn, kHalf);
}
void thumb32_STRH_imm_T3(ArmCpu& cpu, std::uint32_t insn) {
  store_indexed<STRH_imm_T3>(cpu, insn, kHalf);
}
void thumb32_STRHT_T1(ArmCpu& cpu, std::uint32_t insn) {
  store_unprivileged<STRHT_T1>(cpu, insn, kHalf);
}
void thumb32_STRH_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  store_register<STRH_reg_T2>(cpu, insn, kHalf);
}
void thumb32_STR_imm_T3(ArmCpu& cpu, std::uint32_t insn) {
  store_offset12<STR_imm_T3>(cpu, insn, kWord);
}
void thumb32_STR_imm_T4(ArmCpu& cpu, std::uint32_t insn) {
  store_indexed<STR_imm_T4>(cpu, insn, kWord);
}
// PUSH<c>.W <registers> with one register: STR<c>.W <Rt>, [SP, #-4]! — A7.7 T3
void thumb32_PUSH_T3(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned t = PUSH_T3::field<'t'>(insn);
  if (reject_pc(cpu, t)) return;
  const std::uint32_t address = cpu.reg(13) - 4;
  store(cpu, kWord, t, address, {true, 13, address});
}
void thumb32_STRT_T1(ArmCpu& cpu, std::uint32_t insn) {
  store_unprivileged<STRT_T1>(cpu, insn, kWord);
}
void thumb32_STR_reg_T2(ArmCpu& cpu, std::uint32_t insn) {
  store_register<STR_reg_T2>(cpu, insn, kWord);
}

}  // namespace anvil::arm
