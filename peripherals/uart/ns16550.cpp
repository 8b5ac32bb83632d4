#include "peripherals/uart/ns16550.h"

namespace anvil {

namespace {
constexpr unsigned kBitsPerCharacter = 10;  // start, 8 data, stop (LCR = 0x03)
constexpr unsigned kClocksPerBit = 16;      // the baud generator divides by 16 (datasheet 8.6)
constexpr const char* kNames[8] = {"RBR/THR/DLL", "IER/DLM", "IIR/FCR", "LCR",
                                   "MCR",         "LSR",     "MSR",     "SCR"};
}  // namespace

Ns16550::Ns16550(sc_core::sc_module_name name, sc_core::sc_time uart_clock_period,
                 unsigned reg_shift, std::endian order, std::unique_ptr<CharBackend> backend)
    : RegisterDevice(name, order), clock_period_(uart_clock_period), backend_(std::move(backend)) {
  // Byte registers for the PC layout; 32-bit registers (value in the low byte) when spaced.
  const unsigned width = reg_shift >= 2 ? 4 : 1;
  for (unsigned index = 0; index < 8; ++index) {
    registers_.add({.name = kNames[index],
                    .offset = index << reg_shift,
                    .width = width,
                    .allow_narrow = true,
                    .read = [this, index] { return read_register(index); },
                    .after_read = [this, index] { after_read(index); },
                    .write = [this, index](std::uint32_t v) { write_register(index, v); }});
  }
  registers_.reset();
  SC_METHOD(poll_receive);
  sensitive << rx_poll_event_;
  dont_initialize();
}

// Master reset (datasheet Table 9, "UART Reset Configuration"): IER, FCR, LCR and MCR all
// low, IIR 0x01, LSR 0x60, both FIFOs cleared, INTR low. The divisor latch and SCR are not in
// the table: they keep their values. Host input is polled afresh from now.
void Ns16550::reset_state() {
  rx_poll_event_.cancel();
  ier_ = lcr_ = mcr_ = fcr_ = 0;
  overrun_ = thr_empty_pending_ = false;
  rx_fifo_.clear();
  update_irq();
  schedule_poll();
}

// Reads without side effects (also what a debugger sees).
std::uint32_t Ns16550::read_register(unsigned index) const {
  const bool dlab = lcr_ & kDlab;
  switch (index) {
    case kRbrThr:
      if (dlab) return divisor_ & 0xFF;
      return rx_fifo_.empty() ? 0 : rx_fifo_.front();
    case kIer:
      return dlab ? divisor_ >> 8 : ier_;
    case kIirFcr:
      return interrupt_id() | ((fcr_ & 1) ? kFifosEnabled : 0);
    case kLcr:
      return lcr_;
    case kMcr:
      return mcr_;
    case kLsr:
      return line_status();
    case kMsr:
      return modem_status();
    default:
      return scr_;
  }
}

// Reading RBR takes the byte; reading LSR clears the overrun error; reading IIR while it
// reports THR empty clears that interrupt (datasheet Table 4).
void Ns16550::after_read(unsigned index) {
  if (index == kRbrThr && !(lcr_ & kDlab) && !rx_fifo_.empty()) {
    rx_fifo_.pop_front();
    schedule_poll();
  } else if (index == kLsr) {
    overrun_ = false;
  } else if (index == kIirFcr && interrupt_id() == kIdThrEmpty) {
    thr_empty_pending_ = false;
  }
  update_irq();
}

void Ns16550::write_register(unsigned index, std::uint32_t value) {
  const auto byte = static_cast<std::uint8_t>(value);
  const bool dlab = lcr_ & kDlab;
  switch (index) {
    case kRbrThr:
      if (dlab) {
        divisor_ = static_cast<std::uint16_t>((divisor_ & 0xFF00) | byte);
      } else {
        transmit(byte);
      }
      break;
    case kIer:
      if (dlab) {
        divisor_ = static_cast<std::uint16_t>((divisor_ & 0x00FF) | (byte << 8));
      } else {
        // Enabling the THRE interrupt with THR empty raises it at once.
        if ((byte & kThrEmpty) && !(ier_ & kThrEmpty)) thr_empty_pending_ = true;
        ier_ = byte & 0x0F;
      }
      break;
    case kIirFcr:
      // FCR: bit 0 enables the FIFOs, bit 1 clears the receive FIFO (bit 2, the transmit
      // FIFO, has nothing to clear: characters leave at once).
      if ((byte & 1) != (fcr_ & 1) || (byte & 2)) rx_fifo_.clear();
      fcr_ = byte & 0xC9;
      break;
    case kLcr:
      lcr_ = byte;
      break;
    case kMcr:
      mcr_ = byte & 0x1F;
      break;
    case kScr:
      scr_ = byte;
      break;
    default:
      break;  // LSR and MSR are read-only here (their writes are factory test modes)
  }
  update_irq();
}

// The highest-priority pending interrupt (datasheet Table 4).
std::uint8_t Ns16550::interrupt_id() const {
  if ((ier_ & kLineStatus) && overrun_) return kIdLineStatus;
  if ((ier_ & kReceivedData) && !rx_fifo_.empty()) return kIdReceivedData;
  if ((ier_ & kThrEmpty) && thr_empty_pending_) return kIdThrEmpty;
  return kNoInterrupt;
}

std::uint8_t Ns16550::line_status() const {
  std::uint8_t lsr = kThrEmptyFlag | kTransmitterEmpty;
  if (!rx_fifo_.empty()) lsr |= kDataReady;
  if (overrun_) lsr |= kOverrun;
  return lsr;
}

// In loopback the modem inputs follow MCR's outputs: CTS = RTS, DSR = DTR, RI = OUT1,
// DCD = OUT2 (datasheet 8.7); otherwise CTS, DSR and DCD are asserted, as a null modem to
// the host would leave them.
std::uint8_t Ns16550::modem_status() const {
  if (mcr_ & kLoopback) {
    return static_cast<std::uint8_t>(((mcr_ & 0x02) << 3) | ((mcr_ & 0x01) << 5) |
                                     ((mcr_ & 0x04) << 4) | ((mcr_ & 0x08) << 4));
  }
  return 0xB0;
}

void Ns16550::transmit(std::uint8_t byte) {
  if (mcr_ & kLoopback)
    receive(byte);
  else
    backend_->write(byte);
  thr_empty_pending_ = true;  // THR is empty again at once (see the header)
}

void Ns16550::receive(std::uint8_t byte) {
  const std::size_t depth = (fcr_ & 1) ? kFifoDepth : 1;
  if (rx_fifo_.size() >= depth) {
    overrun_ = true;  // the character is lost
    return;
  }
  rx_fifo_.push_back(byte);
}

sc_core::sc_time Ns16550::character_time() const {
  const unsigned divisor = divisor_ ? divisor_ : 1;
  return clock_period_ * (static_cast<double>(divisor) * kClocksPerBit * kBitsPerCharacter);
}

// Host input arrives a character time after the simulation starts, at the earliest.
void Ns16550::start_of_simulation() {
  schedule_poll();
}

void Ns16550::schedule_poll() {
  if (backend_->has_input()) rx_poll_event_.notify(character_time());
}

// Host input is flow-controlled: nothing is taken while the FIFO is full.
void Ns16550::poll_receive() {
  const std::size_t depth = (fcr_ & 1) ? kFifoDepth : 1;
  if (rx_fifo_.size() < depth && !(mcr_ & kLoopback)) {
    if (auto byte = backend_->read()) {
      receive(*byte);
      update_irq();
    }
  }
  schedule_poll();
}

void Ns16550::update_irq() {
  irq.set(interrupt_id() != kNoInterrupt);
}

}  // namespace anvil
