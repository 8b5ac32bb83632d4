// The A-profile register file as a debugger or a user-mode harness sees it (GDB features
// org.gnu.gdb.arm.core and org.gnu.gdb.arm.vfp), indexed as arm_a.h's arm_a_register.
#include "cores/arm/arm_a_core.h"

namespace anvil::arm {

using namespace arm_a_register;

std::vector<RegisterInfo> ArmA::describe_registers() const {
  constexpr const char* kCore = "org.gnu.gdb.arm.core";
  constexpr const char* kSystem = "org.anvil.arm.a-system";
  constexpr const char* kVfp = "org.gnu.gdb.arm.vfp";
  std::vector<RegisterInfo> regs;
  for (unsigned n = 0; n <= 12; ++n)
    regs.push_back({"r" + std::to_string(n), 32, kCore, "uint32", "general"});
  regs.push_back({"sp", 32, kCore, "data_ptr", "general"});
  regs.push_back({"lr", 32, kCore, "code_ptr", "general"});
  regs.push_back({"pc", 32, kCore, "code_ptr", "general"});
  regs.push_back({"cpsr", 32, kCore, "uint32", "general"});
  regs.push_back({"spsr", 32, kSystem, "uint32", "system"});
  regs.push_back({"tpidruro", 32, kSystem, "data_ptr", "system"});
  regs.push_back({"tpidrurw", 32, kSystem, "data_ptr", "system"});
  regs.push_back({"fpscr", 32, kVfp, "uint32", "float"});
  regs.push_back({"fpexc", 32, kSystem, "uint32", "system"});
  for (unsigned n = 0; n < variant_.d_registers; ++n)
    regs.push_back({"d" + std::to_string(n), 64, kVfp, "ieee_double", "float"});
  return regs;
}

std::uint64_t ArmA::read_register(unsigned index) const {
  if (index < kPc) return r_[index];
  if (index >= kD0) return index - kD0 < variant_.d_registers ? vfp.d[index - kD0] : 0;
  switch (index) {
    case kPc:
      return current_pc_;
    case kCpsr:
      return cpsr();
    case kSpsr:
      return spsr();
    case kTpidruro:
      return tpidruro_;
    case kTpidrurw:
      return tpidrurw_;
    case kFpscr:
      return vfp.fpscr;
    case kFpexc:
      return vfp.fpexc;
    default:
      return 0;
  }
}

void ArmA::write_register(unsigned index, std::uint64_t value64) {
  const auto value = static_cast<std::uint32_t>(value64);
  if (index < kPc) {
    r_[index] = value;
    return;
  }
  if (index >= kD0) {
    if (index - kD0 < variant_.d_registers) vfp.d[index - kD0] = value64;
    return;
  }
  switch (index) {
    case kPc:
      if (value & 1) {
        thumb_ = true;
        pc_read_offset_ = 4;
      }
      current_pc_ = next_pc_ = value & (thumb_ ? ~1u : ~3u);
      set_event(kEventStateChange);
      break;
    case kCpsr:
      // User mode cannot change its mode or masks through a debugger-style write either: the
      // user-mode layer writes what sigreturn restores (NZCVQ, GE, IT, T, E).
      if (linux_user_) value64 = (value & 0xFF0FFE20u) | (cpsr() & ~0xFF0FFE20u);
      set_cpsr(static_cast<std::uint32_t>(value64));
      break;
    case kSpsr:
      write_spsr(value, 0xF);
      break;
    case kTpidruro:
      tpidruro_ = value;
      break;
    case kTpidrurw:
      tpidrurw_ = value;
      break;
    case kFpscr:
      vfp.fpscr = value;
      break;
    case kFpexc:
      vfp.fpexc = value;
      break;
    default:
      break;
  }
  end_run();
}

}  // namespace anvil::arm
