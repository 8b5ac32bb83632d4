// `anvil vectors` (docs/vectors.md): argument parsing, the per-file report and the totals.
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <ostream>

#include "platforms/vectors/decompress.h"
#include "platforms/vectors/vector_suite.h"

namespace anvil::vectors {
namespace {

namespace fs = std::filesystem;

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 64;
constexpr int kExitBadFile = 66;

struct Arguments {
  std::string isa;
  bool list = false;
  bool require_all = false;
  RunOptions options;
  std::vector<std::string> paths;
};

struct UsageError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

std::string usage() {
  return "usage: anvil vectors --isa ISA [--max-failures N] [--require-all] FILE|DIR...\n"
         "       anvil vectors --list\n";
}

Arguments parse(const std::vector<std::string>& args) {
  Arguments parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i], value;
    const bool has_equals = arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos;
    if (has_equals) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
    }
    auto take_value = [&]() -> std::string {
      if (has_equals) return value;
      if (i + 1 >= args.size()) throw UsageError(arg + " needs a value");
      return args[++i];
    };
    if (arg == "--isa") {
      parsed.isa = take_value();
    } else if (arg == "--max-failures") {
      const std::string text = take_value();
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(),
                                          parsed.options.max_failures_listed);
      if (error != std::errc() || end != text.data() + text.size()) {
        throw UsageError("--max-failures needs a count, not '" + text + "'");
      }
    } else if (arg == "--require-all" && !has_equals) {
      parsed.require_all = true;
    } else if (arg == "--list" && !has_equals) {
      parsed.list = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      throw UsageError("unknown option " + arg);
    } else {
      parsed.paths.push_back(arg);
    }
  }
  if (parsed.list) return parsed;
  if (parsed.isa.empty()) throw UsageError("--isa is required");
  if (parsed.paths.empty()) throw UsageError("no vector files given");
  return parsed;
}

// A directory stands for the vector files in it (names holding ".json"), in name order.
std::vector<std::string> expand(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& entry : fs::directory_iterator(path, error)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && name.find(".json") != std::string::npos) {
        inside.push_back(entry.path().string());
      }
    }
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

class Totals {
 public:
  void add(const FileReport& report) {
    passed_ += report.passed;
    failed_ += report.failed;
    for (const auto& check : report.extra) {
      auto it = std::find_if(extra_.begin(), extra_.end(),
                             [&](const ExtraCheck& c) { return c.name == check.name; });
      if (it == extra_.end()) {
        extra_.push_back(check);
      } else {
        it->matched += check.matched;
        it->mismatched += check.mismatched;
      }
    }
  }
  std::uint64_t failed() const { return failed_; }
  bool extras_all_matched() const {
    return std::all_of(extra_.begin(), extra_.end(),
                       [](const ExtraCheck& c) { return c.mismatched == 0; });
  }
  std::string line(const std::string& label) const {
    return summary(label, passed_, failed_, extra_);
  }

  static std::string summary(const std::string& label, std::uint64_t passed, std::uint64_t failed,
                             const std::vector<ExtraCheck>& extra) {
    std::string text =
        label + ": passed " + std::to_string(passed) + " failed " + std::to_string(failed);
    for (const auto& check : extra) text += " " + check.name + " " + std::to_string(check.matched);
    return text;
  }

 private:
  std::uint64_t passed_ = 0, failed_ = 0;
  std::vector<ExtraCheck> extra_;
};

}  // namespace

int run_vectors_command(const std::vector<std::string>& args, const SuiteList& suites,
                        std::ostream& out, std::ostream& err) {
  Arguments parsed;
  try {
    parsed = parse(args);
  } catch (const UsageError& error) {
    err << "anvil vectors: " << error.what() << "\n" << usage();
    return kExitUsage;
  }
  if (parsed.list) {
    for (const auto& suite : suites) out << suite.isa << "  " << suite.description << "\n";
    return 0;
  }
  auto suite = std::find_if(suites.begin(), suites.end(),
                            [&](const VectorSuite& s) { return s.isa == parsed.isa; });
  if (suite == suites.end()) {
    err << "anvil vectors: no vector suite for --isa " << parsed.isa << " (this build has:";
    for (const auto& s : suites) err << " " << s.isa;
    err << (suites.empty() ? " none)\n" : ")\n");
    return kExitUsage;
  }
  Totals totals;
  bool bad_file = false;
  for (const auto& path : expand(parsed.paths)) {
    const std::string label = fs::path(path).filename().string();
    try {
      const std::vector<std::uint8_t> data = read_decompressed(path);
      const FileReport report = suite->run(data, parsed.options);
      out << Totals::summary(label, report.passed, report.failed, report.extra) << "\n";
      for (const auto& failure : report.failures) out << "  " << failure << "\n";
      totals.add(report);
    } catch (const FileError& error) {
      err << "anvil vectors: " << error.what() << "\n";
      bad_file = true;
    } catch (const VectorFormatError& error) {
      err << "anvil vectors: " << path << ": " << error.what() << "\n";
      bad_file = true;
    }
    out.flush();
  }
  out << totals.line("total") << "\n";
  if (bad_file) return kExitBadFile;
  if (totals.failed() != 0) return kExitFailed;
  if (parsed.require_all && !totals.extras_all_matched()) return kExitFailed;
  return 0;
}

}  // namespace anvil::vectors
