#include "peripherals/memory/image_loader.h"
#include "peripherals/common/hex.h"

#include <cstdio>
#include <fstream>
#include <iterator>

#include "platforms/errors.h"

namespace anvil {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw ImageError(path + ": " + what);
}

std::vector<std::uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open image (missing or unreadable)");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void store(const std::string& path, const ImageSink& sink, std::uint64_t address,
           const std::uint8_t* data, std::uint64_t size, const std::string& what) {
  const std::uint64_t done = sink(address, data, size);
  if (done != size)
    fail(path, what + " [" + hex(address) + ", " + hex(address + size - 1) +
                   "] is outside any memory at " + hex(address + done));
}

}  // namespace

std::optional<ImageFormat> parse_image_format(const std::string& name) {
  if (name == "elf") return ImageFormat::Elf;
  if (name == "bin") return ImageFormat::Binary;
  if (name == "ihex") return ImageFormat::IntelHex;
  return std::nullopt;
}

ImageFormat image_format_for(const std::string& path) {
  const auto dot = path.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext == "hex" || ext == "ihex") return ImageFormat::IntelHex;
  if (ext == "bin" || ext == "img") return ImageFormat::Binary;
  return ImageFormat::Elf;
}

LoadedImage load_image(const std::string& path, ImageFormat format, const ImageSink& sink,
                       const ImageOptions& options) {
  std::vector<std::uint8_t> file = read_file(path);
  switch (format) {
    case ImageFormat::Elf:
      return load_elf(path, file, sink, options);
    case ImageFormat::IntelHex:
      return load_intel_hex(path, std::string(file.begin(), file.end()), sink);
    case ImageFormat::Binary:
      if (file.empty()) fail(path, "raw binary image is empty");
      store(path, sink, options.binary_address, file.data(), file.size(), "raw binary");
      return {std::nullopt, file.size()};
  }
  return {};
}

// ---- Intel HEX (Intel "Hexadecimal Object File Format Specification", rev. A, 1988) ----

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

LoadedImage load_intel_hex(const std::string& path, const std::string& text,
                           const ImageSink& sink) {
  LoadedImage result;
  std::uint64_t base = 0;  // from record 02 (segment << 4) or 04 (upper 16 bits)
  bool seen_end = false;
  std::size_t pos = 0;
  for (int line = 1; pos < text.size(); ++line) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string record = text.substr(pos, eol - pos);
    pos = eol + 1;
    while (!record.empty() && (record.back() == '\r' || record.back() == ' ')) record.pop_back();
    if (record.empty()) continue;
    const std::string where = "line " + std::to_string(line);
    if (seen_end) fail(path, where + ": record after the end-of-file record");
    if (record[0] != ':') fail(path, where + ": record does not start with ':'");
    if (record.size() < 11 || (record.size() - 1) % 2 != 0)
      fail(path, where + ": record too short or odd number of hex digits");
    std::vector<std::uint8_t> bytes;
    for (std::size_t i = 1; i + 1 < record.size(); i += 2) {
      const int hi = hex_digit(record[i]), lo = hex_digit(record[i + 1]);
      if (hi < 0 || lo < 0) fail(path, where + ": '" + record.substr(i, 2) + "' is not hex");
      bytes.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
    }
    const unsigned count = bytes[0];
    if (bytes.size() != count + 5u)
      fail(path,
           where + ": byte count " + std::to_string(count) + " does not match the record length");
    unsigned sum = 0;
    for (std::uint8_t b : bytes) sum += b;
    if ((sum & 0xFF) != 0) {
      char msg[96];
      std::snprintf(msg, sizeof msg, ": bad checksum 0x%02X (expected 0x%02X)", bytes.back(),
                    (bytes.back() - sum) & 0xFF);
      fail(path, where + msg);
    }
    const unsigned offset = bytes[1] << 8 | bytes[2];
    const unsigned type = bytes[3];
    const std::uint8_t* data = bytes.data() + 4;
    auto need = [&](unsigned n) {
      if (count != n)
        fail(path, where + ": record type " + std::to_string(type) + " needs " + std::to_string(n) +
                       " data bytes, has " + std::to_string(count));
    };
    switch (type) {
      case 0x00:
        store(path, sink, base + offset, data, count, where + ": data record");
        result.bytes_loaded += count;
        break;
      case 0x01:
        seen_end = true;
        break;
      case 0x02:
        need(2);
        base = std::uint64_t(data[0] << 8 | data[1]) << 4;
        break;
      case 0x03:
        need(4);
        result.entry =
            (std::uint64_t(data[0] << 8 | data[1]) << 4) + std::uint64_t(data[2] << 8 | data[3]);
        break;
      case 0x04:
        need(2);
        base = std::uint64_t(data[0] << 8 | data[1]) << 16;
        break;
      case 0x05:
        need(4);
        result.entry =
            std::uint64_t{data[0]} << 24 | std::uint64_t(data[1] << 16 | data[2] << 8 | data[3]);
        break;
      default:
        fail(path, where + ": unknown record type " + std::to_string(type));
    }
  }
  if (!seen_end) fail(path, "no end-of-file record (type 01); the file is truncated");
  return result;
}

}  // namespace anvil
