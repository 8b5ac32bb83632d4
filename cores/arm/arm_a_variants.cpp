// The A-profile model list. Identification values: MIDR/CTR from each TRM's "c0, Main ID
// Register" and "Cache Type Register" sections; FPSID/MVFR from the VFP sections; ID_* from
// the Cortex-A TRMs' "Processor Feature/Memory Model/Instruction Set Attribute Register"
// tables. MVFR1 advertises no Advanced SIMD (NEON is not implemented).
#include <algorithm>

#include "cores/arm/arm_a.h"
#include "cores/arm/arm_a_variants.h"

namespace anvil::arm {

namespace {

// HWCAP bits, Linux arch/arm/include/uapi/asm/hwcap.h.
enum : std::uint32_t {
  kHwcapSwp = 1u << 0,
  kHwcapHalf = 1u << 1,
  kHwcapThumb = 1u << 2,
  kHwcapFastMult = 1u << 4,
  kHwcapVfp = 1u << 6,
  kHwcapEdsp = 1u << 7,
  kHwcapVfpv3 = 1u << 13,
  kHwcapTls = 1u << 15,
  kHwcapVfpv4 = 1u << 16,
  kHwcapIdiva = 1u << 17,
  kHwcapIdivt = 1u << 18,
  kHwcapVfpd32 = 1u << 19,
};
constexpr std::uint32_t kHwcapV4 = kHwcapSwp | kHwcapHalf | kHwcapThumb | kHwcapFastMult;
constexpr std::uint32_t kHwcapV5te = kHwcapV4 | kHwcapEdsp;
constexpr std::uint32_t kHwcapV6k = kHwcapV5te | kHwcapVfp | kHwcapTls;
constexpr std::uint32_t kHwcapV7 =
    kHwcapV6k | kHwcapVfpv3 | kHwcapVfpv4 | kHwcapIdiva | kHwcapIdivt | kHwcapVfpd32;

constexpr ArmAVariant kVariants[] = {
    // ARM7TDMI (ARM DDI 0210C): ARMv4T, no CP15 (the MIDR is kept for the GDB/trace banner
    // only), no FPU.
    {"arm7tdmi", "ARMv4T, Thumb-1, no MMU/FPU",
     4,          false,
     false,      false,
     false,      false,
     false,      VfpVersion::None,
     0,          0x41007700,
     0,          0,
     0,          0,
     {},         {},
     {},         &kArm7tdmiTiming,
     kHwcapV4,   "v4l"},
    // ARM926EJ-S r0p5 (ARM DDI 0198E 2.3.1): MIDR 0x41069265, CTR 0x1D152152.
    {"arm926ej-s",
     "ARMv5TEJ, Thumb-1, no FPU",
     5,
     true,
     false,
     false,
     false,
     false,
     true,
     VfpVersion::None,
     0,
     0x41069265,
     0x1D152152,
     0,
     0,
     0,
     {},
     {},
     {},
     &kArm926Timing,
     kHwcapV5te,
     "v5l"},
    // ARM1176JZF-S r0p7 (ARM DDI 0301H 3.2.3): MIDR 0x410FB767; VFP11 FPSID 0x410120B5,
    // MVFR0 0x11111111 (VFPv2, 16 D registers), MVFR1 0.
    {"arm1176",
     "ARMv6KZ, Thumb-1, VFPv2",
     6,
     true,
     true,
     true,
     false,
     false,
     true,
     VfpVersion::Vfp2,
     16,
     0x410FB767,
     0x1D192992,
     0x410120B5,
     0x11111111,
     0x00000000,
     {0x00000111, 0x00000011, 0x00000033, 0},
     {0x01130003, 0x10030302, 0x01222100, 0},
     {0x00140011, 0x12002111, 0x11231121, 0x01102131, 0x01141, 0},
     &kArm1176Timing,
     kHwcapV6k,
     "v6l"},
    // Cortex-A7 r0p5 (ARM DDI 0464F 4.3): VFPv4-D32 (FPSID 0x41023075), no NEON here.
    {"cortex-a7",
     "ARMv7-A, Thumb-2, VFPv4-D32, SDIV/UDIV",
     7,
     true,
     true,
     true,
     true,
     true,
     true,
     VfpVersion::Vfp4,
     32,
     0x410FC075,
     0x84448003,
     0x41023075,
     0x10110222,
     0x11000011,
     {0x00001131, 0x00011011, 0x02010555, 0},
     {0x10101105, 0x40000000, 0x01240000, 0x02102211},
     {0x02101110, 0x13112111, 0x21232041, 0x11112131, 0x10011142, 0},
     &kCortexA7Timing,
     kHwcapV7,
     "v7l"},
    // Cortex-A15 r2p1 (ARM DDI 0438I 4.3): VFPv4-D32 (FPSID 0x410430F0), no NEON here.
    {"cortex-a15",
     "ARMv7-A, Thumb-2, VFPv4-D32, SDIV/UDIV",
     7,
     true,
     true,
     true,
     true,
     true,
     true,
     VfpVersion::Vfp4,
     32,
     0x412FC0F1,
     0x8444C004,
     0x410430F0,
     0x10110222,
     0x11000011,
     {0x00001131, 0x00011011, 0x02010555, 0},
     {0x10201105, 0x20000000, 0x01240000, 0x02102211},
     {0x02101110, 0x13112111, 0x21232041, 0x11112131, 0x10011142, 0},
     &kCortexA15Timing,
     kHwcapV7,
     "v7l"},
};

}  // namespace

std::span<const ArmAVariant> arm_a_variants() {
  return kVariants;
}

const ArmAVariant* find_arm_a_variant(std::string_view model) {
  for (const ArmAVariant& v : kVariants)
    if (v.name == model) return &v;
  return nullptr;
}

std::vector<std::string> arm_a_models() {
  std::vector<std::string> out;
  for (const ArmAVariant& v : kVariants) out.emplace_back(v.name);
  return out;
}

bool is_arm_a_model(std::string_view model) {
  return find_arm_a_variant(model) != nullptr;
}

std::uint32_t arm_a_linux_hwcap(std::string_view model) {
  const ArmAVariant* v = find_arm_a_variant(model);
  return v ? v->linux_hwcap : 0;
}

std::string arm_a_linux_platform(std::string_view model) {
  const ArmAVariant* v = find_arm_a_variant(model);
  return v ? std::string(v->linux_platform) : std::string();
}

std::string arm_a_summary(std::string_view model) {
  const ArmAVariant* v = find_arm_a_variant(model);
  return v ? std::string(v->summary) : std::string();
}

}  // namespace anvil::arm
