// The ARMv7-M core as instruction handlers see it. Handlers (thumb16_*.cpp, thumb32_*.cpp) are
// free functions `void handler(CortexM&, std::uint32_t insn)` named after the manual's
// instruction; they use only the "for instruction handlers" part of this class. The rest
// (run loop, exception model, System Control Space) is the core's own business.
//
// References: ARMv7-M Architecture Reference Manual (ARM DDI 0403E), "ARMv7-M ARM" below;
// Cortex-M3 Technical Reference Manual (ARM DDI 0337), "M3 TRM" below.
#pragma once

#include <array>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>

#include "cores/arm/cortex_m.h"
#include "cores/arm/cortex_m3_timing.h"
#include "cores/common/decoded_cache.h"
#include "cores/common/encoding.h"

namespace anvil::arm {

class CortexM;
class SystemControlSpace;  // NVIC, SysTick, SCB: cores/arm/m_profile_scs.h

// An instruction handler. `insn` is the 16-bit encoding, or for 32-bit encodings the first
// halfword in bits 31..16 and the second in bits 15..0 (the manual's bit numbering).
using ThumbHandler = void (*)(CortexM& cpu, std::uint32_t insn);
using ThumbRow = encoding::Row<ThumbHandler>;

// The encoding tables (one source of truth each): 16-bit patterns are 16 characters wide,
// 32-bit patterns 32 wide.
std::span<const ThumbRow> thumb16_rows();  // thumb16_table.cpp
std::span<const ThumbRow> thumb32_rows();  // thumb32_table.cpp

struct DecodedThumb {
  ThumbHandler handler = nullptr;  // null: not decoded yet
  std::uint32_t insn = 0;
  std::uint8_t length = 0;  // 2 or 4
  // 16 bytes: four slots to a cache line. Tracing finds the row again from `insn`.
};

// APSR flags, kept unpacked for speed. ARMv7-M ARM B1.4.2
struct Apsr {
  bool n = false, z = false, c = false, v = false, q = false;
  std::uint8_t ge = 0;  // ARMv7E-M (DSP) only
};

// Memory access alignment rule for an instruction. ARMv7-M ARM A3.2
enum class Align : std::uint8_t {
  Unaligned,  // LDR/STR/LDRH/STRH/LDRSH...: allowed unless CCR.UNALIGN_TRP
  Required,   // LDM/STM/PUSH/POP/LDRD/STRD/LDREX/STREX/TBB...: UsageFault UNALIGNED
};

// UFSR bits (UsageFault Status Register, ARMv7-M ARM B3.2.15), shifted to CFSR position
// by the SCS.
enum UsageFault : std::uint16_t {
  kUndefinedInstruction = 1u << 0,
  kInvalidState = 1u << 1,
  kInvalidPc = 1u << 2,
  kNoCoprocessor = 1u << 3,
  kUnaligned = 1u << 8,
  kDivideByZero = 1u << 9,
};

class CortexM final : public Core {
 public:
  CortexM(const CortexMConfig& config, MemoryPort& memory);
  ~CortexM() override;

  // ---------------------------------------------------------------------------------------
  // For instruction handlers. This part is a stable contract; add to it, do not rename.
  // ---------------------------------------------------------------------------------------

  // R0-R14 as the current mode sees them; R15 reads as the instruction's address + 4
  // (ARMv7-M ARM A2.3.1). Use align_pc() for PC-relative literal addressing (Align(PC,4)).
  std::uint32_t reg(unsigned n) const {
    if (n != 15) [[likely]]
      return r_[n];
    return current_pc_ + 4;
  }
  std::uint32_t align_pc() const { return (current_pc_ + 4) & ~3u; }
  // Writes R0-R14 (R13 writes the active stack pointer, bits 1:0 forced to zero). Never R15:
  // use one of the *_write_pc functions below, as the pseudocode does.
  void set_reg(unsigned n, std::uint32_t value);
  std::uint32_t current_pc() const { return current_pc_; }

  // PC writes, as in ARMv7-M ARM A2.3.1.
  void branch_write_pc(std::uint32_t address);  // B, CBZ, BL, ADD/MOV pc (ALUWritePC)
  void bx_write_pc(std::uint32_t address);      // BX, BLX: EXC_RETURN in Handler mode, T bit
  void blx_write_pc(std::uint32_t address);     // BLX (register): T bit, no EXC_RETURN check
  void load_write_pc(std::uint32_t address) { bx_write_pc(address); }  // LDR/LDM/POP to pc
  void alu_write_pc(std::uint32_t address) { branch_write_pc(address); }

  Apsr flags;

  // ConditionPassed() for the current instruction (A7.3.1), and the IT state (A7.3.3).
  bool condition_passed(unsigned cond) const;
  bool in_it_block() const { return (itstate_ & 0xF) != 0; }
  bool last_in_it_block() const { return (itstate_ & 0xF) == 0x8; }
  void start_it_block(std::uint8_t firstcond_and_mask);  // the IT instruction

  // Memory. Return false when the access faulted: the fault is already pending and the
  // handler must return without further architectural effect. `unprivileged` is for
  // LDRT/STRT.
  bool read8(std::uint32_t a, std::uint32_t& v, bool unprivileged = false);
  bool read16(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged = false);
  bool read32(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged = false);
  bool write8(std::uint32_t a, std::uint32_t v, bool unprivileged = false);
  bool write16(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged = false);
  bool write32(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged = false);

  // Exclusive monitor (A3.4): LDREX sets, STREX checks and clears, CLREX clears.
  void set_exclusive(std::uint32_t address);
  bool exclusive_passed(std::uint32_t address);
  void clear_exclusive();

  // Exceptions and system instructions.
  void usage_fault(UsageFault cause);  // UNDEFINED, INVSTATE, UNALIGNED, DIVBYZERO...
  void undefined() { usage_fault(kUndefinedInstruction); }
  void supervisor_call();                     // SVC
  void breakpoint(std::uint32_t imm8);        // BKPT; 0xAB is semihosting when configured
  void wait_for_interrupt();                  // WFI
  void wait_for_event();                      // WFE
  void send_event();                          // SEV
  std::uint32_t read_special(unsigned sysm);  // MRS (B5.2.2)
  void write_special(unsigned sysm, unsigned mask, std::uint32_t value);    // MSR (B5.2.3)
  void change_processor_state(bool disable, bool primask, bool faultmask);  // CPS (B5.2.1)
  bool privileged() const;
  bool divide_by_zero_traps() const;         // CCR.DIV_0_TRP
  bool has_dsp() const { return has_dsp_; }  // ARMv7E-M (Cortex-M4)

  // Timing: handlers add the cycles their form takes beyond the one the loop charges
  // (M3 TRM Table 18-1); bus wait states are added by the loop.
  void add_cycles(unsigned n) { pending_cycles_ += n; }

  // ---------------------------------------------------------------------------------------
  // Core API
  // ---------------------------------------------------------------------------------------
  std::string_view model() const override { return model_; }
  std::string_view isa() const override { return "arm"; }
  void reset() override;
  Cycles run(Cycles budget) override;
  Cycles step() override;
  CoreState state() const override { return state_; }
  void resume() override;
  void request_stop() override;
  std::span<const RegisterInfo> register_info() const override;
  std::uint64_t read_register(unsigned index) const override;
  void write_register(unsigned index, std::uint64_t value) override;
  Addr pc() const override { return current_pc_; }
  unsigned irq_line_count() const override;
  void set_irq_line(unsigned line, bool level) override;
  Cycles next_internal_event() const override;
  void advance_idle(Cycles cycles) override;
  Cycles cycle_count() const override { return cycles_; }
  std::uint64_t instruction_count() const override { return instructions_; }
  void set_hooks(Hooks* hooks, bool per_instruction) override;
  MemoryPort& memory() override { return memory_; }
  std::span<const PrivateRegion> private_regions() const override;
  std::optional<unsigned> debug_access(bool is_write, Addr addr, std::uint8_t* data,
                                       unsigned size) override;

 private:
  // The implementation (cortex_m_core.cpp, m_profile_exceptions.cpp, m_profile_scs.cpp)
  // adds what it needs here.

  // What an instruction handler asked of the run loop; checked once after each handler.
  enum Event : std::uint8_t {
    kEventException = 1 << 0,  // a synchronous exception (fault, SVC) to take now
    kEventReturn = 1 << 1,     // EXC_RETURN written to the PC
    kEventSleep = 1 << 2,      // WFI / WFE
    kEventStop = 1 << 3,       // BKPT halt or a watchpoint hook
    kEventReset = 1 << 4,      // AIRCR.SYSRESETREQ
    kEventRecheck = 1 << 5,    // exception state changed: re-evaluate pending exceptions
  };

  // Run loop and fetch (cortex_m_core.cpp).
  template <bool Hooked>
  void execute_until_limit();
  template <bool Single>
  void execute_from(const DecodedThumb* d, std::uint32_t pc);
  const DecodedThumb* decoded_at(std::uint32_t pc);
  const DecodedThumb* decoded_at_slow(std::uint32_t pc);
  void decoded_page_dropped(Addr base);
  bool decode(std::uint32_t pc, DecodedThumb& out);
  bool fetch_halfword(std::uint32_t address, std::uint32_t& value);
  void finish_events(std::uint8_t itstate_before);
  void set_event(Event e) {
    events_ |= e;
    limit_.store(0, std::memory_order_relaxed);  // leave the inner loop after this instruction
  }
  // Data accesses: aligned ones below the System region with no watch hooks go straight to
  // the memory port (inline, below); everything else takes load_data/store_data.
  static constexpr std::uint32_t kSystemRegion = 0xE0000000;
  template <class T>
  bool fast_data_path(std::uint32_t a) const {
    // Aligned, outside the System region, on a page DMI maps: nothing to check or hook
    // (watched pages never have a direct pointer, see MemoryPort::force_slow_path).
    // Both in one compare: rotating the alignment bits to the top makes a misaligned
    // address larger than any aligned one below the System region.
    constexpr int kAlignBits = std::countr_zero(sizeof(T));
    return std::rotr(a, kAlignBits) < (kSystemRegion >> kAlignBits);
  }
  template <class T>
  bool load(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged);
  template <class T>
  bool store(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged);
  bool load_slow(std::uint32_t a, std::uint32_t& v, unsigned size, Align align, bool unprivileged);
  bool store_slow(std::uint32_t a, std::uint32_t v, unsigned size, Align align, bool unprivileged);
  template <class T>
  bool load_data(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged);
  template <class T>
  bool store_data(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged);
  bool system_access(Access kind, std::uint32_t a, unsigned size, std::uint32_t& v,
                     bool unprivileged);
  bool data_bus_fault(std::uint32_t address);
  void watch_data_access(Access kind, std::uint32_t address, unsigned size);

  // Stack pointers and modes (ARMv7-M ARM B1.4.7): r_[13] is always the active SP.
  bool process_stack_active() const { return !handler_mode_ && control_spsel_; }
  void select_mode(bool handler_mode, bool spsel);
  std::uint32_t sp_main() const { return process_stack_active() ? banked_sp_ : r_[13]; }
  std::uint32_t sp_process() const { return process_stack_active() ? r_[13] : banked_sp_; }
  void set_sp_main(std::uint32_t v);
  void set_sp_process(std::uint32_t v);
  std::uint32_t xpsr() const;
  void set_xpsr(std::uint32_t v);

  // Exception model (m_profile_exceptions.cpp), ARMv7-M ARM B1.5.
  void raise_synchronous(unsigned number, std::uint32_t return_address, bool restore_itstate);
  void take_synchronous(unsigned number, std::uint32_t return_address, bool tail_chain);
  int execution_priority(bool ignore_primask = false) const;
  unsigned preempting_exception(bool ignore_primask = false) const;
  void service_exceptions();
  void enter_exception(unsigned number, std::uint32_t return_address, bool tail_chain);
  bool push_frame(std::uint32_t return_address);
  void exception_return(std::uint32_t exc_return);
  void invalid_exception_return(unsigned returning, std::uint32_t exc_return);
  void deactivate(unsigned number);
  void lockup();
  bool wake_condition() const;
  void wake_if_due();
  void enter_sleep(bool wait_for_event);

  std::string model_;
  MemoryPort& memory_;
  bool has_dsp_ = false;
  std::array<std::uint32_t, 15> r_{};
  std::uint32_t current_pc_ = 0;
  std::uint8_t itstate_ = 0;
  CoreState state_ = CoreState::Running;
  Cycles cycles_ = 0;
  Cycles pending_cycles_ = 0;  // handler extras and bus wait states (MemoryPort sink)
  std::uint64_t instructions_ = 0;

  // Where the instruction being executed continues; handlers' PC writes land here.
  std::uint32_t next_pc_ = 0;
  // The inner loop runs while cycles_ < limit_ (budget end, next SysTick event, or 0 when
  // an event needs the outer loop). Atomic because request_stop() zeroes it from any thread;
  // relaxed loads and stores are plain moves on the hosts we build for.
  std::atomic<Cycles> limit_{0};
  std::uint8_t events_ = 0;

  // Special-purpose registers (B1.4).
  std::uint32_t banked_sp_ = 0;  // the stack pointer that is not active
  bool handler_mode_ = false;
  bool control_spsel_ = false, control_npriv_ = false;
  bool primask_ = false, faultmask_ = false;
  std::uint8_t basepri_ = 0;
  std::uint16_t ipsr_ = 0;
  bool thumb_ = true;  // EPSR.T

  // Pending synchronous exception raised by the current instruction.
  unsigned sync_number_ = 0;
  std::uint32_t sync_return_ = 0;
  bool sync_restore_itstate_ = false;
  std::uint32_t exc_return_ = 0;
  bool sleep_for_event_ = false;

  bool exclusive_valid_ = false;
  std::uint32_t exclusive_address_ = 0;
  bool event_register_ = false;

  Hooks* hooks_ = nullptr;
  Hooks default_hooks_;
  bool per_instruction_hooks_ = false;
  bool skip_hook_once_ = false;
  std::uint32_t stopped_pc_ = 0;
  std::atomic<bool> stop_requested_{false};

  SemihostingHandler* semihosting_ = nullptr;
  std::unique_ptr<SystemControlSpace> scs_;
  std::unique_ptr<encoding::DecodeTable<ThumbHandler, 16, 6>> table16_;
  std::unique_ptr<encoding::DecodeTable<ThumbHandler, 32, 12>> table32_;
  DecodedCache<DecodedThumb, 2> decoded_;
  DecodedThumb scratch_;  // instructions that cannot be cached (no direct fetch pointer)
  // The decoded page the core executes from: its base and its slots.
  Addr code_page_base_ = ~Addr{0};
  DecodedThumb* code_slots_ = nullptr;
};

// Defined here so that handlers in other files inline them: they run for most instructions.
inline void CortexM::branch_write_pc(std::uint32_t address) {
  next_pc_ = address & ~1u;
  pending_cycles_ += m3_timing::kPipelineRefill;
}

inline void CortexM::set_reg(unsigned n, std::uint32_t value) {
  r_[n] = n == 13 ? (value & ~3u) : value;
}

template <class T>
inline bool CortexM::load(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged) {
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
inline bool CortexM::store(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged) {
  if (fast_data_path<T>(a)) [[likely]] {
    if (std::uint8_t* page = memory_.store_page(a)) [[likely]] {
      const T value = memory_.to_host(static_cast<T>(v));
      std::memcpy(page + (a & MemoryPort::kPageMask), &value, sizeof(T));
      return true;
    }
  }
  return store_slow(a, v, sizeof(T), align, unprivileged);
}

inline bool CortexM::read8(std::uint32_t a, std::uint32_t& v, bool unprivileged) {
  return load<std::uint8_t>(a, v, Align::Unaligned, unprivileged);
}
inline bool CortexM::read16(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged) {
  return load<std::uint16_t>(a, v, align, unprivileged);
}
inline bool CortexM::read32(std::uint32_t a, std::uint32_t& v, Align align, bool unprivileged) {
  return load<std::uint32_t>(a, v, align, unprivileged);
}
inline bool CortexM::write8(std::uint32_t a, std::uint32_t v, bool unprivileged) {
  return store<std::uint8_t>(a, v, Align::Unaligned, unprivileged);
}
inline bool CortexM::write16(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged) {
  return store<std::uint16_t>(a, v, align, unprivileged);
}
inline bool CortexM::write32(std::uint32_t a, std::uint32_t v, Align align, bool unprivileged) {
  return store<std::uint32_t>(a, v, align, unprivileged);
}

// ConditionPassed() — ARMv7-M ARM A7.3.1, as the manual writes it, for flags packed as NZCV.
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

inline bool CortexM::condition_passed(unsigned cond) const {
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
