// CP1, the floating-point unit: its state as plain data. The instructions are in
// mips_fpu_ops.cpp. MIPS32 ISA ch. 3 and MIPS32 PRA; the FR bit (Status.FR) selects whether
// doubles live in even/odd pairs (FR=0) or in 64-bit registers (FR=1).
#pragma once

#include <array>
#include <cstdint>

namespace anvil::mips {

// FCSR fields (MIPS32 ISA 5.7.4? "FCSR Register"): RM 1:0, Flags 6:2, Enables 11:7,
// Cause 17:12 (with E, unimplemented operation, at 17), FCC0 at 23, FS at 24, FCC7..1 31:25.
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
}  // namespace fcsr

struct Fpu {
  // 32 registers of 64 bits. With FR=0 a double is the pair (2n, 2n+1) and each register
  // holds its 32 bits in the low half.
  std::array<std::uint64_t, 32> f{};
  std::uint32_t fcsr = 0;
};

}  // namespace anvil::mips
