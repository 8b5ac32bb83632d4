#include "peripherals/bridges/bridge_payload.h"

namespace anvil {

tlm::tlm_response_status check_single_access(const tlm::tlm_generic_payload& payload) {
  const unsigned size = payload.get_data_length();
  if (payload.get_byte_enable_ptr() != nullptr) return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
  if (size > 4 || payload.get_streaming_width() < size) return tlm::TLM_BURST_ERROR_RESPONSE;
  const bool natural = size == 1 || size == 2 || size == 4;
  if (!natural || payload.get_address() % size != 0) return tlm::TLM_GENERIC_ERROR_RESPONSE;
  return tlm::TLM_INCOMPLETE_RESPONSE;
}

std::uint32_t payload_to_word(const tlm::tlm_generic_payload& payload) {
  const unsigned lane = payload_lane(payload);
  std::uint32_t word = 0;
  for (unsigned i = 0; i < payload.get_data_length(); ++i)
    word |= std::uint32_t{payload.get_data_ptr()[i]} << (8 * (lane + i));
  return word;
}

std::uint32_t payload_strobes(const tlm::tlm_generic_payload& payload) {
  return ((1u << payload.get_data_length()) - 1) << payload_lane(payload);
}

void word_to_payload(std::uint32_t word, tlm::tlm_generic_payload& payload) {
  const unsigned lane = payload_lane(payload);
  for (unsigned i = 0; i < payload.get_data_length(); ++i)
    payload.get_data_ptr()[i] = static_cast<std::uint8_t>(word >> (8 * (lane + i)));
}

}  // namespace anvil
