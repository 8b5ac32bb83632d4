#include "peripherals/uart/cmsdk_uart.h"

#include "peripherals/common/primecell_id.h"

namespace anvil {

namespace {
// Peripheral/component IDs of the APB UART (DDI 0479C, APB UART register summary).
constexpr std::array<std::uint8_t, 12> kUartIds = {0x04, 0x00, 0x00, 0x00, 0x21, 0xB8,
                                                   0x1B, 0x00, 0x0D, 0xF0, 0x05, 0xB1};
constexpr unsigned kBitsPerCharacter = 10;  // start, 8 data, stop
constexpr unsigned kMinimumBaudDiv = 16;    // DDI 0479C: "the minimum number is 16"
}  // namespace

CmsdkUart::CmsdkUart(sc_core::sc_module_name name, sc_core::sc_time pclk_period,
                     std::unique_ptr<CharBackend> backend)
    : RegisterDevice(name), pclk_(pclk_period), backend_(std::move(backend)) {
  registers_.add({.name = "DATA",
                  .offset = kData,
                  .allow_narrow = true,
                  .read = [this] { return std::uint32_t{rx_byte_}; },
                  .after_read = [this] { after_data_read(); },
                  .write = [this](std::uint32_t v) { write_data(v); }});
  registers_.add({.name = "STATE",
                  .offset = kState,
                  .read = [this] { return read_state(); },
                  .write = [this](std::uint32_t v) { write_state(v); }});
  registers_.add({.name = "CTRL",
                  .offset = kCtrl,
                  .read = [this] { return ctrl_; },
                  .write = [this](std::uint32_t v) { write_ctrl(v); }});
  registers_.add({.name = "INTSTATUS/INTCLEAR",
                  .offset = kIntStatus,
                  .read = [this] { return read_int_status(); },
                  .write = [this](std::uint32_t v) { write_int_clear(v); }});
  registers_.add({.name = "BAUDDIV",
                  .offset = kBaudDiv,
                  .read = [this] { return bauddiv_; },
                  .write = [this](std::uint32_t v) { bauddiv_ = v & 0xFFFFF; }});
  add_id_registers(registers_, kUartIds);
  registers_.reset();

  SC_METHOD(transmit_done);
  sensitive << tx_done_event_;
  dont_initialize();
  SC_METHOD(poll_receive);
  sensitive << rx_poll_event_;
  dont_initialize();
}

// Buffers empty, transmitter and receiver disabled, no interrupt (DDI 0479C, APB UART
// register summary: every register resets to 0). The backend keeps what it already sent.
void CmsdkUart::reset_state() {
  tx_done_event_.cancel();
  rx_poll_event_.cancel();
  ctrl_ = bauddiv_ = int_status_ = overrun_ = 0;
  tx_pending_ = rx_full_ = false;
  tx_byte_ = rx_byte_ = 0;
  tx_done_time_ = sc_core::SC_ZERO_TIME;
  update_irqs();
}

sc_core::sc_time CmsdkUart::character_time() const {
  if (ctrl_ & kHighSpeedTest) return pclk_ * kBitsPerCharacter;
  return pclk_ * (static_cast<double>(bauddiv_) * kBitsPerCharacter);
}

std::uint32_t CmsdkUart::read_state() const {
  std::uint32_t state = overrun_;
  if (tx_pending_ || tx_busy()) state |= kTxFull;
  if (rx_full_) state |= kRxFull;
  return state;
}

std::uint32_t CmsdkUart::read_int_status() const {
  std::uint32_t status = int_status_;
  if ((overrun_ & kTxOverrun) && (ctrl_ & kTxOverrunIntEnable)) status |= kTxOverrunInt;
  if ((overrun_ & kRxOverrun) && (ctrl_ & kRxOverrunIntEnable)) status |= kRxOverrunInt;
  return status;
}

void CmsdkUart::write_data(std::uint32_t value) {
  if (tx_pending_ || tx_busy()) {
    overrun_ |= kTxOverrun;  // the byte is lost
    update_irqs();
    return;
  }
  tx_byte_ = static_cast<std::uint8_t>(value);
  tx_pending_ = true;
  if (ctrl_ & kTxEnable) start_transmit();
}

void CmsdkUart::start_transmit() {
  // The byte leaves for the host at once; the buffer stays full for one character time.
  backend_->write(tx_byte_);
  tx_pending_ = false;
  tx_done_time_ = access_time() + character_time();
  tx_done_event_.notify(tx_done_time_ - sc_core::sc_time_stamp());
}

void CmsdkUart::transmit_done() {
  // The TX interrupt fires when the buffer empties (DDI 0479C, APB UART interrupts).
  if (ctrl_ & kTxIntEnable) int_status_ |= kTxInt;
  update_irqs();
}

void CmsdkUart::write_state(std::uint32_t value) {
  overrun_ &= ~(value & (kTxOverrun | kRxOverrun));  // write 1 to clear
  update_irqs();
}

void CmsdkUart::write_ctrl(std::uint32_t value) {
  const std::uint32_t was = ctrl_;
  ctrl_ = value & 0x7F;
  if ((ctrl_ & kTxEnable) && tx_pending_ && !tx_busy()) start_transmit();
  if ((ctrl_ & kRxEnable) && !(was & kRxEnable))
    schedule_poll(access_time() - sc_core::sc_time_stamp());
  update_irqs();
}

void CmsdkUart::write_int_clear(std::uint32_t value) {
  int_status_ &= ~(value & (kTxInt | kRxInt));
  // Clearing an overrun interrupt clears the overrun it reports.
  if (value & kTxOverrunInt) overrun_ &= ~kTxOverrun;
  if (value & kRxOverrunInt) overrun_ &= ~kRxOverrun;
  update_irqs();
}

void CmsdkUart::after_data_read() {
  if (!rx_full_) return;
  rx_full_ = false;
  schedule_poll(access_time() - sc_core::sc_time_stamp());
}

void CmsdkUart::schedule_poll(const sc_core::sc_time& after) {
  if (!backend_->has_input()) return;
  // Host input arrives at most one character time apart. Unprogrammed BAUDDIV polls at the
  // fastest legal rate, so the poll never spins in zero time.
  sc_core::sc_time interval = character_time();
  const sc_core::sc_time fastest = pclk_ * (kMinimumBaudDiv * kBitsPerCharacter);
  if (interval < fastest && !(ctrl_ & kHighSpeedTest)) interval = fastest;
  rx_poll_event_.notify(after + interval);
}

void CmsdkUart::poll_receive() {
  // Host input is flow-controlled: nothing is read while the buffer is full, so a backend
  // never causes an RX overrun.
  if (!(ctrl_ & kRxEnable) || rx_full_) return;
  if (auto byte = backend_->read()) {
    rx_byte_ = *byte;
    rx_full_ = true;
    if (ctrl_ & kRxIntEnable) int_status_ |= kRxInt;
    update_irqs();
    return;
  }
  schedule_poll(sc_core::SC_ZERO_TIME);
}

void CmsdkUart::update_irqs() {
  const std::uint32_t status = read_int_status();
  tx_irq.set(status & kTxInt);
  rx_irq.set(status & kRxInt);
  overrun_irq.set(status & (kTxOverrunInt | kRxOverrunInt));
  combined_irq.set(status != 0);
}

}  // namespace anvil
