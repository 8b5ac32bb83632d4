// Drives a GdbStub over a ScriptedStream and splits what it sent into acks and packets.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "debug/gdbstub/gdb_stub.h"
#include "tests/unit/gdbstub/fake_target.h"

namespace anvil::test {

// The stub's answer to qSupported, as the task specifies it.
inline const std::string kSupportedReply =
    "PacketSize=4000;qXfer:features:read+;qXfer:memory-map:read+;qXfer:threads:read+;"
    "swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+";

// The stub's output as tokens: "+" and "-" for acks, the payload for each packet. Each
// packet's checksum is checked against frame() on the way.
inline std::vector<std::string> split_output(const std::string& output) {
  std::vector<std::string> tokens;
  std::size_t at = 0;
  while (at < output.size()) {
    if (output[at] == '+' || output[at] == '-') {
      tokens.emplace_back(1, output[at++]);
      continue;
    }
    REQUIRE(output[at] == '$');
    const std::size_t hash = output.find('#', at);
    REQUIRE(hash != std::string::npos);
    REQUIRE(hash + 3 <= output.size());
    const std::string payload = output.substr(at + 1, hash - at - 1);
    CHECK(output.substr(at, hash + 3 - at) == frame(payload));
    tokens.push_back(payload);
    at = hash + 3;
  }
  return tokens;
}

inline std::vector<std::string> without_acks(const std::vector<std::string>& tokens) {
  std::vector<std::string> packets;
  for (const std::string& token : tokens) {
    if (token != "+" && token != "-") packets.push_back(token);
  }
  return packets;
}

struct StubSession {
  explicit StubSession(unsigned cores = 1, std::endian order = std::endian::little)
      : target(cores, order) {}

  FakeTarget target;
  ScriptedStream stream;
  GdbStub stub{target, stream};
  GdbStub::SessionEnd end = GdbStub::SessionEnd::Disconnected;

  // Sends raw chunks, serves until the script ends or the session does; all output.
  std::string run_raw(std::vector<std::string> chunks) {
    stream.output.clear();
    for (std::string& chunk : chunks) stream.chunks.push_back(std::move(chunk));
    end = stub.serve();
    return stream.output;
  }
  // Sends each payload framed, one per chunk, and acknowledges every reply as GDB would
  // not bother to: replies are returned without the stub's acks.
  std::vector<std::string> exchange(const std::vector<std::string>& payloads) {
    std::vector<std::string> chunks;
    for (const std::string& payload : payloads) chunks.push_back(frame(payload));
    return without_acks(split_output(run_raw(std::move(chunks))));
  }
  std::string reply_to(const std::string& payload) {
    const std::vector<std::string> replies = exchange({payload});
    REQUIRE(replies.size() == 1);
    return replies.front();
  }
};

}  // namespace anvil::test
