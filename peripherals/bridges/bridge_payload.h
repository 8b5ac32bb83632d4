// What the TLM side of every RTL bridge shares: which payloads a single 32-bit bus
// transfer can carry, and the payload's bytes as a bus word. The payload's data array holds
// byte i of the access at address + i; the RTL buses here are little endian, so byte lane
// n of the word is bits 8n+7..8n.
#pragma once

#include <cstdint>

#include <systemc>
#include <tlm>

namespace anvil {

// TLM_INCOMPLETE_RESPONSE when one bus transfer can carry the payload; otherwise the
// response to give: byte enables (TLM_BYTE_ENABLE_ERROR_RESPONSE), streaming or more than
// 4 bytes (TLM_BURST_ERROR_RESPONSE), an access that crosses a word or is not naturally
// aligned (TLM_GENERIC_ERROR_RESPONSE).
tlm::tlm_response_status check_single_access(const tlm::tlm_generic_payload& payload);
// Byte lane of the payload's first byte within its word.
inline unsigned payload_lane(const tlm::tlm_generic_payload& payload) {
  return static_cast<unsigned>(payload.get_address() & 3);
}
// The write data as a bus word (other lanes zero) and its byte strobes (one bit per lane).
std::uint32_t payload_to_word(const tlm::tlm_generic_payload& payload);
std::uint32_t payload_strobes(const tlm::tlm_generic_payload& payload);
// Read data from the bus word into the payload's bytes.
void word_to_payload(std::uint32_t word, tlm::tlm_generic_payload& payload);

// Wait states or cycles as time on a clock.
inline sc_core::sc_time cycles_of(const sc_core::sc_time& period, std::uint64_t cycles) {
  return sc_core::sc_time::from_value(period.value() * cycles);
}

}  // namespace anvil
