// Transports for the GDB stub: a TCP listener (`--gdb [HOST:]PORT`, loopback unless a host
// is named) and stdio (`target remote | anvil run ... --gdb stdio`).
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "debug/gdbstub/byte_stream.h"

namespace anvil {

// A transport could not be set up: the message names the address and the system error.
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A ByteStream over POSIX file descriptors (a socket, or stdin/stdout).
class FdStream : public ByteStream {
 public:
  // Closes the descriptors it owns on destruction.
  FdStream(int read_fd, int write_fd, bool owns_fds);
  ~FdStream() override;
  FdStream(const FdStream&) = delete;
  FdStream& operator=(const FdStream&) = delete;

  ReadResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
  bool write(std::span<const std::uint8_t> bytes) override;

 private:
  int read_fd_;
  int write_fd_;
  bool owns_fds_;
};

// GDB over the process's stdin and stdout.
std::unique_ptr<ByteStream> open_stdio_stream();

struct ListenAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
};
// "PORT", ":PORT" or "HOST:PORT" ("[::1]:PORT" for IPv6). Throws TransportError.
ListenAddress parse_listen_address(std::string_view text);

class TcpListener {
 public:
  // Binds and listens; port 0 picks a free port (see port()). Throws TransportError.
  explicit TcpListener(const ListenAddress& address);
  ~TcpListener();
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;

  std::uint16_t port() const { return port_; }
  // Waits for GDB to connect. Throws TransportError.
  std::unique_ptr<ByteStream> accept();

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::string description_;  // "127.0.0.1:1234", for errors
};

// Where GDB connects for `anvil run --gdb SPEC`: "stdio", or "PORT" / "HOST:PORT" to listen
// on (127.0.0.1 unless a host is named). The listener stays open between sessions, so a new
// GDB can attach after one disconnects (--gdb-on-disconnect=stop); stdio serves one session.
class GdbEndpoint {
 public:
  // Opens stdio or binds the listener. Throws TransportError.
  explicit GdbEndpoint(std::string_view spec);
  // The next session's stream: waits for GDB to connect, telling `log` where. nullptr when no
  // further session can come (stdio after its first). Throws TransportError.
  std::unique_ptr<ByteStream> next_connection(std::ostream& log);
  // Whether a session after the current one is possible (a listener, not stdio).
  bool reconnectable() const { return listener_ != nullptr; }
  // "127.0.0.1:1234", or "stdio".
  const std::string& description() const { return description_; }

 private:
  std::unique_ptr<TcpListener> listener_;
  std::string description_;
  bool stdio_taken_ = false;
};

// The transport `anvil run --gdb SPEC` asks for: "stdio", or "PORT" / "HOST:PORT" to
// listen (127.0.0.1 unless a host is named) and wait for one connection. Writes where it
// waits to `log` (stderr for the CLI). Throws TransportError.
std::unique_ptr<ByteStream> open_gdb_transport(std::string_view spec, std::ostream& log);

}  // namespace anvil
