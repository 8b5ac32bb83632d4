#include "peripherals/timer/cmsdk_timer.h"

#include "peripherals/common/primecell_id.h"
#include "peripherals/timer/down_counter.h"

namespace anvil {

namespace {
// Peripheral/component IDs of the APB timer (DDI 0479C, APB timer register summary).
constexpr std::array<std::uint8_t, 12> kTimerIds = {0x04, 0x00, 0x00, 0x00, 0x22, 0xB8,
                                                    0x1B, 0x00, 0x0D, 0xF0, 0x05, 0xB1};
}  // namespace

CmsdkTimer::CmsdkTimer(sc_core::sc_module_name name, sc_core::sc_time pclk_period)
    : RegisterDevice(name), pclk_(pclk_period) {
  registers_.add({.name = "CTRL",
                  .offset = kCtrl,
                  .read = [this] { return ctrl_; },
                  .write =
                      [this](std::uint32_t v) {
                        settle();
                        ctrl_ = v & 0xF;
                        schedule_interrupt();
                      }});
  registers_.add(
      {.name = "VALUE",
       .offset = kValue,
       .read = [this] { return counting() ? value_at(edge_at(access_time())) : base_value_; },
       .write =
           [this](std::uint32_t v) {
             settle();
             base_value_ = v;
             schedule_interrupt();
           }});
  registers_.add({.name = "RELOAD",
                  .offset = kReload,
                  .read = [this] { return reload_; },
                  .write =
                      [this](std::uint32_t v) {
                        settle();
                        reload_ = v;
                        schedule_interrupt();
                      }});
  registers_.add({.name = "INTSTATUS/INTCLEAR",
                  .offset = kIntStatus,
                  .read = [this] { return std::uint32_t{int_status_}; },
                  .write =
                      [this](std::uint32_t v) {
                        if (v & 1) int_status_ = false;  // write 1 to clear
                        irq.set(int_status_);
                      }});
  add_id_registers(registers_, kTimerIds);
  registers_.reset();

  SC_METHOD(interrupt);
  sensitive << interrupt_event_;
  dont_initialize();
}

// Every register resets to 0 (DDI 0479C, APB timer register summary): stopped, no interrupt.
void CmsdkTimer::reset_state() {
  interrupt_event_.cancel();
  ctrl_ = reload_ = base_value_ = 0;
  base_edge_ = edge_at(access_time());
  int_status_ = false;
  irq.set(false);
}

std::uint32_t CmsdkTimer::value_at(std::uint64_t edge) const {
  // A debugger's read while the cores are halted comes at SystemC time, which may be behind
  // the core-local time of the last write: the counter has not moved yet.
  const std::uint64_t ticks = edge > base_edge_ ? edge - base_edge_ : 0;
  return down_count(ticks, base_value_, reload_, false);
}

void CmsdkTimer::settle() {
  const std::uint64_t now = edge_at(access_time());
  if (counting()) base_value_ = value_at(now);
  base_edge_ = now;
}

void CmsdkTimer::schedule_interrupt() {
  interrupt_event_.cancel();
  if (!counting() || !(ctrl_ & kIntEnable)) return;
  // The interrupt comes when the counter steps from 1 to 0: after base_value_ edges, then
  // every RELOAD + 1 edges.
  const auto n = ticks_to_zero(base_value_, reload_, false);
  if (!n) return;
  const std::uint64_t edge = base_edge_ + *n;
  const sc_core::sc_time at = pclk_ * static_cast<double>(edge);
  interrupt_event_.notify(at - sc_core::sc_time_stamp());
}

void CmsdkTimer::interrupt() {
  int_status_ = true;
  irq.set(true);
  // Re-base at this edge (the counter is 0 here) and schedule the next one.
  base_edge_ = edge_at(sc_core::sc_time_stamp());
  base_value_ = 0;
  schedule_interrupt();
}

}  // namespace anvil
