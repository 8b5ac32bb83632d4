#include "peripherals/memory/memory.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace anvil {

std::string_view memory_kind_name(MemoryKind kind) {
  switch (kind) {
    case MemoryKind::Ram:
      return "ram";
    case MemoryKind::Rom:
      return "rom";
    case MemoryKind::Flash:
      return "flash";
  }
  return "?";
}

Memory::Memory(sc_core::sc_module_name name, std::uint64_t size, MemoryKind kind,
               sc_core::sc_time latency)
    : sc_core::sc_module(name),
      socket("socket"),
      size_(size),
      kind_(kind),
      latency_(latency),
      bytes_(static_cast<std::uint8_t*>(std::calloc(size == 0 ? 1 : size, 1))) {
  if (!bytes_) throw std::bad_alloc();
  socket.register_b_transport(this, &Memory::b_transport);
  socket.register_get_direct_mem_ptr(this, &Memory::get_direct_mem_ptr);
  socket.register_transport_dbg(this, &Memory::transport_dbg);
}

void Memory::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const std::uint64_t offset = payload.get_address();
  const unsigned length = payload.get_data_length();
  if (offset >= size_ || length > size_ - offset) {
    payload.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  if (payload.get_byte_enable_ptr() ||
      (payload.get_streaming_width() != 0 && payload.get_streaming_width() < length)) {
    payload.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  if (payload.is_write()) {
    if (kind_ != MemoryKind::Ram) {
      // Read-only on the bus. (Flash programming sequences are not modelled.)
      payload.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
      return;
    }
    std::memcpy(bytes_.get() + offset, payload.get_data_ptr(), length);
  } else if (payload.is_read()) {
    std::memcpy(payload.get_data_ptr(), bytes_.get() + offset, length);
  }
  delay += latency_;
  payload.set_dmi_allowed(true);
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool Memory::get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
  dmi.set_dmi_ptr(bytes_.get());
  dmi.set_start_address(0);
  dmi.set_end_address(size_ - 1);
  dmi.set_read_latency(latency_);
  dmi.set_write_latency(latency_);
  dmi.set_granted_access(kind_ == MemoryKind::Ram ? tlm::tlm_dmi::DMI_ACCESS_READ_WRITE
                                                  : tlm::tlm_dmi::DMI_ACCESS_READ);
  return true;
}

unsigned Memory::transport_dbg(tlm::tlm_generic_payload& payload) {
  const std::uint64_t offset = payload.get_address();
  if (offset >= size_) return 0;
  std::uint64_t length = payload.get_data_length();
  if (length > size_ - offset) length = size_ - offset;
  if (payload.is_write())
    std::memcpy(bytes_.get() + offset, payload.get_data_ptr(), length);
  else if (payload.is_read())
    std::memcpy(payload.get_data_ptr(), bytes_.get() + offset, length);
  return static_cast<unsigned>(length);
}

void Memory::invalidate_direct_access(std::uint64_t first, std::uint64_t last) {
  socket->invalidate_direct_mem_ptr(first, last);
}

}  // namespace anvil
