// Registers, memory and queries: exact replies as the GDB manual's "Packets" and
// "General Query Packets" sections define them.
#include <catch2/catch.hpp>

#include "debug/gdbstub/gdb_stub.h"
#include "debug/gdbstub/hex.h"
#include "tests/unit/gdbstub/stub_session.h"

using namespace anvil;
using namespace anvil::test;

using Replies = std::vector<std::string>;

namespace {
// A 32-bit value as GDB expects it from a little-endian target: lowest byte first.
std::string le32(std::uint32_t value) {
  char text[9];
  std::snprintf(text, sizeof text, "%02x%02x%02x%02x", value & 0xff, (value >> 8) & 0xff,
                (value >> 16) & 0xff, value >> 24);
  return text;
}
}  // namespace

TEST_CASE("every packet is acknowledged and answered in order") {
  StubSession session;
  const std::string output = session.run_raw({frame("qC"), frame("qAttached")});
  CHECK(output == "+" + frame("QC1") + "+" + frame("1"));
}

TEST_CASE("unknown packets get the empty reply") {
  StubSession session;
  CHECK(session.exchange({"vMustReplyEmpty", "qTStatus", "!", "y", "qfoo", "Qbar"}) ==
        Replies{"", "", "", "", "", ""});
}

TEST_CASE("qSupported advertises the stub's features and PacketSize") {
  StubSession session;
  CHECK(session.exchange({"qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386",
                          "qSupported"}) == Replies{kSupportedReply, kSupportedReply});
  CHECK(kSupportedReply.starts_with("PacketSize=4000;"));
}

TEST_CASE("QStartNoAckMode: the OK is acknowledged, nothing after it") {
  StubSession session;
  const std::string output =
      session.run_raw({frame("QStartNoAckMode"), "+", frame("qC"), frame("qC")});
  CHECK(output == "+" + frame("OK") + frame("QC1") + frame("QC1"));
}

TEST_CASE("a NAKed reply is sent again") {
  StubSession session;
  const std::string output = session.run_raw({frame("qC"), "-", "-", "+"});
  CHECK(output == "+" + frame("QC1") + frame("QC1") + frame("QC1"));
  CHECK(session.stub.connection().counters().resends == 2);
}

TEST_CASE("a packet with a bad checksum is NAKed, then answered when resent") {
  StubSession session;
  const std::string output = session.run_raw({"$qC#00", frame("qC")});
  CHECK(output == "-+" + frame("QC1"));
}

TEST_CASE("an oversized packet is rejected with E02 and the stub carries on") {
  StubSession session;
  const std::string huge = "X20000000,5000:" + std::string(0x5000, 'a');
  CHECK(session.exchange({huge, "qC"}) == Replies{"E02", "QC1"});
  CHECK(session.target.bus.ram[0] == 0);  // nothing of it was written
}

TEST_CASE("g reads every register in register_info order, little-endian") {
  StubSession session;
  std::string expected;
  for (unsigned i = 0; i <= 12; ++i) expected += le32(0x1000 + i);
  expected += le32(0x20000800) + le32(0) + le32(0x20000000) + le32(0x01000000);
  expected += le32(0x20000800) + le32(0);
  CHECK(session.reply_to("g") == expected);
  CHECK(expected.substr(0, 8) == "00100000");
}

TEST_CASE("g on a big-endian core sends the most significant byte first") {
  StubSession session(1, std::endian::big);
  CHECK(session.exchange({"p0", "p1", "pf"}) == Replies{"00001000", "00001001", "20000000"});
}

TEST_CASE("G writes every register, a wrong length is E01 and changes nothing") {
  StubSession session;
  std::string all;
  for (unsigned i = 0; i < 19; ++i) all += le32(0xa0000000 + i);
  CHECK(session.exchange({"G" + all.substr(8), "G" + all + "00", "Gzz", "G" + all}) ==
        Replies{"E01", "E01", "E01", "OK"});
  const FakeCore& core = *session.target.cores[0];
  CHECK(core.read_register(0) == 0xa0000000);
  CHECK(core.read_register(FakeCore::kPc) == 0xa000000f);
  CHECK(core.read_register(FakeCore::kPsp) == 0xa0000012);
}

TEST_CASE("p and P access one register by number") {
  StubSession session;
  CHECK(session.exchange({"pf", "P0=78563412", "p0", "p12", "p13", "pzz", "p", "P0=1234",
                          "P13=00000000", "P0", "p0"}) == Replies{"00000020", "OK", "78563412",
                                                                  "00000000", "E01", "E01", "E01",
                                                                  "E01", "E01", "E01", "78563412"});
  CHECK(session.target.cores[0]->read_register(0) == 0x12345678);
}

TEST_CASE("m reads memory, unmapped is E14, a read past the end of RAM is short") {
  StubSession session;
  auto& ram = session.target.bus.ram;
  ram[0] = 0xde, ram[1] = 0xad, ram[2] = 0xbe, ram[3] = 0xef;
  ram[kRamSize - 2] = 0x11, ram[kRamSize - 1] = 0x22;
  CHECK(session.exchange({"m20000000,4", "m10000000,4", "m2000fffe,8", "m20000000,0"}) ==
        Replies{"deadbeef", "E14", "1122", ""});
}

TEST_CASE("m with malformed or wrapping numbers is E01") {
  StubSession session;
  CHECK(session.exchange({"m", "m20000000", "m,4", "mzz,4", "m20000000,4x", "mffffffffffffffff,2",
                          "m11111111111111111,1"}) ==
        Replies{"E01", "E01", "E01", "E01", "E01", "E01", "E01"});
}

TEST_CASE("m longer than a packet can carry returns what fits") {
  StubSession session;
  const std::string reply = session.reply_to("m20000000,3000");  // RAM is 64 KiB
  CHECK(reply.size() == 2 * ((0x4000 - 1) / 2));
}

TEST_CASE("M writes hex bytes, wrong lengths are E01, unmapped E14") {
  StubSession session;
  CHECK(session.exchange({"M20000010,2:abcd", "M20000010,3:abcd", "M20000010,2:abc",
                          "M20000010,2:zzzz", "M10000000,1:00", "M20000010,2"}) ==
        Replies{"OK", "E01", "E01", "E01", "E14", "E01"});
  CHECK(session.target.bus.ram[0x10] == 0xab);
  CHECK(session.target.bus.ram[0x11] == 0xcd);
}

TEST_CASE("X writes binary data with } escapes undone") {
  StubSession session;
  // Bytes 23 24 7d 2a 00 03 arrive escaped: }03 }04 }5d }0a then raw 00 03.
  const std::string data = std::string("}\x03}\x04}]}\x0a\x00\x03", 10);
  CHECK(session.exchange({"X20000020,6:" + data, "X20000020,0:", "X20000020,5:" + data,
                          "X20000020,1:}", "X10000000,1:a"}) ==
        Replies{"OK", "OK", "E01", "E01", "E14"});
  const auto& ram = session.target.bus.ram;
  CHECK(std::vector<std::uint8_t>(ram.begin() + 0x20, ram.begin() + 0x26) ==
        std::vector<std::uint8_t>{0x23, 0x24, 0x7d, 0x2a, 0x00, 0x03});
}

TEST_CASE("a write across the end of RAM into nothing is E14 after a partial write") {
  StubSession session;
  CHECK(session.reply_to("M2000ffff,2:5566") == "E14");
  CHECK(session.target.bus.ram[kRamSize - 1] == 0x55);
}

TEST_CASE("vFlashErase fills with 0xff and vFlashWrite stores binary data") {
  StubSession session;
  session.target.bus.flash[0x400] = 0x12;
  CHECK(session.exchange({"vFlashErase:400,400", "vFlashWrite:400:}]a", "vFlashDone",
                          "vFlashErase:2000,10", "vFlashErase:400",
                          "vFlashWrite:ffffffffffffffff:ab", "vFlashWrite:400"}) ==
        Replies{"OK", "OK", "OK", "E14", "E01", "E01", "E01"});
  const auto& flash = session.target.bus.flash;
  CHECK(flash[0x400] == 0x7d);
  CHECK(flash[0x401] == 'a');
  CHECK(flash[0x402] == 0xff);
  CHECK(flash[0x7ff] == 0xff);
  CHECK(flash[0x800] == 0x00);
}

TEST_CASE("thread queries list one thread per core") {
  StubSession session(3);
  CHECK(
      session.exchange({"qfThreadInfo", "qsThreadInfo", "qC", "T1", "T3", "T4", "T0", "Tz",
                        "qThreadExtraInfo,2", "qThreadExtraInfo,9"}) ==
      Replies{"m1,2,3", "l", "QC1", "OK", "OK", "E01", "E01", "E01", "636f727465782d6d33", "E01"});
}

TEST_CASE("Hg selects the core for registers and memory, bad ids are E01") {
  StubSession session(2);
  session.target.cores[1]->write_register(0, 0xcafef00d);
  CHECK(session.exchange({"Hg2", "p0", "qC", "Hg0", "qC", "Hg-1", "Hg3", "Hgx", "Hx1", "Hc-1",
                          "Hc2", "Hc5", "Hg1", "p0"}) ==
        Replies{"OK", "0df0feca", "QC2", "OK", "QC2", "OK", "E01", "E01", "E01", "OK", "OK", "E01",
                "OK", "00100000"});
}

TEST_CASE("qRcmd sends the monitor output hex-encoded in O packets, then OK") {
  StubSession session;
  // "info" = 696e666f; "cpu0: cortex-m3\n" hex-encoded.
  // "reset" prints nothing; "bogus" is unknown; "zz" is not hex.
  CHECK(session.exchange({"qRcmd,696e666f", "qRcmd,7265736574", "qRcmd,626f677573", "qRcmd,zz"}) ==
        Replies{"O637075303a20636f727465782d6d330a", "OK", "OK",
                "O" + hex_encode(std::string_view("Unknown monitor command 'bogus'.\n")), "OK",
                "E01"});
  CHECK(session.target.monitor_commands == std::vector<std::string>{"info", "reset", "bogus"});
}

TEST_CASE("a target without cores is refused up front") {
  FakeTarget target(0);
  ScriptedStream stream;
  CHECK_THROWS_AS(GdbStub(target, stream), std::invalid_argument);
}

TEST_CASE("registers a core serves itself are in the memory map and reached by m and M") {
  StubSession session(2);
  for (unsigned i = 0; i < 2; ++i) {
    auto& core = *session.target.cores[i];
    core.own_registers = true;
    for (unsigned b = 0; b < kOwnSize; ++b)
      core.own_bytes[b] = static_cast<std::uint8_t>(16 * i + b);
  }
  // Each thread reaches its own core's copy; a read stops at the end of the region.
  const Replies replies = session.exchange(
      {"qXfer:memory-map:read::0,1000", "me000e000,4", "me000e00e,4", "me0010000,4", "Hg2",
       "me000e000,4", "Me000e004,2:abcd", "me000e004,2", "Hg1", "me000e004,2"});
  REQUIRE(replies.size() == 10);
  CHECK(Replies(replies.begin() + 1, replies.end()) ==
        Replies{"00010203", "0e0f", "E14", "OK", "10111213", "OK", "abcd", "OK", "0405"});
  // Listed once (both cores have them at the same address), as RAM, in address order.
  const std::string& map = replies[0];
  const std::string own = "<memory type=\"ram\" start=\"0xe000e000\" length=\"0x10\"/>";
  REQUIRE(map.find(own) != std::string::npos);
  CHECK(map.find(own) == map.rfind(own));
  CHECK(map.find("start=\"0x20000000\"") < map.find(own));
}
