// `anvil vectors --isa ISA FILE...` (docs/vectors.md): single-step test vectors (the
// SingleStepTests formats in ../shared/vectors/README.md) run against a core. The command
// (vectors_command.cpp) reads and decompresses the files and prints the report; each ISA
// brings a VectorSuite that runs the tests of one decompressed file.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace anvil::vectors {

// A file that does not follow its format: `what` names the test (or header) and the byte
// offset in the decompressed data, so the report can say exactly where.
struct VectorFormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One check a suite may add beyond the final state (the 68000's total cycle count and
// bus-cycle sequence): how many tests matched and how many did not.
struct ExtraCheck {
  std::string name;  // "cycles", "bus"
  std::uint64_t matched = 0;
  std::uint64_t mismatched = 0;
};

struct FileReport {
  std::uint64_t passed = 0;  // final state matched
  std::uint64_t failed = 0;
  std::vector<ExtraCheck> extra;  // the same names, in the same order, for every file
  // The first few failures, one line each: test name and the first difference
  // ("ADD.b 0001: d3 expected 0x00000012 got 0x00000013").
  std::vector<std::string> failures;
};

struct RunOptions {
  std::size_t max_failures_listed = 5;  // per file
};

struct VectorSuite {
  std::string isa;          // "r3000", "m68000"
  std::string description;  // one line for `anvil vectors --list`
  // Runs every test in one decompressed file. Throws VectorFormatError for malformed data.
  std::function<FileReport(std::span<const std::uint8_t> data, const RunOptions& options)> run;
};

// The suites this build has (each ISA's library adds its own; see vectors_command.cpp).
using SuiteList = std::vector<VectorSuite>;

// The whole command: `args` are the arguments after "vectors". Prints a line per file
// ("ADD.json.bin.xz: passed 7000 failed 0") and "total: passed N failed M" (plus
// " cycles N bus N" — the matched counts of each extra check), and returns 0 only when
// every test's final state passed; 64 for usage errors, 66 for unreadable or malformed files.
int run_vectors_command(const std::vector<std::string>& args, const SuiteList& suites,
                        std::ostream& out, std::ostream& err);

}  // namespace anvil::vectors
