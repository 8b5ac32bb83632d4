// Test doubles for the GDB stub: a Core with Cortex-M-like registers over a small memory
// map, a GdbTarget that "runs" it by advancing pc, and a ByteStream fed from scripted
// chunks (each read() returns at most one chunk, so a test controls what the stub sees
// before it replies).
#pragma once

#include <array>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cores/common/core.h"
#include "debug/gdbstub/byte_stream.h"
#include "debug/gdbstub/debug_points.h"
#include "debug/gdbstub/gdb_target.h"

namespace anvil::test {

inline constexpr Addr kFlashBase = 0x00000000;
inline constexpr Addr kFlashSize = 0x1000;
inline constexpr Addr kRamBase = 0x20000000;
inline constexpr Addr kRamSize = 0x10000;
// Registers a FakeCore serves itself when `own_registers` is on (as Cortex-M's SCS).
inline constexpr Addr kOwnBase = 0xE000E000;
inline constexpr Addr kOwnSize = 0x10;

// 4 KiB of flash at 0 and 64 KiB of RAM at 0x20000000, both writable by debug accesses;
// nothing else is mapped. A debug access stops at the end of a region (a short transfer),
// as a TLM router's transport_dbg does.
class FakeBus : public BusBackend {
 public:
  std::vector<std::uint8_t> flash = std::vector<std::uint8_t>(kFlashSize, 0);
  std::vector<std::uint8_t> ram = std::vector<std::uint8_t>(kRamSize, 0);

  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override {
    delay += 1;
    return debug_transport(kind == Access::Store, addr, data, size) == size
               ? BusStatus::Ok
               : BusStatus::AddressError;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    std::vector<std::uint8_t>* region = nullptr;
    Addr base = 0;
    if (addr >= kFlashBase && addr < kFlashBase + kFlashSize) {
      region = &flash, base = kFlashBase;
    } else if (addr >= kRamBase && addr < kRamBase + kRamSize) {
      region = &ram, base = kRamBase;
    }
    if (!region) return 0;
    const unsigned count =
        static_cast<unsigned>(std::min<Addr>(size, base + region->size() - addr));
    std::uint8_t* host = region->data() + (addr - base);
    if (is_write) {
      std::memcpy(host, data, count);
    } else {
      std::memcpy(data, host, count);
    }
    return count;
  }
};

// r0-r12, sp, lr, pc, xpsr as GDB's org.gnu.gdb.arm.m-profile feature requires (GDB
// manual, "ARM Features"), then msp and psp in a second feature. Each step() advances pc
// by 2 (one 16-bit Thumb instruction).
class FakeCore : public Core {
 public:
  static constexpr unsigned kSp = 13, kLr = 14, kPc = 15, kXpsr = 16, kMsp = 17, kPsp = 18;

  FakeCore(FakeBus& bus, std::endian order = std::endian::little) : port_(bus, order) {
    const std::string profile = "org.gnu.gdb.arm.m-profile";
    for (unsigned i = 0; i <= 12; ++i) {
      info_.push_back({"r" + std::to_string(i), 32, profile, "uint32", "general"});
    }
    info_.push_back({"sp", 32, profile, "data_ptr", "general"});
    info_.push_back({"lr", 32, profile, "uint32", "general"});
    info_.push_back({"pc", 32, profile, "code_ptr", "general"});
    info_.push_back({"xpsr", 32, profile, "uint32", "general"});
    info_.push_back({"msp", 32, "org.gnu.gdb.arm.m-system", "data_ptr", "system"});
    info_.push_back({"psp", 32, "org.gnu.gdb.arm.m-system", "data_ptr", "system"});
    reset();
  }

  std::string_view model() const override { return "cortex-m3"; }
  std::string_view isa() const override { return "arm"; }
  void reset() override {
    registers_.fill(0);
    for (unsigned i = 0; i <= 12; ++i) registers_[i] = 0x1000 + i;
    registers_[kSp] = kRamBase + 0x800;
    registers_[kPc] = kRamBase;
    registers_[kXpsr] = 0x01000000;  // Thumb bit
    registers_[kMsp] = registers_[kSp];
  }
  Cycles run(Cycles budget) override {
    Cycles used = 0;
    while (used < budget) used += step();
    return used;
  }
  Cycles step() override {
    registers_[kPc] += 2;
    ++instructions_;
    return 1;
  }
  CoreState state() const override { return CoreState::Stopped; }
  void resume() override {}
  void request_stop() override {}
  std::span<const RegisterInfo> register_info() const override { return info_; }
  std::uint64_t read_register(unsigned index) const override { return registers_.at(index); }
  void write_register(unsigned index, std::uint64_t value) override {
    registers_.at(index) = static_cast<std::uint32_t>(value);
  }
  Addr pc() const override { return registers_[kPc]; }
  unsigned irq_line_count() const override { return 0; }
  void set_irq_line(unsigned, bool) override {}
  void advance_idle(Cycles) override {}
  Cycles cycle_count() const override { return instructions_; }
  std::uint64_t instruction_count() const override { return instructions_; }
  void set_hooks(Hooks*, bool) override {}
  MemoryPort& memory() override { return port_; }

  // Core::private_regions / debug_access over `own_bytes`, when `own_registers` is set.
  bool own_registers = false;
  std::array<std::uint8_t, kOwnSize> own_bytes{};
  std::span<const PrivateRegion> private_regions() const override {
    static constexpr PrivateRegion kOwn[] = {{kOwnBase, kOwnSize}};
    return own_registers ? std::span<const PrivateRegion>(kOwn) : std::span<const PrivateRegion>();
  }
  std::optional<unsigned> debug_access(bool is_write, Addr addr, std::uint8_t* data,
                                       unsigned size) override {
    if (!own_registers || addr < kOwnBase || addr >= kOwnBase + kOwnSize) return std::nullopt;
    const unsigned count = static_cast<unsigned>(std::min<Addr>(size, kOwnBase + kOwnSize - addr));
    std::uint8_t* own = own_bytes.data() + (addr - kOwnBase);
    if (is_write) {
      std::memcpy(own, data, count);
    } else {
      std::memcpy(data, own, count);
    }
    return count;
  }

 private:
  MemoryPort port_;
  std::vector<RegisterInfo> info_;
  std::array<std::uint64_t, 19> registers_{};
  std::uint64_t instructions_ = 0;
};

// Runs FakeCores: a Continue steps every continuing core until a breakpoint matches the
// next pc, an instruction listed in `data_accesses` is about to touch a watched range, pc reaches
// `exit_pc`, the stub's interrupt callback returns true, or `step_limit` steps pass.
class FakeTarget : public GdbTarget {
 public:
  struct DataAccess {
    Access kind;
    Addr address;
  };
  struct AppliedBreakpoint {
    BreakpointKind kind;
    Addr address;
    Addr length;
  };

  FakeBus bus;
  std::vector<std::unique_ptr<FakeCore>> cores;
  std::map<Addr, DataAccess> data_accesses;  // by pc of the accessing instruction
  std::optional<Addr> exit_pc;
  int exit_code = 0;
  std::size_t step_limit = 100000;
  bool refuse_breakpoints = false;
  std::vector<AppliedBreakpoint> applied;
  std::vector<std::vector<ResumeAction>> resumes;
  std::vector<std::string> monitor_commands;
  std::size_t interrupt_polls = 0;
  DebugPoints points;  // what the "core hooks" check

  explicit FakeTarget(unsigned core_count = 1, std::endian order = std::endian::little) {
    for (unsigned i = 0; i < core_count; ++i) {
      cores.push_back(std::make_unique<FakeCore>(bus, order));
    }
  }

  std::string_view architecture() const override { return "arm"; }
  std::size_t core_count() const override { return cores.size(); }
  Core& core(std::size_t index) override { return *cores.at(index); }

  void resume(std::span<const ResumeAction> actions) override {
    resumes.emplace_back(actions.begin(), actions.end());
  }

  StopEvent wait_for_stop(const std::function<bool()>& interrupt_requested) override {
    const std::vector<ResumeAction>& actions = resumes.back();
    for (unsigned i = 0; i < cores.size(); ++i) {
      if (actions[i] == ResumeAction::Step) {
        cores[i]->step();
        return {StopEvent::Reason::Stepped, i + 1};
      }
    }
    for (std::size_t count = 0; count < step_limit; ++count) {
      ++interrupt_polls;
      if (interrupt_requested()) return {StopEvent::Reason::Interrupted, 1};
      for (unsigned i = 0; i < cores.size(); ++i) {
        if (actions[i] != ResumeAction::Continue) continue;
        FakeCore& core = *cores[i];
        const Addr pc = core.pc();
        if (auto access = data_accesses.find(pc); access != data_accesses.end()) {
          const DataAccess& data = access->second;
          if (auto hit = points.watch_hit(data.kind, data.address, 4)) {
            // Stop before the access completes, pc at the accessing instruction: what GDB
            // expects on ARM, where it steps over the instruction itself.
            return {StopEvent::Reason::Watchpoint, i + 1, hit->kind, hit->address};
          }
        }
        core.step();
        if (exit_pc && core.pc() == *exit_pc) {
          StopEvent exited{StopEvent::Reason::Exited, i + 1};
          exited.exit_code = exit_code;
          return exited;
        }
        if (auto kind = points.breakpoint_at(core.pc())) {
          return {StopEvent::Reason::Breakpoint, i + 1, *kind, core.pc()};
        }
      }
    }
    return {StopEvent::Reason::Faulted, 1};  // "ran away": the tests never expect this
  }

  bool insert_breakpoint(BreakpointKind kind, Addr address, Addr length) override {
    if (refuse_breakpoints) return false;
    applied.push_back({kind, address, length});
    points.insert(kind, address, length);
    return true;
  }
  bool remove_breakpoint(BreakpointKind kind, Addr address, Addr length) override {
    points.remove(kind, address, length);
    for (auto it = applied.begin(); it != applied.end(); ++it) {
      if (it->kind == kind && it->address == address && it->length == length) {
        applied.erase(it);
        return true;
      }
    }
    return false;
  }

  std::vector<MemoryRegion> memory_regions() const override {
    return {{MemoryRegion::Type::Flash, kFlashBase, kFlashSize, 0x400},
            {MemoryRegion::Type::Ram, kRamBase, kRamSize, 0}};
  }

  std::optional<std::string> monitor(std::string_view command) override {
    monitor_commands.emplace_back(command);
    if (command == "info") return "cpu0: cortex-m3\n";
    if (command == "reset") {
      for (auto& core : cores) core->reset();
      return "";
    }
    return std::nullopt;
  }
};

// Input in scripted chunks; output collected. Once the chunks run out, a poll (zero
// timeout, the target running) sees no input yet and a waiting read sees the peer close,
// so a script ends with the stub waiting for its next packet.
class ScriptedStream : public ByteStream {
 public:
  std::deque<std::string> chunks;
  std::string output;

  ReadResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override {
    if (chunks.empty()) {
      return {timeout.count() == 0 ? ReadStatus::Timeout : ReadStatus::Closed, 0};
    }
    std::string& chunk = chunks.front();
    const std::size_t count = std::min(buffer.size(), chunk.size());
    std::memcpy(buffer.data(), chunk.data(), count);
    chunk.erase(0, count);
    if (chunk.empty()) chunks.pop_front();
    return {ReadStatus::Data, count};
  }
  bool write(std::span<const std::uint8_t> bytes) override {
    output.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return true;
  }
};

// "$payload#cc" with the checksum computed here, independently of the stub's code.
inline std::string frame(std::string_view payload) {
  unsigned sum = 0;
  for (unsigned char c : payload) sum += c;
  char checksum[3];
  std::snprintf(checksum, sizeof checksum, "%02x", sum & 0xff);
  return "$" + std::string(payload) + "#" + checksum;
}

}  // namespace anvil::test
