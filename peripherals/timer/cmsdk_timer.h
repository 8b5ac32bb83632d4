// CMSDK APB timer (ARM DDI 0479C, Cortex-M System Design Kit TRM, "APB timer"): a 32-bit
// down counter clocked by PCLK. When it reaches zero it reloads from RELOAD on the next
// clock and, with CTRL.IntEnable, latches INTSTATUS and asserts its interrupt.
//
// The counter is never ticked: VALUE is computed from SystemC time when read, and the
// interrupt is an sc_event scheduled at the exact clock edge it happens on.
// EXTIN is not connected (held low), so "external input as enable" or "as clock" stops the
// counter.
#pragma once

#include <systemc>

#include "peripherals/common/irq_line.h"
#include "peripherals/common/register_device.h"

namespace anvil {

class CmsdkTimer : public RegisterDevice {
 public:
  static constexpr std::uint32_t kCtrl = 0x000, kValue = 0x004, kReload = 0x008, kIntStatus = 0x00C;
  enum Ctrl : std::uint32_t {
    kEnable = 1,
    kExternalEnable = 2,
    kExternalClock = 4,
    kIntEnable = 8
  };

  IrqLine irq;

  CmsdkTimer(sc_core::sc_module_name name, sc_core::sc_time pclk_period);

 protected:
  void reset_state() override;

 private:
  SC_HAS_PROCESS(CmsdkTimer);

  bool counting() const {
    return (ctrl_ & (kEnable | kExternalEnable | kExternalClock)) == kEnable;
  }
  // PCLK rising edges since time zero, at the access time. Edges sit on a fixed grid so
  // the count never depends on when the guest happened to look.
  std::uint64_t edge_at(const sc_core::sc_time& t) const { return t.value() / pclk_.value(); }
  std::uint32_t value_at(std::uint64_t edge) const;
  // Re-bases the counter at the current access time (before a register changes).
  void settle();
  void schedule_interrupt();
  void interrupt();  // SC_METHOD on interrupt_event_

  sc_core::sc_time pclk_;
  std::uint32_t ctrl_ = 0, reload_ = 0;
  std::uint32_t base_value_ = 0;  // VALUE at edge base_edge_
  std::uint64_t base_edge_ = 0;
  bool int_status_ = false;
  sc_core::sc_event interrupt_event_;
};

}  // namespace anvil
