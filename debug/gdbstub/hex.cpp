#include "debug/gdbstub/hex.h"

namespace anvil {

namespace {
constexpr char kDigits[] = "0123456789abcdef";
constexpr unsigned kMaxHexDigits = 16;  // 64 bits
}  // namespace

std::optional<unsigned> hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return std::nullopt;
}

void append_hex_byte(std::string& out, std::uint8_t byte) {
  out.push_back(kDigits[byte >> 4]);
  out.push_back(kDigits[byte & 0xf]);
}

std::string hex_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t byte : bytes) append_hex_byte(out, byte);
  return out;
}

std::string hex_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char c : text) append_hex_byte(out, static_cast<std::uint8_t>(c));
  return out;
}

std::optional<std::vector<std::uint8_t>> hex_decode(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::vector<std::uint8_t> bytes;
  bytes.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const auto high = hex_digit_value(text[i]);
    const auto low = hex_digit_value(text[i + 1]);
    if (!high || !low) return std::nullopt;
    bytes.push_back(static_cast<std::uint8_t>(*high << 4 | *low));
  }
  return bytes;
}

std::string hex_number(std::uint64_t value) {
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value & 0xf]);
    value >>= 4;
  } while (value != 0);
  return out;
}

std::optional<std::uint64_t> PacketReader::hex_number() {
  std::size_t at = position_;
  while (at < text_.size() && text_[at] == '0') ++at;  // leading zeros do not count
  std::uint64_t value = 0;
  unsigned significant = 0;
  for (; at < text_.size(); ++at) {
    const auto digit = hex_digit_value(text_[at]);
    if (!digit) break;
    if (++significant > kMaxHexDigits) return std::nullopt;
    value = value << 4 | *digit;
  }
  if (at == position_) return std::nullopt;  // no digit at all
  position_ = at;
  return value;
}

std::optional<std::int64_t> PacketReader::thread_id() {
  if (consume("-1")) return -1;
  const std::size_t start = position_;
  const auto id = hex_number();
  if (!id || *id > static_cast<std::uint64_t>(INT64_MAX)) {
    position_ = start;
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*id);
}

bool PacketReader::consume(char c) {
  if (at_end() || text_[position_] != c) return false;
  ++position_;
  return true;
}

bool PacketReader::consume(std::string_view prefix) {
  if (!rest().starts_with(prefix)) return false;
  position_ += prefix.size();
  return true;
}

std::string_view PacketReader::take_until(char c) {
  const std::string_view remaining = rest();
  const std::size_t end = remaining.find(c);
  const std::string_view field = remaining.substr(0, end);
  position_ += field.size();
  return field;
}

}  // namespace anvil
