// The register file as a debugger sees it (GDB features org.gnu.gdb.arm.m-profile and
// org.gnu.gdb.arm.m-system), and access to it by index.
#include <vector>

#include "cores/arm/cortex_m_core.h"

namespace anvil::arm {

namespace {
enum RegisterIndex : unsigned {
  kSp = 13,
  kLr = 14,
  kPc = 15,
  kXpsr = 16,
  kMsp = 17,
  kPsp = 18,
  kPrimask = 19,
  kBasepri = 20,
  kFaultmask = 21,
  kControl = 22,
  kRegisterCount = 23,
};

std::vector<RegisterInfo> describe_registers() {
  constexpr const char* kProfile = "org.gnu.gdb.arm.m-profile";
  constexpr const char* kSystem = "org.gnu.gdb.arm.m-system";
  std::vector<RegisterInfo> regs;
  for (unsigned n = 0; n <= 12; ++n)
    regs.push_back({"r" + std::to_string(n), 32, kProfile, "uint32", "general"});
  regs.push_back({"sp", 32, kProfile, "data_ptr", "general"});
  regs.push_back({"lr", 32, kProfile, "code_ptr", "general"});
  regs.push_back({"pc", 32, kProfile, "code_ptr", "general"});
  regs.push_back({"xpsr", 32, kProfile, "uint32", "general"});
  regs.push_back({"msp", 32, kSystem, "data_ptr", "system"});
  regs.push_back({"psp", 32, kSystem, "data_ptr", "system"});
  regs.push_back({"primask", 8, kSystem, "uint8", "system"});
  regs.push_back({"basepri", 8, kSystem, "uint8", "system"});
  regs.push_back({"faultmask", 8, kSystem, "uint8", "system"});
  regs.push_back({"control", 8, kSystem, "uint8", "system"});
  return regs;
}
}  // namespace

std::span<const RegisterInfo> CortexM::register_info() const {
  static const std::vector<RegisterInfo> kRegisters = describe_registers();
  return kRegisters;
}

std::uint64_t CortexM::read_register(unsigned index) const {
  if (index < kPc) return r_[index];
  switch (index) {
    case kPc:
      return current_pc_;
    case kXpsr:
      return xpsr();
    case kMsp:
      return sp_main();
    case kPsp:
      return sp_process();
    case kPrimask:
      return primask_;
    case kBasepri:
      return basepri_;
    case kFaultmask:
      return faultmask_;
    case kControl:
      return (std::uint32_t{control_spsel_} << 1) | std::uint32_t{control_npriv_};
    default:
      return 0;
  }
}

void CortexM::write_register(unsigned index, std::uint64_t value64) {
  const auto value = static_cast<std::uint32_t>(value64);
  if (index < kPc) {
    set_reg(index, value);
    return;
  }
  switch (index) {
    case kPc:
      current_pc_ = next_pc_ = value & ~1u;
      break;
    case kXpsr:
      set_xpsr(value);
      break;
    case kMsp:
      set_sp_main(value);
      break;
    case kPsp:
      set_sp_process(value);
      break;
    case kPrimask:
      primask_ = value & 1;
      break;
    case kBasepri:
      basepri_ = static_cast<std::uint8_t>(value);
      break;
    case kFaultmask:
      faultmask_ = value & 1;
      break;
    case kControl:
      control_npriv_ = value & 1;
      select_mode(handler_mode_, (value & 2) != 0 && !handler_mode_);
      break;
    default:
      break;
  }
  limit_ = 0;  // masks may have changed
}

}  // namespace anvil::arm
