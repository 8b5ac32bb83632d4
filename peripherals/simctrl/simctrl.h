// The simulator-control device ("anvil-simctrl"): how a guest talks to Anvil itself. Prints
// characters, ends the simulation with an exit code, reads simulated time, identifies
// itself. Registers are documented in docs/devices/simctrl.md.
#pragma once

#include <functional>
#include <memory>

#include <systemc>

#include "peripherals/common/char_backend.h"
#include "peripherals/common/register_device.h"

namespace anvil {

class SimControl : public RegisterDevice {
 public:
  static constexpr std::uint32_t kPutchar = 0x00, kExit = 0x04, kCyclesLow = 0x08,
                                 kCyclesHigh = 0x0C, kId = 0x10;
  static constexpr std::uint32_t kIdValue = 0x414E564C;  // "ANVL"

  // `clock_period`: CYCLES counts edges of this clock. `on_exit` receives the code written
  // to EXIT (as a signed 32-bit value). `order` big: the registers as a big-endian guest on a
  // 16-bit bus (the 68000) sees them, see docs/devices/simctrl.md.
  SimControl(sc_core::sc_module_name name, sc_core::sc_time clock_period,
             std::unique_ptr<CharBackend> console, std::function<void(int)> on_exit,
             std::endian order = std::endian::little);

  CharBackend& console() { return *console_; }

 protected:
  // CYCLES keeps counting from time zero (simulated time is not rewound); only the latch goes.
  void reset_state() override { latched_high_ = 0; }

 private:
  std::uint64_t cycles_now() const { return access_time().value() / clock_.value(); }

  sc_core::sc_time clock_;
  std::unique_ptr<CharBackend> console_;
  std::function<void(int)> on_exit_;
  std::uint32_t latched_high_ = 0;  // CYCLES_HI as of the last CYCLES_LO read
};

}  // namespace anvil
