// The MIPS o32 Linux signal frame (arch/mips/kernel/signal.c setup_frame, setup_rt_frame and
// restore_sigcontext; layouts from arch/mips/include/uapi/asm/sigcontext.h and
// arch/mips/kernel/signal.c, offsets checked with offsetof under mips-linux-gnu-gcc):
//
//   sigframe:    sf_ass[4], sf_pad[2] (24) | sigcontext (592) | sf_mask (16)          = 632
//   rt_sigframe: rs_ass[4], rs_pad[2] (24) | siginfo (128) | ucontext (632)            = 784
//   ucontext:    uc_flags 0, uc_link 4, uc_stack 8 {ss_sp, ss_size, ss_flags},
//                uc_mcontext 24 (sigcontext), uc_sigmask 616 (16 bytes)
//   sigcontext:  sc_regmask 0, sc_status 4, sc_pc 8, sc_regs[32] 16, sc_fpregs[32] 272
//                (64-bit slots), sc_fpc_csr 532, sc_used_math 540, sc_mdhi 552, sc_mdlo 560
//
// The handler gets a0 = signal, a1 = siginfo (rt) or 0, a2 = ucontext (rt) or sigcontext,
// t9 = pc = handler and ra = a sigreturn trampoline. The kernel keeps that trampoline in its
// VDSO; here it is a read-only page the process maps at start (mips_map_sigreturn_page).
#include <optional>
#include <string>

#include "cores/mips/linux_abi_mips.h"
#include "platforms/user/guest_struct.h"

namespace anvil::mips {

namespace {

constexpr Addr kSigreturnPage = 0x7fff1000;  // just above the stack (LinuxAbi::stack_top)
constexpr Addr kSigreturnCode = kSigreturnPage, kRtSigreturnCode = kSigreturnPage + 8;
constexpr std::uint32_t kNrSigreturn = 4119, kNrRtSigreturn = 4193;
constexpr std::uint32_t kLiV0 = 0x24020000;  // addiu v0, zero, imm
constexpr std::uint32_t kSyscall = 0x0000000c;

constexpr Addr kPreamble = 24;  // the argument save area and padding before the frame body
constexpr Addr kSiginfoSize = 128;
constexpr Addr kSigcontextSize = 592, kUcontextSize = 632;
constexpr Addr kUcMcontext = 24, kUcSigmask = 616;
constexpr Addr kScStatus = 4, kScPc = 8, kScRegs = 16, kScFpregs = 272, kScFcsr = 532,
               kScUsedMath = 540, kScHi = 552, kScLo = 560;
constexpr unsigned kA0 = 4, kA1 = 5, kA2 = 6, kT9 = 25, kSp = 29, kRa = 31;

bool has_fpu(user::CoreRegisters& registers) {
  for (const RegisterInfo& info : registers.core().register_info())
    if (info.name == "f0") return true;
  return false;
}

// The register state as setup_sigcontext saves it, written into `sc` at `at`.
void save_context(user::CoreRegisters& registers, user::GuestStruct& frame, Addr at) {
  frame.put32(at + kScStatus, static_cast<std::uint32_t>(registers.get(registers.index("status"))));
  frame.put(at + kScPc, 8, registers.get(registers.index("pc")));
  for (unsigned r = 1; r < 32; ++r) frame.put(at + kScRegs + 8 * r, 8, registers.get(r));
  frame.put(at + kScHi, 8, registers.get(registers.index("hi")));
  frame.put(at + kScLo, 8, registers.get(registers.index("lo")));
  if (!has_fpu(registers)) return;
  for (unsigned n = 0; n < 32; ++n)
    frame.put(at + kScFpregs + 8 * n, 8, registers.get(registers.index("f" + std::to_string(n))));
  frame.put32(at + kScFcsr, static_cast<std::uint32_t>(registers.get(registers.index("fcsr"))));
  frame.put32(at + kScUsedMath, 1);
}

// restore_sigcontext: the registers, pc, hi/lo and (when the frame used the FPU) the FPU.
void restore_context(user::CoreRegisters& registers, const user::GuestStruct& frame, Addr at) {
  for (unsigned r = 1; r < 32; ++r)
    registers.set(r, frame.get(at + kScRegs + 8 * r, 8) & 0xffffffff);
  registers.set(registers.index("hi"), frame.get(at + kScHi, 8) & 0xffffffff);
  registers.set(registers.index("lo"), frame.get(at + kScLo, 8) & 0xffffffff);
  registers.set(registers.index("pc"), frame.get(at + kScPc, 8) & 0xffffffff);
  if (!has_fpu(registers) || frame.get32(at + kScUsedMath) == 0) return;
  for (unsigned n = 0; n < 32; ++n)
    registers.set(registers.index("f" + std::to_string(n)),
                  frame.get(at + kScFpregs + 8 * n, 8) & 0xffffffff);
  registers.set(registers.index("fcsr"), frame.get32(at + kScFcsr));
}

void put_mask(user::GuestStruct& frame, Addr at, std::uint64_t mask) {
  frame.put32(at, static_cast<std::uint32_t>(mask));
  frame.put32(at + 4, static_cast<std::uint32_t>(mask >> 32));
}

std::uint64_t get_mask(const user::GuestStruct& frame, Addr at) {
  return std::uint64_t{frame.get32(at)} | std::uint64_t{frame.get32(at + 4)} << 32;
}

}  // namespace

void mips_map_sigreturn_page(user::GuestMemory& memory) {
  user::GuestStruct page(0x1000, memory.byte_order());
  page.put32(kSigreturnCode - kSigreturnPage, kLiV0 | kNrSigreturn);
  page.put32(kSigreturnCode - kSigreturnPage + 4, kSyscall);
  page.put32(kRtSigreturnCode - kSigreturnPage, kLiV0 | kNrRtSigreturn);
  page.put32(kRtSigreturnCode - kSigreturnPage + 4, kSyscall);
  memory.map_special(kSigreturnPage, page.size(), false, page.bytes());
}

bool mips_push_signal_frame(user::CoreRegisters& registers, user::GuestMemory& memory,
                            const user::SignalDelivery& delivery) {
  const bool rt = delivery.with_siginfo;
  const Addr size = kPreamble + (rt ? kSiginfoSize + kUcontextSize : kSigcontextSize + 16);
  if (delivery.stack_top < size) return false;
  const Addr frame_address = (delivery.stack_top - size) & ~Addr{7};
  user::GuestStruct frame(size, memory.byte_order());
  Addr context;  // the sigcontext within the frame
  if (rt) {
    std::copy(delivery.siginfo.begin(), delivery.siginfo.end(), frame.bytes().begin() + kPreamble);
    const Addr uc = kPreamble + kSiginfoSize;
    frame.put32(uc + 8, static_cast<std::uint32_t>(delivery.altstack_sp));
    frame.put32(uc + 12, static_cast<std::uint32_t>(delivery.altstack_size));
    frame.put32(uc + 16, delivery.altstack_flags);
    put_mask(frame, uc + kUcSigmask, delivery.saved_mask);
    context = uc + kUcMcontext;
  } else {
    put_mask(frame, kPreamble + kSigcontextSize, delivery.saved_mask);
    context = kPreamble;
  }
  save_context(registers, frame, context);
  if (!frame.write_to(memory, frame_address)) return false;

  registers.set(kA0, delivery.guest_signal);
  registers.set(kA1, rt ? frame_address + kPreamble : 0);
  registers.set(kA2, frame_address + (rt ? kPreamble + kSiginfoSize : context));
  registers.set(kSp, frame_address);
  registers.set(kRa, rt ? kRtSigreturnCode : kSigreturnCode);
  registers.set(kT9, delivery.handler);
  registers.set(registers.index("pc"), delivery.handler);
  return true;
}

std::optional<std::uint64_t> mips_pop_signal_frame(user::CoreRegisters& registers,
                                                   user::GuestMemory& memory, bool rt) {
  const Addr frame_address = registers.get(kSp);
  const Addr size = kPreamble + (rt ? kSiginfoSize + kUcontextSize : kSigcontextSize + 16);
  user::GuestStruct frame(size, memory.byte_order());
  if (!frame.read_from(memory, frame_address)) return std::nullopt;
  const Addr uc = kPreamble + kSiginfoSize;
  const Addr context = rt ? uc + kUcMcontext : kPreamble;
  restore_context(registers, frame, context);
  return get_mask(frame, rt ? uc + kUcSigmask : kPreamble + kSigcontextSize);
}

}  // namespace anvil::mips
