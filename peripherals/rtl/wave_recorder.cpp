#include "peripherals/rtl/wave_recorder.h"

#include <cstdio>
#include <stdexcept>

#include "verilated.h"
#include "verilated_vcd_c.h"

namespace anvil {

WaveRecorder::WaveRecorder() : vcd_(std::make_unique<VerilatedVcdC>()) {}

WaveRecorder::~WaveRecorder() {
  if (open_) vcd_->close();
}

void WaveRecorder::enable_tracing() {
  Verilated::traceEverOn(true);
}

void WaveRecorder::open(const std::string& path) {
  // Verilator's open() only prints a warning when the file cannot be made; check first.
  if (std::FILE* probe = std::fopen(path.c_str(), "w")) {
    std::fclose(probe);
  } else {
    throw std::runtime_error("--waves: cannot write " + path + " (RTL block waveforms)");
  }
  vcd_->set_time_unit("1ps");
  vcd_->set_time_resolution("1ps");
  vcd_->open(path.c_str());
  open_ = true;
}

void WaveRecorder::dump(const sc_core::sc_time& at) {
  if (!open_) return;
  auto ps = static_cast<std::uint64_t>(at.to_seconds() * 1e12 + 0.5);
  // A drive at the instant of the edge it follows shows 1 ps after it, like a clock-to-output
  // delay (one VCD time step holds one set of values).
  if (dumped_ && ps <= last_) ps = last_ + 1;
  vcd_->dump(ps);
  dumped_ = true;
  last_ = ps;
}

}  // namespace anvil
