// AxiLiteBridge: a TLM-2.0 target that turns each b_transport into an AXI4-Lite transaction
// (AMBA AXI and ACE protocol, ARM IHI 0022E, chapter B1 "AMBA AXI4-Lite") on signals an RTL
// block is bound to, cycle by cycle against the block's clock (RtlClockDomain). Every
// channel is a VALID/READY handshake that completes on a rising edge where both are high
// (A3.2.1); the master never waits for READY before raising VALID, and holds VALID and its
// payload until the handshake:
//   write: AW and W raised together, each dropped after its own handshake; BREADY high
//          until the B handshake, whose BRESP is the response;
//   read:  AR, then RREADY high until the R handshake, which carries RDATA and RRESP.
// BRESP/RRESP SLVERR or DECERR answer TLM_GENERIC_ERROR_RESPONSE / TLM_ADDRESS_ERROR_RESPONSE
// (a guest bus fault), as does a reset during the transaction. Narrow writes use WSTRB.
// Synchronisation and delay annotation as for ApbBridge.
#pragma once

#include <cstdint>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "peripherals/bridges/bridge_payload.h"
#include "peripherals/bridges/rtl_clock_domain.h"

namespace anvil {

// The AXI4-Lite signals between the bridge (master) and one slave; ACLK and ARESETn come
// from the RtlClockDomain. Responses (xRESP): 0 OKAY, 2 SLVERR, 3 DECERR (A3.4.4).
struct AxiLiteSignals {
  RtlSignal<bool> awvalid{"awvalid"}, awready{"awready"};
  RtlSignal<std::uint32_t> awaddr{"awaddr"};
  RtlSignal<bool> wvalid{"wvalid"}, wready{"wready"};
  RtlSignal<std::uint32_t> wdata{"wdata"}, wstrb{"wstrb"};
  RtlSignal<bool> bvalid{"bvalid"}, bready{"bready"};
  RtlSignal<std::uint32_t> bresp{"bresp"};
  RtlSignal<bool> arvalid{"arvalid"}, arready{"arready"};
  RtlSignal<std::uint32_t> araddr{"araddr"};
  RtlSignal<bool> rvalid{"rvalid"}, rready{"rready"};
  RtlSignal<std::uint32_t> rdata{"rdata"}, rresp{"rresp"};
};

class AxiLiteBridge : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<AxiLiteBridge> socket;

  // `max_cycles`: a slave that has not finished a transaction after this many cycles is
  // broken; the access then answers an error and a warning names the bridge and address.
  AxiLiteBridge(sc_core::sc_module_name name, RtlClockDomain& domain, AxiLiteSignals& bus,
                unsigned max_cycles = 1000);

  std::uint64_t transactions() const { return transactions_; }
  std::uint64_t cycles() const { return cycles_; }  // rising edges spent in transactions

 private:
  struct Outcome {
    tlm::tlm_response_status status;
    sc_core::sc_time completed;
  };

  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  Outcome write(const sc_core::sc_time& start, std::uint32_t address, std::uint32_t data,
                std::uint32_t strobes);
  Outcome read(const sc_core::sc_time& start, std::uint32_t address, std::uint32_t& data);
  // A rising and falling edge; false when the transaction must end (reset, or too long).
  bool cycle(std::uint64_t resets_before, unsigned& cycles, std::uint32_t address,
             const std::function<void()>& after_edge);
  Outcome abandon();
  static tlm::tlm_response_status response_status(std::uint32_t resp);

  RtlClockDomain& domain_;
  AxiLiteSignals& bus_;
  unsigned max_cycles_;
  sc_core::sc_time last_edge_;
  std::uint64_t transactions_ = 0, cycles_ = 0;
};

}  // namespace anvil
