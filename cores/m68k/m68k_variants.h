// The m68k family members Anvil models, as data: one row per CPU with its instruction-set
// level, address-bus width, FPU and timing source. The core (M68000Core) is one class; what
// differs between the 68000 and the 68040 is looked up here, never forked.
//
// References: M68000 Family Programmer's Reference Manual (PRM) 1.1 and Appendix A
// ("Processor Instruction Summary"); MC68010 data sheet; MC68020 User's Manual (020 UM);
// MC68030 User's Manual (030 UM); MC68040 User's Manual (040 UM).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "cores/m68k/m68k_fpu_state.h"

namespace anvil::m68k {

// The instruction-set level: each member runs everything the previous one does (PRM
// Appendix A), except where a row says otherwise (CALLM/RTM: 68020 only).
enum class CpuLevel : std::uint8_t { M68000, M68010, M68020, M68030, M68040 };

// Where a variant's cycle counts come from.
enum class TimingSource : std::uint8_t {
  BusCycles,     // every bus cycle and idle clock counted as the 68000 runs them (UM 8)
  Mc68020Cache,  // 020 UM 11: "cache case" times per instruction and addressing mode
  Mc68030Cache,  // 030 UM 11: same structure, the 68030's numbers
  Mc68040,       // 040 UM 10: integer unit times, pipelined
};

struct M68kVariant {
  std::string_view name;  // as boards and --cpu spell it: "68020"
  CpuLevel level;
  unsigned address_bits;  // 24 (A23-A1 on the 68000/68010) or 32
  FpuModel default_fpu;
  bool fpu_selectable;  // the 68020/68030 may pair with a 68881 or a 68882 (or none)
  TimingSource timing;
};

std::span<const M68kVariant> m68k_variants();
// The variant named `name`, or null.
const M68kVariant* find_m68k_variant(std::string_view name);
// The FPU a board or --cpu asks for by name ("" for the variant's default, "68881", "68882",
// "none"); throws std::invalid_argument naming what this variant accepts.
FpuModel fpu_model_named(const M68kVariant& variant, std::string_view fpu);

}  // namespace anvil::m68k
