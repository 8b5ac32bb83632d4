// Running a fake-ISA program as a user-mode process and reading what it wrote.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <sstream>
#include <string>
#include <vector>

#include "platforms/user/linux_process.h"
#include "tests/unit/user/fake_target.h"
#include "tests/unit/user/program_builder.h"

namespace anvil::user::test {

struct Pipe {
  int read_end = -1, write_end = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) == 0) read_end = fds[0], write_end = fds[1];
  }
  ~Pipe() {
    if (read_end >= 0) close(read_end);
    if (write_end >= 0) close(write_end);
  }
  // Everything written so far (the write end stays open).
  std::string drain() {
    std::string out;
    fcntl(read_end, F_SETFL, O_NONBLOCK);
    char buffer[4096];
    ssize_t n;
    while ((n = read(read_end, buffer, sizeof buffer)) > 0)
      out.append(buffer, static_cast<std::size_t>(n));
    return out;
  }
};

struct RunResult {
  ProcessEnd end;
  std::string log;
};

inline RunResult run_fake(const Asm& code, std::vector<std::uint8_t> data = {},
                          std::endian order = std::endian::little, UserOptions options = {},
                          std::vector<std::string> args = {}) {
  FakeProgram program;
  program.code = code.code;
  program.base = code.base;
  program.data = std::move(data);
  program.bss = 0x1000;
  const std::string path = write_temp_file(build_fake_elf(program, order), "prog");
  std::ostringstream log;
  options.log = &log;
  const UserTarget target = fake_target(order);
  ProgramRequest request{path, args.empty() ? std::vector<std::string>{path} : args, {"X=1"}};
  RunResult result;
  {
    LinuxProcess process(target, options, request);
    result.end = process.run();
  }
  // A forked child must not go on to run the rest of the test suite.
  if (result.end.inherited.forked)
    _exit(result.end.kind == ProcessEnd::Kind::Exited ? result.end.status : 128);
  result.log = log.str();
  return result;
}

// Where build_fake_elf puts the data segment of any program shorter than 1024 words.
constexpr std::uint32_t kData = 0x11000;

}  // namespace anvil::user::test
