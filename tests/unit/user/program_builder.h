// Writing fake-ISA test programs: a few helpers that read like assembly.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "tests/unit/user/fake_target.h"

namespace anvil::user::test {

struct Asm {
  std::vector<std::uint32_t> code;
  std::uint32_t base = 0x10000;

  std::uint32_t here() const { return base + 4 * static_cast<std::uint32_t>(code.size()); }
  Asm& li(unsigned rd, std::uint32_t value) {
    code.push_back(fake(kMovw, rd, 0, value & 0xffff));
    code.push_back(fake(kMovt, rd, 0, value >> 16));
    return *this;
  }
  // r7 = number, svc; arguments must already be in r0..r5.
  Asm& syscall(std::uint32_t number) {
    li(7, number);
    code.push_back(fake(kSvc));
    return *this;
  }
  Asm& op(FakeOp o, unsigned rd = 0, unsigned rn = 0, std::uint32_t imm = 0) {
    code.push_back(fake(o, rd, rn, imm));
    return *this;
  }
  // if (reg == 0) goto label; returns the label to bind(). Uses r10.
  std::size_t branch_if_zero(unsigned reg) {
    const std::size_t at = code.size();
    li(10, 0);
    code.push_back(fake(kBeqz, reg, 10));
    return at;
  }
  void bind(std::size_t label) {
    code[label] = fake(kMovw, 10, 0, here() & 0xffff);
    code[label + 1] = fake(kMovt, 10, 0, here() >> 16);
  }
  // exit(r0)
  Asm& exit_with_r0() { return syscall(1); }
  Asm& exit(std::uint32_t status) { return li(0, status).syscall(1); }
};

}  // namespace anvil::user::test
