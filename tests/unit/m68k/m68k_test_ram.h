// Test memory for the m68k core tests: 1 MiB of RAM at address 0 with helpers to write
// big-endian words and programs. Anything above 1 MiB is unmapped (a bus error).
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <vector>

#include "cores/common/memory_port.h"

namespace anvil::m68k::testing {

// The test machines' memory layout: the reset stack pointer, the code, and vector v's
// handler at 0x4000 + 16v (room for a few instructions each).
constexpr std::uint32_t kStack = 0x8000;
constexpr std::uint32_t kCode = 0x1000;
constexpr std::uint32_t handler(unsigned vector) {
  return 0x4000 + vector * 16;
}

class Ram final : public BusBackend {
 public:
  std::vector<std::uint8_t> bytes = std::vector<std::uint8_t>(1 << 20);
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override {
    delay = 0;
    if (addr + size > bytes.size()) return BusStatus::AddressError;
    if (kind == Access::Store)
      std::memcpy(&bytes[addr], data, size);
    else
      std::memcpy(data, &bytes[addr], size);
    return BusStatus::Ok;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    if (addr + size > bytes.size()) return 0;
    if (is_write)
      std::memcpy(&bytes[addr], data, size);
    else
      std::memcpy(data, &bytes[addr], size);
    return size;
  }
  void word(std::uint32_t a, std::uint16_t v) {
    bytes[a] = static_cast<std::uint8_t>(v >> 8);
    bytes[a + 1] = static_cast<std::uint8_t>(v);
  }
  void longword(std::uint32_t a, std::uint32_t v) {
    word(a, static_cast<std::uint16_t>(v >> 16));
    word(a + 2, static_cast<std::uint16_t>(v));
  }
  std::uint16_t word(std::uint32_t a) const {
    return static_cast<std::uint16_t>((bytes[a] << 8) | bytes[a + 1]);
  }
  std::uint32_t longword(std::uint32_t a) const {
    return (std::uint32_t{word(a)} << 16) | word(a + 2);
  }
  void program(std::uint32_t at, std::initializer_list<std::uint16_t> words) {
    for (std::uint16_t w : words) {
      word(at, w);
      at += 2;
    }
  }
};

}  // namespace anvil::m68k::testing
