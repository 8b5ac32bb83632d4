// The host's floating-point environment for one guest FP operation: the guest's rounding
// mode for its span, and the IEEE exception flags it raised. Guest FP models (VFP, the MIPS
// FPU) compute with host float/double arithmetic and read the flags afterwards.
//
// Why not <cfenv> alone: glibc's feclearexcept and fetestexcept on x86-64 save and reload
// the whole x87 environment as well as MXCSR (fnstenv/fldenv, a hundred cycles and more),
// and guest FP code pays that on every operation. float and double arithmetic on x86-64 is
// SSE, whose flags live in MXCSR alone (Intel SDM Vol. 1, 10.2.3 "MXCSR Control and Status
// Register"), so the flags are cleared and read there directly. The rounding mode still goes
// through fesetround (it sets both the x87 and the SSE control words, which libm's rounding
// functions may consult), but only when the guest asks for something other than the host's
// round-to-nearest, which is rare.
#pragma once

#include <cfenv>

#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace anvil {

// MXCSR's flag bits 0-5 are IE, DE, ZE, OE, UE, PE; glibc's FE_* values for x86-64 are the
// same bits (DE, the denormal-operand flag, has no FE_ name and is masked off below).
#if defined(__SSE2__)
static_assert(FE_INVALID == 0x01 && FE_DIVBYZERO == 0x04 && FE_OVERFLOW == 0x08 &&
                  FE_UNDERFLOW == 0x10 && FE_INEXACT == 0x20,
              "FE_* flags differ from MXCSR's layout");
#endif

// Clears the host's IEEE exception flags before a guest operation.
inline void clear_host_fp_flags() {
#if defined(__SSE2__)
  _mm_setcsr(_mm_getcsr() & ~0x3Fu);
#else
  std::feclearexcept(FE_ALL_EXCEPT);
#endif
}

// The IEEE exception flags (FE_INVALID, FE_DIVBYZERO, FE_OVERFLOW, FE_UNDERFLOW, FE_INEXACT)
// raised since clear_host_fp_flags.
inline int host_fp_flags() {
#if defined(__SSE2__)
  return static_cast<int>(_mm_getcsr()) & FE_ALL_EXCEPT;
#else
  return std::fetestexcept(FE_ALL_EXCEPT);
#endif
}

// The host rounding mode `fe_mode` (FE_TONEAREST, FE_UPWARD...) for the scope's lifetime, with
// the flags cleared on entry. The host runs at round-to-nearest everywhere else.
class HostRoundingScope {
 public:
  explicit HostRoundingScope(int fe_mode) : changed_(fe_mode != FE_TONEAREST) {
    if (changed_) std::fesetround(fe_mode);
    clear_host_fp_flags();
  }
  ~HostRoundingScope() {
    if (changed_) std::fesetround(FE_TONEAREST);
  }
  HostRoundingScope(const HostRoundingScope&) = delete;
  HostRoundingScope& operator=(const HostRoundingScope&) = delete;

 private:
  bool changed_;
};

}  // namespace anvil
