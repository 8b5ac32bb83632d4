// The register file as a debugger sees it (GDB features org.gnu.gdb.arm.m-profile and
// org.gnu.gdb.arm.m-system), and access to it by index; the System Control Space as a
// debugger reaches it.
#include <algorithm>
#include <vector>

#include "cores/arm/cortex_m_core.h"
#include "cores/arm/m_profile_scs.h"

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

std::span<const PrivateRegion> CortexM::private_regions() const {
  static constexpr PrivateRegion kScs[] = {{SystemControlSpace::kBase, 0x1000}};
  return kScs;
}

// A debugger's view of the SCS, as through the Debug Access Port (ARMv7-M ARM C1.2): always
// privileged. Each naturally aligned piece is one register access of 4, 2 or 1 bytes. Reads
// go to a copy of the SCS so that nothing changes (SYST_CSR.COUNTFLAG clears when read).
std::optional<unsigned> CortexM::debug_access(bool is_write, Addr addr, std::uint8_t* data,
                                              unsigned size) {
  const Addr scs_end = SystemControlSpace::kBase + 0x1000;
  if (addr < SystemControlSpace::kBase || addr >= scs_end) return std::nullopt;
  const unsigned count = static_cast<unsigned>(std::min<Addr>(size, scs_end - addr));
  const ScsContext context{cycles_, ipsr_, handler_mode_};
  SystemControlSpace snapshot = *scs_;
  bool reset_requested = false;
  for (unsigned done = 0; done < count;) {
    const auto offset = static_cast<std::uint32_t>(addr + done - SystemControlSpace::kBase);
    unsigned piece = 4;
    while (piece > 1 && (offset % piece != 0 || count - done < piece)) piece /= 2;
    if (is_write) {
      std::uint32_t value = 0;
      for (unsigned i = 0; i < piece; ++i) value |= std::uint32_t{data[done + i]} << (8 * i);
      reset_requested |= scs_->write(offset, piece, value, context);
    } else {
      const std::uint32_t value = snapshot.read(offset, piece, context);
      for (unsigned i = 0; i < piece; ++i)
        data[done + i] = static_cast<std::uint8_t>(value >> (8 * i));
    }
    done += piece;
  }
  if (reset_requested) {
    reset();  // AIRCR.SYSRESETREQ, as when the guest writes it
  } else if (is_write) {
    limit_ = 0;  // enables, priorities or pending bits may have changed
  }
  return count;
}

}  // namespace anvil::arm
