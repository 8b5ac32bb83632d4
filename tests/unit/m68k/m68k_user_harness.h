// A minimal Linux user-mode harness for the m68k core's tests: loads a static big-endian
// ELF (PT_LOAD segments only) into sparse RAM, builds the initial stack a static glibc
// program needs (argc, argv, envp, the auxiliary vector: System V ABI m68k supplement;
// Linux fs/binfmt_elf.c) and serves the handful of system calls such a program makes
// (write, brk, TLS, exit...) through Hooks::system_call, the same TRAP #0 path
// platforms/user uses. Numbers from arch/m68k/kernel/syscalltable.S.
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
    build_stack(elf_path);
  }

  // Runs until the program exits (or `budget` cycles pass); returns whether it exited.
  bool run(Cycles budget = 200'000'000) {
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
    auto result = [this](std::int64_t value) {
      cpu->write_register(0, static_cast<std::uint32_t>(value));
    };
    constexpr std::int64_t kEnosys = -38, kEnoent = -2;
    switch (number) {
      case 1:    // exit
      case 247:  // exit_group
        exited = true;
        exit_status = static_cast<int>(arg(1));
        return true;
      case 4: {  // write(fd, buffer, length)
        std::string bytes(arg(3), '\0');
        port.debug_read(arg(2), bytes.data(), arg(3));
        output += bytes;
        result(arg(3));
        return false;
      }
      case 45:  // brk
        if (arg(1) > brk_) {
          ram.map(brk_, arg(1) - brk_);
          brk_ = arg(1);
        }
        result(brk_);
        return false;
      case 334:  // set_thread_area
        thread_pointer_ = arg(1);
        result(0);
        return false;
      case 333:  // get_thread_area
        result(thread_pointer_);
        return false;
      case 253:  // set_tid_address
        result(1);
        return false;
      case 125:  // mprotect
        result(0);
        return false;
      case 85:  // readlink
        result(kEnoent);
        return false;
      case 352: {  // getrandom: deterministic bytes
        for (std::uint32_t i = 0; i < arg(2); ++i) {
          const auto byte = static_cast<std::uint8_t>(i * 37 + 11);
          port.debug_write(arg(1) + i, &byte, 1);
        }
        result(arg(2));
        return false;
      }
      default:
        result(kEnosys);
        return false;
    }
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
  std::uint32_t brk_ = 0, thread_pointer_ = 0;
  std::uint32_t phdr_ = 0, phnum_ = 0, entry_ = 0;

  void push32(std::uint32_t& sp, std::uint32_t value) {
    sp -= 4;
    const std::uint8_t b[4] = {
        static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
        static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
    port.debug_write(sp, b, 4);
  }
  // argc, argv[0], NULL, no environment, then the auxiliary vector (AT_PHDR, AT_PHENT,
  // AT_PHNUM, AT_PAGESZ, AT_ENTRY, AT_RANDOM, AT_NULL), as the kernel lays them out.
  void build_stack(const std::string& name) {
    std::uint32_t sp = kStackTop - 64;
    const std::uint32_t name_at = sp;
    port.debug_write(name_at, name.c_str(),
                     static_cast<unsigned>(name.size() < 40 ? name.size() + 1 : 40));
    sp -= 16;
    const std::uint32_t random_at = sp;
    for (unsigned i = 0; i < 16; ++i) {
      const auto byte = static_cast<std::uint8_t>(0xA5 ^ i);
      port.debug_write(random_at + i, &byte, 1);
    }
    const std::uint32_t aux[][2] = {{3, phdr_},  {4, 32},         {5, phnum_}, {6, 4096},
                                    {9, entry_}, {25, random_at}, {0, 0}};
    for (int i = 6; i >= 0; --i) {
      push32(sp, aux[i][1]);
      push32(sp, aux[i][0]);
    }
    push32(sp, 0);  // envp end
    push32(sp, 0);  // argv end
    push32(sp, name_at);
    push32(sp, 1);  // argc
    cpu->write_register(15, sp);
  }

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
    entry_ = entry;
    phnum_ = phnum;
    for (std::uint32_t i = 0; i < phnum; ++i) {
      const std::size_t h = phoff + i * phentsize;
      if (be32(b, h) != 1) continue;  // PT_LOAD
      const std::uint32_t offset = be32(b, h + 4), vaddr = be32(b, h + 8);
      const std::uint32_t file_size = be32(b, h + 16), memory_size = be32(b, h + 20);
      ram.map(vaddr, memory_size);
      if (offset + file_size > b.size()) throw std::runtime_error(path + ": segment past EOF");
      port.debug_write(vaddr, b.data() + offset, file_size);
      if (offset == 0) phdr_ = vaddr + phoff;  // the headers are in the first segment
      const std::uint32_t end = (vaddr + memory_size + 4095) & ~4095u;
      if (end > brk_) brk_ = end;
    }
    cpu->write_register(17, entry);
  }
};

}  // namespace anvil::m68k::testing
