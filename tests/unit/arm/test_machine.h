// A Cortex-M on a fake bus for unit tests: RAM at 0 (where test programs are loaded, linked
// at 0) and at 0x20000000, both offering direct (DMI) access; a wait-stated, DMI-less RAM
// window at 0x60000000; nothing else (accesses elsewhere are bus errors).
#pragma once

#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "cores/arm/cortex_m.h"

namespace arm_test {

using namespace anvil;

struct Region {
  Addr base;
  std::vector<std::uint8_t> bytes;
  bool direct;         // offers DMI
  Cycles wait_states;  // per slow-path access
  bool contains(Addr a, unsigned size) const {
    return a >= base && a + size <= base + bytes.size();
  }
};

class TestBus : public BusBackend {
 public:
  std::vector<Region> regions{
      {0x00000000, std::vector<std::uint8_t>(0x40000), true, 0},
      {0x20000000, std::vector<std::uint8_t>(0x10000), true, 0},
      {0x60000000, std::vector<std::uint8_t>(0x1000), false, 3},
  };
  unsigned slow_accesses = 0;

  Region* find(Addr a, unsigned size) {
    for (Region& r : regions)
      if (r.contains(a, size)) return &r;
    return nullptr;
  }
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override {
    ++slow_accesses;
    Region* r = find(addr, size);
    if (!r) return BusStatus::AddressError;
    delay += r->wait_states;
    if (kind == Access::Store)
      std::memcpy(&r->bytes[addr - r->base], data, size);
    else
      std::memcpy(data, &r->bytes[addr - r->base], size);
    return BusStatus::Ok;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    Region* r = find(addr, size);
    if (!r) return 0;
    if (is_write)
      std::memcpy(&r->bytes[addr - r->base], data, size);
    else
      std::memcpy(data, &r->bytes[addr - r->base], size);
    return size;
  }
  void request_direct_access(MemoryPort& port, Addr addr, Access) override {
    Region* r = find(addr, 1);
    if (!r || !r->direct) return;
    const Addr page = addr & ~MemoryPort::kPageMask;
    port.map_page(page, &r->bytes[page - r->base], true);
  }
};

// Register indices of register_info().
enum Reg : unsigned {
  kSp = 13,
  kLr = 14,
  kPc = 15,
  kXpsr = 16,
  kMsp = 17,
  kPsp = 18,
  kPrimask = 19,
  kBasepri = 20,
  kFaultmask = 21,
  kControl = 22,
};

constexpr std::uint32_t kN = 1u << 31, kZ = 1u << 30, kC = 1u << 29, kV = 1u << 28;

struct Machine {
  TestBus bus;
  MemoryPort port{bus, std::endian::little};
  std::unique_ptr<Core> core;

  explicit Machine(std::span<const std::uint8_t> image, arm::CortexMConfig config = {}) {
    std::memcpy(bus.regions[0].bytes.data(), image.data(), image.size());
    core = arm::create_cortex_m(config, port);
    core->reset();
  }

  std::uint32_t reg(unsigned n) const { return static_cast<std::uint32_t>(core->read_register(n)); }
  void set(unsigned n, std::uint32_t v) { core->write_register(n, v); }
  std::uint32_t flags() const { return reg(kXpsr) & 0xF0000000; }
  void set_flags(std::uint32_t nzcv) { set(kXpsr, (reg(kXpsr) & 0x0FFFFFFF) | nzcv); }

  std::uint32_t word(Addr a) {
    std::uint32_t v = 0;
    REQUIRE(port.debug_read(a, &v, 4) == 4);
    return v;
  }
  void poke(Addr a, std::uint32_t v) { REQUIRE(port.debug_write(a, &v, 4) == 4); }

  // Points the PC at `pc`, ready to run (leaving a debug halt).
  void start(std::uint32_t pc) {
    set(kPc, pc);
    core->resume();
  }
  // Runs from `pc` until the core halts (a BKPT), and returns the cycles used.
  Cycles run_from(std::uint32_t pc, Cycles budget = 100000) {
    set(kPc, pc);
    return run_to_halt(budget);
  }
  Cycles run_to_halt(Cycles budget = 100000) {
    core->resume();
    const Cycles used = core->run(budget);
    INFO("pc = " << std::hex << reg(kPc));
    REQUIRE(core->state() == CoreState::Stopped);
    return used;
  }
  // Continue after the BKPT the core halted at.
  Cycles continue_after_bkpt(Cycles budget = 100000) {
    set(kPc, reg(kPc) + 2);
    return run_to_halt(budget);
  }
  std::uint16_t halfword_at_pc() {
    std::uint16_t h = 0;
    port.debug_read(reg(kPc), &h, 2);
    return h;
  }
};

}  // namespace arm_test
