// The VFP register file and FPSCR-controlled arithmetic (ARMv7-A ARM A2.7 and B6), for
// VFPv2, VFPv3 and VFPv4 (scalar operations; short vectors, FPSCR.LEN != 0, are not
// supported and execute as scalars).
//
// Arithmetic runs on the host's IEEE 754 unit with the FPSCR rounding mode, and the cases
// where ARM differs from the host are handled here: NaN propagation and the default NaN
// (A2.7.3 FPProcessNaNs), flush-to-zero of inputs and results (A2.7.4), and the cumulative
// exception flags IOC DZC OFC UFC IXC IDC. Underflow is ARM's: tininess is detected before
// rounding (the x86-64 host detects it after; the one result where they differ, an inexact
// one that rounded to the smallest normal, is checked again rounding toward zero).
#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace anvil::arm {

// FPSCR bits (ARMv7-A ARM B6.1.45).
namespace fpscr {
inline constexpr std::uint32_t kIoc = 1u << 0, kDzc = 1u << 1, kOfc = 1u << 2, kUfc = 1u << 3,
                               kIxc = 1u << 4, kIdc = 1u << 7;
inline constexpr std::uint32_t kFz = 1u << 24, kDn = 1u << 25, kAhp = 1u << 26;
inline constexpr unsigned kRoundingShift = 22;  // RMode: 0 nearest, 1 +inf, 2 -inf, 3 zero
}  // namespace fpscr

enum class FpOperation : std::uint8_t { Add, Subtract, Multiply, Divide };

class Vfp {
 public:
  std::array<std::uint64_t, 32> d{};
  std::uint32_t fpscr = 0;
  std::uint32_t fpexc = 0;  // EN (bit 30) gates execution in system mode
  unsigned d_count = 32;    // 16 on VFPv2 / VFPv3-D16

  std::uint32_t s(unsigned n) const {
    return static_cast<std::uint32_t>(d[n / 2] >> (32 * (n % 2)));
  }
  void set_s(unsigned n, std::uint32_t bits) {
    const unsigned shift = 32 * (n % 2);
    d[n / 2] = (d[n / 2] & ~(std::uint64_t{0xFFFFFFFF} << shift)) | (std::uint64_t{bits} << shift);
  }

  // One IEEE operation under the FPSCR, on raw bits; sets the cumulative flags.
  std::uint32_t binary(FpOperation op, std::uint32_t a, std::uint32_t b);
  std::uint64_t binary(FpOperation op, std::uint64_t a, std::uint64_t b);
  std::uint32_t square_root(std::uint32_t a);
  std::uint64_t square_root(std::uint64_t a);
  std::uint32_t fused_multiply_add(std::uint32_t addend, std::uint32_t a, std::uint32_t b);
  std::uint64_t fused_multiply_add(std::uint64_t addend, std::uint64_t a, std::uint64_t b);
  // VCMP/VCMPE: sets FPSCR.NZCV (A8.8.312); `quiet_nan_invalid` for VCMPE.
  void compare(std::uint32_t a, std::uint32_t b, bool quiet_nan_invalid);
  void compare(std::uint64_t a, std::uint64_t b, bool quiet_nan_invalid);
  // VCVT between single and double (A8.8.310).
  std::uint64_t single_to_double(std::uint32_t a);
  std::uint32_t double_to_single(std::uint64_t a);
  // VCVT/VCVTR to integer (A8.8.306): `round_to_zero` for VCVT, the FPSCR mode for VCVTR;
  // out-of-range values saturate and NaN gives 0, both with IOC. `fraction_bits` > 0 is the
  // fixed-point form (A8.8.308, always round to zero), and `bits` 16 or 32.
  std::uint32_t to_integer(std::uint64_t value, bool is_double, bool is_signed, bool round_to_zero,
                           unsigned fraction_bits = 0, unsigned bits = 32);
  // Integer to floating point, rounded by the FPSCR mode (A8.8.306); with `fixed_point`,
  // fixed point (A8.8.308), always rounded to nearest.
  std::uint64_t from_integer(std::uint32_t value, bool to_double, bool is_signed,
                             unsigned fraction_bits = 0, unsigned bits = 32,
                             bool fixed_point = false);

  // Negation and absolute value only touch the sign bit (A8.8.334, A8.8.280).
  static constexpr std::uint32_t negate(std::uint32_t a) { return a ^ 0x80000000u; }
  static constexpr std::uint64_t negate(std::uint64_t a) { return a ^ (std::uint64_t{1} << 63); }
  static constexpr std::uint32_t absolute(std::uint32_t a) { return a & 0x7FFFFFFFu; }
  static constexpr std::uint64_t absolute(std::uint64_t a) { return a & ~(std::uint64_t{1} << 63); }
};

}  // namespace anvil::arm
