// Image loaders: ELF32 in both byte orders, Intel HEX, and the errors bad images get.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>

#include "peripherals/memory/image_loader.h"
#include "platforms/errors.h"

using namespace anvil;

namespace {

// A flat 64 KiB "memory" at 0 that the sink writes into; anything above is unmapped.
struct FlatMemory {
  std::vector<std::uint8_t> bytes = std::vector<std::uint8_t>(0x10000, 0xAA);
  ImageSink sink() {
    return [this](std::uint64_t a, const std::uint8_t* d, std::uint64_t n) -> std::uint64_t {
      if (a >= bytes.size()) return 0;
      const std::uint64_t fit = std::min<std::uint64_t>(n, bytes.size() - a);
      for (std::uint64_t i = 0; i < fit; ++i) bytes[a + i] = d ? d[i] : 0;
      return fit;
    };
  }
};

void put(std::vector<std::uint8_t>& f, std::size_t at, std::uint32_t v, unsigned size, bool big) {
  for (unsigned i = 0; i < size; ++i) {
    const unsigned shift = 8 * (big ? size - 1 - i : i);
    f[at + i] = static_cast<std::uint8_t>(v >> shift);
  }
}

// A minimal ELF32 executable: header, one PT_LOAD program header, 8 bytes of contents
// loaded at `paddr` with memsz 16 (8 bytes of bss), entry 0x101. Field offsets per the
// System V ABI ELF32 layout.
std::vector<std::uint8_t> tiny_elf(unsigned machine, bool big, std::uint32_t paddr = 0x100) {
  std::vector<std::uint8_t> f(52 + 32 + 8, 0);
  f[0] = 0x7F, f[1] = 'E', f[2] = 'L', f[3] = 'F';
  f[4] = 1;                           // ELFCLASS32
  f[5] = big ? 2 : 1;                 // ELFDATA2MSB / ELFDATA2LSB
  f[6] = 1;                           // EV_CURRENT
  put(f, 16, 2, 2, big);              // e_type ET_EXEC
  put(f, 18, machine, 2, big);        // e_machine
  put(f, 20, 1, 4, big);              // e_version
  put(f, 24, 0x101, 4, big);          // e_entry
  put(f, 28, 52, 4, big);             // e_phoff
  put(f, 40, 52, 2, big);             // e_ehsize
  put(f, 42, 32, 2, big);             // e_phentsize
  put(f, 44, 1, 2, big);              // e_phnum
  put(f, 52 + 0, 1, 4, big);          // p_type PT_LOAD
  put(f, 52 + 4, 84, 4, big);         // p_offset
  put(f, 52 + 8, 0x8000000, 4, big);  // p_vaddr (not used: loading is by p_paddr)
  put(f, 52 + 12, paddr, 4, big);     // p_paddr
  put(f, 52 + 16, 8, 4, big);         // p_filesz
  put(f, 52 + 20, 16, 4, big);        // p_memsz
  for (unsigned i = 0; i < 8; ++i) f[84 + i] = static_cast<std::uint8_t>(0x10 + i);
  return f;
}

std::string temp_file(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("anvil-test-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  return path.string();
}

}  // namespace

TEST_CASE("elf: little-endian ARM image loads by physical address with bss zeroed") {
  FlatMemory mem;
  const LoadedImage image =
      load_elf("fw.elf", tiny_elf(40, false), mem.sink(), {.isa = "arm", .cpu_name = "cpu0"});
  REQUIRE(image.entry == 0x101);
  for (unsigned i = 0; i < 8; ++i) CHECK(mem.bytes[0x100 + i] == 0x10 + i);
  for (unsigned i = 8; i < 16; ++i) CHECK(mem.bytes[0x100 + i] == 0);
  CHECK(mem.bytes[0x110] == 0xAA);  // past memsz: untouched
  CHECK(mem.bytes[0xFF] == 0xAA);
}

TEST_CASE("elf: big-endian image keeps its bytes in address order") {
  FlatMemory mem;
  const LoadedImage image =
      load_elf("be.elf", tiny_elf(8, true), mem.sink(), {.isa = "mips", .cpu_name = "cpu0"});
  CHECK(image.entry == 0x101);
  CHECK(mem.bytes[0x100] == 0x10);
  CHECK(mem.bytes[0x107] == 0x17);
}

TEST_CASE("elf: an image for another machine names both architectures") {
  FlatMemory mem;
  CHECK_THROWS_WITH(
      load_elf("mips.elf", tiny_elf(8, false), mem.sink(), {.isa = "arm", .cpu_name = "cpu0"}),
      "mips.elf: ELF for MIPS, board's cpu0 is arm");
}

TEST_CASE("elf: truncated file names the byte it ends at") {
  FlatMemory mem;
  auto elf = tiny_elf(40, false);
  elf.resize(60);  // inside the program header
  CHECK_THROWS_WITH(load_elf("cut.elf", elf, mem.sink(), {}),
                    "cut.elf: truncated at byte 60 (program header 0 needs bytes up to 84)");
  elf.resize(30);
  CHECK_THROWS_WITH(load_elf("cut.elf", elf, mem.sink(), {}),
                    "cut.elf: truncated at byte 30 (the ELF header needs bytes up to 52)");
}

TEST_CASE("elf: not an ELF file, a missing file, a segment outside memory") {
  FlatMemory mem;
  const std::vector<std::uint8_t> text = {'h', 'e', 'l', 'l', 'o'};
  CHECK_THROWS_AS(load_elf("a.txt", text, mem.sink(), {}), ImageError);
  CHECK_THROWS_WITH(load_elf("a.txt", text, mem.sink(), {}),
                    Catch::Matchers::StartsWith("a.txt: not an ELF file"));
  CHECK_THROWS_WITH(load_image("/nonexistent/fw.elf", ImageFormat::Elf, mem.sink(), {}),
                    "/nonexistent/fw.elf: cannot open image (missing or unreadable)");
  CHECK_THROWS_WITH(
      load_elf("far.elf", tiny_elf(40, false, 0x60000000), mem.sink(), {}),
      "far.elf: segment 0 [0x60000000, 0x6000000f] is outside any memory at 0x60000000");
}

TEST_CASE("elf: load_image reads the file from disk") {
  FlatMemory mem;
  const std::string path = temp_file("ok.elf", tiny_elf(40, false));
  CHECK(load_image(path, image_format_for(path), mem.sink(), {.isa = "arm", .cpu_name = "cpu0"})
            .entry == 0x101);
  CHECK(mem.bytes[0x100] == 0x10);
  std::filesystem::remove(path);
}

// The record examples are the Intel HEX specification's classic ones (checksums by hand).
TEST_CASE("ihex: data, extended linear address and end records load") {
  FlatMemory mem;
  const std::string text =
      ":10010000214601360121470136007EFE09D2190140\n"
      ":020000040000FA\n"
      ":0400000500000101F5\n"
      ":00000001FF\n";
  const LoadedImage image = load_intel_hex("fw.hex", text, mem.sink());
  CHECK(image.bytes_loaded == 16);
  CHECK(image.entry == 0x101);
  CHECK(mem.bytes[0x100] == 0x21);
  CHECK(mem.bytes[0x10F] == 0x01);
  CHECK(mem.bytes[0x110] == 0xAA);
}

TEST_CASE("ihex: a bad checksum names the line and the expected value") {
  FlatMemory mem;
  const std::string text =
      ":10010000214601360121470136007EFE09D2190141\n"
      ":00000001FF\n";
  CHECK_THROWS_WITH(load_intel_hex("fw.hex", text, mem.sink()),
                    "fw.hex: line 1: bad checksum 0x41 (expected 0x40)");
}

TEST_CASE("ihex: segment addresses, missing end record, extended address out of memory") {
  FlatMemory mem;
  // Record 02 with segment 0x0100: base 0x1000.
  load_intel_hex("seg.hex", ":020000020100FB\n:0100000055AA\n:00000001FF\n", mem.sink());
  CHECK(mem.bytes[0x1000] == 0x55);
  CHECK_THROWS_WITH(load_intel_hex("cut.hex", ":0100000055AA\n", mem.sink()),
                    "cut.hex: no end-of-file record (type 01); the file is truncated");
  CHECK_THROWS_WITH(
      load_intel_hex("hi.hex", ":020000040800F2\n:0100000055AA\n:00000001FF\n", mem.sink()),
      "hi.hex: line 2: data record [0x08000000, 0x08000000] is outside any memory at 0x08000000");
}
