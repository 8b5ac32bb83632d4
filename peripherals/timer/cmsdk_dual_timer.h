// CMSDK APB dual timer (ARM DDI 0479C, "APB dual-input timers"; the programmer's model of
// the ARM Dual-Timer Module SP804, DDI 0271): two down counters, each 16 or 32 bits, with a
// prescaler of 1, 16 or 256, in free-running, periodic or one-shot mode, and a combined
// interrupt (TIMINTC) besides one per counter.
//
// Like CmsdkTimer, nothing ticks: values come from SystemC time, interrupts are events at
// the exact prescaled clock edge a counter reaches zero.
#pragma once

#include <systemc>

#include "peripherals/common/irq_line.h"
#include "peripherals/common/register_device.h"

namespace anvil {

class CmsdkDualTimer : public RegisterDevice {
 public:
  // Per counter, counter 2 at +0x20 (SP804 register summary).
  static constexpr std::uint32_t kLoad = 0x00, kValue = 0x04, kControl = 0x08, kIntClr = 0x0C,
                                 kRis = 0x10, kMis = 0x14, kBgLoad = 0x18, kSecond = 0x20;
  enum Control : std::uint32_t {
    kOneShot = 1,
    kSize32 = 2,
    kPrescaleMask = 0xC,
    kIntEnable = 0x20,
    kPeriodic = 0x40,
    kEnable = 0x80,
  };

  IrqLine irq1, irq2, combined_irq;

  CmsdkDualTimer(sc_core::sc_module_name name, sc_core::sc_time pclk_period);

 protected:
  void reset_state() override;

 private:
  SC_HAS_PROCESS(CmsdkDualTimer);

  struct Counter {
    static constexpr std::uint32_t kResetControl = 0x20;  // IntEnable set, disabled, 16-bit
    static constexpr std::uint32_t kResetValue = 0xFFFFFFFF;
    std::uint32_t load = 0, control = kResetControl;
    std::uint32_t base_value = kResetValue;  // value at base_tick
    std::uint64_t base_tick = 0;
    bool raw_interrupt = false;
    sc_core::sc_event zero_event;
  };

  void add_counter(unsigned index);
  std::uint64_t prescale(const Counter& c) const;
  std::uint32_t mask(const Counter& c) const { return c.control & kSize32 ? 0xFFFFFFFF : 0xFFFF; }
  std::uint64_t tick_at(const Counter& c, const sc_core::sc_time& t) const;
  std::uint32_t restart_value(const Counter& c) const;
  std::uint32_t value_at(const Counter& c, std::uint64_t tick) const;
  void settle(Counter& c);
  void schedule(Counter& c);
  void reached_zero(unsigned index);
  void reached_zero_1() { reached_zero(0); }  // SC_METHODs on each zero_event
  void reached_zero_2() { reached_zero(1); }
  void update_irqs();

  sc_core::sc_time pclk_;
  Counter counters_[2];
};

}  // namespace anvil
