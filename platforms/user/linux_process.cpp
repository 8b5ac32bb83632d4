#include "platforms/user/linux_process.h"

#include <sys/random.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <ostream>

#include "platforms/errors.h"
#include "platforms/user/initial_stack.h"

namespace anvil::user {

namespace {
// Cycles per run() call: signals from the host are looked at between slices.
constexpr Cycles kSliceCycles = 1'000'000;
}  // namespace

LinuxProcess::LinuxProcess(const UserTarget& target, const UserOptions& options,
                           const ProgramRequest& program, const InheritedState& inherited)
    : target_(target), abi_(*target.abi), options_(options), inherited_(inherited) {
  blocked_ = inherited.blocked;
  for (unsigned s = 1; s <= kMaxSignal; ++s)
    if (inherited.ignored & (std::uint64_t{1} << (s - 1))) actions_[s].handler = 1;
  if (inherited_.random_state == 0 && !options.host_random)
    inherited_.random_state = options.random_seed ^ 0x9e3779b97f4a7c15ull;
  for (const SyscallNumber& entry : abi_.syscalls)
    syscall_table_.emplace_back(entry.number, entry.call);
  std::sort(syscall_table_.begin(), syscall_table_.end());
  load(program);
  setup_host_signals();
}

LinuxProcess::~LinuxProcess() {
  restore_host_signals();
}

void LinuxProcess::load(const ProgramRequest& program) {
  std::ifstream file(program.path, std::ios::binary);
  if (!file) throw ImageError(program.path + ": cannot open the program");
  const std::vector<std::uint8_t> image{std::istreambuf_iterator<char>(file), {}};

  space_ = std::make_unique<AddressSpace>(abi_.byte_order);
  port_ = std::make_unique<MemoryPort>(*space_, abi_.byte_order);
  space_->attach(*port_);
  const LoadedProgram loaded = load_elf(program.path, image, abi_, *space_);
  space_->set_brk_start(loaded.brk_start);
  if (abi_.map_special_pages) abi_.map_special_pages(*space_);

  StackRequest stack;
  stack.args = program.args;
  stack.env = program.env;
  stack.execfn = program.path;  // AT_EXECFN: the file name execve was given
  for (std::size_t i = 0; i < stack.random.size(); i += 8) {
    const std::uint64_t r = next_random();
    std::copy_n(reinterpret_cast<const std::uint8_t*>(&r), 8, stack.random.begin() + i);
  }
  stack.identity = {static_cast<std::uint32_t>(getuid()), static_cast<std::uint32_t>(geteuid()),
                    static_cast<std::uint32_t>(getgid()), static_cast<std::uint32_t>(getegid())};
  const std::string cpu = options_.cpu.empty() ? target_.default_cpu : options_.cpu;
  if (target_.features)
    stack.features = target_.features(cpu);
  else
    stack.features = {abi_.hwcap, abi_.hwcap2, std::string(abi_.platform)};
  const Addr sp = build_initial_stack(*space_, abi_, loaded, stack);

  core_ = target_.create_core(cpu, *port_);
  core_->set_hooks(this, false);
  core_->reset();
  registers_ = std::make_unique<CoreRegisters>(*core_);
  number_register_ = registers_->index(abi_.syscall_number_register);
  result_register_ = registers_->index(abi_.result_register);
  sp_register_ = registers_->index(abi_.stack_pointer_register);
  if (abi_.errors == ErrorReturn::ErrnoAndFlag)
    flag_register_ = registers_->index(abi_.error_flag_register);
  register_arguments_ = 0;
  for (std::string_view name : abi_.argument_registers) {
    if (name.empty()) break;
    argument_registers_[register_arguments_++] = registers_->index(name);
  }
  abi_.start(*registers_, StartState{loaded.entry, sp});
  program_ = program;
}

std::uint64_t LinuxProcess::instructions() const {
  return inherited_.instructions + core_->instruction_count();
}

std::uint64_t LinuxProcess::cycles() const {
  return inherited_.cycles + core_->cycle_count();
}

ProcessEnd LinuxProcess::run() {
  while (!end_) {
    if (core_->state() == CoreState::Stopped) core_->resume();
    if (core_->state() == CoreState::Lockup || core_->state() == CoreState::Sleeping) {
      if (options_.log)
        *options_.log << "anvil user: the core stopped executing (lockup or sleep) at pc 0x"
                      << std::hex << core_->pc() << std::dec << "\n";
      raise_signal(4 /* SIGILL */, 0, core_->pc());
      take_default_action(4);
      break;
    }
    Cycles budget = kSliceCycles;
    if (options_.max_instructions) {
      const std::uint64_t done = instructions();
      if (done >= options_.max_instructions) {
        end_with(ProcessEnd::Kind::InstructionLimit, 0);
        break;
      }
      budget = std::min<Cycles>(budget, options_.max_instructions - done);
    }
    core_->run(budget);
    if (end_) break;
    poll_host_signals(false);
    deliver_pending_signals();
  }
  ProcessEnd end = *end_;
  end.inherited = inherited_;
  end.inherited.blocked = blocked_;
  end.inherited.simulated_ns = simulated_ns();
  end.inherited.instructions = instructions();
  end.inherited.cycles = cycles();
  end.inherited.ignored = 0;
  for (unsigned s = 1; s <= kMaxSignal; ++s)
    if (actions_[s].handler == 1) end.inherited.ignored |= std::uint64_t{1} << (s - 1);
  return end;
}

void LinuxProcess::end_with(ProcessEnd::Kind kind, int status) {
  if (end_) return;
  if (vfork_release_fd_ >= 0) close(vfork_release_fd_);  // a vfork parent may go on
  vfork_release_fd_ = -1;
  end_ = ProcessEnd{};
  end_->kind = kind;
  end_->status = status;
}

LinuxProcess::Args LinuxProcess::read_arguments(std::uint32_t& number) {
  number = static_cast<std::uint32_t>(registers_->get(number_register_));
  Args args{};
  for (unsigned i = 0; i < register_arguments_; ++i)
    args[i] = static_cast<std::uint32_t>(registers_->get(argument_registers_[i]));
  if (register_arguments_ < args.size()) {
    const Addr sp = registers_->get(sp_register_);
    for (unsigned i = register_arguments_; i < args.size(); ++i) {
      // A bad stack pointer leaves the argument 0, as a faulting copy_from_user would fail.
      std::uint32_t value = 0;
      space_->read_u32(sp + abi_.stack_argument_offset + 4 * (i - register_arguments_), value);
      args[i] = value;
    }
  }
  return args;
}

std::uint64_t LinuxProcess::pair64(const Args& args, unsigned& slot) const {
  if (abi_.align_64bit_arguments && (slot & 1)) ++slot;
  const std::uint64_t first = slot < args.size() ? args[slot] : 0,
                      second = slot + 1 < args.size() ? args[slot + 1] : 0;
  slot += 2;
  return abi_.byte_order == std::endian::little ? (second << 32 | first) : (first << 32 | second);
}

std::uint32_t LinuxProcess::guest_errno(int host_errno) const {
  for (const GuestHostPair& pair : abi_.errno_values)
    if (static_cast<int>(pair.host) == host_errno) return pair.guest;
  return static_cast<std::uint32_t>(host_errno);
}

void LinuxProcess::write_result(std::int64_t result) {
  if (result == kNoResult) return;
  const bool failed = result < 0 && result >= -4095;
  if (abi_.errors == ErrorReturn::ErrnoAndFlag) {
    registers_->set(result_register_, failed ? guest_errno(static_cast<int>(-result))
                                             : static_cast<std::uint32_t>(result));
    registers_->set(flag_register_, failed ? 1 : 0);
    return;
  }
  const std::uint32_t value =
      failed ? 0u - guest_errno(static_cast<int>(-result)) : static_cast<std::uint32_t>(result);
  registers_->set(result_register_, value);
}

void LinuxProcess::warn_once(std::uint32_t number, const std::string& what) {
  if (!warned_.insert(number).second || !options_.log) return;
  *options_.log << "anvil user: " << what << "\n";
}

bool LinuxProcess::system_call(std::uint32_t immediate) {
  (void)immediate;  // EABI-style ABIs only: the number is in a register
  std::uint32_t number = 0;
  const Args args = read_arguments(number);
  const auto found = std::lower_bound(syscall_table_.begin(), syscall_table_.end(),
                                      std::pair<std::uint32_t, Sys>{number, Sys{}},
                                      [](auto& a, auto& b) { return a.first < b.first; });
  std::int64_t result = -ENOSYS;
  stop_after_call_ = false;
  if (found != syscall_table_.end() && found->first == number) {
    result = dispatch(found->second, args);
  } else if (abi_.private_syscall) {
    const auto own = abi_.private_syscall(*registers_, *space_, number,
                                          std::span<const std::uint32_t, 6>(args.data(), 6));
    if (own)
      result = *own;
    else
      warn_once(number, "unknown system call " + std::to_string(number) + " (ENOSYS)");
  } else {
    warn_once(number, "unknown system call " + std::to_string(number) + " (ENOSYS)");
  }
  if (options_.trace_syscalls && options_.log) {
    const bool known = found != syscall_table_.end() && found->first == number;
    *options_.log << "anvil user: " << (known ? syscall_name(found->second) : "syscall") << " "
                  << number << " (0x" << std::hex << args[0] << ", 0x" << args[1] << ", 0x"
                  << args[2] << ", 0x" << args[3] << ") = ";
    if (result == kNoResult)
      *options_.log << "(no return)";
    else if (result < 0 && result >= -4095)
      *options_.log << std::dec << result << " (" << std::strerror(static_cast<int>(-result))
                    << ")";
    else
      *options_.log << std::dec << result << " (0x" << std::hex << result << std::dec << ")";
    *options_.log << "\n";
  }
  write_result(result);
  return end_.has_value() || stop_after_call_ || deliverable_signal_pending();
}

std::int64_t LinuxProcess::dispatch(Sys call, const Args& args) {
  if (auto r = memory_call(call, args)) return *r;
  if (auto r = file_call(call, args)) return *r;
  if (auto r = path_call(call, args)) return *r;
  if (auto r = process_call(call, args)) return *r;
  if (auto r = time_call(call, args)) return *r;
  if (auto r = signal_call(call, args)) return *r;
  warn_once(static_cast<std::uint32_t>(call) | 0x80000000u,
            "system call " + std::string(syscall_name(call)) + " is not implemented (ENOSYS)");
  return -ENOSYS;
}

}  // namespace anvil::user
