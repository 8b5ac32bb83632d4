#include "tests/unit/user/fake_target.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "platforms/user/guest_struct.h"

namespace anvil::user::test {

FakeCore::FakeCore(MemoryPort& memory) : memory_(&memory) {
  for (unsigned r = 0; r < 13; ++r)
    info_.push_back({"r" + std::to_string(r), 32, "", "int", "general"});
  for (const char* name : {"sp", "lr", "pc", "cpsr"})
    info_.push_back({name, 32, "", "int", "general"});
}

void FakeCore::reset() {
  std::fill(regs_.begin(), regs_.end(), 0);
  state_ = CoreState::Running;
}

Cycles FakeCore::run(Cycles budget) {
  const Cycles start = cycles_;
  stop_ = false;
  while (cycles_ - start < budget && state_ == CoreState::Running && !stop_) {
    if (!execute()) break;
  }
  return cycles_ - start;
}

Cycles FakeCore::step() {
  const Cycles start = cycles_;
  execute();
  return cycles_ - start;
}

bool FakeCore::execute() {
  const std::uint32_t pc = regs_[kFakePc];
  std::uint32_t word = 0;
  ++cycles_;
  if (!memory_->load(pc, word, Access::Fetch))
    return !hooks_->user_fault(UserFault::SegmentationFault, pc, pc);
  const std::uint32_t op = word >> 24, rd = word >> 20 & 15, rn = word >> 16 & 15,
                      imm = word & 0xffff;
  regs_[kFakePc] = pc + 4;
  switch (op) {
    case kSvc:
      return !hooks_->system_call(imm);
    case kMovw:
      regs_[rd] = imm;
      return true;
    case kMovt:
      regs_[rd] = (regs_[rd] & 0xffff) | imm << 16;
      return true;
    case kMov:
      regs_[rd] = regs_[rn];
      return true;
    case kAdd:
      regs_[rd] = regs_[rn] + imm;
      return true;
    case kBx:
      regs_[kFakePc] = regs_[rn];
      return true;
    case kBeqz:
      if (regs_[rd] == 0) regs_[kFakePc] = regs_[rn];
      return true;
    case kLdr:
    case kLdrb:
    case kStr: {
      bool ok = false;
      if (op == kLdr) {
        ok = memory_->load(regs_[rn], regs_[rd]);
      } else if (op == kLdrb) {
        std::uint8_t byte = 0;
        ok = memory_->load(regs_[rn], byte);
        regs_[rd] = byte;
      } else {
        ok = memory_->store(regs_[rn], regs_[rd]);
      }
      if (ok) return true;
      regs_[kFakePc] = pc;  // a fault leaves the pc on the faulting instruction
      return !hooks_->user_fault(UserFault::SegmentationFault, pc, regs_[rn]);
    }
    default:
      regs_[kFakePc] = pc;
      return !hooks_->user_fault(UserFault::IllegalInstruction, pc, 0);
  }
}

namespace {

// ARM EABI numbers for the calls the tests use.
constexpr SyscallNumber kFakeSyscalls[] = {
    {1, Sys::exit},           {2, Sys::fork},           {3, Sys::read},
    {4, Sys::write},          {5, Sys::open},           {6, Sys::close},
    {11, Sys::execve},        {20, Sys::getpid},        {37, Sys::kill},
    {45, Sys::brk},           {91, Sys::munmap},        {114, Sys::wait4},
    {122, Sys::uname},        {125, Sys::mprotect},     {163, Sys::mremap},
    {173, Sys::rt_sigreturn}, {174, Sys::rt_sigaction}, {175, Sys::rt_sigprocmask},
    {183, Sys::getcwd},       {192, Sys::mmap2},        {197, Sys::fstat64},
    {217, Sys::getdents64},   {248, Sys::exit_group},   {263, Sys::clock_gettime},
    {359, Sys::pipe2},        {384, Sys::getrandom},
};

constexpr unsigned kFrameWords = 17 + 2;  // registers, then the saved mask

bool push_frame(CoreRegisters& regs, GuestMemory& memory, const SignalDelivery& d) {
  const Addr frame = (d.stack_top - 4 * kFrameWords) & ~Addr{7};
  GuestStruct words(4 * kFrameWords, memory.byte_order());
  for (unsigned r = 0; r < 17; ++r) words.put32(4 * r, static_cast<std::uint32_t>(regs.get(r)));
  words.put32(4 * 17, static_cast<std::uint32_t>(d.saved_mask));
  words.put32(4 * 18, static_cast<std::uint32_t>(d.saved_mask >> 32));
  if (!words.write_to(memory, frame)) return false;
  regs.set(0, d.guest_signal);
  regs.set(1, frame);
  regs.set(kFakeSp, frame);
  regs.set(kFakeLr, d.restorer);
  regs.set(kFakePc, d.handler);
  return true;
}

std::optional<std::uint64_t> pop_frame(CoreRegisters& regs, GuestMemory& memory, bool) {
  GuestStruct words(4 * kFrameWords, memory.byte_order());
  if (!words.read_from(memory, regs.get(kFakeSp))) return std::nullopt;
  for (unsigned r = 0; r < 17; ++r) regs.set(r, words.get32(4 * r));
  return std::uint64_t{words.get32(4 * 17)} | std::uint64_t{words.get32(4 * 18)} << 32;
}

constexpr GuestHostPair kOpenFlags[] = {{0100, 0100}, {01000, 01000}, {02000000, 02000000}};
constexpr GuestHostPair kMmapFlags[] = {{1, 1}, {2, 2}, {0x10, 0x10}, {0x20, 0x20}};

LinuxAbi make_fake_abi(std::endian order) {
  LinuxAbi abi;
  abi.name = order == std::endian::little ? "fake-le" : "fake-be";
  abi.elf_machine = kFakeMachine;
  abi.byte_order = order;
  abi.platform = "fake";
  abi.machine = "fake";
  abi.hwcap = 0x1234;
  abi.stack_top = 0xbf000000;
  abi.stack_size = 1 << 20;
  abi.mmap_base = 0x40000000;
  abi.static_pie_base = 0x00400000;
  abi.syscall_number_register = "r7";
  abi.argument_registers = {"r0", "r1", "r2", "r3", "r4", "r5"};
  abi.result_register = "r0";
  abi.stack_pointer_register = "sp";
  abi.syscalls = kFakeSyscalls;
  abi.open_flags = kOpenFlags;
  abi.mmap_flags = kMmapFlags;
  abi.sa_siginfo = 4, abi.sa_restorer = 0x04000000, abi.sa_onstack = 0x08000000;
  abi.sa_restart = 0x10000000, abi.sa_nodefer = 0x40000000, abi.sa_resethand = 0x80000000;
  abi.stat64 = {104,     {0, 8},  {96, 8}, {16, 4}, {20, 4}, {24, 4}, {28, 4}, {32, 8}, {48, 8},
                {56, 4}, {64, 8}, {72, 4}, {76, 4}, {80, 4}, {84, 4}, {88, 4}, {92, 4}, {12, 4}};
  abi.sigaction = {20, {0, 4}, {4, 4}, {8, 4}, {12, 8}};
  abi.start = [](CoreRegisters& regs, const StartState& start) {
    regs.set(kFakeSp, start.stack_pointer);
    regs.set(kFakePc, start.entry);
  };
  abi.push_signal_frame = push_frame;
  abi.pop_signal_frame = pop_frame;
  return abi;
}

const LinuxAbi kFakeLittle = make_fake_abi(std::endian::little);
const LinuxAbi kFakeBig = make_fake_abi(std::endian::big);

}  // namespace

const LinuxAbi& fake_abi(std::endian order) {
  return order == std::endian::little ? kFakeLittle : kFakeBig;
}

UserTarget fake_target(std::endian order) {
  UserTarget target;
  target.name = std::string(fake_abi(order).name);
  target.description = "test ISA";
  target.abi = &fake_abi(order);
  target.default_cpu = "fake";
  target.cpus = {"fake"};
  target.create_core = [](const std::string& cpu, MemoryPort& memory) -> std::unique_ptr<Core> {
    if (cpu != "fake") throw std::invalid_argument("unknown fake cpu " + cpu);
    return std::make_unique<FakeCore>(memory);
  };
  return target;
}

std::uint32_t fake_data_address(const FakeProgram& program) {
  const std::uint32_t code_end = program.base + 4 * static_cast<std::uint32_t>(program.code.size());
  return (code_end + 0xfff) & ~0xfffu;
}

std::vector<std::uint8_t> build_fake_elf(const FakeProgram& program, std::endian order) {
  GuestStruct elf(52 + 3 * 32, order);
  const std::uint32_t code_size = 4 * static_cast<std::uint32_t>(program.code.size());
  const std::uint32_t data_address = fake_data_address(program);
  const std::uint32_t code_offset = 0x1000, data_offset = 0x1000 + ((code_size + 0xfff) & ~0xfffu);
  const unsigned phnum = program.with_interpreter ? 3 : 2;
  const std::uint8_t ident[16] = {
      0x7f, 'E', 'L', 'F', 1, static_cast<std::uint8_t>(order == std::endian::little ? 1 : 2), 1};
  std::copy(ident, ident + 16, elf.bytes().begin());
  elf.put(16, 2, program.pie ? 3 : 2);
  elf.put(18, 2, program.machine);
  elf.put32(20, 1);
  elf.put32(24, program.base);
  elf.put32(28, 52);  // phoff
  elf.put(40, 2, 52), elf.put(42, 2, 32), elf.put(44, 2, phnum);
  auto phdr = [&](unsigned i, std::uint32_t type, std::uint32_t offset, std::uint32_t vaddr,
                  std::uint32_t filesz, std::uint32_t memsz, std::uint32_t flags) {
    const std::size_t at = 52 + 32 * i;
    elf.put32(at, type), elf.put32(at + 4, offset), elf.put32(at + 8, vaddr);
    elf.put32(at + 12, vaddr), elf.put32(at + 16, filesz), elf.put32(at + 20, memsz);
    elf.put32(at + 24, flags), elf.put32(at + 28, 0x1000);
  };
  // Like a real linker's output, the first segment also maps the ELF and program headers.
  phdr(0, 1, 0, program.base - code_offset, code_offset + code_size, code_offset + code_size, 5);
  phdr(1, 1, data_offset, data_address, static_cast<std::uint32_t>(program.data.size()),
       static_cast<std::uint32_t>(program.data.size()) + program.bss, 6);
  if (program.with_interpreter) phdr(2, 3, 0, 0, 0, 0, 4);
  std::vector<std::uint8_t> bytes = elf.bytes();
  bytes.resize(data_offset + program.data.size(), 0);
  GuestStruct code(code_size, order);
  for (std::size_t i = 0; i < program.code.size(); ++i) code.put32(4 * i, program.code[i]);
  std::copy(code.bytes().begin(), code.bytes().end(), bytes.begin() + code_offset);
  std::copy(program.data.begin(), program.data.end(), bytes.begin() + data_offset);
  return bytes;
}

std::string write_temp_file(const std::vector<std::uint8_t>& bytes, const std::string& name) {
  char pattern[] = "/tmp/anvil-user-test-XXXXXX";
  const char* dir = mkdtemp(pattern);
  if (!dir) throw std::runtime_error("mkdtemp failed");
  const std::string path = std::string(dir) + "/" + name;
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  out.close();
  chmod(path.c_str(), 0755);
  return path;
}

}  // namespace anvil::user::test
