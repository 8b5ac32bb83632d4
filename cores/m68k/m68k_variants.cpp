// The variant table (see m68k_variants.h).
#include "cores/m68k/m68k_variants.h"

#include <stdexcept>
#include <string>

namespace anvil::m68k {

namespace {
constexpr M68kVariant kVariants[] = {
    // The 68010 keeps the 68000's bus and its timing model: the data sheet's tables differ
    // from the 68000's by a few clocks on some forms (loop mode, faster DBcc, MOVEM), which
    // is approximated here (docs/m68k.md).
    {"68000", CpuLevel::M68000, 24, FpuModel::None, false, TimingSource::BusCycles},
    {"68010", CpuLevel::M68010, 24, FpuModel::None, false, TimingSource::BusCycles},
    {"68020", CpuLevel::M68020, 32, FpuModel::Mc68882, true, TimingSource::Mc68020Cache},
    {"68030", CpuLevel::M68030, 32, FpuModel::Mc68882, true, TimingSource::Mc68030Cache},
    {"68040", CpuLevel::M68040, 32, FpuModel::Mc68040, false, TimingSource::Mc68040},
};
}  // namespace

std::span<const M68kVariant> m68k_variants() {
  return kVariants;
}

const M68kVariant* find_m68k_variant(std::string_view name) {
  for (const M68kVariant& v : kVariants)
    if (v.name == name) return &v;
  return nullptr;
}

FpuModel fpu_model_named(const M68kVariant& variant, std::string_view fpu) {
  if (fpu.empty()) return variant.default_fpu;
  if (variant.fpu_selectable) {
    if (fpu == "68881") return FpuModel::Mc68881;
    if (fpu == "68882") return FpuModel::Mc68882;
    if (fpu == "none") return FpuModel::None;
  }
  if (fpu == "none" && variant.default_fpu == FpuModel::None) return FpuModel::None;
  const char* accepted = variant.fpu_selectable ? "it takes \"68881\", \"68882\" or \"none\""
                         : variant.default_fpu == FpuModel::None
                             ? "it has none: leave fpu unset or \"none\""
                             : "its FPU is built in: leave fpu unset";
  throw std::invalid_argument("the " + std::string(variant.name) + " cannot have FPU \"" +
                              std::string(fpu) + "\" (" + accepted + ")");
}

}  // namespace anvil::m68k
