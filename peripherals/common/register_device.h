// RegisterDevice: the SystemC shell shared by small memory-mapped peripherals. It owns a
// target socket and a RegisterTable and routes b_transport/transport_dbg to the table,
// remembering the access's simulated time (SystemC time + annotated delay) so register
// hooks can compute time-dependent values lazily (timer VALUE, UART state). reset() puts the
// register table back to its reset values and calls reset_state() for what the device keeps
// outside the table.
#pragma once

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "peripherals/common/register_table.h"
#include "peripherals/common/resettable.h"

namespace anvil {

class RegisterDevice : public sc_core::sc_module, public Resettable {
 public:
  tlm_utils::simple_target_socket<RegisterDevice> socket;

  RegisterDevice(sc_core::sc_module_name name, std::endian order = std::endian::little);

  // The device's reset, at the current simulated time (access_time() is now during it).
  void reset() final;

 protected:
  RegisterTable registers_;
  // The simulated time of the access being served (valid inside register hooks).
  const sc_core::sc_time& access_time() const { return access_time_; }
  // State the device keeps outside its register table (counters, buffers, events, interrupt
  // outputs) back to reset. A device whose whole state is in the table needs nothing here.
  virtual void reset_state() {}

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& payload);

  sc_core::sc_time access_time_;
};

}  // namespace anvil
