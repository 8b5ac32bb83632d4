// The framing layer against the GDB manual's "Overview" and "Packet Acknowledgment".
#include "debug/gdbstub/rsp_connection.h"

#include <catch2/catch.hpp>

#include "debug/gdbstub/hex.h"
#include "tests/unit/gdbstub/fake_target.h"
#include "tests/unit/gdbstub/stub_session.h"

using namespace anvil;
using namespace anvil::test;

namespace {
std::vector<std::uint8_t> bytes_of(std::string_view text) {
  return {text.begin(), text.end()};
}
}  // namespace

TEST_CASE("a packet is framed with the modulo-256 sum of its payload") {
  // Checksums as printed in the GDB manual's examples: $OK#9a, $g#67, $qC#b4.
  ScriptedStream stream;
  RspConnection connection(stream);
  connection.send("OK");
  connection.send("");
  CHECK(stream.output == "$OK#9a$#00");
  CHECK(frame("g") == "$g#67");
  CHECK(frame("qC") == "$qC#b4");
}

TEST_CASE("a good packet is acknowledged with + and delivered") {
  ScriptedStream stream;
  stream.chunks = {"$g#67"};
  RspConnection connection(stream);
  auto packet = connection.next_packet();
  REQUIRE(packet);
  CHECK(packet->status == ReceivedPacket::Status::Ok);
  CHECK(packet->payload == "g");
  CHECK(stream.output == "+");
  CHECK_FALSE(connection.next_packet());  // the script ended: closed
}

TEST_CASE("checksum digits may be upper case") {
  ScriptedStream stream;
  stream.chunks = {"$qC#B4"};
  RspConnection connection(stream);
  auto packet = connection.next_packet();
  REQUIRE(packet);
  CHECK(packet->payload == "qC");
}

TEST_CASE("a bad checksum is answered with - and the packet dropped") {
  ScriptedStream stream;
  stream.chunks = {"$g#68", "$g#zz", "$g#67"};
  RspConnection connection(stream);
  auto packet = connection.next_packet();
  REQUIRE(packet);
  CHECK(packet->payload == "g");
  CHECK(stream.output == "--+");
  CHECK(connection.counters().bad_checksums == 2);
  CHECK(connection.counters().packets == 1);
}

TEST_CASE("a - from GDB resends the last packet, + and noise between packets are ignored") {
  ScriptedStream stream;
  RspConnection connection(stream);
  connection.send("OK");
  stream.chunks = {"-", "+", "xyz\r\n", "-"};
  CHECK_FALSE(connection.next_packet());
  CHECK(stream.output == "$OK#9a$OK#9a$OK#9a");
  CHECK(connection.counters().resends == 2);
}

TEST_CASE("after QStartNoAckMode nothing is acknowledged and - resends nothing") {
  ScriptedStream stream;
  RspConnection connection(stream);
  connection.disable_acks();
  connection.send("OK");
  stream.chunks = {"-", "$g#67", "$g#00"};
  auto packet = connection.next_packet();
  REQUIRE(packet);
  CHECK(packet->payload == "g");
  CHECK_FALSE(connection.next_packet());
  CHECK(stream.output == "$OK#9a");
  CHECK(connection.counters().bad_checksums == 1);
}

TEST_CASE("run-length encoding is expanded: c*n is c plus n-29 copies") {
  // The GDB manual's example: "0* " means "0000" (' ' is 32, three more copies).
  ScriptedStream stream;
  stream.chunks = {frame("m0* ,4")};
  RspConnection connection(stream);
  auto packet = connection.next_packet();
  REQUIRE(packet);
  CHECK(packet->status == ReceivedPacket::Status::Ok);
  CHECK(packet->payload == "m0000,4");
}

TEST_CASE("broken run-length encoding makes the packet malformed") {
  for (const char* payload : {"*!", "m0*", "m0*\x10", "}a*!", "a*!*!"}) {
    ScriptedStream stream;
    stream.chunks = {frame(payload)};
    RspConnection connection(stream);
    auto packet = connection.next_packet();
    REQUIRE(packet);
    CHECK(packet->status == ReceivedPacket::Status::Malformed);
  }
}

TEST_CASE("escaped bytes pass through the framing untouched, '*' after } is data") {
  ScriptedStream stream;
  stream.chunks = {frame("X0,1:}\x0a")};  // } 0x0a is '*'
  RspConnection connection(stream);
  auto packet = connection.next_packet();
  REQUIRE(packet);
  CHECK(packet->status == ReceivedPacket::Status::Ok);
  CHECK(packet->payload == "X0,1:}\x0a");
}

TEST_CASE("0x03 outside a packet is an interrupt, inside a packet it is data") {
  ScriptedStream stream;
  RspConnection connection(stream);
  stream.chunks = {std::string("$X0,1:\x03#") + "00"};
  // The checksum of "X0,1:\x03" is not 00, so the packet is refused, but the 0x03 in it
  // did not count as an interrupt.
  CHECK_FALSE(connection.poll_interrupt());
  stream.chunks = {"\x03"};
  CHECK(connection.poll_interrupt());
  CHECK_FALSE(connection.poll_interrupt());  // consumed
  CHECK(connection.counters().interrupts == 1);
}

TEST_CASE("a $ inside a packet starts a new packet") {
  ScriptedStream stream;
  stream.chunks = {"$m0,4$g#67"};
  RspConnection connection(stream);
  auto packet = connection.next_packet();
  REQUIRE(packet);
  CHECK(packet->payload == "g");
}

TEST_CASE("a packet over PacketSize is acknowledged and reported as too long") {
  ScriptedStream stream;
  const std::string huge(RspConnection::kMaxPacketSize + 100, 'a');
  stream.chunks = {frame(huge), frame("g")};
  RspConnection connection(stream);
  auto first = connection.next_packet();
  REQUIRE(first);
  CHECK(first->status == ReceivedPacket::Status::TooLong);
  CHECK(first->payload.empty());
  auto second = connection.next_packet();
  REQUIRE(second);
  CHECK(second->payload == "g");
  CHECK(stream.output == "++");
  // Exactly PacketSize bytes still fits.
  stream.chunks = {frame(std::string(RspConnection::kMaxPacketSize, 'b'))};
  auto exact = connection.next_packet();
  REQUIRE(exact);
  CHECK(exact->status == ReceivedPacket::Status::Ok);
}

TEST_CASE("run-length expansion past PacketSize is too long") {
  std::string payload;
  for (int i = 0; i < 200; ++i) payload += "a*~";  // 98 bytes each
  ScriptedStream stream;
  stream.chunks = {frame(payload)};
  RspConnection connection(stream);
  auto packet = connection.next_packet();
  REQUIRE(packet);
  CHECK(packet->status == ReceivedPacket::Status::TooLong);
}

TEST_CASE("binary escaping covers $ # } and * and round-trips") {
  const std::vector<std::uint8_t> data = {'$', '#', '}', '*', 'a', 0x00, 0x03, 0xff};
  const std::string escaped = escape_binary(data);
  CHECK(escaped == std::string("}\x04}\x03}]}\x0a"
                               "a\x00\x03\xff",
                               12));
  const auto back = unescape_binary(escaped);
  REQUIRE(back);
  CHECK(bytes_of(*back) == data);
  CHECK_FALSE(unescape_binary("ab}"));
}

TEST_CASE("escape_binary_prefix never splits an escape pair") {
  const std::vector<std::uint8_t> data = {'a', '}', 'b'};
  std::size_t consumed = 0;
  CHECK(escape_binary_prefix(data, 2, consumed) == "a");
  CHECK(consumed == 1);
  CHECK(escape_binary_prefix(data, 3, consumed) == "a}]");
  CHECK(consumed == 2);
}

TEST_CASE("PacketReader parses hex numbers with bounds checks") {
  PacketReader reader("ffffffffffffffff,00000000000000001,10000000000000000");
  CHECK(reader.hex_number() == 0xffffffffffffffffull);
  CHECK(reader.consume(','));
  CHECK(reader.hex_number() == 1);  // leading zeros do not overflow
  CHECK(reader.consume(','));
  CHECK_FALSE(reader.hex_number());  // 17 significant digits
  CHECK(reader.rest() == "10000000000000000");
  PacketReader empty("");
  CHECK_FALSE(empty.hex_number());
  PacketReader threads("-1;0;1f;-2");
  CHECK(threads.thread_id() == -1);
  CHECK(threads.consume(';'));
  CHECK(threads.thread_id() == 0);
  CHECK(threads.consume(';'));
  CHECK(threads.thread_id() == 0x1f);
  CHECK(threads.consume(';'));
  CHECK_FALSE(threads.thread_id());
}

TEST_CASE("hex_decode rejects odd lengths and non-hex digits") {
  CHECK(hex_decode("00fF10") == std::vector<std::uint8_t>{0x00, 0xff, 0x10});
  CHECK_FALSE(hex_decode("abc"));
  CHECK_FALSE(hex_decode("zz"));
  CHECK(hex_encode(std::string_view("OK")) == "4f4b");
}
