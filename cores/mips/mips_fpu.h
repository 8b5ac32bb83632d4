// CP1, the floating-point unit: its state as plain data, and the register views the
// instructions use. The instructions are in mips_fpu_ops.cpp (moves, memory, branches,
// compares) and mips_fpu_arith.cpp (arithmetic and conversions). MIPS32 ISA ch. 3 and 5
// ("FPU registers", "FCSR"); Status.FR selects whether doubles live in even/odd register
// pairs (FR=0) or in 64-bit registers (FR=1).
#pragma once

#include <array>
#include <cstdint>

namespace anvil::mips {

// FCSR fields (MIPS32 ISA, "Floating Point Control and Status Register"): RM 1:0, Flags 6:2,
// Enables 11:7, Cause 17:12 (with E, unimplemented operation, at 17), FCC0 at 23, FS at 24,
// FCC7..1 at 31:25.
namespace fcsr {
inline constexpr std::uint32_t kRoundingMode = 3u;
inline constexpr unsigned kFlagsShift = 2;
inline constexpr unsigned kEnablesShift = 7;
inline constexpr unsigned kCauseShift = 12;
inline constexpr std::uint32_t kInexact = 1u << 0;
inline constexpr std::uint32_t kUnderflow = 1u << 1;
inline constexpr std::uint32_t kOverflow = 1u << 2;
inline constexpr std::uint32_t kDivideByZero = 1u << 3;
inline constexpr std::uint32_t kInvalid = 1u << 4;
inline constexpr std::uint32_t kUnimplemented = 1u << 5;  // cause only
inline constexpr std::uint32_t kCondition0 = 1u << 23;
inline constexpr std::uint32_t kFlushToZero = 1u << 24;
inline constexpr std::uint32_t kWritable = 0xFF83FFFFu;  // bits 22:18 read as zero
// The bit of condition code `cc` (0..7).
constexpr std::uint32_t condition_bit(unsigned cc) {
  return cc == 0 ? kCondition0 : 1u << (24 + cc);
}
}  // namespace fcsr

struct Fpu {
  // 32 registers of 64 bits. With FR=0 each holds 32 bits in its low half and a double is
  // the pair (2n, 2n+1), the even register holding the low word.
  std::array<std::uint64_t, 32> f{};
  std::uint32_t fcsr = 0;
  bool fr = false;  // Status.FR, mirrored here by MipsCore

  std::uint32_t single(unsigned n) const { return static_cast<std::uint32_t>(f[n]); }
  void set_single(unsigned n, std::uint32_t v) { f[n] = (f[n] & ~std::uint64_t{0xFFFFFFFF}) | v; }
  // Doubles; with FR=0 only even n are valid (the handlers check, see double_register_ok()).
  std::uint64_t dbl(unsigned n) const {
    return fr ? f[n] : (std::uint64_t{single(n + 1)} << 32) | single(n);
  }
  void set_dbl(unsigned n, std::uint64_t v) {
    if (fr) {
      f[n] = v;
      return;
    }
    set_single(n, static_cast<std::uint32_t>(v));
    set_single(n + 1, static_cast<std::uint32_t>(v >> 32));
  }
  bool double_register_ok(unsigned n) const { return fr || (n & 1) == 0; }
  // MFHC1/MTHC1: the high word of double register n.
  std::uint32_t high(unsigned n) const {
    return fr ? static_cast<std::uint32_t>(f[n] >> 32) : single(n + 1);
  }
  void set_high(unsigned n, std::uint32_t v) {
    if (fr)
      f[n] = (f[n] & 0xFFFFFFFFu) | (std::uint64_t{v} << 32);
    else
      set_single(n + 1, v);
  }
  // A cause whose enable is set, or Unimplemented Operation (which has no enable): the
  // Floating Point exception is due (MIPS32 ISA, "FCSR").
  bool trap_pending() const {
    const std::uint32_t cause = (fcsr >> fcsr::kCauseShift) & 0x3F;
    const std::uint32_t enabled = ((fcsr >> fcsr::kEnablesShift) & 0x1F) | fcsr::kUnimplemented;
    return (cause & enabled) != 0;
  }
  bool condition(unsigned cc) const { return (fcsr & fcsr::condition_bit(cc)) != 0; }
  void set_condition(unsigned cc, bool v) {
    fcsr = v ? (fcsr | fcsr::condition_bit(cc)) : (fcsr & ~fcsr::condition_bit(cc));
  }
};

}  // namespace anvil::mips
