#include "peripherals/bridges/apb_bridge.h"

#include <sstream>

namespace anvil {

ApbBridge::ApbBridge(sc_core::sc_module_name name, RtlClockDomain& domain, ApbSignals& bus,
                     unsigned max_wait_states)
    : sc_core::sc_module(name),
      socket("socket"),
      domain_(domain),
      bus_(bus),
      max_wait_states_(max_wait_states) {
  socket.register_b_transport(this, &ApbBridge::b_transport);
  domain.watch(bus.prdata);
  domain.watch(bus.pready);
  domain.watch(bus.pslverr);
}

void ApbBridge::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  tlm::tlm_response_status problem = check_single_access(payload);
  if (problem == tlm::TLM_INCOMPLETE_RESPONSE && payload.is_write() &&
      payload.get_data_length() != 4)
    problem = tlm::TLM_GENERIC_ERROR_RESPONSE;  // APB3: no PSTRB, whole words only
  if (problem != tlm::TLM_INCOMPLETE_RESPONSE) {
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
  std::uint32_t word = payload.is_write() ? payload_to_word(payload) : 0;
  const auto address = static_cast<std::uint32_t>(payload.get_address() & ~std::uint64_t{3});
  const Outcome outcome = transfer(start, payload.is_write(), address, word);
  if (payload.is_read() && outcome.status == tlm::TLM_OK_RESPONSE) word_to_payload(word, payload);
  payload.set_response_status(outcome.status);
  delay = outcome.completed > start ? outcome.completed - start : sc_core::SC_ZERO_TIME;
  domain_.wake();  // the access may have started the block's clock
}

ApbBridge::Outcome ApbBridge::transfer(const sc_core::sc_time& start, bool write,
                                       std::uint32_t address, std::uint32_t& data) {
  ++transfers_;
  const std::uint64_t resets_before = domain_.resets();
  // Setup phase (IHI 0024C 3.1): select, address, direction and data, PENABLE low.
  bus_.psel.write(true);
  bus_.penable.write(false);
  bus_.pwrite.write(write);
  bus_.paddr.write(address);
  bus_.pwdata.write(write ? data : 0);
  domain_.drive_settled(start);
  sc_core::sc_time edge = domain_.rise([this] { bus_.penable.write(true); });
  // Access phase: the transfer completes on the rising edge where PREADY is high.
  for (unsigned waits = 0;; ++waits) {
    if (domain_.resets() != resets_before) break;
    const bool ready = bus_.pready.read();
    const bool error = bus_.pslverr.read();
    const std::uint32_t read_data = bus_.prdata.read();
    if (!ready && waits == max_wait_states_) {
      std::ostringstream what;
      what << "APB slave kept PREADY low for " << waits << " cycles at offset 0x" << std::hex
           << address << "; the access ends in an error";
      SC_REPORT_WARNING(name(), what.str().c_str());
      break;
    }
    edge = domain_.rise([this, ready] {
      if (ready) idle();
    });
    if (domain_.resets() != resets_before) break;
    if (ready) {
      if (!write) data = read_data;
      return {error ? tlm::TLM_GENERIC_ERROR_RESPONSE : tlm::TLM_OK_RESPONSE, edge};
    }
    ++wait_states_;
  }
  // A reset cut the transfer short, or the slave never answered.
  idle();
  domain_.drive_settled(domain_.now());
  return {tlm::TLM_GENERIC_ERROR_RESPONSE, edge};
}

void ApbBridge::idle() {
  bus_.psel.write(false);
  bus_.penable.write(false);
}

}  // namespace anvil
