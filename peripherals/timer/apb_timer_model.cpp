#include "peripherals/timer/apb_timer_model.h"

namespace anvil {

namespace {

constexpr std::uint64_t kPrescaleModulus = std::uint64_t{1} << 16;  // PRESCALE is 16 bits
constexpr std::uint64_t kCountModulus = std::uint64_t{1} << 32;

}  // namespace

ApbTimerModel::ApbTimerModel(sc_core::sc_module_name name, sc_core::sc_time pclk_period)
    : sc_core::sc_module(name), socket("socket"), period_(pclk_period) {
  socket.register_b_transport(this, &ApbTimerModel::b_transport);
  socket.register_transport_dbg(this, &ApbTimerModel::transport_dbg);
  SC_METHOD(on_match);
  sensitive << match_event_;
  dont_initialize();
}

// While enabled, PRESCALE_COUNT counts up and the counter ticks on the edge where it equals
// PRESCALE (then restarts from 0); the count is 16 bits, so a PRESCALE lowered below it
// is reached after wrapping.
std::uint64_t ApbTimerModel::edges_to_first_tick(const Counter& c) const {
  return (prescale_ + kPrescaleModulus - c.prescale_count) % kPrescaleModulus + 1;
}

ApbTimerModel::Counter ApbTimerModel::at_edge(std::uint64_t edge) const {
  Counter c = state_;
  c.edge = edge;
  if (!(ctrl_ & kEnable) || edge <= state_.edge) return c;
  const std::uint64_t edges = edge - state_.edge;
  const std::uint64_t first = edges_to_first_tick(state_);
  const std::uint64_t between = std::uint64_t{prescale_} + 1;
  if (edges < first) {
    c.prescale_count =
        static_cast<std::uint32_t>((state_.prescale_count + edges) % kPrescaleModulus);
    return c;
  }
  const std::uint64_t ticks = 1 + (edges - first) / between;
  c.prescale_count = static_cast<std::uint32_t>((edges - first) % between);
  // COUNT counts up; on the tick where it equals COMPARE it wraps to 0 and sets MATCH.
  const std::uint64_t to_match = (compare_ + kCountModulus - state_.count) % kCountModulus + 1;
  if (ticks < to_match) {
    c.count = static_cast<std::uint32_t>(state_.count + ticks);
  } else {
    c.match = true;
    c.count = static_cast<std::uint32_t>((ticks - to_match) % (std::uint64_t{compare_} + 1));
  }
  return c;
}

std::uint64_t ApbTimerModel::read_register(std::uint32_t offset, const Counter& c) const {
  switch (offset) {
    case kCtrl:
      return ctrl_;
    case kPrescale:
      return prescale_;
    case kCompare:
      return compare_;
    case kCount:
      return c.count;
    case kDuty:
      return duty_;
    case kStatus: {
      const bool pwm = (ctrl_ & kPwmEnable) && c.count < duty_;
      return (pwm ? 2u : 0u) | (c.match ? 1u : 0u);
    }
    case kId:
      return kIdValue;
    default:
      return ~std::uint64_t{0};  // no register: PSLVERR
  }
}

void ApbTimerModel::write_register(std::uint32_t offset, std::uint32_t value) {
  switch (offset) {
    case kCtrl:
      ctrl_ = value & 7;
      state_.prescale_count = 0;  // writing CTRL restarts the prescaler
      break;
    case kPrescale:
      prescale_ = value & 0xFFFF;
      break;
    case kCompare:
      compare_ = value;
      break;
    case kCount:
      state_.count = value;
      break;
    case kDuty:
      duty_ = value;
      break;
    case kStatus:
      if (value & 1) state_.match = false;
      break;
    default:
      break;
  }
}

void ApbTimerModel::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const unsigned size = payload.get_data_length();
  const std::uint64_t address = payload.get_address();
  const bool aligned_word = size == 4 && address % 4 == 0;
  const bool narrow_read = payload.is_read() && (size == 1 || size == 2) && address % size == 0;
  if (payload.get_byte_enable_ptr() || payload.get_streaming_width() < size ||
      !(aligned_word || narrow_read)) {
    payload.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);  // as ApbBridge
    return;
  }
  const sc_core::sc_time start = sc_core::sc_time_stamp() + delay;
  const std::uint64_t k = start.value() / period_.value();
  const auto offset = static_cast<std::uint32_t>(address & ~std::uint64_t{3});
  const bool write = payload.is_write();
  const std::uint64_t completion = k + 2 + (!write && offset == kCount ? 1 : 0);
  const bool error = offset > kId || (write && offset == kId);
  if (write) {
    state_ = at_edge(completion);
    if (!error) {
      std::uint32_t value = 0;
      for (unsigned i = 0; i < 4; ++i) value |= std::uint32_t{payload.get_data_ptr()[i]} << (8 * i);
      write_register(offset, value);
    }
    update_irq();
    schedule_match();
  } else if (!error) {
    const auto word = static_cast<std::uint32_t>(read_register(offset, at_edge(k + 1)));
    const unsigned lane = static_cast<unsigned>(address & 3);
    for (unsigned i = 0; i < size; ++i)
      payload.get_data_ptr()[i] = static_cast<std::uint8_t>(word >> (8 * (lane + i)));
  }
  payload.set_response_status(error ? tlm::TLM_GENERIC_ERROR_RESPONSE : tlm::TLM_OK_RESPONSE);
  delay += edge_time(completion) - start;
}

unsigned ApbTimerModel::transport_dbg(tlm::tlm_generic_payload& payload) {
  if (payload.is_write() || payload.get_data_length() != 4 || payload.get_address() % 4) return 0;
  const std::uint64_t now = sc_core::sc_time_stamp().value() / period_.value();
  const auto offset = static_cast<std::uint32_t>(payload.get_address());
  if (offset > kId) return 0;
  const auto word = static_cast<std::uint32_t>(read_register(offset, at_edge(now)));
  for (unsigned i = 0; i < 4; ++i)
    payload.get_data_ptr()[i] = static_cast<std::uint8_t>(word >> (8 * i));
  return 4;
}

void ApbTimerModel::update_irq() {
  irq.set(state_.match && (ctrl_ & kIrqEnable));
}

// The edge where MATCH next becomes set, if the interrupt is armed for it.
void ApbTimerModel::schedule_match() {
  match_event_.cancel();
  if (!(ctrl_ & kEnable) || !(ctrl_ & kIrqEnable) || state_.match) return;
  const std::uint64_t to_match = (compare_ + kCountModulus - state_.count) % kCountModulus + 1;
  const std::uint64_t edge =
      state_.edge + edges_to_first_tick(state_) + (to_match - 1) * (std::uint64_t{prescale_} + 1);
  match_event_.notify(edge_time(edge) - sc_core::sc_time_stamp());
}

void ApbTimerModel::on_match() {
  state_ = at_edge(sc_core::sc_time_stamp().value() / period_.value());
  update_irq();
  schedule_match();
}

}  // namespace anvil
