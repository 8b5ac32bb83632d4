// ApbBridge: a TLM-2.0 target that turns each b_transport into a real APB transfer (AMBA
// APB protocol, ARM IHI 0024C, chapter 3) on signals an RTL block is bound to, cycle by
// cycle against the block's clock (RtlClockDomain):
//   setup phase  PSEL=1 PENABLE=0 with address, direction and write data, for one cycle;
//   access phase PENABLE=1 until the rising edge where the slave's PREADY is high, which
//                completes the transfer; PRDATA and PSLVERR are sampled at that edge.
// The core is synchronised first (the annotated delay is waited out), so no access lands in
// the RTL's past; the transfer's own cycles are returned as annotated delay. PSLVERR
// answers TLM_GENERIC_ERROR_RESPONSE (a guest bus fault); so does a reset during the
// transfer. APB3 has no byte strobes: writes must be whole aligned words (else a
// TLM_GENERIC_ERROR_RESPONSE), reads of a byte or halfword read the word.
#pragma once

#include <cstdint>
#include <string>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "peripherals/bridges/bridge_payload.h"
#include "peripherals/bridges/rtl_clock_domain.h"

namespace anvil {

// The APB signals between the bridge (master) and one slave; PCLK and PRESETn come from
// the RtlClockDomain.
struct ApbSignals {
  RtlSignal<bool> psel{"psel"}, penable{"penable"}, pwrite{"pwrite"};
  RtlSignal<std::uint32_t> paddr{"paddr"}, pwdata{"pwdata"};
  RtlSignal<std::uint32_t> prdata{"prdata"};
  RtlSignal<bool> pready{"pready"}, pslverr{"pslverr"};
};

class ApbBridge : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<ApbBridge> socket;

  // `max_wait_states`: a slave that keeps PREADY low longer is broken; the access then
  // answers an error and a warning names the bridge and the address.
  ApbBridge(sc_core::sc_module_name name, RtlClockDomain& domain, ApbSignals& bus,
            unsigned max_wait_states = 1000);

  // Counters, for tests and statistics.
  std::uint64_t transfers() const { return transfers_; }
  std::uint64_t wait_states() const { return wait_states_; }

 private:
  struct Outcome {
    tlm::tlm_response_status status;
    sc_core::sc_time completed;  // the rising edge that ended the transfer
  };

  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  // One APB transfer starting at `start`; `data` is the write data, or receives PRDATA.
  Outcome transfer(const sc_core::sc_time& start, bool write, std::uint32_t address,
                   std::uint32_t& data);
  void idle();

  RtlClockDomain& domain_;
  ApbSignals& bus_;
  unsigned max_wait_states_;
  std::uint64_t transfers_ = 0, wait_states_ = 0;
};

}  // namespace anvil
