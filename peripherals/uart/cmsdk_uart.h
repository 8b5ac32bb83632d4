// CMSDK APB UART (ARM DDI 0479C, Cortex-M System Design Kit TRM, "APB UART"): a one-byte
// transmit buffer and a one-byte receive buffer, DATA/STATE/CTRL/INTSTATUS/BAUDDIV, and four
// interrupt outputs (TX, RX, TX overrun, RX overrun) plus their OR.
//
// Timing: a character is 10 bit times (start, 8 data, stop) of BAUDDIV PCLK cycles each,
// or 1 cycle each in high-speed test mode (CTRL bit 6). BAUDDIV = 0 (never programmed, as
// firmware written for QEMU often leaves it) transmits in zero time. See docs/timing.md.
#pragma once

#include <memory>

#include <systemc>

#include "peripherals/common/char_backend.h"
#include "peripherals/common/irq_line.h"
#include "peripherals/common/register_device.h"

namespace anvil {

class CmsdkUart : public RegisterDevice {
 public:
  // Register offsets and bits (DDI 0479C, APB UART register summary).
  static constexpr std::uint32_t kData = 0x000, kState = 0x004, kCtrl = 0x008, kIntStatus = 0x00C,
                                 kBaudDiv = 0x010;
  enum State : std::uint32_t { kTxFull = 1, kRxFull = 2, kTxOverrun = 4, kRxOverrun = 8 };
  enum Ctrl : std::uint32_t {
    kTxEnable = 1,
    kRxEnable = 2,
    kTxIntEnable = 4,
    kRxIntEnable = 8,
    kTxOverrunIntEnable = 16,
    kRxOverrunIntEnable = 32,
    kHighSpeedTest = 64,
  };
  enum Int : std::uint32_t { kTxInt = 1, kRxInt = 2, kTxOverrunInt = 4, kRxOverrunInt = 8 };

  IrqLine tx_irq, rx_irq, overrun_irq;  // overrun: TX overrun | RX overrun
  IrqLine combined_irq;                 // UARTINT: any of the above

  CmsdkUart(sc_core::sc_module_name name, sc_core::sc_time pclk_period,
            std::unique_ptr<CharBackend> backend);

  CharBackend& backend() { return *backend_; }

 protected:
  void reset_state() override;

 private:
  SC_HAS_PROCESS(CmsdkUart);

  std::uint32_t read_state() const;
  std::uint32_t read_int_status() const;
  void write_data(std::uint32_t value);
  void write_state(std::uint32_t value);
  void write_ctrl(std::uint32_t value);
  void write_int_clear(std::uint32_t value);
  void after_data_read();

  sc_core::sc_time character_time() const;
  bool tx_busy() const { return access_time() < tx_done_time_; }
  void start_transmit();
  void transmit_done();  // SC_METHOD on tx_done_event_
  void poll_receive();   // SC_METHOD on rx_poll_event_
  void schedule_poll(const sc_core::sc_time& after);
  void update_irqs();

  sc_core::sc_time pclk_;
  std::unique_ptr<CharBackend> backend_;
  std::uint32_t ctrl_ = 0, bauddiv_ = 0, int_status_ = 0, overrun_ = 0;
  bool tx_pending_ = false;  // a byte waits in the buffer (TX disabled or line busy)
  std::uint8_t tx_byte_ = 0;
  sc_core::sc_time tx_done_time_;
  bool rx_full_ = false;
  std::uint8_t rx_byte_ = 0;
  sc_core::sc_event tx_done_event_, rx_poll_event_;
};

}  // namespace anvil
