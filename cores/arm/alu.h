// The ARM ARM's shared pseudocode functions for data processing (ARMv7-M ARM A2.2 and A2.3),
// used by the Thumb, Thumb-2 and (later) A32 decoders alike.
#pragma once

#include <bit>
#include <cstdint>

namespace anvil::arm {

struct ResultCarry {
  std::uint32_t value;
  bool carry;
};

struct ResultFlags {
  std::uint32_t value;
  bool carry;
  bool overflow;
};

// AddWithCarry() — ARMv7-M ARM A2.2.1
constexpr ResultFlags add_with_carry(std::uint32_t x, std::uint32_t y, bool carry_in) {
  const std::uint64_t unsigned_sum = std::uint64_t{x} + y + carry_in;
  const std::int64_t signed_sum =
      std::int64_t{static_cast<std::int32_t>(x)} + static_cast<std::int32_t>(y) + carry_in;
  const std::uint32_t result = static_cast<std::uint32_t>(unsigned_sum);
  return {result, unsigned_sum != result,
          signed_sum != static_cast<std::int64_t>(static_cast<std::int32_t>(result))};
}

enum class ShiftType : std::uint8_t { LSL, LSR, ASR, ROR, RRX };

// DecodeImmShift() — A7.4.2: the type field and a 5-bit immediate.
struct ImmShift {
  ShiftType type;
  unsigned amount;
};
constexpr ImmShift decode_imm_shift(unsigned type, unsigned imm5) {
  switch (type & 3) {
    case 0:
      return {ShiftType::LSL, imm5};
    case 1:
      return {ShiftType::LSR, imm5 == 0 ? 32u : imm5};
    case 2:
      return {ShiftType::ASR, imm5 == 0 ? 32u : imm5};
    default:
      return imm5 == 0 ? ImmShift{ShiftType::RRX, 1} : ImmShift{ShiftType::ROR, imm5};
  }
}

// Shift_C() — A2.2.1; `amount` may be 0..255 (register-specified shifts).
constexpr ResultCarry shift_c(std::uint32_t value, ShiftType type, unsigned amount, bool carry_in) {
  if (amount == 0 && type != ShiftType::RRX) return {value, carry_in};
  switch (type) {
    case ShiftType::LSL:
      if (amount < 32) return {value << amount, ((value >> (32 - amount)) & 1) != 0};
      if (amount == 32) return {0, (value & 1) != 0};
      return {0, false};
    case ShiftType::LSR:
      if (amount < 32) return {value >> amount, ((value >> (amount - 1)) & 1) != 0};
      if (amount == 32) return {0, (value >> 31) != 0};
      return {0, false};
    case ShiftType::ASR: {
      const auto s = static_cast<std::int32_t>(value);
      if (amount < 32)
        return {static_cast<std::uint32_t>(s >> amount), ((value >> (amount - 1)) & 1) != 0};
      return {static_cast<std::uint32_t>(s >> 31), (value >> 31) != 0};
    }
    case ShiftType::ROR: {
      const std::uint32_t r = std::rotr(value, static_cast<int>(amount % 32));
      return {r, (r >> 31) != 0};
    }
    case ShiftType::RRX:
      return {(static_cast<std::uint32_t>(carry_in) << 31) | (value >> 1), (value & 1) != 0};
  }
  return {value, carry_in};
}

constexpr std::uint32_t shift(std::uint32_t value, ShiftType type, unsigned amount, bool carry_in) {
  return shift_c(value, type, amount, carry_in).value;
}

// ThumbExpandImm_C() — A5.3.2: the 12-bit i:imm3:imm8 modified immediate.
constexpr ResultCarry thumb_expand_imm_c(std::uint32_t imm12, bool carry_in) {
  if ((imm12 >> 10) == 0) {
    const std::uint32_t b = imm12 & 0xFF;
    switch ((imm12 >> 8) & 3) {
      case 0:
        return {b, carry_in};
      case 1:
        return {(b << 16) | b, carry_in};
      case 2:
        return {(b << 24) | (b << 8), carry_in};
      default:
        return {(b << 24) | (b << 16) | (b << 8) | b, carry_in};
    }
  }
  const std::uint32_t unrotated = 0x80 | (imm12 & 0x7F);
  const std::uint32_t r = std::rotr(unrotated, static_cast<int>((imm12 >> 7) & 0x1F));
  return {r, (r >> 31) != 0};
}

// SignedSatQ() / UnsignedSatQ() — A2.2.2; `bits` 1..32 (signed) or 0..31 (unsigned).
struct Saturated {
  std::uint32_t value;
  bool saturated;
};
constexpr Saturated signed_sat_q(std::int64_t i, unsigned bits) {
  const std::int64_t max = (std::int64_t{1} << (bits - 1)) - 1;
  const std::int64_t min = -(std::int64_t{1} << (bits - 1));
  if (i > max) return {static_cast<std::uint32_t>(max), true};
  if (i < min) return {static_cast<std::uint32_t>(min), true};
  return {static_cast<std::uint32_t>(i), false};
}
constexpr Saturated unsigned_sat_q(std::int64_t i, unsigned bits) {
  const std::int64_t max = (std::int64_t{1} << bits) - 1;
  if (i > max) return {static_cast<std::uint32_t>(max), true};
  if (i < 0) return {0, true};
  return {static_cast<std::uint32_t>(i), false};
}

// BitCount() (A2.2.1), a register list's length. std::popcount without -mpopcnt (the portable
// x86-64 baseline) is a call into libgcc; this is a few inline operations.
constexpr unsigned bit_count(std::uint32_t v) {
  v = v - ((v >> 1) & 0x55555555u);
  v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
  v = (v + (v >> 4)) & 0x0F0F0F0Fu;
  return (v * 0x01010101u) >> 24;
}

}  // namespace anvil::arm
