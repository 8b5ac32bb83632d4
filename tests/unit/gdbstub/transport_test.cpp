// TCP and address parsing. Sockets on 127.0.0.1 only.
#include "debug/gdbstub/transports.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "debug/gdbstub/gdb_stub.h"
#include "tests/unit/gdbstub/stub_session.h"

using namespace anvil;
using namespace anvil::test;

TEST_CASE("listen addresses: PORT, :PORT, HOST:PORT, [IPv6]:PORT") {
  CHECK(parse_listen_address("1234").host == "127.0.0.1");
  CHECK(parse_listen_address("1234").port == 1234);
  CHECK(parse_listen_address(":3333").host == "127.0.0.1");
  CHECK(parse_listen_address("0.0.0.0:3333").host == "0.0.0.0");
  CHECK(parse_listen_address("[::1]:80").host == "::1");
  CHECK(parse_listen_address("[::1]:80").port == 80);
  for (const char* bad : {"", "host:", "65536", "12ab", "localhost:-1", "x"}) {
    CHECK_THROWS_AS(parse_listen_address(bad), TransportError);
  }
}

TEST_CASE("a listener on a bad host fails with the address in the message") {
  try {
    TcpListener listener(ListenAddress{"256.1.1.1", 0});
    FAIL("bound to an impossible address");
  } catch (const TransportError& error) {
    CHECK(std::string(error.what()).find("256.1.1.1:0") != std::string::npos);
  }
}

namespace {
int connect_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  return fd;
}

std::string read_exactly(int fd, std::size_t count) {
  std::string out;
  char buffer[256];
  while (out.size() < count) {
    const ssize_t got = ::read(fd, buffer, std::min(sizeof buffer, count - out.size()));
    if (got <= 0) break;
    out.append(buffer, static_cast<std::size_t>(got));
  }
  return out;
}
}  // namespace

TEST_CASE("the stub serves a TCP connection on 127.0.0.1 until the client closes") {
  TcpListener listener(ListenAddress{"127.0.0.1", 0});
  REQUIRE(listener.port() != 0);
  FakeTarget target;
  GdbStub::SessionEnd end = GdbStub::SessionEnd::Killed;
  std::thread server([&] {
    auto stream = listener.accept();
    GdbStub stub(target, *stream);
    end = stub.serve();
  });
  const int client = connect_loopback(listener.port());
  for (const auto& [request, reply] :
       {std::pair{frame("qC"), frame("QC1")}, std::pair{frame("m20000000,2"), frame("0000")}}) {
    REQUIRE(::write(client, request.data(), request.size()) ==
            static_cast<ssize_t>(request.size()));
    CHECK(read_exactly(client, 1 + reply.size()) == "+" + reply);
  }
  ::close(client);
  server.join();
  CHECK(end == GdbStub::SessionEnd::Disconnected);
}

TEST_CASE("FdStream works over pipes, as the stdio transport does") {
  int to_stub[2];
  int from_stub[2];
  REQUIRE(::pipe(to_stub) == 0);
  REQUIRE(::pipe(from_stub) == 0);
  const std::string request = frame("qAttached");
  REQUIRE(::write(to_stub[1], request.data(), request.size()) ==
          static_cast<ssize_t>(request.size()));
  ::close(to_stub[1]);  // GDB goes away after one packet
  FakeTarget target;
  {
    FdStream stream(to_stub[0], from_stub[1], true);
    GdbStub stub(target, stream);
    CHECK(stub.serve() == GdbStub::SessionEnd::Disconnected);
  }
  const std::string expected = "+" + frame("1");
  CHECK(read_exactly(from_stub[0], expected.size() + 1) == expected);  // then end of file
  ::close(from_stub[0]);
}

TEST_CASE("open_gdb_transport: stdio, or a bad spec named in the error") {
  std::ostringstream log;
  CHECK(open_gdb_transport("stdio", log) != nullptr);
  try {
    open_gdb_transport("localhost:http", log);
    FAIL("accepted a service name as a port");
  } catch (const TransportError& error) {
    CHECK(std::string(error.what()).find("'localhost:http'") != std::string::npos);
  }
  CHECK(log.str().empty());
}

TEST_CASE("GdbEndpoint keeps listening: a second GDB connects after the first goes") {
  GdbEndpoint endpoint("127.0.0.1:0");
  CHECK(endpoint.reconnectable());
  const std::string& where = endpoint.description();
  REQUIRE(where.rfind("127.0.0.1:", 0) == 0);
  const auto port = static_cast<std::uint16_t>(std::stoi(where.substr(10)));
  REQUIRE(port != 0);
  FakeTarget target;
  std::vector<GdbStub::SessionEnd> ends;
  std::ostringstream log;
  std::thread server([&] {
    for (int session = 0; session < 2; ++session) {
      auto stream = endpoint.next_connection(log);
      GdbStub stub(target, *stream);
      ends.push_back(stub.serve());
    }
  });
  for (int session = 0; session < 2; ++session) {
    const int client = connect_loopback(port);
    const std::string request = frame("qC");
    REQUIRE(::write(client, request.data(), request.size()) ==
            static_cast<ssize_t>(request.size()));
    CHECK(read_exactly(client, 1 + frame("QC1").size()) == "+" + frame("QC1"));
    ::close(client);
  }
  server.join();
  CHECK(ends == std::vector{GdbStub::SessionEnd::Disconnected, GdbStub::SessionEnd::Disconnected});
  CHECK(log.str() ==
        "anvil: waiting for GDB on " + where + "\nanvil: waiting for GDB on " + where + "\n");
}

TEST_CASE("GdbEndpoint over stdio serves one session") {
  GdbEndpoint endpoint("stdio");
  std::ostringstream log;
  CHECK_FALSE(endpoint.reconnectable());
  CHECK(endpoint.next_connection(log) != nullptr);
  CHECK(endpoint.next_connection(log) == nullptr);
  CHECK(log.str().empty());
}
