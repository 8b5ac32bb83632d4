// Just enough of Linux for the differential tests: loads a static ELF, builds the initial
// stack (argv, envp, auxv), and serves the system calls a freestanding program or static
// glibc's start-up and stdio make (EABI numbers, arch/arm/tools/syscall.tbl). Everything else
// is ENOSYS. Not the user-mode layer (platforms/user): a test fixture.
#pragma once

#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "tests/unit/arm_a/test_machine.h"

namespace anvil::arm::test {

class MiniKernel final : public Hooks {
 public:
  static constexpr std::uint32_t kStackTop = kRamSize - 0x1000;
  static constexpr std::uint32_t kMmapBase = kRamSize / 2;

  explicit MiniKernel(const std::string& model, bool specialised_ops = true)
      : machine(model, /*linux_user=*/true, this, specialised_ops),
        hwcap_(arm_a_linux_hwcap(model)) {}

  // Loads the PT_LOAD segments of a static ELF32, sets up the stack and the entry point.
  void start(std::span<const std::uint8_t> elf) {
    const std::uint8_t* e = elf.data();
    const auto entry = read<std::uint32_t>(e + 24), phoff = read<std::uint32_t>(e + 28);
    const auto phnum = read<std::uint16_t>(e + 44);
    std::uint32_t phdr = 0;
    for (unsigned i = 0; i < phnum; ++i) {
      const std::uint8_t* ph = e + phoff + 32 * i;
      if (read<std::uint32_t>(ph) != 1) continue;  // PT_LOAD
      const auto offset = read<std::uint32_t>(ph + 4), vaddr = read<std::uint32_t>(ph + 8);
      const auto filesz = read<std::uint32_t>(ph + 16), memsz = read<std::uint32_t>(ph + 20);
      REQUIRE(vaddr + memsz < kMmapBase);
      machine.load(elf.subspan(offset, filesz), vaddr);
      if (offset == 0) phdr = vaddr + phoff;
      brk_ = std::max(brk_, (vaddr + memsz + 0xFFF) & ~0xFFFu);
    }
    // The initial stack (ELF ABI): argc, argv[], 0, envp[] (none), 0, auxv pairs, AT_NULL.
    const std::uint32_t strings = kStackTop + 0x100;
    machine.load(std::span(reinterpret_cast<const std::uint8_t*>("prog\0v7l\0"), 9), strings);
    const std::uint32_t random = strings + 16;  // AT_RANDOM: 16 bytes, all zero
    const std::uint32_t auxv[][2] = {{3, phdr},         {4, 32},      {5, phnum},
                                     {6, 4096},         {9, entry},   {25, random},
                                     {15, strings + 5}, {16, hwcap_}, {0, 0}};
    std::uint32_t sp = kStackTop;
    const std::uint32_t words[] = {1, strings, 0, 0};
    for (std::uint32_t w : words) machine.set_word((sp += 4) - 4, w);
    for (const auto& pair : auxv) {
      machine.set_word(sp, pair[0]);
      machine.set_word(sp + 4, pair[1]);
      sp += 8;
    }
    machine.set(arm_a_register::kSp, kStackTop);
    machine.set(arm_a_register::kPc, entry);
  }

  void run() {
    for (int i = 0; i < 1000 && !exited && fault.empty(); ++i) machine.core->run(10'000'000);
  }

  bool system_call(std::uint32_t) override {
    Core& c = *machine.core;
    const auto arg = [&](unsigned n) { return static_cast<std::uint32_t>(c.read_register(n)); };
    std::int64_t result = -38;  // ENOSYS
    switch (arg(7)) {
      case 1:    // exit
      case 248:  // exit_group
        exit_code = static_cast<int>(arg(0));
        exited = true;
        return true;
      case 4:  // write
        output.append(reinterpret_cast<const char*>(machine.bus.ram.data()) + arg(1), arg(2));
        result = arg(2);
        break;
      case 146: {  // writev
        result = 0;
        for (std::uint32_t i = 0; i < arg(2); ++i) {
          const std::uint32_t base = machine.word(arg(1) + 8 * i);
          const std::uint32_t size = machine.word(arg(1) + 8 * i + 4);
          output.append(reinterpret_cast<const char*>(machine.bus.ram.data()) + base, size);
          result += size;
        }
        break;
      }
      case 45:  // brk
        if (arg(0) >= brk_ && arg(0) < kMmapBase) brk_ = arg(0);
        result = brk_;
        break;
      case 192:  // mmap2: anonymous memory from a bump region
        result = mmap_next_;
        mmap_next_ += (arg(1) + 0xFFF) & ~0xFFFu;
        if (mmap_next_ > kStackTop - 0x10000) result = -12;  // ENOMEM
        break;
      case 91:   // munmap
      case 125:  // mprotect
        result = 0;
        break;
      case 256:  // set_tid_address
        result = 1000;
        break;
      case 384:  // getrandom: zeros (the buffer is already zero-filled memory? not always)
        std::memset(machine.bus.ram.data() + arg(0), 0x5A, arg(1));
        result = arg(1);
        break;
      case 0xF0005:  // ARM set_tls
        c.write_register(arm_a_register::kTpidruro, arg(0));
        result = 0;
        break;
      default:
        break;
    }
    c.write_register(0, static_cast<std::uint32_t>(result));
    return false;
  }

  bool user_fault(UserFault f, Addr pc, Addr address) override {
    // ARMv5 code calls the kernel's user helpers (Documentation/arm/kernel_user_helpers.rst):
    // __kuser_get_tls at 0xFFFF0FE0, __kuser_memory_barrier at 0xFFFF0FA0, and for __sync_*
    // __kuser_cmpxchg at 0xFFFF0FC0: r0 = old, r1 = new, r2 = ptr; r0 = 0 and C set when stored.
    // Both return to lr. The user-mode layer maps real helpers; this fixture emulates them when the
    // fetch there faults.
    Core& c = *machine.core;
    if (pc == 0xFFFF0FE0 || pc == 0xFFFF0FA0) {  // __kuser_get_tls, __kuser_memory_barrier
      if (pc == 0xFFFF0FE0) c.write_register(0, c.read_register(arm_a_register::kTpidruro));
      c.write_register(arm_a_register::kPc, c.read_register(arm_a_register::kLr));
      return false;
    }
    if (pc == 0xFFFF0FC0) {
      const auto ptr = static_cast<std::uint32_t>(c.read_register(2));
      const bool match = machine.word(ptr) == c.read_register(0);
      if (match) machine.set_word(ptr, static_cast<std::uint32_t>(c.read_register(1)));
      c.write_register(0, match ? 0 : 1);
      const auto cpsr = c.read_register(arm_a_register::kCpsr);
      c.write_register(arm_a_register::kCpsr, match ? cpsr | (1u << 29) : cpsr & ~(1u << 29));
      c.write_register(arm_a_register::kPc, c.read_register(arm_a_register::kLr));
      return false;
    }
    fault = "fault " + std::to_string(static_cast<int>(f)) + " at pc " + std::to_string(pc) +
            " address " + std::to_string(address);
    return true;
  }

  Machine machine;
  std::string output, fault;
  bool exited = false;
  int exit_code = -1;

 private:
  template <class T>
  static T read(const std::uint8_t* p) {
    T v{};
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  std::uint32_t hwcap_;
  std::uint32_t brk_ = 0;
  std::uint32_t mmap_next_ = kMmapBase;
};

}  // namespace anvil::arm::test
