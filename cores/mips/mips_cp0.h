// CP0, the system control coprocessor: its registers as plain data. Behaviour (MFC0/MTC0
// masks, the timer, TLB instructions) is in mips_cp0.cpp, exception entry in
// mips_exceptions.cpp. MIPS32 PRA ch. 9; R30xx manual ch. 3 and 6 for MIPS I.
#pragma once

#include <cstdint>
#include <vector>

#include "cores/common/types.h"

namespace anvil::mips {

// Status bits. MIPS32 PRA 9.26; MIPS I in the R30xx manual, "Status register".
namespace status {
inline constexpr std::uint32_t kIE = 1u << 0;   // MIPS32: interrupt enable; MIPS I: IEc
inline constexpr std::uint32_t kEXL = 1u << 1;  // MIPS32: exception level; MIPS I: KUc
inline constexpr std::uint32_t kERL = 1u << 2;  // MIPS32: error level; MIPS I: IEp
inline constexpr std::uint32_t kUM = 1u << 4;   // MIPS32: user mode (KSU = 2)
inline constexpr std::uint32_t kKSU = 3u << 3;
inline constexpr std::uint32_t kIM = 0xFFu << 8;
inline constexpr std::uint32_t kBEV = 1u << 22;
inline constexpr std::uint32_t kFR = 1u << 26;
inline constexpr std::uint32_t kCU0 = 1u << 28;
inline constexpr std::uint32_t kCU1 = 1u << 29;
inline constexpr std::uint32_t kMips1KUc = 1u << 1;
inline constexpr std::uint32_t kMips1Stack = 0x3Fu;  // KUo IEo KUp IEp KUc IEc
}  // namespace status

namespace cause {
inline constexpr std::uint32_t kBD = 1u << 31;
inline constexpr std::uint32_t kBT = 1u << 30;  // R3000A: branch taken (with BD)
inline constexpr std::uint32_t kTI = 1u << 30;  // MIPS32r2: timer interrupt pending
inline constexpr unsigned kCEShift = 28;
inline constexpr std::uint32_t kCE = 3u << kCEShift;
inline constexpr std::uint32_t kIV = 1u << 23;
inline constexpr std::uint32_t kIP = 0xFFu << 8;
inline constexpr std::uint32_t kIPSoftware = 0x3u << 8;
inline constexpr std::uint32_t kExcCode = 0x1Fu << 2;
}  // namespace cause

// One TLB entry. MIPS32: a pair of pages (EntryLo0/1) under one EntryHi and PageMask;
// MIPS I: one page, EntryLo0 only.
struct TlbEntry {
  std::uint32_t page_mask = 0;
  std::uint32_t entry_hi = 0;
  std::uint32_t entry_lo0 = 0;
  std::uint32_t entry_lo1 = 0;
};

struct Cp0 {
  std::uint32_t index = 0;                   // 0
  std::uint32_t random = 0;                  // 1 (kept as a counter, see mips_cp0.cpp)
  std::uint32_t entry_lo0 = 0;               // 2
  std::uint32_t entry_lo1 = 0;               // 3
  std::uint32_t context = 0;                 // 4
  std::uint32_t user_local = 0;              // 4 select 2 (RDHWR 29)
  std::uint32_t page_mask = 0;               // 5
  std::uint32_t wired = 0;                   // 6 (MIPS32)
  std::uint32_t target_address = 0;          // 6 on the R3000A: TAR
  std::uint32_t hwrena = 0;                  // 7
  std::uint32_t bad_vaddr = 0;               // 8
  std::uint32_t count_offset = 0;            // 9: Count = cycles / divider + count_offset
  std::uint32_t entry_hi = 0;                // 10
  std::uint32_t compare = 0;                 // 11
  std::uint32_t status = 0;                  // 12
  std::uint32_t intctl = 0;                  // 12 select 1
  std::uint32_t srsctl = 0;                  // 12 select 2
  std::uint32_t cause = 0;                   // 13
  std::uint32_t epc = 0;                     // 14
  std::uint32_t ebase = 0;                   // 15 select 1
  std::uint32_t config0 = 0;                 // 16 (K0 and the other writable bits)
  std::uint32_t lladdr = 0;                  // 17
  std::uint32_t watch_lo = 0, watch_hi = 0;  // 18, 19
  std::uint32_t debug = 0, depc = 0;         // 23, 24 (EJTAG)
  std::uint32_t tag_lo = 0, data_lo = 0;     // 28
  std::uint32_t error_epc = 0;               // 30
  std::uint32_t desave = 0;                  // 31
  std::vector<TlbEntry> tlb;
  bool timer_interrupt = false;  // Count reached Compare (Cause.TI)
  Cycles timer_at = kNever;      // the cycle at which Count next equals Compare
};

}  // namespace anvil::mips
