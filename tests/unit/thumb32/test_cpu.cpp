#include "tests/unit/thumb32/test_cpu.h"

#include <cstring>

namespace anvil::arm::test {

namespace {
CortexMConfig config_for(const std::string& model) {
  CortexMConfig config;
  config.model = model;
  return config;
}
}  // namespace

TestCpu::TestCpu(const std::string& model) : cpu(config_for(model), port) {
  // Vector table (B1.5.3): initial SP, reset, then every exception to a spinning handler;
  // HardFault gets its own so that tests can tell a fault happened.
  poke32(0, kStackTop);
  poke32(4, kCode | 1);
  for (std::uint32_t vector = 2; vector < 16; ++vector) poke32(4 * vector, kOtherHandler | 1);
  poke32(4 * 3, kHardFaultHandler | 1);
  poke16(kHardFaultHandler, 0xE7FE);  // B .
  poke16(kOtherHandler, 0xE7FE);
  cpu.reset();
}

void TestCpu::place(std::uint32_t address, std::initializer_list<std::uint32_t> program) {
  for (std::uint32_t insn : program) {
    if (insn > 0xFFFF) {
      poke16(address, static_cast<std::uint16_t>(insn >> 16));
      poke16(address + 2, static_cast<std::uint16_t>(insn));
      address += 4;
    } else {
      poke16(address, static_cast<std::uint16_t>(insn));
      address += 2;
    }
  }
}

void TestCpu::load(std::initializer_list<std::uint32_t> program) {
  place(kCode, program);
  cpu.write_register(15, kCode);
  program_length_ = static_cast<std::uint32_t>(program.size());
}

void TestCpu::step(unsigned count) {
  for (unsigned i = 0; i < count; ++i) cpu.step();
}

void TestCpu::run(std::initializer_list<std::uint32_t> program) {
  load(program);
  step(program_length_);
}

void TestCpu::poke8(std::uint32_t a, std::uint8_t v) {
  *bus.locate(a, 1) = v;
}
void TestCpu::poke16(std::uint32_t a, std::uint16_t v) {
  std::uint8_t* p = bus.locate(a, 2);
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}
void TestCpu::poke32(std::uint32_t a, std::uint32_t v) {
  poke16(a, static_cast<std::uint16_t>(v));
  poke16(a + 2, static_cast<std::uint16_t>(v >> 16));
}
std::uint32_t TestCpu::peek8(std::uint32_t a) {
  return *bus.locate(a, 1);
}
std::uint32_t TestCpu::peek16(std::uint32_t a) {
  return peek8(a) | (peek8(a + 1) << 8);
}
std::uint32_t TestCpu::peek32(std::uint32_t a) {
  return peek16(a) | (peek16(a + 2) << 16);
}

std::uint32_t TestCpu::apsr() const {
  const Apsr& f = cpu.flags;
  return (std::uint32_t{f.n} << 31) | (std::uint32_t{f.z} << 30) | (std::uint32_t{f.c} << 29) |
         (std::uint32_t{f.v} << 28) | (std::uint32_t{f.q} << 27) | (std::uint32_t{f.ge} << 16);
}

void TestCpu::set_apsr(std::uint32_t value) {
  Apsr& f = cpu.flags;
  f.n = (value >> 31) & 1;
  f.z = (value >> 30) & 1;
  f.c = (value >> 29) & 1;
  f.v = (value >> 28) & 1;
  f.q = (value >> 27) & 1;
  f.ge = (value >> 16) & 0xF;
}

std::uint32_t TestCpu::fault_status() {
  // LDR r0, [r0] (16-bit T1) placed where the core stands.
  place(pc(), {0x6800});
  set(0, kCfsr);
  cpu.step();
  return r(0);
}

void TestCpu::trap_divide_by_zero() {
  // STR.W r1, [r0] with r0 = CCR, r1 = DIV_0_TRP | the reset value's STKALIGN (bit 9).
  const std::uint32_t saved_pc = pc();
  place(kHardFaultHandler + 0x100, {0xF8C01000});
  cpu.write_register(15, kHardFaultHandler + 0x100);
  set(0, 0xE000ED14);
  set(1, (1u << 4) | (1u << 9));
  cpu.step();
  cpu.write_register(15, saved_pc);
}

}  // namespace anvil::arm::test
