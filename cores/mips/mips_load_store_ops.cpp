// Loads and stores. MIPS32 ISA entries of the same names. The effective address is
// GPR[base] + sign-extended offset; misaligned halfword/word accesses raise AdEL/AdES.
// Loads write through MipsCore::load_gpr, which delays the write by one instruction on
// MIPS I (the load-delay slot).
#include "cores/mips/mips_ops.h"

namespace anvil::mips::ops {

namespace {
std::uint32_t effective_address(const MipsCore& cpu, std::uint32_t insn) {
  return cpu.gpr(rs(insn)) + imm_signed(insn);
}

// Where byte lane `lane` (bits 8*lane+7..8*lane of a register) sits in an aligned word:
// big-endian puts the most significant byte at the lowest address.
std::uint32_t lane_address(const MipsCore& cpu, std::uint32_t aligned, unsigned lane) {
  return aligned + (cpu.big_endian() ? 3 - lane : lane);
}

// Stores the byte lanes of `value` selected by `lanes` (a bit per lane), lowest address
// first; the other bytes of the word are not touched.
bool store_lanes(MipsCore& cpu, std::uint32_t aligned, std::uint32_t value, unsigned lanes) {
  for (unsigned i = 0; i < 4; ++i) {
    const unsigned lane = cpu.big_endian() ? 3 - i : i;
    if (!((lanes >> lane) & 1)) continue;
    if (!cpu.write8(lane_address(cpu, aligned, lane), value >> (8 * lane))) return false;
  }
  return true;
}

// For LWL/SWL: how many bytes the register shifts by (the byte's distance from the word's
// most significant end); for LWR/SWR the distance from the least significant end.
unsigned left_shift_bytes(const MipsCore& cpu, std::uint32_t va) {
  return cpu.big_endian() ? (va & 3) : 3 - (va & 3);
}
unsigned right_shift_bytes(const MipsCore& cpu, std::uint32_t va) {
  return cpu.big_endian() ? 3 - (va & 3) : (va & 3);
}
}  // namespace

void LB(MipsCore& cpu, std::uint32_t insn) {
  std::uint32_t v = 0;
  if (!cpu.read8(effective_address(cpu, insn), v)) return;
  cpu.load_gpr(rt(insn), static_cast<std::uint32_t>(static_cast<std::int8_t>(v)));
}
void LBU(MipsCore& cpu, std::uint32_t insn) {
  std::uint32_t v = 0;
  if (!cpu.read8(effective_address(cpu, insn), v)) return;
  cpu.load_gpr(rt(insn), v);
}
void LH(MipsCore& cpu, std::uint32_t insn) {
  std::uint32_t v = 0;
  if (!cpu.read16(effective_address(cpu, insn), v)) return;
  cpu.load_gpr(rt(insn), imm_signed(v));
}
void LHU(MipsCore& cpu, std::uint32_t insn) {
  std::uint32_t v = 0;
  if (!cpu.read16(effective_address(cpu, insn), v)) return;
  cpu.load_gpr(rt(insn), v);
}
void LW(MipsCore& cpu, std::uint32_t insn) {
  std::uint32_t v = 0;
  if (!cpu.read32(effective_address(cpu, insn), v)) return;
  cpu.load_gpr(rt(insn), v);
}

// LWL: the bytes from the address to the end of its word fill the register from the most
// significant end; the rest of the register is kept (merging with a load still in flight,
// which is why back-to-back LWL/LWR work in a load-delay slot).
void LWL(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t va = effective_address(cpu, insn);
  std::uint32_t word = 0;
  if (!cpu.read32(va & ~3u, word)) return;
  const unsigned shift = 8 * left_shift_bytes(cpu, va);
  const std::uint32_t kept = shift ? cpu.gpr_for_merge(rt(insn)) & ((1u << shift) - 1) : 0;
  cpu.load_gpr(rt(insn), (word << shift) | kept);
}
// LWR: the bytes from the start of the word to the address fill the register from the least
// significant end.
void LWR(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t va = effective_address(cpu, insn);
  std::uint32_t word = 0;
  if (!cpu.read32(va & ~3u, word)) return;
  const unsigned shift = 8 * right_shift_bytes(cpu, va);
  const std::uint32_t kept = cpu.gpr_for_merge(rt(insn)) & ~(0xFFFFFFFFu >> shift);
  cpu.load_gpr(rt(insn), (word >> shift) | kept);
}

void SB(MipsCore& cpu, std::uint32_t insn) {
  cpu.write8(effective_address(cpu, insn), cpu.gpr(rt(insn)));
}
void SH(MipsCore& cpu, std::uint32_t insn) {
  cpu.write16(effective_address(cpu, insn), cpu.gpr(rt(insn)));
}
void SW(MipsCore& cpu, std::uint32_t insn) {
  cpu.write32(effective_address(cpu, insn), cpu.gpr(rt(insn)));
}
// SWL/SWR: the mirror of LWL/LWR; only the bytes the instruction names are written.
void SWL(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t va = effective_address(cpu, insn);
  const unsigned bytes = left_shift_bytes(cpu, va);
  const unsigned lanes = 0xFu >> bytes;
  store_lanes(cpu, va & ~3u, cpu.gpr(rt(insn)) >> (8 * bytes), lanes);
}
void SWR(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t va = effective_address(cpu, insn);
  const unsigned bytes = right_shift_bytes(cpu, va);
  const unsigned lanes = (0xFu << bytes) & 0xFu;
  store_lanes(cpu, va & ~3u, cpu.gpr(rt(insn)) << (8 * bytes), lanes);
}

// LL/SC: SC stores only while the link from LL holds, and writes 1 (stored) or 0 to rt.
void LL(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t va = effective_address(cpu, insn);
  std::uint32_t v = 0;
  if (!cpu.read32(va, v)) return;
  cpu.load_gpr(rt(insn), v);
  cpu.set_link(va);
}
void SC(MipsCore& cpu, std::uint32_t insn) {
  const std::uint32_t va = effective_address(cpu, insn);
  if (va & 3) return cpu.address_error(true, va);
  if (!cpu.take_link(va)) return cpu.set_gpr(rt(insn), 0);
  if (!cpu.write32(va, cpu.gpr(rt(insn)))) return;
  cpu.set_gpr(rt(insn), 1);
}

// SYNC, PREF and SYNCI order or warm caches this model does not have.
void SYNC(MipsCore&, std::uint32_t) {}
void PREF(MipsCore&, std::uint32_t) {}
void NOP(MipsCore&, std::uint32_t) {}
// CACHE is privileged (Coprocessor Unusable 0 in user mode without CU0); no caches here.
void CACHE(MipsCore& cpu, std::uint32_t) {
  cpu.coprocessor_usable(0);
}

}  // namespace anvil::mips::ops
