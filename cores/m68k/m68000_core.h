// The 68000 as instruction handlers see it. Handlers (m68000_*_ops.cpp) are free functions
// `void handler(M68000Core&, std::uint16_t opcode)`; they use the "for instruction handlers"
// part of this class. Every bus cycle goes through read/write/fetch below, in the order the
// microcode runs them, so cycle counts and the bus-cycle log come out of the same code.
//
// References: UM = M68000 User's Manual (M68000UM/AD rev. 9): section 8 gives instruction
// timing as (cycles, reads, writes); PRM = M68000 Family Programmer's Reference Manual.
// The order of bus cycles inside an instruction follows the SingleStepTests vectors
// (captured from MAME's microcoded 68000), which agree with the UM totals.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cores/m68k/m68000.h"
#include "cores/m68k/m68k_bus_fault.h"
#include "cores/m68k/m68k_fpu_state.h"
#include "cores/m68k/m68k_variants.h"

namespace anvil::m68k {

class M68000Core;
using Handler = void (*)(M68000Core& cpu, std::uint16_t opcode);
struct M68020DecodedCode;  // m68020_decoded.h: the 68020+ decoded-instruction cache
struct DecodedM68k;        // m68020_decoded.h: one decoded instruction

enum class Size : std::uint8_t { Byte = 1, Word = 2, Long = 4 };

constexpr std::uint32_t size_mask(Size s) {
  return s == Size::Byte ? 0xFFu : s == Size::Word ? 0xFFFFu : 0xFFFFFFFFu;
}
constexpr std::uint32_t sign_bit(Size s) {
  return s == Size::Byte ? 0x80u : s == Size::Word ? 0x8000u : 0x80000000u;
}

// Condition-code and status-register bits (PRM 1.3.2).
enum : std::uint16_t {
  kC = 1,
  kV = 2,
  kZ = 4,
  kN = 8,
  kX = 16,
  kInterruptMask = 0x0700,
  kSupervisor = 0x2000,
  kMaster = 0x1000,     // M: 68020-68040 master/interrupt stack select (020 UM 1.3.2)
  kTrace = 0x8000,      // T1: trace every instruction
  kTraceFlow = 0x4000,  // T0: 68020+ trace on change of flow (not modelled: reads back)
  kSrImplemented = 0xA71F,
  kSrImplemented020 = 0xF71F,
};

// Exception vector numbers (UM Table 6-2).
enum Vector : std::uint8_t {
  kVectorBusError = 2,
  kVectorAddressError = 3,
  kVectorIllegal = 4,
  kVectorZeroDivide = 5,
  kVectorChk = 6,
  kVectorTrapv = 7,
  kVectorPrivilege = 8,
  kVectorTrace = 9,
  kVectorLineA = 10,
  kVectorLineF = 11,
  kVectorFormatError = 14,  // 68010+: RTE found a frame format it does not know
  kVectorUninitialized = 15,
  kVectorSpurious = 24,
  kVectorAutovector = 24,
  kVectorTrap = 32,
  kVectorMmuConfiguration = 56,
};

// Exception stack frame formats (020 UM 6.4, 040 UM 8.4): the top nibble of the format word.
enum FrameFormat : std::uint16_t {
  kFrameNormal = 0,       // four words: SR, PC, format/vector
  kFrameThrowaway = 1,    // 68020-68040: the copy left on the interrupt stack
  kFrameInstruction = 2,  // six words: + the faulting instruction's address
  kFrameFpPost040 = 3,    // 68040 FP post-instruction: + effective address
  kFrameFpUnimpl040 = 4,  // 68040 FP unimplemented: + effective address, faulted PC
  kFrameAccess040 = 7,    // 68040 access error (30 words)
  kFrameBusError010 = 8,  // 68010 bus/address error (29 words)
  kFrameShortBus = 0xA,   // 68020/68030 short bus cycle fault (16 words)
  kFrameLongBus = 0xB,    // 68020/68030 long bus cycle fault (46 words)
};

// The control registers MOVEC reaches (PRM MOVEC, its table of control register codes). The 68040's
// MMU and transparent-translation registers are kept as plain registers (no translation).
struct ControlRegisters {
  std::uint32_t sfc = 0, dfc = 0;  // source/destination function code (3 bits)
  std::uint32_t vbr = 0;           // vector base
  std::uint32_t cacr = 0, caar = 0;
  std::uint32_t tc = 0, itt0 = 0, itt1 = 0, dtt0 = 0, dtt1 = 0, urp = 0, srp = 0, mmusr = 0;
};

// Thrown from a bus access that faulted (address or bus error): unwinds the instruction.
// The exception itself is taken by the step loop from the fault the core recorded.
struct BusFaultAbort {};
// Thrown after an exception was taken in the middle of an instruction (a reserved extension
// word format, 68020+): unwinds the instruction; nothing more to do.
struct InstructionAbort {};

// An operand's location after its effective address was calculated (PRM 2.2).
struct Operand {
  enum Kind : std::uint8_t { DataRegister, AddressRegister, Memory, Immediate } kind;
  unsigned reg = 0;
  bool program = false;       // PC-relative: read in program space (UM 6.2: FC2-FC0 = x10)
  std::uint32_t address = 0;  // Memory: the address; Immediate: the value
};

// PRM Table 3-19: the condition tests.
constexpr bool condition_holds(unsigned cc, bool n, bool z, bool v, bool c) {
  switch (cc & 15) {
    case 0:
      return true;
    case 1:
      return false;
    case 2:
      return !c && !z;  // HI
    case 3:
      return c || z;  // LS
    case 4:
      return !c;  // CC
    case 5:
      return c;  // CS
    case 6:
      return !z;  // NE
    case 7:
      return z;  // EQ
    case 8:
      return !v;  // VC
    case 9:
      return v;  // VS
    case 10:
      return !n;  // PL
    case 11:
      return n;  // MI
    case 12:
      return n == v;  // GE
    case 13:
      return n != v;  // LT
    case 14:
      return !z && n == v;  // GT
    default:
      return z || n != v;  // LE
  }
}

// Table 3-19 for all sixteen N Z V C combinations: bit (SR & 0xF) of row cc.
inline constexpr std::array<std::uint16_t, 16> kConditionTable = [] {
  std::array<std::uint16_t, 16> table{};
  for (unsigned cc = 0; cc < 16; ++cc)
    for (unsigned flags = 0; flags < 16; ++flags)
      if (condition_holds(cc, flags & kN, flags & kZ, flags & kV, flags & kC))
        table[cc] = static_cast<std::uint16_t>(table[cc] | (1u << flags));
  return table;
}();

class M68000Core final : public M68000 {
 public:
  M68000Core(const M68000Config& config, MemoryPort& memory);
  ~M68000Core() override;

  // ---------------------------------------------------------------------------------------
  // For instruction handlers.
  // ---------------------------------------------------------------------------------------
  std::uint32_t d[8]{};
  std::uint32_t a[8]{};  // a[7] is the active stack pointer
  M68kFpuState fpu;      // used only when fpu_model() is not FpuModel::None
  FpuModel fpu_model() const { return fpu_model_; }
  CpuLevel level() const { return level_; }
  // 68020+: no bus-cycle model, so handlers may take their plain path (see m68k_variants.h).
  bool fast_bus() const { return fast_bus_; }
  bool at_least(CpuLevel level) const { return level_ >= level; }
  ControlRegisters control;
  bool linux_user() const { return linux_user_; }  // the FPU emulates the 68040's gaps then
  // Linux user mode: the vector of the exception last reported through Hooks::user_fault
  // (the ABI turns it into si_code as arch/m68k/kernel/traps.c does).
  unsigned user_fault_vector() const { return user_fault_vector_; }
  std::uint16_t sr() const { return sr_; }
  void set_sr(std::uint16_t value);  // swaps stacks when S changes
  void set_ccr(std::uint8_t value) { sr_ = (sr_ & 0xFF00) | (value & 0x1F); }
  bool supervisor() const { return sr_ & kSupervisor; }
  bool flag(std::uint16_t bit) const { return sr_ & bit; }
  void set_flag(std::uint16_t bit, bool on) { sr_ = on ? (sr_ | bit) : (sr_ & ~bit); }
  // PRM Table 3-19, looked up: bit (N Z V C) of the condition's row says whether it holds.
  bool condition(unsigned cc) const {
    return (kConditionTable[cc & 15] >> (sr_ & (kN | kZ | kV | kC))) & 1;
  }
  std::uint32_t usp() const { return supervisor() ? other_sp_ : a[7]; }
  void set_usp(std::uint32_t v) { (supervisor() ? other_sp_ : a[7]) = v; }
  // The supervisor stacks (68020-68040: M selects MSP, else ISP; the 68000 and 68010
  // have one, called SSP).
  std::uint32_t isp() const { return (sr_ & kMaster) ? inactive_ssp_ : active_ssp(); }
  std::uint32_t msp() const { return (sr_ & kMaster) ? active_ssp() : inactive_ssp_; }
  void set_isp(std::uint32_t v) { ((sr_ & kMaster) ? inactive_ssp_ : active_ssp_ref()) = v; }
  void set_msp(std::uint32_t v) { ((sr_ & kMaster) ? active_ssp_ref() : inactive_ssp_) = v; }
  std::uint32_t address_mask() const { return address_mask_; }

  // The prefetch queue (UM 8: "np"). read_extension() returns IRC and refills it from the
  // PC; prefetch() ends an instruction: IRD takes IRC and IRC is refilled.
  // `moves_pc`: whether the microcode's PC register (stacked by an address error) advances
  // with this word; the displacement modes compute their address in its stead.
  std::uint16_t read_extension(bool moves_pc = true) {
    if (fast_bus_) [[likely]] {
      if (irc_faulted_) [[unlikely]]
        prefetch_fault();
      const std::uint16_t value = irc_;
      irc_ = fetch_word(pc_);
      pc_ += 2;
      return value;
    }
    return read_extension_exact(moves_pc);
  }
  std::uint32_t read_extension_long() {
    const std::uint32_t high = read_extension();
    return (high << 16) | read_extension();
  }
  void prefetch() {
    if (fast_bus_) [[likely]] {
      ird_ = irc_;
      ird_faulted_ = irc_faulted_;
      irc_faulted_ = false;
      irc_ = fetch_word(pc_);
      pc_ += 2;
      return;
    }
    prefetch_exact();
  }
  std::uint16_t irc() const { return irc_; }
  std::uint16_t ird() const { return ird_; }
  void set_ird(std::uint16_t value) { ird_ = value; }
  std::uint32_t pc_value() const { return pc_; }
  // A jump refills the queue at `target`: jump_fill_first() reads the word there (the
  // caller adds the idle clocks and the prefetch() that follows).
  void jump_fill_first(std::uint32_t target) {
    irc_faulted_ = false;  // the queue starts over at the target
    pc_ = target;
    // 68020+: straight from the DMI page when the word is there; a fault at the target is
    // taken now either way (bus_read_word), not deferred like a look-ahead fetch's.
    if (!(fast_bus_ && fetch_word_from_page(target, irc_)))
      irc_ = bus_read_word(target, Space::Program);
    pc_ += 2;
  }
  // The PC an address error stacks (the microcode's PC register, not the architectural
  // PC): handlers move it where the vectors show the microcode does.
  void set_fault_pc(std::uint32_t pc) { fault_pc_ = pc; }
  // Moves the PC an address error would stack (the microcode's PC register). After a
  // byte/word -(An) source moved it early, the next move is absorbed (vectors).
  void advance_fault_pc(std::uint32_t n) {
    if (pc_moved_early_) {
      pc_moved_early_ = false;
      return;
    }
    fault_pc_ += n;
  }
  void drop_deferred_pc_advance() { deferred_pc_advance_ = 0; }

  // Data bus cycles, "nr"/"nw" in UM 8 (long: high word first unless the name says so).
  std::uint32_t read(Size size, std::uint32_t address) {
    if (fast_bus_) [[likely]] {
      if (size == Size::Long) return fast_load<std::uint32_t>(address, Space::Data);
      if (size == Size::Word) return fast_load<std::uint16_t>(address, Space::Data);
      return fast_load<std::uint8_t>(address, Space::Data);
    }
    return read_exact(size, address);
  }
  void write(Size size, std::uint32_t address, std::uint32_t value) {
    if (fast_bus_) [[likely]] {
      if (size == Size::Long) return fast_store<std::uint32_t>(address, value);
      if (size == Size::Word) return fast_store(address, static_cast<std::uint16_t>(value));
      return fast_store(address, static_cast<std::uint8_t>(value));
    }
    write_exact(size, address, value);
  }
  void write_long_low_first(std::uint32_t address, std::uint32_t value);
  // The 68020+ take one plain access inline; the 68000/68010's bus cycles are out of line.
  std::uint16_t read_word(std::uint32_t address, bool program = false) {
    if (fast_bus_) [[likely]]
      return fast_load<std::uint16_t>(address, program ? Space::Program : Space::Data);
    return read_word_exact(address, program);
  }
  void write_word(std::uint32_t address, std::uint16_t value) {
    if (fast_bus_) [[likely]]
      return fast_store<std::uint16_t>(address, value);
    write_word_exact(address, value);
  }
  std::uint8_t read_byte(std::uint32_t address, bool program = false) {
    if (fast_bus_) [[likely]]
      return fast_load<std::uint8_t>(address, program ? Space::Program : Space::Data);
    return read_byte_exact(address, program);
  }
  void write_byte(std::uint32_t address, std::uint8_t value) {
    if (fast_bus_) [[likely]]
      return fast_store<std::uint8_t>(address, value);
    write_byte_exact(address, value);
  }
  // TAS: read, two idle clocks, write, with the bus held (UM 8, Table 8-10 note).
  std::uint8_t read_modify_write_byte(std::uint32_t address,
                                      std::uint8_t (*op)(M68000Core&, std::uint8_t));
  void idle(unsigned clocks) {
    if (!fast_bus_) idle_exact(clocks);  // the 68020+ count cycles per instruction
  }

  // Effective addresses (PRM 2.2). ea() computes the address of mode/reg (its extension
  // words and idle cycles on the bus); -(An) takes its 2 idle clocks only when `predec_idle`.
  // 68020+ (fast_bus_): no microcode PC to track and no idle clocks, so the common modes are
  // worked out inline here; the 68000/68010 and the indexed and PC-relative modes go out of
  // line (ea_exact, m68000_ea.cpp), which gives the same results on the 68020+.
  Operand ea(unsigned mode, unsigned reg, Size size, bool predec_idle = true) {
    if (fast_bus_) [[likely]] {
      switch (mode) {
        case 0:
          return {Operand::DataRegister, reg};
        case 1:
          return {Operand::AddressRegister, reg};
        case 2:
          return {Operand::Memory, 0, false, a[reg]};
        case 3: {
          const std::uint32_t address = a[reg];
          if (size != Size::Long || !(address & 1)) a[reg] += postincrement_step(size, reg);
          return {Operand::Memory, 0, false, address};
        }
        case 4:
          a[reg] -= postincrement_step(size, reg);
          return {Operand::Memory, 0, false, a[reg]};
        case 5: {
          const auto disp = static_cast<std::int16_t>(read_extension());
          return {Operand::Memory, 0, false, a[reg] + static_cast<std::uint32_t>(disp)};
        }
        default:
          break;
      }
    }
    return ea_exact(mode, reg, size, predec_idle);
  }
  Operand ea_exact(unsigned mode, unsigned reg, Size size, bool predec_idle);
  // (An)+ and -(An) step by the operand size, but A7 by bytes stays even (PRM 2.2.4).
  static std::uint32_t postincrement_step(Size size, unsigned reg) {
    if (size == Size::Byte) return reg == 7 ? 2 : 1;
    return static_cast<std::uint32_t>(size);
  }
  std::uint32_t read_operand(const Operand& op, Size size) {
    switch (op.kind) {
      case Operand::DataRegister:
        return d[op.reg] & size_mask(size);
      case Operand::AddressRegister:
        return a[op.reg] & size_mask(size);
      case Operand::Immediate:
        return op.address;
      case Operand::Memory:
        break;
    }
    if (!op.program) return read(size, op.address);
    return read_program_operand(op.address, size);
  }
  std::uint32_t read_program_operand(std::uint32_t address, Size size);
  std::uint32_t index_displacement(std::uint16_t extension) const;
  // 68020+: (d8,An,Xn*scale) and the full extension word formats (memory indirect, base
  // displacement, suppressed base or index; PRM 2.2, m68020_ea.cpp). `base` is An or the
  // extension word's address; further extension words are read here.
  std::uint32_t indexed_address_020(std::uint32_t base, std::uint16_t extension);

  // Exceptions (m68000_exceptions.cpp). Each ends the instruction.
  // Group 1/2 processing (UM 6.3): stack PC and SR, read the vector, fill the queue.
  void exception(unsigned vector, std::uint32_t stacked_pc);
  void exception(unsigned vector, std::uint32_t stacked_pc, std::uint16_t old_sr);
  void privilege_violation();
  void illegal_instruction(unsigned vector = kVectorIllegal);
  void trap(unsigned number);  // TRAP #n (linux_user: TRAP #0 is a syscall)
  // An exception with a given frame (68010+; the 68000 stacks its own short frame): the FPU's
  // 68040 frames (040 UM 8.4: format 2/3 `address` = effective address; format 4 also the
  // faulted instruction's PC). Linux user mode: the signal, si_addr the stacked PC.
  void exception_with_frame(unsigned vector, FrameFormat format, std::uint32_t stacked_pc,
                            std::uint32_t address, std::uint32_t faulted_pc = 0);
  std::uint32_t instruction_address() const { return instruction_pc_; }
  void stop(std::uint16_t new_sr);
  void reset_instruction();      // RESET: 124 clocks of RSTO
  void return_from_exception();  // RTE

  // ---------------------------------------------------------------------------------------
  // M68000 / Core API
  // ---------------------------------------------------------------------------------------
  M68000State architectural_state() const override;
  void set_architectural_state(const M68000State& state) override;
  std::span<const BusCycle> bus_log() const override { return bus_log_; }
  void clear_bus_log() override { bus_log_.clear(); }

  std::string_view model() const override { return model_; }
  std::string_view isa() const override { return "m68k"; }
  void reset() override;
  Cycles run(Cycles budget) override;
  Cycles step() override;
  CoreState state() const override { return state_; }
  void resume() override;
  void request_stop() override {
    stop_requested_.store(true, std::memory_order_relaxed);
    decoded_limit_.store(0, std::memory_order_relaxed);  // ends a decoded run (68020+)
  }
  std::span<const RegisterInfo> register_info() const override;
  std::uint64_t read_register(unsigned index) const override;
  void write_register(unsigned index, std::uint64_t value) override;
  void read_register_bytes(unsigned index, std::span<std::uint8_t> bytes) const override;
  void write_register_bytes(unsigned index, std::span<const std::uint8_t> bytes) override;
  // The next instruction's address: the queue holds it and the word after (PC is 4 ahead),
  // except after STOP, which does not refill the queue.
  Addr pc() const override { return state_ == CoreState::Sleeping ? pc_ : pc_ - 4; }
  // Lines 1-7 are the IPL levels; line 0 exists only so a level's number is its line.
  unsigned irq_line_count() const override { return 8; }
  void set_irq_line(unsigned line, bool level) override;
  void advance_idle(Cycles cycles) override { cycles_ += cycles; }
  Cycles cycle_count() const override { return cycles_; }
  std::uint64_t instruction_count() const override { return instructions_; }
  void set_hooks(Hooks* hooks, bool per_instruction) override;
  MemoryPort& memory() override { return memory_; }

  // For the interrupt controller of a board: a vector number for an IACK at `level`, or
  // kAutovector (the default) for VPA-style autovectoring (UM 6.3.2).
  static constexpr int kAutovector = -1;
  using VectorSource = int (*)(void* context, unsigned level);
  void set_vector_source(VectorSource source, void* context) {
    vector_source_ = source;
    vector_context_ = context;
  }

 private:
  // The 68020+ decoded runs (m68020_decoded_run.cpp) and their handlers use the private
  // memory access and queue below.
  friend struct M68020FastPath;
  enum class Space : std::uint8_t { Data, Program };
  std::uint8_t function_code(Space space) const {
    return static_cast<std::uint8_t>((supervisor() ? 4 : 0) | (space == Space::Program ? 2 : 1));
  }
  std::uint16_t bus_read_word(std::uint32_t address, Space space);
  // 68020+: an instruction word straight from the DMI page when there is one (inline: the
  // hot path of every instruction), else through bus_read_word.
  std::uint16_t fetch_word(std::uint32_t address) {
    std::uint16_t value;
    if (fetch_word_from_page(address, value)) [[likely]]
      return value;
    return fetch_word_slow(address);
  }
  // An even instruction word inside one DMI page; false when there is none such.
  bool fetch_word_from_page(std::uint32_t address, std::uint16_t& value) const {
    const std::uint32_t masked = address & address_mask_;
    const std::uint8_t* page = memory_.fetch_page(masked);
    if (!page || (address & 1) || (masked & MemoryPort::kPageMask) == MemoryPort::kPageMask)
      return false;
    const std::uint8_t* at = page + (masked & MemoryPort::kPageMask);
    value = static_cast<std::uint16_t>((at[0] << 8) | at[1]);
    return true;
  }
  std::uint16_t read_word_exact(std::uint32_t address, bool program);
  void write_word_exact(std::uint32_t address, std::uint16_t value);
  std::uint8_t read_byte_exact(std::uint32_t address, bool program);
  void write_byte_exact(std::uint32_t address, std::uint8_t value);
  // 68020+: the look-ahead word comes from the bus; a bus error there is only taken if the
  // word is used (020 UM 6.1.2: a fault on a prefetch that is never used is not taken), so
  // it is recorded and raised by prefetch_fault() when the word is consumed.
  std::uint16_t fetch_word_slow(std::uint32_t address);
  [[noreturn]] void prefetch_fault();
  bool irc_faulted_ = false, ird_faulted_ = false;
  std::uint32_t prefetch_fault_address_ = 0;
  std::uint16_t read_extension_exact(bool moves_pc);
  void prefetch_exact();
  // 68020+: one access of any size at any address (020 UM 5.2.2: misaligned operands are
  // split by the bus controller, invisible to the program); no log, no per-cycle timing.
  template <class T>
  T fast_load(std::uint32_t address, Space space) {
    T value = 0;
    if (!memory_.load<T>(address & address_mask_, value,
                         space == Space::Program ? Access::Fetch : Access::Load)) [[unlikely]]
      value = static_cast<T>(load_fault(address, sizeof(T), space));
    return value;
  }
  template <class T>
  void fast_store(std::uint32_t address, T value) {
    if (!memory_.store<T>(address & address_mask_, value)) [[unlikely]]
      store_fault(address, sizeof(T), value);
  }
  std::uint32_t read_exact(Size size, std::uint32_t address);
  void write_exact(Size size, std::uint32_t address, std::uint32_t value);
  void idle_exact(unsigned clocks);
  void log(BusCycleKind kind, std::uint8_t fc, std::uint32_t address, std::uint16_t data, bool uds,
           bool lds, Cycles length);
  bool transport(Access kind, std::uint32_t address, std::uint8_t* bytes, unsigned size,
                 Cycles& wait);
  void catch_up_pc() {
    fault_pc_ += deferred_pc_advance_;
    deferred_pc_advance_ = 0;
  }
  [[noreturn]] void address_error(std::uint32_t address, bool write, Space space);
  [[noreturn]] void bus_error(std::uint32_t address, bool write, Space space);
  // 68020-68040 bus faults (m68k_bus_fault.cpp): a faulted read returns a value software
  // supplied (an injected read) or throws; a faulted data write is kept and reported at the
  // end of the instruction; RTE of their frames reruns or skips them as the SSW says.
  std::uint32_t load_fault(std::uint32_t address, unsigned size, Space space);
  void store_fault(std::uint32_t address, unsigned size, std::uint32_t value);
  bool take_faulted_writes(std::uint16_t old_sr);
  void stack_write_fault(const FaultedWrite& faulted, std::uint32_t stacked_pc,
                         std::uint32_t resume_pc, std::span<const FaultedWrite> later,
                         std::uint16_t old_sr);
  bool resume_after_bus_fault(std::uint32_t frame, unsigned format, std::uint32_t target);
  bool store_now(const FaultedWrite& write);
  BusFaultState bus_fault_;

  void execute_one();
  void group0_exception();
  void user_mode_exception(unsigned vector, std::uint32_t resume_pc, std::uint32_t signal_address);
  void take_interrupt(unsigned level);
  void begin_exception_frame(unsigned vector, std::uint32_t stacked_pc, std::uint16_t old_sr);
  void push_frame(FrameFormat format, unsigned vector, std::uint32_t stacked_pc,
                  std::uint16_t old_sr, std::uint32_t address = 0, std::uint32_t second = 0);
  void group0_exception_010();
  void take_interrupt_010(unsigned level, int vector, std::uint32_t stacked_pc,
                          std::uint16_t old_sr);
  void return_from_exception_010();
  std::uint32_t active_ssp() const { return supervisor() ? a[7] : other_sp_; }
  std::uint32_t& active_ssp_ref() { return supervisor() ? a[7] : other_sp_; }
  void load_vector_and_fill(unsigned vector);
  bool interrupt_pending() const {
    const unsigned mask = (sr_ & kInterruptMask) >> 8;
    return irq_level_ == 7 ? nmi_latch_ : irq_level_ > mask;
  }

  std::string model_;
  FpuModel fpu_model_ = FpuModel::None;  // set from the variant
  CpuLevel level_ = CpuLevel::M68000;
  // 68020+: no bus-cycle model; data may sit at any address; the cycles come from the
  // variant's timing table (timing_) plus the bus's wait states.
  bool fast_bus_ = false;
  std::uint32_t address_mask_ = 0x00FFFFFF;
  std::uint16_t sr_implemented_ = kSrImplemented;
  const std::uint8_t* timing_ = nullptr;  // cycles per opcode (fast_bus_ variants)
  MemoryPort& memory_;
  bool log_bus_cycles_ = false;
  bool linux_user_;
  unsigned user_fault_vector_ = 0;
  std::uint32_t other_sp_ = 0;      // the inactive stack pointer: USP in supervisor mode, else SSP
  std::uint32_t inactive_ssp_ = 0;  // 68020-68040: the supervisor stack M does not select
  std::uint16_t sr_ = 0x2700;
  std::uint32_t pc_ = 0;  // the address of the next prefetch
  std::uint16_t ird_ = 0, irc_ = 0;
  std::uint16_t opcode_ = 0;
  std::uint32_t instruction_pc_ = 0;
  std::uint32_t fault_pc_ = 0;
  bool trace_pending_ = false;
  std::uint32_t deferred_pc_advance_ = 0;  // see ea()
  bool pc_moved_early_ = false;            // see advance_fault_pc()

  struct Fault {  // the access that aborted the instruction
    bool bus_error = false;
    bool write = false;
    std::uint8_t function_code = 0;
    std::uint32_t address = 0;
  } fault_;

  unsigned irq_level_ = 0;  // IPL2..IPL0 as a level 0..7
  unsigned irq_lines_ = 0;  // bit n: line n+1 asserted
  bool nmi_latch_ = false;  // level 7 is edge-triggered (UM 6.3.2)
  VectorSource vector_source_ = nullptr;
  void* vector_context_ = nullptr;

  CoreState state_ = CoreState::Running;
  Cycles cycles_ = 0;
  std::uint64_t instructions_ = 0;
  Hooks default_hooks_;
  Hooks* hooks_ = &default_hooks_;
  bool per_instruction_hooks_ = false;
  std::atomic<bool> stop_requested_{false};
  std::vector<BusCycle> bus_log_;
  const std::array<Handler, 65536>* dispatch_;

  // 68020+: instructions decoded once per code page, run without the look-ahead queue
  // (m68020_decoded_run.cpp); null on the 68000 and 68010, whose bus cycles stay exact.
  std::unique_ptr<M68020DecodedCode> decoded_code_;
  // A decoded run ends once cycles_ reaches this; zeroed by a stop request, an interrupt
  // line change and a store to decoded code.
  std::atomic<Cycles> decoded_limit_{0};
  // The segment of a decoded run being executed (m68020_decoded_run.cpp): entries run in
  // order, with the instruction and cycle counts of the whole segment added when it starts
  // and what did not run taken back when it ends. An access that leaves the direct path, or
  // an ordinary handler, first settles it (M68020FastPath::settle): the counts and
  // instruction_pc_ brought to the running entry, which the segment then ends with.
  struct DecodedSegment {
    const DecodedM68k* running = nullptr;  // the entry whose handler runs
    const DecodedM68k* last = nullptr;     // the segment ends after this entry
    // Settled: the running entry's cost (added at the end) and the address after it.
    std::uint32_t settled_cycles = 0, settled_next = 0;
    bool settled = false;
    bool queue_filled = false;  // the last entry was an ordinary handler (generic())
    // Segments started by a taken branch itself (M68020FastPath::branch_to) since the loop
    // last ran: bounded so that the handlers' calls stay shallow without tail calls.
    std::uint8_t chained = 0;
  } segment_;
  void run_decoded(Cycles end);
};

// The dispatch table: one handler per opcode, built once per CPU level from the encoding
// rows (m68000_table.cpp).
const std::array<Handler, 65536>& m68000_dispatch();
// The dispatch table of a level; with_fpu: the FPU's rows take their line-F opcodes.
const std::array<Handler, 65536>& m68k_dispatch(CpuLevel level, bool with_fpu = false);
// Cycles per opcode for a timing table variant (m68020_timing.cpp), built once per source.
const std::array<std::uint8_t, 65536>& m68k_opcode_cycles(TimingSource source);

}  // namespace anvil::m68k
