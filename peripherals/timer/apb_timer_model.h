// ApbTimerModel: a C++ TLM model of the RTL timer peripherals/rtl/verilog/apb_timer.v, equal
// to it at the register level and on the clock edge: what a guest reads, when the
// interrupt rises, and how long each access takes on the APB bridge (docs/rtl-cosim.md).
// The Verilog file is the specification; its header lists the registers.
//
// Like the CMSDK timers, nothing ticks: the state after any clock edge is computed from the
// state at the last register write (edges of the block's clock at k * period from time
// zero), and the interrupt is an event at the edge where COUNT wraps.
//
// Timing of an access issued at time T, with k = floor(T / period) (ApbBridge's handshake):
// setup phase sampled at edge k + 1, completion at edge k + 2, or k + 3 for a COUNT read
// (one wait state). Reads return the state after edge k + 1; writes take effect at the
// completion edge, after that edge's own counting. The access is annotated with the time
// up to the completion edge.
#pragma once

#include <cstdint>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "peripherals/common/irq_line.h"

namespace anvil {

class ApbTimerModel : public sc_core::sc_module {
 public:
  static constexpr std::uint32_t kCtrl = 0x00, kPrescale = 0x04, kCompare = 0x08, kCount = 0x0C,
                                 kDuty = 0x10, kStatus = 0x14, kId = 0x18;
  static constexpr std::uint32_t kIdValue = 0x41544D52;  // "ATMR"
  enum Ctrl : std::uint32_t { kEnable = 1, kIrqEnable = 2, kPwmEnable = 4 };

  tlm_utils::simple_target_socket<ApbTimerModel> socket;
  IrqLine irq;

  ApbTimerModel(sc_core::sc_module_name name, sc_core::sc_time pclk_period);

 private:
  SC_HAS_PROCESS(ApbTimerModel);

  // The registers that change on clock edges, as of (just after) edge `edge`.
  struct Counter {
    std::uint64_t edge = 0;
    std::uint32_t prescale_count = 0;
    std::uint32_t count = 0;
    bool match = false;
  };

  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& payload);
  // The counter after `edge` (at or after state_.edge), with the current configuration.
  Counter at_edge(std::uint64_t edge) const;
  // Edges after state_.edge until the first tick, and between ticks.
  std::uint64_t edges_to_first_tick(const Counter& c) const;
  std::uint64_t read_register(std::uint32_t offset, const Counter& c) const;
  void write_register(std::uint32_t offset, std::uint32_t value);
  void update_irq();
  void schedule_match();
  void on_match();  // SC_METHOD on match_event_
  sc_core::sc_time edge_time(std::uint64_t edge) const {
    return sc_core::sc_time::from_value(period_.value() * edge);
  }

  sc_core::sc_time period_;
  std::uint32_t ctrl_ = 0, prescale_ = 0, compare_ = 0xFFFFFFFF, duty_ = 0;
  Counter state_;
  sc_core::sc_event match_event_;
};

}  // namespace anvil
