// NS16550A-compatible UART (TI PC16550D datasheet, SNLS378C; "datasheet" below): RBR/THR,
// IER, IIR/FCR, LCR, MCR, LSR, MSR, SCR and the divisor latch (DLL/DLM with LCR.DLAB), a
// 16-byte receive FIFO, the four prioritised interrupt sources the datasheet's Table 4 lists
// (receiver line status, received data available, THR empty, modem status), and loopback.
//
// Register n sits at base + (n << reg_shift): 0 is the PC layout (byte registers); Malta's
// CBUS UART uses 3 (32-bit registers 8 bytes apart, the value in the low byte, in the bus's
// byte order, as Linux's UPIO_MEM32/UPIO_MEM32BE access it).
//
// Timing: a character leaves for the host when THR is written, and THR is empty again at
// once (HACK: no shift-register time; firmware that waits for THRE works unchanged). Host
// input is polled once per character time at the programmed baud rate.
#pragma once

#include <deque>
#include <memory>

#include <systemc>

#include "peripherals/common/char_backend.h"
#include "peripherals/common/irq_line.h"
#include "peripherals/common/register_device.h"

namespace anvil {

class Ns16550 : public RegisterDevice {
 public:
  // Register numbers (datasheet Table 2) and bits.
  enum Index : unsigned {
    kRbrThr = 0,
    kIer = 1,
    kIirFcr = 2,
    kLcr = 3,
    kMcr = 4,
    kLsr = 5,
    kMsr = 6,
    kScr = 7
  };
  enum Ier : std::uint8_t { kReceivedData = 1, kThrEmpty = 2, kLineStatus = 4, kModemStatus = 8 };
  enum Lsr : std::uint8_t {
    kDataReady = 0x01,
    kOverrun = 0x02,
    kThrEmptyFlag = 0x20,
    kTransmitterEmpty = 0x40,
  };
  enum Iir : std::uint8_t {
    kNoInterrupt = 0x01,
    kIdLineStatus = 0x06,
    kIdReceivedData = 0x04,
    kIdThrEmpty = 0x02,
    kIdModemStatus = 0x00,
    kFifosEnabled = 0xC0,
  };
  static constexpr std::uint8_t kDlab = 0x80;      // LCR bit 7
  static constexpr std::uint8_t kLoopback = 0x10;  // MCR bit 4
  static constexpr unsigned kFifoDepth = 16;

  IrqLine irq;  // INTR

  Ns16550(sc_core::sc_module_name name, sc_core::sc_time uart_clock_period, unsigned reg_shift,
          std::endian order, std::unique_ptr<CharBackend> backend);

  // Bytes the window occupies: eight registers.
  static std::uint64_t window_size(unsigned reg_shift) { return std::uint64_t{8} << reg_shift; }
  CharBackend& backend() { return *backend_; }

 private:
  SC_HAS_PROCESS(Ns16550);

  void start_of_simulation() override;
  void reset_state() override;
  std::uint32_t read_register(unsigned index) const;
  void after_read(unsigned index);
  void write_register(unsigned index, std::uint32_t value);
  std::uint8_t interrupt_id() const;
  std::uint8_t line_status() const;
  std::uint8_t modem_status() const;
  void transmit(std::uint8_t byte);
  void receive(std::uint8_t byte);
  void poll_receive();  // SC_METHOD on rx_poll_event_
  void schedule_poll();
  sc_core::sc_time character_time() const;
  void update_irq();

  sc_core::sc_time clock_period_;
  std::unique_ptr<CharBackend> backend_;
  std::uint8_t ier_ = 0, lcr_ = 0, mcr_ = 0, scr_ = 0, fcr_ = 0;
  std::uint16_t divisor_ = 0;
  bool overrun_ = false;
  bool thr_empty_pending_ = false;  // the THRE interrupt (datasheet Table 4, note 2)
  std::deque<std::uint8_t> rx_fifo_;
  sc_core::sc_event rx_poll_event_;
};

}  // namespace anvil
