// ArmSemihosting against the semihosting spec (ARM IHI 0080) and qemu's behaviour, on a fake
// core whose memory is 64 KiB of RAM at 0x10000; everything else is unmapped.
#include "debug/semihosting/arm_semihosting.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cores/common/core.h"

using namespace anvil;

namespace {

constexpr Addr kRamBase = 0x10000;
constexpr Addr kRamSize = 0x10000;

class RamBus : public BusBackend {
 public:
  std::vector<std::uint8_t> ram = std::vector<std::uint8_t>(kRamSize, 0);

  BusStatus transport(Access, Addr, std::uint8_t*, unsigned, Cycles&) override {
    return BusStatus::AddressError;  // semihosting must only use debug accesses
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    unsigned done = 0;
    for (; done < size; ++done) {
      const Addr a = addr + done;
      if (a < kRamBase || a >= kRamBase + kRamSize) break;
      if (is_write)
        ram[a - kRamBase] = data[done];
      else
        data[done] = ram[a - kRamBase];
    }
    return done;
  }
};

class FakeCore : public Core {
 public:
  FakeCore() : port_(bus, std::endian::little) {}
  RamBus bus;
  Cycles cycles = 0;

  std::string_view model() const override { return "fake"; }
  std::string_view isa() const override { return "arm"; }
  void reset() override {}
  Cycles run(Cycles) override { return 0; }
  Cycles step() override { return 0; }
  CoreState state() const override { return CoreState::Running; }
  void resume() override {}
  void request_stop() override {}
  std::span<const RegisterInfo> register_info() const override { return {}; }
  std::uint64_t read_register(unsigned) const override { return 0; }
  void write_register(unsigned, std::uint64_t) override {}
  Addr pc() const override { return 0; }
  unsigned irq_line_count() const override { return 0; }
  void set_irq_line(unsigned, bool) override {}
  void advance_idle(Cycles) override {}
  Cycles cycle_count() const override { return cycles; }
  std::uint64_t instruction_count() const override { return 0; }
  void set_hooks(Hooks*, bool) override {}
  MemoryPort& memory() override { return port_; }

  void put_word(Addr a, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) bus.ram[a - kRamBase + i] = static_cast<std::uint8_t>(v >> (8 * i));
  }
  std::uint32_t word(Addr a) const {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | bus.ram[a - kRamBase + i];
    return v;
  }
  void put_string(Addr a, std::string_view s) {
    std::memcpy(&bus.ram[a - kRamBase], s.data(), s.size());
    bus.ram[a - kRamBase + s.size()] = 0;
  }
  std::string string_at(Addr a, std::size_t n) const {
    return std::string(reinterpret_cast<const char*>(&bus.ram[a - kRamBase]), n);
  }

 private:
  MemoryPort port_;
};

// Where tests put parameter blocks, strings and buffers.
constexpr std::uint32_t kBlock = 0x10000;
constexpr std::uint32_t kText = 0x11000;
constexpr std::uint32_t kBuffer = 0x12000;
constexpr std::uint32_t kUnmapped = 0x40000000;

struct Fixture {
  FakeCore core;
  std::string out, err;
  std::string input;
  std::size_t input_at = 0;
  std::vector<int> exits;
  ArmSemihostingConfig config;

  Fixture() {
    config.console_output = [this](std::string_view s) { out += s; };
    config.console_error = [this](std::string_view s) { err += s; };
    config.console_input = [this]() -> int {
      return input_at < input.size() ? static_cast<unsigned char>(input[input_at++]) : -1;
    };
    config.exit = [this](int code) { exits.push_back(code); };
  }
  std::int32_t call(ArmSemihosting& sh, std::uint32_t op, std::uint32_t param) {
    return static_cast<std::int32_t>(sh.call(core, op, param));
  }
  std::int32_t open(ArmSemihosting& sh, std::string_view name, std::uint32_t mode) {
    core.put_string(kText, name);
    core.put_word(kBlock, kText);
    core.put_word(kBlock + 4, mode);
    core.put_word(kBlock + 8, static_cast<std::uint32_t>(name.size()));
    return call(sh, ArmSemihosting::kSysOpen, kBlock);
  }
  std::int32_t transfer(ArmSemihosting& sh, std::uint32_t op, std::int32_t handle,
                        std::uint32_t address, std::uint32_t length) {
    core.put_word(kBlock, static_cast<std::uint32_t>(handle));
    core.put_word(kBlock + 4, address);
    core.put_word(kBlock + 8, length);
    return call(sh, op, kBlock);
  }
  std::int32_t on_handle(ArmSemihosting& sh, std::uint32_t op, std::int32_t handle) {
    core.put_word(kBlock, static_cast<std::uint32_t>(handle));
    return call(sh, op, kBlock);
  }
  std::int32_t last_errno(ArmSemihosting& sh) { return call(sh, ArmSemihosting::kSysErrno, 0); }
};

// A fresh directory under the system's temporary directory, removed afterwards.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char name[] = "/tmp/anvil-semihosting-XXXXXX";
    path = ::mkdtemp(name);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("console writes go to the console callbacks, :tt in append mode to stderr") {
  Fixture f;
  ArmSemihosting sh(f.config);
  f.core.put_string(kText, "A");
  CHECK(f.call(sh, ArmSemihosting::kSysWritec, kText) == 0);
  f.core.put_string(kText, "hello\n");
  CHECK(f.call(sh, ArmSemihosting::kSysWrite0, kText) == 0);
  const std::int32_t out = f.open(sh, ":tt", 4);
  const std::int32_t err = f.open(sh, ":tt", 8);
  REQUIRE(out > 0);
  REQUIRE(err > 0);
  CHECK(out != err);
  f.core.put_string(kBuffer, "xyz");
  CHECK(f.transfer(sh, ArmSemihosting::kSysWrite, out, kBuffer, 2) == 0);  // 0 bytes unwritten
  CHECK(f.transfer(sh, ArmSemihosting::kSysWrite, err, kBuffer, 3) == 0);
  CHECK(f.out == "Ahello\nxy");
  CHECK(f.err == "xyz");
  CHECK(f.on_handle(sh, ArmSemihosting::kSysIstty, out) == 1);
  CHECK(f.on_handle(sh, ArmSemihosting::kSysClose, out) == 0);
  CHECK(f.on_handle(sh, ArmSemihosting::kSysClose, out) == -1);
  CHECK(f.last_errno(sh) == EBADF);
}

TEST_CASE("console reads end at a newline and report the bytes not read") {
  Fixture f;
  f.input = "ab\ncd";
  ArmSemihosting sh(f.config);
  const std::int32_t in = f.open(sh, ":tt", 0);
  REQUIRE(in > 0);
  CHECK(f.transfer(sh, ArmSemihosting::kSysRead, in, kBuffer, 10) == 7);
  CHECK(f.core.string_at(kBuffer, 3) == "ab\n");
  CHECK(f.call(sh, ArmSemihosting::kSysReadc, 0) == 'c');
  CHECK(f.transfer(sh, ArmSemihosting::kSysRead, in, kBuffer, 10) == 9);
  CHECK(f.transfer(sh, ArmSemihosting::kSysRead, in, kBuffer, 10) == 10);  // end of input
}

TEST_CASE("the features file announces EXIT_EXTENDED and stdout/stderr (SH 2.2.3)") {
  Fixture f;
  ArmSemihosting sh(f.config);
  CHECK(f.open(sh, ":semihosting-features", 4) == -1);  // read-only
  const std::int32_t h = f.open(sh, ":semihosting-features", 0);
  REQUIRE(h > 0);
  CHECK(f.on_handle(sh, ArmSemihosting::kSysFlen, h) == 5);
  CHECK(f.on_handle(sh, ArmSemihosting::kSysIstty, h) == 0);
  CHECK(f.transfer(sh, ArmSemihosting::kSysRead, h, kBuffer, 8) == 3);
  CHECK(f.core.string_at(kBuffer, 5) == std::string("SHFB\x03", 5));
}

TEST_CASE("exit: ApplicationExit is 0 or its subcode, any other reason is 1 (as qemu)") {
  Fixture f;
  ArmSemihosting sh(f.config);
  f.call(sh, ArmSemihosting::kSysExit, ArmSemihosting::kApplicationExit);
  f.call(sh, ArmSemihosting::kSysExit, 0x20023);  // ADP_Stopped_RunTimeErrorUnknown
  f.core.put_word(kBlock, ArmSemihosting::kApplicationExit);
  f.core.put_word(kBlock + 4, 3);
  f.call(sh, ArmSemihosting::kSysExitExtended, kBlock);
  f.core.put_word(kBlock, 0x20022);  // ADP_Stopped_InternalError
  f.call(sh, ArmSemihosting::kSysExitExtended, kBlock);
  CHECK(f.exits == std::vector<int>{0, 1, 3, 1});
}

TEST_CASE("time is simulated time: clock, elapsed and tick frequency come from cycles") {
  Fixture f;
  f.config.clock_hz = 25'000'000;
  f.config.epoch_seconds = 1000;
  ArmSemihosting sh(f.config);
  f.core.cycles = 25'000'000ull * 3 + 250'000 * 7 + 5;  // 3.07 s and a little
  CHECK(f.call(sh, ArmSemihosting::kSysClock, 0) == 307);
  CHECK(f.call(sh, ArmSemihosting::kSysTime, 0) == 1003);
  CHECK(f.call(sh, ArmSemihosting::kSysTickfreq, 0) == 25'000'000);
  f.core.cycles = 0x123456789ull;
  CHECK(f.call(sh, ArmSemihosting::kSysElapsed, kBuffer) == 0);
  CHECK(f.core.word(kBuffer) == 0x23456789u);
  CHECK(f.core.word(kBuffer + 4) == 0x1u);
}

TEST_CASE("command line and heap info are copied into guest memory") {
  Fixture f;
  f.config.cmdline = "prog -v 12";
  f.config.heap = {0x20001000, 0x20100000, 0x20400000, 0x20300000};
  ArmSemihosting sh(f.config);
  f.core.put_word(kBlock, kBuffer);
  f.core.put_word(kBlock + 4, 5);
  CHECK(f.call(sh, ArmSemihosting::kSysGetCmdline, kBlock) == -1);  // does not fit
  CHECK(f.last_errno(sh) == E2BIG);
  f.core.put_word(kBlock + 4, 64);
  CHECK(f.call(sh, ArmSemihosting::kSysGetCmdline, kBlock) == 0);
  CHECK(f.core.word(kBlock + 4) == 10);
  CHECK(f.core.string_at(kBuffer, 11) == std::string("prog -v 12\0", 11));

  f.core.put_word(kBlock, kBuffer);  // r1 -> word holding the block address
  CHECK(f.call(sh, ArmSemihosting::kSysHeapinfo, kBlock) == 0);
  CHECK(f.core.word(kBuffer) == 0x20001000u);
  CHECK(f.core.word(kBuffer + 4) == 0x20100000u);
  CHECK(f.core.word(kBuffer + 8) == 0x20400000u);
  CHECK(f.core.word(kBuffer + 12) == 0x20300000u);
}

TEST_CASE("files inside the root can be written, sought, measured, read, renamed, removed") {
  Fixture f;
  TempDir dir;
  f.config.root_dir = dir.path.string();
  ArmSemihosting sh(f.config);
  const std::int32_t w = f.open(sh, "data.bin", 4);  // "w"
  REQUIRE(w > 0);
  f.core.put_string(kBuffer, "0123456789");
  CHECK(f.transfer(sh, ArmSemihosting::kSysWrite, w, kBuffer, 10) == 0);
  CHECK(f.on_handle(sh, ArmSemihosting::kSysFlen, w) == 10);
  CHECK(f.on_handle(sh, ArmSemihosting::kSysClose, w) == 0);
  {
    std::ifstream host(dir.path / "data.bin");
    std::string content;
    std::getline(host, content);
    CHECK(content == "0123456789");
  }
  const std::int32_t r = f.open(sh, "data.bin", 1);  // "rb"
  REQUIRE(r > 0);
  f.core.put_word(kBlock, static_cast<std::uint32_t>(r));
  f.core.put_word(kBlock + 4, 6);
  CHECK(f.call(sh, ArmSemihosting::kSysSeek, kBlock) == 0);
  CHECK(f.transfer(sh, ArmSemihosting::kSysRead, r, kBuffer + 100, 8) == 4);
  CHECK(f.core.string_at(kBuffer + 100, 4) == "6789");
  CHECK(f.on_handle(sh, ArmSemihosting::kSysClose, r) == 0);

  f.core.put_string(kText, "data.bin");
  f.core.put_string(kText + 0x100, "moved.bin");
  f.core.put_word(kBlock, kText);
  f.core.put_word(kBlock + 4, 8);
  f.core.put_word(kBlock + 8, kText + 0x100);
  f.core.put_word(kBlock + 12, 9);
  CHECK(f.call(sh, ArmSemihosting::kSysRename, kBlock) == 0);
  CHECK(std::filesystem::exists(dir.path / "moved.bin"));
  f.core.put_word(kBlock, kText + 0x100);
  f.core.put_word(kBlock + 4, 9);
  CHECK(f.call(sh, ArmSemihosting::kSysRemove, kBlock) == 0);
  CHECK(!std::filesystem::exists(dir.path / "moved.bin"));
  CHECK(f.call(sh, ArmSemihosting::kSysRemove, kBlock) == -1);
  CHECK(f.last_errno(sh) == ENOENT);
}

TEST_CASE("file names cannot leave the root, and without a root no file opens") {
  Fixture f;
  TempDir dir;
  std::filesystem::create_directory(dir.path / "root");
  std::ofstream(dir.path / "secret") << "x";
  std::filesystem::create_symlink(dir.path / "secret", dir.path / "root" / "link");

  ArmSemihosting no_root(f.config);
  CHECK(f.open(no_root, "a.txt", 4) == -1);
  CHECK(f.last_errno(no_root) == EACCES);

  f.config.root_dir = (dir.path / "root").string();
  ArmSemihosting sh(f.config);
  for (const char* name : {"/etc/passwd", "../secret", "sub/../../secret", "link"}) {
    INFO(name);
    CHECK(f.open(sh, name, 0) == -1);
    CHECK(f.last_errno(sh) == EACCES);
  }
  CHECK(f.open(sh, "missing.txt", 0) == -1);
  CHECK(f.last_errno(sh) == ENOENT);
  CHECK(f.open(sh, "ok.txt", 12) == -1);  // no such mode
  CHECK(f.last_errno(sh) == EINVAL);
}

TEST_CASE("a bad guest pointer fails the call with EFAULT and never touches the host") {
  Fixture f;
  ArmSemihosting sh(f.config);
  CHECK(f.call(sh, ArmSemihosting::kSysWrite0, kUnmapped) == -1);
  CHECK(f.last_errno(sh) == EFAULT);
  CHECK(f.call(sh, ArmSemihosting::kSysOpen, kUnmapped) == -1);
  CHECK(f.last_errno(sh) == EFAULT);
  const std::int32_t out = f.open(sh, ":tt", 4);
  // A buffer that runs off the end of RAM.
  CHECK(f.transfer(sh, ArmSemihosting::kSysWrite, out, kRamBase + kRamSize - 4, 8) == -1);
  CHECK(f.last_errno(sh) == EFAULT);
  CHECK(f.call(sh, ArmSemihosting::kSysElapsed, kUnmapped) == -1);
  CHECK(f.call(sh, ArmSemihosting::kSysExitExtended, kUnmapped) == -1);
  CHECK(f.out.empty());
  CHECK(f.exits.empty());
}

TEST_CASE("SYS_SYSTEM is refused, SYS_ISERROR tests the sign, unknown operations fail") {
  Fixture f;
  ArmSemihosting sh(f.config);
  f.core.put_string(kText, "rm -rf /");
  f.core.put_word(kBlock, kText);
  f.core.put_word(kBlock + 4, 8);
  CHECK(f.call(sh, ArmSemihosting::kSysSystem, kBlock) == -1);
  f.core.put_word(kBlock, 0xFFFFFFFEu);
  CHECK(f.call(sh, ArmSemihosting::kSysIserror, kBlock) == 1);
  f.core.put_word(kBlock, 4);
  CHECK(f.call(sh, ArmSemihosting::kSysIserror, kBlock) == 0);
  CHECK(f.call(sh, 0x99, 0) == -1);
  CHECK(f.last_errno(sh) == ENOSYS);
  f.core.put_word(kBlock, kBuffer);
  f.core.put_word(kBlock + 4, 7);
  f.core.put_word(kBlock + 8, 16);
  CHECK(f.call(sh, ArmSemihosting::kSysTmpnam, kBlock) == 0);
  CHECK(f.core.string_at(kBuffer, 14) == std::string("anvil-tmp-007\0", 14));
}
