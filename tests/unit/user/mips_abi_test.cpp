// The MIPS o32 Linux ABI on the real 24Kf core, both byte orders. System call conventions as
// the kernel defines them (arch/mips/kernel/scall32-o32.S): number in v0, arguments in a0..a3
// then at sp+16 and sp+20, result in v0 with a3 = 0, or errno in v0 with a3 = 1, pipe's second
// descriptor in v1; set_thread_area sets what RDHWR $29 reads. The signal frame at the offsets
// of arch/mips/kernel/signal.c (checked with offsetof under mips-linux-gnu-gcc: rt_sigframe
// siginfo 24, ucontext 152; sigcontext sc_pc 8, sc_regs 16; uc_sigmask 616).
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include "cores/mips/linux_abi_mips.h"
#include "platforms/user/address_space.h"
#include "platforms/user/guest_struct.h"
#include "platforms/user/linux_process.h"
#include "tests/unit/user/run_helpers.h"

using namespace anvil;
using namespace anvil::user;

namespace {

UserTarget mips_target(std::endian order) {
  for (UserTarget& t : mips::mips_user_targets())
    if ((t.name == "mips") == (order == std::endian::big)) return t;
  throw std::logic_error("no MIPS target");
}

// Just enough of a MIPS32 assembler for the test program (MIPS32 ISA Vol. II encodings).
enum : unsigned {
  kV0 = 2,
  kV1 = 3,
  kA0 = 4,
  kA1 = 5,
  kA2 = 6,
  kA3 = 7,
  kT0 = 8,
  kT9 = 25,
  kSp = 29,
  kRa = 31
};
struct MipsAsm {
  std::vector<std::uint32_t> code;
  MipsAsm& li(unsigned rt, std::uint32_t value) {
    code.push_back(0x3c000000u | rt << 16 | value >> 16);                  // lui
    code.push_back(0x34000000u | rt << 21 | rt << 16 | (value & 0xffff));  // ori
    return *this;
  }
  MipsAsm& sw(unsigned rt, std::int16_t offset, unsigned base) {
    code.push_back(0xac000000u | base << 21 | rt << 16 | static_cast<std::uint16_t>(offset));
    return *this;
  }
  MipsAsm& addiu(unsigned rt, unsigned rs, std::int16_t value) {
    code.push_back(0x24000000u | rs << 21 | rt << 16 | static_cast<std::uint16_t>(value));
    return *this;
  }
  MipsAsm& rdhwr(unsigned rt, unsigned rd) {
    code.push_back(0x7c00003bu | rt << 16 | rd << 11);
    return *this;
  }
  MipsAsm& syscall(std::uint32_t number) {
    li(kV0, number);
    code.push_back(0x0000000cu);
    return *this;
  }
};

}  // namespace

TEST_CASE("MIPS o32 system calls: v0/a3 results, stack arguments, pipe, TLS") {
  const std::endian order = GENERATE(std::endian::big, std::endian::little);
  test::Pipe out;
  test::FakeProgram program;
  program.machine = 8;  // EM_MIPS
  program.bss = 0x1000;
  const std::uint32_t data = test::kData;  // programs shorter than 1024 words
  const unsigned kT1 = 9;
  MipsAsm a;
  a.addiu(kSp, kSp, -32).li(kT1, data);
  a.syscall(4999).sw(kV0, 0, kT1).sw(kA3, 4, kT1);  // no such call: ENOSYS is 89 on MIPS
  a.syscall(4020).sw(kA3, 8, kT1);                  // getpid succeeds: a3 = 0
  // mmap(0, 4096, RW, MAP_PRIVATE|MAP_ANONYMOUS (0x802), fd -1 at sp+16, offset at sp+20):
  // first with an unaligned offset (EINVAL), then with 0.
  a.li(kT0, 0xffffffff).sw(kT0, 16, kSp).li(kT0, 0x1001).sw(kT0, 20, kSp);
  a.li(kA0, 0).li(kA1, 4096).li(kA2, 3).li(kA3, 0x802).syscall(4090);
  a.sw(kV0, 12, kT1).sw(kA3, 16, kT1);
  a.sw(0, 20, kSp).li(kA3, 0x802).syscall(4090).sw(kV0, 20, kT1).sw(kA3, 24, kT1);
  a.li(kA0, 0x12345678).syscall(4283).rdhwr(kV1, 29).sw(kV1, 28, kT1);  // set_thread_area
  a.syscall(4042).sw(kV0, 32, kT1).sw(kV1, 36, kT1);                    // pipe: v0, v1
  a.li(kA0, static_cast<std::uint32_t>(out.write_end)).li(kA1, data).li(kA2, 40).syscall(4004);
  a.li(kA0, 7).syscall(4246);  // exit_group(7)
  program.code = a.code;
  REQUIRE(test::fake_data_address(program) == data);
  const std::string path = test::write_temp_file(test::build_fake_elf(program, order), "mips");
  const UserTarget target = mips_target(order);
  std::ostringstream log;
  UserOptions options;
  options.log = &log;
  ProcessEnd end;
  {
    LinuxProcess process(target, options, ProgramRequest{path, {path}, {}});
    end = process.run();
  }
  INFO(log.str());
  CHECK(end.kind == ProcessEnd::Kind::Exited);
  CHECK(end.status == 7);
  const std::string bytes = out.drain();
  REQUIRE(bytes.size() == 40);
  GuestStruct words(std::vector<std::uint8_t>(bytes.begin(), bytes.end()), order);
  CHECK(words.get32(0) == 89);  // ENOSYS (arch/mips/include/uapi/asm/errno.h)
  CHECK(words.get32(4) == 1);
  CHECK(words.get32(8) == 0);
  CHECK(words.get32(12) == 22);  // EINVAL: the offset at sp+20 was read
  CHECK(words.get32(16) == 1);
  CHECK(words.get32(20) >= 0x40000000);  // an address at or above mmap_base
  CHECK(words.get32(20) % 4096 == 0);
  CHECK(words.get32(24) == 0);
  CHECK(words.get32(28) == 0x12345678);
  const std::uint32_t read_fd = words.get32(32), write_fd = words.get32(36);
  CHECK(read_fd > 2);
  CHECK(write_fd > 2);
  CHECK(read_fd != write_fd);
}

// o32 calls with 7 arguments: after fd and a pad word (the 64-bit pairs are register-pair
// aligned), offset in a2/a3, the length at sp+16/sp+20 and the last argument at sp+24
// (syscall_o32.tbl: sync_file_range, fadvise64). The errors are the kernel's own checks
// (fs/sync.c ksys_sync_file_range: unknown flags or a negative length are EINVAL;
// mm/fadvise.c: an unknown advice is EINVAL), made by the host on a real file.
TEST_CASE("MIPS o32 seven-argument calls read sp+16..sp+24: sync_file_range, fadvise64") {
  const std::endian order = GENERATE(std::endian::big, std::endian::little);
  const std::string file = test::write_temp_file(std::vector<std::uint8_t>(8192, 0x78), "mipssync");
  const int fd = open(file.c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  test::Pipe out;
  test::FakeProgram program;
  program.machine = 8;  // EM_MIPS
  program.bss = 0x1000;
  const std::uint32_t data = test::kData;
  const unsigned kT1 = 9;
  const bool big = order == std::endian::big;
  MipsAsm a;
  a.addiu(kSp, kSp, -32).li(kT1, data);
  unsigned result = 0;
  // Each call: offset 0 in a2/a3, a 64-bit length at sp+16 (the high word first on
  // big-endian), the seventh argument at sp+24; v0 and a3 are stored for the host to check.
  const auto call = [&](std::uint32_t number, std::uint64_t length, std::uint32_t last) {
    const auto high = static_cast<std::uint32_t>(length >> 32);
    const auto low = static_cast<std::uint32_t>(length);
    a.li(kT0, big ? high : low).sw(kT0, 16, kSp).li(kT0, big ? low : high).sw(kT0, 20, kSp);
    a.li(kT0, last).sw(kT0, 24, kSp);
    a.li(kA0, static_cast<std::uint32_t>(fd)).li(kA1, 0).li(kA2, 0).li(kA3, 0).syscall(number);
    a.sw(kV0, static_cast<std::int16_t>(8 * result), kT1);
    a.sw(kA3, static_cast<std::int16_t>(8 * result + 4), kT1);
    ++result;
  };
  call(4305, 4096, 8);   // sync_file_range, flags 8: no such flag
  call(4305, ~0ull, 2);  // a negative length
  call(4305, 4096, 2);   // SYNC_FILE_RANGE_WRITE: done
  call(4254, 4096, 99);  // fadvise64, advice 99: no such advice
  call(4254, 4096, 4);   // POSIX_FADV_DONTNEED
  a.li(kA0, static_cast<std::uint32_t>(out.write_end)).li(kA1, data).li(kA2, 8 * result);
  a.syscall(4004).li(kA0, 0).syscall(4246);
  program.code = a.code;
  REQUIRE(test::fake_data_address(program) == data);
  const std::string path = test::write_temp_file(test::build_fake_elf(program, order), "mips7");
  const UserTarget target = mips_target(order);
  {
    LinuxProcess process(target, UserOptions{}, ProgramRequest{path, {path}, {}});
    CHECK(process.run().kind == ProcessEnd::Kind::Exited);
  }
  close(fd);
  const std::string bytes = out.drain();
  REQUIRE(bytes.size() == 8 * result);
  GuestStruct words(std::vector<std::uint8_t>(bytes.begin(), bytes.end()), order);
  const auto errno_of = [&](unsigned i) { return words.get32(8 * i + 4) ? words.get32(8 * i) : 0; };
  CHECK(errno_of(0) == 22);  // EINVAL: the flags at sp+24 were read
  CHECK(errno_of(1) == 22);  // EINVAL: the length at sp+16/sp+20 was read
  CHECK(errno_of(2) == 0);
  CHECK(words.get32(8 * 2 + 4) == 0);
  CHECK(errno_of(3) == 22);  // EINVAL: the advice at sp+24 was read
  CHECK(errno_of(4) == 0);
  CHECK(words.get32(8 * 4 + 4) == 0);
}

TEST_CASE("MIPS o32 TCGETS: the 40-byte termios in MIPS order (asm/termbits.h)") {
  const std::endian order = GENERATE(std::endian::big, std::endian::little);
  const int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  REQUIRE(master >= 0);
  REQUIRE(grantpt(master) == 0);
  REQUIRE(unlockpt(master) == 0);
  const int terminal = open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC);
  REQUIRE(terminal >= 0);
  struct termios host {};
  REQUIRE(tcgetattr(terminal, &host) == 0);
  host.c_cc[VMIN] = 7, host.c_cc[VEOF] = 9, host.c_cc[VEOL2] = 11;
  host.c_lflag |= IEXTEN;
  host.c_lflag &= ~TOSTOP;
  REQUIRE(tcsetattr(terminal, TCSANOW, &host) == 0);

  test::Pipe out;
  test::FakeProgram program;
  program.machine = 8;  // EM_MIPS
  program.bss = 0x1000;
  const std::uint32_t data = test::kData;
  MipsAsm a;
  a.li(kA0, static_cast<std::uint32_t>(terminal)).li(kA1, 0x540d).li(kA2, data).syscall(4054);
  a.li(kA0, static_cast<std::uint32_t>(out.write_end)).li(kA1, data).li(kA2, 44).syscall(4004);
  a.li(kA0, 0).syscall(4246);
  program.code = a.code;
  REQUIRE(test::fake_data_address(program) == data);
  const std::string path = test::write_temp_file(test::build_fake_elf(program, order), "mipstty");
  const UserTarget target = mips_target(order);
  {
    LinuxProcess process(target, UserOptions{}, ProgramRequest{path, {path}, {}});
    CHECK(process.run().kind == ProcessEnd::Kind::Exited);
  }
  close(terminal), close(master);
  const std::string bytes = out.drain();
  REQUIRE(bytes.size() == 44);
  GuestStruct guest(std::vector<std::uint8_t>(bytes.begin(), bytes.end()), order);
  CHECK(guest.get(17 + 4, 1) == 7);       // MIPS VMIN 4
  CHECK(guest.get(17 + 16, 1) == 9);      // MIPS VEOF 16
  CHECK(guest.get(17 + 6, 1) == 11);      // MIPS VEOL2 6
  CHECK(guest.get32(12) & 0x100);         // MIPS IEXTEN
  CHECK_FALSE(guest.get32(12) & 0x8000);  // MIPS TOSTOP
  CHECK(guest.get32(40) == 0);            // past the 40 bytes: untouched
}

TEST_CASE("MIPS o32 signal frame: layout, handler entry, trampoline and rt_sigreturn") {
  const std::endian order = GENERATE(std::endian::big, std::endian::little);
  const bool rt = GENERATE(true, false);
  const UserTarget target = mips_target(order);
  AddressSpace space{order};
  MemoryPort port{space, order};
  space.attach(port);
  target.abi->map_special_pages(space);
  constexpr Addr kStackTop = 0x40000, kHandler = 0x10040;
  space.map(kStackTop - 0x10000, 0x10000, kPermRead | kPermWrite);
  std::unique_ptr<Core> core = target.create_core("24kf", port);
  core->reset();
  CoreRegisters registers(*core);
  for (unsigned r = 1; r < 32; ++r) registers.set(r, 0x1000 + r);
  registers.set(kSp, kStackTop - 0x100);
  registers.set(registers.index("pc"), 0x10000);
  registers.set(registers.index("hi"), 0xaaaa), registers.set(registers.index("lo"), 0xbbbb);

  std::vector<std::uint8_t> siginfo(128, 0);
  siginfo[order == std::endian::big ? 3 : 0] = 16;  // si_signo SIGUSR1
  SignalDelivery delivery{};
  delivery.guest_signal = 16;
  delivery.handler = kHandler;
  delivery.with_siginfo = rt;
  delivery.stack_top = kStackTop - 0x100;
  delivery.siginfo = siginfo;
  delivery.saved_mask = 0x0000000500000004;
  REQUIRE(target.abi->push_signal_frame(registers, space, delivery));

  const Addr frame = registers.get(kSp);
  CHECK(frame % 8 == 0);
  CHECK(frame + (rt ? 784 : 632) <= kStackTop - 0x100);
  CHECK(registers.get(kA0) == 16);
  CHECK(registers.get(kA1) == (rt ? frame + 24 : 0));
  const Addr context = rt ? frame + 152 + 24 : frame + 24;  // the sigcontext
  CHECK(registers.get(kA2) == (rt ? frame + 152 : context));
  CHECK(registers.get(kT9) == kHandler);
  CHECK(registers.get(registers.index("pc")) == kHandler);
  std::uint64_t saved_pc = 0, saved_a0 = 0;
  space.read_u64(context + 8, saved_pc);
  space.read_u64(context + 16 + 8 * kA0, saved_a0);
  CHECK(saved_pc == 0x10000);
  CHECK(saved_a0 == 0x1000 + kA0);
  std::uint32_t mask_low = 0, mask_high = 0, signo = 0;
  const Addr mask = rt ? frame + 152 + 616 : frame + 24 + 592;
  space.read_u32(mask, mask_low), space.read_u32(mask + 4, mask_high);
  CHECK(mask_low == 4);
  CHECK(mask_high == 5);
  if (rt) {
    space.read_u32(frame + 24, signo);
    CHECK(signo == 16);
  }
  // ra: "li v0, NR; syscall" for rt_sigreturn (4193) or sigreturn (4119).
  std::uint32_t li = 0, syscall = 0;
  space.read_u32(registers.get(kRa), li), space.read_u32(registers.get(kRa) + 4, syscall);
  CHECK(li == 0x24020000u + (rt ? 4193 : 4119));
  CHECK(syscall == 0x0000000c);

  for (unsigned r = 1; r < 32; ++r)
    if (r != kSp) registers.set(r, 0);
  const auto restored = target.abi->pop_signal_frame(registers, space, rt);
  REQUIRE(restored.has_value());
  CHECK(*restored == 0x0000000500000004);
  CHECK(registers.get(registers.index("pc")) == 0x10000);
  CHECK(registers.get(kSp) == kStackTop - 0x100);
  CHECK(registers.get(kRa) == 0x1000 + kRa);
  CHECK(registers.get(kA3) == 0x1000 + kA3);
  CHECK(registers.get(registers.index("hi")) == 0xaaaa);
  CHECK(registers.get(registers.index("lo")) == 0xbbbb);
}
