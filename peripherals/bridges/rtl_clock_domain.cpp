#include "peripherals/bridges/rtl_clock_domain.h"

#include <algorithm>

#include <tlm>

namespace anvil {

RtlClockDomain::RtlClockDomain(sc_core::sc_module_name name, sc_core::sc_time period,
                               sc_core::sc_time sync_interval, unsigned reset_cycles)
    : sc_core::sc_module(name),
      period_(period),
      sync_interval_(sync_interval),
      initial_reset_cycles_(reset_cycles) {
  resetn.write(true);
  SC_THREAD(catch_up_thread);
}

RtlClockDomain::Hold::Hold(RtlClockDomain& domain) : domain_(domain) {
  while (domain_.held_) sc_core::wait(domain_.released_);
  domain_.held_ = true;
}

RtlClockDomain::Hold::~Hold() {
  domain_.held_ = false;
  domain_.released_.notify();
}

sc_core::sc_time RtlClockDomain::edge_time(std::uint64_t half) const {
  return sc_core::sc_time::from_value(period_.value() * half / 2);
}

sc_core::sc_time RtlClockDomain::next_rise_time() const {
  return edge_time(next_half_ % 2 == 0 ? next_half_ : next_half_ + 1);
}

bool RtlClockDomain::reset_due(const sc_core::sc_time& edge_time) const {
  return reset_scheduled_ && edge_time >= reset_at_;
}

// Signal writes take effect in the next delta cycle, where the block evaluates; its outputs
// change one delta later. Then follow them while any still changes. (Waiting for no
// pending activity at all would livelock two domains settling at the same instant.)
void RtlClockDomain::settle() {
  wait(sc_core::SC_ZERO_TIME);
  wait(sc_core::SC_ZERO_TIME);
  const auto changed = [this] {
    for (const auto& output : outputs_)
      if (output()) return true;
    return false;
  };
  while (changed()) wait(sc_core::SC_ZERO_TIME);
}

void RtlClockDomain::notify(Edge edge, const sc_core::sc_time& at) {
  for (const Observer& observer : observers_) observer(edge, at);
}

sc_core::sc_time RtlClockDomain::rise(const std::function<void()>& after_edge) {
  if (next_half_ % 2 == 1) fall();
  const sc_core::sc_time t = edge_time(next_half_);
  const bool resetting = reset_due(t);
  if (resetting && resetn.read()) {
    resetn.write(false);
    ++resets_;
  }
  clk.write(true);
  settle();
  ++rising_edges_;
  ++next_half_;
  now_ = t;
  bool driven = false;
  if (resetting && --reset_cycles_left_ == 0) {
    resetn.write(true);  // released after the last reset edge, before the next one
    reset_scheduled_ = false;
    driven = true;
  }
  if (after_edge) {
    after_edge();
    driven = true;
  }
  if (driven) settle();
  notify(Edge::Rising, t);
  return t;
}

void RtlClockDomain::fall() {
  if (next_half_ % 2 == 0) return;  // no rise to follow
  const sc_core::sc_time t = edge_time(next_half_);
  clk.write(false);
  // The block evaluates the falling edge in the next delta cycle. Posedge-clocked blocks
  // change nothing there, so unless someone looks at that instant (waveforms) the next
  // rising edge need not wait for it: about a third of the cost of a cycle.
  if (settle_falling_edges_)
    settle();
  else
    wait(sc_core::SC_ZERO_TIME);
  ++next_half_;
  now_ = t;
  notify(Edge::Falling, t);
}

void RtlClockDomain::drive_settled(const sc_core::sc_time& at) {
  settle();
  now_ = std::max(now_, at);
  notify(Edge::Drive, now_);
}

void RtlClockDomain::catch_up(const sc_core::sc_time& t) {
  for (;;) {
    if (next_half_ % 2 == 1) {
      if (edge_time(next_half_) > t) break;
      fall();
      continue;
    }
    if (edge_time(next_half_) > t) break;
    if (!clock_requested() && !reset_due(t)) {
      // Clock gated: no edges until t (nothing in the block can change without them).
      next_half_ = 2 * (t.value() / period_.value() + 1);
      break;
    }
    if (!clock_requested() && edge_time(next_half_) < reset_at_) {
      // Gated until the reset: skip to the rising edge it starts on.
      next_half_ = 2 * ((reset_at_.value() + period_.value() - 1) / period_.value());
      continue;
    }
    rise();
  }
  now_ = std::max(now_, t);
}

void RtlClockDomain::leave_reset() {
  while (!resetn.read()) rise();
}

void RtlClockDomain::schedule_reset(const sc_core::sc_time& at, unsigned cycles) {
  if (cycles == 0) return;
  reset_scheduled_ = true;
  reset_at_ = at;
  reset_cycles_left_ = cycles;
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  wake_event_.notify(at > now ? at - now : sc_core::SC_ZERO_TIME);
}

void RtlClockDomain::catch_up_thread() {
  sc_core::sc_time sync = sync_interval_;
  if (sync == sc_core::SC_ZERO_TIME) sync = tlm::tlm_global_quantum::instance().get();
  sync = std::max(sync, period_);
  {
    Hold hold(*this);
    schedule_reset(sc_core::SC_ZERO_TIME, initial_reset_cycles_);
    while (reset_scheduled_) rise();
  }
  for (;;) {
    if (clock_requested() || reset_scheduled_) {
      // Wake on the first rising edge after one interval (minus the period, so that an
      // interval of one period wakes on every edge): the edge at the wake-up instant is
      // then simulated at its own time, and whatever it raises is seen on time.
      const sc_core::sc_time target = sc_core::sc_time_stamp() + sync - period_;
      const std::uint64_t edge = target.value() / period_.value() + 1;
      const auto wake_at = sc_core::sc_time::from_value(period_.value() * edge);
      if (reset_scheduled_ && !clock_requested() && reset_at_ < wake_at &&
          reset_at_ > sc_core::sc_time_stamp())
        wait(reset_at_ - sc_core::sc_time_stamp());
      else
        wait(wake_at - sc_core::sc_time_stamp());
    } else {
      wait(wake_event_);
    }
    Hold hold(*this);
    catch_up(sc_core::sc_time_stamp());
  }
}

}  // namespace anvil
