// ByteStream: the transport under the GDB remote protocol. The stub only reads and writes
// bytes, so tests drive it from memory and the CLI from a TCP socket or stdio.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

namespace anvil {

class ByteStream {
 public:
  enum class ReadStatus : std::uint8_t { Data, Timeout, Closed };
  struct ReadResult {
    ReadStatus status;
    std::size_t count;  // bytes stored, for Data
  };

  virtual ~ByteStream() = default;
  // Waits at most `timeout` (zero: do not wait) for input and stores up to buffer.size()
  // bytes.
  virtual ReadResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) = 0;
  // Writes every byte; false once the peer has gone.
  virtual bool write(std::span<const std::uint8_t> bytes) = 0;
};

}  // namespace anvil
