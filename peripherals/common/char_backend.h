// Character backends: where a UART's (or the simulator-control device's) bytes go on the
// host, and where received bytes come from. Tests use StringBackend to capture output and
// feed input.
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace anvil {

class CharBackend {
 public:
  virtual ~CharBackend() = default;
  virtual void write(std::uint8_t byte) = 0;
  // Whether read() can ever return a byte (the device polls only then).
  virtual bool has_input() const { return false; }
  // The next received byte, if one is available now (never blocks).
  virtual std::optional<std::uint8_t> read() { return std::nullopt; }
};

// Discards output; never has input.
class NullBackend final : public CharBackend {
 public:
  void write(std::uint8_t) override {}
};

// Output to stdout, input from stdin when `with_input` (polled without blocking).
class StdioBackend final : public CharBackend {
 public:
  explicit StdioBackend(bool with_input) : input_(with_input) {}
  void write(std::uint8_t byte) override;
  bool has_input() const override { return input_; }
  std::optional<std::uint8_t> read() override;

 private:
  bool input_;
};

// Output appended to a file (created or truncated); no input.
class FileBackend final : public CharBackend {
 public:
  // Throws std::runtime_error naming the file when it cannot be opened.
  explicit FileBackend(const std::string& path);
  ~FileBackend() override;
  FileBackend(const FileBackend&) = delete;
  FileBackend& operator=(const FileBackend&) = delete;
  void write(std::uint8_t byte) override;

 private:
  std::FILE* file_;
};

// Output captured in a string, input served from a queue: for tests and scripted input.
class StringBackend final : public CharBackend {
 public:
  explicit StringBackend(std::string input = {}) : input_(input.begin(), input.end()) {}
  void write(std::uint8_t byte) override { output_.push_back(static_cast<char>(byte)); }
  bool has_input() const override { return true; }
  std::optional<std::uint8_t> read() override;
  void push_input(const std::string& more) {
    input_.insert(input_.end(), more.begin(), more.end());
  }
  const std::string& output() const { return output_; }

 private:
  std::deque<char> input_;
  std::string output_;
};

// "stdio", "null", "file:PATH" or "capture" (a StringBackend: output kept in memory, input
// pushed by the program, as the Python module does). Throws std::runtime_error on anything
// else.
std::unique_ptr<CharBackend> make_char_backend(const std::string& spec);
// What make_char_backend would reject `spec` for, without opening anything; nullopt if good.
std::optional<std::string> char_backend_problem(const std::string& spec);

}  // namespace anvil
