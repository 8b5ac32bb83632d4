// Public entry to the A-profile ARM cores (ARMv4T to ARMv7-A: ARM7TDMI, ARM926EJ-S,
// ARM1176, Cortex-A7, Cortex-A15): what the platform, user mode and test harnesses need,
// nothing of the interpreter's insides.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cores/common/core.h"
#include "cores/common/semihosting.h"

namespace anvil::arm {

struct ArmAConfig {
  std::string model = "cortex-a15";  // one of arm_a_models()
  // Linux user mode (platforms/user): the core starts in USR mode with interrupts unmasked
  // and never takes an exception through its vectors: SVC calls Hooks::system_call (pc
  // already past the SVC), undefined instructions, aborts and BKPT call Hooks::user_fault.
  // VFP is enabled at reset (as the kernel does with CPACR and FPEXC.EN), and unaligned
  // LDM/STM/LDRD/STRD are done as the kernel's alignment fix-up would.
  bool linux_user = false;
  // BKPT 0xAB / SVC 0x123456 semihosting (system mode only); null: ordinary BKPT.
  SemihostingHandler* semihosting = nullptr;
  // The hottest instruction forms run as ops specialised at decode time (arm_a_decoded_ops.h);
  // false runs every instruction through its encoding table's handler, with the same
  // results: for the differential test of the two, and to rule the ops out when debugging.
  bool specialised_ops = true;
};

// The models this library builds, for the registry and `anvil boards`.
std::vector<std::string> arm_a_models();
bool is_arm_a_model(std::string_view model);
// A line for `anvil boards`: "ARMv7-A, VFPv4-D32, Thumb-2".
std::string arm_a_summary(std::string_view model);

// For Linux user mode's auxiliary vector: AT_HWCAP (exactly what the core implements: no
// NEON, so glibc's IFUNCs pick non-NEON routines) and AT_PLATFORM ("v7l", "v6l", "v5l",
// "v4l"). 0 / "" for an unknown model.
std::uint32_t arm_a_linux_hwcap(std::string_view model);
std::string arm_a_linux_platform(std::string_view model);

// Throws std::invalid_argument naming the model when it is unknown.
std::unique_ptr<Core> create_arm_a_core(const ArmAConfig& config, MemoryPort& memory);

// Register numbers of Core::read_register/write_register (and the GDB register list).
//  - kPc: reading gives the current instruction's address. Writing sets the next
//    instruction; bit 0 set also switches to Thumb state (like BX), bit 0 clear keeps the
//    state CPSR.T says (write kCpsr first to enter ARM state).
//  - kCpsr: the whole CPSR incl. mode (banked registers switch), T, IT, GE, Q and NZCV;
//    in linux_user mode only the user-writable bits (NZCVQ, GE, T, IT) change.
//  - kTpidruro: the user read-only thread ID register (CP15 c13,0,3) that the kernel's
//    set_tls system call sets; kTpidrurw the user read/write one (c13,0,2).
//  - kD0 + n: VFP double register Dn (64 bits); only the variant's D registers exist
//    (register_info() lists them), S2n/S2n+1 are its halves.
namespace arm_a_register {
inline constexpr unsigned kSp = 13, kLr = 14, kPc = 15, kCpsr = 16, kSpsr = 17;
inline constexpr unsigned kTpidruro = 18, kTpidrurw = 19, kFpscr = 20, kFpexc = 21, kD0 = 22;
}  // namespace arm_a_register

}  // namespace anvil::arm
