// VCD → FST: `--waves FILE.fst`. Verilator compiles one trace format into a model, and the
// models here are built with VCD; an FST file is therefore written by recording VCD and
// converting it at the end with the FST writer Verilator ships (fstapi, GTKWave's format).
// FST files are typically 10-50 times smaller and open faster in GTKWave and Surfer.
#pragma once

#include <stdexcept>
#include <string>

namespace anvil {

// A VCD that cannot be read or converted; the message names the file and the line.
struct WaveConversionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Converts the VCD file `vcd_path` into the FST file `fst_path`: every scope, variable
// (aliases kept), timescale and value change. Throws WaveConversionError.
void convert_vcd_to_fst(const std::string& vcd_path, const std::string& fst_path);

}  // namespace anvil
