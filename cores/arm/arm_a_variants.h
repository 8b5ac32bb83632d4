// The A-profile variants as data: architecture version, feature flags, identification
// registers and timing table. The interpreter reads these; it has no per-model code.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "cores/arm/arm_a_timing.h"

namespace anvil::arm {

enum class VfpVersion : std::uint8_t { None, Vfp2, Vfp3, Vfp4 };

struct ArmAVariant {
  std::string_view name;
  std::string_view summary;
  unsigned architecture;  // 4 (ARMv4T), 5 (ARMv5TE), 6 (ARMv6K), 7 (ARMv7-A)
  // Instruction groups (ARMv7-A ARM A8.8 gives each instruction's version row).
  bool dsp;     // ARMv5TE: QADD..., SMLAxy, LDRD/STRD, PLD, CLZ/BLX (ARMv5T)
  bool media;   // ARMv6: parallel add/sub, SSAT/USAT, REV, SXT/UXT, SEL, LDREX/STREX, CPS, SRS/RFE
  bool v6k;     // ARMv6K: LDREXB/H/D, STREXB/H/D, CLREX, YIELD/WFE/WFI/SEV
  bool thumb2;  // ARMv6T2: 32-bit Thumb, MOVW/MOVT, BFI/BFC/UBFX/SBFX, RBIT, MLS, LDRHT...
  bool divide;  // ARMv7VE: SDIV/UDIV in A32 and T32
  bool has_cp15;
  VfpVersion vfp;
  unsigned d_registers;  // 0, 16 (VFPv2, VFPv3-D16) or 32 (VFPv3-D32)
  // Identification registers (CP15 c0 and the VFP system registers), as each TRM lists them.
  std::uint32_t midr, ctr, fpsid, mvfr0, mvfr1;
  std::array<std::uint32_t, 4> id_pfr_dfr_afr;  // ID_PFR0, ID_PFR1, ID_DFR0, ID_AFR0
  std::array<std::uint32_t, 4> id_mmfr;         // ID_MMFR0..3
  std::array<std::uint32_t, 6> id_isar;         // ID_ISAR0..5
  const ArmATiming* timing;
  // What Linux tells a program about this processor (AT_HWCAP and AT_PLATFORM), limited to
  // what the core implements: no NEON, Jazelle, ThumbEE or LPAE bits.
  std::uint32_t linux_hwcap;
  std::string_view linux_platform;
};

std::span<const ArmAVariant> arm_a_variants();
// Null when unknown.
const ArmAVariant* find_arm_a_variant(std::string_view model);

}  // namespace anvil::arm
