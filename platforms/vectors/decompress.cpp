#include "platforms/vectors/decompress.h"

#include <lzma.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

namespace anvil::vectors {
namespace {

constexpr std::uint8_t kXzMagic[] = {0xFD, '7', 'z', 'X', 'Z', 0x00};
constexpr std::uint8_t kGzipMagic[] = {0x1F, 0x8B};

template <std::size_t N>
bool starts_with(const std::vector<std::uint8_t>& data, const std::uint8_t (&magic)[N]) {
  return data.size() >= N && std::equal(magic, magic + N, data.begin());
}

// Vector files decompress to tens of MiB at most; anything far beyond is a corrupt header.
constexpr std::size_t kMaxDecompressed = std::size_t{2} << 30;
constexpr std::size_t kChunk = std::size_t{1} << 20;

std::vector<std::uint8_t> unxz(const std::vector<std::uint8_t>& raw, const std::string& name) {
  lzma_stream stream = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&stream, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
    throw FileError(name + ": cannot start the xz decoder");
  }
  std::vector<std::uint8_t> out;
  stream.next_in = raw.data();
  stream.avail_in = raw.size();
  lzma_ret status = LZMA_OK;
  while (status == LZMA_OK) {
    const std::size_t used = out.size();
    out.resize(used + kChunk);
    stream.next_out = out.data() + used;
    stream.avail_out = kChunk;
    status = lzma_code(&stream, LZMA_FINISH);
    out.resize(used + kChunk - stream.avail_out);
    if (out.size() > kMaxDecompressed) status = LZMA_MEMLIMIT_ERROR;
  }
  const std::uint64_t consumed = stream.total_in;
  lzma_end(&stream);
  if (status != LZMA_STREAM_END) {
    throw FileError(name + ": corrupt or truncated xz data (at compressed byte " +
                    std::to_string(consumed) + ", lzma error " + std::to_string(status) + ")");
  }
  return out;
}

std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& raw, const std::string& name) {
  z_stream stream;
  std::memset(&stream, 0, sizeof stream);
  if (inflateInit2(&stream, 15 + 16) != Z_OK) throw FileError(name + ": cannot start zlib");
  std::vector<std::uint8_t> out;
  // zlib's next_in is not const in older headers; it never writes through it.
  std::vector<std::uint8_t> input = raw;
  stream.next_in = input.data();
  stream.avail_in = static_cast<uInt>(input.size());
  int status = Z_OK;
  while (status == Z_OK) {
    const std::size_t used = out.size();
    out.resize(used + kChunk);
    stream.next_out = out.data() + used;
    stream.avail_out = static_cast<uInt>(kChunk);
    status = inflate(&stream, Z_NO_FLUSH);
    out.resize(used + kChunk - stream.avail_out);
    if (status == Z_BUF_ERROR && stream.avail_in == 0) break;  // input ended early
    if (out.size() > kMaxDecompressed) status = Z_MEM_ERROR;
  }
  const unsigned long consumed = stream.total_in;
  inflateEnd(&stream);
  if (status != Z_STREAM_END) {
    throw FileError(name + ": corrupt or truncated gzip data (at compressed byte " +
                    std::to_string(consumed) + ")");
  }
  return out;
}

}  // namespace

std::vector<std::uint8_t> decompress(const std::vector<std::uint8_t>& raw,
                                     const std::string& name) {
  if (starts_with(raw, kXzMagic)) return unxz(raw, name);
  if (starts_with(raw, kGzipMagic)) return gunzip(raw, name);
  return raw;
}

std::vector<std::uint8_t> read_decompressed(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw FileError(path + ": " + std::strerror(errno));
  std::vector<std::uint8_t> raw{std::istreambuf_iterator<char>(file),
                                std::istreambuf_iterator<char>()};
  if (file.bad()) throw FileError(path + ": read error");
  return decompress(raw, path);
}

}  // namespace anvil::vectors
