// The m68k Linux ABI on the real core (68000 encodings, which every variant runs). System
// call conventions as the kernel defines them (arch/m68k/kernel/entry.S): TRAP #0, number in
// d0, arguments in d1-d5 and a0, result in d0 as -errno; the m68k-only calls of
// arch/m68k/kernel/sys_m68k.c. The signal frame at the offsets of arch/m68k/kernel/signal.c
// (checked with offsetof under m68k-linux-gnu-gcc: sigframe sc 28, size 312; rt_sigframe
// info 24, uc 152; sigcontext sc_pc 26; ucontext gregs 24, uc_sigmask 524).
#include <catch2/catch.hpp>

#include "cores/m68k/linux_abi_m68k.h"
#include "cores/m68k/m68000_core.h"
#include "platforms/user/address_space.h"
#include "platforms/user/guest_struct.h"
#include "platforms/user/linux_process.h"
#include "tests/unit/user/run_helpers.h"

using namespace anvil;
using namespace anvil::user;

namespace {

UserTarget m68k_target() {
  return m68k::m68k_user_targets().at(0);
}

// Just enough of a 68000 assembler for the test programs (PRM chapter 4 encodings).
struct M68kAsm {
  std::vector<std::uint16_t> words;
  M68kAsm& move_l_imm(unsigned d, std::uint32_t value) {  // MOVE.L #imm,Dn
    words.insert(words.end(),
                 {static_cast<std::uint16_t>(0x203c | d << 9),
                  static_cast<std::uint16_t>(value >> 16), static_cast<std::uint16_t>(value)});
    return *this;
  }
  M68kAsm& movea_l_imm(unsigned a, std::uint32_t value) {  // MOVEA.L #imm,An
    words.insert(words.end(),
                 {static_cast<std::uint16_t>(0x207c | a << 9),
                  static_cast<std::uint16_t>(value >> 16), static_cast<std::uint16_t>(value)});
    return *this;
  }
  M68kAsm& store_postincrement(unsigned d, unsigned a) {  // MOVE.L Dn,(An)+
    words.push_back(static_cast<std::uint16_t>(0x20c0 | a << 9 | d));
    return *this;
  }
  M68kAsm& raw(std::initializer_list<std::uint16_t> more) {
    words.insert(words.end(), more);
    return *this;
  }
  std::uint32_t here(std::uint32_t base) const {
    return base + 2 * static_cast<std::uint32_t>(words.size());
  }
  M68kAsm& syscall(std::uint32_t number) {
    move_l_imm(0, number);
    words.push_back(0x4e40);  // TRAP #0
    return *this;
  }
  std::vector<std::uint32_t> code() const {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < words.size(); i += 2)
      out.push_back(std::uint32_t{words[i]} << 16 |
                    (i + 1 < words.size() ? words[i + 1] : 0x4e71 /* NOP */));
    return out;
  }
};

// Runs a hand-assembled big-endian m68k program to its end; `log` gets anvil's messages.
ProcessEnd run_m68k(const test::FakeProgram& program, std::string& log,
                    const std::string& cpu = "") {
  const std::string path =
      test::write_temp_file(test::build_fake_elf(program, std::endian::big), "m68k");
  std::ostringstream messages;
  UserOptions options;
  options.log = &messages;
  options.cpu = cpu;
  ProcessEnd end;
  {
    LinuxProcess process(m68k_target(), options, ProgramRequest{path, {path}, {}});
    end = process.run();
  }
  log = messages.str();
  return end;
}

// A program whose SIGFPE handler writes si_code, si_addr and D7 to a pipe and exits 9:
// `body` emits what raises the signal (after rt_sigaction, with A2 pointing at the results)
// and returns the address the test expects as si_addr. Returns the three words written.
struct SigfpeReport {
  std::uint32_t si_code = 0, si_addr = 0, d7 = 0, expected_addr = 0;
};
template <class Body>
SigfpeReport run_sigfpe_program(const std::string& cpu, Body body) {
  test::Pipe out;
  test::FakeProgram program;
  program.machine = 4;  // EM_68K
  program.bss = 0x1000;
  const std::uint32_t data = test::kData, results = data + 0x100;
  constexpr std::uint32_t kHandlerOffset = 0x100;
  M68kAsm a;
  a.movea_l_imm(2, results);
  // rt_sigaction(SIGFPE, &act at data, 0, 8): act = {handler, SA_SIGINFO, 0, mask 0}
  a.move_l_imm(1, 8).move_l_imm(2, data).move_l_imm(3, 0).move_l_imm(4, 8).syscall(174);
  SigfpeReport report;
  report.expected_addr = body(a, program.base);
  a.move_l_imm(1, 1).syscall(247);  // not reached
  a.words.resize(kHandlerOffset / 2, 0x4e71);
  // handler(sig, info, uc): a1 = info; store si_code (8), si_addr (12) and d7; write; exit(9)
  a.raw({0x226f, 8, 0x2029, 8}).store_postincrement(0, 2);  // MOVEA.L 8(SP),A1; MOVE.L 8(A1),D0
  a.raw({0x2029, 12}).store_postincrement(0, 2);            // MOVE.L 12(A1),D0
  a.store_postincrement(7, 2);                              // MOVE.L D7,(A2)+
  a.move_l_imm(1, static_cast<std::uint32_t>(out.write_end)).move_l_imm(2, results);
  a.move_l_imm(3, 12).syscall(4);
  a.move_l_imm(1, 9).syscall(247);
  program.code = a.code();
  GuestStruct action(20, std::endian::big);
  action.put32(0, program.base + kHandlerOffset);
  action.put32(4, 4);  // SA_SIGINFO
  program.data = action.bytes();
  REQUIRE(test::fake_data_address(program) == data);
  std::string log;
  const ProcessEnd end = run_m68k(program, log, cpu);
  INFO(log);
  CHECK(end.kind == ProcessEnd::Kind::Exited);
  CHECK(end.status == 9);
  const std::string bytes = out.drain();
  REQUIRE(bytes.size() == 12);
  GuestStruct words(std::vector<std::uint8_t>(bytes.begin(), bytes.end()), std::endian::big);
  report.si_code = words.get32(0);
  report.si_addr = words.get32(4);
  report.d7 = words.get32(8);
  return report;
}

}  // namespace

TEST_CASE("m68k system calls: d0 results, -errno, TLS and atomic_cmpxchg_32") {
  test::Pipe out;
  test::FakeProgram program;
  program.machine = 4;  // EM_68K
  program.bss = 0x1000;
  const std::uint32_t data = test::kData;
  const std::uint32_t cell = data + 0x100;  // zero (bss)
  M68kAsm a;
  a.movea_l_imm(2, data);
  a.syscall(9999).store_postincrement(0, 2);                           // ENOSYS
  a.move_l_imm(1, 0x12345678).syscall(334).store_postincrement(0, 2);  // set_thread_area
  a.syscall(333).store_postincrement(0, 2);                            // get_thread_area
  // atomic_cmpxchg_32(new d1, old d2, ..., mem a0): swaps 0 -> 0xabcd, then fails on old 5.
  a.move_l_imm(1, 0xabcd).move_l_imm(2, 0).movea_l_imm(0, cell);
  a.syscall(335).store_postincrement(0, 2);
  a.move_l_imm(1, 0x1111).move_l_imm(2, 5).syscall(335).store_postincrement(0, 2);
  a.syscall(20).store_postincrement(0, 2);  // getpid
  // write(fd, data, 24), exit_group(7)
  a.move_l_imm(1, static_cast<std::uint32_t>(out.write_end)).move_l_imm(2, data);
  a.move_l_imm(3, 24).syscall(4);
  a.move_l_imm(1, 7).syscall(247);
  program.code = a.code();
  REQUIRE(test::fake_data_address(program) == data);
  std::string log;
  const ProcessEnd end = run_m68k(program, log);
  INFO(log);
  CHECK(end.kind == ProcessEnd::Kind::Exited);
  CHECK(end.status == 7);
  const std::string bytes = out.drain();
  REQUIRE(bytes.size() == 24);
  GuestStruct words(std::vector<std::uint8_t>(bytes.begin(), bytes.end()), std::endian::big);
  CHECK(words.get32(0) == static_cast<std::uint32_t>(-38));  // -ENOSYS (asm-generic/errno.h)
  CHECK(words.get32(4) == 0);
  CHECK(words.get32(8) == 0x12345678);
  CHECK(words.get32(12) == 0);       // the old value: swapped
  CHECK(words.get32(16) == 0xabcd);  // the old value: not swapped (old was 5)
  CHECK(words.get32(20) == static_cast<std::uint32_t>(getpid()));
}

TEST_CASE("m68k signal frame: layout, handler entry, trampoline and sigreturn") {
  const bool rt = GENERATE(true, false);
  const UserTarget target = m68k_target();
  AddressSpace space{std::endian::big};
  MemoryPort port{space, std::endian::big};
  space.attach(port);
  target.abi->map_special_pages(space);
  constexpr Addr kStackTop = 0x40000, kHandler = 0x10040, kPc = 0x10000;
  space.map(kStackTop - 0x10000, 0x10000, kPermRead | kPermWrite);
  space.map(0x10000, 0x1000, kPermRead | kPermExec);
  std::unique_ptr<Core> core = target.create_core("68000", port);
  core->reset();
  CoreRegisters registers(*core);
  const char* names[] = {"d0", "d1", "d2", "d7", "a0", "a1", "a2", "a6|fp"};
  for (unsigned i = 0; i < std::size(names); ++i)
    registers.set(registers.index(names[i]), 0x100 + i);
  registers.set(registers.index("sp|a7"), kStackTop - 0x100);
  registers.set(registers.index("pc"), kPc);
  registers.set(registers.index("ps|sr"), 0x0015);  // X, Z, C

  std::vector<std::uint8_t> siginfo(128, 0);
  siginfo[3] = 10;  // si_signo SIGUSR1
  SignalDelivery delivery{};
  delivery.guest_signal = 10;
  delivery.handler = kHandler;
  delivery.with_siginfo = rt;
  delivery.stack_top = kStackTop - 0x100;
  delivery.siginfo = siginfo;
  delivery.saved_mask = 0x0000000500000004;
  REQUIRE(target.abi->push_signal_frame(registers, space, delivery));

  const Addr frame = registers.get(registers.index("sp|a7"));
  CHECK(frame % 8 == 0);
  CHECK(frame + (rt ? 684 : 312) <= kStackTop - 0x100);
  CHECK(registers.get(registers.index("pc")) == kHandler);
  std::uint32_t pretcode = 0, signo = 0, second = 0, third = 0;
  space.read_u32(frame, pretcode), space.read_u32(frame + 4, signo);
  space.read_u32(frame + 8, second), space.read_u32(frame + 12, third);
  CHECK(signo == 10);
  CHECK(second == (rt ? frame + 24 : 0));           // pinfo, or the vector code
  CHECK(third == (rt ? frame + 152 : frame + 28));  // puc, or psc
  // pretcode: "moveq #119,d0; trap #0" or "moveq #~173,d0; not.b d0; trap #0" (the kernel's
  // retcode words), also copied into the frame's retcode at 16.
  std::uint32_t code = 0, frame_code = 0;
  space.read_u32(pretcode, code), space.read_u32(frame + 16, frame_code);
  CHECK(code == (rt ? 0x70524600u : 0x70774e40u));
  CHECK(frame_code == code);
  std::uint32_t mask_low = 0, mask_high = 0, saved_pc = 0, saved_d1 = 0;
  if (rt) {
    space.read_u32(frame + 152 + 524, mask_low), space.read_u32(frame + 152 + 528, mask_high);
    space.read_u32(frame + 152 + 24 + 4 * 16, saved_pc);
    space.read_u32(frame + 152 + 24 + 4 * 1, saved_d1);
  } else {
    space.read_u32(frame + 28, mask_low), space.read_u32(frame + 24, mask_high);
    space.read_u32(frame + 28 + 26, saved_pc);
    space.read_u32(frame + 28 + 12, saved_d1);
  }
  CHECK(mask_low == 4);
  CHECK(mask_high == 5);
  CHECK(saved_pc == kPc);
  CHECK(saved_d1 == 0x101);

  // The handler returns with RTS (pretcode popped), then the trampoline calls sigreturn.
  for (unsigned i = 0; i < std::size(names); ++i) registers.set(registers.index(names[i]), 0);
  registers.set(registers.index("ps|sr"), 0);
  registers.set(registers.index("sp|a7"), frame + 4);
  const auto restored = target.abi->pop_signal_frame(registers, space, rt);
  REQUIRE(restored.has_value());
  CHECK(*restored == 0x0000000500000004);
  CHECK(registers.get(registers.index("pc")) == kPc);
  CHECK(registers.get(registers.index("sp|a7")) == kStackTop - 0x100);
  CHECK(registers.get(registers.index("d1")) == 0x101);
  CHECK(registers.get(registers.index("a1")) == 0x105);
  CHECK(registers.get(registers.index("ps|sr")) == 0x15);
  // The plain frame restores only what a C handler may clobber; rt restores everything.
  CHECK(registers.get(registers.index("d7")) == (rt ? 0x103u : 0u));
}

TEST_CASE("m68k faults: CHK raises SIGFPE with FPE_INTOVF and the instruction's address") {
  // arch/m68k/kernel/traps.c trap_c: VEC_CHK -> SIGFPE, FPE_INTOVF (2); si_addr is the
  // format-2 frame's instruction address.
  const SigfpeReport report = run_sigfpe_program("", [](M68kAsm& a, std::uint32_t base) {
    a.move_l_imm(0, 20);
    const std::uint32_t chk_address = a.here(base);
    a.raw({0x41bc, 10});  // CHK.W #10,D0: 20 is out of bounds
    return chk_address;
  });
  CHECK(report.si_code == 2);  // FPE_INTOVF
  CHECK(report.si_addr == report.expected_addr);
}

TEST_CASE("m68k faults: a 68882's enabled DZ is SIGFPE at the next FP instruction") {
  // FPU UM 6.1: the 68881/68882 report an arithmetic exception when the next FP instruction
  // starts (format $0, that instruction's PC); trap_c sends SIGFPE, FPE_FLTDIV (3), with
  // si_addr the stacked PC.
  const SigfpeReport report = run_sigfpe_program("68020", [](M68kAsm& a, std::uint32_t base) {
    a.raw({0xF23C, 0x9000, 0x0000, 0x0400});  // FMOVE.L #$400,FPCR: DZ enabled
    a.raw({0xF23C, 0x4000, 0x0000, 0x0001});  // FMOVE.L #1,FP0
    a.raw({0xF23C, 0x4020, 0x0000, 0x0000});  // FDIV.L #0,FP0: DZ, now pending
    a.raw({0x7E05});                          // MOVEQ #5,D7: runs
    const std::uint32_t fnop_address = a.here(base);
    a.raw({0xF280, 0x0000});  // FNOP: takes it
    return fnop_address;
  });
  CHECK(report.si_code == 3);  // FPE_FLTDIV
  CHECK(report.si_addr == report.expected_addr);
  CHECK(report.d7 == 5);  // the integer unit went on past the FDIV
}

TEST_CASE("m68k signal frame: the FPU registers (fp0/fp1 in sigcontext, fp0-fp7 in ucontext)") {
  // sigcontext sc_fpregs 32, sc_fpcntl 56, sc_fpstate 68; ucontext fpcntl 96, fpregs 108,
  // the FSAVE frame at 204 (uc_filler). Registers are 12-byte extended values (FPU UM 3.1).
  const bool rt = GENERATE(true, false);
  const UserTarget target = m68k_target();
  AddressSpace space{std::endian::big};
  MemoryPort port{space, std::endian::big};
  space.attach(port);
  target.abi->map_special_pages(space);
  constexpr Addr kStackTop = 0x40000;
  space.map(kStackTop - 0x10000, 0x10000, kPermRead | kPermWrite);
  space.map(0x10000, 0x1000, kPermRead | kPermExec);
  std::unique_ptr<Core> core = target.create_core("68040", port);
  core->reset();
  auto& m68k = dynamic_cast<m68k::M68000Core&>(*core);
  REQUIRE(m68k.fpu_model() == m68k::FpuModel::Mc68040);
  CoreRegisters registers(*core);
  registers.set(registers.index("sp|a7"), kStackTop - 0x100);
  registers.set(registers.index("pc"), 0x10000);
  for (unsigned n = 0; n < 8; ++n)
    m68k.fpu.fp[n] = {static_cast<std::uint16_t>(0x3fff + n), 0x8000000000000000ull | n};
  m68k.fpu.fpcr = 0x30, m68k.fpu.fpsr = 0x08000000, m68k.fpu.fpiar = 0x10004;

  std::vector<std::uint8_t> siginfo(128, 0);
  SignalDelivery delivery{};
  delivery.guest_signal = 10;
  delivery.handler = 0x10040;
  delivery.with_siginfo = rt;
  delivery.stack_top = kStackTop - 0x100;
  delivery.siginfo = siginfo;
  REQUIRE(target.abi->push_signal_frame(registers, space, delivery));
  const Addr frame = registers.get(registers.index("sp|a7"));
  const Addr control = rt ? frame + 152 + 96 : frame + 28 + 56;
  const Addr data = rt ? frame + 152 + 108 : frame + 28 + 32;
  const Addr fsave = rt ? frame + 152 + 204 : frame + 28 + 68;
  std::uint32_t fpcr = 0, fp1_high = 0, header = 0;
  std::uint64_t fp1_mantissa = 0;
  space.read_u32(control, fpcr), space.read_u32(data + 12, fp1_high);
  space.read_u64(data + 12 + 4, fp1_mantissa), space.read_u32(fsave, header);
  CHECK(fpcr == 0x30);
  CHECK(fp1_high == 0x40000000u);  // sign/exponent 0x4000, then 16 zero bits
  CHECK(fp1_mantissa == 0x8000000000000001ull);
  CHECK(header >> 24 == 0x41);  // a 68040 idle FSAVE frame: "FPU in use" for sigreturn

  for (unsigned n = 0; n < 8; ++n) m68k.fpu.fp[n] = {};
  m68k.fpu.fpcr = 0;
  registers.set(registers.index("sp|a7"), frame + 4);
  REQUIRE(target.abi->pop_signal_frame(registers, space, rt).has_value());
  CHECK(m68k.fpu.fpcr == 0x30);
  CHECK(m68k.fpu.fp[1].sign_exponent == 0x4000);
  CHECK(m68k.fpu.fp[1].mantissa == 0x8000000000000001ull);
  // fp2-fp7 are callee-saved in the C ABI: only the rt frame carries them.
  CHECK(m68k.fpu.fp[7].sign_exponent == (rt ? 0x4006 : 0));
}
