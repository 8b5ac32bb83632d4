// Generic system calls through the fake ISA: results and errors as Linux gives them
// (man 2 pages: EFAULT for bad pointers, ENOSYS for unknown calls), process creation.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "tests/unit/user/run_helpers.h"

using namespace anvil;
using namespace anvil::user;
using namespace anvil::user::test;

namespace {
std::vector<std::uint8_t> bytes_of(const std::string& s) {
  return {s.begin(), s.end()};
}
}  // namespace

TEST_CASE("write reaches the host descriptor and exit gives the status, both byte orders") {
  for (std::endian order : {std::endian::little, std::endian::big}) {
    Pipe out;
    Asm a;
    a.li(0, static_cast<std::uint32_t>(out.write_end)).li(1, kData).li(2, 6).syscall(4);
    a.exit(7);
    const RunResult r = run_fake(a, bytes_of("hello\n"), order);
    CHECK(r.end.kind == ProcessEnd::Kind::Exited);
    CHECK(r.end.status == 7);
    CHECK(out.drain() == "hello\n");
  }
}

TEST_CASE("a bad guest pointer gives EFAULT, not a host access") {
  Pipe out;
  Asm a;
  a.li(0, static_cast<std::uint32_t>(out.write_end)).li(1, 0x10).li(2, 4).syscall(4);
  a.exit_with_r0();
  const RunResult r = run_fake(a);
  CHECK(r.end.status == ((0u - EFAULT) & 0xff));
  CHECK(out.drain().empty());
  // A range that starts mapped and runs off the end of the mapping is refused too.
  Asm b;
  b.li(0, static_cast<std::uint32_t>(out.write_end)).li(1, kData).li(2, 0x10000).syscall(4);
  b.exit_with_r0();
  CHECK(run_fake(b, bytes_of("x")).end.status == ((0u - EFAULT) & 0xff));
}

TEST_CASE("unknown system calls return ENOSYS and are logged once") {
  Asm a;
  a.syscall(9999).syscall(9999).exit_with_r0();
  const RunResult r = run_fake(a);
  CHECK(r.end.status == ((0u - ENOSYS) & 0xff));
  const auto first = r.log.find("unknown system call 9999");
  REQUIRE(first != std::string::npos);
  CHECK(r.log.find("unknown system call 9999", first + 1) == std::string::npos);
}

TEST_CASE("brk grows the heap and the new memory is usable") {
  Asm a;
  a.li(0, 0).syscall(45).op(kMov, 4, 0);  // r4 = brk(0)
  a.op(kAdd, 0, 4, 0x2000).syscall(45);   // brk(r4 + 0x2000)
  a.op(kAdd, 5, 4, 0x1ffc).li(6, 0x55);
  a.op(kStr, 6, 5).op(kLdr, 0, 5).exit_with_r0();  // store and load at the top
  const RunResult r = run_fake(a);
  CHECK(r.end.kind == ProcessEnd::Kind::Exited);
  CHECK(r.end.status == 0x55);
}

TEST_CASE("mmap2 gives zeroed memory, and after munmap an access is SIGSEGV") {
  Asm a;
  a.li(0, 0).li(1, 0x3000).li(2, 3 /* RW */).li(3, 0x22 /* PRIVATE|ANONYMOUS */);
  a.li(4, 0xffffffff).li(5, 0).syscall(192).op(kMov, 8, 0);
  a.op(kLdr, 9, 8);  // fresh pages read as zero
  const auto zero = a.branch_if_zero(9);
  a.exit(1);
  a.bind(zero);
  a.op(kMov, 0, 8).li(1, 0x3000).syscall(91);  // munmap
  a.op(kLdr, 9, 8).exit(2);                    // must fault
  const RunResult r = run_fake(a);
  CHECK(r.end.kind == ProcessEnd::Kind::Signaled);
  CHECK(r.end.status == 11);
}

TEST_CASE("mprotect to read-only makes a store fault") {
  Asm a;
  a.li(0, kData).li(1, 0x1000).li(2, 1 /* PROT_READ */).syscall(125);
  a.li(1, kData).op(kLdr, 2, 1).op(kStr, 2, 1).exit(3);
  const RunResult r = run_fake(a, bytes_of("abcd"));
  CHECK(r.end.kind == ProcessEnd::Kind::Signaled);
  CHECK(r.end.status == 11);
}

TEST_CASE("getrandom is deterministic for a seed and differs between seeds") {
  auto random_bytes = [](std::uint64_t seed) {
    Pipe out;
    Asm a;
    a.li(0, kData).li(1, 16).li(2, 0).syscall(384);
    a.li(0, static_cast<std::uint32_t>(out.write_end)).li(1, kData).li(2, 16).syscall(4).exit(0);
    UserOptions options;
    options.random_seed = seed;
    run_fake(a, std::vector<std::uint8_t>(16, 0), std::endian::little, options);
    return out.drain();
  };
  const std::string first = random_bytes(1);
  CHECK(first.size() == 16);
  CHECK(random_bytes(1) == first);
  CHECK(random_bytes(2) != first);
}

TEST_CASE("simulated clocks start at a fixed date and follow the instruction count") {
  auto clock_words = [](std::uint32_t clock) {
    Pipe out;
    Asm a;
    a.li(0, clock).li(1, kData).syscall(263);
    a.li(0, static_cast<std::uint32_t>(out.write_end)).li(1, kData).li(2, 8).syscall(4).exit(0);
    run_fake(a, std::vector<std::uint8_t>(8, 0));
    const std::string s = out.drain();
    std::uint32_t words[2] = {};
    std::memcpy(words, s.data(), std::min<std::size_t>(s.size(), 8));
    return std::pair{words[0], words[1]};
  };
  const auto [seconds, nanoseconds] = clock_words(0);  // CLOCK_REALTIME
  CHECK(seconds == 1'700'000'000u);
  CHECK(nanoseconds > 0);
  CHECK(nanoseconds < 1000);                                 // a handful of 1 ns cycles
  CHECK(clock_words(0) == std::pair{seconds, nanoseconds});  // deterministic
  CHECK(clock_words(1).first == 0);                          // CLOCK_MONOTONIC starts at 0
}

TEST_CASE("fstat64 fills the guest's struct stat64 layout") {
  Pipe out;
  Asm a;
  a.li(0, static_cast<std::uint32_t>(out.write_end)).li(1, kData).syscall(197).op(kMov, 9, 0);
  a.li(0, static_cast<std::uint32_t>(out.write_end)).li(1, kData).li(2, 104).syscall(4);
  a.op(kMov, 0, 9).exit_with_r0();
  const RunResult r = run_fake(a, std::vector<std::uint8_t>(104, 0xee));
  CHECK(r.end.status == 0);
  const std::string s = out.drain();
  REQUIRE(s.size() == 104);
  std::uint32_t mode = 0;
  std::memcpy(&mode, s.data() + 16, 4);
  CHECK(S_ISFIFO(mode));
  CHECK(static_cast<unsigned char>(s[8]) == 0);  // padding is written as zero
}

TEST_CASE("fork runs the child in a copy of the simulator, wait4 reports its status") {
  Asm a;
  a.syscall(2).op(kMov, 8, 0);  // r8 = fork()
  const auto child = a.branch_if_zero(8);
  a.li(0, 0xffffffff).li(1, kData).li(2, 0).li(3, 0).syscall(114);  // wait4(-1, &status)
  a.li(1, kData + 1).op(kLdrb, 0, 1).exit_with_r0();  // WEXITSTATUS on a little-endian guest
  a.bind(child);
  a.exit(5);
  const RunResult r = run_fake(a, std::vector<std::uint8_t>(4, 0));
  CHECK(r.end.kind == ProcessEnd::Kind::Exited);
  CHECK(r.end.status == 5);
}

TEST_CASE("execve of a guest program ends the image with the new program's request") {
  // argv = {path, "arg"}, envp = {"E=2"}: pointers and strings in the data segment.
  FakeProgram next;
  next.code = {fake(kSvc)};
  const std::string path = write_temp_file(build_fake_elf(next, std::endian::little), "next");
  std::vector<std::uint8_t> data(256, 0);
  auto put32 = [&](std::size_t at, std::uint32_t v) { std::memcpy(&data[at], &v, 4); };
  std::memcpy(&data[64], path.c_str(), path.size() + 1);
  std::memcpy(&data[24], "arg", 4);
  std::memcpy(&data[28], "E=2", 4);
  put32(0, kData + 64), put32(4, kData + 24), put32(8, 0);  // argv
  put32(12, kData + 28), put32(16, 0);                      // envp
  Asm a;
  a.li(0, kData + 64).li(1, kData).li(2, kData + 12).syscall(11).exit(9);
  const RunResult r = run_fake(a, data);
  REQUIRE(r.end.kind == ProcessEnd::Kind::Exec);
  CHECK(r.end.exec.path == path);
  CHECK(r.end.exec.args == std::vector<std::string>{path, "arg"});
  CHECK(r.end.exec.env == std::vector<std::string>{"E=2"});
  // A file that is neither ELF nor a script is ENOEXEC, and the caller goes on.
  const std::string text = write_temp_file({'h', 'i', '\n'}, "text");
  std::memcpy(&data[64], text.c_str(), text.size() + 1);
  const RunResult failed = run_fake(
      Asm{}.li(0, kData + 64).li(1, kData).li(2, kData + 12).syscall(11).exit_with_r0(), data);
  CHECK(failed.end.status == ((0u - ENOEXEC) & 0xff));
}

TEST_CASE("uname reports Linux and the ABI's machine") {
  Pipe out;
  Asm a;
  a.li(0, kData).syscall(122);
  a.li(0, static_cast<std::uint32_t>(out.write_end)).li(1, kData).li(2, 6 * 65).syscall(4).exit(0);
  run_fake(a, std::vector<std::uint8_t>(6 * 65, 0xff));
  const std::string s = out.drain();
  REQUIRE(s.size() == 6 * 65);
  CHECK(std::string(s.c_str()) == "Linux");
  CHECK(std::string(s.c_str() + 4 * 65) == "fake");
}

TEST_CASE("getdents64 records reach a big-endian guest with their numbers swapped") {
  char pattern[] = "/tmp/anvil-dents-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  for (const char* name : {"alpha", "beta"}) {
    FILE* f = std::fopen((dir + "/" + name).c_str(), "w");
    std::fclose(f);
  }
  Pipe out;
  std::vector<std::uint8_t> data(1024, 0);
  std::memcpy(data.data(), dir.c_str(), dir.size() + 1);
  Asm a;
  a.li(0, kData).li(1, 0).li(2, 0).syscall(5).op(kMov, 8, 0);  // open(dir, O_RDONLY)
  a.op(kMov, 0, 8).li(1, kData + 256).li(2, 512).syscall(217).op(kMov, 9, 0);
  a.li(0, static_cast<std::uint32_t>(out.write_end)).li(1, kData + 256).op(kMov, 2, 9);
  a.syscall(4).exit(0);
  const RunResult r = run_fake(a, data, std::endian::big);
  CHECK(r.end.status == 0);
  const std::string s = out.drain();
  std::vector<std::string> names;
  for (std::size_t at = 0; at + 19 <= s.size();) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[at + i]); };
    const unsigned reclen = byte(16) << 8 | byte(17);  // big-endian d_reclen
    REQUIRE(reclen >= 19);
    REQUIRE(at + reclen <= s.size());
    names.emplace_back(s.c_str() + at + 19);
    at += reclen;
  }
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{".", "..", "alpha", "beta"});
  std::remove((dir + "/alpha").c_str());
  std::remove((dir + "/beta").c_str());
  rmdir(dir.c_str());
}
