// A tiny made-up ISA for testing the user-mode layer without a real core: 32-bit words in
// the guest's byte order, registers r0..r12, sp, lr, pc, cpsr, and just enough instructions
// to make system calls, touch memory and fault. Its Linux ABI borrows ARM's EABI numbers
// and conventions (r7 = number, r0..r5 = arguments, r0 = -errno) so the tests read like
// ARM programs, and its signal frame is the simplest one that round-trips every register.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cores/common/core.h"
#include "platforms/user/linux_abi.h"

namespace anvil::user::test {

// Encodings: op in bits 31..24, rd 23..20, rn 19..16, immediate 15..0.
enum FakeOp : std::uint32_t {
  kSvc = 0x01,   // system call
  kMovw = 0x02,  // rd = imm16
  kMovt = 0x03,  // rd = (rd & 0xffff) | imm16 << 16
  kLdr = 0x04,   // rd = word at rn (fault: SIGSEGV)
  kStr = 0x05,   // word at rn = rd
  kMov = 0x06,   // rd = rn
  kBx = 0x07,    // pc = rn
  kUdf = 0x08,   // illegal instruction
  kAdd = 0x09,   // rd = rn + imm16
  kLdrb = 0x0a,  // rd = byte at rn
  kBeqz = 0x0b,  // if rd == 0: pc = rn
};

constexpr std::uint32_t fake(FakeOp op, unsigned rd = 0, unsigned rn = 0, std::uint32_t imm = 0) {
  return op << 24 | rd << 20 | rn << 16 | (imm & 0xffff);
}

constexpr std::uint16_t kFakeMachine = 0x7e57;
constexpr unsigned kFakeSp = 13, kFakeLr = 14, kFakePc = 15, kFakeCpsr = 16;

class FakeCore final : public Core {
 public:
  explicit FakeCore(MemoryPort& memory);
  std::string_view model() const override { return "fake"; }
  std::string_view isa() const override { return "fake"; }
  void reset() override;
  Cycles run(Cycles budget) override;
  Cycles step() override;
  CoreState state() const override { return state_; }
  void resume() override {
    if (state_ == CoreState::Stopped) state_ = CoreState::Running;
  }
  void request_stop() override { stop_ = true; }
  std::span<const RegisterInfo> register_info() const override { return info_; }
  std::uint64_t read_register(unsigned index) const override { return regs_.at(index); }
  void write_register(unsigned index, std::uint64_t value) override {
    regs_.at(index) = static_cast<std::uint32_t>(value);
  }
  Addr pc() const override { return regs_[kFakePc]; }
  unsigned irq_line_count() const override { return 0; }
  void set_irq_line(unsigned, bool) override {}
  void advance_idle(Cycles) override {}
  Cycles cycle_count() const override { return cycles_; }
  std::uint64_t instruction_count() const override { return cycles_; }
  void set_hooks(Hooks* hooks, bool) override { hooks_ = hooks; }
  MemoryPort& memory() override { return *memory_; }

 private:
  bool execute();  // false: stop the run
  MemoryPort* memory_;
  Hooks* hooks_ = nullptr;
  std::vector<RegisterInfo> info_;
  std::vector<std::uint32_t> regs_ = std::vector<std::uint32_t>(17, 0);
  CoreState state_ = CoreState::Running;
  Cycles cycles_ = 0;
  bool stop_ = false;
};

// The fake ISA's ABI in the given byte order, and a target that builds FakeCores.
const LinuxAbi& fake_abi(std::endian order);
UserTarget fake_target(std::endian order);

// A static ELF executable of the fake machine: one RX segment holding `code` at `base`
// (entry = base; the segment starts a page lower with the headers), one RW segment of `data` plus
// `bss` zero bytes right after it (page aligned). `pie` makes it ET_DYN with addresses relative to
// 0.
struct FakeProgram {
  std::vector<std::uint32_t> code;
  std::vector<std::uint8_t> data;
  std::uint32_t bss = 0;
  std::uint32_t base = 0x10000;
  bool pie = false;
  bool with_interpreter = false;
  std::uint16_t machine = kFakeMachine;
};
std::vector<std::uint8_t> build_fake_elf(const FakeProgram& program, std::endian order);
// Writes it to a fresh temporary file and returns the path.
std::string write_temp_file(const std::vector<std::uint8_t>& bytes, const std::string& name);

// The data segment's address for a program built by build_fake_elf.
std::uint32_t fake_data_address(const FakeProgram& program);

}  // namespace anvil::user::test
