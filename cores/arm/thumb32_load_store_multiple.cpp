// 32-bit load/store multiple (ARMv7-M ARM A5.3.5) and load/store dual, exclusive and table
// branch (A5.3.6). Multiple and dual accesses must be word aligned (A3.2.1).
#include <array>
#include <bit>

#include "cores/arm/thumb32_load_store.h"

#include "cores/arm/alu.h"
#include "cores/arm/cortex_m3_timing.h"

namespace anvil::arm {
namespace {

enum class Direction { IncrementAfter, DecrementBefore };

std::uint32_t lowest_address(std::uint32_t base, unsigned count, Direction direction) {
  return direction == Direction::IncrementAfter ? base : base - 4 * count;
}
std::uint32_t written_back_base(std::uint32_t base, unsigned count, Direction direction) {
  return direction == Direction::IncrementAfter ? base + 4 * count : base - 4 * count;
}

// LDM/LDMDB/POP — A7.7. All words are read before any register is
// written, so a fault part-way leaves the registers untouched. A base register in the list
// takes the loaded value (the pseudocode's "if wback && registers<n> == '0'"); PC in the list
// is LoadWritePC. M3 TRM Table 18-1: 1 + N cycles.
void load_multiple(ArmCpu& cpu, unsigned n, std::uint32_t registers, bool wback,
                   Direction direction) {
  const unsigned count = bit_count(registers);
  // UNPREDICTABLE: Rn = PC, an empty list, or both PC and LR in the list.
  if (reject_if(cpu, n == 15 || count == 0 || (registers & 0xC000) == 0xC000)) return;
  const std::uint32_t base = cpu.reg(n);
  std::uint32_t address = lowest_address(base, count, direction);
  std::array<std::uint32_t, 16> loaded{};
  for (unsigned i = 0; i < 16; ++i) {
    if (!bit(registers, i)) continue;
    if (!cpu.read32(address, loaded[i], Align::Required)) return;
    address += 4;
  }
  cpu.add_cycles(m3_timing::multiple_extra(count));
  if (wback && !bit(registers, n)) cpu.set_reg(n, written_back_base(base, count, direction));
  for (unsigned i = 0; i < 15; ++i) {
    if (bit(registers, i)) cpu.set_reg(i, loaded[i]);
  }
  if (bit(registers, 15)) cpu.load_write_pc(loaded[15]);
}

// STM/STMDB/PUSH — A7.7. A base register in the list stores its
// original value (UNPREDICTABLE with writeback; this is what the pseudocode computes).
void store_multiple(ArmCpu& cpu, unsigned n, std::uint32_t registers, bool wback,
                    Direction direction) {
  const unsigned count = bit_count(registers);
  if (reject_if(cpu, n == 15 || count == 0)) return;  // UNPREDICTABLE
  const std::uint32_t base = cpu.reg(n);
  std::uint32_t address = lowest_address(base, count, direction);
  for (unsigned i = 0; i < 15; ++i) {
    if (!bit(registers, i)) continue;
    if (!cpu.write32(address, cpu.reg(i), Align::Required)) return;
    address += 4;
  }
  cpu.add_cycles(m3_timing::multiple_extra(count));
  if (wback) cpu.set_reg(n, written_back_base(base, count, direction));
}

// LDRD/STRD (immediate) — A7.7; LDRD (literal) — A7.7 when Rn = PC.
struct DualAddress {
  std::uint32_t address;
  std::uint32_t offset_address;
  bool wback;
};
template <class E, bool post_indexed>
DualAddress dual_address(const ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = E::template field<'n'>(insn);
  const std::uint32_t imm = E::template field<'i'>(insn) << 2;
  const std::uint32_t base = n == 15 ? cpu.align_pc() : cpu.reg(n);
  const std::uint32_t offset_address = E::template field<'u'>(insn) ? base + imm : base - imm;
  bool wback = true;
  if constexpr (!post_indexed) wback = E::template field<'w'>(insn);
  return {post_indexed ? base : offset_address, offset_address, wback};
}

template <class E, bool post_indexed>
void load_dual(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = E::template field<'n'>(insn);
  const unsigned t = E::template field<'t'>(insn), t2 = E::template field<'s'>(insn);
  const DualAddress a = dual_address<E, post_indexed>(cpu, insn);
  // UNPREDICTABLE: PC as a destination, or writeback of the literal form.
  if (reject_if(cpu, t == 15 || t2 == 15 || (n == 15 && a.wback))) return;
  std::uint32_t first = 0, second = 0;
  if (!cpu.read32(a.address, first, Align::Required)) return;
  if (!cpu.read32(a.address + 4, second, Align::Required)) return;
  cpu.add_cycles(m3_timing::multiple_extra(2));  // M3 TRM Table 18-1: 1 + N
  cpu.set_reg(t, first);
  cpu.set_reg(t2, second);
  if (a.wback) cpu.set_reg(n, a.offset_address);
}

template <class E, bool post_indexed>
void store_dual(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = E::template field<'n'>(insn);
  const unsigned t = E::template field<'t'>(insn), t2 = E::template field<'s'>(insn);
  if (reject_if(cpu, n == 15 || t == 15 || t2 == 15)) return;  // UNPREDICTABLE
  const DualAddress a = dual_address<E, post_indexed>(cpu, insn);
  if (!cpu.write32(a.address, cpu.reg(t), Align::Required)) return;
  if (!cpu.write32(a.address + 4, cpu.reg(t2), Align::Required)) return;
  cpu.add_cycles(m3_timing::multiple_extra(2));
  if (a.wback) cpu.set_reg(n, a.offset_address);
}

// LDREX/LDREXB/LDREXH — A7.7: the read, then the monitor is armed.
void load_exclusive(ArmCpu& cpu, unsigned t, std::uint32_t address, unsigned size) {
  if (reject_pc(cpu, t)) return;
  std::uint32_t value = 0;
  bool ok = false;
  if (size == 1)
    ok = cpu.read8(address, value);
  else if (size == 2)
    ok = cpu.read16(address, value, Align::Required);
  else
    ok = cpu.read32(address, value, Align::Required);
  if (!ok) return;
  cpu.add_cycles(m3_timing::kLoadExtra);
  cpu.set_exclusive(address);
  cpu.set_reg(t, value);
}

// STREX/STREXB/STREXH — A7.7: Rd = 0 when the store happened, 1 when the monitor
// had been cleared. ExclusiveMonitorsPass() checks alignment before the monitor.
void store_exclusive(ArmCpu& cpu, unsigned d, unsigned t, std::uint32_t address, unsigned size) {
  if (reject_if(cpu, d == 15 || t == 15)) return;  // UNPREDICTABLE
  if (address % size != 0) return cpu.usage_fault(kUnaligned);
  cpu.add_cycles(1);  // M3 TRM Table 18-1: STREX 2 cycles
  if (!cpu.exclusive_passed(address)) return cpu.set_reg(d, 1);
  const std::uint32_t value = cpu.reg(t);
  bool ok = false;
  if (size == 1)
    ok = cpu.write8(address, value & 0xFF);
  else if (size == 2)
    ok = cpu.write16(address, value & 0xFFFF, Align::Required);
  else
    ok = cpu.write32(address, value, Align::Required);
  if (ok) cpu.set_reg(d, 0);
}

template <class E>
std::uint32_t exclusive_base(const ArmCpu& cpu, std::uint32_t insn) {
  return cpu.reg(E::template field<'n'>(insn));
}

}  // namespace

using namespace thumb32;

// STM<c>.W <Rn>{!}, <registers>
void thumb32_STM_T2(ArmCpu& cpu, std::uint32_t insn) {
  store_multiple(cpu, STM_T2::field<'n'>(insn), store_list<STM_T2>(insn), STM_T2::field<'w'>(insn),
                 Direction::IncrementAfter);
}
// LDM<c>.W <Rn>{!}, <registers>
void thumb32_LDM_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_multiple(cpu, LDM_T2::field<'n'>(insn), load_list<LDM_T2>(insn), LDM_T2::field<'w'>(insn),
                Direction::IncrementAfter);
}
// POP<c>.W <registers> (LDMIA SP!)
void thumb32_POP_T2(ArmCpu& cpu, std::uint32_t insn) {
  load_multiple(cpu, 13, load_list<POP_T2>(insn), true, Direction::IncrementAfter);
}
// STMDB<c> <Rn>{!}, <registers>
void thumb32_STMDB_T1(ArmCpu& cpu, std::uint32_t insn) {
  store_multiple(cpu, STMDB_T1::field<'n'>(insn), store_list<STMDB_T1>(insn),
                 STMDB_T1::field<'w'>(insn), Direction::DecrementBefore);
}
// PUSH<c>.W <registers> (STMDB SP!)
void thumb32_PUSH_T2(ArmCpu& cpu, std::uint32_t insn) {
  store_multiple(cpu, 13, store_list<PUSH_T2>(insn), true, Direction::DecrementBefore);
}
// LDMDB<c> <Rn>{!}, <registers>
void thumb32_LDMDB_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_multiple(cpu, LDMDB_T1::field<'n'>(insn), load_list<LDMDB_T1>(insn),
                LDMDB_T1::field<'w'>(insn), Direction::DecrementBefore);
}

// LDRD<c> <Rt>, <Rt2>, [<Rn>{, #+/-<imm>}]{!} / [<Rn>], #+/-<imm> / <label>
void thumb32_LDRD_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_dual<LDRD_imm_T1, false>(cpu, insn);
}
void thumb32_LDRD_imm_T1_post(ArmCpu& cpu, std::uint32_t insn) {
  load_dual<LDRD_imm_T1_post, true>(cpu, insn);
}
// STRD<c> <Rt>, <Rt2>, [<Rn>{, #+/-<imm>}]{!} / [<Rn>], #+/-<imm>
void thumb32_STRD_imm_T1(ArmCpu& cpu, std::uint32_t insn) {
  store_dual<STRD_imm_T1, false>(cpu, insn);
}
void thumb32_STRD_imm_T1_post(ArmCpu& cpu, std::uint32_t insn) {
  store_dual<STRD_imm_T1_post, true>(cpu, insn);
}

// LDREX<c> <Rt>, [<Rn>{, #<imm>}]
void thumb32_LDREX_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_exclusive(cpu, LDREX_T1::field<'t'>(insn),
                 exclusive_base<LDREX_T1>(cpu, insn) + (LDREX_T1::field<'i'>(insn) << 2), 4);
}
void thumb32_LDREXB_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_exclusive(cpu, LDREXB_T1::field<'t'>(insn), exclusive_base<LDREXB_T1>(cpu, insn), 1);
}
void thumb32_LDREXH_T1(ArmCpu& cpu, std::uint32_t insn) {
  load_exclusive(cpu, LDREXH_T1::field<'t'>(insn), exclusive_base<LDREXH_T1>(cpu, insn), 2);
}
// STREX<c> <Rd>, <Rt>, [<Rn>{, #<imm>}]
void thumb32_STREX_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = STREX_T1;
  store_exclusive(cpu, E::field<'d'>(insn), E::field<'t'>(insn),
                  exclusive_base<E>(cpu, insn) + (E::field<'i'>(insn) << 2), 4);
}
void thumb32_STREXB_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = STREXB_T1;
  store_exclusive(cpu, E::field<'d'>(insn), E::field<'t'>(insn), exclusive_base<E>(cpu, insn), 1);
}
void thumb32_STREXH_T1(ArmCpu& cpu, std::uint32_t insn) {
  using E = STREXH_T1;
  store_exclusive(cpu, E::field<'d'>(insn), E::field<'t'>(insn), exclusive_base<E>(cpu, insn), 2);
}

// TBB<c> [<Rn>, <Rm>] / TBH<c> [<Rn>, <Rm>, LSL #1] — A7.7: branch forward by twice the
// table entry. Rn may be PC (the table follows the instruction). M3 TRM: 2 + P cycles.
void thumb32_TBB_T1(ArmCpu& cpu, std::uint32_t insn) {
  std::uint32_t entry = 0;
  const std::uint32_t address =
      cpu.reg(TBB_T1::field<'n'>(insn)) + cpu.reg(TBB_T1::field<'m'>(insn));
  if (!cpu.read8(address, entry)) return;
  cpu.add_cycles(m3_timing::kLoadExtra);
  cpu.branch_write_pc(cpu.reg(15) + 2 * entry);
}
void thumb32_TBH_T1(ArmCpu& cpu, std::uint32_t insn) {
  std::uint32_t entry = 0;
  const std::uint32_t address =
      cpu.reg(TBH_T1::field<'n'>(insn)) + (cpu.reg(TBH_T1::field<'m'>(insn)) << 1);
  if (!cpu.read16(address, entry, Align::Unaligned)) return;
  cpu.add_cycles(m3_timing::kLoadExtra);
  cpu.branch_write_pc(cpu.reg(15) + 2 * entry);
}

}  // namespace anvil::arm
