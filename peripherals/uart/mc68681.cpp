#include "peripherals/uart/mc68681.h"

namespace anvil {

namespace {
// Receive polling: one character (10 bits) at 9600 baud.
const sc_core::sc_time kPollInterval = sc_core::sc_time(10.0 / 9600.0, sc_core::SC_SEC);
constexpr std::size_t kFifoDepth = 3;  // DS: "quadruple-buffered receiver" (FIFO + shift)
}  // namespace

Mc68681::Mc68681(sc_core::sc_module_name name, sc_core::sc_time xtal_period,
                 std::unique_ptr<CharBackend> channel_a, std::unique_ptr<CharBackend> channel_b)
    : RegisterDevice(name, std::endian::big), xtal_(xtal_period) {
  a_.backend = std::move(channel_a);
  b_.backend = std::move(channel_b);
  add_channel_registers(0, a_);
  add_channel_registers(8, b_);
  auto add = [this](const char* name, unsigned reg, std::function<std::uint32_t()> read,
                    std::function<void(std::uint32_t)> write, std::function<void()> after = {}) {
    registers_.add({.name = name,
                    .offset = offset(reg),
                    .width = 1,
                    .read = std::move(read),
                    .after_read = std::move(after),
                    .write = std::move(write)});
  };
  add(
      "IPCR/ACR", kIpcr, [] { return 0u; },
      [this](std::uint32_t v) {
        acr_ = static_cast<std::uint8_t>(v);
        if (timer_mode()) start_counter();  // DS: the timer runs as soon as it is selected
      });
  add(
      "ISR/IMR", kIsr, [this] { return std::uint32_t{interrupt_status()}; },
      [this](std::uint32_t v) {
        imr_ = static_cast<std::uint8_t>(v);
        update_irq();
      });
  add(
      "CUR/CTUR", kCur, [this] { return std::uint32_t{current_count()} >> 8; },
      [this](std::uint32_t v) {
        preload_ = static_cast<std::uint16_t>((preload_ & 0xFF) | (v << 8));
      });
  add(
      "CLR/CTLR", kClr, [this] { return std::uint32_t{current_count()} & 0xFF; },
      [this](std::uint32_t v) {
        preload_ = static_cast<std::uint16_t>((preload_ & 0xFF00) | (v & 0xFF));
      });
  add(
      "IVR", kIvr, [this] { return std::uint32_t{ivr_}; },
      [this](std::uint32_t v) { ivr_ = static_cast<std::uint8_t>(v); });
  add(
      "IP/OPCR", kIp, [] { return 0xFFu; },  // unconnected inputs read high
      [this](std::uint32_t v) { opcr_ = static_cast<std::uint8_t>(v); });
  // Reading 14 starts the counter, reading 15 stops it (clears the counter-ready interrupt);
  // writing them sets or resets output-port bits.
  add(
      "START/SOPBC", kStartCounter, [] { return 0xFFu; },
      [this](std::uint32_t v) { opr_ |= static_cast<std::uint8_t>(v); },
      [this] { start_counter(); });
  add(
      "STOP/ROPBC", kStopCounter, [] { return 0xFFu; },
      [this](std::uint32_t v) { opr_ &= static_cast<std::uint8_t>(~v); },
      [this] {
        counter_ready_ = false;
        if (!timer_mode()) {  // DS: in counter mode the command also stops the count
          counter_running_ = false;
          counter_event_.cancel();
        }
        update_irq();
      });
  // The even bytes are not the DUART's: nothing answers there (a bus error to the core).
  registers_.set_holes_are_errors(true);
  registers_.reset();

  SC_METHOD(on_counter_event);
  sensitive << counter_event_;
  dont_initialize();
  SC_METHOD(poll_receive);
  sensitive << rx_poll_event_;
  dont_initialize();
}

// The RESET input (DS "Reset"): SRA, SRB, IMR, ISR, OPR and OPCR cleared, IVR back to 0x0F,
// the counter/timer stopped, both channels inactive (receivers and transmitters disabled,
// FIFOs emptied, MR pointers at MR1), IRQ negated. ACR, MR1/MR2 and the counter preload are
// not in that list: they keep their values. The backends keep what they already sent.
void Mc68681::reset_state() {
  counter_event_.cancel();
  rx_poll_event_.cancel();
  for (Channel* channel : {&a_, &b_}) {
    channel->mr_pointer = 0;
    channel->rx_enabled = channel->tx_enabled = channel->overrun = false;
    channel->fifo.clear();
  }
  imr_ = opcr_ = opr_ = 0;
  ivr_ = 0x0F;
  counter_ready_ = counter_running_ = false;
  counter_start_ = sc_core::SC_ZERO_TIME;
  update_irq();
}

void Mc68681::add_channel_registers(unsigned base_reg, Channel& channel) {
  const bool is_a = base_reg == 0;
  registers_.add({.name = is_a ? "MR1A/MR2A" : "MR1B/MR2B",
                  .offset = offset(base_reg + kMrA),
                  .width = 1,
                  .read = [&channel] { return std::uint32_t{channel.mr[channel.mr_pointer]}; },
                  .after_read = [&channel] { channel.mr_pointer = 1; },
                  .write =
                      [&channel](std::uint32_t v) {
                        channel.mr[channel.mr_pointer] = static_cast<std::uint8_t>(v);
                        channel.mr_pointer = 1;  // DS: MR1 first, then MR2
                      }});
  registers_.add({.name = is_a ? "SRA/CSRA" : "SRB/CSRB",
                  .offset = offset(base_reg + kSrA),
                  .width = 1,
                  .read = [this, &channel] { return std::uint32_t{status(channel)}; },
                  .write = [](std::uint32_t) {}});  // baud rates: characters take no time
  registers_.add(
      {.name = is_a ? "CRA" : "CRB",
       .offset = offset(base_reg + kCrA),
       .width = 1,
       .read = [] { return 0u; },
       .write = [this,
                 &channel](std::uint32_t v) { command(channel, static_cast<std::uint8_t>(v)); }});
  registers_.add(
      {.name = is_a ? "RHRA/THRA" : "RHRB/THRB",
       .offset = offset(base_reg + kRhrA),
       .width = 1,
       .read =
           [&channel] { return std::uint32_t{channel.fifo.empty() ? 0 : channel.fifo.front()}; },
       .after_read = [this, &channel] { read_receive(channel); },
       .write = [this,
                 &channel](std::uint32_t v) { transmit(channel, static_cast<std::uint8_t>(v)); }});
}

std::uint8_t Mc68681::status(const Channel& channel) const {
  std::uint8_t s = 0;
  if (!channel.fifo.empty()) s |= kRxRdy;
  if (channel.fifo.size() >= kFifoDepth) s |= kFFull;
  if (channel.tx_enabled) s |= kTxRdy | kTxEmt;
  if (channel.overrun) s |= kOverrun;
  return s;
}

// DS "Command Register": bits 1:0 receiver, 3:2 transmitter, 6:4 miscellaneous commands.
void Mc68681::command(Channel& channel, std::uint8_t value) {
  switch ((value >> 4) & 7) {
    case 1:
      channel.mr_pointer = 0;
      break;  // reset MR pointer
    case 2:   // reset receiver
      channel.rx_enabled = false;
      channel.fifo.clear();
      break;
    case 3:
      channel.tx_enabled = false;
      break;  // reset transmitter
    case 4:
      channel.overrun = false;
      break;  // reset error status
    default:
      break;
  }
  if ((value & 3) == 1) channel.rx_enabled = true;
  if ((value & 3) == 2) channel.rx_enabled = false;
  if (((value >> 2) & 3) == 1) channel.tx_enabled = true;
  if (((value >> 2) & 3) == 2) channel.tx_enabled = false;
  if (channel.rx_enabled) schedule_poll();
  update_irq();
}

std::uint8_t Mc68681::read_receive(Channel& channel) {
  if (channel.fifo.empty()) return 0;
  const std::uint8_t byte = channel.fifo.front();
  channel.fifo.pop_front();
  schedule_poll();
  update_irq();
  return byte;
}

void Mc68681::transmit(Channel& channel, std::uint8_t byte) {
  if (!channel.tx_enabled) return;  // DS: characters written while disabled are not sent
  channel.backend->write(byte);
}

std::uint8_t Mc68681::interrupt_status() const {
  std::uint8_t isr = 0;
  const std::uint8_t sa = status(a_), sb = status(b_);
  if (sa & kTxRdy) isr |= kTxRdyA;
  if (sa & kRxRdy) isr |= kRxRdyA;  // MR1A bit 6 (FFULL select) not modelled
  if (counter_ready_) isr |= kCounterReady;
  if (sb & kTxRdy) isr |= kTxRdyB;
  if (sb & kRxRdy) isr |= kRxRdyB;
  return isr;
}

void Mc68681::update_irq() {
  irq.set((interrupt_status() & imr_) != 0);
}

void Mc68681::schedule_poll() {
  if ((a_.rx_enabled && a_.backend->has_input()) || (b_.rx_enabled && b_.backend->has_input()))
    rx_poll_event_.notify(kPollInterval);
}

void Mc68681::poll_receive() {
  for (Channel* channel : {&a_, &b_}) {
    if (!channel->rx_enabled || channel->fifo.size() >= kFifoDepth) continue;
    if (auto byte = channel->backend->read()) channel->fifo.push_back(*byte);
  }
  update_irq();
  schedule_poll();
}

// ACR[6:4] (DS "Auxiliary Control Register"): 011 counter X1/16, 110 timer X1, 111 timer
// X1/16; the IP2 and TxC sources are not modelled.
sc_core::sc_time Mc68681::counter_clock() const {
  switch ((acr_ >> 4) & 7) {
    case 3:
    case 7:
      return xtal_ * 16.0;
    case 6:
      return xtal_;
    default:
      return sc_core::SC_ZERO_TIME;
  }
}

// The counter loads CTUR:CTLR and counts down. Timer mode: a square wave of period
// 2 x preload clocks, ISR[3] set once per cycle. Counter mode: ISR[3] at terminal count.
void Mc68681::start_counter() {
  counter_event_.cancel();
  counter_running_ = false;
  const sc_core::sc_time clock = counter_clock();
  if (clock == sc_core::SC_ZERO_TIME || preload_ == 0) return;
  counter_running_ = true;
  counter_start_ = access_time();
  const double counts = timer_mode() ? 2.0 * preload_ : static_cast<double>(preload_);
  counter_event_.notify(counter_start_ - sc_core::sc_time_stamp() + clock * counts);
}

void Mc68681::on_counter_event() {
  counter_ready_ = true;
  update_irq();
  if (!timer_mode()) {
    counter_running_ = false;
    return;
  }
  counter_start_ = sc_core::sc_time_stamp();
  counter_event_.notify(counter_clock() * (2.0 * preload_));
}

std::uint16_t Mc68681::current_count() const {
  const sc_core::sc_time clock = counter_clock();
  if (!counter_running_ || clock == sc_core::SC_ZERO_TIME || preload_ == 0) return preload_;
  const auto elapsed = static_cast<std::uint64_t>((access_time() - counter_start_) / clock);
  return static_cast<std::uint16_t>(preload_ - (elapsed % preload_));
}

}  // namespace anvil
