#include "peripherals/timer/cmsdk_dual_timer.h"

#include <string>

#include "peripherals/common/primecell_id.h"
#include "peripherals/timer/down_counter.h"

namespace anvil {

namespace {
// Peripheral/component IDs of the APB dual timer (DDI 0479C, dual timer register summary).
constexpr std::array<std::uint8_t, 12> kDualTimerIds = {0x04, 0x00, 0x00, 0x00, 0x23, 0xB8,
                                                        0x1B, 0x00, 0x0D, 0xF0, 0x05, 0xB1};
}  // namespace

CmsdkDualTimer::CmsdkDualTimer(sc_core::sc_module_name name, sc_core::sc_time pclk_period)
    : RegisterDevice(name), pclk_(pclk_period) {
  add_counter(0);
  add_counter(1);
  add_id_registers(registers_, kDualTimerIds);
  registers_.reset();
  SC_METHOD(reached_zero_1);
  sensitive << counters_[0].zero_event;
  dont_initialize();
  SC_METHOD(reached_zero_2);
  sensitive << counters_[1].zero_event;
  dont_initialize();
}

void CmsdkDualTimer::add_counter(unsigned index) {
  Counter& c = counters_[index];
  const std::uint32_t at = index * kSecond;
  const std::string n = "Timer" + std::to_string(index + 1);
  registers_.add({.name = n + "Load",
                  .offset = at + kLoad,
                  .read = [&c] { return c.load; },
                  .write =
                      [this, &c](std::uint32_t v) {
                        // Writing Load restarts the count from it at once (SP804 TimerXLoad).
                        settle(c);
                        c.load = v & mask(c);
                        c.base_value = c.load;
                        schedule(c);
                      }});
  registers_.add({.name = n + "Value",
                  .offset = at + kValue,
                  .access = RegisterAccess::ReadOnly,
                  .read = [this, &c] {
                    return c.control & kEnable ? value_at(c, tick_at(c, access_time()))
                                               : c.base_value;
                  }});
  registers_.add({.name = n + "Control",
                  .offset = at + kControl,
                  .read = [&c] { return c.control; },
                  .write =
                      [this, &c](std::uint32_t v) {
                        settle(c);
                        c.control = v & 0xEF;
                        c.base_value &= mask(c);
                        c.base_tick = tick_at(c, access_time());  // the prescaler may have changed
                        schedule(c);
                        update_irqs();
                      }});
  registers_.add({.name = n + "IntClr",
                  .offset = at + kIntClr,
                  .access = RegisterAccess::WriteOnly,
                  .write = [this, &c](std::uint32_t) {
                    c.raw_interrupt = false;
                    update_irqs();
                  }});
  registers_.add(
      {.name = n + "RIS", .offset = at + kRis, .access = RegisterAccess::ReadOnly, .read = [&c] {
         return std::uint32_t{c.raw_interrupt};
       }});
  registers_.add(
      {.name = n + "MIS", .offset = at + kMis, .access = RegisterAccess::ReadOnly, .read = [&c] {
         return std::uint32_t{c.raw_interrupt && (c.control & kIntEnable)};
       }});
  registers_.add({.name = n + "BGLoad",
                  .offset = at + kBgLoad,
                  .read = [&c] { return c.load; },
                  .write =
                      [this, &c](std::uint32_t v) {
                        // The next reload uses it; the current count is left alone.
                        settle(c);
                        c.load = v & mask(c);
                        schedule(c);
                      }});
}

// SP804 (DDI 0271) register summary: Load 0, Value 0xFFFFFFFF, Control 0x20, RIS 0.
void CmsdkDualTimer::reset_state() {
  for (Counter& c : counters_) {
    c.zero_event.cancel();
    c.load = 0;
    c.control = Counter::kResetControl;
    c.base_value = Counter::kResetValue;
    c.base_tick = tick_at(c, access_time());
    c.raw_interrupt = false;
  }
  update_irqs();
}

// Control bits 3:2: 00 -> 1, 01 -> 16, 10 -> 256 (11 is undefined; treated as 256).
std::uint64_t CmsdkDualTimer::prescale(const Counter& c) const {
  switch ((c.control & kPrescaleMask) >> 2) {
    case 0:
      return 1;
    case 1:
      return 16;
    default:
      return 256;
  }
}

std::uint64_t CmsdkDualTimer::tick_at(const Counter& c, const sc_core::sc_time& t) const {
  return t.value() / (pclk_.value() * prescale(c));
}

std::uint32_t CmsdkDualTimer::restart_value(const Counter& c) const {
  return c.control & kPeriodic ? c.load : mask(c);  // periodic: Load; free-running: maximum
}

std::uint32_t CmsdkDualTimer::value_at(const Counter& c, std::uint64_t tick) const {
  // As in CmsdkTimer: a debug read at SystemC time may come before the last write's tick.
  const std::uint64_t ticks = tick > c.base_tick ? tick - c.base_tick : 0;
  return down_count(ticks, c.base_value, restart_value(c), c.control & kOneShot);
}

void CmsdkDualTimer::settle(Counter& c) {
  const std::uint64_t now = tick_at(c, access_time());
  if (c.control & kEnable) c.base_value = value_at(c, now);
  c.base_tick = now;
}

void CmsdkDualTimer::schedule(Counter& c) {
  c.zero_event.cancel();
  if (!(c.control & kEnable)) return;
  const auto n = ticks_to_zero(c.base_value, restart_value(c), c.control & kOneShot);
  if (!n) return;
  const sc_core::sc_time at = pclk_ * static_cast<double>((c.base_tick + *n) * prescale(c));
  c.zero_event.notify(at - sc_core::sc_time_stamp());
}

void CmsdkDualTimer::reached_zero(unsigned index) {
  Counter& c = counters_[index];
  c.raw_interrupt = true;  // RIS is set whatever IntEnable says; MIS and the outputs follow it
  c.base_tick = tick_at(c, sc_core::sc_time_stamp());
  c.base_value = 0;
  schedule(c);
  update_irqs();
}

void CmsdkDualTimer::update_irqs() {
  const bool one = counters_[0].raw_interrupt && (counters_[0].control & kIntEnable);
  const bool two = counters_[1].raw_interrupt && (counters_[1].control & kIntEnable);
  irq1.set(one);
  irq2.set(two);
  combined_irq.set(one || two);
}

}  // namespace anvil
