// A32 loads and stores (ARMv7-A ARM A5.3 word and unsigned byte, A5.2.8 extra load/store,
// A5.2.10 synchronization primitives, A5.5 LDM/STM). Writeback to the PC, and a loaded base
// register written back, are UNPREDICTABLE and treated as UNDEFINED where they would need
// R15 as a general register.
#include <array>

#include "cores/arm/a32_handlers.h"

namespace anvil::arm {

using namespace a32;

namespace {

// The addressing of A5.3/A5.2.8: P (index), U (add), W (writeback); P = 0 always writes back.
struct Addressing {
  std::uint32_t address;      // where the access goes
  std::uint32_t offset_addr;  // what the base becomes with writeback
  bool writeback;
};

Addressing address_of(const ArmCpu& cpu, std::uint32_t insn, std::uint32_t offset) {
  const std::uint32_t base = cpu.reg(field(insn, 16));
  const std::uint32_t offset_addr = bit(insn, 23) ? base + offset : base - offset;
  const bool index = bit(insn, 24);
  return {index ? offset_addr : base, offset_addr, !index || bit(insn, 21)};
}

}  // namespace

// LDR/LDRB/STR/STRB{T}<c> <Rt>, [<Rn>, +/-<offset>]{!} — A8.8.62 ... A8.8.208:
// cccc 01IP UBWL nnnn tttt oooo oooo oooo (I: register offset shifted by imm5).
void a32_load_store_word_byte(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = field(insn, 16), t = field(insn, 12);
  std::uint32_t offset = insn & 0xFFF;
  if (bit(insn, 25)) {
    const ImmShift s = decode_imm_shift(field(insn, 5, 2), field(insn, 7, 5));
    offset = shift(cpu.reg(field(insn, 0)), s.type, s.amount, cpu.flags.c);
  }
  const Addressing a = address_of(cpu, insn, offset);
  if (a.writeback && (n == 15 || n == t)) return cpu.undefined();  // UNPREDICTABLE
  const bool unprivileged = !bit(insn, 24) && bit(insn, 21);       // LDRT/STRT...
  const bool byte = bit(insn, 22);
  const ArmATiming& timing = a_profile(cpu).timing();
  if (bit(insn, 20)) {
    std::uint32_t value = 0;
    const bool ok = byte ? cpu.read8(a.address, value, unprivileged)
                         : cpu.read32(a.address, value, Align::Unaligned, unprivileged);
    if (!ok) return;
    if (a.writeback) cpu.set_reg(n, a.offset_addr);
    cpu.add_cycles(timing.load);
    if (t == 15) {
      if (byte) return cpu.undefined();
      return cpu.load_write_pc(value);
    }
    cpu.set_reg(t, value);
    return;
  }
  const std::uint32_t value = cpu.reg(t);
  const bool ok = byte ? cpu.write8(a.address, value, unprivileged)
                       : cpu.write32(a.address, value, Align::Unaligned, unprivileged);
  if (!ok) return;
  if (a.writeback) cpu.set_reg(n, a.offset_addr);
  cpu.add_cycles(timing.store);
}

// STRH/LDRD/STRD/LDRH/LDRSB/LDRSH{T} — A8.8.210, A8.8.72, A8.8.210...:
// cccc 000P UIWL nnnn tttt iiii 1SH1 iiii (I: imm4H:imm4L, else Rm in 3:0).
void a32_load_store_extra(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = field(insn, 16), t = field(insn, 12);
  const std::uint32_t offset =
      bit(insn, 22) ? (field(insn, 8) << 4) | field(insn, 0) : cpu.reg(field(insn, 0));
  const Addressing a = address_of(cpu, insn, offset);
  const bool load = bit(insn, 20);
  const unsigned sh = field(insn, 5, 2);
  const bool dual = !load && sh >= 2;  // LDRD (SH = 10) and STRD (SH = 11) have L = 0
  if (a.writeback && (n == 15 || n == t || (dual && n == t + 1))) return cpu.undefined();
  if (t == 15 || (dual && (t & 1))) return cpu.undefined();  // UNPREDICTABLE
  const bool unprivileged = !bit(insn, 24) && bit(insn, 21) && !dual;
  const ArmATiming& timing = a_profile(cpu).timing();
  if (dual) {
    std::uint32_t first = 0, second = 0;
    if (sh == 2) {
      if (!cpu.read32(a.address, first, Align::Required) ||
          !cpu.read32(a.address + 4, second, Align::Required))
        return;
      cpu.set_reg(t, first);
      cpu.set_reg(t + 1, second);
    } else {
      if (!cpu.write32(a.address, cpu.reg(t), Align::Required) ||
          !cpu.write32(a.address + 4, cpu.reg(t + 1), Align::Required))
        return;
    }
    if (a.writeback) cpu.set_reg(n, a.offset_addr);
    cpu.add_cycles(timing.load + timing.per_register);
    return;
  }
  std::uint32_t value = 0;
  if (!load) {
    if (!cpu.write16(a.address, cpu.reg(t), Align::Unaligned, unprivileged)) return;
    if (a.writeback) cpu.set_reg(n, a.offset_addr);
    cpu.add_cycles(timing.store);
    return;
  }
  bool ok = false;
  if (sh == 2) {
    ok = cpu.read8(a.address, value, unprivileged);
    value = static_cast<std::uint32_t>(static_cast<std::int8_t>(value));
  } else {
    ok = cpu.read16(a.address, value, Align::Unaligned, unprivileged);
    if (sh == 3) value = static_cast<std::uint32_t>(static_cast<std::int16_t>(value));
  }
  if (!ok) return;
  if (a.writeback) cpu.set_reg(n, a.offset_addr);
  cpu.set_reg(t, value);
  cpu.add_cycles(timing.load);
}

// LDREX/LDREXD/LDREXB/LDREXH<c> <Rt>, [<Rn>] — A8.8.75-78: cccc 0001 1ss1 nnnn tttt 1111 1001 1111
void a32_load_exclusive(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = field(insn, 16), t = field(insn, 12), size = field(insn, 21, 2);
  if (n == 15 || t == 15 || (size == 1 && (t & 1 || t == 14))) return cpu.undefined();
  const std::uint32_t address = cpu.reg(n);
  std::uint32_t value = 0, second = 0;
  bool ok = false;
  switch (size) {
    case 0:
      ok = cpu.read32(address, value, Align::Required);
      break;
    case 1:
      ok = cpu.read32(address, value, Align::Required) &&
           cpu.read32(address + 4, second, Align::Required);
      break;
    case 2:
      ok = cpu.read8(address, value);
      break;
    default:
      ok = cpu.read16(address, value, Align::Required);
      break;
  }
  if (!ok) return;
  cpu.set_exclusive(address);
  cpu.set_reg(t, value);
  if (size == 1) cpu.set_reg(t + 1, second);
  cpu.add_cycles(a_profile(cpu).timing().load);
}

// STREX/STREXD/STREXB/STREXH<c> <Rd>, <Rt>, [<Rn>] — A8.8.212-215:
// cccc 0001 1ss0 nnnn dddd 1111 1001 tttt. Rd = 0 when the store happened, 1 otherwise.
void a32_store_exclusive(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = field(insn, 16), d = field(insn, 12), t = field(insn, 0);
  const unsigned size = field(insn, 21, 2);
  if (n == 15 || d == 15 || t == 15 || d == n || d == t ||
      (size == 1 && (t & 1 || t == 14 || d == t + 1)))
    return cpu.undefined();
  const std::uint32_t address = cpu.reg(n);
  const unsigned bytes = size == 0 ? 4 : size == 1 ? 8 : size == 2 ? 1 : 2;
  if (address % (bytes == 8 ? 4 : bytes) != 0 && !a_profile(cpu).linux_user())
    return cpu.usage_fault(kUnaligned);
  if (!cpu.exclusive_passed(address)) return cpu.set_reg(d, 1);
  bool ok = false;
  switch (size) {
    case 0:
      ok = cpu.write32(address, cpu.reg(t), Align::Required);
      break;
    case 1:
      ok = cpu.write32(address, cpu.reg(t), Align::Required) &&
           cpu.write32(address + 4, cpu.reg(t + 1), Align::Required);
      break;
    case 2:
      ok = cpu.write8(address, cpu.reg(t));
      break;
    default:
      ok = cpu.write16(address, cpu.reg(t), Align::Required);
      break;
  }
  if (!ok) return;
  cpu.set_reg(d, 0);
  cpu.add_cycles(a_profile(cpu).timing().store);
}

// SWP{B}<c> <Rt>, <Rt2>, [<Rn>] — A8.8.229: cccc 0001 0B00 nnnn tttt 0000 1001 mmmm
void a32_SWP(ArmCpu& cpu, std::uint32_t insn) {
  const unsigned n = field(insn, 16), t = field(insn, 12), m = field(insn, 0);
  if (n == 15 || t == 15 || m == 15 || n == t || n == m) return cpu.undefined();
  const std::uint32_t address = cpu.reg(n), new_value = cpu.reg(m);
  std::uint32_t old = 0;
  if (bit(insn, 22)) {
    if (!cpu.read8(address, old) || !cpu.write8(address, new_value)) return;
  } else {
    if (!cpu.read32(address, old, Align::Required) ||
        !cpu.write32(address, new_value, Align::Required))
      return;
  }
  cpu.set_reg(t, old);
  cpu.add_cycles(a_profile(cpu).timing().load + a_profile(cpu).timing().store + 1);
}

// LDM/STM{IA,IB,DA,DB}<c> <Rn>{!}, <registers>{^} — A8.8.58-61, A8.8.199-202, B9.3.5/6,
// B9.3.17: cccc 100P USWL nnnn rrrr rrrr rrrr rrrr. With S: STM stores, and LDM without the PC
// loads, the User mode registers; LDM with the PC returns from an exception (CPSR = SPSR).
// Loads complete before any register changes, so an abort leaves every register as it was.
void a32_load_store_multiple(ArmCpu& cpu, std::uint32_t insn) {
  ArmA& a = a_profile(cpu);
  const unsigned n = field(insn, 16);
  const std::uint32_t list = insn & 0xFFFF;
  const unsigned count = bit_count(list);
  const bool before = bit(insn, 24), up = bit(insn, 23), user = bit(insn, 22);
  const bool writeback = bit(insn, 21), load = bit(insn, 20);
  if (n == 15 || count == 0) return cpu.undefined();  // UNPREDICTABLE
  const std::uint32_t base = cpu.reg(n);
  const std::uint32_t lowest = up ? base + (before ? 4 : 0) : base - 4 * count + (before ? 0 : 4);
  const std::uint32_t new_base = up ? base + 4 * count : base - 4 * count;
  const bool user_registers = user && !(load && (list & 0x8000));
  std::uint32_t address = lowest;
  cpu.add_cycles(count * a.timing().per_register);
  if (!load) {
    for (unsigned i = 0; i < 16; ++i) {
      if (!(list & (1u << i))) continue;
      const std::uint32_t value = user_registers ? a.user_reg(i) : cpu.reg(i);
      if (!cpu.write32(address, value, Align::Required)) return;
      address += 4;
    }
    if (writeback && !user_registers) cpu.set_reg(n, new_base);
    return;
  }
  std::array<std::uint32_t, 16> values{};
  for (unsigned i = 0; i < 16; ++i) {
    if (!(list & (1u << i))) continue;
    if (!cpu.read32(address, values[i], Align::Required)) return;
    address += 4;
  }
  if (writeback && !(list & (1u << n))) cpu.set_reg(n, new_base);
  for (unsigned i = 0; i < 15; ++i) {
    if (!(list & (1u << i))) continue;
    if (user_registers)
      a.set_user_reg(i, values[i]);
    else
      cpu.set_reg(i, values[i]);
  }
  if (list & 0x8000) {
    if (user)
      a.exception_return(values[15], a.spsr());
    else
      cpu.load_write_pc(values[15]);
  }
}

}  // namespace anvil::arm
