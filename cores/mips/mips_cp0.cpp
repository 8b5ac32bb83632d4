// CP0 registers as MFC0/MTC0 see them (read-only fields, write masks, side effects), ERET and
// RFE, the TLB instructions and RDHWR. MIPS32 PRA ch. 9 (one section per register, cited
// below); R30xx manual ch. 3 and 6 for the MIPS I layout of Index, Random, EntryHi/Lo.
#include "cores/mips/mips_core.h"

namespace anvil::mips {

namespace {

bool is_mips1(const Variant& v) {
  return v.isa == IsaLevel::Mips1;
}

// Status bits software may write (MIPS32 PRA 9.26; R30xx manual "Status register").
std::uint32_t status_write_mask(const Variant& v) {
  if (is_mips1(v)) return 0xF27FFF3Fu;
  std::uint32_t m = status::kCU0 | (1u << 27) | (1u << 25) | status::kBEV | (1u << 21) |
                    (1u << 20) | (1u << 19) | status::kIM | status::kKSU | status::kERL |
                    status::kEXL | status::kIE;
  if (v.has_fpu) m |= status::kCU1 | status::kFR;
  return m;
}

// The TLB index field: MIPS32 Index[n-1:0]; MIPS I Index[13:8].
constexpr unsigned kMips1IndexShift = 8;

}  // namespace

// Random counts down from the last entry to Wired once per instruction (MIPS32 PRA 9.5); a
// function of the instruction count gives the same sequence without work per instruction.
std::uint32_t MipsCore::random_index() const {
  const unsigned n = variant_.tlb_entries;
  if (is_mips1(variant_)) return 63 - static_cast<std::uint32_t>(instructions_ % 56);  // 8..63
  const unsigned wired = cp0_.wired < n ? cp0_.wired : n - 1;
  return n - 1 - static_cast<std::uint32_t>(instructions_ % (n - wired));
}

std::uint32_t MipsCore::read_cp0(unsigned reg, unsigned sel) {
  const bool mips1 = is_mips1(variant_);
  switch (reg) {
    case 0:
      return cp0_.index;
    case 1:
      return mips1 ? random_index() << kMips1IndexShift : random_index();
    case 2:
      return cp0_.entry_lo0;
    case 3:
      return cp0_.entry_lo1;
    case 4:
      return sel == 2 ? cp0_.user_local : cp0_.context;
    case 5:
      return cp0_.page_mask;
    case 6:
      return mips1 ? cp0_.target_address : cp0_.wired;
    case 7:
      return cp0_.hwrena;
    case 8:
      return cp0_.bad_vaddr;
    case 9:
      return count();
    case 10:
      return cp0_.entry_hi;
    case 11:
      return cp0_.compare;
    case 12:
      if (sel == 1) return (7u << 29) | cp0_.intctl;  // IPTI = 7 (9.27)
      if (sel == 2) return cp0_.srsctl;
      return cp0_.status;
    case 13:
      return cause_register();
    case 14:
      return cp0_.epc;
    case 15:
      return sel == 1 ? cp0_.ebase : variant_.prid;
    case 16:
      if (sel == 0) return mips1 ? 0 : cp0_.config0;
      return sel < 4 ? variant_.config[sel] : 0;
    case 17:
      return cp0_.lladdr;
    case 18:
      return cp0_.watch_lo;
    case 19:
      return cp0_.watch_hi;
    case 23:
      return cp0_.debug;
    case 24:
      return cp0_.depc;
    case 28:
      return sel & 1 ? cp0_.data_lo : cp0_.tag_lo;
    case 30:
      return cp0_.error_epc;
    case 31:
      return cp0_.desave;
    default:
      return 0;  // reserved registers read as zero
  }
}

void MipsCore::write_cp0(unsigned reg, unsigned sel, std::uint32_t v) {
  const bool mips1 = is_mips1(variant_);
  const std::uint32_t index_mask =
      mips1 ? (63u << kMips1IndexShift) : (std::bit_ceil(variant_.tlb_entries) - 1);
  switch (reg) {
    case 0:
      cp0_.index = (cp0_.index & 0x80000000u) | (v & index_mask);
      break;
    case 2:
      cp0_.entry_lo0 = v & (mips1 ? 0xFFFFFF00u : 0x3FFFFFFFu);
      break;
    case 3:
      if (!mips1) cp0_.entry_lo1 = v & 0x3FFFFFFFu;
      break;
    case 4:
      if (sel == 2)
        cp0_.user_local = v;
      else
        cp0_.context = (cp0_.context & ~0xFF800000u) | (v & 0xFF800000u);
      break;
    case 5:
      if (!mips1) cp0_.page_mask = v & 0x1FFFE000u;
      break;
    case 6:
      if (!mips1) cp0_.wired = v & index_mask;  // Random restarts from the top (9.7)
      break;
    case 7:
      if (!mips1) cp0_.hwrena = v & 0x2000000Fu;
      break;
    case 9:
      if (variant_.count_divider) {
        cp0_.count_offset = v - static_cast<std::uint32_t>(cycles_ / variant_.count_divider);
        schedule_timer();
      }
      break;
    case 10:
      cp0_.entry_hi = v & (mips1 ? 0xFFFFFFC0u : 0xFFFFE0FFu);
      break;
    case 11:
      cp0_.compare = v;
      cp0_.timer_interrupt = false;  // 9.13: a write to Compare clears the timer interrupt
      schedule_timer();
      break;
    case 12:
      if (sel == 1)
        cp0_.intctl = v & (0x1Fu << 5);
      else if (sel == 0) {
        const std::uint32_t m = status_write_mask(variant_);
        cp0_.status = (cp0_.status & ~m) | (v & m);
      }
      stop_after_instruction();  // interrupts may be enabled now
      break;
    case 13: {
      const std::uint32_t m =
          mips1 ? cause::kIPSoftware : (cause::kIV | (1u << 22) | cause::kIPSoftware);
      cp0_.cause = (cp0_.cause & ~m) | (v & m);
      stop_after_instruction();
      break;
    }
    case 14:
      cp0_.epc = v;
      break;
    case 15:
      if (sel == 1 && !mips1) cp0_.ebase = 0x80000000u | (v & 0x3FFFF000u);
      break;
    case 16:
      if (sel == 0 && !mips1) cp0_.config0 = (cp0_.config0 & ~7u) | (v & 7u);
      break;
    case 18:
      cp0_.watch_lo = v;
      break;
    case 19:
      cp0_.watch_hi = v;
      break;
    case 23:
      cp0_.debug = v;
      break;
    case 24:
      cp0_.depc = v;
      break;
    case 28:
      (sel & 1 ? cp0_.data_lo : cp0_.tag_lo) = v;
      break;
    case 30:
      cp0_.error_epc = v;
      break;
    case 31:
      cp0_.desave = v;
      break;
    default:
      break;  // read-only or reserved: writes are ignored
  }
}

// ERET (MIPS32 ISA): return to ErrorEPC if ERL, else EPC; clears the level bit and the LL
// bit; no delay slot.
void MipsCore::exception_return() {
  std::uint32_t target = 0;
  if (cp0_.status & status::kERL) {
    target = cp0_.error_epc;
    cp0_.status &= ~status::kERL;
  } else {
    target = cp0_.epc;
    cp0_.status &= ~status::kEXL;
  }
  ll_bit_ = false;
  jump_now(target);
  stop_after_instruction();
}

// RFE (R30xx manual): pops the KU/IE stack; KUo/IEo stay.
void MipsCore::restore_from_exception() {
  const std::uint32_t s = cp0_.status;
  cp0_.status = (s & ~0xFu) | ((s >> 2) & 0xFu);
  stop_after_instruction();
}

// ---------------------------------------------------------------------------------------
// TLB instructions. MIPS32 ISA TLBR/TLBWI/TLBWR/TLBP; R30xx manual ch. 6 for MIPS I.
// ---------------------------------------------------------------------------------------

namespace {
constexpr std::uint32_t kGlobal = 1;                 // EntryLo.G (MIPS32)
constexpr std::uint32_t kMips1Global = 1u << 8;      // EntryLo.G (MIPS I)
constexpr std::uint32_t kProbeFailed = 0x80000000u;  // Index.P
}  // namespace

void MipsCore::tlb_read() {
  if (is_mips1(variant_)) {
    const TlbEntry& e = cp0_.tlb[(cp0_.index >> kMips1IndexShift) & 63];
    cp0_.entry_hi = e.entry_hi;
    cp0_.entry_lo0 = e.entry_lo0;
    return;
  }
  const TlbEntry& e = cp0_.tlb[(cp0_.index & 0x7FFFFFFFu) % variant_.tlb_entries];
  cp0_.page_mask = e.page_mask;
  cp0_.entry_hi = e.entry_hi;
  cp0_.entry_lo0 = e.entry_lo0;
  cp0_.entry_lo1 = e.entry_lo1;
}

void MipsCore::tlb_write(bool random) {
  if (is_mips1(variant_)) {
    const unsigned i = random ? random_index() : (cp0_.index >> kMips1IndexShift) & 63;
    cp0_.tlb[i] = {0, cp0_.entry_hi, cp0_.entry_lo0, 0};
    return;
  }
  const unsigned i = random ? random_index() : (cp0_.index & 0x7FFFFFFFu) % variant_.tlb_entries;
  // The entry is global only when both halves say so (MIPS32 ISA, TLBWI).
  const std::uint32_t g = cp0_.entry_lo0 & cp0_.entry_lo1 & kGlobal;
  const std::uint32_t vpn2_mask = ~(cp0_.page_mask | 0x1FFFu);
  cp0_.tlb[i] = {cp0_.page_mask, cp0_.entry_hi & (vpn2_mask | 0xFFu),
                 (cp0_.entry_lo0 & ~kGlobal) | g, (cp0_.entry_lo1 & ~kGlobal) | g};
}

void MipsCore::tlb_probe() {
  if (is_mips1(variant_)) {
    const std::uint32_t vpn = cp0_.entry_hi & 0xFFFFF000u;
    const std::uint32_t asid = cp0_.entry_hi & 0xFC0u;
    for (unsigned i = 0; i < cp0_.tlb.size(); ++i) {
      const TlbEntry& e = cp0_.tlb[i];
      if ((e.entry_hi & 0xFFFFF000u) == vpn &&
          ((e.entry_lo0 & kMips1Global) || (e.entry_hi & 0xFC0u) == asid)) {
        cp0_.index = i << kMips1IndexShift;
        return;
      }
    }
    cp0_.index |= kProbeFailed;
    return;
  }
  for (unsigned i = 0; i < cp0_.tlb.size(); ++i) {
    const TlbEntry& e = cp0_.tlb[i];
    const std::uint32_t vpn2_mask = ~(e.page_mask | 0x1FFFu);
    const bool global = (e.entry_lo0 & e.entry_lo1 & kGlobal) != 0;
    if (((e.entry_hi ^ cp0_.entry_hi) & vpn2_mask) == 0 &&
        (global || ((e.entry_hi ^ cp0_.entry_hi) & 0xFFu) == 0)) {
      cp0_.index = i;
      return;
    }
  }
  cp0_.index |= kProbeFailed;
}

// RDHWR (MIPS32 ISA, Release 2): CPUNum, SYNCI_Step, CC, CCRes and UserLocal, allowed in
// kernel mode or where HWREna enables them. In Linux user mode, the kernel grants 0-3 and
// emulates UserLocal (29) for cores without the ULRI option.
bool MipsCore::read_hardware_register(unsigned rd, std::uint32_t& value) {
  const bool allowed = kernel_mode() || (rd < 32 && (cp0_.hwrena >> rd) & 1) ||
                       (linux_user_ && (rd <= 3 || rd == 29));
  if (!allowed) return false;
  switch (rd) {
    case 0:
      value = cp0_.ebase & 0x3FF;
      return true;
    case 1:
      value = 16;  // the 4K and 24K L1 line size (Config1.IL = DL = 3)
      return true;
    case 2:
      value = count();
      return true;
    case 3:
      value = variant_.count_divider;
      return true;
    case 29:
      value = cp0_.user_local;
      return true;
    default:
      return false;
  }
}

}  // namespace anvil::mips
