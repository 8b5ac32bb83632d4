// The pipeline timing of the interlocked MIPS32 cores (4Kc, 24Kf) as data and a little
// state: when each register's newest value may be used, what the multiply/divide unit and the
// FPU's long operations still occupy, and (24Kf) the branch predictors. The core asks it for
// the stall before each instruction (stall_before) and tells it about results as handlers
// produce them. The R3000 needs none of it (its load delay is architectural, and its
// MFHI/MFLO interlock is MipsCore::wait_for_hilo).
//
// Cycle numbers are issue cycles: a result with latency L from an instruction issued at c
// can be used by an instruction issuing at c + L or later (L = 1: no stall).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

#include "cores/common/types.h"
#include "cores/mips/mips_variant.h"

namespace anvil::mips {

// What an instruction reads and writes, as the interlocks see it (mips_timing.cpp decodes it
// from the encoding). Masks have bit n for register n; `address` registers are needed at
// address generation (load/store bases: a stage before the ALU on the 24K), `uses` in the ALU.
struct Operands {
  enum class Result : std::uint8_t { None, Alu, Load, Multiply, HiLo, FromFpu };
  std::uint32_t uses = 0;
  std::uint32_t address = 0;
  std::uint32_t fpr_uses = 0;
  Result result = Result::None;
  std::uint8_t gpr = 0;           // the GPR written (result != None)
  std::uint8_t fpr = 0;           // the FPR written (fpr_latency != 0)
  bool fpr_pair = false;          // a double in an FR=0 pair: fpr and fpr + 1
  bool reads_condition = false;   // BC1, MOVF/MOVT: the FPU condition codes
  bool writes_condition = false;  // C.cond
  std::uint8_t fpr_latency = 0;
  std::uint8_t fpu_repeat = 0;  // the divide/square-root unit is busy this long
  bool mdu = false;             // waits while a divide occupies the multiply/divide unit
  bool divide = false;
};
Operands operands_of(const TimingTable& t, std::uint32_t insn);

// What issue() needs of an integer instruction, taken apart at decode time so that the
// per-instruction path only indexes: the (at most two) GPRs it reads, each with the cycles
// its value is needed later than by the ALU (a load/store base is needed at address
// generation, TimingTable::alu_to_address earlier: the value must be ready that much sooner),
// the GPR written and the cycles until the ALU may use it. Register 0 stands for "none", read
// with no offset (it is always ready). `unit`: the instruction needs the multiply/divide
// unit or is an FPU one, which issue_unit() models (`complex`: decoded in full).
struct IssueSummary {
  std::array<std::uint8_t, 2> reads{};
  std::array<std::uint8_t, 2> read_offset{};
  std::uint8_t result = 0;
  std::uint8_t result_latency = 0;
  bool unit = false;
  bool mdu = false;
  bool divide = false;
  bool complex = false;
};

class PipelineTiming {
 public:
  explicit PipelineTiming(const TimingTable& table);
  void reset() { *this = PipelineTiming(*t_); }

  // The instruction `insn` is about to issue at `cycle`: returns the stall cycles before it
  // can (its operands not ready, or a unit it needs busy) and records what it will produce.
  // Called for every instruction, so integer instructions take a short path through the
  // IssueSummary of their operands (summarize()), which the decode cache keeps.
  // Stalls are rare: the test is a branch (predicted "no"), so that no chain of data
  // dependencies runs from one instruction's timing to the next one's. Register 0 stands for
  // "none" in a summary: it is read as always ready (ready_[0] never exceeds the cycle
  // after the last issue) and written harmlessly by instructions without a result.
  [[gnu::always_inline]] unsigned issue(const IssueSummary& s, std::uint32_t insn, Cycles cycle) {
    // The multiply/divide unit and the FPU are rare: one test sends them out of line.
    if (s.unit) [[unlikely]]
      return issue_unit(s, insn, cycle);
    Cycles issued = cycle;
    if ((ready_[s.reads[0]] + s.read_offset[0] > cycle) |
        (ready_[s.reads[1]] + s.read_offset[1] > cycle)) [[unlikely]]
      issued = ready_for_summary(s, cycle);
    ready_[s.result] = issued + s.result_latency;
    return static_cast<unsigned>(issued - cycle);
  }

  // issue() in pieces for the run loop's inline forms (mips_segment_ops.cpp), which know the
  // registers they read, at which stage, and the one they write: they read those registers'
  // ready cycles and record the result without the summary. A form is inline only where
  // its summary says the same (summary_matches, at decode time).
  bool operand_late(unsigned reg, Cycles cycle) const { return ready_[reg] > cycle; }
  bool address_late(unsigned reg, Cycles cycle) const {
    return ready_[reg] + alu_to_address_ > cycle;
  }
  // The first cycle the value in `reg` may be used by the ALU, or for an address.
  Cycles operand_ready(unsigned reg) const { return ready_[reg]; }
  Cycles address_ready(unsigned reg) const { return ready_[reg] + alu_to_address_; }
  // `reg` may be kDiscardRegister (a result for $zero, never read).
  void record(unsigned reg, Cycles issued, unsigned latency) { ready_[reg] = issued + latency; }
  static constexpr unsigned kAluLatency = 1;  // an ALU result is ready for the next one
  unsigned load_latency() const {             // 1 + TimingTable::load_use: never 0
    return use_latency_[static_cast<unsigned>(Operands::Result::Load)];
  }
  static constexpr unsigned kDiscardRegister = 32;

  // A register an inline form reads, and whether as a load/store base (address generation).
  struct Read {
    std::uint8_t reg;
    bool address;
  };
  // Whether `s` is the summary of an instruction that reads exactly `reads` (register 0 left
  // out, as it is always ready) and writes `result` (0: nothing) with a load's latency
  // (`load`) or the ALU's, and needs no unit.
  bool summary_matches(const IssueSummary& s, std::span<const Read> reads, unsigned result,
                       bool load) const;

  // Branches (24Kf): the extra cycles a branch or jump costs beyond its own issue cycle.
  //
  // A conditional branch at `pc`: branch-likely is predicted taken; the others by their
  // counter, which then moves toward the outcome. Inline: every sixth instruction or so.
  unsigned conditional_branch(std::uint32_t pc, bool taken, bool likely) {
    if (!mispredict_) return 0;
    if (likely) return taken ? 0 : mispredict_;
    std::uint8_t& counter = counters_[(pc >> 2) % counters_.size()];
    const bool predicted = counter >= 2;
    if (taken && counter < 3) ++counter;
    if (!taken && counter > 0) --counter;
    return predicted == taken ? 0 : mispredict_;
  }
  // JR $31 pops the return stack and costs nothing when it held the target; other register
  // jumps are resolved late. Inline: every call and return.
  unsigned register_jump(unsigned rs, std::uint32_t target) {
    if (!mispredict_) return 0;
    if (rs != 31) return t_->jump_register;
    if (return_depth_ == 0) return mispredict_;
    return_top_ = (return_top_ + return_stack_.size() - 1) % return_stack_.size();
    --return_depth_;
    return return_stack_[return_top_] == target ? 0 : mispredict_;
  }
  // JAL/JALR/BAL push the return stack.
  void link(std::uint32_t return_address) {
    if (!mispredict_) return;
    return_stack_[return_top_] = return_address;
    return_top_ = (return_top_ + 1) % return_stack_.size();
    return_depth_ = std::min<unsigned>(return_depth_ + 1, return_stack_.size());
  }

  // The summary of an instruction for issue(), made once at decode time.
  IssueSummary summary(std::uint32_t insn) const { return summarize(operands_of(*t_, insn)); }

  const TimingTable& table() const { return *t_; }

 private:
  IssueSummary summarize(const Operands& o) const;
  unsigned issue_complex(std::uint32_t insn, Cycles cycle);
  unsigned issue_unit(const IssueSummary& s, std::uint32_t insn, Cycles cycle);
  Cycles ready_for_summary(const IssueSummary& s, Cycles cycle) const;
  Cycles ready_for(const Operands& o, Cycles cycle) const;
  void record(const Operands& o, Cycles issued);

  const TimingTable* t_;
  // t_->alu_to_address and t_->mispredict, read by every load, store and branch.
  unsigned alu_to_address_;
  unsigned mispredict_;
  // Per Operands::Result: the latency of the value for the ALU. Address generation needs
  // every value t_->alu_to_address cycles later than that (checked at construction).
  std::array<unsigned, 8> use_latency_{};

  // Per GPR: the first issue cycle its value reaches the ALU (and kDiscardRegister).
  std::array<Cycles, 33> ready_{};
  std::array<Cycles, 32> fpr_ready_{};
  Cycles fpu_long_free_ = 0;
  Cycles condition_ready_ = 0;  // the FPU condition codes (C.cond)
  Cycles mdu_free_ = 0;
  // 24K branch prediction: 2-bit counters (0, 1 predict not taken; 2, 3 taken) and the
  // return prediction stack, a ring of the last calls' return addresses.
  std::array<std::uint8_t, 512> counters_{};
  std::array<std::uint32_t, 4> return_stack_{};
  unsigned return_top_ = 0;    // entries pushed, modulo the ring
  unsigned return_depth_ = 0;  // valid entries
};

}  // namespace anvil::mips
