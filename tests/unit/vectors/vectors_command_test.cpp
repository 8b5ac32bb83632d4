// `anvil vectors` with a suite whose tests are single bytes: 0 passes, 1 fails its final
// state, 2 passes but misses its cycle count, 0xFF is malformed.
#include <lzma.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "platforms/vectors/decompress.h"
#include "platforms/vectors/vector_suite.h"

namespace anvil::vectors {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

VectorSuite byte_suite() {
  return {"bytes", "one test per byte",
          [](std::span<const std::uint8_t> data, const RunOptions& options) {
            FileReport report;
            report.extra.push_back({"cycles", 0, 0});
            for (std::size_t i = 0; i < data.size(); ++i) {
              if (data[i] == 0xFF)
                throw VectorFormatError("test " + std::to_string(i) + " at byte " +
                                        std::to_string(i) + ": bad");
              if (data[i] == 1) {
                ++report.failed;
                if (report.failures.size() < options.max_failures_listed)
                  report.failures.push_back("test " + std::to_string(i) + ": r1 expected 1 got 2");
              } else {
                ++report.passed;
              }
              (data[i] == 2 ? report.extra[0].mismatched : report.extra[0].matched) += 1;
            }
            return report;
          }};
}

Bytes xz(const Bytes& data) {
  Bytes out(data.size() + 1024);
  std::size_t used = 0;
  REQUIRE(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr, data.data(), data.size(),
                                  out.data(), &used, out.size()) == LZMA_OK);
  out.resize(used);
  return out;
}

Bytes gz(const Bytes& data) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  Bytes input = data, out(data.size() + 1024);
  stream.next_in = input.data();
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = out.data();
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

struct TempDir {
  fs::path path =
      fs::temp_directory_path() / ("anvil-vectors-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const Bytes& data) const {
    std::ofstream(path / name, std::ios::binary)
        .write(reinterpret_cast<const char*>(data.data()),
               static_cast<std::streamsize>(data.size()));
    return (path / name).string();
  }
};

struct Run {
  int status;
  std::string out, err;
};

Run run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = run_vectors_command(args, {byte_suite()}, out, err);
  return {status, out.str(), err.str()};
}

TEST_CASE("decompress recognises xz and gzip by their magic and passes other data through") {
  const Bytes data{0, 1, 2, 3, 0xFD, '7'};
  CHECK(decompress(xz(data), "a") == data);
  CHECK(decompress(gz(data), "b") == data);
  CHECK(decompress(data, "c") == data);
}

TEST_CASE("truncated xz and gzip data are errors naming the file") {
  Bytes broken = xz(Bytes(1000, 7));
  broken.resize(broken.size() / 2);
  CHECK_THROWS_WITH(decompress(broken, "f.xz"), Catch::Contains("f.xz: corrupt or truncated xz"));
  Bytes broken_gz = gz(Bytes(1000, 7));
  broken_gz.resize(broken_gz.size() - 10);
  CHECK_THROWS_WITH(decompress(broken_gz, "g.gz"),
                    Catch::Contains("g.gz: corrupt or truncated gzip"));
}

TEST_CASE("every file gets a line and the totals add up, and passing runs exit 0") {
  TempDir dir;
  const auto a = dir.write("a.json.bin.xz", xz({0, 0, 2}));
  const auto b = dir.write("b.json.gz", gz({0, 2, 2, 0}));
  Run r = run({"--isa", "bytes", a, b});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "a.json.bin.xz: passed 3 failed 0 cycles 2\n"
        "b.json.gz: passed 4 failed 0 cycles 2\n"
        "total: passed 7 failed 0 cycles 4\n");
  SECTION("--require-all also demands every extra check") {
    CHECK(run({"--require-all", "--isa=bytes", a}).status == 1);
  }
}

TEST_CASE("failed tests are listed up to --max-failures and make the exit status 1") {
  TempDir dir;
  const auto f = dir.write("f.json.bin", {1, 0, 1, 1});
  Run r = run({"--isa", "bytes", "--max-failures", "2", f});
  CHECK(r.status == 1);
  CHECK(r.out ==
        "f.json.bin: passed 1 failed 3 cycles 4\n"
        "  test 0: r1 expected 1 got 2\n"
        "  test 2: r1 expected 1 got 2\n"
        "total: passed 1 failed 3 cycles 4\n");
}

TEST_CASE("a directory stands for its vector files in name order") {
  TempDir dir;
  dir.write("z.json.bin", {0});
  dir.write("m.json.bin", {0, 0});
  dir.write("LICENSE", {1});
  Run r = run({"--isa", "bytes", dir.path.string()});
  CHECK(r.status == 0);
  CHECK(r.out ==
        "m.json.bin: passed 2 failed 0 cycles 2\n"
        "z.json.bin: passed 1 failed 0 cycles 1\n"
        "total: passed 3 failed 0 cycles 3\n");
}

TEST_CASE("missing and malformed files are reported, the rest still run, and the status is 66") {
  TempDir dir;
  const auto good = dir.write("good.json.bin", {0});
  const auto bad = dir.write("bad.json.bin", {0, 0xFF});
  Run r = run({"--isa", "bytes", (dir.path / "none.json.bin").string(), bad, good});
  CHECK(r.status == 66);
  CHECK(r.err.find("none.json.bin: No such file") != std::string::npos);
  CHECK(r.err.find("bad.json.bin: test 1 at byte 1: bad") != std::string::npos);
  CHECK(r.out == "good.json.bin: passed 1 failed 0 cycles 1\ntotal: passed 1 failed 0 cycles 1\n");
}

TEST_CASE("usage errors: no --isa, an unknown ISA, no files, a bad count") {
  CHECK(run({"x.bin"}).status == 64);
  Run unknown = run({"--isa", "z80", "x.bin"});
  CHECK(unknown.status == 64);
  CHECK(unknown.err.find("no vector suite for --isa z80 (this build has: bytes)") !=
        std::string::npos);
  CHECK(run({"--isa", "bytes"}).status == 64);
  CHECK(run({"--isa", "bytes", "--max-failures", "many", "x"}).status == 64);
  CHECK(run({"--list"}).out == "bytes  one test per byte\n");
}

}  // namespace
}  // namespace anvil::vectors
