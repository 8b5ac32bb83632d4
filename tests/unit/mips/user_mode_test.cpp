// Linux user mode (MipsConfig::linux_user): SYSCALL goes to Hooks::system_call with the PC past
// it, as the kernel sees it; a fault goes to Hooks::user_fault with the faulting instruction;
// RDHWR $29 reads UserLocal. The o32 convention (number in $v0, arguments in $a0..$a3, result
// in $v0 and the error flag in $a3) is played by the test's hooks, as the user-mode layer
// would.
#include <string>

#include "mips_test_machine.h"
#include "programs/user_hello_eb.h"
#include "programs/user_hello_el.h"

namespace mips_test {

namespace {

constexpr unsigned kV0 = 2, kA0 = 4, kA1 = 5, kA2 = 6, kA3 = 7;
constexpr unsigned kUserLocal = 75;  // register_info() index

struct LinuxHooks : Hooks {
  Core* core = nullptr;
  std::string output;
  int exit_code = -1;
  std::vector<std::uint32_t> syscall_pcs;
  std::uint32_t fault_pc = 0, fault_address = 0;
  UserFault fault{};

  bool system_call(std::uint32_t) override {
    syscall_pcs.push_back(static_cast<std::uint32_t>(core->pc()));
    const auto number = core->read_register(kV0);
    if (number == 4001) {
      exit_code = static_cast<int>(core->read_register(kA0));
      return true;
    }
    if (number == 4004) {
      const auto address = core->read_register(kA1), length = core->read_register(kA2);
      std::string bytes(length, '\0');
      core->memory().debug_read(address, bytes.data(), static_cast<unsigned>(length));
      output += bytes;
      core->write_register(kV0, length);
      core->write_register(kA3, 0);
    }
    return false;
  }
  bool user_fault(UserFault f, Addr pc, Addr address) override {
    fault = f;
    fault_pc = static_cast<std::uint32_t>(pc);
    fault_address = static_cast<std::uint32_t>(address);
    core->write_register(kPc, pc + 4);  // a handler that skips the instruction
    return false;
  }
};

template <class P>
void run_user(std::endian order) {
  TestBus bus;
  MemoryPort port(bus, order);
  mips::MipsConfig config;
  config.model = "24kf";
  config.byte_order = order;
  config.address_map = mips::AddressMap::Flat;
  config.linux_user = true;
  auto core = mips::create_mips(config, port);
  std::memcpy(bus.ram.data() + 0x10000, P::kImage, sizeof(P::kImage));
  LinuxHooks hooks;
  hooks.core = core.get();
  core->set_hooks(&hooks, false);
  core->write_register(kPc, 0x10000);
  core->write_register(kUserLocal, 0x7FFF7000);
  for (int i = 0; i < 100 && hooks.exit_code < 0; ++i) core->run(1000);

  CHECK(hooks.output == "hello, mips!\n\n");
  CHECK(hooks.exit_code == 3);
  REQUIRE(hooks.syscall_pcs.size() == 2);
  CHECK(hooks.syscall_pcs[0] == P::after_write);  // the PC past the SYSCALL
  const auto word = [&](std::uint32_t a) {
    std::uint32_t v = 0;
    std::memcpy(&v, &bus.ram[a], 4);
    return port.to_host(v);
  };
  CHECK(word(P::write_result) == 14);
  CHECK(word(P::write_error) == 0);
  CHECK(word(P::user_local) == 0x7FFF7000);
  CHECK(hooks.fault == UserFault::SegmentationFault);
  CHECK(hooks.fault_pc == P::fault_insn);
  CHECK(hooks.fault_address == 0x80000000);
}

}  // namespace

TEST_CASE("Linux user mode: syscalls, RDHWR UserLocal and faults, big-endian", "[mips]") {
  run_user<programs::user_hello_eb>(std::endian::big);
}

TEST_CASE("Linux user mode: syscalls, RDHWR UserLocal and faults, little-endian", "[mips]") {
  run_user<programs::user_hello_el>(std::endian::little);
}

}  // namespace mips_test

namespace mips_test {

// Signals are delivered between run() calls; Linux never delivers one between a branch and
// its delay slot, so a user-mode run() that uses up its budget on a branch also runs the
// delay slot (encodings from the MIPS32 ISA: BEQ $0,$0,+3; NOP).
TEST_CASE("Linux user mode: run() does not stop between a branch and its delay slot", "[mips]") {
  for (const bool user : {true, false}) {
    Machine m("4kc", std::endian::big, user);
    const std::uint32_t program[] = {anvil::byteswap(0x10000003u), 0};
    std::memcpy(&m.bus.ram[0x10000], program, sizeof(program));
    m.core->write_register(kPc, 0x10000);
    m.core->run(1);
    INFO("linux_user " << user);
    // Kernel mode may stop in the delay slot (its state is kept); user mode runs it.
    CHECK(m.core->pc() == (user ? 0x10010u : 0x10004u));
  }
}

}  // namespace mips_test
