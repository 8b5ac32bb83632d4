// Reading a vector file whole, decompressed by its magic bytes: xz (the m68000, r3000 and sh4
// sets), gzip (the 8086 set), or as it is.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace anvil::vectors {

// A file that cannot be read or decompressed; the message names the file and the cause.
struct FileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<std::uint8_t> read_decompressed(const std::string& path);

// Exposed for tests: the same on bytes already in memory (`name` is for messages).
std::vector<std::uint8_t> decompress(const std::vector<std::uint8_t>& raw, const std::string& name);

}  // namespace anvil::vectors
