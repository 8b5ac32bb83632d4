#include "platforms/user/user_command.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>

#include "platforms/errors.h"
#include "platforms/user/linux_process.h"

extern char** environ;

namespace anvil::user {

namespace {

constexpr const char* kUsage =
    "usage: anvil user --arch ARCH [--cpu MODEL] [--host-time] [--host-random]\n"
    "                  [--random-seed N] [--max-insns N] [--strace] [--stats] PROGRAM [ARGS...]\n"
    "       anvil user --list\n";

struct Parsed {
  std::string arch;
  UserOptions options;
  bool stats = false;
  bool list = false;
  std::vector<std::string> program;  // PROGRAM ARGS...
};

bool parse_number(const std::string& text, std::uint64_t& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtoull(text.c_str(), &end, 0);
  return end && *end == '\0';
}

// Returns an error message, or empty when the command line is good.
std::string parse(const std::vector<std::string>& args, Parsed& parsed) {
  std::size_t i = 0;
  auto value_of = [&](const std::string& option, std::string& value) {
    if (i + 1 >= args.size()) return false;
    value = args[++i];
    (void)option;
    return true;
  };
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string value;
    if (a == "--") {
      ++i;
      break;
    }
    if (a.empty() || a[0] != '-') break;
    if (a == "--arch") {
      if (!value_of(a, parsed.arch)) return "--arch needs a value";
    } else if (a == "--cpu") {
      if (!value_of(a, parsed.options.cpu)) return "--cpu needs a value";
    } else if (a == "--host-time") {
      parsed.options.host_time = true;
    } else if (a == "--host-random") {
      parsed.options.host_random = true;
    } else if (a == "--random-seed") {
      if (!value_of(a, value) || !parse_number(value, parsed.options.random_seed))
        return "--random-seed needs a number";
    } else if (a == "--max-insns") {
      if (!value_of(a, value) || !parse_number(value, parsed.options.max_instructions))
        return "--max-insns needs a number";
    } else if (a == "--strace") {
      parsed.options.trace_syscalls = true;
    } else if (a == "--stats") {
      parsed.stats = true;
    } else if (a == "--list") {
      parsed.list = true;
    } else {
      return "unknown option " + a;
    }
  }
  parsed.program.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  if (parsed.list) return "";
  if (parsed.arch.empty()) return "--arch is required";
  if (parsed.program.empty()) return "no PROGRAM given";
  return "";
}

// Anvil's own messages go to a copy of the standard error it was started with, so a guest
// that closes descriptor 2 and opens a file there never gets them in its file.
class PrivateErrorStream : public std::streambuf {
 public:
  PrivateErrorStream() : fd_(fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 1001)) {}
  ~PrivateErrorStream() override {
    if (fd_ >= 0) close(fd_);
  }
  bool usable() const { return fd_ >= 0; }

 protected:
  int_type overflow(int_type c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    const char byte = traits_type::to_char_type(c);
    return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
  }
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    std::streamsize done = 0;
    while (done < size) {
      const ssize_t n = write(fd_, data + done, static_cast<std::size_t>(size - done));
      if (n <= 0) break;
      done += n;
    }
    return done;
  }

 private:
  int fd_;
};

// A forked simulator whose guest was killed by a signal dies of the same signal, so that the
// guest parent's wait4 sees WIFSIGNALED as it would on Linux.
[[noreturn]] void die_of(int host_signal) {
  struct rlimit no_core {
    0, 0
  };
  setrlimit(RLIMIT_CORE, &no_core);
  ::signal(host_signal, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, host_signal);
  sigprocmask(SIG_UNBLOCK, &one, nullptr);
  ::kill(getpid(), host_signal);
  std::_Exit(128 + host_signal);
}

}  // namespace

int run_user_command(const std::vector<std::string>& args, const std::vector<UserTarget>& targets,
                     std::ostream& out, std::ostream& err) {
  Parsed parsed;
  if (const std::string problem = parse(args, parsed); !problem.empty()) {
    err << "anvil user: " << problem << "\n" << kUsage;
    return kExitUsage;
  }
  if (parsed.list) {
    for (const UserTarget& t : targets) {
      out << std::left << std::setw(8) << t.name << " " << t.description << " (cpus:";
      for (const std::string& cpu : t.cpus) out << " " << cpu << (cpu == t.default_cpu ? "*" : "");
      out << ")\n";
    }
    return 0;
  }
  const UserTarget* target = nullptr;
  for (const UserTarget& t : targets)
    if (t.name == parsed.arch) target = &t;
  if (!target) {
    err << "anvil user: unknown --arch " << parsed.arch << " (this build has:";
    for (const UserTarget& t : targets) err << " " << t.name;
    err << ")\n";
    return kExitUsage;
  }
  // The real standard error gets a private copy; a test's stream is used as it is.
  PrivateErrorStream private_error;
  std::ostream private_log(&private_error);
  const bool is_real_stderr = &err == &std::cerr && private_error.usable();
  std::ostream& log = is_real_stderr ? private_log : err;
  parsed.options.log = &log;

  ProgramRequest request;
  request.path = parsed.program[0];
  request.args = parsed.program;
  for (char** e = environ; e && *e; ++e) request.env.emplace_back(*e);

  const auto started = std::chrono::steady_clock::now();
  InheritedState inherited;
  bool first = true;
  while (true) {
    std::optional<LinuxProcess> process;
    try {
      process.emplace(*target, parsed.options, request, inherited);
    } catch (const ImageError& e) {
      log << "anvil user: " << e.what() << "\n";
      return first ? kExitBadImage : 127;
    } catch (const std::invalid_argument& e) {
      log << "anvil user: " << e.what() << "\n";
      return kExitUsage;
    }
    first = false;
    const ProcessEnd end = process->run();
    if (parsed.stats && !end.inherited.forked) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      log << "anvil user: " << end.inherited.instructions << " instructions, "
          << end.inherited.cycles << " cycles, " << std::fixed << std::setprecision(3) << seconds
          << " s\n";
    }
    switch (end.kind) {
      case ProcessEnd::Kind::Exec:
        request = end.exec;
        inherited = end.inherited;
        continue;
      case ProcessEnd::Kind::Exited:
        return end.status;
      case ProcessEnd::Kind::InstructionLimit:
        log << "anvil user: --max-insns reached\n";
        return kExitTimeLimit;
      case ProcessEnd::Kind::Signaled: {
        int host_signal = end.status;
        for (const GuestHostPair& pair : target->abi->signal_numbers)
          if (pair.guest == static_cast<std::uint32_t>(end.status))
            host_signal = static_cast<int>(pair.host);
        process.reset();  // restores the host's signal dispositions
        out.flush(), log.flush();
        if (end.inherited.forked) die_of(host_signal);
        return 128 + end.status;
      }
    }
  }
}

ToolCommand user_tool_command(std::vector<UserTarget> targets) {
  ToolCommand command;
  command.usage = "anvil user --arch ARCH [--cpu MODEL] PROGRAM [ARGS...]";
  command.summary = "run a static Linux program in user mode (docs/user-mode.md)";
  command.run = [targets = std::move(targets)](const std::vector<std::string>& args,
                                               std::ostream& out, std::ostream& err) {
    return run_user_command(args, targets, out, err);
  };
  return command;
}

}  // namespace anvil::user
