// An A-profile core over 4 MiB of RAM at address 0 (mapped for the fast path, so code and data
// take the same route as in a real run), for executing test snippets and whole programs.
// The RAM is reachable through the slow path too (the bus), and everything above it is
// unmapped: accesses there abort.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cores/arm/arm_a.h"
#include "cores/common/memory_port.h"

namespace anvil::arm::test {

inline constexpr std::uint32_t kRamSize = 0x400000;

class RamBus final : public BusBackend {
 public:
  RamBus() : ram(kRamSize, 0) {}
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override {
    delay = 0;
    if (slow(addr)) {
      delay = slow_delay;
      if (on_slow_access) on_slow_access();
    }
    if (addr + size > ram.size()) return BusStatus::AddressError;
    if (kind == Access::Store)
      std::memcpy(ram.data() + addr, data, size);
    else
      std::memcpy(data, ram.data() + addr, size);
    return BusStatus::Ok;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    if (addr >= ram.size()) return 0;
    const unsigned n = static_cast<unsigned>(std::min<Addr>(size, ram.size() - addr));
    if (is_write)
      std::memcpy(ram.data() + addr, data, n);
    else
      std::memcpy(data, ram.data() + addr, n);
    return n;
  }
  void request_direct_access(MemoryPort& port, Addr addr, Access) override {
    if (addr < ram.size() && !slow(addr))
      port.map_page(addr & ~MemoryPort::kPageMask, ram.data() + (addr & ~MemoryPort::kPageMask),
                    true);
  }
  std::vector<std::uint8_t> ram;
  // One page of the RAM without a direct pointer whose accesses take `slow_delay` cycles of
  // wait states (a device's registers, as the core sees them).
  Addr slow_page = ~Addr{0};
  Cycles slow_delay = 0;
  std::function<void()> on_slow_access;  // e.g. what a device does on the core's thread

 private:
  bool slow(Addr addr) const { return (addr & ~MemoryPort::kPageMask) == slow_page; }
};

class Machine {
 public:
  explicit Machine(const std::string& model = "cortex-a15", bool linux_user = false,
                   Hooks* hooks = nullptr, bool specialised_ops = true) {
    ArmAConfig config;
    config.model = model;
    config.linux_user = linux_user;
    config.specialised_ops = specialised_ops;
    core = create_arm_a_core(config, port);
    if (hooks) core->set_hooks(hooks, false);
  }

  void load(std::span<const std::uint8_t> image, std::uint32_t at = 0) {
    std::memcpy(bus.ram.data() + at, image.data(), image.size());
  }
  std::uint32_t word(std::uint32_t a) const {
    std::uint32_t v = 0;
    std::memcpy(&v, bus.ram.data() + a, 4);
    return v;
  }
  void set_word(std::uint32_t a, std::uint32_t v) { std::memcpy(bus.ram.data() + a, &v, 4); }

  std::uint64_t r(unsigned n) const { return core->read_register(n); }
  void set(unsigned n, std::uint64_t v) { core->write_register(n, v); }

  // Runs from `start` until the pc reaches `end` (or `limit` instructions); returns whether
  // it got there.
  bool run(std::uint32_t start, std::uint32_t end, unsigned limit = 100000) {
    set(arm_a_register::kPc, start);
    for (unsigned i = 0; i < limit; ++i) {
      if (core->pc() == end) return true;
      core->step();
    }
    return core->pc() == end;
  }

  RamBus bus;
  MemoryPort port{bus, std::endian::little};
  std::unique_ptr<Core> core;
};

}  // namespace anvil::arm::test
