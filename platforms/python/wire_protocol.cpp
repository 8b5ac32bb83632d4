#include "platforms/python/wire_protocol.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace anvil {
namespace {

// Far more than any memory read or UART output a test asks for, far less than a broken
// length would claim.
constexpr std::uint32_t kMaxFieldBytes = 256u << 20;
constexpr std::uint32_t kMaxFields = 1u << 16;

void write_all(int fd, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  while (size > 0) {
    const ssize_t done = ::write(fd, bytes, size);
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) throw ProtocolError(std::string("pipe closed: ") + std::strerror(errno));
    bytes += done;
    size -= static_cast<std::size_t>(done);
  }
}

// False at end of input before the first byte; throws if it ends in the middle.
bool read_all(int fd, void* data, std::size_t size, const std::function<void()>& on_signal = {}) {
  auto* bytes = static_cast<std::uint8_t*>(data);
  std::size_t got = 0;
  while (got < size) {
    const ssize_t done = ::read(fd, bytes + got, size - got);
    if (done < 0 && errno == EINTR) {
      if (on_signal) on_signal();
      continue;
    }
    if (done < 0) throw ProtocolError(std::string("read failed: ") + std::strerror(errno));
    if (done == 0) {
      if (got == 0) return false;
      throw ProtocolError("the simulation process closed the pipe in the middle of a message");
    }
    got += static_cast<std::size_t>(done);
  }
  return true;
}

void put_u32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

std::uint32_t read_u32(int fd, bool& at_end, const std::function<void()>& on_signal = {}) {
  std::uint8_t bytes[4];
  at_end = !read_all(fd, bytes, sizeof bytes, on_signal);
  if (at_end) return 0;
  return static_cast<std::uint32_t>(bytes[0]) | static_cast<std::uint32_t>(bytes[1]) << 8 |
         static_cast<std::uint32_t>(bytes[2]) << 16 | static_cast<std::uint32_t>(bytes[3]) << 24;
}

std::uint32_t read_u32_inside(int fd) {
  bool at_end = false;
  const std::uint32_t value = read_u32(fd, at_end);
  if (at_end) throw ProtocolError("the simulation process closed the pipe in a message");
  return value;
}

}  // namespace

void write_message(int fd, const Message& message) {
  std::string out;
  put_u32(out, static_cast<std::uint32_t>(message.size()));
  for (const std::string& field : message) {
    put_u32(out, static_cast<std::uint32_t>(field.size()));
    out += field;
  }
  write_all(fd, out.data(), out.size());
}

std::optional<Message> read_message(int fd, const std::function<void()>& on_signal) {
  // Only the wait for a message's first bytes is long (a run); the rest follows at once.
  bool at_end = false;
  const std::uint32_t count = read_u32(fd, at_end, on_signal);
  if (at_end) return std::nullopt;
  if (count > kMaxFields) throw ProtocolError("a message of " + std::to_string(count) + " fields");
  Message message(count);
  for (std::string& field : message) {
    const std::uint32_t size = read_u32_inside(fd);
    if (size > kMaxFieldBytes) throw ProtocolError("a field of " + std::to_string(size) + " bytes");
    field.resize(size);
    if (size > 0 && !read_all(fd, field.data(), size))
      throw ProtocolError("the simulation process closed the pipe in a message");
  }
  return message;
}

std::string number_text(std::uint64_t value) {
  return std::to_string(value);
}

std::uint64_t parse_number(const std::string& text, const std::string& what) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty())
    throw ProtocolError(what + ": expected a number, got \"" + text + "\"");
  return value;
}

}  // namespace anvil
