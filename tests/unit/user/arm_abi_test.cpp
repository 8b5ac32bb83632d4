// The ARM Linux ABI on the real A-profile core: the kuser helpers (behaviour documented in
// the kernel's Documentation/arch/arm/kernel_user_helpers.rst), the private set_tls/get_tls
// calls, and the signal frame at the offsets of arch/arm/include/asm/ucontext.h (checked with
// offsetof under arm-linux-gnueabi-gcc: uc_mcontext 20, uc_sigmask 104, uc_regspace 232).
#include <catch2/catch.hpp>

#include "cores/arm/arm_a.h"
#include "cores/arm/linux_abi_arm.h"
#include "platforms/user/address_space.h"

using namespace anvil;
using namespace anvil::user;
namespace reg = anvil::arm::arm_a_register;

namespace {

constexpr Addr kCode = 0x10000, kData = 0x20000, kStackTop = 0x40000;
constexpr std::uint32_t kSvc = 0xef000000;  // svc #0: where helpers return to

// Stops the core at its first SVC.
struct StopAtSvc : Hooks {
  bool called = false;
  bool system_call(std::uint32_t) override { return called = true; }
  bool user_fault(UserFault, Addr, Addr) override { return true; }
};

struct ArmMachine {
  const UserTarget target = [] {
    for (UserTarget& t : arm::arm_user_targets())
      if (t.name == "armel") return t;
    throw std::logic_error("no armel target");
  }();
  AddressSpace space{std::endian::little};
  MemoryPort port{space, std::endian::little};
  std::unique_ptr<Core> core;
  StopAtSvc hooks;

  ArmMachine() {
    space.attach(port);
    target.abi->map_special_pages(space);
    space.map(kCode, 0x1000, kPermRead | kPermExec);
    space.map(kData, 0x1000, kPermRead | kPermWrite);
    space.map(kStackTop - 0x10000, 0x10000, kPermRead | kPermWrite);
    space.poke(kCode, {reinterpret_cast<const std::uint8_t*>(&kSvc), 4});
    core = target.create_core("arm926ej-s", port);
    core->set_hooks(&hooks, false);
    core->reset();
  }
  // Calls the helper at `address` with r0..r2 and returns when it returns (to the SVC).
  void call(Addr address, std::uint32_t r0, std::uint32_t r1, std::uint32_t r2) {
    core->write_register(reg::kCpsr, 0x10);
    core->write_register(0, r0), core->write_register(1, r1), core->write_register(2, r2);
    core->write_register(reg::kSp, kStackTop);
    core->write_register(reg::kLr, kCode);
    core->write_register(reg::kPc, address);
    hooks.called = false;
    for (int i = 0; i < 100 && !hooks.called; ++i) core->step();
    REQUIRE(hooks.called);
  }
  std::uint32_t word(Addr a) {
    std::uint32_t v = 0;
    space.read_u32(a, v);
    return v;
  }
  bool carry() const { return (core->read_register(reg::kCpsr) >> 29) & 1; }
};

}  // namespace

TEST_CASE("ARM kuser helpers: version, cmpxchg, cmpxchg64, get_tls after set_tls") {
  ArmMachine m;
  CHECK(m.word(0xffff0ffc) == 5);                // __kuser_helper_version: helpers from 0xffff0f60
  CHECK_FALSE(m.space.writable(0xffff0000, 4));  // the page is read-only for the guest

  m.space.write_u32(kData, 41);
  m.call(0xffff0fc0, 41, 42, kData);  // __kuser_cmpxchg(old 41, new 42, ptr): swaps
  CHECK(m.core->read_register(0) == 0);
  CHECK(m.carry());
  CHECK(m.word(kData) == 42);
  m.call(0xffff0fc0, 41, 43, kData);  // old value wrong: no swap, r0 != 0, C clear
  CHECK(m.core->read_register(0) != 0);
  CHECK_FALSE(m.carry());
  CHECK(m.word(kData) == 42);

  m.space.write_u64(kData + 8, 0x1111222233334444);   // *ptr
  m.space.write_u64(kData + 16, 0x1111222233334444);  // old
  m.space.write_u64(kData + 24, 0x5555666677778888);  // new
  m.call(0xffff0f60, kData + 16, kData + 24, kData + 8);
  CHECK(m.core->read_register(0) == 0);
  CHECK(m.carry());
  std::uint64_t swapped = 0;
  m.space.read_u64(kData + 8, swapped);
  CHECK(swapped == 0x5555666677778888);
  m.call(0xffff0f60, kData + 16, kData + 24, kData + 8);  // old no longer matches
  CHECK_FALSE(m.carry());

  CoreRegisters registers(*m.core);
  const std::uint32_t args[6] = {0xdeadbe00, 0, 0, 0, 0, 0};
  CHECK(m.target.abi->private_syscall(registers, m.space, 0x0f0005, args) == 0);  // set_tls
  CHECK(m.target.abi->private_syscall(registers, m.space, 0x0f0006, args) == 0xdeadbe00);
  CHECK(m.core->read_register(reg::kTpidruro) == 0xdeadbe00);
  m.call(0xffff0fe0, 0, 0, 0);  // __kuser_get_tls
  CHECK(m.core->read_register(0) == 0xdeadbe00);
  CHECK_FALSE(m.target.abi->private_syscall(registers, m.space, 0x0f00ff, args).has_value());
}

TEST_CASE("ARM signal frame: the kernel's layout, handler entry, and sigreturn") {
  ArmMachine m;
  CoreRegisters registers(*m.core);
  m.core->write_register(reg::kCpsr, 0x10 | (1u << 29));  // USR, C set
  for (unsigned r = 0; r < 13; ++r) m.core->write_register(r, 0x100 + r);
  m.core->write_register(reg::kSp, kStackTop - 0x100);
  m.core->write_register(reg::kLr, 0x1234);
  m.core->write_register(reg::kPc, kCode);
  std::vector<std::uint8_t> siginfo(128, 0);
  siginfo[0] = 11;
  SignalDelivery delivery{};
  delivery.guest_signal = 11;
  delivery.handler = kCode + 0x101;  // a Thumb handler
  delivery.restorer = kCode + 0x200;
  delivery.with_siginfo = true;
  delivery.stack_top = kStackTop - 0x100;
  delivery.siginfo = siginfo;
  delivery.saved_mask = 0x0000000500000003;
  delivery.fault_address = 0xbad;
  REQUIRE(m.target.abi->push_signal_frame(registers, m.space, delivery));

  const Addr frame = m.core->read_register(reg::kSp);
  CHECK(frame % 8 == 0);
  CHECK(frame <= kStackTop - 0x100 - (128 + 744));
  CHECK(m.core->read_register(0) == 11);
  CHECK(m.core->read_register(1) == frame);        // &info
  CHECK(m.core->read_register(2) == frame + 128);  // &uc
  CHECK(m.core->read_register(reg::kLr) == kCode + 0x200);
  CHECK(m.core->read_register(reg::kPc) == kCode + 0x100);
  CHECK((m.core->read_register(reg::kCpsr) & (1u << 5)) != 0);  // Thumb state
  const Addr mcontext = frame + 128 + 20;
  CHECK(m.word(frame) == 11);                                  // si_signo
  CHECK(m.word(mcontext + 8) == 3);                            // oldmask
  CHECK(m.word(mcontext + 12 + 4 * 4) == 0x104);               // arm_r4
  CHECK(m.word(mcontext + 12 + 4 * 13) == kStackTop - 0x100);  // arm_sp
  CHECK(m.word(mcontext + 12 + 4 * 14) == 0x1234);             // arm_lr
  CHECK(m.word(mcontext + 12 + 4 * 15) == kCode);              // arm_pc
  CHECK((m.word(mcontext + 12 + 4 * 16) >> 29 & 1) == 1);      // arm_cpsr keeps C
  CHECK(m.word(mcontext + 80) == 0xbad);                       // fault_address
  CHECK(m.word(frame + 128 + 104) == 3);                       // uc_sigmask
  CHECK(m.word(frame + 128 + 108) == 5);

  // The handler changes registers; rt_sigreturn (sp at the frame) restores them.
  m.core->write_register(4, 0);
  m.space.write_u32(mcontext + 12 + 4 * 5, 0x555);  // and the handler may edit the context
  const auto mask = m.target.abi->pop_signal_frame(registers, m.space, true);
  REQUIRE(mask.has_value());
  CHECK(*mask == 0x0000000500000003);
  CHECK(m.core->read_register(4) == 0x104);
  CHECK(m.core->read_register(5) == 0x555);
  CHECK(m.core->read_register(reg::kSp) == kStackTop - 0x100);
  CHECK(m.core->read_register(reg::kPc) == kCode);
  CHECK((m.core->read_register(reg::kCpsr) & (1u << 5)) == 0);  // back in ARM state
  CHECK((m.core->read_register(reg::kCpsr) >> 29 & 1) == 1);

  // A frame that cannot be written (no stack) is refused, for the caller's SIGSEGV.
  delivery.stack_top = 0x9000;  // unmapped
  CHECK_FALSE(m.target.abi->push_signal_frame(registers, m.space, delivery));
}
