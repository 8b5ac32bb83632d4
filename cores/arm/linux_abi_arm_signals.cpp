// The ARM Linux signal frame (arch/arm/kernel/signal.c setup_frame/setup_rt_frame and
// restore_sigframe; layouts from arch/arm/include/asm/ucontext.h and uapi/asm/sigcontext.h,
// offsets checked with offsetof under arm-linux-gnueabi-gcc):
//
//   rt_sigframe: siginfo (128) | ucontext (744) | retcode[4]
//   sigframe:                    ucontext (744) | retcode[4]
//   ucontext:    uc_flags 0, uc_link 4, uc_stack 8 (12 bytes), uc_mcontext 20 (sigcontext,
//                84 bytes), uc_sigmask 104 (128 bytes), uc_regspace 232 (512 bytes, 8-aligned)
//   sigcontext:  trap_no, error_code, oldmask, r0..r10, fp, ip, sp, lr, pc, cpsr,
//                fault_address (4 bytes each)
//   uc_regspace: the VFP block {magic 0x56465001, size 288, d0..d31, fpscr, fpexc, fpinst,
//                fpinst2} when the core has VFP, then a zero word ending the list.
#include <optional>

#include "cores/arm/arm_a.h"
#include "cores/arm/linux_abi_arm.h"
#include "platforms/user/guest_struct.h"

namespace anvil::arm {

namespace {

using namespace arm_a_register;

constexpr Addr kSiginfoSize = 128, kUcontextSize = 744, kRetcodeSize = 16;
constexpr Addr kMcontext = 20, kSigmask = 104, kRegspace = 232;
constexpr Addr kSigcontextRegisters = 12;  // r0 in sigcontext
constexpr Addr kSigcontextSize = 84;
constexpr std::uint32_t kVfpMagic = 0x56465001, kVfpBlockSize = 288;
constexpr std::uint32_t kNrSigreturn = 119, kNrRtSigreturn = 173;
// CPSR bits the handler must not inherit: T (5) and IT[7:0] (15:10, 26:25).
constexpr std::uint32_t kCpsrThumb = 1u << 5, kCpsrIt = 0x0600fc00u;

unsigned d_register_count(user::CoreRegisters& registers) {
  const auto count = registers.core().register_info().size();
  return count > kD0 ? static_cast<unsigned>(count - kD0) : 0;
}

void save_vfp(user::CoreRegisters& registers, user::GuestStruct& uc) {
  const unsigned d_count = d_register_count(registers);
  if (d_count == 0) return;  // regspace stays zero: no VFP block, end of list
  uc.put32(kRegspace, kVfpMagic);
  uc.put32(kRegspace + 4, kVfpBlockSize);
  for (unsigned n = 0; n < d_count && n < 32; ++n)
    uc.put(kRegspace + 8 + 8 * n, 8, registers.get(kD0 + n));
  uc.put32(kRegspace + 264, static_cast<std::uint32_t>(registers.get(kFpscr)));
  uc.put32(kRegspace + 272, static_cast<std::uint32_t>(registers.get(kFpexc)));
}

void restore_vfp(user::CoreRegisters& registers, const user::GuestStruct& uc) {
  const unsigned d_count = d_register_count(registers);
  if (d_count == 0 || uc.get32(kRegspace) != kVfpMagic) return;
  for (unsigned n = 0; n < d_count && n < 32; ++n)
    registers.set(kD0 + n, uc.get(kRegspace + 8 + 8 * n, 8));
  registers.set(kFpscr, uc.get32(kRegspace + 264));
}

}  // namespace

bool arm_push_signal_frame(user::CoreRegisters& registers, user::GuestMemory& memory,
                           const user::SignalDelivery& delivery) {
  const bool rt = delivery.with_siginfo;
  const Addr size = (rt ? kSiginfoSize : 0) + kUcontextSize + kRetcodeSize;
  if (delivery.stack_top < size) return false;
  const Addr frame = (delivery.stack_top - size) & ~Addr{7};
  const Addr uc_address = frame + (rt ? kSiginfoSize : 0);
  const std::endian order = memory.byte_order();

  user::GuestStruct uc(kUcontextSize + kRetcodeSize, order);
  uc.put32(8, static_cast<std::uint32_t>(delivery.altstack_sp));
  uc.put32(12, delivery.altstack_flags);
  uc.put32(16, static_cast<std::uint32_t>(delivery.altstack_size));
  uc.put32(kMcontext + 8, static_cast<std::uint32_t>(delivery.saved_mask));  // oldmask
  for (unsigned r = 0; r <= kPc; ++r)
    uc.put32(kMcontext + kSigcontextRegisters + 4 * r,
             static_cast<std::uint32_t>(registers.get(r)));
  const auto cpsr = static_cast<std::uint32_t>(registers.get(kCpsr));
  uc.put32(kMcontext + kSigcontextRegisters + 4 * 16, cpsr);
  uc.put32(kMcontext + kSigcontextSize - 4, static_cast<std::uint32_t>(delivery.fault_address));
  uc.put32(kSigmask, static_cast<std::uint32_t>(delivery.saved_mask));
  uc.put32(kSigmask + 4, static_cast<std::uint32_t>(delivery.saved_mask >> 32));
  save_vfp(registers, uc);
  // retcode: "mov r7, #NR; svc #0" in ARM state, used when there is no SA_RESTORER.
  const std::uint32_t number = rt ? kNrRtSigreturn : kNrSigreturn;
  uc.put32(kUcontextSize, 0xe3a07000u | number);
  uc.put32(kUcontextSize + 4, 0xef000000u);

  if (rt && !memory.write(frame, delivery.siginfo)) return false;
  if (!uc.write_to(memory, uc_address)) return false;

  registers.set(0, delivery.guest_signal);
  if (rt) {
    registers.set(1, frame);
    registers.set(2, uc_address);
  }
  registers.set(kSp, frame);
  registers.set(kLr, delivery.restorer ? delivery.restorer : uc_address + kUcontextSize);
  registers.set(kCpsr, cpsr & ~(kCpsrThumb | kCpsrIt));
  registers.set(kPc, delivery.handler);  // bit 0 enters a Thumb handler
  return true;
}

std::optional<std::uint64_t> arm_pop_signal_frame(user::CoreRegisters& registers,
                                                  user::GuestMemory& memory, bool rt) {
  const Addr frame = registers.get(kSp);
  // The kernel refuses a misaligned frame (restore_sigframe's caller checks sp & 7).
  if (frame & 7) return std::nullopt;
  user::GuestStruct uc(kUcontextSize, memory.byte_order());
  if (!uc.read_from(memory, frame + (rt ? kSiginfoSize : 0))) return std::nullopt;
  for (unsigned r = 0; r < kPc; ++r)
    registers.set(r, uc.get32(kMcontext + kSigcontextRegisters + 4 * r));
  // CPSR first: it sets T, so the pc below (bit 0 clear) keeps that state.
  registers.set(kCpsr, uc.get32(kMcontext + kSigcontextRegisters + 4 * 16));
  registers.set(kPc, uc.get32(kMcontext + kSigcontextRegisters + 4 * kPc) & ~1u);
  restore_vfp(registers, uc);
  return std::uint64_t{uc.get32(kSigmask)} | std::uint64_t{uc.get32(kSigmask + 4)} << 32;
}

}  // namespace anvil::arm
