// The request/response protocol between anvil.Simulation (in the Python process) and the
// simulation server in its child process (docs/python.md, "One process per simulation").
//
// A message is a list of byte strings. On the pipe: a 32-bit field count, then per field a
// 32-bit length and the bytes; integers little-endian. A request's first field names the
// command; a reply's first field is "ok", "stop" (a run ended) or "error" (then the error
// kind and the message). Numbers travel as decimal text, so a transcript reads easily.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace anvil {

using Message = std::vector<std::string>;

// The other side went away, or sent something that is not a message.
struct ProtocolError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws ProtocolError when the pipe is closed.
void write_message(int fd, const Message& message);
// nullopt at a clean end of input (the peer closed between messages); throws ProtocolError
// on a message cut short or absurdly large. A signal interrupting the wait calls
// `on_signal` (if any), then the wait goes on.
std::optional<Message> read_message(int fd, const std::function<void()>& on_signal = {});

// Decimal text both ways; parse_number throws ProtocolError naming `what`.
std::string number_text(std::uint64_t value);
std::uint64_t parse_number(const std::string& text, const std::string& what);

}  // namespace anvil
