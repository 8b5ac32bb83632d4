// The R3000 single-step vectors. Each test gives the state before and after one instruction
// and the bus activity in between: fetches and reads give the memory the test needs, writes
// are what the instruction must store. The state's delay fields are the ares model's, which
// is the one MipsCore keeps: "branch delay" is the state the next instruction starts in
// (MipsCore::PipelineState::delay), "load delay" a load that lands after it.
#include "cores/mips/r3000_vectors.h"

#include <cstring>
#include <map>
#include <sstream>
#include <string>

#include "cores/mips/mips_core.h"

namespace anvil::mips {

namespace {

using vectors::FileReport;
using vectors::RunOptions;
using vectors::VectorFormatError;

struct VectorState {
  std::uint32_t gpr[32];
  std::uint32_t hi, lo, epc, tar, cause, pc;
  DelayState delay;
  PendingLoad load;
};

struct BusAction {
  std::uint64_t value;
  std::uint32_t action;  // 1 read, 2 write, 4 fetch
  std::uint32_t address;
  std::uint32_t size;
};

struct VectorTest {
  std::string name;
  std::uint32_t opcode = 0, opcode_address = 0;
  VectorState initial{}, final{};
  std::vector<BusAction> bus;
};

constexpr std::uint32_t kRead = 1, kWrite = 2, kFetch = 4;

// Reads the little-endian file, naming the test and offset of anything malformed.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> data) : data_(data) {}
  std::size_t offset() const { return offset_; }
  bool at_end() const { return offset_ == data_.size(); }
  template <class T>
  T take(const std::string& what) {
    if (data_.size() - offset_ < sizeof(T))
      throw VectorFormatError(what + ": file ends at byte " + std::to_string(offset_));
    T v;
    std::memcpy(&v, data_.data() + offset_, sizeof(T));
    offset_ += sizeof(T);
    return v;  // the files are little-endian, as is every host Anvil builds on
  }
  std::string pascal_string(std::size_t field, const std::string& what) {
    if (data_.size() - offset_ < field)
      throw VectorFormatError(what + ": file ends at byte " + std::to_string(offset_));
    const std::size_t length = data_[offset_];
    if (length >= field)
      throw VectorFormatError(what + ": name length " + std::to_string(length) + " at byte " +
                              std::to_string(offset_) + " exceeds its field");
    std::string s(reinterpret_cast<const char*>(data_.data() + offset_ + 1), length);
    offset_ += field;
    return s;
  }

 private:
  std::span<const std::uint8_t> data_;
  std::size_t offset_ = 0;
};

VectorState read_state(Reader& in, const std::string& what) {
  VectorState s{};
  for (std::uint32_t& r : s.gpr) r = in.take<std::uint32_t>(what);
  s.hi = in.take<std::uint32_t>(what);
  s.lo = in.take<std::uint32_t>(what);
  s.epc = in.take<std::uint32_t>(what);
  s.tar = in.take<std::uint32_t>(what);
  s.cause = in.take<std::uint32_t>(what);
  s.pc = in.take<std::uint32_t>(what);
  s.delay.target = in.take<std::uint32_t>(what);
  s.delay.slot = in.take<std::uint32_t>(what) != 0;
  s.delay.taken = in.take<std::uint32_t>(what) != 0;
  s.load.reg = in.take<std::int32_t>(what);
  s.load.value = in.take<std::uint32_t>(what);
  if (s.load.reg < PendingLoad::kNone || s.load.reg > 31)
    throw VectorFormatError(what + ": load-delay register " + std::to_string(s.load.reg) +
                            " before byte " + std::to_string(in.offset()));
  return s;
}

VectorTest read_test(Reader& in, std::size_t index) {
  VectorTest t;
  const std::string where = "test " + std::to_string(index);
  t.name = in.pascal_string(51, where);
  const std::string what = where + " (" + t.name + ")";
  t.opcode = in.take<std::uint32_t>(what);
  t.opcode_address = in.take<std::uint32_t>(what);
  t.initial = read_state(in, what + " initial state");
  t.final = read_state(in, what + " final state");
  const auto count = in.take<std::uint32_t>(what + " cycles");
  if (count > 64)
    throw VectorFormatError(what + ": " + std::to_string(count) + " bus actions at byte " +
                            std::to_string(in.offset()) + " (at most 64 expected)");
  for (std::uint32_t i = 0; i < count; ++i) {
    BusAction a{};
    a.value = static_cast<std::uint64_t>(in.take<std::int64_t>(what + " cycles"));
    a.action = in.take<std::uint32_t>(what + " cycles");
    a.address = static_cast<std::uint32_t>(in.take<std::int64_t>(what + " cycles"));
    a.size = in.take<std::uint32_t>(what + " cycles");
    if (a.size > 4)
      throw VectorFormatError(what + ": bus access of " + std::to_string(a.size) + " bytes");
    t.bus.push_back(a);
  }
  return t;
}

// The test's memory: the bytes its fetches and reads returned; everything else reads as 0.
// Writes are recorded byte by byte, so a store split differently from the reference's
// (SWL as byte lanes rather than halfword and byte) still compares equal.
class VectorBus final : public BusBackend {
 public:
  void load(const VectorTest& t) {
    memory_.clear();
    written_.clear();
    for (const BusAction& a : t.bus)
      if (a.action & (kRead | kFetch)) put(memory_, a);
    for (unsigned i = 0; i < 4; ++i)
      memory_[t.opcode_address + i] = std::uint8_t(t.opcode >> (8 * i));
  }
  static std::map<std::uint32_t, std::uint8_t> expected_writes(const VectorTest& t) {
    std::map<std::uint32_t, std::uint8_t> out;
    for (const BusAction& a : t.bus)
      if (a.action & kWrite) put(out, a);
    return out;
  }
  const std::map<std::uint32_t, std::uint8_t>& written() const { return written_; }

  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size, Cycles&) override {
    for (unsigned i = 0; i < size; ++i) {
      const auto a = static_cast<std::uint32_t>(addr + i);
      if (kind == Access::Store) {
        written_[a] = data[i];
        memory_[a] = data[i];
      } else {
        const auto it = memory_.find(a);
        data[i] = it == memory_.end() ? 0 : it->second;
      }
    }
    return BusStatus::Ok;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    Cycles ignored = 0;
    transport(is_write ? Access::Store : Access::Load, addr, data, size, ignored);
    return size;
  }

 private:
  static void put(std::map<std::uint32_t, std::uint8_t>& m, const BusAction& a) {
    for (unsigned i = 0; i < a.size; ++i) m[a.address + i] = std::uint8_t(a.value >> (8 * i));
  }
  std::map<std::uint32_t, std::uint8_t> memory_;
  std::map<std::uint32_t, std::uint8_t> written_;
};

std::string hex(std::uint64_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

void set_state(MipsCore& cpu, const VectorState& s) {
  cpu.reset();
  for (unsigned n = 1; n < 32; ++n) cpu.write_register(n, s.gpr[n]);
  cpu.hi = s.hi;
  cpu.lo = s.lo;
  // Status is not part of the vectors: kernel mode, interrupts off, BEV clear (the vectors'
  // exceptions go to 0x80000080).
  cpu.cp0().status = 0;
  cpu.cp0().epc = s.epc;
  cpu.cp0().target_address = s.tar;
  cpu.cp0().cause = s.cause;
  cpu.write_register(37, s.pc);  // the PC, see mips_registers.cpp
  cpu.set_pipeline_state({s.delay, s.load});
}

// The first difference between the core and the expected state, or empty.
std::string compare(MipsCore& cpu, const VectorState& want, const VectorTest& t,
                    const VectorBus& bus) {
  const auto check = [](const std::string& what, std::uint64_t expected,
                        std::uint64_t got) -> std::string {
    if (expected == got) return {};
    return what + " expected " + hex(expected) + " got " + hex(got);
  };
  std::string d;
  for (unsigned n = 0; n < 32 && d.empty(); ++n)
    d = check("r" + std::to_string(n), want.gpr[n], cpu.gpr(n));
  if (d.empty()) d = check("hi", want.hi, cpu.hi);
  if (d.empty()) d = check("lo", want.lo, cpu.lo);
  if (d.empty()) d = check("epc", want.epc, cpu.cp0().epc);
  if (d.empty()) d = check("tar", want.tar, cpu.cp0().target_address);
  if (d.empty()) d = check("cause", want.cause, cpu.read_cp0(13, 0));
  if (d.empty()) d = check("pc", want.pc, cpu.current_pc());
  const MipsCore::PipelineState p = cpu.pipeline_state();
  if (d.empty()) d = check("branch delay slot", want.delay.slot, p.delay.slot);
  if (d.empty()) d = check("branch delay taken", want.delay.taken, p.delay.taken);
  if (d.empty() && want.delay.slot)
    d = check("branch delay target", want.delay.target, p.delay.target);
  if (d.empty())
    d = check("load delay register", static_cast<std::uint32_t>(want.load.reg),
              static_cast<std::uint32_t>(p.load.reg));
  if (d.empty() && want.load.reg != PendingLoad::kNone)
    d = check("load delay value", want.load.value, p.load.value);
  if (d.empty()) {
    const auto expected = VectorBus::expected_writes(t);
    if (expected != bus.written()) {
      std::string e, g;
      for (const auto& [a, v] : expected) e += " " + hex(a) + "=" + hex(v);
      for (const auto& [a, v] : bus.written()) g += " " + hex(a) + "=" + hex(v);
      d = "writes expected" + (e.empty() ? std::string(" none") : e) + " got" +
          (g.empty() ? std::string(" none") : g);
    }
  }
  return d;
}

FileReport run_file(std::span<const std::uint8_t> data, const RunOptions& options) {
  Reader in(data);
  const auto count = in.take<std::int32_t>("test count");
  if (count < 0) throw VectorFormatError("test count " + std::to_string(count) + " at byte 0");
  VectorBus bus;
  MemoryPort port(bus, std::endian::little);
  MipsConfig config;
  config.model = "r3000";
  config.byte_order = std::endian::little;  // the reference is a PlayStation's R3000A
  config.address_map = AddressMap::Flat;
  MipsCore cpu(config, port);
  FileReport report;
  for (std::int32_t i = 0; i < count; ++i) {
    const VectorTest t = read_test(in, static_cast<std::size_t>(i));
    bus.load(t);
    set_state(cpu, t.initial);
    cpu.step();
    const std::string difference = compare(cpu, t.final, t, bus);
    if (difference.empty()) {
      ++report.passed;
      continue;
    }
    ++report.failed;
    if (report.failures.size() < options.max_failures_listed)
      report.failures.push_back(t.name + ": " + difference);
  }
  if (!in.at_end())
    throw VectorFormatError(std::to_string(data.size() - in.offset()) +
                            " bytes after the last test, from byte " + std::to_string(in.offset()));
  return report;
}

}  // namespace

anvil::vectors::VectorSuite r3000_vector_suite() {
  return {"r3000", "MIPS R3000 (SingleStepTests, ares): final state, delay slots, stores",
          &run_file};
}

}  // namespace anvil::mips
