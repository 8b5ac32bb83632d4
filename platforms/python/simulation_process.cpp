#include "platforms/python/simulation_process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace anvil {
namespace {

struct Pipe {
  int read = -1, write = -1;
};

Pipe make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  return {fds[0], fds[1]};
}

// In the child: every descriptor but stdin/stdout/stderr and the two pipe ends closes, so a
// simulation never holds another simulation's pipes open.
void close_other_descriptors(int keep_a, int keep_b) {
  const int low = std::min(keep_a, keep_b), high = std::max(keep_a, keep_b);
  if (low > 3) ::close_range(3, static_cast<unsigned>(low - 1), 0);
  if (high > low + 1)
    ::close_range(static_cast<unsigned>(low + 1), static_cast<unsigned>(high - 1), 0);
  ::close_range(static_cast<unsigned>(high + 1), ~0u, 0);
}

}  // namespace

SimulationProcess::SimulationProcess(const ServerOptions& options) {
  const Pipe requests = make_pipe();
  Pipe replies;
  try {
    replies = make_pipe();
  } catch (...) {
    ::close(requests.read);
    ::close(requests.write);
    throw;
  }
  // Whatever this process has buffered must not be written a second time by the child.
  std::fflush(nullptr);
  child_ = ::fork();
  if (child_ < 0) {
    const int error = errno;
    for (int fd : {requests.read, requests.write, replies.read, replies.write}) ::close(fd);
    throw std::runtime_error(std::string("cannot start a simulation process: ") +
                             std::strerror(error));
  }
  if (child_ == 0) {
    // The child never returns into the caller (Python): it serves, then leaves at once,
    // running no exit handlers of the parent's.
    close_other_descriptors(requests.read, replies.write);
    ::signal(SIGINT, SIG_IGN);  // Ctrl-C is the parent's to handle
    const int status = serve_simulation(options, requests.read, replies.write);
    std::fflush(nullptr);
    ::_exit(status);
  }
  ::close(requests.read);
  ::close(replies.write);
  to_child_ = requests.write;
  from_child_ = replies.read;
}

SimulationProcess::~SimulationProcess() {
  close();
}

Message SimulationProcess::ready() {
  if (!running()) throw ProtocolError("the simulation process has ended");
  auto reply = read_message(from_child_);
  if (!reply) throw ProtocolError("the simulation process " + how_child_ended());
  if (!reply->empty() && (*reply)[0] == "error") close();
  return *reply;
}

Message SimulationProcess::request(const Message& request,
                                   const std::function<bool()>& interrupted) {
  if (!running()) throw ProtocolError("the simulation has been closed");
  bool sent_interrupt = false;
  const auto on_signal = [&] {
    if (!sent_interrupt && interrupted && interrupted()) {
      write_message(to_child_, {"interrupt"});
      sent_interrupt = true;
    }
  };
  try {
    write_message(to_child_, request);
    auto reply = read_message(from_child_, on_signal);
    // The "interrupt" request has a reply of its own, after the one it may have cut short.
    if (reply && sent_interrupt && !read_message(from_child_)) reply.reset();
    if (reply) return *reply;
  } catch (const ProtocolError&) {
  }
  throw ProtocolError("the simulation process " + how_child_ended());
}

void SimulationProcess::close() {
  if (!running()) return;
  try {
    write_message(to_child_, {"quit"});
    read_message(from_child_);
  } catch (const ProtocolError&) {
  }
  ::close(to_child_);
  ::close(from_child_);
  int status = 0;
  while (::waitpid(child_, &status, 0) < 0 && errno == EINTR) {
  }
  child_ = -1;
}

std::string SimulationProcess::how_child_ended() {
  if (child_ <= 0) return "has ended";
  ::close(to_child_);
  ::close(from_child_);
  int status = 0;
  pid_t waited;
  while ((waited = ::waitpid(child_, &status, 0)) < 0 && errno == EINTR) {
  }
  child_ = -1;
  if (waited < 0) return "has ended";
  if (WIFSIGNALED(status))
    return std::string("was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
           strsignal(WTERMSIG(status)) + "): a crash in the simulator";
  return "exited unexpectedly with status " + std::to_string(WEXITSTATUS(status));
}

}  // namespace anvil
