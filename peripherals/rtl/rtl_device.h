// RtlDevice: a verilated RTL block as the platform sees it: a TLM target to map, an
// interrupt line, its clock domain, and waveform recording. The catalog lists every model
// this build verilated (peripherals/rtl/CMakeLists.txt: anvil_add_rtl_model); no Verilator
// header is needed to use it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <systemc>
#include <tlm>

#include "peripherals/bridges/rtl_clock_domain.h"
#include "peripherals/common/irq_line.h"
#include "peripherals/common/resettable.h"

namespace anvil {

class RtlDevice : public sc_core::sc_module, public Resettable {
 public:
  // Rising edges the block's reset input is held low for, as at time zero.
  static constexpr unsigned kResetCycles = 2;

  IrqLine irq;  // the block's irq output, sampled after every edge

  // Drives the block's active-low reset input for kResetCycles rising edges from the next
  // one on: the RTL itself resets, registers and interrupt output included. The edges run
  // on the block's clock grid just after this call (a delta cycle later, gated clock or
  // not), so the interrupt output falls then, not at once; a bus transfer the reset cuts
  // through ends in an error response (the bridges' contract).
  void reset() override { domain().schedule_reset(sc_core::sc_time_stamp(), kResetCycles); }

  virtual tlm::tlm_target_socket<>& target() = 0;
  virtual RtlClockDomain& domain() = 0;
  // Records every signal of the block (its bus ports included) into a VCD file, one dump
  // per clock edge and bus drive, at the edge's simulated time. Call before simulation.
  virtual void record_waves(const std::string& path) = 0;

 protected:
  using sc_core::sc_module::sc_module;
};

struct RtlDeviceConfig {
  std::string name;                                        // the board component's name
  sc_core::sc_time period;                                 // of the block's clock
  sc_core::sc_time sync_interval = sc_core::SC_ZERO_TIME;  // zero: the global quantum
};

struct RtlModelEntry {
  std::string bus;  // "apb" or "axi-lite"
  std::string summary;
  std::function<std::unique_ptr<RtlDevice>(const RtlDeviceConfig&)> make;
};

// By model name ("apb_timer"). Generated at configure time (rtl_catalog.cpp.in).
using RtlCatalog = std::map<std::string, RtlModelEntry>;
RtlCatalog rtl_models();

}  // namespace anvil
