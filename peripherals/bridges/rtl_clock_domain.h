// RtlClockDomain: the clock and reset of one RTL block, driven lazily. The block's clock
// only ticks when someone needs the RTL's state: a bus access catches the RTL up to the
// access's time and then runs the handshake cycle by cycle; while the block asks for its
// clock (its clk_req output) a thread also catches it up once per sync interval (the
// quantum, or one clock period in exact mode). Edges are simulated in SystemC delta cycles
// at the moment of the catch-up, but each edge has its own time on the block's clock grid
// (rising edges at k * period from time zero), which is the time observers (interrupt
// sampling, waveform dumps) are given. docs/rtl-cosim.md explains the trade-off.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <systemc>

namespace anvil {

// Signals between the simulator and RTL. Several SystemC processes step one block (the
// catch-up thread, and each core's thread through a bridge), one at a time under
// RtlClockDomain::Hold, so the signals allow more than one writer process.
template <class T>
using RtlSignal = sc_core::sc_signal<T, sc_core::SC_MANY_WRITERS>;

class RtlClockDomain : public sc_core::sc_module {
 public:
  enum class Edge { Rising, Falling, Drive };  // Drive: the bus master changed its signals
  using Observer = std::function<void(Edge edge, const sc_core::sc_time& at)>;

  RtlSignal<bool> clk{"clk"};
  RtlSignal<bool> resetn{"resetn"};  // active low, synchronous in the blocks

  // `sync_interval`: how often a block that requests its clock is caught up with SystemC
  // time; zero means the global quantum, read when simulation starts (never less than
  // one period). `reset_cycles`: rising edges resetn is held low for at time zero.
  RtlClockDomain(sc_core::sc_module_name name, sc_core::sc_time period,
                 sc_core::sc_time sync_interval = sc_core::SC_ZERO_TIME, unsigned reset_cycles = 2);

  // The block's clock request; without one the clock always runs.
  void set_clock_request(const sc_core::sc_signal_in_if<bool>* request) { request_ = request; }
  // An output of the block: signal changes are followed until none of these change any
  // more (a loop-back through the block's inputs takes more than one delta cycle).
  template <class T>
  void watch(const sc_core::sc_signal_in_if<T>& output) {
    outputs_.push_back([&output] { return output.event(); });
  }
  // Whether falling edges settle completely before observers hear of them (waveforms need
  // it); otherwise they get one delta cycle, enough for a posedge-clocked block (the
  // blocks' contract, docs/rtl-cosim.md).
  void settle_falling_edges(bool on) { settle_falling_edges_ = on; }
  // Called after every edge and drive has settled, with the time it belongs to.
  void add_observer(Observer observer) { observers_.push_back(std::move(observer)); }

  const sc_core::sc_time& period() const { return period_; }
  // The RTL's own time: the last edge or drive it has simulated (it may be ahead of
  // SystemC time by the length of the last bus transfer, never behind a finished access).
  const sc_core::sc_time& now() const { return now_; }
  std::uint64_t rising_edges() const { return rising_edges_; }
  // Resets so far (the bridge aborts a transfer that a reset cut through).
  std::uint64_t resets() const { return resets_; }

  // These may only be called from a SystemC thread (they wait for delta cycles).
  // Simulates every rising edge at or before `t` while the block requests its clock (or a
  // reset is due); the edges a gated clock skips are simply not there.
  void catch_up(const sc_core::sc_time& t);
  // The next rising edge (after the falling edge before it, if that is still to come);
  // `after_edge` runs once the edge has settled and before observers hear of it (a bus
  // master changing its outputs just after the edge). Returns its time.
  sc_core::sc_time rise(const std::function<void()>& after_edge = {});
  // The falling edge after the last rise(), if it has not happened yet.
  void fall();
  // Runs rising edges until resetn is high: a master starts no transfer during reset
  // (IHI 0022E A3.1.2).
  void leave_reset();
  // Propagates signals the caller just wrote, and tells observers (at `at`, or now()).
  void drive_settled(const sc_core::sc_time& at);
  // Holds resetn low for `cycles` rising edges, starting at the first rising edge at or
  // after `at` (while catching up to it, or during a transfer that crosses it).
  void schedule_reset(const sc_core::sc_time& at, unsigned cycles);
  // A bus access may have started the block's clock: the catch-up thread looks again.
  void wake() { wake_event_.notify(sc_core::SC_ZERO_TIME); }

  // Whoever steps the RTL holds the domain for the whole step: a catch-up settles through
  // delta cycles, in which an interrupt may wake a core that then accesses this block.
  class Hold {
   public:
    explicit Hold(RtlClockDomain& domain);
    ~Hold();
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    RtlClockDomain& domain_;
  };

 private:
  SC_HAS_PROCESS(RtlClockDomain);

  void catch_up_thread();
  void settle();
  void notify(Edge edge, const sc_core::sc_time& at);
  bool clock_requested() const { return request_ == nullptr || request_->read(); }
  bool reset_due(const sc_core::sc_time& edge_time) const;
  sc_core::sc_time next_rise_time() const;
  sc_core::sc_time edge_time(std::uint64_t half) const;  // of edge `half` half-periods in

  sc_core::sc_time period_;
  sc_core::sc_time sync_interval_;
  unsigned initial_reset_cycles_;
  const sc_core::sc_signal_in_if<bool>* request_ = nullptr;
  std::vector<Observer> observers_;
  std::vector<std::function<bool()>> outputs_;  // "changed in the last delta cycle?"
  bool settle_falling_edges_ = false;

  sc_core::sc_time now_;
  std::uint64_t next_half_ = 0;  // next edge, in half periods from zero: even ones rise
  std::uint64_t rising_edges_ = 0;
  std::uint64_t resets_ = 0;
  sc_core::sc_time reset_at_ = sc_core::SC_ZERO_TIME;
  unsigned reset_cycles_left_ = 0;  // of the scheduled or running reset
  bool reset_scheduled_ = false;
  sc_core::sc_event wake_event_;
  bool held_ = false;
  sc_core::sc_event released_;
};

}  // namespace anvil
