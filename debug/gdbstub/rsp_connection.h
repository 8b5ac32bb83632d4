// RspConnection: the framing layer of the GDB Remote Serial Protocol (GDB manual, "Remote
// Protocol" / "Overview"). Turns a byte stream into packet payloads and back:
//   $payload#cc   cc = two hex digits, the sum of the payload bytes modulo 256
//   + / -         acknowledge / ask for a resend (until QStartNoAckMode)
//   0x03          interrupt request, outside a packet
//   }x            escape: the byte x ^ 0x20 (for $ # } * inside binary data)
//   c*n           run-length encoding: c repeated (n - 29) more times
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "debug/gdbstub/byte_stream.h"

namespace anvil {

// A received packet after framing: the payload with run-length encoding expanded (escapes
// are left for the packet handler, since only binary packets use them).
struct ReceivedPacket {
  enum class Status : std::uint8_t {
    Ok,
    TooLong,    // longer than kMaxPacketSize: the payload is dropped
    Malformed,  // the run-length encoding is broken
  };
  Status status = Status::Ok;
  std::string payload;
};

class RspConnection {
 public:
  // The PacketSize the stub advertises in qSupported: the largest payload GDB may send and
  // the largest the stub replies with.
  static constexpr std::size_t kMaxPacketSize = 0x4000;

  struct Counters {
    std::size_t packets = 0;        // well-formed packets received
    std::size_t bad_checksums = 0;  // answered with '-'
    std::size_t too_long = 0;       // payloads over kMaxPacketSize
    std::size_t resends = 0;        // our last packet sent again after a '-'
    std::size_t interrupts = 0;     // 0x03 bytes seen outside a packet
  };

  explicit RspConnection(ByteStream& stream) : stream_(stream) {}

  // Blocks until a packet is complete; nullopt once the stream is closed.
  std::optional<ReceivedPacket> next_packet();
  // Reads whatever input is available without blocking (the target is running): acks,
  // interrupts, packets (queued for next_packet()). True if an interrupt arrived after
  // the packet last returned by next_packet() (the resume); the request is consumed.
  // Also true once the stream is closed, so a run stops when GDB goes.
  bool poll_interrupt();
  bool closed() const { return closed_; }

  // Frames and sends a payload (the caller escapes binary data, see escape_binary()).
  // Returns false if the peer has gone.
  bool send(std::string_view payload);

  // After QStartNoAckMode: no '+'/'-' is sent, and received ones are ignored.
  void disable_acks() { acks_ = false; }
  bool acks_enabled() const { return acks_; }

  const Counters& counters() const { return counters_; }

  // Parses received bytes (next_packet() and poll_interrupt() call this; tests may too).
  void receive(std::span<const std::uint8_t> bytes);

 private:
  enum class State : std::uint8_t { Idle, Payload, ChecksumHigh, ChecksumLow };

  void receive_byte(std::uint8_t byte);
  void finish_packet();
  bool read_some(std::chrono::milliseconds timeout);
  bool send_raw(std::string_view bytes);

  ByteStream& stream_;
  State state_ = State::Idle;
  std::string raw_;            // payload bytes of the packet being received
  bool raw_overflow_ = false;  // the payload went past kMaxPacketSize
  std::uint8_t sum_ = 0;       // running checksum of the payload
  std::uint8_t sent_sum_ = 0;  // checksum digits received
  bool sent_sum_valid_ = true;
  bool acks_ = true;
  bool interrupt_pending_ = false;
  std::size_t interrupt_after_packet_ = 0;  // packets completed before the interrupt byte
  std::size_t packets_completed_ = 0;       // queued by the parser
  std::size_t packets_delivered_ = 0;       // handed out by next_packet()
  bool closed_ = false;
  std::deque<ReceivedPacket> ready_;
  std::string last_sent_;  // the last framed packet, for a '-' resend
  Counters counters_;
};

// Binary data for X packets and qXfer replies (GDB manual, "Overview", binary data):
// '$', '#', '}' and '*' are sent as '}' followed by the byte XOR 0x20.
std::string escape_binary(std::span<const std::uint8_t> data);
// Escapes at most `max_output` characters' worth of `data`; `consumed` receives how many
// input bytes fit.
std::string escape_binary_prefix(std::span<const std::uint8_t> data, std::size_t max_output,
                                 std::size_t& consumed);
// Undoes escape_binary(); nullopt if the data ends in the middle of an escape.
std::optional<std::string> unescape_binary(std::string_view data);

}  // namespace anvil
