// The ARMv7-M core as instruction handlers see it. Handlers (thumb16_*.cpp, thumb32_*.cpp) are
// free functions `void handler(CortexM&, std::uint32_t insn)` named after the manual's
// instruction; they use only the "for instruction handlers" part of this class. The rest
// (run loop, exception model, System Control Space) is the core's own business.
//
// References: ARMv7-M Architecture Reference Manual (ARM DDI 0403E), "ARMv7-M ARM" below;
// Cortex-M3 Technical Reference Manual (ARM DDI 0337), "M3 TRM" below.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "cores/arm/cortex_m.h"
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
  std::uint8_t length = 0;          // 2 or 4
  const ThumbRow* row = nullptr;    // for tracing/disassembly; null for undefined encodings
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
  std::uint32_t reg(unsigned n) const { return n == 15 ? current_pc_ + 4 : r_[n]; }
  std::uint32_t align_pc() const { return (current_pc_ + 4) & ~3u; }
  // Writes R0-R14 (R13 writes the active stack pointer, bits 1:0 forced to zero). Never R15:
  // use one of the *_write_pc functions below, as the pseudocode does.
  void set_reg(unsigned n, std::uint32_t value);
  std::uint32_t current_pc() const { return current_pc_; }

  // PC writes, as in ARMv7-M ARM A2.3.1.
  void branch_write_pc(std::uint32_t address);  // B, CBZ, BL, ADD/MOV pc (ALUWritePC)
  void bx_write_pc(std::uint32_t address);      // BX, BLX: EXC_RETURN in Handler mode, T bit
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
  void supervisor_call();               // SVC
  void breakpoint(std::uint32_t imm8);  // BKPT; 0xAB is semihosting when configured
  void wait_for_interrupt();            // WFI
  void wait_for_event();                // WFE
  void send_event();                    // SEV
  std::uint32_t read_special(unsigned sysm);                             // MRS (B5.2.2)
  void write_special(unsigned sysm, unsigned mask, std::uint32_t value);  // MSR (B5.2.3)
  void change_processor_state(bool disable, bool primask, bool faultmask);  // CPS (B5.2.1)
  bool privileged() const;
  bool divide_by_zero_traps() const;  // CCR.DIV_0_TRP
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

 private:
  // The implementation (cortex_m_core.cpp, m_profile_exceptions.cpp, m_profile_scs.cpp)
  // adds what it needs here.
  std::string model_;
  MemoryPort& memory_;
  bool has_dsp_ = false;
  std::array<std::uint32_t, 15> r_{};
  std::uint32_t current_pc_ = 0;
  std::uint8_t itstate_ = 0;
  CoreState state_ = CoreState::Running;
  Cycles cycles_ = 0;
  std::uint64_t instructions_ = 0;
  unsigned pending_cycles_ = 0;
};

}  // namespace anvil::arm
