// Resettable: a component that can go back to its reset state while the simulation is
// halted (GDB's `monitor reset`, Platform::reset). A reset does not rewind SystemC time:
// the component restarts from its reset values at the current simulated time.
#pragma once

namespace anvil {

class Resettable {
 public:
  virtual ~Resettable() = default;
  // Registers to their reset values, interrupt outputs low, pending events cancelled.
  // Host-side state (a UART's backend, files already written) is left alone.
  virtual void reset() = 0;
};

}  // namespace anvil
