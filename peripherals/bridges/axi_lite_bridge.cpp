#include "peripherals/bridges/axi_lite_bridge.h"

#include <sstream>

namespace anvil {

AxiLiteBridge::AxiLiteBridge(sc_core::sc_module_name name, RtlClockDomain& domain,
                             AxiLiteSignals& bus, unsigned max_cycles)
    : sc_core::sc_module(name),
      socket("socket"),
      domain_(domain),
      bus_(bus),
      max_cycles_(max_cycles) {
  socket.register_b_transport(this, &AxiLiteBridge::b_transport);
  for (const auto* output : {&bus.awready, &bus.wready, &bus.bvalid, &bus.arready, &bus.rvalid})
    domain.watch(*output);
  for (const auto* output : {&bus.bresp, &bus.rdata, &bus.rresp}) domain.watch(*output);
}

tlm::tlm_response_status AxiLiteBridge::response_status(std::uint32_t resp) {
  switch (resp & 3) {
    case 0:  // OKAY
    case 1:  // EXOKAY: not used by AXI4-Lite (B1.1.1); treat as success
      return tlm::TLM_OK_RESPONSE;
    case 2:  // SLVERR
      return tlm::TLM_GENERIC_ERROR_RESPONSE;
    default:  // DECERR: no slave at that address
      return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  }
}

void AxiLiteBridge::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  if (const auto problem = check_single_access(payload); problem != tlm::TLM_INCOMPLETE_RESPONSE) {
    payload.set_response_status(problem);
    return;
  }
  // The initiator catches up first: the RTL sees the access at its own time.
  if (delay > sc_core::SC_ZERO_TIME) {
    wait(delay);
    delay = sc_core::SC_ZERO_TIME;
  }
  RtlClockDomain::Hold hold(domain_);
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  domain_.catch_up(start);
  domain_.leave_reset();
  ++transactions_;
  last_edge_ = start;
  const auto address = static_cast<std::uint32_t>(payload.get_address() & ~std::uint64_t{3});
  Outcome outcome;
  if (payload.is_write()) {
    outcome = write(start, address, payload_to_word(payload), payload_strobes(payload));
  } else {
    std::uint32_t word = 0;
    outcome = read(start, address, word);
    if (outcome.status == tlm::TLM_OK_RESPONSE) word_to_payload(word, payload);
  }
  payload.set_response_status(outcome.status);
  delay = outcome.completed > start ? outcome.completed - start : sc_core::SC_ZERO_TIME;
  domain_.wake();  // the access may have started the block's clock
}

bool AxiLiteBridge::cycle(std::uint64_t resets_before, unsigned& cycles, std::uint32_t address,
                          const std::function<void()>& after_edge) {
  if (domain_.resets() != resets_before) return false;
  if (cycles == max_cycles_) {
    std::ostringstream what;
    what << "AXI4-Lite slave did not finish a transaction at offset 0x" << std::hex << address
         << " in " << std::dec << cycles << " cycles; the access ends in an error";
    SC_REPORT_WARNING(name(), what.str().c_str());
    return false;
  }
  last_edge_ = domain_.rise(after_edge);
  ++cycles;
  ++cycles_;
  return domain_.resets() == resets_before;
}

AxiLiteBridge::Outcome AxiLiteBridge::write(const sc_core::sc_time& start, std::uint32_t address,
                                            std::uint32_t data, std::uint32_t strobes) {
  const std::uint64_t resets_before = domain_.resets();
  bus_.awaddr.write(address);
  bus_.awvalid.write(true);
  bus_.wdata.write(data);
  bus_.wstrb.write(strobes);
  bus_.wvalid.write(true);
  bus_.bready.write(true);
  domain_.drive_settled(start);
  bool address_done = false, data_done = false;
  unsigned cycles = 0;
  for (;;) {
    // Handshakes are decided by the levels just before the edge (A3.2.1).
    const bool address_handshake = !address_done && bus_.awready.read();
    const bool data_handshake = !data_done && bus_.wready.read();
    const bool response_handshake = bus_.bvalid.read();
    const std::uint32_t resp = bus_.bresp.read();
    const bool ok = cycle(resets_before, cycles, address, [&] {
      if (address_handshake) bus_.awvalid.write(false);
      if (data_handshake) bus_.wvalid.write(false);
      if (response_handshake) bus_.bready.write(false);
    });
    if (!ok) return abandon();
    address_done |= address_handshake;
    data_done |= data_handshake;
    if (response_handshake) return {response_status(resp), last_edge_};
  }
}

AxiLiteBridge::Outcome AxiLiteBridge::read(const sc_core::sc_time& start, std::uint32_t address,
                                           std::uint32_t& data) {
  const std::uint64_t resets_before = domain_.resets();
  bus_.araddr.write(address);
  bus_.arvalid.write(true);
  bus_.rready.write(true);
  domain_.drive_settled(start);
  bool address_done = false;
  unsigned cycles = 0;
  for (;;) {
    const bool address_handshake = !address_done && bus_.arready.read();
    const bool data_handshake = bus_.rvalid.read();
    const std::uint32_t resp = bus_.rresp.read();
    const std::uint32_t value = bus_.rdata.read();
    const bool ok = cycle(resets_before, cycles, address, [&] {
      if (address_handshake) bus_.arvalid.write(false);
      if (data_handshake) bus_.rready.write(false);
    });
    if (!ok) return abandon();
    address_done |= address_handshake;
    if (data_handshake) {
      data = value;
      return {response_status(resp), last_edge_};
    }
  }
}

// A reset cut the transaction short, or the slave never finished it: every master output
// back to idle.
AxiLiteBridge::Outcome AxiLiteBridge::abandon() {
  for (auto* signal : {&bus_.awvalid, &bus_.wvalid, &bus_.bready, &bus_.arvalid, &bus_.rready})
    signal->write(false);
  domain_.drive_settled(domain_.now());
  return {tlm::TLM_GENERIC_ERROR_RESPONSE, last_edge_};
}

}  // namespace anvil
