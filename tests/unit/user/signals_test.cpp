// Signals through the fake ISA: handlers for faults and for kill, sigreturn restoring the
// interrupted registers, masks, SIG_IGN, default actions (signal(7): SIGSEGV, SIGILL and
// SIGABRT terminate).
#include <catch2/catch.hpp>

#include <cstring>

#include "tests/unit/user/run_helpers.h"

using namespace anvil;
using namespace anvil::user;
using namespace anvil::user::test;

namespace {

constexpr std::uint32_t kSaSiginfo = 4, kSaRestorer = 0x04000000, kSaNodefer = 0x40000000;
constexpr std::uint32_t kSigill = 4, kSigabrt = 6, kSigusr1 = 10, kSigsegv = 11;

// A struct sigaction in the data segment at kData + offset (handler, flags, restorer, mask).
void put_action(std::vector<std::uint8_t>& data, std::size_t offset, std::uint32_t handler,
                std::uint32_t flags, std::uint32_t restorer, std::uint32_t mask = 0) {
  const std::uint32_t words[5] = {handler, flags, restorer, mask, 0};
  if (data.size() < offset + 20) data.resize(offset + 20);
  std::memcpy(&data[offset], words, 20);
}

// rt_sigaction(signal, kData + offset, NULL, 8)
void sigaction_call(Asm& a, std::uint32_t signal, std::uint32_t offset) {
  a.li(0, signal).li(1, kData + offset).li(2, 0).li(3, 8).syscall(174);
}

void kill_self(Asm& a, std::uint32_t signal) {
  a.syscall(20).li(1, signal).syscall(37);  // kill(getpid(), signal)
}

}  // namespace

TEST_CASE("a SIGSEGV handler runs with the signal number, and can exit") {
  Asm a;
  const auto install = a.code.size();
  sigaction_call(a, kSigsegv, 0);
  a.li(1, 4).op(kLdr, 0, 1).exit(1);  // load from address 4: fault
  const std::uint32_t handler = a.here();
  a.op(kAdd, 0, 0, 30).exit_with_r0();  // exit(signo + 30)
  (void)install;
  std::vector<std::uint8_t> data;
  put_action(data, 0, handler, kSaSiginfo, 0);
  const RunResult r = run_fake(a, data);
  CHECK(r.end.kind == ProcessEnd::Kind::Exited);
  CHECK(r.end.status == 41);
}

TEST_CASE("rt_sigreturn resumes after kill with the interrupted registers") {
  Asm a;
  std::vector<std::uint8_t> data;
  sigaction_call(a, kSigusr1, 0);
  a.li(9, 77);
  kill_self(a, kSigusr1);
  a.op(kMov, 0, 9).exit_with_r0();  // r9 must be 77 again here
  const std::uint32_t handler = a.here();
  a.li(9, 0).op(kBx, 0, kFakeLr);  // clobber r9 and return to the restorer
  const std::uint32_t restorer = a.here();
  a.syscall(173);  // rt_sigreturn
  put_action(data, 0, handler, kSaRestorer, restorer);
  const RunResult r = run_fake(a, data);
  CHECK(r.end.kind == ProcessEnd::Kind::Exited);
  CHECK(r.end.status == 77);
}

TEST_CASE("a blocked signal waits for rt_sigprocmask to unblock it") {
  Asm a;
  std::vector<std::uint8_t> data;
  sigaction_call(a, kSigusr1, 0);
  // rt_sigprocmask(SIG_BLOCK, {SIGUSR1}, NULL, 8); the set lives at kData + 32.
  a.li(0, 0).li(1, kData + 32).li(2, 0).li(3, 8).syscall(175);
  a.li(9, 0);
  kill_self(a, kSigusr1);
  a.li(9, 50);  // runs only if the signal stayed pending
  a.li(0, 1).li(1, kData + 32).li(2, 0).li(3, 8).syscall(175);  // SIG_UNBLOCK
  a.exit(1);
  const std::uint32_t handler = a.here();
  a.op(kMov, 0, 9).exit_with_r0();
  put_action(data, 0, handler, 0, 0);
  data.resize(40, 0);
  const std::uint32_t set = 1u << (kSigusr1 - 1);
  std::memcpy(&data[32], &set, 4);
  const RunResult r = run_fake(a, data);
  CHECK(r.end.kind == ProcessEnd::Kind::Exited);
  CHECK(r.end.status == 50);
}

TEST_CASE("SIG_IGN discards a signal, SIG_DFL of SIGABRT terminates") {
  Asm ignore;
  std::vector<std::uint8_t> data;
  put_action(data, 0, 1 /* SIG_IGN */, 0, 0);
  sigaction_call(ignore, kSigusr1, 0);
  kill_self(ignore, kSigusr1);
  ignore.exit(3);
  CHECK(run_fake(ignore, data).end.status == 3);

  Asm abort_program;
  kill_self(abort_program, kSigabrt);
  abort_program.exit(0);
  const RunResult r = run_fake(abort_program);
  CHECK(r.end.kind == ProcessEnd::Kind::Signaled);
  CHECK(r.end.status == 6);
}

TEST_CASE("an illegal instruction without a handler ends the program with SIGILL") {
  Asm a;
  a.op(kUdf).exit(0);
  const RunResult r = run_fake(a);
  CHECK(r.end.kind == ProcessEnd::Kind::Signaled);
  CHECK(r.end.status == static_cast<int>(kSigill));
}

TEST_CASE("a fault inside its own handler (signal blocked) kills the program") {
  Asm a;
  std::vector<std::uint8_t> data;
  sigaction_call(a, kSigsegv, 0);
  a.li(1, 4).op(kLdr, 0, 1).exit(1);
  const std::uint32_t handler = a.here();
  a.li(1, 8).op(kLdr, 0, 1).exit(2);  // faults again while SIGSEGV is blocked
  put_action(data, 0, handler, 0, 0);
  const RunResult r = run_fake(a, data);
  CHECK(r.end.kind == ProcessEnd::Kind::Signaled);
  CHECK(r.end.status == static_cast<int>(kSigsegv));
  // With SA_NODEFER the handler is entered again instead (and here exits the second time).
  Asm b;
  std::vector<std::uint8_t> nodefer;
  sigaction_call(b, kSigsegv, 0);
  b.li(9, 0).li(1, 4).op(kLdr, 0, 1).exit(1);
  const std::uint32_t again = b.here();
  const auto second = b.branch_if_zero(9);
  b.exit(60);
  b.bind(second);
  b.li(9, 1).li(1, 8).op(kLdr, 0, 1).exit(2);
  put_action(nodefer, 0, again, kSaNodefer, 0);
  CHECK(run_fake(b, nodefer).end.status == 60);
}
