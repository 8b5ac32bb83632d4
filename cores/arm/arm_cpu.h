// What an instruction handler sees of an ARM core, shared by the M-profile core (CortexM) and
// the A-profile core (ArmA): the general registers, the APSR flags, the IT state, PC writes,
// memory accesses and the exclusive monitor. The Thumb/Thumb-2 handlers (thumb16_*.cpp,
// thumb32_*.cpp) and the A32 handlers are free functions `void handler(ArmCpu&, insn)`; what
// differs between the profiles (faults, system registers, interworking corner cases, the slow
// memory path) is virtual, and only rare instructions reach it.
//
// References: ARMv7-M Architecture Reference Manual (ARM DDI 0403E), "ARMv7-M ARM"; ARM
// Architecture Reference Manual ARMv7-A and ARMv7-R edition (ARM DDI 0406C), "ARMv7-A ARM".
#pragma once

#include <array>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "cores/common/core.h"

namespace anvil::arm {

class ArmCpu;

// An instruction handler. For Thumb, `insn` is the 16-bit encoding, or for 32-bit encodings
// the first halfword in bits 31..16 and the second in bits 15..0 (the manual's numbering);
// for A32 it is the instruction word.
using ThumbHandler = void (*)(ArmCpu& cpu, std::uint32_t insn);

// APSR flags, kept unpacked for speed. ARMv7-M ARM B1.4.2, ARMv7-A ARM A2.4
struct Apsr {
  bool n = false, z = false, c = false, v = false, q = false;
  std::uint8_t ge = 0;  // ARMv7E-M (DSP) and ARMv6+ A profile
};

// Memory access alignment rule for an instruction. ARMv7-M ARM A3.2, ARMv7-A ARM A3.2
enum class Align : std::uint8_t {
  Unaligned,  // LDR/STR/LDRH/STRH/LDRSH...: allowed unless the core traps them
  Required,   // LDM/STM/PUSH/POP/LDRD/STRD/LDREX/STREX/TBB...: alignment fault
};

// UFSR bits (UsageFault Status Register, ARMv7-M ARM B3.2.15), shifted to CFSR position by
// the SCS. The A-profile core maps each to its own exception (UNDEFINED, alignment abort).
enum UsageFault : std::uint16_t {
  kUndefinedInstruction = 1u << 0,
  kInvalidState = 1u << 1,
  kInvalidPc = 1u << 2,
  kNoCoprocessor = 1u << 3,
  kUnaligned = 1u << 8,
  kDivideByZero = 1u << 9,
};

// ConditionPassed() — ARMv7-M ARM A7.3.1 / ARMv7-A ARM A8.3.1, for flags packed as NZCV.
constexpr bool condition_holds(unsigned cond, unsigned nzcv) {
  const bool n = nzcv & 8, z = nzcv & 4, c = nzcv & 2, v = nzcv & 1;
  bool result = false;
  switch ((cond >> 1) & 7) {
    case 0:
      result = z;
      break;
    case 1:
      result = c;
      break;
    case 2:
      result = n;
      break;
    case 3:
      result = v;
      break;
    case 4:
      result = c && !z;
      break;
    case 5:
      result = n == v;
      break;
    case 6:
      result = n == v && !z;
      break;
    default:
      return true;
  }
  return (cond & 1) ? !result : result;
}

// For each condition, bit `nzcv` says whether it passes: one lookup per conditional
// instruction instead of a switch.
inline constexpr std::array<std::uint16_t, 16> kConditionPasses = [] {
  std::array<std::uint16_t, 16> table{};
  for (unsigned cond = 0; cond < 16; ++cond)
    for (unsigned nzcv = 0; nzcv < 16; ++nzcv)
      if (condition_holds(cond, nzcv)) table[cond] |= std::uint16_t(1u << nzcv);
  return table;
}();

class ArmCpu : public Core {
 public:
  explicit ArmCpu(MemoryPort& memory) : memory_(memory) {}

  // ---------------------------------------------------------------------------------------
  // For instruction handlers. This part is a stable contract; add to it, do not rename.
  // ---------------------------------------------------------------------------------------

  // R0-R14 as the current mode sees them; R15 reads as the instruction's address + 4 in
  // Thumb state, + 8 in ARM state (ARMv7-A ARM A2.3). Use align_pc() for PC-relative literal
  // addressing (Align(PC,4)).
  std::uint32_t reg(unsigned n) const {
    if (n != 15) [[likely]]
      return r_[n];
    return current_pc_ + pc_read_offset_;
  }
  std::uint32_t align_pc() const { return (current_pc_ + pc_read_offset_) & ~3u; }
  // Writes R0-R14 (R13 writes on M profile force bits 1:0 to zero). Never R15: use one of
  // the *_write_pc functions below, as the pseudocode does.
  void set_reg(unsigned n, std::uint32_t value) {
    r_[n] = n == 13 ? (value & sp_write_mask_) : value;
  }
  std::uint32_t current_pc() const { return current_pc_; }
  bool thumb() const { return thumb_; }

  // PC writes, as in ARMv7-M ARM A2.3.1 and ARMv7-A ARM A2.3.1.
  void branch_write_pc(std::uint32_t address) {  // B, CBZ, BL (stays in the current state)
    next_pc_ = address & (thumb_ ? ~1u : ~3u);
    pending_cycles_ += branch_cycles_;
  }
  // BX, BLX, LDR/LDM/POP to pc (from ARMv5T), ALU writes in ARM state (from ARMv7):
  // bit 0 selects the instruction set; on M profile EXC_RETURN values return from handlers.
  void bx_write_pc(std::uint32_t address) {
    if ((address & 1) == std::uint32_t{thumb_} && address < 0xF0000000u) [[likely]] {
      next_pc_ = address & ~1u;
      pending_cycles_ += branch_cycles_;
      return;
    }
    exchange_write_pc(address, true);
  }
  void blx_write_pc(std::uint32_t address) {  // BLX (register): no EXC_RETURN check
    if ((address & 1) == std::uint32_t{thumb_} && address < 0xF0000000u) [[likely]] {
      next_pc_ = address & ~1u;
      pending_cycles_ += branch_cycles_;
      return;
    }
    exchange_write_pc(address, false);
  }
  void load_write_pc(std::uint32_t address) {
    if (load_interworks_)
      bx_write_pc(address);
    else
      branch_write_pc(address);
  }
  void alu_write_pc(std::uint32_t address) {
    if (alu_interworks_ && !thumb_)
      bx_write_pc(address);
    else
      branch_write_pc(address);
  }

  Apsr flags;

  // ConditionPassed() for the current instruction, and the IT state (ARMv7-M ARM A7.3.3).
  bool condition_passed(unsigned cond) const;
  bool in_it_block() const { return (itstate_ & 0xF) != 0; }
  bool last_in_it_block() const { return (itstate_ & 0xF) == 0x8; }
  void start_it_block(std::uint8_t firstcond_and_mask) { itstate_ = firstcond_and_mask; }

  // Memory. Return false when the access faulted: the fault is already pending and the
  // handler must return without further architectural effect. `unprivileged` is for
  // LDRT/STRT.
  bool read8(std::uint32_t a, std::uint32_t& v, bool unprivileged = false) {
    return load<std::uint8_t>(a, v, Align::Unaligned, unprivileged);
  }
  bool read16(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged = false) {
    return load<std::uint16_t>(a, v, align, unprivileged);
  }
  bool read32(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged = false) {
    return load<std::uint32_t>(a, v, align, unprivileged);
  }
  bool write8(std::uint32_t a, std::uint32_t v, bool unprivileged = false) {
    return store<std::uint8_t>(a, v, Align::Unaligned, unprivileged);
  }
  bool write16(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged = false) {
    return store<std::uint16_t>(a, v, align, unprivileged);
  }
  bool write32(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged = false) {
    return store<std::uint32_t>(a, v, align, unprivileged);
  }

  // Exclusive monitor (ARMv7-M ARM A3.4): LDREX sets, STREX checks and clears, CLREX clears.
  // The address is kept so that a STREX to another location fails, as the architecture
  // permits.
  void set_exclusive(std::uint32_t address) {
    exclusive_valid_ = true;
    exclusive_address_ = address;
  }
  bool exclusive_passed(std::uint32_t address) {
    const bool passed = exclusive_valid_ && exclusive_address_ == address;
    exclusive_valid_ = false;
    return passed;
  }
  void clear_exclusive() { exclusive_valid_ = false; }

  // Exceptions and system instructions: each profile has its own.
  virtual void usage_fault(UsageFault cause) = 0;  // UNDEFINED, INVSTATE, UNALIGNED...
  void undefined() { usage_fault(kUndefinedInstruction); }
  virtual void supervisor_call() = 0;                     // SVC
  virtual void breakpoint(std::uint32_t imm) = 0;         // BKPT
  virtual void wait_for_interrupt() = 0;                  // WFI
  virtual void wait_for_event() = 0;                      // WFE
  virtual void send_event() = 0;                          // SEV
  virtual std::uint32_t read_special(unsigned sysm) = 0;  // MRS (ARMv7-M ARM B5.2.2)
  virtual void write_special(unsigned sysm, unsigned mask, std::uint32_t value) = 0;    // MSR
  virtual void change_processor_state(bool disable, bool primask, bool faultmask) = 0;  // CPS
  virtual bool privileged() const = 0;
  virtual bool divide_by_zero_traps() const = 0;  // M: CCR.DIV_0_TRP; A: never
  bool has_dsp() const { return has_dsp_; }       // ARMv7E-M / ARMv5TE+ A profile

  // Timing: handlers add the cycles their form takes beyond the one the loop charges.
  void add_cycles(unsigned n) { pending_cycles_ += n; }

 protected:
  // The rare PC writes: an instruction-set change, an M-profile EXC_RETURN, a BX to the top
  // of the address space.
  virtual void exchange_write_pc(std::uint32_t address, bool exception_return_allowed) = 0;
  // Accesses the inline fast path does not take (misaligned, unmapped, watched, system).
  virtual bool load_slow(std::uint32_t a, std::uint32_t& v, unsigned size, Align align,
                         bool unprivileged) = 0;
  virtual bool store_slow(std::uint32_t a, std::uint32_t v, unsigned size, Align align,
                          bool unprivileged) = 0;

  // Aligned, below 0xE0000000 (the M-profile System region, where the SCS lives inside the
  // processor), on a page DMI maps: nothing to check or hook (watched pages never have a
  // direct pointer, see MemoryPort::force_slow_path). Both in one compare: rotating the
  // alignment bits to the top makes a misaligned address larger than any aligned one.
  static constexpr std::uint32_t kSystemRegion = 0xE0000000;
  template <class T>
  static bool fast_data_path(std::uint32_t a) {
    constexpr int kAlignBits = std::countr_zero(sizeof(T));
    return std::rotr(a, kAlignBits) < (kSystemRegion >> kAlignBits);
  }
  template <class T>
  bool load(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged) {
    if (fast_data_path<T>(a)) [[likely]] {
      if (const std::uint8_t* page = memory_.fetch_page(a)) [[likely]] {
        T value;
        std::memcpy(&value, page + (a & MemoryPort::kPageMask), sizeof(T));
        v = memory_.to_host(value);
        return true;
      }
    }
    return load_slow(a, v, sizeof(T), align, unprivileged);
  }
  template <class T>
  bool store(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged) {
    if (fast_data_path<T>(a)) [[likely]] {
      if (std::uint8_t* page = memory_.store_page(a)) [[likely]] {
        const T value = memory_.to_host(static_cast<T>(v));
        std::memcpy(page + (a & MemoryPort::kPageMask), &value, sizeof(T));
        return true;
      }
    }
    return store_slow(a, v, sizeof(T), align, unprivileged);
  }

  MemoryPort& memory_;
  std::array<std::uint32_t, 15> r_{};
  std::uint32_t current_pc_ = 0;
  // Where the instruction being executed continues; handlers' PC writes land here.
  std::uint32_t next_pc_ = 0;
  std::uint8_t itstate_ = 0;
  bool thumb_ = true;  // EPSR.T / CPSR.T
  bool has_dsp_ = false;
  // What differs between profiles and architecture versions in the inline paths above.
  std::uint8_t pc_read_offset_ = 4;    // 4 in Thumb state, 8 in ARM state
  std::uint32_t sp_write_mask_ = ~3u;  // M profile: SP<1:0> read as zero (B1.4.7)
  unsigned branch_cycles_ = 1;         // pipeline refill charged on every taken branch
  bool load_interworks_ = true;        // LoadWritePC interworks from ARMv5T
  bool alu_interworks_ = true;         // ALUWritePC interworks in ARM state from ARMv7
  Cycles pending_cycles_ = 0;          // handler extras and bus wait states (MemoryPort sink)
  bool exclusive_valid_ = false;
  std::uint32_t exclusive_address_ = 0;
};

// ITAdvance() (ARMv7-A ARM A2.5.2, ARMv7-M ARM A7.3.3): ITSTATE after an instruction of an
// IT block, 0 after its last.
constexpr std::uint8_t it_advance(std::uint8_t it) {
  return (it & 0x7) == 0 ? 0 : static_cast<std::uint8_t>((it & 0xE0) | ((it << 1) & 0x1F));
}

inline bool ArmCpu::condition_passed(unsigned cond) const {
  unsigned nzcv = 0;
  if constexpr (std::endian::native == std::endian::little) {
    // N, Z, C, V are Apsr's first four bytes, each 0 or 1: one load, and a multiply gathers
    // them into bits 27..24 (the partial products land on distinct lower bits, no carries).
    static_assert(offsetof(Apsr, n) == 0 && offsetof(Apsr, z) == 1 && offsetof(Apsr, c) == 2 &&
                  offsetof(Apsr, v) == 3);
    std::uint32_t bytes = 0;
    std::memcpy(&bytes, &flags, sizeof bytes);
    nzcv = ((bytes * 0x08040201u) >> 24) & 0xF;
  } else {
    nzcv = (unsigned{flags.n} << 3) | (unsigned{flags.z} << 2) | (unsigned{flags.c} << 1) |
           unsigned{flags.v};
  }
  return (kConditionPasses[cond & 0xF] >> nzcv) & 1;
}

}  // namespace anvil::arm
