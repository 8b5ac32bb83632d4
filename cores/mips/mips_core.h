// The MIPS core as instruction handlers see it. Handlers (mips_*_ops.cpp) are free functions
// `void handler(MipsCore&, std::uint32_t insn)` named after the manual's instruction; they use
// only the "for instruction handlers" part of this class. The rest (run loop, CP0, exceptions)
// is the core's own business (mips_core.cpp, mips_cp0.cpp, mips_exceptions.cpp).
//
// References: MIPS32 Architecture for Programmers Vol. II (MD00086, "MIPS32 ISA" below) and
// Vol. III, the Privileged Resource Architecture (MD00090, "MIPS32 PRA"); IDT R30xx Family
// Software Reference Manual ("R30xx manual") for MIPS I and the R3000 CP0.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cores/common/decoded_blocks.h"
#include "cores/common/encoding.h"
#include "cores/mips/mips.h"
#include "cores/mips/mips_cp0.h"
#include "cores/mips/mips_fpu.h"
#include "cores/mips/mips_timing.h"
#include "cores/mips/mips_variant.h"

namespace anvil::mips {

class MipsCore;
using MipsHandler = void (*)(MipsCore& cpu, std::uint32_t insn);
using MipsRow = encoding::Row<MipsHandler>;

// The encoding tables, one source of truth each (mips_table.cpp): the instructions every
// variant has, those only MIPS I decodes its own way, MIPS32 Release 2 additions, and CP1.
std::span<const MipsRow> mips_common_rows();
std::span<const MipsRow> mips1_rows();
std::span<const MipsRow> mips32r2_rows();
std::span<const MipsRow> mips32_no_fpu_rows();  // CP1 raising Coprocessor Unusable
std::span<const MipsRow> mips1_no_fpu_rows();   // the same on MIPS I
// All the rows one variant decodes (mips_core.cpp). `with_fpu`: CP1 is there, in hardware
// or, for `anvil user` on an FPU-less core, as the kernel's FPU emulator.
std::vector<MipsRow> decode_rows(const Variant& v);
std::vector<MipsRow> decode_rows(const Variant& v, bool with_fpu);
std::span<const MipsRow> mips_fpu_rows();  // mips_fpu_table.cpp

// The hot integer forms the MIPS32 run loop executes inline, without calling the handler
// (their segment handlers in mips_segment_ops.cpp; which ones in mips_inline_ops.cpp).
enum class InlineOp : std::uint8_t {
  None,
  LW,
  SW,
  LBU,
  SB,
  LB,
  ADDIU,
  ADDU,
  SUBU,
  AND,
  OR,
  XOR,
  NOR,
  SLT,
  SLTU,
  SLTI,
  SLTIU,
  ANDI,
  ORI,
  XORI,
  LUI,
  SLL,
  SRL,
  SRA,
  MUL,  // MUL to PREF: through the full issue check (PipelineTiming::issue)
  MULT,
  MULTU,
  MFHI,
  MFLO,
  PREF,
  BEQ,
  BNE,
  BLEZ,
  BGTZ,
  BLTZ,
  BGEZ,
  BLTZAL,
  BGEZAL,
  J,
  JAL,
  JR,
  JALR,
};
// The branches and jumps, last in InlineOp: the forms with a delay slot.
constexpr bool has_delay_slot(InlineOp op) {
  return op >= InlineOp::BEQ;
}
// Which registers an inline form reads, and at which stage: rs and/or rt as ALU operands,
// or rs as a load/store base (needed at address generation) with rt as a store's data. The
// operands of the form's issue check (mips_segment_ops.cpp), which decode time holds
// against the instruction's IssueSummary (mips_inline_ops.cpp).
enum class FormReads : std::uint8_t { None, Rs, Rt, RsRt, Base, BaseData };

// The MIPS32 run loop's segments (mips_segment_ops.cpp): each decoded entry has a handler
// that runs it and, while the code falls through and the cycles stay below `limit`, calls
// the next entry's handler (a sibling call: the arguments stay in registers). The chain
// returns the last entry it ran, and leaves the cycle count after it in
// MipsCore::segment_cycles_ (kSettled when that entry left the direct path and finished the
// core's members itself).
struct DecodedMips;
using SegmentHandler = const DecodedMips* (*)(MipsCore& cpu, const DecodedMips* d, Cycles cycles,
                                              Cycles limit);
// An ALU, load or store form alone (in a delay slot, run by its branch): the cycle count
// after it, or ~0 when a load or store is off the direct path (nothing done then).
using SlotHandler = Cycles (*)(MipsCore& cpu, const DecodedMips& d, Cycles cycles);

// A GPR number in a decoded entry. Its own type rather than a byte, so that stores to the
// core's registers and ready cycles cannot, for the compiler, change an entry's fields: a
// handler reads them once.
enum GprNumber : std::uint8_t {};

struct alignas(64) DecodedMips {
  MipsHandler handler = nullptr;  // null: not decoded yet
  SegmentHandler run = nullptr;   // the MIPS32 loop's (predecode_inline)
  SlotHandler execute = nullptr;  // an ALU, load or store form's, else null
  std::uint32_t insn = 0;
  IssueSummary timing;  // PipelineTiming::summary (interlocked variants)
  // For inline_op: the register fields and the immediate as the instruction uses it
  // (sign- or zero-extended, LUI's shifted, a branch offset in bytes, a shift amount).
  // `dest`: the register the form writes (rd, rt or 31), or MipsCore::kDiscard when that is
  // $zero, so that the inline forms never write register 0 and need not clear it after.
  InlineOp inline_op = InlineOp::None;
  GprNumber rs{}, rt{}, rd{}, dest{};
  bool falls_through = false;  // the next entry is the instruction after this one (DecodedBlocks)
  std::uint32_t immediate = 0;
  // A taken branch's target, remembered by the run loop the last time it looked it up,
  // when it is on the branch's own page (so that both entries are dropped together):
  // SegmentOps::branch goes on there while the target is the same.
  mutable std::uint32_t remembered_target = 0;
  std::uint32_t pc = 0;  // the instruction's (virtual) address
  mutable const DecodedMips* remembered_entry = nullptr;
};
static_assert(sizeof(DecodedMips) == 64, "one cache line per decoded instruction");
// Sets inline_op and the fields it needs from `handler` and `insn` (mips_inline_ops.cpp);
// `timing`: the interlocked variants' pipeline, whose issue check the form must agree with.
void predecode_inline(DecodedMips& d, const PipelineTiming* timing);
// For the interlocked variants, after a run is decoded: each branch whose delay slot follows
// it in the run and has one of the common slot forms gets a handler that runs both
// (mips_segment_ops.cpp).
void fuse_delay_slots(DecodedMips* run);
// The entry after each decoded run (DecodedRuns' terminator): a segment that reaches it ends
// (mips_segment_ops.cpp).
DecodedMips run_terminator();
// Sets `run` and `execute` for d.inline_op (mips_segment_ops.cpp).
void choose_segment_handlers(DecodedMips& d, bool interlocked);

// Exception codes, Cause.ExcCode (MIPS32 PRA Table 9-31; R30xx manual Table 3.2).
enum class ExcCode : std::uint8_t {
  Interrupt = 0,
  TlbModified = 1,
  TlbLoad = 2,
  TlbStore = 3,
  AddressLoad = 4,   // AdEL: load or instruction fetch
  AddressStore = 5,  // AdES
  BusFetch = 6,      // IBE
  BusData = 7,       // DBE
  Syscall = 8,
  Breakpoint = 9,
  ReservedInstruction = 10,
  CoprocessorUnusable = 11,
  Overflow = 12,
  Trap = 13,
  FloatingPoint = 15,
};

// A branch or jump as the delay-slot state machine sees it: set by the branch, it becomes
// the state of the next instruction (the one in the delay slot).
struct DelayState {
  std::uint32_t target = 0;
  bool slot = false;   // the instruction is in a branch delay slot
  bool taken = false;  // and the branch was taken
};

// A load whose register write is still in flight (MIPS I load-delay slot).
struct PendingLoad {
  static constexpr int kNone = -1;
  int reg = kNone;
  std::uint32_t value = 0;
};

class MipsCore final : public Core {
 public:
  // The register slot after the 32 GPRs: the inline forms write a result for $zero there.
  static constexpr std::uint8_t kDiscard = 32;

  MipsCore(const MipsConfig& config, MemoryPort& memory);
  ~MipsCore() override;

  // ---------------------------------------------------------------------------------------
  // For instruction handlers.
  // ---------------------------------------------------------------------------------------
  const Variant& variant() const { return variant_; }
  bool big_endian() const { return big_endian_; }

  std::uint32_t gpr(unsigned n) const { return r_[n]; }
  // A result written by the instruction itself (ALU, link); it wins over a load in flight
  // to the same register (R30xx manual 2.4 "Load delay").
  void set_gpr(unsigned n, std::uint32_t v) {
    r_[n] = v;
    if (pending_load_.reg == static_cast<int>(n)) [[unlikely]]
      pending_load_.reg = PendingLoad::kNone;
  }
  // A loaded value: written after the next instruction on MIPS I, at once on MIPS32.
  void load_gpr(unsigned n, std::uint32_t v) {
    if (!variant_.load_delay_slot) {
      r_[n] = v;
      return;
    }
    if (pending_load_.reg == static_cast<int>(n)) pending_load_.reg = PendingLoad::kNone;
    new_load_ = {static_cast<int>(n), v};
  }
  // The register as LWL/LWR merge into it: the value of a load still in flight to it.
  std::uint32_t gpr_for_merge(unsigned n) const {
    return pending_load_.reg == static_cast<int>(n) ? pending_load_.value : r_[n];
  }

  std::uint32_t current_pc() const { return pc_; }
  // The address of the instruction in the delay slot: branch offsets are relative to it
  // (MIPS32 ISA, BEQ: "added to the address of the instruction following the branch").
  std::uint32_t delay_slot_pc() const { return next_pc_; }
  void branch(std::uint32_t target, bool taken) {
    branch_ = {target, true, taken};
    control_flow_ = true;
    if (taken) pending_cycles_ += branch_taken_cycles_;
  }
  // A conditional branch, which the 24K predicts (mips_timing.h).
  void conditional_branch(std::uint32_t target, bool taken) {
    branch(target, taken);
    pending_cycles_ += timing_.conditional_branch(pc_, taken, false);
  }
  // Branch-likely: a branch not taken annuls its delay slot (MIPS32 ISA, BEQL).
  void branch_likely(std::uint32_t target, bool taken) {
    pending_cycles_ += timing_.conditional_branch(pc_, taken, true);
    if (taken)
      branch(target, true);
    else
      next_pc_ += 4;
  }
  // JR/JALR: a jump to a register's value (JR $31 is a return, for the return stack).
  void register_jump(unsigned rs, std::uint32_t target) {
    branch(target, true);
    pending_cycles_ += timing_.register_jump(rs, target);
  }
  // A call's return address, as JAL/JALR/BAL leave it in the link register.
  void note_call(std::uint32_t return_address) { timing_.link(return_address); }
  // Jumps and returns without a delay slot (ERET): the next instruction is `target`.
  void jump_now(std::uint32_t target) { next_pc_ = target; }

  std::uint32_t hi = 0, lo = 0;
  // HI/LO become readable `latency` cycles after a multiply or divide starts; MFHI/MFLO
  // interlock (R30xx manual ch. 2). Charged as a stall on the reading instruction.
  void start_multiply_divide(unsigned latency) { hilo_ready_ = cycles_ + 1 + latency; }
  void wait_for_hilo() {
    if (hilo_ready_ > cycles_ + 1) pending_cycles_ += hilo_ready_ - cycles_ - 1;
    hilo_ready_ = 0;
  }
  void add_cycles(unsigned n) { pending_cycles_ += n; }

  // Memory, by virtual address. Return false when the access raised an exception; the
  // handler must then return without further architectural effect.
  bool read8(std::uint32_t va, std::uint32_t& v) { return read_widened<std::uint8_t>(va, v); }
  bool read16(std::uint32_t va, std::uint32_t& v) { return read_widened<std::uint16_t>(va, v); }
  bool read32(std::uint32_t va, std::uint32_t& v) { return read_direct(va, v); }
  bool write8(std::uint32_t va, std::uint32_t v) {
    return write_direct(va, static_cast<std::uint8_t>(v));
  }
  bool write16(std::uint32_t va, std::uint32_t v) {
    return write_direct(va, static_cast<std::uint16_t>(v));
  }
  bool write32(std::uint32_t va, std::uint32_t v) { return write_direct(va, v); }
  bool read64(std::uint32_t va, std::uint64_t& v);  // LDC1
  bool write64(std::uint32_t va, std::uint64_t v);  // SDC1
  // LL/SC (MIPS32 ISA, LL): the link bit, set by LL and cleared by ERET and SC.
  void set_link(std::uint32_t va) {
    ll_bit_ = true;
    ll_address_ = va;
  }
  bool take_link(std::uint32_t va) {
    const bool ok = ll_bit_ && ll_address_ == va;
    ll_bit_ = false;
    return ok;
  }

  // Exceptions (mips_exceptions.cpp). They take effect at once: the handler returns.
  void raise(ExcCode code, unsigned coprocessor = 0);
  void address_error(bool store, std::uint32_t va);
  void reserved_instruction() { raise(ExcCode::ReservedInstruction); }
  void coprocessor_unusable(unsigned n) { raise(ExcCode::CoprocessorUnusable, n); }
  void overflow() { raise(ExcCode::Overflow); }
  void trap(std::uint32_t code);  // code: TEQ's bits 15:6 (Linux: 6 overflow, 7 divide by 0)
  void system_call(std::uint32_t code);
  void breakpoint(std::uint32_t code);
  bool kernel_mode() const;
  // COPz usable (Status.CUz, and CP0 always in kernel mode). Raises CpU when not.
  bool coprocessor_usable(unsigned n);

  // CP0 (mips_cp0.cpp): MFC0/MTC0, ERET/RFE, TLB instructions, WAIT, RDHWR.
  Cp0& cp0() { return cp0_; }
  std::uint32_t read_cp0(unsigned reg, unsigned sel);
  void write_cp0(unsigned reg, unsigned sel, std::uint32_t value);
  void exception_return();        // ERET
  void restore_from_exception();  // RFE (MIPS I)
  void tlb_read();
  void tlb_write(bool random);
  void tlb_probe();
  void wait_for_interrupt();
  bool read_hardware_register(unsigned rd, std::uint32_t& value);

  // CP1 (mips_fpu_ops.cpp).
  Fpu& fpu() { return fpu_; }
  // In Linux user mode an Unimplemented Operation traps to the kernel, whose FPU emulator
  // (arch/mips/math-emu) completes the instruction with the exact IEEE result; the program
  // never sees the exception.
  bool kernel_completes_fpu() const { return linux_user_; }
  bool fpu_usable();  // CU1, else CpU(1); without an FPU, RI
  // Sets FCSR.Cause to `cause` (fcsr::kInexact...); false (with the exception raised) when
  // an enabled cause traps, else the causes join the flags and the result may be written.
  bool fpu_exceptions(std::uint32_t cause);

  // ---------------------------------------------------------------------------------------
  // Core API
  // ---------------------------------------------------------------------------------------
  std::string_view model() const override { return variant_.name; }
  std::string_view isa() const override { return "mips"; }
  void reset() override;
  Cycles run(Cycles budget) override;
  Cycles step() override;
  CoreState state() const override { return state_; }
  void resume() override;
  void request_stop() override;
  std::span<const RegisterInfo> register_info() const override;
  std::uint64_t read_register(unsigned index) const override;
  void write_register(unsigned index, std::uint64_t value) override;
  Addr pc() const override { return pc_; }
  unsigned irq_line_count() const override { return 6; }
  void set_irq_line(unsigned line, bool level) override;
  Cycles next_internal_event() const override;
  void advance_idle(Cycles cycles) override;
  Cycles cycle_count() const override { return cycles_; }
  std::uint64_t instruction_count() const override { return instructions_; }
  void set_hooks(Hooks* hooks, bool per_instruction) override;
  MemoryPort& memory() override { return memory_; }
  Addr debug_address(Addr address) const override;
  std::vector<std::pair<Addr, Addr>> debug_windows(Addr physical, Addr size) const override;

  // The whole delay-slot state, for the test vectors and debuggers: the state the next
  // instruction starts in.
  struct PipelineState {
    DelayState delay;  // the next instruction is in this branch's delay slot
    PendingLoad load;  // a load that lands after the next instruction
  };
  PipelineState pipeline_state() const { return {delay_, pending_load_}; }
  void set_pipeline_state(const PipelineState& s);

 private:
  using DecodedPages = DecodedBlocks<DecodedMips, 4, true>;

  // The loop is built per pipeline model (a MIPS I load-delay slot, the MIPS32 interlocks) so
  // that neither is a test per instruction.
  template <bool Hooked>
  void execute_until_limit();
  template <bool Hooked, bool Interlocked>
  void execute_mips1_until_limit();
  template <bool Hooked, bool Interlocked>
  void execute_mips32_until_limit();  // mips_run_loop.cpp
  template <bool LoadDelay>
  void finish_instruction() {
    cycles_ += 1 + pending_cycles_;
    pending_cycles_ = 0;
    ++instructions_;
    pc_ = next_pc_;
    next_pc_ += 4;
    if constexpr (LoadDelay) {
      if (pending_load_.reg != PendingLoad::kNone) r_[pending_load_.reg] = pending_load_.value;
      pending_load_ = new_load_;
      new_load_ = PendingLoad{};
    }
    if (control_flow_) [[unlikely]]
      finish_control_flow();
    r_[0] = 0;
  }
  // A branch was made, or this instruction was in a delay slot: the next one's state.
  void finish_control_flow() {
    delay_ = branch_;
    if (branch_.taken) next_pc_ = branch_.target;
    branch_ = DelayState{};
    control_flow_ = delay_.slot;
  }
  // What the MIPS32 loop keeps in locals (registers) while it runs inline forms: the
  // members of the same names, written back before anything outside the loop can look
  // (a handler, an out-of-line memory access, a hook, the end of the loop) and read again
  // after it (mips_run_loop.cpp). An instruction's extra cycles (stalls, taken-branch and
  // wait cycles; pending_cycles_) are a temporary of the instruction, not loop state, and
  // control_flow_ stays the member: only branches and slow paths touch it.
  struct LoopState {
    Cycles cycles;
    std::uint64_t instructions;
    std::uint32_t pc, next_pc;
  };
  void write_back(const LoopState& s, Cycles pending) {
    cycles_ = s.cycles;
    pending_cycles_ = pending;
    instructions_ = s.instructions;
    pc_ = s.pc;
    next_pc_ = s.next_pc;
  }
  LoopState loop_state() const { return {cycles_, instructions_, pc_, next_pc_}; }
  // The instruction's extra cycles after a call out of the loop, which may add wait states
  // (the port's wait sink) or stalls; the member is left clear, as between instructions.
  Cycles take_pending_cycles() { return std::exchange(pending_cycles_, 0); }
  [[gnu::always_inline]] bool finish_control_flow(LoopState& state);
  // A segment starts at `first` in `state` (mips_run_loop.cpp): the members a settling
  // handler brings up to its own entry (SegmentOps::settle).
  void begin_segment(const LoopState& state, const DecodedMips* first) {
    instructions_ = state.instructions;
    pc_ = state.pc;
    next_pc_ = state.next_pc;
    segment_start_ = first;
  }
  friend struct SegmentOps;
  static constexpr Cycles kSettled = ~Cycles{0};  // segment_cycles_: the members are final
  const DecodedMips* segment_start_ = nullptr;
  Cycles segment_cycles_ = 0;         // the cycle count where a segment ended
  bool settled_straight_on_ = false;  // kSettled: the next instruction is the one after it
  // The per-instruction hooks (breakpoints) before the instruction at pc_: true when they
  // stop the core there (once resumed, the same instruction runs without asking again).
  bool stopped_by_hook() {
    const bool resuming = skip_hook_once_ && pc_ == stopped_pc_;
    skip_hook_once_ = false;
    if (resuming || !hooks_->before_instruction(pc_)) return false;
    state_ = CoreState::Stopped;
    stopped_pc_ = pc_;
    return true;
  }
  const DecodedMips* decoded_at(std::uint32_t pc);
  const DecodedMips* cached_decoded(std::uint32_t pc);
  const DecodedMips* decode_slow(std::uint32_t pc);
  DecodedPages::Page* cached_page(std::uint32_t pc);
  struct CodePage;
  void switch_code_page(const CodePage& next);
  DecodedMips decode_word(std::uint32_t insn) const;
  bool fetch(std::uint32_t pc, std::uint32_t& insn);
  void decoded_page_dropped(Addr base);

  // Address translation: false when an address error was raised. The data accesses using it
  // are in mips_memory.cpp.
  // Inline: every load, store and code-page switch translates.
  // kuseg (0x00000000-0x7FFFFFFF) is the only segment user mode may touch; kseg0 and kseg1
  // map onto the low 512 MiB of physical memory without the TLB.
  // HACK: kuseg, kseg2 and kseg3 use the identity map (as kuseg is with Status.ERL set); TLB
  // lookups come with the Linux-boot work (the TLB registers and instructions already
  // behave, see mips_cp0.cpp).
  bool translate(std::uint32_t va, bool store, Addr& pa) {
    if (va >= 0x80000000 && !kernel_mode()) [[unlikely]] {
      address_error(store, va);
      return false;
    }
    pa = flat_ || va < 0x80000000 || va >= 0xC0000000 ? va : va & 0x1FFFFFFF;
    return true;
  }
  template <class T>
  bool read(std::uint32_t va, T& value);
  template <class T>
  bool write(std::uint32_t va, T value);
  // The common access inline, with exactly read()'s and write()'s effects: aligned, in kuseg
  // (which translate() maps one to one in every mode) and on a page with a host pointer
  // (which no debugger watch is on). Everything else out of line.
  // kuseg and aligned in one test; the page then is in the port's tables (the constructor
  // requires a 32-bit port), indexed without the port's bounds test.
  template <class T>
  static bool kuseg_aligned(std::uint32_t va) {
    return !(va & (0x80000000u | (sizeof(T) - 1)));
  }
  template <class T>
  T guest_order(T value) const {
    return swap_bytes_ ? anvil::byteswap(value) : value;
  }
  template <class T>
  bool load_fast(std::uint32_t va, T& value) const {
    if (!kuseg_aligned<T>(va)) return false;
    const std::uint8_t* host = read_pages_[va >> MemoryPort::kPageBits];
    if (!host) return false;
    std::memcpy(&value, host + (va & MemoryPort::kPageMask), sizeof(T));
    value = guest_order(value);
    return true;
  }
  template <class T>
  bool read_direct(std::uint32_t va, T& value) {
    if (load_fast(va, value)) [[likely]]
      return true;
    return read(va, value);
  }
  template <class T>
  bool read_widened(std::uint32_t va, std::uint32_t& v) {
    T narrow = 0;
    if (!read_direct(va, narrow)) return false;
    v = narrow;
    return true;
  }
  template <class T>
  bool store_fast(std::uint32_t va, T value) {
    if (!kuseg_aligned<T>(va)) return false;
    // A store to the linked location by this core breaks the link (MIPS32 ISA, SC); write()
    // does the same when the store goes its way.
    if (ll_bit_ && (va & ~3u) == (ll_address_ & ~3u)) ll_bit_ = false;
    std::uint8_t* host = write_pages_[va >> MemoryPort::kPageBits];
    if (!host) return false;
    value = guest_order(value);
    std::memcpy(host + (va & MemoryPort::kPageMask), &value, sizeof(T));
    return true;
  }
  template <class T>
  bool write_direct(std::uint32_t va, T value) {
    if (store_fast(va, value)) [[likely]]
      return true;
    return write(va, value);
  }
  void data_bus_error(std::uint32_t va);
  void watch_data_access(Access kind, std::uint32_t va, unsigned size);

  // Exceptions and interrupts (mips_exceptions.cpp).
  void enter_exception(ExcCode code, unsigned coprocessor, std::uint32_t vector_offset);
  bool interrupt_pending() const;
  void take_interrupt();
  std::uint32_t cause_register() const;  // with the lines and the timer folded in
  std::uint32_t count() const;
  void schedule_timer();
  void update_timer();
  std::uint32_t random_index() const;
  void wake_if_due();
  void stop_after_instruction() { limit_.store(0, std::memory_order_relaxed); }
  bool user_fault(UserFault fault, std::uint32_t address);

  const Variant& variant_;
  MemoryPort& memory_;
  const std::uint8_t* const* read_pages_;  // memory_.read_pages(), write_pages()
  std::uint8_t* const* write_pages_;
  bool big_endian_;
  bool swap_bytes_;  // the guest's byte order is not the host's
  bool flat_;
  bool linux_user_;
  bool fpu_present_;                   // an FPU, or the kernel's emulation of one (Linux user mode)
  std::array<std::uint32_t, 33> r_{};  // the GPRs and the discard slot (kDiscard)
  std::uint32_t pc_ = 0;               // the instruction being executed
  std::uint32_t next_pc_ = 0;          // the one after it (the delay slot after a branch)
  std::uint32_t insn_ = 0;             // its encoding (the R3000A copies bits 27:26 to Cause.CE)
  DelayState delay_;                   // the current instruction's delay-slot state
  DelayState branch_;                  // a branch the current instruction made
  // branch_ or delay_ may hold a branch: finish_instruction() has to move them on. Most
  // instructions neither branch nor sit in a delay slot, and skip that with one test.
  bool control_flow_ = false;
  PendingLoad pending_load_;  // lands after the current instruction
  PendingLoad new_load_;      // made by the current instruction
  bool ll_bit_ = false;
  std::uint32_t ll_address_ = 0;
  Cycles hilo_ready_ = 0;
  PipelineTiming timing_;  // the interlocks and branch prediction (4Kc, 24Kf)
  bool interlocked_;
  unsigned branch_taken_cycles_;  // TimingTable::branch_taken

  Cp0 cp0_;
  Fpu fpu_;
  unsigned irq_lines_ = 0;  // Cause.IP7..IP2 from set_irq_line

  CoreState state_ = CoreState::Running;
  Cycles cycles_ = 0;
  Cycles pending_cycles_ = 0;
  std::uint64_t instructions_ = 0;
  std::atomic<Cycles> limit_{0};
  std::atomic<bool> stop_requested_{false};
  bool stop_after_ = false;

  Hooks* hooks_ = nullptr;
  Hooks default_hooks_;
  bool per_instruction_hooks_ = false;
  bool skip_hook_once_ = false;
  std::uint32_t stopped_pc_ = 0;

  std::unique_ptr<encoding::DecodeTable<MipsHandler, 32, 12>> table_;
  DecodedPages decoded_;
  // An instruction decoded outside the cache, and the terminator after it, as a run of one.
  std::array<DecodedMips, 2> scratch_{DecodedMips{}, run_terminator()};
  // The decoded page in use, and pages used before it that were in kuseg of a flat map
  // (always accessible, mapped one to one), one per slot by virtual page number: code
  // calling into other pages and back (a program and its libc) then switches without
  // translating or looking the page up again.
  struct CodePage {
    Addr base = ~Addr{0};  // virtual
    Addr physical = 0;
    DecodedPages::Page* page = nullptr;
  };
  Addr code_page_base_ = ~Addr{0};  // virtual
  Addr code_page_physical_ = 0;
  DecodedPages::Page* code_page_ = nullptr;
  static constexpr unsigned kRecentCodePages = 16;
  std::array<CodePage, kRecentCodePages> recent_code_pages_{};
  CodePage& recent_code_page(Addr base) {
    return recent_code_pages_[(base >> MemoryPort::kPageBits) % kRecentCodePages];
  }
  // Taken branches' targets on other pages (calls, returns), by address, in kuseg of a flat
  // map as recent_code_pages_: SegmentOps::branch goes on at the entry found here when the
  // target it remembers itself is another. The run loop fills it where a taken branch ended
  // its segment; it is forgotten whenever a page is dropped or a run is decoded (which may
  // start a full page afresh), so no entry here points into a page that changed.
  struct KnownTarget {
    std::uint32_t pc = 1;  // never a taken branch's target that has an entry
    const DecodedMips* entry = nullptr;
  };
  static constexpr unsigned kKnownTargets = 256;
  std::array<KnownTarget, kKnownTargets> known_targets_{};
  KnownTarget& known_target(std::uint32_t pc) { return known_targets_[(pc >> 2) % kKnownTargets]; }
  void forget_known_targets() { known_targets_.fill(KnownTarget{}); }
};

// The hot path: the instruction at `pc` from the decoded page in use, or from one used
// recently (calls between a program and its C library switch pages often); null when it is
// in neither (decode_slow then, which may raise an exception).
inline const DecodedMips* MipsCore::cached_decoded(std::uint32_t pc) {
  const Addr base = pc & ~static_cast<std::uint32_t>(MemoryPort::kPageMask);
  if (pc & 3) [[unlikely]]
    return nullptr;
  if (base != code_page_base_ && base == recent_code_page(base).base)
    switch_code_page(CodePage{recent_code_page(base)});
  if (base != code_page_base_) [[unlikely]]
    return nullptr;
  return code_page_->find(pc & MemoryPort::kPageMask);
}

inline const DecodedMips* MipsCore::decoded_at(std::uint32_t pc) {
  if (const DecodedMips* d = cached_decoded(pc)) [[likely]]
    return d;
  return decode_slow(pc);
}

}  // namespace anvil::mips
