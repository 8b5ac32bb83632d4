#include "peripherals/rtl/wave_recorder.h"

#include <cstdio>
#include <stdexcept>

#include "peripherals/rtl/vcd_to_fst.h"
#include "verilated.h"
#include "verilated_vcd_c.h"

namespace anvil {

WaveRecorder::WaveRecorder() : vcd_(std::make_unique<VerilatedVcdC>()) {}

WaveRecorder::~WaveRecorder() {
  if (!open_) return;
  vcd_->close();
  if (fst_path_.empty()) return;
  const std::string vcd_path = fst_path_ + ".vcd";
  try {
    convert_vcd_to_fst(vcd_path, fst_path_);
    std::remove(vcd_path.c_str());
  } catch (const WaveConversionError& error) {
    // A destructor cannot throw; the VCD is kept so nothing recorded is lost.
    std::fprintf(stderr, "anvil: %s (the waveforms stay in %s)\n", error.what(), vcd_path.c_str());
  }
}

void WaveRecorder::enable_tracing() {
  Verilated::traceEverOn(true);
}

void WaveRecorder::open(const std::string& requested) {
  const bool fst = requested.size() > 4 && requested.compare(requested.size() - 4, 4, ".fst") == 0;
  if (fst) fst_path_ = requested;
  const std::string path = fst ? requested + ".vcd" : requested;
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
