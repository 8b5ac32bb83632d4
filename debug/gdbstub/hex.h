// Hex text for the GDB remote protocol: numbers, byte strings and a cursor that parses
// packet fields with bounds checks (a malformed packet yields nullopt, never a crash).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace anvil {

std::optional<unsigned> hex_digit_value(char c);
void append_hex_byte(std::string& out, std::uint8_t byte);
// Two hex digits per byte, lower case.
std::string hex_encode(std::span<const std::uint8_t> bytes);
std::string hex_encode(std::string_view text);
// nullopt on an odd length or a non-hex character.
std::optional<std::vector<std::uint8_t>> hex_decode(std::string_view text);
std::string hex_number(std::uint64_t value);  // "0" for zero, no leading zeros

// Reads fields left to right from a packet payload.
class PacketReader {
 public:
  explicit PacketReader(std::string_view text) : text_(text) {}

  // One or more hex digits that fit in 64 bits; leaves the cursor alone on failure.
  std::optional<std::uint64_t> hex_number();
  // A GDB thread id: hex, or -1 for "all threads" (0 means "any thread").
  std::optional<std::int64_t> thread_id();
  // Consumes `c` if it is next.
  bool consume(char c);
  bool consume(std::string_view prefix);
  // The text before the next `c` (or the rest), consumed; `c` itself is not.
  std::string_view take_until(char c);
  std::string_view rest() const { return text_.substr(position_); }
  bool at_end() const { return position_ >= text_.size(); }

 private:
  std::string_view text_;
  std::size_t position_ = 0;
};

}  // namespace anvil
