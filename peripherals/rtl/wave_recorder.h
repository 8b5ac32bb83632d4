// WaveRecorder: a VCD file written through Verilator's own tracer (verilated_vcd_c.h), with
// times in picoseconds taken from the RTL clock domain rather than from sc_time_stamp():
// the domain simulates edges lazily, in delta cycles, but each edge keeps its own time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <systemc>

class VerilatedVcdC;

namespace anvil {

class WaveRecorder {
 public:
  WaveRecorder();
  ~WaveRecorder();

  // Tracing must be on before a model is built (Verilated::traceEverOn).
  static void enable_tracing();
  VerilatedVcdC& file() { return *vcd_; }
  // Opens `path` (after the model's trace() has registered its signals); throws
  // std::runtime_error naming the file when it cannot be written. A path ending in ".fst"
  // records VCD next to it and converts it when the recorder closes (vcd_to_fst.h).
  void open(const std::string& path);
  bool is_open() const { return open_; }
  // One sample of every signal at `at`. Samples at or before the last one are dropped
  // (several drives at one instant: the last state of the instant wins at the next dump).
  void dump(const sc_core::sc_time& at);

 private:
  std::unique_ptr<VerilatedVcdC> vcd_;
  bool open_ = false;
  std::string fst_path_;  // converted to at close; empty: the VCD is the result
  bool dumped_ = false;
  std::uint64_t last_ = 0;
};

}  // namespace anvil
