// Seeded fuzzing of the packet parser and handlers: random bytes, mutated packets, bad
// checksums, oversized and run-length-encoded packets. Deterministic (fixed seed and
// round count, about two seconds). The stub must not crash, must only ever send well
// framed packets and acks, and must still answer a good packet at the end of every round.
#include <catch2/catch.hpp>
#include <random>

#include "debug/gdbstub/gdb_stub.h"
#include "tests/unit/gdbstub/stub_session.h"

using namespace anvil;
using namespace anvil::test;

namespace {

const std::vector<std::string> kTemplates = {"g",
                                             "G00112233",
                                             "p0",
                                             "pf",
                                             "P0=00000000",
                                             "P12=11223344",
                                             "m20000000,10",
                                             "m0,40",
                                             "M20000000,2:abcd",
                                             "X20000000,2:ab",
                                             "Z0,20000010,2",
                                             "z0,20000010,2",
                                             "Z1,20000008,2",
                                             "Z2,20000100,4",
                                             "z2,20000100,4",
                                             "Z4,0,1",
                                             "c",
                                             "s",
                                             "C05",
                                             "S05;20000000",
                                             "vCont;c",
                                             "vCont;s:1;c",
                                             "vCont;s:2;t",
                                             "vCont?",
                                             "qSupported:swbreak+;hwbreak+",
                                             "qXfer:features:read:target.xml:0,100",
                                             "qXfer:features:read:target.xml:200,7",
                                             "qXfer:memory-map:read::0,100",
                                             "qXfer:threads:read::0,100",
                                             "qRcmd,696e666f",
                                             "qRcmd,7265736574",
                                             "Hg1",
                                             "Hg2",
                                             "Hc-1",
                                             "Hc2",
                                             "T1",
                                             "T2",
                                             "qC",
                                             "qfThreadInfo",
                                             "qsThreadInfo",
                                             "?",
                                             "QStartNoAckMode",
                                             "D",
                                             "k",
                                             "vKill;1",
                                             "vFlashErase:0,10",
                                             "vFlashWrite:0:a}]b",
                                             "vFlashDone",
                                             "qThreadExtraInfo,1",
                                             "qAttached",
                                             "vMustReplyEmpty"};

class Fuzzer {
 public:
  explicit Fuzzer(std::uint32_t seed) : random_(seed) {}

  std::string chunk() {
    switch (pick(20)) {
      case 0:
      case 1:
        return random_bytes(pick(40));
      case 2:
        return frame_with_bad_checksum(mutate(template_packet()));
      case 3:
        return std::string(1, "\x03+-"[pick(3)]);
      case 4:
        return frame(template_packet() + std::string(0x4000 + pick(64), 'a'));
      case 5:
        return frame(template_packet() + "0*" + static_cast<char>(' ' + pick(95)));
      case 6:
        return mutate(frame(template_packet()));  // damage the framing itself
      case 7:
      case 8:
      case 9:
        return frame(template_packet());
      default:
        return frame(mutate(template_packet()));
    }
  }

 private:
  std::size_t pick(std::size_t bound) {
    return std::uniform_int_distribution<std::size_t>(0, bound - 1)(random_);
  }
  std::uint8_t byte() { return static_cast<std::uint8_t>(pick(256)); }
  std::string template_packet() { return kTemplates[pick(kTemplates.size())]; }
  std::string random_bytes(std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out.push_back(static_cast<char>(byte()));
    return out;
  }
  std::string frame_with_bad_checksum(const std::string& payload) {
    std::string framed = frame(payload);
    framed[framed.size() - 1] = framed[framed.size() - 1] == '0' ? '1' : '0';
    return framed;
  }
  // Replaces, inserts, deletes or truncates; favours characters that matter to parsers.
  std::string mutate(std::string text) {
    static const std::string kInteresting = "0123456789abcdefABCDEF,:;=-$#}*\x03 fffffffffffff";
    const std::size_t edits = 1 + pick(4);
    for (std::size_t i = 0; i < edits; ++i) {
      const std::size_t at = text.empty() ? 0 : pick(text.size() + 1);
      const char c = pick(2) ? kInteresting[pick(kInteresting.size())] : static_cast<char>(byte());
      switch (pick(5)) {
        case 0:
          if (at < text.size()) text[at] = c;
          break;
        case 1:
          text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        case 2:
          if (at < text.size()) text.erase(at, 1);
          break;
        case 3:
          text.resize(at);
          break;
        default:
          text.insert(at, std::string(pick(20), 'f'));
          break;
      }
    }
    return text;
  }

  std::mt19937 random_;
};

// Only "+", "-" and "$payload#cc" with a correct checksum and no raw '$' or '#' inside.
bool well_framed(const std::string& output) {
  std::size_t at = 0;
  while (at < output.size()) {
    if (output[at] == '+' || output[at] == '-') {
      ++at;
      continue;
    }
    if (output[at] != '$') return false;
    const std::size_t hash = output.find('#', at);
    if (hash == std::string::npos || hash + 3 > output.size()) return false;
    const std::string payload = output.substr(at + 1, hash - at - 1);
    if (payload.find('$') != std::string::npos) return false;
    if (output.compare(at, hash + 3 - at, frame(payload)) != 0) return false;
    at = hash + 3;
  }
  return true;
}

}  // namespace

TEST_CASE("fuzz: random and mutated input never breaks the stub") {
  constexpr std::uint32_t kSeed = 0x5eed2026;
  constexpr int kRounds = 8000;
  constexpr int kChunksPerRound = 40;
  Fuzzer fuzzer(kSeed);
  int badly_framed_rounds = 0;
  int unanswered_rounds = 0;
  // One target for every round (its memory port is large to build); a fresh connection
  // and stub per round.
  FakeTarget target(2);
  target.step_limit = 20;  // a 'c' that hits nothing stops soon (as SIGSEGV)
  for (int round = 0; round < kRounds; ++round) {
    ScriptedStream stream;
    GdbStub stub(target, stream);
    for (int i = 0; i < kChunksPerRound; ++i) stream.chunks.push_back(fuzzer.chunk());
    // Whatever state the parser is in, "}}}#00" leaves it between packets: it ends a
    // payload (bad checksum) or fills a pending checksum, else it is noise.
    stream.chunks.push_back("}}}#00");
    stream.chunks.push_back(frame("qC"));
    while (stub.serve() != GdbStub::SessionEnd::Disconnected) {
    }
    const std::string& output = stream.output;
    if (!well_framed(output)) ++badly_framed_rounds;
    const std::size_t last = output.rfind('$');
    if (last == std::string::npos || !output.substr(last).starts_with("$QC")) ++unanswered_rounds;
  }
  CHECK(badly_framed_rounds == 0);
  CHECK(unanswered_rounds == 0);
}
