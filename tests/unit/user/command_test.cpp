// `anvil user` (docs/user-mode.md, docs/cli.md exit statuses): usage errors are 64, an
// unloadable program 66, the program's status passes through, a fatal signal N is 128+N,
// --max-insns gives 124, and execve starts the next image in the same command.
#include <catch2/catch.hpp>

#include <cstring>
#include <sstream>

#include "platforms/user/user_command.h"
#include "tests/unit/user/run_helpers.h"

using namespace anvil;
using namespace anvil::user;
using namespace anvil::user::test;

namespace {

struct CommandRun {
  int status;
  std::string out, err;
};

CommandRun run_command(const std::vector<std::string>& args) {
  const std::vector<UserTarget> targets = {fake_target(std::endian::little),
                                           fake_target(std::endian::big)};
  std::ostringstream out, err;
  const int status = run_user_command(args, targets, out, err);
  return {status, out.str(), err.str()};
}

std::string program_file(const Asm& code, const std::string& name,
                         std::vector<std::uint8_t> data = {}) {
  FakeProgram program;
  program.code = code.code;
  program.data = std::move(data);
  return write_temp_file(build_fake_elf(program, std::endian::little), name);
}

}  // namespace

TEST_CASE("anvil user: usage errors name the problem and exit 64") {
  CHECK(run_command({}).status == 64);
  CHECK_THAT(run_command({}).err, Catch::Contains("--arch is required"));
  const CommandRun no_program = run_command({"--arch", "fake-le"});
  CHECK(no_program.status == 64);
  CHECK_THAT(no_program.err, Catch::Contains("no PROGRAM"));
  const CommandRun unknown = run_command({"--arch", "vax", "prog"});
  CHECK(unknown.status == 64);
  CHECK_THAT(unknown.err, Catch::Contains("unknown --arch vax (this build has: fake-le fake-be)"));
  CHECK(run_command({"--arch", "fake-le", "--bogus", "prog"}).status == 64);
  CHECK(run_command({"--arch", "fake-le", "--random-seed", "x", "prog"}).status == 64);
  const CommandRun cpu =
      run_command({"--arch", "fake-le", "--cpu", "z80", program_file(Asm{}.exit(0), "p")});
  CHECK(cpu.status == 64);
  CHECK_THAT(cpu.err, Catch::Contains("unknown fake cpu z80"));
}

TEST_CASE("anvil user --list shows each target with its cpus") {
  const CommandRun list = run_command({"--list"});
  CHECK(list.status == 0);
  CHECK_THAT(list.out, Catch::Contains("fake-le") && Catch::Contains("fake*"));
}

TEST_CASE("anvil user: a program that cannot be loaded exits 66 with its name") {
  const CommandRun missing = run_command({"--arch", "fake-le", "/no/such/program"});
  CHECK(missing.status == 66);
  CHECK_THAT(missing.err, Catch::Contains("/no/such/program: cannot open"));
  const std::string big = program_file(Asm{}.exit(0), "big");
  const CommandRun wrong_order = run_command({"--arch", "fake-be", big});
  CHECK(wrong_order.status == 66);
  CHECK_THAT(wrong_order.err, Catch::Contains("byte order"));
}

TEST_CASE("anvil user: exit status, 128+signal, --max-insns, --stats") {
  CHECK(run_command({"--arch", "fake-le", program_file(Asm{}.exit(42), "p42")}).status == 42);
  Asm aborting;
  aborting.syscall(20).li(1, 6).syscall(37).exit(0);  // kill(getpid(), SIGABRT)
  CHECK(run_command({"--arch", "fake-le", program_file(aborting, "abort")}).status == 128 + 6);
  Asm forever;
  forever.li(1, 0x10000).op(kBx, 0, 1);  // jump back to the start for ever
  const CommandRun limited =
      run_command({"--arch", "fake-le", "--max-insns", "1000", program_file(forever, "loop")});
  CHECK(limited.status == 124);
  const CommandRun stats =
      run_command({"--arch", "fake-le", "--stats", program_file(Asm{}.exit(0), "stats")});
  // The fake core takes one cycle per instruction (fake_target.cpp).
  CHECK_THAT(stats.err, Catch::Contains("anvil user: 5 instructions, 5 cycles, "));
}

TEST_CASE("anvil user: execve runs the next guest image with its arguments") {
  // The second program exits with its argc (3).
  Asm second;
  second.li(1, 0).op(kAdd, 1, kFakeSp, 0).op(kLdr, 0, 1).exit_with_r0();
  const std::string next = program_file(second, "second");
  std::vector<std::uint8_t> data(256, 0);
  auto put32 = [&](std::size_t at, std::uint32_t v) { std::memcpy(&data[at], &v, 4); };
  std::memcpy(&data[64], next.c_str(), next.size() + 1);
  std::memcpy(&data[24], "a", 2);
  std::memcpy(&data[28], "b", 2);
  put32(0, kData + 64), put32(4, kData + 24), put32(8, kData + 28), put32(12, 0);  // argv
  put32(16, 0);                                                                    // envp
  Asm first;
  first.li(0, kData + 64).li(1, kData).li(2, kData + 16).syscall(11).exit(9);
  const CommandRun both =
      run_command({"--arch", "fake-le", "--stats", program_file(first, "first", data)});
  CHECK(both.status == 3);
  // --stats after each image counts the chain so far: the first's 9 instructions up to its
  // execve (three li of two words, then li r7 and svc), then 9 + 7 for the second (li, add,
  // ldr, li r7, svc); one cycle each on the fake core.
  CHECK_THAT(both.err, Catch::Contains("anvil user: 9 instructions, 9 cycles, "));
  CHECK_THAT(both.err, Catch::Contains("anvil user: 16 instructions, 16 cycles, "));
}
