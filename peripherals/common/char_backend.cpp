#include "peripherals/common/char_backend.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace anvil {

void StdioBackend::write(std::uint8_t byte) {
  std::fputc(byte, stdout);
  // Flush per line so output interleaves sensibly with the status line and tracing.
  if (byte == '\n') std::fflush(stdout);
}

std::optional<std::uint8_t> StdioBackend::read() {
  if (!input_) return std::nullopt;
  pollfd fd{STDIN_FILENO, POLLIN, 0};
  if (::poll(&fd, 1, 0) <= 0 || !(fd.revents & (POLLIN | POLLHUP))) return std::nullopt;
  std::uint8_t byte = 0;
  const ssize_t got = ::read(STDIN_FILENO, &byte, 1);
  if (got != 1) {
    input_ = false;  // end of input (or an error): stop polling
    return std::nullopt;
  }
  return byte;
}

FileBackend::FileBackend(const std::string& path) : file_(std::fopen(path.c_str(), "wb")) {
  if (!file_)
    throw std::runtime_error("cannot open backend file " + path + ": " + std::strerror(errno));
}

FileBackend::~FileBackend() {
  std::fclose(file_);
}

void FileBackend::write(std::uint8_t byte) {
  std::fputc(byte, file_);
  if (byte == '\n') std::fflush(file_);
}

std::optional<std::uint8_t> StringBackend::read() {
  if (input_.empty()) return std::nullopt;
  const auto byte = static_cast<std::uint8_t>(input_.front());
  input_.pop_front();
  return byte;
}

std::optional<std::string> char_backend_problem(const std::string& spec) {
  if (spec == "stdio" || spec == "null" || spec == "capture") return std::nullopt;
  if (spec.rfind("file:", 0) == 0 && spec.size() > 5) return std::nullopt;
  return "unknown backend \"" + spec +
         "\" (expected \"stdio\", \"null\", \"file:PATH\" or \"capture\")";
}

std::unique_ptr<CharBackend> make_char_backend(const std::string& spec) {
  if (auto problem = char_backend_problem(spec)) throw std::runtime_error(*problem);
  if (spec == "stdio") return std::make_unique<StdioBackend>(true);
  if (spec == "null") return std::make_unique<NullBackend>();
  if (spec == "capture") return std::make_unique<StringBackend>();
  return std::make_unique<FileBackend>(spec.substr(5));
}

}  // namespace anvil
