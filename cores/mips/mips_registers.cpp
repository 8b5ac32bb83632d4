// The register file as a debugger sees it, in the order and with the names gdb-multiarch
// expects of a MIPS target description (gdb/features/mips-cpu.xml, mips-cp0.xml,
// mips-fpu.xml: org.gnu.gdb.mips.cpu/cp0/fpu), then the other CP0 registers.
#include <vector>

#include "cores/mips/mips_core.h"

namespace anvil::mips {

namespace {
enum RegisterIndex : unsigned {
  kStatus = 32,
  kLo = 33,
  kHi = 34,
  kBadVaddr = 35,
  kCause = 36,
  kPc = 37,
  kF0 = 38,
  kFcsr = 70,
  kFir = 71,
  kEpc = 72,
  kCount = 73,
  kCompare = 74,
  kUserLocal = 75,
  kErrorEpc = 76,
  kRegisterCount = 77,
};

// The GPR names gdb prints are its own; the description only needs r0..r31.
std::vector<RegisterInfo> describe_registers() {
  constexpr const char* kCpu = "org.gnu.gdb.mips.cpu";
  constexpr const char* kCp0 = "org.gnu.gdb.mips.cp0";
  constexpr const char* kFpu = "org.gnu.gdb.mips.fpu";
  constexpr const char* kSystem = "org.anvil.mips.system";
  std::vector<RegisterInfo> regs;
  for (unsigned n = 0; n < 32; ++n)
    regs.push_back({"r" + std::to_string(n), 32, kCpu, "int", "general"});
  regs.push_back({"status", 32, kCp0, "int", "system"});
  regs.push_back({"lo", 32, kCpu, "int", "general"});
  regs.push_back({"hi", 32, kCpu, "int", "general"});
  regs.push_back({"badvaddr", 32, kCp0, "data_ptr", "system"});
  regs.push_back({"cause", 32, kCp0, "int", "system"});
  regs.push_back({"pc", 32, kCpu, "code_ptr", "general"});
  for (unsigned n = 0; n < 32; ++n)
    regs.push_back({"f" + std::to_string(n), 32, kFpu, "ieee_single", "float"});
  regs.push_back({"fcsr", 32, kFpu, "int", "float"});
  regs.push_back({"fir", 32, kFpu, "int", "float"});
  regs.push_back({"epc", 32, kSystem, "code_ptr", "system"});
  regs.push_back({"count", 32, kSystem, "int", "system"});
  regs.push_back({"compare", 32, kSystem, "int", "system"});
  regs.push_back({"userlocal", 32, kSystem, "data_ptr", "system"});
  regs.push_back({"errorepc", 32, kSystem, "code_ptr", "system"});
  return regs;
}
}  // namespace

std::span<const RegisterInfo> MipsCore::register_info() const {
  static const std::vector<RegisterInfo> kRegisters = describe_registers();
  return kRegisters;
}

std::uint64_t MipsCore::read_register(unsigned index) const {
  if (index < 32) return r_[index];
  if (index >= kF0 && index < kF0 + 32) return static_cast<std::uint32_t>(fpu_.f[index - kF0]);
  switch (index) {
    case kStatus:
      return cp0_.status;
    case kLo:
      return lo;
    case kHi:
      return hi;
    case kBadVaddr:
      return cp0_.bad_vaddr;
    case kCause:
      return cause_register();
    case kPc:
      return pc_;
    case kFcsr:
      return fpu_.fcsr;
    case kFir:
      return variant_.fir;
    case kEpc:
      return cp0_.epc;
    case kCount:
      return count();
    case kCompare:
      return cp0_.compare;
    case kUserLocal:
      return cp0_.user_local;
    case kErrorEpc:
      return cp0_.error_epc;
    default:
      return 0;
  }
}

void MipsCore::write_register(unsigned index, std::uint64_t value64) {
  const auto value = static_cast<std::uint32_t>(value64);
  if (index < 32) {
    if (index != 0) set_gpr(index, value);
    return;
  }
  if (index >= kF0 && index < kF0 + 32) {
    std::uint64_t& f = fpu_.f[index - kF0];
    f = (f & ~std::uint64_t{0xFFFFFFFF}) | value;
    return;
  }
  switch (index) {
    case kStatus:
      cp0_.status = value;
      break;
    case kLo:
      lo = value;
      break;
    case kHi:
      hi = value;
      break;
    case kBadVaddr:
      cp0_.bad_vaddr = value;
      break;
    case kCause:
      // The hardware lines and the timer are inputs, not state (MIPS32; on the R3000A bit 30
      // is BT, plain state).
      cp0_.cause = variant_.isa == IsaLevel::Mips1 ? value : value & ~(cause::kTI | (0x3Fu << 10));
      break;
    case kPc:
      // A debugger (or user mode) moving the PC leaves any delay slot behind.
      pc_ = value;
      next_pc_ = value + 4;
      delay_ = DelayState{};
      break;
    case kFcsr:
      fpu_.fcsr = value & fcsr::kWritable;
      break;
    case kEpc:
      cp0_.epc = value;
      break;
    case kCount:
      write_cp0(9, 0, value);
      break;
    case kCompare:
      write_cp0(11, 0, value);
      break;
    case kUserLocal:
      cp0_.user_local = value;
      break;
    case kErrorEpc:
      cp0_.error_epc = value;
      break;
    default:
      break;
  }
  limit_.store(0, std::memory_order_relaxed);
}

}  // namespace anvil::mips
