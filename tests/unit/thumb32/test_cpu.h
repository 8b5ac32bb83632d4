// A CortexM over a fake bus for executing hand-encoded instructions: 64 KiB of code at 0
// (vector table, handlers that spin, the program at kCode) and 64 KiB of RAM at kRam.
// Everything goes through the slow path (no DMI), so rewriting code between runs is safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "cores/arm/cortex_m_core.h"
#include "cores/common/memory_port.h"

namespace anvil::arm::test {

inline constexpr std::uint32_t kCode = 0x1000;
inline constexpr std::uint32_t kRam = 0x20000000;
inline constexpr std::uint32_t kStackTop = 0x20008000;
inline constexpr std::uint32_t kHardFaultHandler = 0x400;
inline constexpr std::uint32_t kOtherHandler = 0x800;
// CFSR (B3.2.15): UsageFault bits start at 16.
inline constexpr std::uint32_t kCfsr = 0xE000ED28;
inline constexpr std::uint32_t kUfsrUndefined = 1u << 16;
inline constexpr std::uint32_t kUfsrNoCoprocessor = 1u << 19;
inline constexpr std::uint32_t kUfsrUnaligned = 1u << 24;
inline constexpr std::uint32_t kUfsrDivideByZero = 1u << 25;

class FakeBus final : public BusBackend {
 public:
  FakeBus() : code_(0x10000, 0), ram_(0x10000, 0) {}

  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override {
    delay = 0;
    std::uint8_t* p = locate(addr, size);
    if (!p) return BusStatus::AddressError;
    if (kind == Access::Store)
      std::copy_n(data, size, p);
    else
      std::copy_n(p, size, data);
    return BusStatus::Ok;
  }
  unsigned debug_transport(bool, Addr, std::uint8_t*, unsigned) override { return 0; }

  // Where `size` bytes at `addr` live, or null.
  std::uint8_t* locate(Addr addr, unsigned size) {
    if (addr + size <= code_.size()) return code_.data() + addr;
    if (addr >= kRam && addr + size <= kRam + ram_.size()) return ram_.data() + (addr - kRam);
    return nullptr;
  }

 private:
  std::vector<std::uint8_t> code_, ram_;
};

class TestCpu {
 public:
  explicit TestCpu(const std::string& model = "cortex-m3");

  // Places instructions at kCode and points the PC there. A value above 0xFFFF is a 32-bit
  // encoding, first halfword in bits 31..16.
  void load(std::initializer_list<std::uint32_t> program);
  // Executes `count` instructions.
  void step(unsigned count = 1);
  // load() then step through all of them.
  void run(std::initializer_list<std::uint32_t> program);

  std::uint32_t r(unsigned n) const { return cpu.reg(n); }
  void set(unsigned n, std::uint32_t v) { cpu.set_reg(n, v); }
  std::uint32_t pc() const { return cpu.current_pc(); }
  // APSR as MRS shows it (B1.4.2): N Z C V Q in bits 31..27, GE in 19..16.
  std::uint32_t apsr() const;
  void set_apsr(std::uint32_t value);

  void poke8(std::uint32_t a, std::uint8_t v);
  void poke16(std::uint32_t a, std::uint16_t v);
  void poke32(std::uint32_t a, std::uint32_t v);
  std::uint32_t peek8(std::uint32_t a);
  std::uint32_t peek16(std::uint32_t a);
  std::uint32_t peek32(std::uint32_t a);

  // Whether the last instruction faulted: the core is now at the HardFault handler (the
  // UsageFault, BusFault and MemManage handlers are disabled after reset, so they escalate).
  bool faulted() const { return pc() == kHardFaultHandler; }
  // The CFSR, read by executing an LDR in the fault handler (clobbers r0).
  std::uint32_t fault_status();
  // Sets CCR.DIV_0_TRP (B3.2.8) by executing a store to the SCS (clobbers r0, r1).
  void trap_divide_by_zero();

  FakeBus bus;
  MemoryPort port{bus, std::endian::little};
  CortexM cpu;

 private:
  void place(std::uint32_t address, std::initializer_list<std::uint32_t> program);
  std::uint32_t program_length_ = 0;
};

}  // namespace anvil::arm::test
