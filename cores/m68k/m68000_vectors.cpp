// Runs SingleStepTests 68000 vectors: each test sets the registers, the prefetch queue and
// RAM, executes one instruction (with the exception processing it causes) and compares the
// final state, the total cycle count and every bus cycle against the recorded ones.
#include "cores/m68k/m68000_vectors.h"

#include <cstring>
#include <iomanip>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "cores/m68k/m68000.h"

namespace anvil::m68k {

namespace {

using vectors::VectorFormatError;

struct TestState {
  M68000State cpu;
  std::vector<std::pair<std::uint32_t, std::uint16_t>> ram;  // words at even addresses
};

struct Test {
  std::string name;
  TestState initial, final;
  std::uint32_t cycles = 0;
  std::vector<BusCycle> bus;
};

// Bounds-checked little-endian reader over one file.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> data) : data_(data) {}
  std::size_t offset() const { return offset_; }
  bool at_end() const { return offset_ >= data_.size(); }
  void set_context(std::string context) { context_ = std::move(context); }
  std::uint32_t u32() {
    need(4);
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | data_[offset_ + static_cast<std::size_t>(i)];
    offset_ += 4;
    return v;
  }
  std::uint16_t u16() {
    need(2);
    const auto v = static_cast<std::uint16_t>(data_[offset_] | (data_[offset_ + 1] << 8));
    offset_ += 2;
    return v;
  }
  std::uint8_t u8() {
    need(1);
    return data_[offset_++];
  }
  std::string text(std::size_t length) {
    need(length);
    std::string s(reinterpret_cast<const char*>(data_.data() + offset_), length);
    offset_ += length;
    return s;
  }
  void expect_magic(std::uint32_t magic, const char* what) {
    const std::size_t at = offset_;
    if (u32() != magic) fail(std::string("bad ") + what + " magic", at);
  }
  [[noreturn]] void fail(const std::string& what, std::size_t at) const {
    throw VectorFormatError(context_ + ": " + what + " at byte " + std::to_string(at));
  }

 private:
  void need(std::size_t n) const {
    if (data_.size() - offset_ < n || offset_ > data_.size()) fail("truncated data", offset_);
  }
  std::span<const std::uint8_t> data_;
  std::size_t offset_ = 0;
  std::string context_ = "header";
};

TestState read_state(Reader& in) {
  in.u32();  // size
  in.expect_magic(0x01234567, "state");
  TestState s;
  std::uint32_t r[19];
  for (auto& v : r) v = in.u32();
  for (int i = 0; i < 8; ++i) s.cpu.d[i] = r[i];
  for (int i = 0; i < 7; ++i) s.cpu.a[i] = r[8 + i];
  s.cpu.usp = r[15];
  s.cpu.ssp = r[16];
  s.cpu.sr = static_cast<std::uint16_t>(r[17]);
  s.cpu.pc = r[18];
  s.cpu.ird = static_cast<std::uint16_t>(in.u32());
  s.cpu.irc = static_cast<std::uint16_t>(in.u32());
  const std::uint32_t n = in.u32();
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t address = in.u32();
    s.ram.emplace_back(address, in.u16());
  }
  return s;
}

Test read_test(Reader& in) {
  const std::size_t start = in.offset();
  Test t;
  in.set_context("test at byte " + std::to_string(start));
  in.u32();  // size
  in.expect_magic(0xABC12367, "test");
  in.u32();
  in.expect_magic(0x89ABCDEF, "name");
  t.name = in.text(in.u32());
  in.set_context("test " + t.name);
  t.initial = read_state(in);
  t.final = read_state(in);
  in.u32();
  in.expect_magic(0x456789AB, "transactions");
  t.cycles = in.u32();
  const std::uint32_t n = in.u32();
  Cycles at = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    BusCycle c;
    const std::uint8_t kind = in.u8();
    if (kind > 5) in.fail("unknown transaction kind " + std::to_string(kind), in.offset() - 1);
    c.kind = static_cast<BusCycleKind>(kind);
    c.length = in.u32();
    c.start = at;
    at += c.length;
    if (kind != 0) {
      c.function_code = static_cast<std::uint8_t>(in.u32());
      c.address = in.u32();
      c.data = static_cast<std::uint16_t>(in.u32());
      c.upper_strobe = in.u32() != 0;
      c.lower_strobe = in.u32() != 0;
    }
    t.bus.push_back(c);
  }
  return t;
}

// The test's memory: bytes at the addresses the test lists, zero elsewhere.
class TestMemory final : public BusBackend {
 public:
  void load(const TestState& s) {
    bytes_.clear();
    for (const auto& [address, word] : s.ram) {
      bytes_[address & 0xFFFFFF] = static_cast<std::uint8_t>(word >> 8);
      bytes_[(address + 1) & 0xFFFFFF] = static_cast<std::uint8_t>(word);
    }
  }
  std::uint16_t word(std::uint32_t address) const {
    return static_cast<std::uint16_t>((byte(address) << 8) | byte(address + 1));
  }
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override {
    delay = 0;
    for (unsigned i = 0; i < size; ++i) {
      const auto a = static_cast<std::uint32_t>((addr + i) & 0xFFFFFF);
      if (kind == Access::Store)
        bytes_[a] = data[i];
      else
        data[i] = byte(a);
    }
    return BusStatus::Ok;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    Cycles unused;
    transport(is_write ? Access::Store : Access::Load, addr, data, size, unused);
    return size;
  }

 private:
  std::uint8_t byte(std::uint32_t address) const {
    const auto it = bytes_.find(address & 0xFFFFFF);
    return it == bytes_.end() ? 0 : it->second;
  }
  std::unordered_map<std::uint32_t, std::uint8_t> bytes_;
};

std::string hex(std::uint32_t v, int width = 8) {
  std::ostringstream s;
  s << "0x" << std::hex << std::setw(width) << std::setfill('0') << v;
  return s.str();
}

std::string describe(const BusCycle& c) {
  static const char* kNames[] = {
      "idle", "write", "read", "tas", "read-address-error", "write-address-error", "iack"};
  std::ostringstream s;
  s << kNames[static_cast<int>(c.kind)] << " " << c.length;
  if (c.kind != BusCycleKind::Idle) {
    s << " fc" << int{c.function_code} << " " << hex(c.address, 6) << " " << hex(c.data, 4)
      << (c.upper_strobe ? " U" : " -") << (c.lower_strobe ? "L" : "-");
  }
  return s.str();
}

bool same_cycle(const BusCycle& want, const BusCycle& got) {
  if (want.kind != got.kind || want.length != got.length) return false;
  if (want.kind == BusCycleKind::Idle) return true;
  if (want.function_code != got.function_code || want.address != got.address ||
      want.upper_strobe != got.upper_strobe || want.lower_strobe != got.lower_strobe)
    return false;
  // An aborted (address error) cycle drives no meaningful data.
  const bool aborted =
      want.kind == BusCycleKind::ReadAddressError || want.kind == BusCycleKind::WriteAddressError;
  return aborted || want.data == got.data;
}

// The first difference in the final state, or empty when it matches.
std::string state_difference(const Test& t, const M68000State& got, const TestMemory& memory) {
  const M68000State& want = t.final.cpu;
  auto diff = [&](const std::string& what, std::uint32_t w, std::uint32_t g) {
    return what + " expected " + hex(w) + " got " + hex(g);
  };
  for (int i = 0; i < 8; ++i)
    if (want.d[i] != got.d[i]) return diff("d" + std::to_string(i), want.d[i], got.d[i]);
  for (int i = 0; i < 7; ++i)
    if (want.a[i] != got.a[i]) return diff("a" + std::to_string(i), want.a[i], got.a[i]);
  if (want.usp != got.usp) return diff("usp", want.usp, got.usp);
  if (want.ssp != got.ssp) return diff("ssp", want.ssp, got.ssp);
  if (want.sr != got.sr) return diff("sr", want.sr, got.sr);
  if (want.pc != got.pc) return diff("pc", want.pc, got.pc);
  if (want.ird != got.ird) return diff("prefetch[0]", want.ird, got.ird);
  if (want.irc != got.irc) return diff("prefetch[1]", want.irc, got.irc);
  for (const auto& [address, word] : t.final.ram) {
    const std::uint16_t have = memory.word(address);
    if (have != word) return diff("ram[" + hex(address, 6) + "]", word, have);
  }
  return {};
}

struct Outcome {
  std::string state;  // first difference, empty when the state matched
  bool cycles_match = false;
  std::string bus;  // first bus difference, empty when matched
  Cycles cycles = 0;
};

// One core and memory reused for every test of a file.
class Runner {
 public:
  Runner() : port_(memory_, std::endian::big, 24) {
    M68000Config config;
    config.log_bus_cycles = true;
    core_ = create_m68000(config, port_);
  }
  Outcome run(const Test& t) {
    memory_.load(t.initial);
    core_->set_architectural_state(t.initial.cpu);
    core_->clear_bus_log();
    const Cycles before = core_->cycle_count();
    core_->step();
    Outcome o;
    o.cycles = core_->cycle_count() - before;
    o.state = state_difference(t, core_->architectural_state(), memory_);
    o.cycles_match = o.cycles == t.cycles;
    const auto log = core_->bus_log();
    for (std::size_t i = 0; i < std::max(log.size(), t.bus.size()); ++i) {
      const bool have_want = i < t.bus.size(), have_got = i < log.size();
      if (have_want && have_got && same_cycle(t.bus[i], log[i])) continue;
      o.bus = "bus cycle " + std::to_string(i) + " expected " +
              (have_want ? describe(t.bus[i]) : "none") + " got " +
              (have_got ? describe(log[i]) : "none");
      break;
    }
    return o;
  }
  std::span<const BusCycle> log() const { return core_->bus_log(); }
  M68000State state() const { return core_->architectural_state(); }
  // The PC of a group 0 frame the last test stacked.
  std::uint32_t stacked_pc() const {
    const std::uint32_t sp = core_->architectural_state().ssp;
    return (std::uint32_t{memory_.word(sp + 10)} << 16) | memory_.word(sp + 12);
  }

 private:
  TestMemory memory_;
  MemoryPort port_;
  std::unique_ptr<M68000> core_;
};

template <class Visit>
void for_each_test(std::span<const std::uint8_t> data, Visit visit) {
  Reader in(data);
  in.expect_magic(0x1A3F5D71, "file");
  const std::uint32_t count = in.u32();
  for (std::uint32_t i = 0; i < count; ++i) visit(read_test(in));
}

vectors::FileReport run_file(std::span<const std::uint8_t> data,
                             const vectors::RunOptions& options) {
  vectors::FileReport report;
  report.extra = {{"cycles", 0, 0}, {"bus", 0, 0}};
  Runner runner;
  for_each_test(data, [&](const Test& t) {
    const Outcome o = runner.run(t);
    if (o.state.empty())
      ++report.passed;
    else
      ++report.failed;
    ++(o.cycles_match ? report.extra[0].matched : report.extra[0].mismatched);
    ++(o.bus.empty() ? report.extra[1].matched : report.extra[1].mismatched);
    std::string first = !o.state.empty()  ? o.state
                        : !o.cycles_match ? "cycles expected " + std::to_string(t.cycles) +
                                                " got " + std::to_string(o.cycles)
                                          : o.bus;
    if (!first.empty() && report.failures.size() < options.max_failures_listed)
      report.failures.push_back(t.name + ": " + first);
  });
  return report;
}

}  // namespace

vectors::VectorSuite m68000_vector_suite() {
  return {"m68000", "Motorola 68000, SingleStepTests (state, cycles, bus cycles)", run_file};
}

void trace_m68000_vectors(std::span<const std::uint8_t> data, std::string_view filter,
                          std::size_t max_tests, std::ostream& out) {
  Runner runner;
  std::size_t shown = 0;
  if (filter == "ae-pc") {
    // One line per address-error test: name, then the stacked PC minus the instruction's
    // address as recorded and as produced, then whether the whole state matched.
    for_each_test(data, [&](const Test& t) {
      bool fault = false;
      for (const BusCycle& c : t.bus)
        fault |=
            c.kind == BusCycleKind::ReadAddressError || c.kind == BusCycleKind::WriteAddressError;
      if (!fault) return;
      const Outcome o = runner.run(t);
      auto word_at = [&](std::uint32_t address) -> std::uint32_t {
        for (const auto& [a, w] : t.final.ram)
          if (a == (address & 0xFFFFFF)) return w;
        return 0;
      };
      const std::uint32_t sp = t.final.cpu.ssp;
      const std::uint32_t want = (word_at(sp + 10) << 16) | word_at(sp + 12);
      const std::uint32_t x = t.initial.cpu.pc - 4;
      out << t.name << "\t" << static_cast<std::int32_t>(want - x) << "\t"
          << static_cast<std::int32_t>(runner.stacked_pc() - x) << "\t"
          << (o.state.empty() ? "ok" : o.state) << "\n";
    });
    return;
  }
  for_each_test(data, [&](const Test& t) {
    // A filter of "!ae" selects the tests without an address error.
    const bool skip_faults = filter == "!ae";
    if (skip_faults) {
      for (const BusCycle& c : t.bus)
        if (c.kind == BusCycleKind::ReadAddressError || c.kind == BusCycleKind::WriteAddressError)
          return;
    }
    if (shown >= max_tests || (!skip_faults && t.name.find(filter) == std::string::npos)) return;
    const Outcome o = runner.run(t);
    if (o.state.empty() && o.cycles_match && o.bus.empty() && (filter.empty() || skip_faults))
      return;
    ++shown;
    out << "== " << t.name << " cycles expected " << t.cycles << " got " << o.cycles << "\n";
    out << "   initial pc " << hex(t.initial.cpu.pc) << " sr " << hex(t.initial.cpu.sr, 4)
        << "  state: " << (o.state.empty() ? "ok" : o.state) << "\n";
    const auto log = runner.log();
    for (std::size_t i = 0; i < std::max(log.size(), t.bus.size()); ++i) {
      const std::string want = i < t.bus.size() ? describe(t.bus[i]) : "";
      const std::string got = i < log.size() ? describe(log[i]) : "";
      out << (want == got ? "   " : " ! ") << std::left << std::setw(44) << want << got << "\n";
    }
  });
}

}  // namespace anvil::m68k
