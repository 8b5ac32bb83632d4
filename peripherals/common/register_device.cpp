#include "peripherals/common/register_device.h"

namespace anvil {

RegisterDevice::RegisterDevice(sc_core::sc_module_name name, std::endian order)
    : sc_core::sc_module(name), socket("socket"), registers_(basename(), order) {
  socket.register_b_transport(this, &RegisterDevice::b_transport);
  socket.register_transport_dbg(this, &RegisterDevice::transport_dbg);
}

void RegisterDevice::reset() {
  access_time_ = sc_core::sc_time_stamp();
  registers_.reset();
  reset_state();
}

void RegisterDevice::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  access_time_ = sc_core::sc_time_stamp() + delay;
  registers_.transport(payload, payload.get_address());
}

unsigned RegisterDevice::transport_dbg(tlm::tlm_generic_payload& payload) {
  access_time_ = sc_core::sc_time_stamp();
  return registers_.debug_transport(payload, payload.get_address());
}

}  // namespace anvil
