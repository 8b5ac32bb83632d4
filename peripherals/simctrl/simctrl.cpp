#include "peripherals/simctrl/simctrl.h"

namespace anvil {

SimControl::SimControl(sc_core::sc_module_name name, sc_core::sc_time clock_period,
                       std::unique_ptr<CharBackend> console, std::function<void(int)> on_exit,
                       std::endian order)
    : RegisterDevice(name, order),
      clock_(clock_period),
      console_(std::move(console)),
      on_exit_(std::move(on_exit)) {
  registers_.add(
      {.name = "PUTCHAR",
       .offset = kPutchar,
       .access = RegisterAccess::WriteOnly,
       .allow_narrow = true,
       .write = [this](std::uint32_t v) { console_->write(static_cast<std::uint8_t>(v)); }});
  const bool big = order == std::endian::big;
  if (big) {
    // A 16-bit bus writes EXIT as two halves, high first: the low half ends the run.
    registers_.add({.name = "EXIT_HI",
                    .offset = kExit,
                    .width = 2,
                    .access = RegisterAccess::WriteOnly,
                    .write = [this](std::uint32_t v) { exit_high_ = v & 0xFFFF; }});
    registers_.add({.name = "EXIT",
                    .offset = kExit + 2,
                    .width = 2,
                    .access = RegisterAccess::WriteOnly,
                    .write = [this](std::uint32_t v) {
                      on_exit_(static_cast<std::int32_t>((exit_high_ << 16) | (v & 0xFFFF)));
                    }});
  } else {
    registers_.add({.name = "EXIT",
                    .offset = kExit,
                    .access = RegisterAccess::WriteOnly,
                    .write = [this](std::uint32_t v) { on_exit_(static_cast<std::int32_t>(v)); }});
  }
  // Reading CYCLES_LO latches the high half, so LO-then-HI reads one consistent 64-bit count.
  registers_.add(
      {.name = "CYCLES_LO",
       .offset = kCyclesLow,
       .access = RegisterAccess::ReadOnly,
       .allow_narrow = big,
       .read = [this] { return static_cast<std::uint32_t>(cycles_now()); },
       .after_read = [this] { latched_high_ = static_cast<std::uint32_t>(cycles_now() >> 32); }});
  registers_.add({.name = "CYCLES_HI",
                  .offset = kCyclesHigh,
                  .access = RegisterAccess::ReadOnly,
                  .allow_narrow = big,
                  .read = [this] { return latched_high_; }});
  registers_.add({.name = "ID",
                  .offset = kId,
                  .reset = kIdValue,
                  .access = RegisterAccess::ReadOnly,
                  .allow_narrow = big});
  registers_.set_holes_are_errors(true);
  registers_.reset();
}

}  // namespace anvil
