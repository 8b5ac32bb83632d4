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
  // EXIT is one 32-bit register. A big-endian 32-bit write (a MIPS SW) is taken whole; on a
  // 16-bit bus (the 68000) the high half comes first and is only kept, and the write that
  // completes the low end of the register ends the run with the combined code.
  registers_.add({.name = "EXIT",
                  .offset = kExit,
                  .access = RegisterAccess::WriteOnly,
                  .allow_narrow = big,
                  .write_lanes = [this](std::uint32_t v, unsigned lane, unsigned size) {
                    registers_.stored(kExit) = v;
                    if (lane + size == 4) on_exit_(static_cast<std::int32_t>(v));
                  }});
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
