#include "debug/gdbstub/rsp_connection.h"

#include <array>

#include "debug/gdbstub/hex.h"

namespace anvil {

namespace {

constexpr std::uint8_t kInterruptByte = 0x03;
constexpr char kEscape = '}';
constexpr char kRunLength = '*';
// A run-length count character n means n - 29 more copies (GDB manual, "Overview"). GDB
// keeps n printable and never '#' or '$', so anything below ' ' or above '~' is an error.
constexpr unsigned kRunLengthBias = 29;
constexpr std::uint8_t kFirstCountChar = ' ';
constexpr std::uint8_t kLastCountChar = '~';

bool needs_escape(std::uint8_t byte) {
  return byte == '$' || byte == '#' || byte == kEscape || byte == kRunLength;
}

// Expands run-length encoding. Escape pairs are copied untouched: the byte after '}' is
// data, never a count, and a run may not repeat half of an escape pair.
ReceivedPacket expand_run_lengths(const std::string& raw) {
  ReceivedPacket packet;
  std::string& out = packet.payload;
  out.reserve(raw.size());
  bool previous_is_plain = false;  // out.back() is a character a run may repeat
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<std::uint8_t>(raw[i]);
    if (c == kEscape) {
      if (i + 1 >= raw.size()) {
        packet.status = ReceivedPacket::Status::Malformed;
        return packet;
      }
      out.push_back(raw[i]);
      out.push_back(raw[++i]);
      previous_is_plain = false;
    } else if (c == kRunLength) {
      if (!previous_is_plain || i + 1 >= raw.size()) {
        packet.status = ReceivedPacket::Status::Malformed;
        return packet;
      }
      const auto count = static_cast<std::uint8_t>(raw[++i]);
      if (count < kFirstCountChar || count > kLastCountChar) {
        packet.status = ReceivedPacket::Status::Malformed;
        return packet;
      }
      const std::size_t repeats = count - kRunLengthBias;
      if (out.size() + repeats > RspConnection::kMaxPacketSize) {
        packet.status = ReceivedPacket::Status::TooLong;
        packet.payload.clear();
        return packet;
      }
      out.append(repeats, out.back());
      previous_is_plain = false;  // "a*!*!" is not a valid way to write a longer run
    } else {
      out.push_back(raw[i]);
      previous_is_plain = true;
    }
  }
  return packet;
}

}  // namespace

void RspConnection::receive(std::span<const std::uint8_t> bytes) {
  for (std::uint8_t byte : bytes) receive_byte(byte);
}

void RspConnection::receive_byte(std::uint8_t byte) {
  switch (state_) {
    case State::Idle:
      if (byte == '$') {
        state_ = State::Payload;
        raw_.clear();
        raw_overflow_ = false;
        sum_ = 0;
      } else if (byte == kInterruptByte) {
        interrupt_pending_ = true;
        interrupt_after_packet_ = packets_completed_;
        ++counters_.interrupts;
      } else if (byte == '-' && acks_ && !last_sent_.empty()) {
        ++counters_.resends;
        send_raw(last_sent_);
      }
      // '+' confirms our last packet; anything else between packets is line noise.
      return;
    case State::Payload:
      if (byte == '#') {
        state_ = State::ChecksumHigh;
      } else if (byte == '$') {
        // A new start inside a packet: GDB gave up on the old one (e.g. after a timeout).
        raw_.clear();
        raw_overflow_ = false;
        sum_ = 0;
      } else {
        sum_ = static_cast<std::uint8_t>(sum_ + byte);
        if (raw_.size() < kMaxPacketSize) {
          raw_.push_back(static_cast<char>(byte));
        } else {
          raw_overflow_ = true;  // keep summing so the ack still tells the truth
        }
      }
      return;
    case State::ChecksumHigh:
    case State::ChecksumLow: {
      const std::optional<unsigned> digit = hex_digit_value(static_cast<char>(byte));
      const bool high = state_ == State::ChecksumHigh;
      if (high) {
        sent_sum_ = 0;
        sent_sum_valid_ = true;
      }
      if (digit) {
        sent_sum_ = static_cast<std::uint8_t>(sent_sum_ | (*digit << (high ? 4 : 0)));
      } else {
        sent_sum_valid_ = false;
      }
      if (high) {
        state_ = State::ChecksumLow;
      } else {
        state_ = State::Idle;
        finish_packet();
      }
      return;
    }
  }
}

void RspConnection::finish_packet() {
  // In no-ack mode the checksum is still sent but need not be checked (GDB manual,
  // "Packet Acknowledgment"); checking it anyway costs nothing and catches corruption.
  if (!sent_sum_valid_ || sent_sum_ != sum_) {
    ++counters_.bad_checksums;
    if (acks_) send_raw("-");
    return;
  }
  if (acks_) send_raw("+");
  if (raw_overflow_) {
    ++counters_.too_long;
    ready_.push_back(ReceivedPacket{ReceivedPacket::Status::TooLong, {}});
    ++packets_completed_;
    return;
  }
  ++counters_.packets;
  ready_.push_back(expand_run_lengths(raw_));
  ++packets_completed_;
  if (ready_.back().status == ReceivedPacket::Status::TooLong) ++counters_.too_long;
}

bool RspConnection::read_some(std::chrono::milliseconds timeout) {
  if (closed_) return false;
  std::array<std::uint8_t, 4096> buffer;
  const ByteStream::ReadResult result = stream_.read(buffer, timeout);
  if (result.status == ByteStream::ReadStatus::Closed) {
    closed_ = true;
    return false;
  }
  if (result.status == ByteStream::ReadStatus::Timeout) return false;
  receive(std::span(buffer.data(), result.count));
  return true;
}

std::optional<ReceivedPacket> RspConnection::next_packet() {
  constexpr std::chrono::milliseconds kWaitSlice{100};
  while (ready_.empty()) {
    if (closed_) return std::nullopt;
    read_some(kWaitSlice);
  }
  ReceivedPacket packet = std::move(ready_.front());
  ready_.pop_front();
  ++packets_delivered_;
  return packet;
}

bool RspConnection::poll_interrupt() {
  while (read_some(std::chrono::milliseconds{0})) {
  }
  if (closed_) return true;
  // An interrupt sent before the packet being handled (the resume) was complete is stale:
  // GDB sent it while the target was stopping anyway. Only a later one stops this run.
  const bool pending = interrupt_pending_ && interrupt_after_packet_ >= packets_delivered_;
  interrupt_pending_ = false;
  return pending;
}

bool RspConnection::send(std::string_view payload) {
  std::string framed;
  framed.reserve(payload.size() + 4);
  framed.push_back('$');
  std::uint8_t sum = 0;
  for (char c : payload) sum = static_cast<std::uint8_t>(sum + static_cast<std::uint8_t>(c));
  framed.append(payload);
  framed.push_back('#');
  append_hex_byte(framed, sum);
  if (acks_) last_sent_ = framed;
  return send_raw(framed);
}

bool RspConnection::send_raw(std::string_view bytes) {
  if (closed_) return false;
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  if (!stream_.write(std::span(data, bytes.size()))) {
    closed_ = true;
    return false;
  }
  return true;
}

std::string escape_binary_prefix(std::span<const std::uint8_t> data, std::size_t max_output,
                                 std::size_t& consumed) {
  std::string out;
  consumed = 0;
  for (std::uint8_t byte : data) {
    const std::size_t width = needs_escape(byte) ? 2 : 1;
    if (out.size() + width > max_output) break;
    if (width == 2) {
      out.push_back(kEscape);
      out.push_back(static_cast<char>(byte ^ 0x20));
    } else {
      out.push_back(static_cast<char>(byte));
    }
    ++consumed;
  }
  return out;
}

std::string escape_binary(std::span<const std::uint8_t> data) {
  std::size_t consumed = 0;
  return escape_binary_prefix(data, data.size() * 2, consumed);
}

std::optional<std::string> unescape_binary(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] != kEscape) {
      out.push_back(data[i]);
      continue;
    }
    if (i + 1 >= data.size()) return std::nullopt;
    out.push_back(static_cast<char>(static_cast<std::uint8_t>(data[++i]) ^ 0x20));
  }
  return out;
}

}  // namespace anvil
