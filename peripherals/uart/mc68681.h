// Motorola MC68681 DUART ("MC68681 Dual Asynchronous Receiver/Transmitter", Motorola data
// sheet, "DS" below): two serial channels A and B, the 16-bit counter/timer, the interrupt
// status and mask registers and the interrupt vector register.
//
// The DUART's 16 byte-wide registers sit on data lines D7-D0 of a 68000 bus, so register n is
// at base + 2n + 1 (the odd byte of each word), as on most 68000 boards.
//
// Modelled: both channels' transmit (a byte goes to the backend at once; the transmitter is
// ready again at once) and receive (a three-byte FIFO filled from the backend, polled once per
// character time at 9600 baud), MR1/MR2 with their pointer, the channel commands, ISR/IMR and
// the IRQ output, the counter/timer in timer and counter modes clocked from X1 (/1 or /16),
// IVR for vectored interrupt acknowledge, the output port registers. Not modelled: baud-rate
// timing of characters, parity/framing, break, the IP2/TxC clock sources (the counter/timer
// then stands still), input-port change interrupts.
#pragma once

#include <deque>
#include <memory>

#include <systemc>

#include "peripherals/common/char_backend.h"
#include "peripherals/common/irq_line.h"
#include "peripherals/common/register_device.h"

namespace anvil {

class Mc68681 : public RegisterDevice {
 public:
  // Register numbers (DS "Register Addressing"): read / write.
  enum Reg : unsigned {
    kMrA = 0,            // MR1A, MR2A
    kSrA = 1,            // SRA / CSRA
    kCrA = 2,            // (reserved) / CRA
    kRhrA = 3,           // RHRA / THRA
    kIpcr = 4,           // IPCR / ACR
    kIsr = 5,            // ISR / IMR
    kCur = 6,            // CUR / CTUR
    kClr = 7,            // CLR / CTLR
    kMrB = 8,            // MR1B, MR2B
    kSrB = 9,            // SRB / CSRB
    kCrB = 10,           // (reserved) / CRB
    kRhrB = 11,          // RHRB / THRB
    kIvr = 12,           // IVR
    kIp = 13,            // IP / OPCR
    kStartCounter = 14,  // start-counter command / set output port bits
    kStopCounter = 15,   // stop-counter command / reset output port bits
  };
  // Status register bits (DS "SRA/SRB").
  enum Status : std::uint8_t { kRxRdy = 1, kFFull = 2, kTxRdy = 4, kTxEmt = 8, kOverrun = 16 };
  // Interrupt status/mask bits (DS "ISR").
  enum Interrupt : std::uint8_t {
    kTxRdyA = 1,
    kRxRdyA = 2,
    kCounterReady = 8,
    kTxRdyB = 16,
    kRxRdyB = 32,
  };
  static constexpr std::uint32_t offset(unsigned reg) { return 2 * reg + 1; }

  IrqLine irq;  // the open-drain IRQ output, asserted while ISR & IMR != 0

  // `xtal_period`: the X1/CLK input (3.6864 MHz on most boards).
  Mc68681(sc_core::sc_module_name name, sc_core::sc_time xtal_period,
          std::unique_ptr<CharBackend> channel_a, std::unique_ptr<CharBackend> channel_b);

  // The vector a vectored interrupt acknowledge reads (IVR, reset value 0x0F).
  std::uint8_t interrupt_vector() const { return ivr_; }

 private:
  SC_HAS_PROCESS(Mc68681);

  struct Channel {
    std::unique_ptr<CharBackend> backend;
    std::uint8_t mr[2] = {0, 0};
    unsigned mr_pointer = 0;
    bool rx_enabled = false, tx_enabled = false, overrun = false;
    std::deque<std::uint8_t> fifo;  // up to three received bytes
  };

  void reset_state() override;
  void add_channel_registers(unsigned base_reg, Channel& channel);
  std::uint8_t status(const Channel& channel) const;
  void command(Channel& channel, std::uint8_t value);
  std::uint8_t read_receive(Channel& channel);
  void transmit(Channel& channel, std::uint8_t byte);
  std::uint8_t interrupt_status() const;
  void update_irq();
  void poll_receive();  // SC_METHOD on rx_poll_event_
  void schedule_poll();

  // Counter/timer (DS "Counter/Timer"), from ACR[6:4] and CTUR:CTLR.
  bool timer_mode() const { return acr_ & 0x40; }
  sc_core::sc_time counter_clock() const;  // zero: a clock source not modelled
  void start_counter();
  void on_counter_event();  // SC_METHOD on counter_event_
  std::uint16_t current_count() const;

  sc_core::sc_time xtal_;
  Channel a_, b_;
  std::uint8_t imr_ = 0, acr_ = 0, ivr_ = 0x0F, opcr_ = 0, opr_ = 0;
  std::uint16_t preload_ = 0;
  bool counter_ready_ = false, counter_running_ = false;
  sc_core::sc_time counter_start_;
  sc_core::sc_event counter_event_, rx_poll_event_;
};

}  // namespace anvil
