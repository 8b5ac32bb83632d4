// Run control, breakpoints, watchpoints and stop replies (GDB manual, "Packets" c/s/vCont/
// Z/z/D/k and "Stop Reply Packets").
#include <catch2/catch.hpp>

#include "debug/gdbstub/gdb_stub.h"
#include "tests/unit/gdbstub/stub_session.h"

using namespace anvil;
using namespace anvil::test;

using Replies = std::vector<std::string>;
using Actions = std::vector<ResumeAction>;
constexpr auto kContinue = ResumeAction::Continue;
constexpr auto kStep = ResumeAction::Step;
constexpr auto kStay = ResumeAction::Stay;

TEST_CASE("? reports the halted target as SIGTRAP on thread 1") {
  StubSession session;
  CHECK(session.reply_to("?") == "T05thread:1;");
}

TEST_CASE("s steps one instruction of the current thread") {
  StubSession session;
  CHECK(session.exchange({"s", "pf", "?"}) == Replies{"T05thread:1;", "02000020", "T05thread:1;"});
  CHECK(session.target.resumes == std::vector<Actions>{{kStep}});
}

TEST_CASE("s ADDR, S SIG ADDR and C SIG ADDR set pc first, signals are ignored") {
  StubSession session;
  session.target.exit_pc = 0x20000204;
  CHECK(session.exchange({"s20000100", "pf", "S05;20000200", "pf", "C0b;20000200"}) ==
        Replies{"T05thread:1;", "02010020", "T05thread:1;", "02020020", "W00"});
}

TEST_CASE("malformed resume packets are E01 and do not resume") {
  StubSession session;
  CHECK(session.exchange({"sx", "s20000100x", "C", "Cxx", "C05;", "S05x", "c;1"}) ==
        Replies{"E01", "E01", "E01", "E01", "E01", "E01", "E01"});
  CHECK(session.target.resumes.empty());
}

TEST_CASE("c runs to a software breakpoint, swbreak only if GDB's qSupported had it") {
  SECTION("GDB said swbreak+") {
    StubSession session;
    CHECK(session.exchange({"qSupported:swbreak+;hwbreak+", "Z0,20000010,2", "c", "pf"}) ==
          Replies{kSupportedReply, "OK", "T05thread:1;swbreak:;", "10000020"});
    CHECK(session.target.resumes == std::vector<Actions>{{kContinue}});
  }
  SECTION("GDB did not") {
    StubSession session;
    CHECK(session.exchange({"Z0,20000010,2", "c"}) == Replies{"OK", "T05thread:1;"});
  }
}

TEST_CASE("a hardware breakpoint stops with hwbreak") {
  StubSession session;
  CHECK(session.exchange({"qSupported:swbreak+;hwbreak+", "Z1,20000008,2", "c"}) ==
        Replies{kSupportedReply, "OK", "T05thread:1;hwbreak:;"});
}

TEST_CASE("watchpoints report watch, rwatch and awatch with the data address") {
  StubSession session;
  FakeTarget& target = session.target;
  target.data_accesses[0x20000004] = {Access::Load, 0x20000100};
  target.data_accesses[0x20000008] = {Access::Store, 0x20000104};
  target.data_accesses[0x2000000c] = {Access::Load, 0x20000202};
  target.exit_pc = 0x20000020;
  // The watchpoint stops before the access completes (pc at the accessing instruction),
  // so "s" moves past it as GDB would. The store at 0x20000008 does not fire the read
  // watchpoint on 0x20000104.
  CHECK(session.exchange({"Z3,20000104,4", "Z2,20000104,4", "Z3,20000100,4", "c", "pf", "s", "c",
                          "s", "Z4,20000200,4", "c", "s", "c"}) ==
        Replies{"OK", "OK", "OK", "T05thread:1;rwatch:20000100;", "04000020", "T05thread:1;",
                "T05thread:1;watch:20000104;", "T05thread:1;", "OK", "T05thread:1;awatch:20000202;",
                "T05thread:1;", "W00"});
}

TEST_CASE("Z is idempotent, z removes, and the stub keeps the list") {
  StubSession session;
  CHECK(session.exchange({"Z0,20000010,2", "Z0,20000010,2", "Z2,20000100,4", "z0,20000010,2",
                          "z0,20000010,2", "Z1,20000010,4;X1,0"}) ==
        Replies{"OK", "OK", "OK", "OK", "OK", "OK"});
  using Breakpoint = GdbStub::Breakpoint;
  CHECK(std::vector<Breakpoint>(session.stub.breakpoints().begin(),
                                session.stub.breakpoints().end()) ==
        std::vector<Breakpoint>{{BreakpointKind::WriteWatch, 0x20000100, 4},
                                {BreakpointKind::Hardware, 0x20000010, 4}});
  CHECK(session.target.applied.size() == 2);
}

TEST_CASE("bad Z packets: unknown type is empty, malformed E01, refused E03") {
  StubSession session;
  session.target.refuse_breakpoints = true;
  CHECK(session.exchange({"Z5,0,2", "Z0", "Z0,", "Z0,1", "Z0,1,", "Z0,x,2", "Z0,1,2x", "Z2,100,0",
                          "Z2,ffffffffffffffff,2", "Z0,20000010,2"}) ==
        Replies{"", "E01", "E01", "E01", "E01", "E01", "E01", "E01", "E01", "E03"});
  CHECK(session.stub.breakpoints().empty());
}

TEST_CASE("the guest exiting ends the session with W and the exit code") {
  StubSession session;
  session.target.exit_pc = 0x20000020;
  session.target.exit_code = 0x2a;
  CHECK(session.exchange({"c", "qC"}) == Replies{"W2a"});
  CHECK(session.end == GdbStub::SessionEnd::TargetExited);
}

TEST_CASE("Ctrl-C while running stops with SIGINT") {
  StubSession session;
  const Replies replies =
      without_acks(split_output(session.run_raw({frame("c"), "\x03", frame("?")})));
  CHECK(replies == Replies{"T02thread:1;", "T02thread:1;"});
  CHECK(session.target.interrupt_polls < 100);  // stopped by the 0x03, not the step limit
}

TEST_CASE("Ctrl-C in the same read as the continue still stops it") {
  StubSession session;
  CHECK(without_acks(split_output(session.run_raw({frame("c") + "\x03"}))) ==
        Replies{"T02thread:1;"});
}

TEST_CASE("a Ctrl-C sent while the target was stopped does not stop the next run") {
  StubSession session;
  session.target.exit_pc = 0x20000010;
  CHECK(without_acks(split_output(session.run_raw({"\x03", frame("qC") + "\x03", frame("c")}))) ==
        Replies{"QC1", "W00"});
}

TEST_CASE("a core that cannot go on is reported as SIGSEGV") {
  StubSession session;
  session.target.step_limit = 5;
  CHECK(session.reply_to("c") == "T0bthread:1;");
}

TEST_CASE("vCont? lists the supported actions") {
  StubSession session;
  CHECK(session.reply_to("vCont?") == "vCont;c;C;s;S;t");
}

TEST_CASE("vCont gives each thread the leftmost action naming it") {
  StubSession session(2);
  session.target.exit_pc = 0x20000010;
  CHECK(session.exchange({"vCont;s:2;c", "qC", "vCont;c:1;s:1", "vCont;C05:2;t:1", "vCont;S05",
                          "vCont;s:-1", "vCont;c:0"}) == Replies{"T05thread:2;", "QC2", "W00"});
  CHECK(session.target.resumes == std::vector<Actions>{{kContinue, kStep}, {kContinue, kStay}});
}

TEST_CASE("vCont applies other actions after a stop") {
  StubSession session(2);
  session.target.step_limit = 50;
  CHECK(session.exchange({"vCont;C05:2;t:1", "vCont;S05", "vCont;s:-1", "vCont;c:0"}).size() == 4);
  CHECK(session.target.resumes[0] == Actions{kStay, kContinue});
  CHECK(session.target.resumes[1] == Actions{kStep, kStep});
  CHECK(session.target.resumes[2] == Actions{kStep, kStep});
  CHECK(session.target.resumes[3] == Actions{kContinue, kStay});  // 0: the current thread
}

TEST_CASE("malformed vCont is E01 and resumes nothing") {
  StubSession session(2);
  CHECK(session.exchange({"vCont;", "vCont;x", "vCont;s:5", "vCont;t", "vCont;c:1x", "vCont;C",
                          "vCont;c:", "vCont;r1,2", "vCont"}) ==
        Replies{"E01", "E01", "E01", "E01", "E01", "E01", "E01", "E01", ""});
  CHECK(session.target.resumes.empty());
}

TEST_CASE("c continues every core, s steps the Hc thread") {
  StubSession session(2);
  session.target.exit_pc = 0x20000010;
  CHECK(session.exchange({"Hc2", "s", "qC", "Hc-1", "c"}) ==
        Replies{"OK", "T05thread:2;", "QC2", "OK", "W00"});
  CHECK(session.target.resumes == std::vector<Actions>{{kStay, kStep}, {kContinue, kContinue}});
}

TEST_CASE("a stop on another core switches the current thread to it") {
  StubSession session(2);
  session.target.cores[1]->write_register(FakeCore::kPc, 0x2000000e);
  CHECK(session.exchange({"Z0,20000010,2", "c", "qC", "pf", "?"}) ==
        Replies{"OK", "T05thread:2;", "QC2", "10000020", "T05thread:2;"});
}

TEST_CASE("D removes every breakpoint, resumes all cores and ends the session") {
  StubSession session(2);
  CHECK(session.exchange({"Z0,20000010,2", "Z2,20000100,4", "D", "qC"}) ==
        Replies{"OK", "OK", "OK"});
  CHECK(session.end == GdbStub::SessionEnd::Detached);
  CHECK(session.target.applied.empty());
  CHECK(session.stub.breakpoints().empty());
  CHECK(session.target.resumes == std::vector<Actions>{{kContinue, kContinue}});
}

TEST_CASE("k ends the session without a reply, vKill replies OK") {
  SECTION("k") {
    StubSession session;
    CHECK(session.run_raw({frame("k"), frame("qC")}) == "+");
    CHECK(session.end == GdbStub::SessionEnd::Killed);
  }
  SECTION("vKill") {
    StubSession session;
    CHECK(session.exchange({"vKill;1", "qC"}) == Replies{"OK"});
    CHECK(session.end == GdbStub::SessionEnd::Killed);
  }
}
