// The A-profile core's memory side: the slow data path (misaligned, unmapped, watched), the
// alignment rules of each architecture version, interworking PC writes, and the CP15 system
// control and identification registers.
#include "cores/arm/arm_a_core.h"

namespace anvil::arm {

namespace {
constexpr std::uint32_t kSctlrA = 1u << 1, kSctlrU = 1u << 22;
}  // namespace

// BXWritePC() (A2.3.2) for the cases ArmCpu's inline path leaves: a change of instruction
// set (ARMv4T+), or a target in the top 256 MiB (the Linux kuser helpers live at 0xFFFF0FA0+).
void ArmA::exchange_write_pc(std::uint32_t address, bool) {
  const bool thumb = (address & 1) != 0;
  next_pc_ = thumb ? address & ~1u : address & ~3u;
  pending_cycles_ += branch_cycles_;
  if (thumb != thumb_) {
    thumb_ = thumb;
    pc_read_offset_ = thumb ? 4 : 8;
    set_event(kEventStateChange);
  }
}

// Whether a misaligned access faults (A3.2.1, Table A3-1): LDM/STM/LDRD/STRD/LDREX... always
// on ARMv7 (user mode: the kernel fixes LDM/LDRD up, but never exclusives, which we cannot
// tell apart here, so user mode lets every Required access through); word and halfword
// accesses when SCTLR.A is set, or before ARMv6 (where a misaligned LDR rotates instead,
// see load_slow) without SCTLR.U.
bool ArmA::alignment_fault(std::uint32_t a, unsigned size, Align align) {
  if ((a & (size - 1)) == 0) return false;
  if (linux_user_) return false;
  if (sctlr_ & kSctlrA) return true;
  return align == Align::Required && variant_.architecture >= 6;
}

bool ArmA::load_slow(std::uint32_t a, std::uint32_t& v, unsigned size, Align align,
                     bool unprivileged) {
  (void)unprivileged;  // no MMU yet: LDRT behaves as LDR
  if (alignment_fault(a, size, align)) return data_abort(a, true);
  if (hooks_ != &default_hooks_ && !memory_.fetch_page(a)) {
    if (hooks_->data_access(Access::Load, a, size)) set_event(kEventStop);
  }
  const bool legacy_rotate = (a & (size - 1)) != 0 && align == Align::Unaligned &&
                             variant_.architecture < 6 && !(sctlr_ & kSctlrU);
  bool ok = false;
  if (size == 1) {
    std::uint8_t b = 0;
    ok = memory_.load(a, b);
    v = b;
  } else if (size == 2) {
    std::uint16_t h = 0;
    ok = memory_.load(legacy_rotate ? a & ~1u : a, h);
    v = h;
  } else if (legacy_rotate) {
    // ARMv4/v5 LDR from a misaligned address: the aligned word rotated right by 8 times the
    // low address bits (ARM DDI 0100I A4.1.23).
    std::uint32_t w = 0;
    ok = memory_.load(a & ~3u, w);
    v = std::rotr(w, static_cast<int>(8 * (a & 3)));
  } else {
    ok = memory_.load(a, v);
  }
  return ok || data_abort(a, false);
}

bool ArmA::store_slow(std::uint32_t a, std::uint32_t v, unsigned size, Align align,
                      bool unprivileged) {
  (void)unprivileged;
  if (alignment_fault(a, size, align)) return data_abort(a, true);
  if (hooks_ != &default_hooks_ && !memory_.fetch_page(a)) {
    if (hooks_->data_access(Access::Store, a, size)) set_event(kEventStop);
  }
  // Before ARMv6, misaligned word/halfword stores ignore the low address bits.
  if (variant_.architecture < 6 && !(sctlr_ & kSctlrU)) a &= ~(size - 1);
  bool ok = false;
  if (size == 1)
    ok = memory_.store(a, static_cast<std::uint8_t>(v));
  else if (size == 2)
    ok = memory_.store(a, static_cast<std::uint16_t>(v));
  else
    ok = memory_.store(a, v);
  return ok || data_abort(a, false);
}

// ---------------------------------------------------------------------------------------
// CP15 (B4.1, B3.18 summary by CRn) and the VFP enables
// ---------------------------------------------------------------------------------------

bool ArmA::vfp_enabled() const {
  if (variant_.vfp == VfpVersion::None) return false;
  if (linux_user_) return true;
  const unsigned access = (cpacr_ >> 20) & 3;  // cp10 (cp11 must match, B4.1.40)
  const bool allowed = access == 3 || (access == 1 && privileged());
  return allowed && (vfp.fpexc & (1u << 30)) != 0;
}

bool ArmA::read_coprocessor(unsigned cp, unsigned opc1, unsigned crn, unsigned crm, unsigned opc2,
                            std::uint32_t& value) {
  if (cp != 15 || !variant_.has_cp15) return false;
  // PL0 may read only the user thread ID registers (B4.1.150).
  if (!privileged())
    if (!(crn == 13 && opc1 == 0 && crm == 0 && (opc2 == 2 || opc2 == 3))) return false;
  const unsigned key = (crn << 12) | (opc1 << 8) | (crm << 4) | opc2;
  switch (key) {
    case 0x0000:
      value = variant_.midr;
      return true;
    case 0x0001:
      value = variant_.ctr;
      return true;
    case 0x0003:
      value = 0;
      return true;  // TLBTR: unified TLB
    case 0x0005:
      value = variant_.architecture >= 7 ? 0x80000000u : 0;
      return true;  // MPIDR
    case 0x0010:
    case 0x0011:
    case 0x0012:
    case 0x0013:
      if (variant_.architecture < 6) return false;
      value = variant_.id_pfr_dfr_afr[opc2];
      return true;
    case 0x0014:
    case 0x0015:
    case 0x0016:
    case 0x0017:
      if (variant_.architecture < 6) return false;
      value = variant_.id_mmfr[opc2 - 4];
      return true;
    case 0x0020:
    case 0x0021:
    case 0x0022:
    case 0x0023:
    case 0x0024:
    case 0x0025:
      if (variant_.architecture < 6) return false;
      value = variant_.id_isar[opc2];
      return true;
    case 0x0100:
    case 0x0101:
    case 0x0200:  // CCSIDR, CLIDR, CSSELR: no caches modelled
      value = 0;
      return true;
    case 0x1000:
      value = sctlr_;
      return true;
    case 0x1001:
      value = 0;
      return true;  // ACTLR
    case 0x1002:
      value = cpacr_;
      return true;
    case 0x2000:
      value = ttbr0_;
      return true;
    case 0x2001:
      value = ttbr1_;
      return true;
    case 0x2002:
      value = ttbcr_;
      return true;
    case 0x3000:
      value = dacr_;
      return true;
    case 0x5000:
      value = dfsr_;
      return true;
    case 0x5001:
      value = ifsr_;
      return true;
    case 0x6000:
      value = dfar_;
      return true;
    case 0x6002:
      value = ifar_;
      return true;
    case 0xC000:
      if (variant_.architecture < 7) return false;
      value = vbar_;
      return true;
    case 0xD001:
      value = contextidr_;
      return true;
    case 0xD002:
      value = tpidrurw_;
      return variant_.architecture >= 6;
    case 0xD003:
      value = tpidruro_;
      return variant_.architecture >= 6;
    case 0xD004:
      value = tpidrprw_;
      return variant_.architecture >= 6;
    default:
      // c9 performance monitors, c10 remap, c15 implementation defined: read as zero.
      if (crn == 9 || crn == 10 || crn == 15) {
        value = 0;
        return true;
      }
      return false;
  }
}

bool ArmA::write_coprocessor(unsigned cp, unsigned opc1, unsigned crn, unsigned crm, unsigned opc2,
                             std::uint32_t value) {
  if (cp != 15 || !variant_.has_cp15) return false;
  const unsigned key = (crn << 12) | (opc1 << 8) | (crm << 4) | opc2;
  // PL0 may write TPIDRURW and use the CP15 barriers (c7, c5,4 / c10,4 / c10,5; B4.2.1).
  const bool user_allowed = key == 0xD002 || key == 0x7054 || key == 0x70A4 || key == 0x70A5;
  if (!privileged() && !user_allowed) return false;
  switch (key) {
    case 0x1000:
      sctlr_ = value;
      return true;
    case 0x1001:
      return true;  // ACTLR: ignored
    case 0x1002:
      cpacr_ = value & 0x00F00000;
      return true;
    case 0x2000:
      ttbr0_ = value;
      return true;
    case 0x2001:
      ttbr1_ = value;
      return true;
    case 0x2002:
      ttbcr_ = value;
      return true;
    case 0x3000:
      dacr_ = value;
      return true;
    case 0x5000:
      dfsr_ = value;
      return true;
    case 0x5001:
      ifsr_ = value;
      return true;
    case 0x6000:
      dfar_ = value;
      return true;
    case 0x6002:
      ifar_ = value;
      return true;
    case 0x7004:  // CP15 wait for interrupt (ARMv5/v6, B6.? c7 operations)
      wait_for_interrupt();
      return true;
    case 0xC000:
      if (variant_.architecture < 7) return false;
      vbar_ = value & ~0x1Fu;
      return true;
    case 0xD001:
      contextidr_ = value;
      return true;
    case 0xD002:
      tpidrurw_ = value;
      return variant_.architecture >= 6;
    case 0xD003:
      tpidruro_ = value;
      return variant_.architecture >= 6;
    case 0xD004:
      tpidrprw_ = value;
      return variant_.architecture >= 6;
    default:
      // c7 cache and barrier operations, c8 TLB maintenance (no caches or TLBs are
      // modelled), c9 performance monitors, c10 remap, c15: accepted and ignored.
      return crn == 7 || crn == 8 || crn == 9 || crn == 10 || crn == 15;
  }
}

}  // namespace anvil::arm
