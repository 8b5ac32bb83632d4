// The 68020's integer arithmetic additions: 32-bit multiply and divide (with 64-bit
// product and dividend), EXTB.L, CHK.L, CHK2/CMP2, PACK/UNPK and the compare-and-swap
// instructions CAS/CAS2 (PRM 4). Results and flags as the PRM's "Condition Codes" entries
// state them; where the PRM leaves a flag undefined it is computed as qemu-m68k does, so the
// differential tests compare whole states.
#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68020_handlers.h"

namespace anvil::m68k {

namespace {

// The N and Z of a 32- or 64-bit result, V as given, C clear, X kept.
void set_nzv(M68000Core& cpu, bool negative, bool zero, bool overflow) {
  std::uint16_t ccr = cpu.sr() & kX;
  if (negative) ccr |= kN;
  if (zero) ccr |= kZ;
  if (overflow) ccr |= kV;
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
}

// The register an extension word names in bits 14-12 (with D/A in bit 15).
std::uint32_t& named_register(M68000Core& cpu, std::uint16_t extension) {
  const unsigned reg = (extension >> 12) & 7;
  return (extension & 0x8000) ? cpu.a[reg] : cpu.d[reg];
}

// A quotient that does not fit: V set, C clear, the registers unchanged (PRM 4-93).
void divide_overflow(M68000Core& cpu) {
  cpu.set_flag(kV, true);
  cpu.set_flag(kC, false);
  cpu.prefetch();
}

Size size_at9(std::uint16_t op) {  // CAS, CHK2/CMP2: bits 10-9 = 01 byte, 10 word, 11 long
  const unsigned s = (op >> 9) & 3;
  return s == 1 ? Size::Byte : s == 2 ? Size::Word : Size::Long;
}

}  // namespace

// MULU.L/MULS.L <ea>,Dl or <ea>,Dh:Dl (PRM 4-136, 4-139). Extension word: Dl (14-12),
// signed (11), 64-bit product (10), Dh (2-0). V: the 32-bit form's product overflowed.
void op_mul_long(M68000Core& cpu, std::uint16_t op) {
  const std::uint16_t extension = cpu.read_extension();
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), Size::Long);
  const std::uint32_t multiplier = cpu.read_operand(src, Size::Long);
  const unsigned dl = (extension >> 12) & 7, dh = extension & 7;
  const bool is_signed = extension & 0x0800, wide = extension & 0x0400;
  std::uint64_t product;
  bool overflow;
  if (is_signed) {
    const std::int64_t p =
        std::int64_t{static_cast<std::int32_t>(cpu.d[dl])} * static_cast<std::int32_t>(multiplier);
    product = static_cast<std::uint64_t>(p);
    overflow = p != static_cast<std::int32_t>(p);
  } else {
    product = std::uint64_t{cpu.d[dl]} * multiplier;
    overflow = product >> 32;
  }
  if (wide) {
    cpu.d[dh] = static_cast<std::uint32_t>(product >> 32);
    cpu.d[dl] = static_cast<std::uint32_t>(product);
    set_nzv(cpu, product >> 63, product == 0, false);
  } else {
    cpu.d[dl] = static_cast<std::uint32_t>(product);
    set_nzv(cpu, cpu.d[dl] >> 31, cpu.d[dl] == 0, overflow);
  }
  cpu.prefetch();
}

// DIVU.L/DIVS.L (PRM 4-93, 4-97). Extension word: Dq (14-12), signed (11), 64-bit dividend
// Dr:Dq (10), Dr (2-0). The 32-bit forms leave the remainder in Dr unless Dr is Dq. On
// overflow V is set and the registers are unchanged; division by zero traps (vector 5).
void op_div_long(M68000Core& cpu, std::uint16_t op) {
  const std::uint16_t extension = cpu.read_extension();
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), Size::Long);
  const std::uint32_t divisor = cpu.read_operand(src, Size::Long);
  const unsigned dq = (extension >> 12) & 7, dr = extension & 7;
  const bool is_signed = extension & 0x0800, wide = extension & 0x0400;
  if (divisor == 0) {
    cpu.set_flag(kC, false);
    cpu.exception(kVectorZeroDivide, cpu.pc_value() - 2);
    return;
  }
  std::uint32_t quotient, remainder;
  if (is_signed) {
    const std::int64_t dividend =
        wide ? static_cast<std::int64_t>((std::uint64_t{cpu.d[dr]} << 32) | cpu.d[dq])
             : std::int64_t{static_cast<std::int32_t>(cpu.d[dq])};
    const std::int64_t d = static_cast<std::int32_t>(divisor);
    // INT64_MIN / -1 does not fit either: it is an overflow like any other.
    if (dividend == INT64_MIN && d == -1) return divide_overflow(cpu);
    const std::int64_t q = dividend / d, r = dividend % d;
    if (q != static_cast<std::int32_t>(q)) return divide_overflow(cpu);
    quotient = static_cast<std::uint32_t>(q);
    remainder = static_cast<std::uint32_t>(r);
  } else {
    const std::uint64_t dividend = wide ? (std::uint64_t{cpu.d[dr]} << 32) | cpu.d[dq] : cpu.d[dq];
    const std::uint64_t q = dividend / divisor;
    if (q >> 32) return divide_overflow(cpu);
    quotient = static_cast<std::uint32_t>(q);
    remainder = static_cast<std::uint32_t>(dividend % divisor);
  }
  if (dr != dq) cpu.d[dr] = remainder;
  cpu.d[dq] = quotient;
  set_nzv(cpu, quotient >> 31, quotient == 0, false);
  cpu.prefetch();
}

// EXTB.L Dn (PRM 4-106): byte to long.
void op_extb(M68000Core& cpu, std::uint16_t op) {
  const unsigned dn = ea_reg(op);
  cpu.d[dn] = sign_extend_to_32(cpu.d[dn] & 0xFF, Size::Byte);
  set_logic_flags(cpu, cpu.d[dn], Size::Long);
  cpu.prefetch();
}

// CHK.L <ea>,Dn (PRM 4-69): traps when Dn < 0 or Dn > the operand (signed). N set when
// Dn < 0, cleared when Dn > bound; Z, V, C as the 68000's CHK.W leaves them here.
void op_chk_long(M68000Core& cpu, std::uint16_t op) {
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), Size::Long);
  const auto bound = static_cast<std::int32_t>(cpu.read_operand(src, Size::Long));
  const auto value = static_cast<std::int32_t>(cpu.d[reg9(op)]);
  set_logic_flags(cpu, cpu.d[reg9(op)], Size::Long);
  if (value < 0 || value > bound) return cpu.exception(kVectorChk, cpu.pc_value() - 2);
  cpu.prefetch();
}

// CHK2/CMP2 <ea>,Rn (PRM 4-72, 4-83): the lower bound at <ea>, the upper bound after it.
// An address register compares all 32 bits against sign-extended bounds. Z: Rn equals a
// bound; C: Rn is outside [lower, upper] (a lower bound above the upper one wraps around,
// which makes signed and unsigned bounds both work). CHK2 (bit 11) traps when C is set.
void op_chk2_cmp2(M68000Core& cpu, std::uint16_t op) {
  const std::uint16_t extension = cpu.read_extension();
  const Size size = size_at6(static_cast<std::uint16_t>(op >> 3));  // bits 10-9
  const Operand src = cpu.ea(ea_mode(op), ea_reg(op), size);
  std::uint32_t lower = cpu.read(size, src.address);
  std::uint32_t upper = cpu.read(size, src.address + static_cast<unsigned>(size));
  std::uint32_t value = named_register(cpu, extension);
  if (extension & 0x8000) {
    lower = sign_extend_to_32(lower, size);
    upper = sign_extend_to_32(upper, size);
  } else {
    value &= size_mask(size);
  }
  const bool out_of_bounds =
      lower <= upper ? (value < lower || value > upper) : (value > upper && value < lower);
  std::uint16_t ccr = cpu.sr() & (kX | kN | kV);
  if (value == lower || value == upper) ccr |= kZ;
  if (out_of_bounds) ccr |= kC;
  cpu.set_ccr(static_cast<std::uint8_t>(ccr));
  if (out_of_bounds && (extension & 0x0800)) return cpu.exception(kVectorChk, cpu.pc_value() - 2);
  cpu.prefetch();
}

// PACK -(Ax),-(Ay),#adj / Dx,Dy,#adj (PRM 4-157): two unpacked BCD digits (a word) plus the
// adjustment become one byte. In memory the word's low byte is read first, at Ax-1.
void op_pack(M68000Core& cpu, std::uint16_t op) {
  const std::uint16_t adjustment = cpu.read_extension();
  const unsigned x = ea_reg(op), y = reg9(op);
  if (op & 8) {
    cpu.a[x] -= (x == 7) ? 2 : 1;
    std::uint32_t word = cpu.read_byte(cpu.a[x]);
    cpu.a[x] -= (x == 7) ? 2 : 1;
    word |= std::uint32_t{cpu.read_byte(cpu.a[x])} << 8;
    word = (word + adjustment) & 0xFFFF;
    cpu.a[y] -= (y == 7) ? 2 : 1;
    cpu.write_byte(cpu.a[y], static_cast<std::uint8_t>(((word >> 4) & 0xF0) | (word & 0x0F)));
  } else {
    const std::uint32_t word = (cpu.d[x] + adjustment) & 0xFFFF;
    cpu.d[y] = (cpu.d[y] & ~0xFFu) | ((word >> 4) & 0xF0) | (word & 0x0F);
  }
  cpu.prefetch();
}

// UNPK (PRM 4-196): one packed BCD byte becomes two digits in a word, plus the adjustment.
// In memory the result's low byte is written first, at Ay-1.
void op_unpk(M68000Core& cpu, std::uint16_t op) {
  const std::uint16_t adjustment = cpu.read_extension();
  const unsigned x = ea_reg(op), y = reg9(op);
  auto unpack = [adjustment](std::uint32_t byte) {
    return (((byte << 4) & 0x0F00) | (byte & 0x0F)) + adjustment;
  };
  if (op & 8) {
    cpu.a[x] -= (x == 7) ? 2 : 1;
    const std::uint32_t word = unpack(cpu.read_byte(cpu.a[x]));
    cpu.a[y] -= (y == 7) ? 2 : 1;
    cpu.write_byte(cpu.a[y], static_cast<std::uint8_t>(word));
    cpu.a[y] -= (y == 7) ? 2 : 1;
    cpu.write_byte(cpu.a[y], static_cast<std::uint8_t>(word >> 8));
  } else {
    cpu.d[y] = (cpu.d[y] & 0xFFFF0000u) | (unpack(cpu.d[x] & 0xFF) & 0xFFFF);
  }
  cpu.prefetch();
}

// CAS Dc,Du,<ea> (PRM 4-65): compare <ea> with Dc; equal: <ea> = Du, else Dc = <ea>.
// Indivisible on the bus (no other master here between the read and the write).
void op_cas(M68000Core& cpu, std::uint16_t op) {
  const std::uint16_t extension = cpu.read_extension();
  const Size size = size_at9(op);
  const Operand dst = cpu.ea(ea_mode(op), ea_reg(op), size);
  const std::uint32_t value = cpu.read(size, dst.address);
  const unsigned dc = extension & 7, du = (extension >> 6) & 7;
  compare(cpu, size, cpu.d[dc], value);
  if (cpu.flag(kZ)) {
    cpu.write(size, dst.address, cpu.d[du]);
  } else {
    const std::uint32_t mask = size_mask(size);
    cpu.d[dc] = (cpu.d[dc] & ~mask) | value;
  }
  cpu.prefetch();
}

// CAS2 Dc1:Dc2,Du1:Du2,(Rn1):(Rn2) (PRM 4-65): both operands must match their compare
// registers for both updates to be written; otherwise both compare registers are loaded.
void op_cas2(M68000Core& cpu, std::uint16_t op) {
  const std::uint16_t first = cpu.read_extension();
  const std::uint16_t second = cpu.read_extension();
  const Size size = (op & 0x0200) ? Size::Long : Size::Word;
  const std::uint32_t address1 = named_register(cpu, first);
  const std::uint32_t address2 = named_register(cpu, second);
  const std::uint32_t value1 = cpu.read(size, address1);
  const std::uint32_t value2 = cpu.read(size, address2);
  compare(cpu, size, cpu.d[first & 7], value1);
  if (cpu.flag(kZ)) compare(cpu, size, cpu.d[second & 7], value2);
  if (cpu.flag(kZ)) {
    cpu.write(size, address1, cpu.d[(first >> 6) & 7]);
    cpu.write(size, address2, cpu.d[(second >> 6) & 7]);
  } else {
    const std::uint32_t mask = size_mask(size);
    cpu.d[first & 7] = (cpu.d[first & 7] & ~mask) | value1;
    cpu.d[second & 7] = (cpu.d[second & 7] & ~mask) | value2;
  }
  cpu.prefetch();
}

}  // namespace anvil::m68k
