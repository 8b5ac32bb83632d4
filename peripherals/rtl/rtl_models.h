// The devices that put a verilated model on the bus: ApbRtlDevice and AxiLiteRtlDevice bind
// a model's ports by their standard names (docs/rtl-cosim.md lists them) to a bridge and a
// clock domain. Only the generated catalog includes this header, together with the models'
// own headers (which pull in Verilator's "systemc.h").
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "peripherals/bridges/apb_bridge.h"
#include "peripherals/bridges/axi_lite_bridge.h"
#include "peripherals/rtl/rtl_device.h"
#include "peripherals/rtl/wave_recorder.h"

namespace anvil {

// The ports a block may have besides its bus, bound when the model has them:
//   irq      (output) the interrupt, to the board's `irq` target
//   clk_req  (output) high while the block needs its clock; without it the clock always runs
//   gpio_out / gpio_in (output / input, up to 32 bits) looped back: each pin reads what the
//            block drives on it, as with jumper wires on a test board
//   pwm_out  (output) left unconnected, visible in waveforms
struct RtlPins {
  RtlSignal<bool> irq{"irq"}, clk_req{"clk_req"}, pwm_out{"pwm_out"};
  RtlSignal<std::uint32_t> gpio{"gpio"};
};

template <class Model>
void bind_pins(Model& model, RtlPins& pins, RtlClockDomain& domain) {
  if constexpr (requires { model.irq; }) model.irq(pins.irq);
  if constexpr (requires { model.clk_req; }) {
    model.clk_req(pins.clk_req);
    domain.set_clock_request(&pins.clk_req);
  }
  if constexpr (requires { model.pwm_out; }) model.pwm_out(pins.pwm_out);
  if constexpr (requires {
                  model.gpio_out;
                  model.gpio_in;
                }) {
    model.gpio_out(pins.gpio);
    model.gpio_in(pins.gpio);
  }
}

// What both bus flavours share: the clock domain, the pins, interrupt sampling and waves.
// `Bus` is ApbSignals or AxiLiteSignals, `Bridge` its bridge.
template <class Model, class Bus, class Bridge>
class BusRtlDevice : public RtlDevice {
 public:
  BusRtlDevice(sc_core::sc_module_name name, const RtlDeviceConfig& config)
      : RtlDevice(name),
        domain_("clock", config.period, config.sync_interval),
        bridge_("bridge", domain_, bus_),
        model_((WaveRecorder::enable_tracing(), "rtl")) {
    bind_pins(model_, pins_, domain_);
    for (const auto* pin : {&pins_.irq, &pins_.clk_req, &pins_.pwm_out}) domain_.watch(*pin);
    domain_.watch(pins_.gpio);
    domain_.add_observer([this](RtlClockDomain::Edge, const sc_core::sc_time& at) {
      irq.set(pins_.irq.read());
      waves_.dump(at);
    });
  }

  tlm::tlm_target_socket<>& target() override { return bridge_.socket; }
  RtlClockDomain& domain() override { return domain_; }
  void record_waves(const std::string& path) override {
    waves_path_ = path;
    domain_.settle_falling_edges(true);
  }

 protected:
  // A verilated SystemC model registers its signals for tracing only once elaboration is
  // complete (Verilator refuses trace() before sc_start); the CLI has checked that the file
  // can be written.
  void start_of_simulation() override {
    if (waves_path_.empty()) return;
    model_.trace(&waves_.file(), 99);
    waves_.open(waves_path_);
  }

  RtlClockDomain domain_;
  Bus bus_;
  Bridge bridge_;
  Model model_;
  RtlPins pins_;
  WaveRecorder waves_;
  std::string waves_path_;
};

// Ports pclk, presetn, psel, penable, pwrite, paddr, pwdata, prdata, pready, pslverr.
template <class Model>
class ApbRtlDevice final : public BusRtlDevice<Model, ApbSignals, ApbBridge> {
 public:
  ApbRtlDevice(sc_core::sc_module_name name, const RtlDeviceConfig& config)
      : BusRtlDevice<Model, ApbSignals, ApbBridge>(name, config) {
    Model& m = this->model_;
    ApbSignals& bus = this->bus_;
    m.pclk(this->domain_.clk);
    m.presetn(this->domain_.resetn);
    m.psel(bus.psel);
    m.penable(bus.penable);
    m.pwrite(bus.pwrite);
    m.paddr(bus.paddr);
    m.pwdata(bus.pwdata);
    m.prdata(bus.prdata);
    m.pready(bus.pready);
    m.pslverr(bus.pslverr);
  }
};

// Ports aclk, aresetn and the five AXI4-Lite channels (aw*, w*, b*, ar*, r*; no PROT).
template <class Model>
class AxiLiteRtlDevice final : public BusRtlDevice<Model, AxiLiteSignals, AxiLiteBridge> {
 public:
  AxiLiteRtlDevice(sc_core::sc_module_name name, const RtlDeviceConfig& config)
      : BusRtlDevice<Model, AxiLiteSignals, AxiLiteBridge>(name, config) {
    Model& m = this->model_;
    AxiLiteSignals& bus = this->bus_;
    m.aclk(this->domain_.clk);
    m.aresetn(this->domain_.resetn);
    m.awaddr(bus.awaddr);
    m.awvalid(bus.awvalid);
    m.awready(bus.awready);
    m.wdata(bus.wdata);
    m.wstrb(bus.wstrb);
    m.wvalid(bus.wvalid);
    m.wready(bus.wready);
    m.bresp(bus.bresp);
    m.bvalid(bus.bvalid);
    m.bready(bus.bready);
    m.arvalid(bus.arvalid);
    m.arready(bus.arready);
    m.araddr(bus.araddr);
    m.rdata(bus.rdata);
    m.rresp(bus.rresp);
    m.rvalid(bus.rvalid);
    m.rready(bus.rready);
  }
};

template <class Device>
void add_rtl_model(RtlCatalog& catalog, const std::string& name, const std::string& bus,
                   const std::string& summary) {
  catalog[name] = {bus, summary, [](const RtlDeviceConfig& config) -> std::unique_ptr<RtlDevice> {
                     // The name becomes an sc_module_name inside the new-expression, as
                     // SystemC's module naming requires.
                     return std::make_unique<Device>(config.name.c_str(), config);
                   }};
}

}  // namespace anvil
