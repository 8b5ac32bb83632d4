// The verilated timer (peripherals/rtl/verilog/apb_timer.v behind ApbBridge) against its C++
// model (ApbTimerModel): the same accesses at the same instants must read the same values,
// take the same time and raise the interrupt on the same edges. The Verilog is the
// specification; the scripted and pseudo-random access sequences exercise every register.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "peripherals/rtl/rtl_device.h"
#include "peripherals/timer/apb_timer_model.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using namespace sc_core;

namespace {

const sc_time kPeriod(40, SC_NS);  // 25 MHz

struct Access {
  std::uint64_t gap_cycles;  // idle cycles before the access
  bool write;
  std::uint32_t offset, value;
};

// What one target did with a script: per access the response, the value read and the
// annotated delay; and the times the interrupt rose and fell.
struct Observed {
  std::vector<std::string> log;
  std::vector<sc_time> irq_changes;
};

// Drives `script` into `socket` from a thread; the interrupt is recorded from `irq`.
struct ScriptRunner : sc_module {
  tlm_utils::simple_initiator_socket<ScriptRunner> socket{"socket"};
  std::vector<Access> script;
  Observed observed;

  ScriptRunner(sc_module_name name, std::vector<Access> s, IrqLine& irq)
      : sc_module(name), script(std::move(s)) {
    irq.connect([this](bool) { observed.irq_changes.push_back(sc_time_stamp()); });
    SC_THREAD(run);
  }
  SC_HAS_PROCESS(ScriptRunner);

  void run() {
    wait(kPeriod * 4);  // after the RTL's reset
    for (const Access& a : script) {
      wait(kPeriod * static_cast<double>(a.gap_cycles));
      std::uint8_t bytes[4];
      for (unsigned i = 0; i < 4; ++i) bytes[i] = static_cast<std::uint8_t>(a.value >> (8 * i));
      tlm::tlm_generic_payload p;
      test::prepare(p, a.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND, a.offset, bytes,
                    4);
      sc_time delay = SC_ZERO_TIME;
      socket->b_transport(p, delay);
      std::uint32_t v = 0;
      for (unsigned i = 0; i < 4; ++i) v |= std::uint32_t{bytes[i]} << (8 * i);
      observed.log.push_back(std::to_string(a.offset) + (a.write ? " w " : " r ") +
                             std::to_string(p.get_response_status()) + " " +
                             (a.write ? "" : std::to_string(v)) + " +" + delay.to_string());
      wait(delay);
    }
  }
};

// Both targets in one simulation (SystemC elaborates once per process), each driven by its
// own thread with the same script, so every access happens at the same instant on both.
void compare(const std::vector<Access>& script) {
  const RtlCatalog catalog = rtl_models();
  auto rtl = catalog.at("apb_timer").make({"rtl", kPeriod, kPeriod});
  ApbTimerModel model("model", kPeriod);
  ScriptRunner on_rtl("on_rtl", script, rtl->irq);
  ScriptRunner on_model("on_model", script, model.irq);
  on_rtl.socket.bind(rtl->target());
  on_model.socket.bind(model.socket);
  sc_start(sc_time(10, SC_MS));
  REQUIRE(on_rtl.observed.log.size() == script.size());
  for (std::size_t i = 0; i < script.size(); ++i) {
    INFO("access " << i);
    CHECK(on_rtl.observed.log[i] == on_model.observed.log[i]);
  }
  CHECK(on_rtl.observed.irq_changes == on_model.observed.irq_changes);
}

std::vector<Access> scripted() {
  using T = ApbTimerModel;
  return {
      {0, false, T::kId, 0},      {0, false, T::kCompare, 0}, {3, true, T::kPrescale, 2},
      {0, true, T::kCompare, 9},  {1, true, T::kDuty, 4},     {0, true, T::kCtrl, 7},
      {0, false, T::kCount, 0},   {5, false, T::kStatus, 0},  {7, false, T::kCount, 0},
      {30, false, T::kStatus, 0}, {0, true, T::kStatus, 1},   {0, false, T::kStatus, 0},
      {2, true, T::kCount, 8},    {0, false, T::kCount, 0},   {10, true, T::kPrescale, 0},
      {40, false, T::kCount, 0},  {0, true, T::kCtrl, 0},     {0, false, T::kCount, 0},
      {0, true, T::kId, 5},       {0, false, 0x100, 0},       {0, false, T::kCtrl, 0},
  };
}

// Deterministic pseudo-random accesses (a 32-bit LCG) with small values, so counters wrap
// and interrupts happen within the run.
std::vector<Access> pseudo_random(std::uint32_t seed, unsigned count) {
  std::vector<Access> script;
  std::uint32_t x = seed;
  const auto next = [&x] {
    x = x * 1664525u + 1013904223u;
    return x >> 8;
  };
  for (unsigned i = 0; i < count; ++i) {
    const std::uint32_t offset = 4 * (next() % 8);  // every register and one hole
    const bool write = next() % 3 == 0;
    std::uint32_t value = next() % 16;
    if (offset == ApbTimerModel::kCtrl) value = next() % 8;
    script.push_back({next() % 12, write, offset, value});
  }
  return script;
}

}  // namespace

// Each case builds SystemC modules, so each runs in its own process (ctest).
TEST_CASE("rtl timer equals its C++ model: scripted accesses") {
  compare(scripted());
}

TEST_CASE("rtl timer equals its C++ model: pseudo-random accesses, seed 1") {
  compare(pseudo_random(1, 400));
}

TEST_CASE("rtl timer equals its C++ model: pseudo-random accesses, seed 2") {
  compare(pseudo_random(2, 400));
}

namespace {

// Programs the timer, lets it interrupt, resets the device (as `monitor reset` does, from a
// simulation thread) and records what the registers read afterwards.
struct ResetRunner : sc_module {
  tlm_utils::simple_initiator_socket<ResetRunner> socket{"socket"};
  RtlDevice& device;
  bool irq = false, irq_before_reset = false;
  int irq_rises_after_reset = 0;
  bool after_reset = false;
  std::vector<std::uint32_t> after;  // CTRL, COMPARE, COUNT, STATUS, DUTY, PRESCALE

  ResetRunner(sc_module_name name, RtlDevice& d) : sc_module(name), device(d) {
    device.irq.connect([this](bool level) {
      if (level && !irq && after_reset) ++irq_rises_after_reset;
      irq = level;
    });
    SC_THREAD(run);
  }
  SC_HAS_PROCESS(ResetRunner);

  std::uint32_t access(bool write, std::uint32_t offset, std::uint32_t value = 0) {
    std::uint8_t bytes[4];
    for (unsigned i = 0; i < 4; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
    tlm::tlm_generic_payload p;
    test::prepare(p, write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND, offset, bytes, 4);
    sc_time delay = SC_ZERO_TIME;
    socket->b_transport(p, delay);
    wait(delay);
    std::uint32_t v = 0;
    for (unsigned i = 0; i < 4; ++i) v |= std::uint32_t{bytes[i]} << (8 * i);
    return v;
  }

  void run() {
    using T = ApbTimerModel;
    wait(kPeriod * 4);
    access(true, T::kCompare, 5);
    access(true, T::kDuty, 3);
    access(true, T::kPrescale, 1);
    access(true, T::kCtrl, T::kEnable | T::kIrqEnable);
    wait(kPeriod * 40);
    irq_before_reset = irq;
    device.reset();
    after_reset = true;
    wait(kPeriod * 4);  // the reset edges
    for (std::uint32_t offset :
         {T::kCtrl, T::kCompare, T::kCount, T::kStatus, T::kDuty, T::kPrescale})
      after.push_back(access(false, offset));
    wait(kPeriod * 100);  // a disabled timer: no interrupt comes
  }
};

}  // namespace

TEST_CASE("rtl timer: reset() drives the RTL's reset input, registers read the model's reset") {
  const RtlCatalog catalog = rtl_models();
  auto rtl = catalog.at("apb_timer").make({"rtl", kPeriod, kPeriod});
  ApbTimerModel model("model", kPeriod);  // never accessed: its registers read reset values
  ResetRunner runner("runner", *rtl);
  runner.socket.bind(rtl->target());
  test::TestInitiator reference("reference");
  reference.socket.bind(model.socket);
  sc_start(sc_time(1, SC_MS));
  REQUIRE(runner.irq_before_reset);
  CHECK(rtl->domain().resets() == 2);  // the one at time zero and ours
  CHECK_FALSE(runner.irq);
  CHECK(runner.irq_rises_after_reset == 0);
  REQUIRE(runner.after.size() == 6);
  using T = ApbTimerModel;
  const std::uint32_t offsets[] = {T::kCtrl,   T::kCompare, T::kCount,
                                   T::kStatus, T::kDuty,    T::kPrescale};
  for (std::size_t i = 0; i < 6; ++i) {
    INFO("register at " << offsets[i]);
    CHECK(runner.after[i] == reference.read32(offsets[i]));
  }
  CHECK(runner.after[1] == 0xFFFFFFFF);  // compare <= 32'hFFFFFFFF in apb_timer.v
}
