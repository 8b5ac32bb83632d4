// The ELF loader, the initial stack (System V ABI "Process Initialization", Linux
// create_elf_tables) and the address space's permission checks.
#include <catch2/catch.hpp>

#include <map>

#include "platforms/errors.h"
#include "platforms/user/address_space.h"
#include "platforms/user/elf_loader.h"
#include "platforms/user/initial_stack.h"
#include "tests/unit/user/fake_target.h"

using namespace anvil;
using namespace anvil::user;
using namespace anvil::user::test;

namespace {
FakeProgram sample_program() {
  FakeProgram p;
  p.code = {0x11111111, 0x22222222, 0x33333333};
  p.data = {1, 2, 3, 4, 5};
  p.bss = 0x3000;
  return p;
}
}  // namespace

TEST_CASE("ELF loader maps segments with their permissions, in both byte orders") {
  for (std::endian order : {std::endian::little, std::endian::big}) {
    const FakeProgram program = sample_program();
    const auto image = build_fake_elf(program, order);
    AddressSpace space(order);
    const LoadedProgram loaded = load_elf("prog", image, fake_abi(order), space);
    CHECK(loaded.entry == 0x10000);
    CHECK(loaded.load_bias == 0);
    CHECK(loaded.phnum == 2);
    CHECK(loaded.phent == 32);
    std::uint32_t word = 0;
    REQUIRE(space.read_u32(0x10004, word));
    CHECK(word == 0x22222222);  // read back in guest order: the same value
    CHECK(space.permissions(0x10000) == (kPermRead | kPermExec));
    const Addr data = fake_data_address(program);
    CHECK(space.permissions(data) == (kPermRead | kPermWrite));
    std::uint8_t bytes[6] = {};
    REQUIRE(space.read(data, bytes));
    CHECK(bytes[0] == 1);
    CHECK(bytes[4] == 5);
    CHECK(bytes[5] == 0);  // .bss starts zeroed
    // .bss covers data + 5 + 0x3000 bytes; the break starts on the page after it.
    CHECK(loaded.brk_start == AddressSpace::page_up(data + 5 + 0x3000));
    CHECK(space.is_mapped(loaded.brk_start - 1, 1));
    CHECK_FALSE(space.is_mapped(loaded.brk_start, 1));
    // The code is not writable: a checked write fails and changes nothing.
    const std::uint8_t junk[4] = {9, 9, 9, 9};
    CHECK_FALSE(space.write(0x10000, junk));
    REQUIRE(space.read_u32(0x10000, word));
    CHECK(word == 0x11111111);
  }
}

TEST_CASE("ELF loader puts a static-PIE executable at the ABI's base") {
  FakeProgram program = sample_program();
  program.pie = true;
  program.base = 0x1000;  // the headers' page is at 0
  const auto image = build_fake_elf(program, std::endian::little);
  AddressSpace space(std::endian::little);
  const auto& abi = fake_abi(std::endian::little);
  const LoadedProgram loaded = load_elf("pie", image, abi, space);
  CHECK(loaded.load_bias == abi.static_pie_base);
  CHECK(loaded.entry == abi.static_pie_base + 0x1000);
  std::uint32_t word = 0;
  REQUIRE(space.read_u32(abi.static_pie_base + 0x1008, word));
  CHECK(word == 0x33333333);
}

TEST_CASE("ELF loader refuses what user mode cannot run, naming the file") {
  AddressSpace space(std::endian::little);
  const auto& abi = fake_abi(std::endian::little);
  FakeProgram dynamic = sample_program();
  dynamic.with_interpreter = true;
  CHECK_THROWS_WITH(load_elf("dyn", build_fake_elf(dynamic, std::endian::little), abi, space),
                    Catch::Contains("dyn: dynamically linked"));
  FakeProgram other = sample_program();
  other.machine = 3;  // EM_386
  CHECK_THROWS_WITH(load_elf("x86", build_fake_elf(other, std::endian::little), abi, space),
                    Catch::Contains("ELF machine 3"));
  CHECK_THROWS_WITH(load_elf("be", build_fake_elf(sample_program(), std::endian::big), abi, space),
                    Catch::Contains("byte order"));
  const std::vector<std::uint8_t> text = {'#', '!', '/', 'b'};
  CHECK_THROWS_AS(load_elf("script", text, abi, space), ImageError);
  auto truncated = build_fake_elf(sample_program(), std::endian::little);
  truncated.resize(60);
  CHECK_THROWS_WITH(load_elf("short", truncated, abi, space), Catch::Contains("short: truncated"));
}

TEST_CASE("execve classifies guest programs, other ELF files and scripts") {
  const auto& abi = fake_abi(std::endian::little);
  CHECK(classify_executable(build_fake_elf(sample_program(), std::endian::little), abi) ==
        ExecutableKind::GuestElf);
  CHECK(classify_executable(build_fake_elf(sample_program(), std::endian::big), abi) ==
        ExecutableKind::OtherElf);
  const std::vector<std::uint8_t> script = {'#', '!', '/', 'b', 'i', 'n'};
  CHECK(classify_executable(script, abi) == ExecutableKind::Script);
  const std::vector<std::uint8_t> text = {'e', 'c', 'h', 'o'};
  CHECK(classify_executable(text, abi) == ExecutableKind::Unknown);
}

TEST_CASE("the initial stack holds argc, argv, envp and the auxiliary vector") {
  for (std::endian order : {std::endian::little, std::endian::big}) {
    AddressSpace space(order);
    const auto& abi = fake_abi(order);
    const LoadedProgram loaded =
        load_elf("prog", build_fake_elf(sample_program(), order), abi, space);
    StackRequest request;
    request.args = {"prog", "one", "two words"};
    request.env = {"A=1", "B=22"};
    request.execfn = "/bin/prog";
    for (unsigned i = 0; i < 16; ++i) request.random[i] = static_cast<std::uint8_t>(i * 7);
    request.identity = {1000, 1001, 100, 101};
    request.features = {0x1234, 0x5, "fake"};
    const Addr sp = build_initial_stack(space, abi, loaded, request);
    CHECK(sp % 16 == 0);
    CHECK(sp < abi.stack_top);
    std::uint32_t word = 0;
    REQUIRE(space.read_u32(sp, word));
    CHECK(word == 3);  // argc
    std::string s;
    std::vector<std::string> argv;
    for (unsigned i = 0; i < 3; ++i) {
      REQUIRE(space.read_u32(sp + 4 + 4 * i, word));
      REQUIRE(space.read_string(word, s));
      argv.push_back(s);
    }
    CHECK(argv == request.args);
    REQUIRE(space.read_u32(sp + 16, word));
    CHECK(word == 0);  // argv terminator
    REQUIRE(space.read_u32(sp + 24, word));
    REQUIRE(space.read_string(word, s));
    CHECK(s == "B=22");
    REQUIRE(space.read_u32(sp + 28, word));
    CHECK(word == 0);  // envp terminator
    std::map<std::uint32_t, std::uint32_t> aux;
    for (Addr at = sp + 32;; at += 8) {
      std::uint32_t key = 0, value = 0;
      REQUIRE(space.read_u32(at, key));
      REQUIRE(space.read_u32(at + 4, value));
      if (key == AT_NULL) break;
      aux[key] = value;
    }
    CHECK(aux[AT_PAGESZ] == 4096);
    CHECK(aux[AT_ENTRY] == loaded.entry);
    CHECK(aux[AT_PHNUM] == 2);
    CHECK(aux[AT_PHENT] == 32);
    CHECK(aux[AT_HWCAP] == 0x1234);
    CHECK(aux[AT_HWCAP2] == 0x5);
    CHECK(aux[AT_UID] == 1000);
    CHECK(aux[AT_EUID] == 1001);
    CHECK(aux[AT_GID] == 100);
    CHECK(aux[AT_EGID] == 101);
    CHECK(aux[AT_SECURE] == 0);
    REQUIRE(space.read_string(aux[AT_EXECFN], s));
    CHECK(s == "/bin/prog");
    REQUIRE(space.read_string(aux[AT_PLATFORM], s));
    CHECK(s == "fake");
    std::uint8_t random[16];
    REQUIRE(space.read(aux[AT_RANDOM], random));
    CHECK(random[3] == 21);
    // AT_PHDR points at the loaded program headers: the first is PT_LOAD (1).
    CHECK(aux[AT_PHDR] == 0x10000 - 0x1000 + 52);
    REQUIRE(space.read_u32(aux[AT_PHDR], word));
    CHECK(word == 1);
  }
}

TEST_CASE("address space: brk grows and shrinks, mapped ranges refuse to be taken") {
  AddressSpace space(std::endian::little);
  space.set_brk_start(0x20000);
  CHECK(space.set_brk(0) == 0x20000);  // below the start: unchanged
  CHECK(space.set_brk(0x22010) == 0x22010);
  CHECK(space.writable(0x20000, 0x2010));
  CHECK(space.writable(0x22000, 0x1000));  // the page holding the break
  CHECK_FALSE(space.is_mapped(0x23000, 1));
  CHECK(space.set_brk(0x21000) == 0x21000);
  CHECK_FALSE(space.is_mapped(0x21000, 1));
  space.map(0x30000, 0x1000, kPermRead);
  CHECK(space.set_brk(0x31000) == 0x21000);  // would run into the mapping: refused
  CHECK(space.find_free(0x2000, 0x2f000) == 0x31000);
  CHECK_FALSE(space.writable(0x30000, 4));
  CHECK(space.readable(0x30000, 4));
  CHECK_FALSE(space.readable(0x2fffe, 4));     // straddles into unmapped memory
  CHECK_FALSE(space.readable(0xfffffffe, 4));  // wraps past the top
}
