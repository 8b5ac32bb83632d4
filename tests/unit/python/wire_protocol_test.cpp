// The Python module's request/response framing (platforms/python/wire_protocol.h) over a
// real pipe: what arrives is what was sent, and a peer that goes away mid-message is an
// error, never a hang or a half message.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstring>

#include "platforms/python/wire_protocol.h"

namespace anvil {
namespace {

struct Pipe {
  int fds[2];
  Pipe() { REQUIRE(::pipe(fds) == 0); }
  ~Pipe() {
    close_read();
    close_write();
  }
  int read() const { return fds[0]; }
  int write() const { return fds[1]; }
  void close_read() { close_end(0); }
  void close_write() { close_end(1); }

 private:
  void close_end(int i) {
    if (fds[i] >= 0) ::close(fds[i]);
    fds[i] = -1;
  }
};

void write_raw(int fd, const std::string& bytes) {
  REQUIRE(::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
}

TEST_CASE("messages arrive field for field, binary and empty fields included", "[wire]") {
  Pipe pipe;
  const Message sent{"write-memory", "536870912", std::string("\0\xff\n\x01", 4), ""};
  write_message(pipe.write(), sent);
  write_message(pipe.write(), {});
  CHECK(read_message(pipe.read()) == sent);
  CHECK(read_message(pipe.read()) == Message{});
}

TEST_CASE("the encoding is a little-endian count, then length and bytes per field", "[wire]") {
  Pipe pipe;
  write_message(pipe.write(), {"ok", "7"});
  char bytes[15];
  REQUIRE(::read(pipe.read(), bytes, sizeof bytes) == 15);
  CHECK(std::memcmp(bytes,
                    "\x02\0\0\0\x02\0\0\0ok\x01\0\0\0"
                    "7",
                    15) == 0);
}

TEST_CASE("the end of input between messages is a clean end", "[wire]") {
  Pipe pipe;
  pipe.close_write();
  CHECK_FALSE(read_message(pipe.read()).has_value());
}

TEST_CASE("a message cut short is an error", "[wire]") {
  Pipe pipe;
  write_raw(pipe.write(), std::string("\x02\0\0\0\x05\0\0\0ab", 10));  // 2 fields, 5 bytes: 2 sent
  pipe.close_write();
  CHECK_THROWS_AS(read_message(pipe.read()), ProtocolError);
}

TEST_CASE("absurd counts and lengths are errors, not allocations", "[wire]") {
  Pipe pipe;
  write_raw(pipe.write(), std::string("\xff\xff\xff\xff", 4));
  CHECK_THROWS_WITH(read_message(pipe.read()), Catch::Contains("fields"));
  write_raw(pipe.write(), std::string("\x01\0\0\0\xff\xff\xff\xff", 8));
  CHECK_THROWS_WITH(read_message(pipe.read()), Catch::Contains("bytes"));
}

TEST_CASE("writing to a peer that has gone is an error", "[wire]") {
  // As in the Python process (Python ignores SIGPIPE), a closed pipe shows as EPIPE.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  Pipe pipe;
  pipe.close_read();
  CHECK_THROWS_AS(write_message(pipe.write(), {"stats"}), ProtocolError);
  std::signal(SIGPIPE, previous);
}

TEST_CASE("numbers travel as decimal text", "[wire]") {
  CHECK(number_text(18446744073709551615ull) == "18446744073709551615");
  CHECK(parse_number("1024", "size") == 1024);
  CHECK_THROWS_WITH(parse_number("0x10", "address"), "address: expected a number, got \"0x10\"");
  CHECK_THROWS_AS(parse_number("", "size"), ProtocolError);
  CHECK_THROWS_AS(parse_number("99999999999999999999", "size"), ProtocolError);
}

}  // namespace
}  // namespace anvil
