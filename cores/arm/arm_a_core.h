// The A-profile ARM core (ARMv4T to ARMv7-A) as instruction handlers see it. A32 handlers
// (a32_*.cpp) and VFP handlers (vfp_*.cpp) are `void handler(ArmCpu&, insn)` like the Thumb
// ones, so one decoded-slot type serves both instruction sets; those that need the A profile's
// own state (CPSR modes, banked registers, coprocessors) reach it with `a_profile(cpu)`.
//
// References: ARM Architecture Reference Manual ARMv7-A and ARMv7-R edition (ARM DDI 0406C),
// "ARMv7-A ARM" below; ARM Architecture Reference Manual (ARM DDI 0100I) for ARMv4T-ARMv6.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cores/arm/arm_a.h"
#include "cores/arm/arm_a_variants.h"
#include "cores/arm/arm_cpu.h"
#include "cores/arm/thumb_tables.h"
#include "cores/arm/vfp.h"
#include "cores/common/decoded_blocks.h"

namespace anvil::arm {

// What an A32 (or coprocessor-space) table row does: run `handler`, or rewrite the word to
// the T32 encoding of the same operation with `to_thumb` and run that Thumb-2 handler. The
// tables themselves are in a32_handlers.h (A32 rows, with the feature each needs); the
// coprocessor space (VFP and CP15 transfers) is shared by A32 and T32: a T32 coprocessor word
// is its A32 word with cond = 1110 (ARMv7-A ARM A6.3.18, A7.5).
using ToThumb = std::uint32_t (*)(std::uint32_t a32);
struct A32Action {
  ThumbHandler handler = nullptr;
  ToThumb to_thumb = nullptr;
};
using A32TableRow = encoding::Row<A32Action>;
using A32DecodeTable = encoding::DecodeTable<A32Action, 32, 12>;

// Processor modes, CPSR.M (ARMv7-A ARM B1.3.1).
enum class Mode : std::uint8_t {
  User = 0x10,
  Fiq = 0x11,
  Irq = 0x12,
  Supervisor = 0x13,
  Abort = 0x17,
  Undefined = 0x1B,
  System = 0x1F,
};

// Exception vectors (ARMv7-A ARM B1.8.1, Table B1-3): offset from the vector base.
enum class Vector : std::uint8_t {
  Reset = 0x00,
  Undefined = 0x04,
  SupervisorCall = 0x08,
  PrefetchAbort = 0x0C,
  DataAbort = 0x10,
  Irq = 0x18,
  Fiq = 0x1C,
};

class ArmA;
struct DecodedArm;
// What the run loop calls for a decoded instruction: the table row's handler (with the A32
// condition check), or an op specialised at decode time for one of the hottest forms, which
// reads its operands from the entry instead of the instruction bits (arm_a_decoded_ops.cpp).
using DecodedOp = void (*)(ArmA& cpu, const DecodedArm& d);

struct DecodedArm {
  DecodedOp execute = nullptr;
  ThumbHandler handler = nullptr;  // null: not decoded yet
  std::uint32_t insn = 0;
  std::uint32_t imm = 0;    // specialised ops: offset, expanded immediate, displacement
  std::uint32_t pc = 0;     // the instruction's address
  std::uint8_t length = 0;  // 2 or 4
  bool arm : 1 = false;     // decoded as A32 (a Thumb slot at the same address is not reused)
  // The entry's op never writes the PC (no branch, no handler that might) and the next entry
  // is the instruction after it (falls_through): the run loop goes on with the next entry
  // without computing or storing the next PC (ArmA::execute_from). Set for a whole run once
  // it is decoded (ArmA::decoded_at). Inside an IT block (Thumb, cond != 0) the op is then
  // the in_it_block form of the specialised op (DecodedOps::in_it_block), which takes `cond`
  // as the ITSTATE and advances it; ops without that form are not straight there.
  bool straight : 1 = false;
  // A32: the condition (`insn` may be the T32 rewrite, see A32Action). Thumb: the ITSTATE the
  // instruction runs under when its IT instruction was decoded before it in the same run
  // (ARMv7-A ARM A2.5.2: firstcond:mask, advanced once per instruction), else 0; the run loop
  // takes the decoded state when the live ITSTATE equals it.
  std::uint8_t cond = 0xE;
  bool falls_through = false;  // the next entry is the instruction after this one (DecodedBlocks)
  // Specialised ops: register numbers (never 15) and form bits (setflags, index, writeback,
  // a branch's condition...), each op's own.
  std::uint8_t d = 0, n = 0, m = 0, form = 0;
  // Where the run loop found this entry's branch target last time, inside its page, in
  // entries from this one (0: nowhere yet). The page's entries never move and go all at
  // once, and an entry decodes the same bytes as long as it exists (a store to the page
  // drops it), so the loop takes that entry when its address is the new PC.
  mutable std::int16_t last_target = 0;
};

class ArmA final : public ArmCpu {
 public:
  // No instruction a specialised op runs costs more than 2^kHorizonShift cycles (horizon_).
  static constexpr unsigned kHorizonShift = 8;
  ArmA(const ArmAConfig& config, const ArmAVariant& variant, MemoryPort& memory);
  ~ArmA() override;

  // ---------------------------------------------------------------------------------------
  // For A32 and VFP handlers (besides ArmCpu's)
  // ---------------------------------------------------------------------------------------
  const ArmAVariant& variant() const { return variant_; }
  const ArmATiming& timing() const { return *variant_.timing; }
  bool linux_user() const { return linux_user_; }
  Mode mode() const { return mode_; }
  std::uint32_t cpsr() const;
  // MSR CPSR / SPSR with the field mask (bit 0 c, 1 x, 2 s, 3 f), ARMv7-A ARM B9.3.11/12.
  void write_cpsr_by_instruction(std::uint32_t value, unsigned field_mask);
  std::uint32_t spsr() const;
  void write_spsr(std::uint32_t value, unsigned field_mask);
  bool has_spsr() const { return mode_ != Mode::User && mode_ != Mode::System; }
  // Exception return: CPSR from SPSR and the PC (MOVS pc / SUBS pc,lr / LDM ^ / RFE).
  void exception_return(std::uint32_t address, std::uint32_t new_cpsr);
  // R0-R14 of User mode, for LDM/STM with ^ (ARMv7-A ARM B9.3.5/B9.3.17).
  std::uint32_t user_reg(unsigned n) const;
  void set_user_reg(unsigned n, std::uint32_t value);
  // SRS: SP of another mode (B9.3.16).
  std::uint32_t banked_sp(Mode mode) const;
  void set_banked_sp(Mode mode, std::uint32_t value);
  // CPS in A32 and the A-profile T32 (B9.3.2): change masks and, with `change_mode`, mode.
  void change_state(bool enable, bool disable, bool a, bool i, bool f, bool change_mode,
                    unsigned mode);
  void supervisor_call_with(std::uint32_t immediate);
  // Coprocessor register transfers (MRC/MCR, MRRC/MCRR) for CP14/CP15; false: UNDEFINED.
  bool read_coprocessor(unsigned cp, unsigned opc1, unsigned crn, unsigned crm, unsigned opc2,
                        std::uint32_t& value);
  bool write_coprocessor(unsigned cp, unsigned opc1, unsigned crn, unsigned crm, unsigned opc2,
                         std::uint32_t value);
  // Writes the PC for an instruction whose Rd may be 15 (ALUWritePC or LoadWritePC).
  void write_result(unsigned d, std::uint32_t value) {
    if (d == 15)
      alu_write_pc(value);
    else
      r_[d] = value;
  }

  Vfp vfp;
  // True when VFP instructions may execute (CPACR and FPEXC.EN, B4.1.40, B6.1.54); otherwise
  // they are UNDEFINED.
  bool vfp_enabled() const;

  // ---------------------------------------------------------------------------------------
  // ArmCpu's profile-specific part
  // ---------------------------------------------------------------------------------------
  void usage_fault(UsageFault cause) override;
  void supervisor_call() override;
  void breakpoint(std::uint32_t imm) override;
  void wait_for_interrupt() override;
  void wait_for_event() override;
  void send_event() override;
  std::uint32_t read_special(unsigned sysm) override;
  void write_special(unsigned sysm, unsigned mask, std::uint32_t value) override;
  void change_processor_state(bool disable, bool primask, bool faultmask) override;
  bool privileged() const override { return mode_ != Mode::User; }
  bool divide_by_zero_traps() const override { return false; }

  // ---------------------------------------------------------------------------------------
  // Core API
  // ---------------------------------------------------------------------------------------
  std::string_view model() const override { return variant_.name; }
  std::string_view isa() const override { return "arm"; }
  void reset() override;
  Cycles run(Cycles budget) override;
  Cycles step() override;
  CoreState state() const override { return state_; }
  void resume() override;
  void request_stop() override;
  std::span<const RegisterInfo> register_info() const override { return registers_; }
  std::uint64_t read_register(unsigned index) const override;
  void write_register(unsigned index, std::uint64_t value) override;
  Addr pc() const override { return current_pc_; }
  // Line 0 is nIRQ, line 1 nFIQ (active high here: level true = interrupt requested).
  unsigned irq_line_count() const override { return 2; }
  void set_irq_line(unsigned line, bool level) override;
  void advance_idle(Cycles cycles) override;
  Cycles cycle_count() const override { return ticks_ + pending_cycles_; }
  std::uint64_t instruction_count() const override { return ticks_ - untimed_cycles_; }
  void set_hooks(Hooks* hooks, bool per_instruction) override;
  MemoryPort& memory() override { return memory_; }

 private:
  enum Event : std::uint8_t {
    kEventException = 1 << 0,    // a synchronous exception to take now
    kEventSleep = 1 << 1,        // WFI / WFE
    kEventStop = 1 << 2,         // BKPT halt, watchpoint or a user-mode hook asked to return
    kEventStateChange = 1 << 3,  // ARM/Thumb switch or mode change: leave the page loop
  };
  void set_event(Event e) {
    events_ |= e;
    end_run();
  }

  // arm_a_core.cpp: run loop, fetch, decode.
  template <bool Hooked>
  void execute_until_limit();
  template <bool Thumb, bool Single>
  void execute_from(const DecodedArm* d, std::uint32_t pc);
  const DecodedArm* decoded_at(std::uint32_t pc);
  const DecodedArm* decoded_elsewhere(std::uint32_t pc);
  bool decode(std::uint32_t pc, DecodedArm& out);
  // decode() inside a run: `run_itstate` is the IT state decoding has reached (0 at a run's
  // start, where it is unknown), stored in a Thumb entry and advanced past it.
  bool decode_in_run(std::uint32_t pc, DecodedArm& out, std::uint8_t& run_itstate);
  bool decode_arm(std::uint32_t word, DecodedArm& out) const;
  static void mark_straight(DecodedArm* run);
  // A Thumb entry inside an IT block whose op is its in_it_block form (mark_straight).
  static bool in_it_block_entry(const DecodedArm& d) { return d.straight && !d.arm && d.cond; }
  // arm_a_decoded_ops.cpp: sets out.execute for a decoded instruction.
  void choose_execute(DecodedArm& out) const;
  friend struct DecodedOps;
  void decoded_page_dropped(Addr base);
  std::uint8_t execute_in_it_block(const DecodedArm& d);
  void execute_with_live_itstate(const DecodedArm& d, std::uint32_t pc);
  template <bool WithHorizon>
  bool account_instruction(std::uint32_t& pc, Cycles& ticks);
  void charge_outside_instructions(Cycles cycles) {
    ticks_ += cycles;
    untimed_cycles_ += cycles;
  }
  void finish_run(std::uint8_t itstate_before);
  void finish_events(std::uint8_t itstate_before);
  bool interrupt_pending() const;
  void take_pending_interrupt();
  std::vector<RegisterInfo> describe_registers() const;  // arm_a_registers.cpp

  // arm_a_memory.cpp: the slow data path, alignment, aborts.
  void exchange_write_pc(std::uint32_t address, bool exception_return_allowed) override;
  bool load_slow(std::uint32_t a, std::uint32_t& v, unsigned size, Align align,
                 bool unprivileged) override;
  bool store_slow(std::uint32_t a, std::uint32_t v, unsigned size, Align align,
                  bool unprivileged) override;
  bool alignment_fault(std::uint32_t a, unsigned size, Align align);
  bool data_abort(std::uint32_t address, bool alignment);
  void prefetch_abort(std::uint32_t address);

  // arm_a_exceptions.cpp: modes, banking, exception entry.
  void switch_mode(Mode mode);
  void set_cpsr(std::uint32_t value);  // everything, incl. mode and T
  // Raises a synchronous exception of the current instruction (taken after it).
  void raise(Vector vector, std::uint32_t return_address);
  void take_exception(Vector vector, std::uint32_t return_address);
  void raise_user_fault(UserFault fault, std::uint32_t address);
  std::uint32_t vector_base() const;

  const ArmAVariant& variant_;
  bool linux_user_ = false;
  bool specialised_ops_ = true;
  SemihostingHandler* semihosting_ = nullptr;
  std::vector<RegisterInfo> registers_;

  // CPSR beyond ArmCpu's flags, thumb_ and itstate_ (B1.3.3).
  Mode mode_ = Mode::Supervisor;
  bool mask_a_ = true, mask_i_ = true, mask_f_ = true;
  bool big_endian_data_ = false;  // CPSR.E: stored, data accesses stay little-endian
  // Banked registers (B1.3.2), by bank: 0 usr/sys, 1 fiq, 2 irq, 3 svc, 4 abt, 5 und.
  std::array<std::uint32_t, 6> bank_sp_{}, bank_lr_{}, bank_spsr_{};
  std::array<std::uint32_t, 5> fiq_r8_r12_{}, usr_r8_r12_{};

  // CP15 (B4.1): what firmware and Linux user programs touch.
  std::uint32_t sctlr_ = 0, cpacr_ = 0, vbar_ = 0, ttbr0_ = 0, ttbr1_ = 0, ttbcr_ = 0;
  std::uint32_t dacr_ = 0, dfsr_ = 0, ifsr_ = 0, dfar_ = 0, ifar_ = 0, contextidr_ = 0;
  std::uint32_t tpidrurw_ = 0, tpidruro_ = 0, tpidrprw_ = 0;

  // Interrupt lines and the pending synchronous exception.
  bool irq_line_ = false, fiq_line_ = false;
  Vector sync_vector_ = Vector::Reset;
  std::uint32_t sync_return_ = 0;
  UserFault user_fault_ = UserFault::IllegalInstruction;
  std::uint32_t user_fault_address_ = 0;
  std::uint32_t user_fault_pc_ = 0;
  bool return_requested_ = false;  // a user-mode hook asked run() to return
  bool user_fault_pending_ = false;
  bool event_register_ = false;

  CoreState state_ = CoreState::Running;
  // The cycle count is ticks_ + pending_cycles_, the instruction count ticks_ -
  // untimed_cycles_: ticks_ counts one per instruction plus the cycles charged outside
  // instructions (untimed_cycles_: exception entries, idle time), and pending_cycles_ (the
  // handlers' extras and the bus wait states) is never cleared. So the run loop stores one
  // counter per instruction instead of three.
  Cycles ticks_ = 0;
  Cycles untimed_cycles_ = 0;
  std::atomic<Cycles> limit_{0};
  // The straight stretches' limit check (ArmA::execute_from): until ticks_ reaches horizon_,
  // ticks_ + pending_cycles_ stays below limit_, as no specialised op's instruction costs more
  // than 2^kHorizonShift cycles (its one and its extras, arm_a_straight_ops.cpp checks the
  // timing tables) and a handler that took more sets horizon_ to 0
  // (DecodedOps::handler_within_horizon). So the loop compares one counter with it, and
  // checks the limit itself only past it. The limit drops to 0 only through end_run() (an
  // event, a dropped page, an interrupt line), which sets horizon_ to 0 too, or with a stop
  // request: one made during a handler (a device's access) is seen after it
  // (DecodedOps::handler_within_horizon), one from another thread within kHorizonCap
  // instructions.
  static constexpr Cycles kHorizonCap = 4096;
  Cycles horizon_ = 0;
  // Ends the run loop after the current instruction (something it must look at again
  // changed on the core's own thread): the limit and the horizon before it both to 0.
  void end_run() {
    limit_.store(0, std::memory_order_relaxed);
    horizon_ = 0;
  }
  void set_horizon(Cycles ticks) {
    const Cycles used = ticks + pending_cycles_, limit = limit_.load(std::memory_order_relaxed);
    horizon_ = used < limit ? ticks + std::min((limit - used) >> kHorizonShift, kHorizonCap) : 0;
  }
  std::uint8_t events_ = 0;
  Hooks* hooks_ = nullptr;
  Hooks default_hooks_;
  bool per_instruction_hooks_ = false;
  bool skip_hook_once_ = false;
  std::uint32_t stopped_pc_ = 0;
  std::atomic<bool> stop_requested_{false};

  // The A32 and coprocessor tables filtered by the variant's features.
  std::unique_ptr<A32DecodeTable> a32_, a32_unconditional_, coprocessor_;
  std::unique_ptr<encoding::DecodeTable<ThumbHandler, 16, 6>> t16_;
  std::unique_ptr<encoding::DecodeTable<ThumbHandler, 32, 12>> t32_, t32_a_profile_;
  using DecodedPages = DecodedBlocks<DecodedArm, 2>;
  DecodedPages decoded_;
  DecodedArm scratch_;
  Addr code_page_base_ = ~Addr{0};
  DecodedPages::Page* code_page_ = nullptr;
  // Where branches out of the page in use went (decoded_elsewhere), by target address and
  // instruction set: the decoded entry and its page. Forgotten when any page is dropped or a
  // run decoded (which may start a full page afresh), so the pointers are always live.
  struct BranchTarget {
    Addr key = ~Addr{0};  // the target << 1 | Thumb
    const DecodedArm* entry = nullptr;
    DecodedPages::Page* page = nullptr;
  };
  std::array<BranchTarget, 256> branch_targets_{};
  void forget_branch_targets();
};

// The A-profile core behind an A32 or VFP handler's ArmCpu&. Those handlers are only ever in
// ArmA's tables.
inline ArmA& a_profile(ArmCpu& cpu) {
  return static_cast<ArmA&>(cpu);
}

}  // namespace anvil::arm
