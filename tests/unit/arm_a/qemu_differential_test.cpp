// Differential test against qemu-arm: programs/workload.c, built for ARM and Thumb-2 with
// hard float (Cortex-A15) and for ARMv5TE soft float (ARM926EJ-S), prints a few hundred
// results; qemu-arm's output, captured at build time, is the reference.
#ifdef ANVIL_ARM_A_PROGRAMS
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "programs/el_arm.h"
#include "programs/el_thumb.h"
#include "programs/hf_arm.h"
#include "programs/hf_thumb.h"
#include "tests/unit/arm_a/test_machine.h"

using namespace anvil;
using namespace anvil::arm;

namespace {

// The two system calls the program makes (EABI: number in r7): write(1, buf, n) and exit.
class MiniKernel final : public Hooks {
 public:
  bool system_call(std::uint32_t) override {
    const auto number = core->read_register(7);
    if (number == 4) {
      const auto address = static_cast<std::uint32_t>(core->read_register(1));
      const auto size = static_cast<std::uint32_t>(core->read_register(2));
      std::string text(size, '\0');
      core->memory().debug_read(address, text.data(), size);
      output += text;
      core->write_register(0, size);
      return false;
    }
    if (number == 1 || number == 248) {
      exit_code = static_cast<int>(core->read_register(0));
      exited = true;
      return true;
    }
    core->write_register(0, static_cast<std::uint32_t>(-38));  // ENOSYS
    return false;
  }
  bool user_fault(UserFault fault, Addr pc, Addr address) override {
    // ARMv5 __sync_* call the kernel's user helper __kuser_cmpxchg at 0xFFFF0FC0
    // (Documentation/arm/kernel_user_helpers.rst); the user-mode layer maps real helpers,
    // this test emulates the one it needs: r0 = old, r1 = new, r2 = ptr; r0 = 0 and C set
    // when stored; return to lr.
    if (pc == 0xFFFF0FC0) {
      const auto ptr = static_cast<std::uint32_t>(core->read_register(2));
      std::uint32_t current = 0;
      core->memory().debug_read(ptr, &current, 4);
      const bool match = current == core->read_register(0);
      if (match) {
        const auto desired = static_cast<std::uint32_t>(core->read_register(1));
        core->memory().debug_write(ptr, &desired, 4);
      }
      core->write_register(0, match ? 0 : 1);
      const auto cpsr = core->read_register(arm_a_register::kCpsr);
      core->write_register(arm_a_register::kCpsr, match ? cpsr | (1u << 29) : cpsr & ~(1u << 29));
      core->write_register(arm_a_register::kPc, core->read_register(arm_a_register::kLr));
      return false;
    }
    fault_text = "fault " + std::to_string(static_cast<int>(fault)) + " at pc " +
                 std::to_string(pc) + " address " + std::to_string(address);
    return true;
  }
  Core* core = nullptr;
  std::string output, fault_text;
  bool exited = false;
  int exit_code = -1;
};

template <class T>
T read_le(const std::uint8_t* p) {
  T v{};
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Copies the PT_LOAD segments of a static ELF32 into the machine's RAM; returns the entry.
std::uint32_t load_elf(test::Machine& m, std::span<const std::uint8_t> elf) {
  const std::uint8_t* e = elf.data();
  const auto entry = read_le<std::uint32_t>(e + 24);
  const auto phoff = read_le<std::uint32_t>(e + 28);
  const auto phnum = read_le<std::uint16_t>(e + 44);
  for (unsigned i = 0; i < phnum; ++i) {
    const std::uint8_t* ph = e + phoff + 32 * i;
    if (read_le<std::uint32_t>(ph) != 1) continue;  // PT_LOAD
    const auto offset = read_le<std::uint32_t>(ph + 4), vaddr = read_le<std::uint32_t>(ph + 8);
    const auto filesz = read_le<std::uint32_t>(ph + 16);
    REQUIRE(vaddr + read_le<std::uint32_t>(ph + 20) < test::kRamSize);
    m.load(elf.subspan(offset, filesz), vaddr);
  }
  return entry;
}

void run_against_qemu(const std::string& model, std::span<const std::uint8_t> elf,
                      std::span<const std::uint8_t> expected) {
  MiniKernel kernel;
  test::Machine m(model, /*linux_user=*/true, &kernel);
  kernel.core = m.core.get();
  const std::uint32_t entry = load_elf(m, elf);
  m.set(arm_a_register::kSp, test::kRamSize - 0x100);
  m.set(arm_a_register::kPc, entry);
  for (int i = 0; i < 1000 && !kernel.exited && kernel.fault_text.empty(); ++i)
    m.core->run(1'000'000);
  INFO(kernel.fault_text);
  REQUIRE(kernel.exited);
  CHECK(kernel.exit_code == 0);
  const std::string want(expected.begin(), expected.end());
  // Compare line by line so a failure names the first differing result.
  std::size_t line = 0, a = 0, b = 0;
  while (a < kernel.output.size() && b < want.size()) {
    const std::size_t ea = kernel.output.find('\n', a), eb = want.find('\n', b);
    const std::string got_line = kernel.output.substr(a, ea - a);
    const std::string want_line = want.substr(b, eb - b);
    INFO("line " << line);
    REQUIRE(got_line == want_line);
    if (ea == std::string::npos || eb == std::string::npos) break;
    a = ea + 1, b = eb + 1, ++line;
  }
  CHECK(kernel.output.size() == want.size());
}

}  // namespace

TEST_CASE("qemu differential: ARMv7-A ARM state, VFPv3 hard float (cortex-a15)") {
  run_against_qemu("cortex-a15", programs::hf_arm::kElf, programs::hf_arm::kExpected);
}

TEST_CASE("qemu differential: ARMv7-A Thumb-2, VFPv4 fused multiply-add (cortex-a15)") {
  run_against_qemu("cortex-a15", programs::hf_thumb::kElf, programs::hf_thumb::kExpected);
}

TEST_CASE("qemu differential: ARMv5TE ARM state, soft float (arm926ej-s)") {
  run_against_qemu("arm926ej-s", programs::el_arm::kElf, programs::el_arm::kExpected);
}

TEST_CASE("qemu differential: ARMv5TE Thumb-1 with interworking (arm926ej-s)") {
  run_against_qemu("arm926ej-s", programs::el_thumb::kElf, programs::el_thumb::kExpected);
}
#endif
