#include "debug/gdbstub/transports.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace anvil {

FdStream::FdStream(int read_fd, int write_fd, bool owns_fds)
    : read_fd_(read_fd), write_fd_(write_fd), owns_fds_(owns_fds) {}

FdStream::~FdStream() {
  if (!owns_fds_) return;
  ::close(read_fd_);
  if (write_fd_ != read_fd_) ::close(write_fd_);
}

ByteStream::ReadResult FdStream::read(std::span<std::uint8_t> buffer,
                                      std::chrono::milliseconds timeout) {
  pollfd request{read_fd_, POLLIN, 0};
  int ready;
  do {
    ready = ::poll(&request, 1, static_cast<int>(timeout.count()));
  } while (ready < 0 && errno == EINTR);
  if (ready < 0) return {ReadStatus::Closed, 0};
  if (ready == 0) return {ReadStatus::Timeout, 0};
  ssize_t count;
  do {
    count = ::read(read_fd_, buffer.data(), buffer.size());
  } while (count < 0 && errno == EINTR);
  if (count <= 0) return {ReadStatus::Closed, 0};
  return {ReadStatus::Data, static_cast<std::size_t>(count)};
}

bool FdStream::write(std::span<const std::uint8_t> bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    // MSG_NOSIGNAL is socket-only; stdout is written with write() (SIGPIPE then is the
    // process's own business, as for any tool writing to a closed pipe).
    ssize_t count = ::send(write_fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (count < 0 && errno == ENOTSOCK) {
      count = ::write(write_fd_, bytes.data() + done, bytes.size() - done);
    }
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return false;
    done += static_cast<std::size_t>(count);
  }
  return true;
}

std::unique_ptr<ByteStream> open_stdio_stream() {
  return std::make_unique<FdStream>(STDIN_FILENO, STDOUT_FILENO, false);
}

ListenAddress parse_listen_address(std::string_view text) {
  ListenAddress address;
  std::string_view port_text = text;
  const std::size_t colon = text.rfind(':');
  if (colon != std::string_view::npos) {
    std::string_view host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);
    }
    if (!host.empty()) address.host = std::string(host);
    port_text = text.substr(colon + 1);
  }
  unsigned port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || error != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    throw TransportError("gdb: bad listen address '" + std::string(text) +
                         "': expected PORT or HOST:PORT with PORT in 0..65535");
  }
  address.port = static_cast<std::uint16_t>(port);
  return address;
}

TcpListener::TcpListener(const ListenAddress& address)
    : description_(address.host + ":" + std::to_string(address.port)) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(address.port);
  if (int error = ::getaddrinfo(address.host.c_str(), service.c_str(), &hints, &found)) {
    throw TransportError("gdb: cannot resolve " + description_ + ": " + gai_strerror(error));
  }
  std::string last_error = "no address";
  for (addrinfo* candidate = found; candidate; candidate = candidate->ai_next) {
    fd_ = ::socket(candidate->ai_family, candidate->ai_socktype | SOCK_CLOEXEC,
                   candidate->ai_protocol);
    if (fd_ < 0) continue;
    const int yes = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd_, candidate->ai_addr, candidate->ai_addrlen) == 0 && ::listen(fd_, 1) == 0) {
      break;
    }
    last_error = std::strerror(errno);
    ::close(fd_);
    fd_ = -1;
  }
  ::freeaddrinfo(found);
  if (fd_ < 0) throw TransportError("gdb: cannot listen on " + description_ + ": " + last_error);

  sockaddr_storage bound{};
  socklen_t bound_size = sizeof bound;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&bound), &bound_size);
  if (bound.ss_family == AF_INET6) {
    sockaddr_in6 ipv6;
    std::memcpy(&ipv6, &bound, sizeof ipv6);
    port_ = ntohs(ipv6.sin6_port);
  } else {
    sockaddr_in ipv4;
    std::memcpy(&ipv4, &bound, sizeof ipv4);
    port_ = ntohs(ipv4.sin_port);
  }
}

TcpListener::~TcpListener() {
  if (fd_ >= 0) ::close(fd_);
}

std::unique_ptr<ByteStream> TcpListener::accept() {
  int connection;
  do {
    connection = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
  } while (connection < 0 && errno == EINTR);
  if (connection < 0) {
    throw TransportError("gdb: accept on " + description_ + " failed: " + std::strerror(errno));
  }
  // Packets are small and each waits for an answer: send them at once.
  const int yes = 1;
  ::setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  return std::make_unique<FdStream>(connection, connection, true);
}

GdbEndpoint::GdbEndpoint(std::string_view spec) {
  if (spec == "stdio") {
    description_ = "stdio";
    return;
  }
  const ListenAddress address = parse_listen_address(spec);
  listener_ = std::make_unique<TcpListener>(address);
  description_ = address.host + ":" + std::to_string(listener_->port());
}

std::unique_ptr<ByteStream> GdbEndpoint::next_connection(std::ostream& log) {
  if (!listener_) {
    if (stdio_taken_) return nullptr;
    stdio_taken_ = true;
    return open_stdio_stream();
  }
  log << "anvil: waiting for GDB on " << description_ << std::endl;
  return listener_->accept();
}

std::unique_ptr<ByteStream> open_gdb_transport(std::string_view spec, std::ostream& log) {
  // One session: the listener closes once GDB is connected.
  GdbEndpoint endpoint(spec);
  return endpoint.next_connection(log);
}

}  // namespace anvil
