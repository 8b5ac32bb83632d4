// The outside reference for the whole protocol: Debian's gdb-multiarch attaches to the stub
// over TCP, reads target.xml and the memory map, reads and writes registers and memory,
// runs to a breakpoint, steps, runs a monitor command and detaches.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <thread>

#include "debug/gdbstub/gdb_stub.h"
#include "debug/gdbstub/transports.h"
#include "tests/unit/gdbstub/fake_target.h"

using namespace anvil;
using namespace anvil::test;

namespace {

std::string run_command(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return output;
  char buffer[512];
  while (std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, got);
  ::pclose(pipe);
  return output;
}

bool have_gdb() {
  return run_command("command -v gdb-multiarch").find("gdb") != std::string::npos;
}

// Unblocks accept() if GDB never connected.
void poke(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::close(fd);
}

struct GdbRun {
  std::string output;
  GdbStub::SessionEnd end = GdbStub::SessionEnd::Killed;
};

// Serves one connection from gdb-multiarch running `commands` (each a -ex argument) in
// batch mode.
GdbRun run_gdb(FakeTarget& target, const std::vector<std::string>& commands) {
  TcpListener listener(ListenAddress{"127.0.0.1", 0});
  GdbRun run;
  bool served = false;
  std::thread server([&] {
    auto stream = listener.accept();
    GdbStub stub(target, *stream);
    run.end = stub.serve();
    served = true;
  });
  std::string command =
      "timeout 60 gdb-multiarch -nx -batch -ex 'set pagination off'"
      " -ex 'set confirm off' -ex 'target remote 127.0.0.1:" +
      std::to_string(listener.port()) + "'";
  for (const std::string& line : commands) command += " -ex '" + line + "'";
  run.output = run_command(command + " 2>&1");
  if (!served) poke(listener.port());
  server.join();
  return run;
}

}  // namespace

TEST_CASE("gdb-multiarch reads and writes registers and memory, breaks, steps, detaches") {
  if (!have_gdb()) {
    WARN("gdb-multiarch is not installed (scripts/setup installs it); nothing to check");
    return;
  }
  FakeTarget target;
  target.bus.ram[0x100] = 0x5a;
  const GdbRun run = run_gdb(
      target,
      {"info registers r1 pc", "info registers msp", "x/1xb 0x20000100", "set var $r2 = 0x1234abcd",
       "print/x $r2", "set {unsigned int}0x20000200 = 0xcafef00d", "x/1xw 0x20000200",
       "print *(unsigned int *)0x30000000", "break *0x20000010", "continue", "print/x $pc", "stepi",
       "print/x $pc", "info mem", "monitor info", "info threads", "detach"});
  const std::string& output = run.output;
  INFO(output);
  CHECK(output.find("r1             0x1001") != std::string::npos);
  CHECK(output.find("msp            0x20000800") != std::string::npos);  // m-system feature
  CHECK(output.find("0x20000100:\t0x5a") != std::string::npos);
  CHECK(output.find("$1 = 0x1234abcd") != std::string::npos);
  CHECK(target.cores[0]->read_register(2) == 0x1234abcd);
  CHECK(output.find("0x20000200:\t0xcafef00d") != std::string::npos);
  CHECK(target.bus.ram[0x200] == 0x0d);
  CHECK(output.find("Cannot access memory at address 0x30000000") != std::string::npos);
  CHECK(output.find("Breakpoint 1, 0x20000010") != std::string::npos);
  CHECK(output.find("$2 = 0x20000010") != std::string::npos);
  CHECK(output.find("$3 = 0x20000012") != std::string::npos);
  CHECK(output.find("0x00000000 0x00001000 flash blocksize 0x400") != std::string::npos);
  CHECK(output.find("0x20000000 0x20010000 rw") != std::string::npos);
  CHECK(output.find("cpu0: cortex-m3") != std::string::npos);
  CHECK(output.find("Thread 1 \"cpu0\" (cortex-m3)") != std::string::npos);
  CHECK(output.find("[Inferior 1 (Remote target) detached]") != std::string::npos);
  CHECK(run.end == GdbStub::SessionEnd::Detached);
  CHECK(target.applied.empty());  // detach removed the breakpoint
}

TEST_CASE("gdb-multiarch sees a read watchpoint fire and the guest exit") {
  if (!have_gdb()) {
    WARN("gdb-multiarch is not installed (scripts/setup installs it); nothing to check");
    return;
  }
  FakeTarget target;
  target.data_accesses[0x20000020] = {Access::Load, 0x20000300};
  target.exit_pc = 0x20000040;
  target.exit_code = 3;
  const GdbRun run = run_gdb(
      target, {"rwatch *(unsigned int *)0x20000300", "continue", "print/x $pc", "continue"});
  const std::string& output = run.output;
  INFO(output);
  CHECK(output.find("Hardware read watchpoint 1: *(unsigned int *)0x20000300") !=
        std::string::npos);
  CHECK(output.find("Value = 0") != std::string::npos);
  // GDB treats ARM watchpoints as stopping before the access and steps over the
  // instruction itself: it reports pc just past the load at 0x20000020.
  CHECK(output.find("$1 = 0x20000022") != std::string::npos);
  CHECK(output.find("[Inferior 1 (Remote target) exited with code 03]") != std::string::npos);
  CHECK(run.end == GdbStub::SessionEnd::TargetExited);
}
