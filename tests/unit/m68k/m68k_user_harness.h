// A minimal Linux user-mode harness for the m68k core's tests: loads a static big-endian
// ELF (PT_LOAD segments only) into sparse RAM, gives it a stack, and serves the two system
// calls the test programs use (write to stdout, exit) through Hooks::system_call, the same
// TRAP #0 path platforms/user uses.
#pragma once

#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cores/m68k/m68000.h"

namespace anvil::m68k::testing {

class SparseRam final : public BusBackend {
 public:
  static constexpr Addr kPage = 4096;
  void map(Addr base, Addr size) {
    for (Addr p = base & ~(kPage - 1); p < base + size; p += kPage) pages_[p].resize(kPage);
  }
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override {
    delay = 0;
    return copy(kind == Access::Store, addr, data, size) == size ? BusStatus::Ok
                                                                 : BusStatus::AddressError;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    return copy(is_write, addr, data, size);
  }
  // Pages are plain memory: the port may reach them directly (the DMI fast path).
  void request_direct_access(MemoryPort& port, Addr addr, Access) override {
    const auto page = pages_.find(addr & ~(kPage - 1));
    if (page != pages_.end()) port.map_page(page->first, page->second.data(), true);
  }

 private:
  unsigned copy(bool is_write, Addr addr, std::uint8_t* data, unsigned size) {
    for (unsigned i = 0; i < size; ++i) {
      const auto page = pages_.find((addr + i) & ~(kPage - 1));
      if (page == pages_.end()) return i;
      std::uint8_t& byte = page->second[(addr + i) & (kPage - 1)];
      if (is_write)
        byte = data[i];
      else
        data[i] = byte;
    }
    return size;
  }
  std::map<Addr, std::vector<std::uint8_t>> pages_;
};

class UserProgram final : public Hooks {
 public:
  static constexpr std::uint32_t kStackTop = 0xC0000000;

  UserProgram(const std::string& model, const std::string& elf_path) {
    M68000Config config;
    config.model = model;
    config.linux_user = true;
    cpu = create_m68000(config, port);
    cpu->set_hooks(this, false);
    load(elf_path);
    ram.map(kStackTop - 0x10000, 0x10000);
    cpu->write_register(15, kStackTop - 0x100);  // sp
  }

  // Runs until the program exits (or `budget` cycles pass); returns whether it exited.
  bool run(Cycles budget = 2'000'000'000) {
    while (!exited && budget > 0 && cpu->state() == CoreState::Running && !faulted) {
      const Cycles used = cpu->run(budget < 1'000'000 ? budget : 1'000'000);
      budget = used >= budget ? 0 : budget - used;
    }
    return exited;
  }

  bool system_call(std::uint32_t) override {
    const auto number = static_cast<std::uint32_t>(cpu->read_register(0));
    const auto arg = [this](unsigned i) {
      return static_cast<std::uint32_t>(cpu->read_register(i));
    };
    if (number == 4) {  // write(fd, buffer, length)
      std::string bytes(arg(3), '\0');
      port.debug_read(arg(2), bytes.data(), arg(3));
      output += bytes;
      cpu->write_register(0, arg(3));
      return false;
    }
    if (number == 1 || number == 252) {  // exit, exit_group
      exited = true;
      exit_status = static_cast<int>(arg(1));
      return true;
    }
    cpu->write_register(0, static_cast<std::uint32_t>(-38));  // ENOSYS
    return false;
  }
  bool user_fault(UserFault fault, Addr pc, Addr) override {
    faulted = true;
    fault_kind = fault;
    fault_pc = pc;
    return true;
  }

  SparseRam ram;
  MemoryPort port{ram, std::endian::big, 32};
  std::unique_ptr<M68000> cpu;
  std::string output;
  bool exited = false, faulted = false;
  int exit_status = -1;
  UserFault fault_kind = UserFault::IllegalInstruction;
  Addr fault_pc = 0;

 private:
  static std::uint32_t be32(const std::vector<std::uint8_t>& b, std::size_t at) {
    return (std::uint32_t{b.at(at)} << 24) | (b.at(at + 1) << 16) | (b.at(at + 2) << 8) |
           b.at(at + 3);
  }
  static std::uint32_t be16(const std::vector<std::uint8_t>& b, std::size_t at) {
    return (std::uint32_t{b.at(at)} << 8) | b.at(at + 1);
  }
  // ELF32 (System V ABI, "Program Header"): big-endian, PT_LOAD segments copied, the rest of
  // each segment's memory size zeroed.
  void load(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::vector<std::uint8_t> b((std::istreambuf_iterator<char>(file)), {});
    if (b.size() < 52 || std::memcmp(b.data(),
                                     "\x7f"
                                     "ELF\x01\x02",
                                     6) != 0)
      throw std::runtime_error(path + ": not a 32-bit big-endian ELF file");
    const std::uint32_t entry = be32(b, 24), phoff = be32(b, 28);
    const std::uint32_t phentsize = be16(b, 42), phnum = be16(b, 44);
    for (std::uint32_t i = 0; i < phnum; ++i) {
      const std::size_t h = phoff + i * phentsize;
      if (be32(b, h) != 1) continue;  // PT_LOAD
      const std::uint32_t offset = be32(b, h + 4), vaddr = be32(b, h + 8);
      const std::uint32_t file_size = be32(b, h + 16), memory_size = be32(b, h + 20);
      ram.map(vaddr, memory_size);
      if (offset + file_size > b.size()) throw std::runtime_error(path + ": segment past EOF");
      port.debug_write(vaddr, b.data() + offset, file_size);
    }
    cpu->write_register(17, entry);
  }
};

}  // namespace anvil::m68k::testing
