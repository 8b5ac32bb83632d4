// A MIPS core on a fake bus for unit tests: 1 MiB of RAM at physical 0 with direct (DMI)
// access, where test programs linked at 0x80000000 (kseg0) are loaded; nothing else
// (accesses elsewhere are bus errors).
#pragma once

#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "cores/mips/mips.h"

namespace mips_test {

using namespace anvil;

inline constexpr unsigned kPc = 37;  // register_info() index of the PC

class TestBus : public BusBackend {
 public:
  std::vector<std::uint8_t> ram = std::vector<std::uint8_t>(0x100000);

  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size, Cycles&) override {
    if (addr + size > ram.size()) return BusStatus::AddressError;
    if (kind == Access::Store)
      std::memcpy(&ram[addr], data, size);
    else
      std::memcpy(data, &ram[addr], size);
    return BusStatus::Ok;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    Cycles ignored = 0;
    return transport(is_write ? Access::Store : Access::Load, addr, data, size, ignored) ==
                   BusStatus::Ok
               ? size
               : 0;
  }
  void request_direct_access(MemoryPort& port, Addr addr, Access) override {
    if (addr >= ram.size()) return;
    const Addr page = addr & ~MemoryPort::kPageMask;
    port.map_page(page, &ram[page], true);
  }
};

struct Machine {
  TestBus bus;
  MemoryPort port;
  std::unique_ptr<Core> core;

  // `linux_user`: a process as `anvil user` runs it (flat addresses, user mode, CP1 usable).
  Machine(const std::string& model, std::endian order, bool linux_user = false) : port(bus, order) {
    mips::MipsConfig config;
    config.model = model;
    config.byte_order = order;
    if (linux_user) {
      config.address_map = mips::AddressMap::Flat;
      config.linux_user = true;
    }
    core = mips::create_mips(config, port);
  }
  // Loads a user-mode image linked at 0x10000 and starts it there.
  void load_user(std::span<const std::uint8_t> image) {
    std::memcpy(bus.ram.data() + 0x10000, image.data(), image.size());
    core->reset();
    core->write_register(kPc, 0x10000);
  }
  // Loads an image linked at 0x80000000 and starts it there.
  void load(std::span<const std::uint8_t> image) {
    std::memcpy(bus.ram.data(), image.data(), image.size());
    core->reset();
    core->write_register(kPc, 0x80000000);
  }
  // Steps until the PC reaches `address` (a `b .` loop), at most `steps` instructions.
  bool run_to(std::uint32_t address, unsigned steps = 100000) {
    for (unsigned i = 0; i < steps; ++i) {
      if (core->pc() == address) return true;
      core->step();
    }
    return false;
  }
  std::uint32_t word(std::uint32_t va) {
    std::uint32_t v = 0;
    std::memcpy(&v, &bus.ram[va & 0x1FFFFFFF], 4);
    return port.to_host(v);
  }
};

}  // namespace mips_test
