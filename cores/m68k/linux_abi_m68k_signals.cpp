// The m68k Linux signal frame (arch/m68k/kernel/signal.c setup_frame, setup_rt_frame,
// restore_sigcontext and rt_restore_ucontext; layouts from uapi/asm/sigcontext.h and
// asm/ucontext.h, offsets checked with offsetof under m68k-linux-gnu-gcc, which aligns
// 32-bit fields to 2 bytes):
//
//   sigframe:    pretcode 0, sig 4, code 8, psc 12, retcode[8] 16, extramask 24,
//                sigcontext 28 (284)                                                 = 312
//   rt_sigframe: pretcode 0, sig 4, pinfo 8, puc 12, retcode[8] 16, siginfo 24 (128),
//                ucontext 152 (532)                                                  = 684
//   sigcontext:  sc_mask 0, sc_usp 4, sc_d0 8, sc_d1 12, sc_a0 16, sc_a1 20, sc_sr 24 (16-bit),
//                sc_pc 26, sc_formatvec 30 (16-bit), sc_fpregs 32 (fp0, fp1), sc_fpcntl 56
//                (fpcr, fpsr, fpiar), sc_fpstate 68 (the FSAVE frame, 216 bytes)
//   ucontext:    uc_flags 0, uc_link 4, uc_stack 8 {ss_sp, ss_flags, ss_size},
//                uc_mcontext 20 {version 2, gregs d0-d7 a0-a6 usp pc sr at 24,
//                fpcntl at 96, fp0-fp7 at 108}, uc_filler 204 (the FSAVE frame at 204,
//                uc_formatvec at 420), uc_sigmask 524 (8 bytes)
//
// The handler is called as a C function: sp points at pretcode (its return address), the
// arguments above it. sigreturn finds the frame at sp - 4 (the handler's RTS popped
// pretcode). The plain frame saves only the registers a C function may clobber (d0, d1, a0,
// a1) and fp0/fp1; the rt frame saves them all. FP registers are 12-byte extended values.
#include <optional>

#include "cores/m68k/linux_abi_m68k.h"
#include "cores/m68k/m68000_core.h"
#include "platforms/user/guest_struct.h"

namespace anvil::m68k {

namespace {

constexpr Addr kSigreturnPage = 0xf0001000;  // above the stack (LinuxAbi::stack_top)
constexpr Addr kSigreturnCode = kSigreturnPage, kRtSigreturnCode = kSigreturnPage + 8;
constexpr std::uint32_t kNrSigreturn = 119, kNrRtSigreturn = 173;
// The kernel's retcode words: "moveq #119,d0; trap #0" and "moveq #~173,d0; not.b d0;
// trap #0" (moveq sign-extends, so 173 needs the NOT).
constexpr std::uint32_t kSigreturnRetcode = 0x70004e40 | kNrSigreturn << 16;
constexpr std::uint32_t kRtSigreturnRetcode = 0x70004600 | (kNrRtSigreturn ^ 0xff) << 16;
constexpr std::uint16_t kTrap0 = 0x4e40;

constexpr Addr kFrameSize = 312, kRtFrameSize = 684;
constexpr Addr kRetcode = 16, kExtramask = 24, kSigcontext = 28;
constexpr Addr kSiginfo = 24, kUcontext = 152;
// sigcontext fields
constexpr Addr kScMask = 0, kScUsp = 4, kScD0 = 8, kScD1 = 12, kScA0 = 16, kScA1 = 20, kScSr = 24,
               kScPc = 26, kScFpregs = 32, kScFpcntl = 56, kScFpstate = 68;
// ucontext fields
constexpr Addr kUcStack = 8, kUcVersion = 20, kUcGregs = 24, kUcFpcntl = 96, kUcFpregs = 108,
               kUcFpstate = 204, kUcSigmask = 524;
constexpr std::uint32_t kMcontextVersion = 2;
constexpr Addr kExtendedSize = 12;  // an FP register in memory (FPU UM 3.1)

// gregs order: d0-d7, a0-a6, usp, pc, sr.
constexpr const char* kGregNames[] = {"d0", "d1", "d2",    "d3",    "d4", "d5",
                                      "d6", "d7", "a0",    "a1",    "a2", "a3",
                                      "a4", "a5", "a6|fp", "sp|a7", "pc", "ps|sr"};

std::uint32_t get(user::CoreRegisters& registers, const char* name) {
  return static_cast<std::uint32_t>(registers.get(registers.index(name)));
}
void set(user::CoreRegisters& registers, const char* name, std::uint32_t value) {
  registers.set(registers.index(name), value);
}

// SR as a signal handler may change it: only the condition codes (restore_sigcontext keeps
// the system byte).
void restore_ccr(user::CoreRegisters& registers, std::uint32_t saved_sr) {
  set(registers, "ps|sr", (get(registers, "ps|sr") & 0xff00) | (saved_sr & 0xff));
}

// The FPU when the model has one (the integer core owns its state, m68k_fpu_state.h).
M68000Core* fpu_core(user::CoreRegisters& registers) {
  auto* core = dynamic_cast<M68000Core*>(&registers.core());
  return core && core->fpu_model() != FpuModel::None ? core : nullptr;
}

// The first word of an idle FSAVE frame: version and size (68881/68882 UM 6.4.2; 68040 UM
// 9.x: an idle frame of 0 bytes). Linux reads a non-zero first byte as "FPU in use".
std::uint32_t idle_fsave_header(FpuModel model) {
  switch (model) {
    case FpuModel::Mc68881:
      return 0x1f180000;
    case FpuModel::Mc68882:
      return 0x1f380000;
    default:
      return 0x41000000;
  }
}

void put_fp(user::GuestStruct& frame, Addr at, const Extended80& value) {
  frame.put(at, 2, value.sign_exponent);
  frame.put(at + 4, 8, value.mantissa);
}
Extended80 get_fp(const user::GuestStruct& frame, Addr at) {
  return {static_cast<std::uint16_t>(frame.get(at, 2)), frame.get(at + 4, 8)};
}

// fpcr, fpsr, fpiar at `control`; the first `count` FP registers at `data`.
void save_fpu(const M68000Core& core, user::GuestStruct& frame, Addr control, Addr data,
              unsigned count) {
  frame.put32(control, core.fpu.fpcr);
  frame.put32(control + 4, core.fpu.fpsr);
  frame.put32(control + 8, core.fpu.fpiar);
  for (unsigned n = 0; n < count; ++n) put_fp(frame, data + kExtendedSize * n, core.fpu.fp[n]);
}
void restore_fpu(M68000Core& core, const user::GuestStruct& frame, Addr control, Addr data,
                 unsigned count) {
  core.fpu.fpcr = frame.get32(control);
  core.fpu.fpsr = frame.get32(control + 4);
  core.fpu.fpiar = frame.get32(control + 8);
  for (unsigned n = 0; n < count; ++n) core.fpu.fp[n] = get_fp(frame, data + kExtendedSize * n);
}

void put_mask(user::GuestStruct& frame, Addr low, Addr high, std::uint64_t mask) {
  frame.put32(low, static_cast<std::uint32_t>(mask));
  frame.put32(high, static_cast<std::uint32_t>(mask >> 32));
}

// setup_sigcontext: the caller-saved registers, SR, PC and (with an FPU) fp0/fp1.
void save_sigcontext(user::CoreRegisters& registers, user::GuestStruct& frame, Addr sc,
                     std::uint64_t mask) {
  frame.put32(sc + kScMask, static_cast<std::uint32_t>(mask));
  frame.put32(sc + kScUsp, get(registers, "sp|a7"));
  frame.put32(sc + kScD0, get(registers, "d0"));
  frame.put32(sc + kScD1, get(registers, "d1"));
  frame.put32(sc + kScA0, get(registers, "a0"));
  frame.put32(sc + kScA1, get(registers, "a1"));
  frame.put(sc + kScSr, 2, get(registers, "ps|sr"));
  frame.put32(sc + kScPc, get(registers, "pc"));
  // sc_formatvec stays 0: format 0, the short frame user mode always returns through.
  if (const M68000Core* core = fpu_core(registers)) {
    frame.put32(sc + kScFpstate, idle_fsave_header(core->fpu_model()));
    save_fpu(*core, frame, sc + kScFpcntl, sc + kScFpregs, 2);
  }
}

void save_ucontext(user::CoreRegisters& registers, user::GuestStruct& frame, Addr uc,
                   const user::SignalDelivery& delivery) {
  frame.put32(uc + kUcStack, static_cast<std::uint32_t>(delivery.altstack_sp));
  frame.put32(uc + kUcStack + 4, delivery.altstack_flags);
  frame.put32(uc + kUcStack + 8, static_cast<std::uint32_t>(delivery.altstack_size));
  frame.put32(uc + kUcVersion, kMcontextVersion);
  for (unsigned i = 0; i < std::size(kGregNames); ++i)
    frame.put32(uc + kUcGregs + 4 * i, get(registers, kGregNames[i]));
  if (const M68000Core* core = fpu_core(registers)) {
    frame.put32(uc + kUcFpstate, idle_fsave_header(core->fpu_model()));
    save_fpu(*core, frame, uc + kUcFpcntl, uc + kUcFpregs, 8);
  }
  put_mask(frame, uc + kUcSigmask, uc + kUcSigmask + 4, delivery.saved_mask);
}

}  // namespace

void m68k_map_sigreturn_page(user::GuestMemory& memory) {
  user::GuestStruct page(0x1000, memory.byte_order());
  page.put32(kSigreturnCode - kSigreturnPage, kSigreturnRetcode);
  page.put32(kRtSigreturnCode - kSigreturnPage, kRtSigreturnRetcode);
  page.put(kRtSigreturnCode - kSigreturnPage + 4, 2, kTrap0);
  memory.map_special(kSigreturnPage, page.size(), false, page.bytes());
}

bool m68k_push_signal_frame(user::CoreRegisters& registers, user::GuestMemory& memory,
                            const user::SignalDelivery& delivery) {
  const bool rt = delivery.with_siginfo;
  const Addr size = rt ? kRtFrameSize : kFrameSize;
  if (delivery.stack_top < size) return false;
  const Addr frame_address = (delivery.stack_top - size) & ~Addr{7};  // get_sigframe
  user::GuestStruct frame(size, memory.byte_order());
  Addr return_code;
  frame.put32(4, delivery.guest_signal);
  if (rt) {
    frame.put32(8, static_cast<std::uint32_t>(frame_address + kSiginfo));
    frame.put32(12, static_cast<std::uint32_t>(frame_address + kUcontext));
    frame.put32(kRetcode, kRtSigreturnRetcode);
    frame.put(kRetcode + 4, 2, kTrap0);
    std::copy(delivery.siginfo.begin(), delivery.siginfo.end(), frame.bytes().begin() + kSiginfo);
    save_ucontext(registers, frame, kUcontext, delivery);
    return_code = kRtSigreturnCode;
  } else {
    frame.put32(8, 0);  // code: the exception vector offset, 0 for a signal from outside
    frame.put32(12, static_cast<std::uint32_t>(frame_address + kSigcontext));
    frame.put32(kRetcode, kSigreturnRetcode);
    frame.put32(kExtramask, static_cast<std::uint32_t>(delivery.saved_mask >> 32));
    save_sigcontext(registers, frame, kSigcontext, delivery.saved_mask);
    return_code = kSigreturnCode;
  }
  frame.put32(0, static_cast<std::uint32_t>(delivery.restorer ? delivery.restorer : return_code));
  if (!frame.write_to(memory, frame_address)) return false;

  set(registers, "sp|a7", static_cast<std::uint32_t>(frame_address));
  set(registers, "pc", static_cast<std::uint32_t>(delivery.handler));
  return true;
}

std::optional<std::uint64_t> m68k_pop_signal_frame(user::CoreRegisters& registers,
                                                   user::GuestMemory& memory, bool rt) {
  const Addr frame_address = get(registers, "sp|a7") - 4;
  user::GuestStruct frame(rt ? kRtFrameSize : kFrameSize, memory.byte_order());
  if (!frame.read_from(memory, frame_address)) return std::nullopt;
  M68000Core* core = fpu_core(registers);
  if (rt) {
    const Addr uc = kUcontext;
    if (frame.get32(uc + kUcVersion) != kMcontextVersion) return std::nullopt;
    for (unsigned i = 0; i + 1 < std::size(kGregNames); ++i)
      set(registers, kGregNames[i], frame.get32(uc + kUcGregs + 4 * i));
    restore_ccr(registers, frame.get32(uc + kUcGregs + 4 * 17));
    if (core && frame.get(uc + kUcFpstate, 1) != 0)
      restore_fpu(*core, frame, uc + kUcFpcntl, uc + kUcFpregs, 8);
    return std::uint64_t{frame.get32(uc + kUcSigmask)} |
           std::uint64_t{frame.get32(uc + kUcSigmask + 4)} << 32;
  }
  const Addr sc = kSigcontext;
  set(registers, "d0", frame.get32(sc + kScD0));
  set(registers, "d1", frame.get32(sc + kScD1));
  set(registers, "a0", frame.get32(sc + kScA0));
  set(registers, "a1", frame.get32(sc + kScA1));
  set(registers, "sp|a7", frame.get32(sc + kScUsp));
  set(registers, "pc", frame.get32(sc + kScPc));
  restore_ccr(registers, static_cast<std::uint32_t>(frame.get(sc + kScSr, 2)));
  if (core && frame.get(sc + kScFpstate, 1) != 0)
    restore_fpu(*core, frame, sc + kScFpcntl, sc + kScFpregs, 2);
  return std::uint64_t{frame.get32(sc + kScMask)} | std::uint64_t{frame.get32(kExtramask)} << 32;
}

}  // namespace anvil::m68k
