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

namespace anvil {

class RtlDevice : public sc_core::sc_module {
 public:
  IrqLine irq;  // the block's irq output, sampled after every edge

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
