// Test helpers for SystemC-level unit tests: an initiator the test body drives directly, a
// target that records when and what it was accessed with, and ScriptCore, a tiny Core that
// executes a scripted list of operations through its MemoryPort.
#pragma once

#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "cores/common/core.h"

namespace anvil::test {

// Runs the simulation for `duration`, including what happens at its last instant
// (sc_start(t) alone stops before the events due exactly at the end time).
inline void advance(const sc_core::sc_time& duration) {
  sc_core::sc_start(duration);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
}

inline void prepare(tlm::tlm_generic_payload& p, tlm::tlm_command command, std::uint64_t address,
                    std::uint8_t* data, unsigned size) {
  p.set_command(command);
  p.set_address(address);
  p.set_data_ptr(data);
  p.set_data_length(size);
  p.set_streaming_width(size);
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

// Issues transactions from the test body (outside any process: fine for LT targets that
// never wait). Records DMI invalidations it receives.
struct TestInitiator : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<TestInitiator> socket;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> invalidations;

  explicit TestInitiator(sc_core::sc_module_name name) : sc_module(name), socket("socket") {
    socket.register_invalidate_direct_mem_ptr(this, &TestInitiator::invalidate);
  }

  tlm::tlm_response_status access(tlm::tlm_command command, std::uint64_t address,
                                  std::uint8_t* data, unsigned size,
                                  sc_core::sc_time delay = sc_core::SC_ZERO_TIME) {
    tlm::tlm_generic_payload p;
    prepare(p, command, address, data, size);
    socket->b_transport(p, delay);
    return p.get_response_status();
  }
  tlm::tlm_response_status write(std::uint64_t address, std::uint32_t value, unsigned size = 4) {
    std::uint8_t bytes[4];
    for (unsigned i = 0; i < 4; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
    return access(tlm::TLM_WRITE_COMMAND, address, bytes, size);
  }
  // Little-endian read; `status` receives the response.
  std::uint32_t read(std::uint64_t address, unsigned size, tlm::tlm_response_status& status) {
    std::uint8_t bytes[4] = {};
    status = access(tlm::TLM_READ_COMMAND, address, bytes, size);
    std::uint32_t v = 0;
    for (unsigned i = 0; i < size; ++i) v |= std::uint32_t{bytes[i]} << (8 * i);
    return v;
  }
  std::uint32_t read32(std::uint64_t address) {
    tlm::tlm_response_status status;
    const std::uint32_t v = read(address, 4, status);
    if (status != tlm::TLM_OK_RESPONSE) throw std::runtime_error("read32 failed");
    return v;
  }
  unsigned debug(tlm::tlm_command command, std::uint64_t address, std::uint8_t* data,
                 unsigned size) {
    tlm::tlm_generic_payload p;
    prepare(p, command, address, data, size);
    return socket->transport_dbg(p);
  }
  bool dmi(std::uint64_t address, tlm::tlm_dmi& dmi) {
    tlm::tlm_generic_payload p;
    p.set_command(tlm::TLM_READ_COMMAND);
    p.set_address(address);
    return socket->get_direct_mem_ptr(p, dmi);
  }

 private:
  void invalidate(sc_dt::uint64 start, sc_dt::uint64 end) {
    invalidations.emplace_back(start, end);
  }
};

// A target that records the simulated time (SystemC time + annotated delay) and value of
// every write, and answers reads with zero.
struct Recorder : sc_core::sc_module {
  struct Write {
    sc_core::sc_time time;
    std::uint64_t offset;
    std::uint32_t value;
  };
  tlm_utils::simple_target_socket<Recorder> socket;
  std::vector<Write> writes;

  explicit Recorder(sc_core::sc_module_name name) : sc_module(name), socket("socket") {
    socket.register_b_transport(this, &Recorder::b_transport);
  }

 private:
  void b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
    if (p.is_write()) {
      std::uint32_t v = 0;
      std::memcpy(&v, p.get_data_ptr(), std::min(4u, p.get_data_length()));
      writes.push_back({sc_core::sc_time_stamp() + delay, p.get_address(), v});
    } else {
      std::memset(p.get_data_ptr(), 0, p.get_data_length());
    }
    p.set_response_status(tlm::TLM_OK_RESPONSE);
  }
};

// One step of a ScriptCore program.
struct Op {
  enum Kind { Compute, Load, Store, Wfi, Exit, Lockup } kind;
  Addr addr = 0;
  std::uint32_t value = 0;  // Store: the value; Compute: cycles (one instruction each); Exit: code
};

// A Core whose "instructions" are the ops above, each taking one cycle plus bus wait
// states. A WFI sleeps until any interrupt line is high.
class ScriptCore final : public Core {
 public:
  ScriptCore(MemoryPort& memory, std::vector<Op> program, unsigned irq_lines = 8)
      : memory_(memory), program_(std::move(program)), lines_(irq_lines, false) {}

  std::vector<std::uint32_t> loads;
  std::vector<bool> load_ok;
  unsigned run_calls = 0, run_calls_while_asleep = 0;
  Cycles idle_cycles = 0;

  std::string_view model() const override { return "script"; }
  std::string_view isa() const override { return "script"; }
  void reset() override {
    pc_ = 0;
    state_ = CoreState::Running;
  }
  Cycles run(Cycles budget) override {
    ++run_calls;
    if (state_ == CoreState::Sleeping) ++run_calls_while_asleep;
    stop_requested_ = false;
    Cycles used = 0;
    while (used < budget && state_ == CoreState::Running && !stop_requested_) used += step();
    return used;
  }
  Cycles step() override {
    if (pc_ >= program_.size()) {
      state_ = CoreState::Stopped;
      return 0;
    }
    if (hooks_ && per_instruction_ && hooks_->before_instruction(pc())) {
      state_ = CoreState::Stopped;
      return 0;
    }
    Op& op = program_[pc_];
    Cycles cycles = 1;
    switch (op.kind) {
      case Op::Compute:
        if (--op.value == 0) ++pc_;
        break;
      case Op::Load: {
        std::uint32_t v = 0;
        load_ok.push_back(memory_.load(op.addr, v));
        loads.push_back(v);
        ++pc_;
        break;
      }
      case Op::Store:
        memory_.store(op.addr, op.value), ++pc_;
        break;
      case Op::Wfi:
        ++pc_;
        if (!any_line_high()) state_ = CoreState::Sleeping;
        break;
      case Op::Exit:
        ++pc_;
        if (hooks_) hooks_->exit_requested(static_cast<int>(op.value));
        break;
      case Op::Lockup:
        state_ = CoreState::Lockup;
        return 0;
    }
    cycles += memory_.take_wait_cycles();
    cycles_ += cycles;
    ++instructions_;
    return cycles;
  }
  CoreState state() const override { return state_; }
  void resume() override {}
  void request_stop() override { stop_requested_ = true; }
  std::span<const RegisterInfo> register_info() const override { return {}; }
  std::uint64_t read_register(unsigned) const override { return 0; }
  void write_register(unsigned, std::uint64_t) override {}
  Addr pc() const override { return 0x1000 + 4 * pc_; }
  unsigned irq_line_count() const override { return static_cast<unsigned>(lines_.size()); }
  void set_irq_line(unsigned line, bool level) override {
    lines_.at(line) = level;
    if (level && state_ == CoreState::Sleeping) state_ = CoreState::Running;
  }
  bool line(unsigned n) const { return lines_.at(n); }
  void advance_idle(Cycles cycles) override {
    idle_cycles += cycles;
    cycles_ += cycles;
  }
  Cycles cycle_count() const override { return cycles_; }
  std::uint64_t instruction_count() const override { return instructions_; }
  void set_hooks(Hooks* hooks, bool per_instruction) override {
    hooks_ = hooks;
    per_instruction_ = per_instruction;
  }
  MemoryPort& memory() override { return memory_; }

 private:
  bool any_line_high() const {
    for (bool l : lines_)
      if (l) return true;
    return false;
  }

  MemoryPort& memory_;
  std::vector<Op> program_;
  std::vector<bool> lines_;
  std::size_t pc_ = 0;
  CoreState state_ = CoreState::Running;
  Cycles cycles_ = 0;
  std::uint64_t instructions_ = 0;
  bool stop_requested_ = false;
  Hooks* hooks_ = nullptr;
  bool per_instruction_ = false;
};

}  // namespace anvil::test
