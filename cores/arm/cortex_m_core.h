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

#include "cores/arm/arm_cpu.h"
#include "cores/arm/cortex_m.h"
#include "cores/arm/cortex_m3_timing.h"
#include "cores/arm/thumb_tables.h"
#include "cores/common/decoded_cache.h"
#include "cores/common/encoding.h"

namespace anvil::arm {

class CortexM;
class SystemControlSpace;  // NVIC, SysTick, SCB: cores/arm/m_profile_scs.h

class CortexM final : public ArmCpu {
 public:
  CortexM(const CortexMConfig& config, MemoryPort& memory);
  ~CortexM() override;

  // ---------------------------------------------------------------------------------------
  // For instruction handlers. This part is a stable contract; add to it, do not rename.
  // ---------------------------------------------------------------------------------------

  // The instruction-handler interface is ArmCpu's (arm_cpu.h); these are the M profile's.
  // Exceptions and system instructions (m_profile_exceptions.cpp).
  void usage_fault(UsageFault cause) override;   // UNDEFINED, INVSTATE, UNALIGNED, DIVBYZERO...
  void supervisor_call() override;               // SVC
  void breakpoint(std::uint32_t imm8) override;  // BKPT; 0xAB is semihosting when configured
  void wait_for_interrupt() override;            // WFI
  void wait_for_event() override;                // WFE
  void send_event() override;                    // SEV
  std::uint32_t read_special(unsigned sysm) override;                                // MRS (B5.2.2)
  void write_special(unsigned sysm, unsigned mask, std::uint32_t value) override;    // MSR (B5.2.3)
  void change_processor_state(bool disable, bool primask, bool faultmask) override;  // CPS (B5.2.1)
  bool privileged() const override;
  bool divide_by_zero_traps() const override;  // CCR.DIV_0_TRP

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
  // PC writes that change state or return from an exception (BXWritePC, A2.3.1).
  void exchange_write_pc(std::uint32_t address, bool exception_return_allowed) override;
  // Data accesses the inline fast path (ArmCpu::load/store) does not take.
  bool load_slow(std::uint32_t a, std::uint32_t& v, unsigned size, Align align,
                 bool unprivileged) override;
  bool store_slow(std::uint32_t a, std::uint32_t v, unsigned size, Align align,
                  bool unprivileged) override;
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
  CoreState state_ = CoreState::Running;
  Cycles cycles_ = 0;
  std::uint64_t instructions_ = 0;

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

  // Pending synchronous exception raised by the current instruction.
  unsigned sync_number_ = 0;
  std::uint32_t sync_return_ = 0;
  bool sync_restore_itstate_ = false;
  std::uint32_t exc_return_ = 0;
  bool sleep_for_event_ = false;

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

}  // namespace anvil::arm
