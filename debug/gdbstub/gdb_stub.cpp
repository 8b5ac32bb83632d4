#include "debug/gdbstub/gdb_stub.h"

#include <algorithm>
#include <stdexcept>

#include "debug/gdbstub/hex.h"
#include "debug/gdbstub/stub_replies.h"

namespace anvil {

namespace {

// Signal numbers of stop replies, from GDB's include/gdb/signals.h.
constexpr std::uint8_t kSigInt = 2;
constexpr std::uint8_t kSigSegv = 11;
constexpr std::uint8_t kSigTrap = 5;

std::string signal_reply(std::uint8_t signal, unsigned thread) {
  std::string reply = "T";
  append_hex_byte(reply, signal);
  reply += "thread:" + hex_number(thread) + ";";
  return reply;
}

std::string_view watch_reason(BreakpointKind kind) {
  switch (kind) {
    case BreakpointKind::ReadWatch:
      return "rwatch";
    case BreakpointKind::AccessWatch:
      return "awatch";
    default:
      return "watch";
  }
}

}  // namespace

GdbStub::GdbStub(GdbTarget& target, ByteStream& stream) : target_(target), connection_(stream) {
  if (target_.core_count() == 0) {
    throw std::invalid_argument("gdb: the target has no cores to debug");
  }
  // The target is halted when GDB attaches: report a plain SIGTRAP on the first core.
  last_stop_.reason = StopEvent::Reason::Stepped;
  last_stop_.thread = 1;
}

GdbStub::SessionEnd GdbStub::serve() {
  end_.reset();
  while (std::optional<ReceivedPacket> packet = connection_.next_packet()) {
    std::optional<std::string> reply;
    switch (packet->status) {
      case ReceivedPacket::Status::Ok:
        reply = handle(packet->payload);
        break;
      case ReceivedPacket::Status::TooLong:
        reply = std::string(gdb_reply::kTooLong);
        break;
      case ReceivedPacket::Status::Malformed:
        reply = std::string(gdb_reply::kMalformed);
        break;
    }
    if (reply) connection_.send(*reply);
    if (disable_acks_after_reply_) {
      connection_.disable_acks();
      disable_acks_after_reply_ = false;
    }
    if (end_) return *end_;
    if (connection_.closed()) break;
  }
  return SessionEnd::Disconnected;
}

std::optional<std::string> GdbStub::handle(std::string_view packet) {
  if (packet.empty()) return std::string(gdb_reply::kUnsupported);
  const std::string_view arguments = packet.substr(1);
  switch (packet.front()) {
    case '?':
      return stop_reply(last_stop_);
    case 'g':
      return read_registers();
    case 'G':
      return write_registers(arguments);
    case 'p':
      return read_one_register(arguments);
    case 'P':
      return write_one_register(arguments);
    case 'm':
      return read_memory(arguments);
    case 'M':
      return write_memory_hex(arguments);
    case 'X':
      return write_memory_binary(arguments);
    case 'c':
    case 'C':
    case 's':
    case 'S':
      return continue_or_step(packet);
    case 'H':
      return set_thread(arguments);
    case 'T': {
      PacketReader reader(arguments);
      const auto id = reader.thread_id();
      if (!id || !reader.at_end() || !valid_thread(*id)) return std::string(gdb_reply::kMalformed);
      return std::string(gdb_reply::kOk);
    }
    case 'Z':
    case 'z':
      return breakpoint_packet(packet);
    case 'D':
      return detach();
    case 'k':
      end_ = SessionEnd::Killed;
      return std::nullopt;  // 'k' has no reply
    case 'q':
    case 'Q':
      return handle_query(packet);
    case 'v':
      return handle_verbose(packet);
    default:
      return std::string(gdb_reply::kUnsupported);
  }
}

std::string GdbStub::handle_query(std::string_view packet) {
  if (packet == "QStartNoAckMode") {
    disable_acks_after_reply_ = true;  // the OK itself is still acknowledged
    return std::string(gdb_reply::kOk);
  }
  if (packet.starts_with("qSupported")) return supported(packet);
  if (packet.starts_with("qXfer:")) return transfer(packet);
  if (packet.starts_with("qRcmd,")) return monitor(packet.substr(6));
  if (packet == "qAttached" || packet.starts_with("qAttached:")) return "1";
  if (packet == "qC") return "QC" + hex_number(general_thread_);
  if (packet == "qfThreadInfo") {
    std::string reply = "m";
    for (std::size_t index = 0; index < target_.core_count(); ++index) {
      if (index != 0) reply += ',';
      reply += hex_number(index + 1);
    }
    return reply;
  }
  if (packet == "qsThreadInfo") return "l";
  if (packet.starts_with("qThreadExtraInfo,")) return thread_extra_info(packet.substr(17));
  return std::string(gdb_reply::kUnsupported);
}

std::string GdbStub::handle_verbose(std::string_view packet) {
  if (packet == "vCont?") return "vCont;c;C;s;S;t";
  if (packet.starts_with("vCont;")) return vcont(packet.substr(5));
  if (packet.starts_with("vFlashErase:")) return flash_erase(packet.substr(12));
  if (packet.starts_with("vFlashWrite:")) return flash_write(packet.substr(12));
  if (packet == "vFlashDone") return std::string(gdb_reply::kOk);
  if (packet == "vKill" || packet.starts_with("vKill;")) {
    end_ = SessionEnd::Killed;
    return std::string(gdb_reply::kOk);
  }
  return std::string(gdb_reply::kUnsupported);  // includes vMustReplyEmpty
}

// c [addr], C sig [;addr], s [addr], S sig [;addr]. A signal cannot be delivered to bare
// metal, so it is parsed and ignored. 'c' resumes every core; 's' steps the Hc thread.
std::string GdbStub::continue_or_step(std::string_view packet) {
  const char command = packet.front();
  PacketReader reader(packet.substr(1));
  const bool with_signal = command == 'C' || command == 'S';
  if (with_signal && !reader.hex_number()) return std::string(gdb_reply::kMalformed);
  // The address follows the command letter, or the signal after a ';'.
  const bool has_address = with_signal ? reader.consume(';') : !reader.at_end();
  std::optional<std::uint64_t> resume_address;
  if (has_address) {
    resume_address = reader.hex_number();
    if (!resume_address) return std::string(gdb_reply::kMalformed);
  }
  if (!reader.at_end()) return std::string(gdb_reply::kMalformed);

  const unsigned thread =
      valid_thread(continue_thread_) ? static_cast<unsigned>(continue_thread_) : general_thread_;
  if (resume_address) {
    Core& core = target_.core(thread - 1);
    const auto registers = core.register_info();
    unsigned pc_index = 0;
    while (pc_index < registers.size() && registers[pc_index].name != "pc") ++pc_index;
    if (pc_index == registers.size()) return std::string(gdb_reply::kMalformed);
    core.write_register(pc_index, *resume_address);
  }

  const bool step = command == 's' || command == 'S';
  std::vector<ResumeAction> actions(target_.core_count(),
                                    step ? ResumeAction::Stay : ResumeAction::Continue);
  if (step) actions[thread - 1] = ResumeAction::Step;
  return resume_and_wait(actions);
}

// vCont;action[:thread]... : the leftmost action that names a thread applies to it; an
// action without a thread applies to every thread not yet given one (GDB manual, vCont).
std::string GdbStub::vcont(std::string_view packet) {
  std::vector<std::optional<ResumeAction>> chosen(target_.core_count());
  PacketReader reader(packet);
  while (reader.consume(';')) {
    PacketReader action_reader(reader.take_until(';'));
    ResumeAction action;
    if (action_reader.consume('c')) {
      action = ResumeAction::Continue;
    } else if (action_reader.consume('s')) {
      action = ResumeAction::Step;
    } else if (action_reader.consume('t')) {
      action = ResumeAction::Stay;
    } else if (action_reader.consume('C')) {
      action = ResumeAction::Continue;
      if (!action_reader.hex_number()) return std::string(gdb_reply::kMalformed);
    } else if (action_reader.consume('S')) {
      action = ResumeAction::Step;
      if (!action_reader.hex_number()) return std::string(gdb_reply::kMalformed);
    } else {
      return std::string(gdb_reply::kMalformed);
    }
    std::int64_t thread = -1;
    if (action_reader.consume(':')) {
      const auto id = action_reader.thread_id();
      if (!id) return std::string(gdb_reply::kMalformed);
      thread = *id == 0 ? general_thread_ : *id;
      if (thread != -1 && !valid_thread(thread)) return std::string(gdb_reply::kMalformed);
    }
    if (!action_reader.at_end()) return std::string(gdb_reply::kMalformed);
    for (std::size_t index = 0; index < chosen.size(); ++index) {
      const bool applies = thread == -1 || static_cast<std::size_t>(thread) == index + 1;
      if (applies && !chosen[index]) chosen[index] = action;
    }
  }
  if (!reader.at_end()) return std::string(gdb_reply::kMalformed);

  std::vector<ResumeAction> actions;
  bool any_runs = false;
  for (const auto& action : chosen) {
    actions.push_back(action.value_or(ResumeAction::Stay));
    any_runs = any_runs || actions.back() != ResumeAction::Stay;
  }
  if (!any_runs) return std::string(gdb_reply::kMalformed);
  return resume_and_wait(actions);
}

std::string GdbStub::resume_and_wait(const std::vector<ResumeAction>& actions) {
  target_.resume(actions);
  StopEvent event = target_.wait_for_stop([this] { return connection_.poll_interrupt(); });
  if (!valid_thread(event.thread)) event.thread = general_thread_;
  last_stop_ = event;
  // GDB makes the thread that stopped its current thread; follow it.
  general_thread_ = event.thread;
  if (event.reason == StopEvent::Reason::Exited) end_ = SessionEnd::TargetExited;
  return stop_reply(event);
}

// Stop replies: GDB manual, "Stop Reply Packets".
std::string GdbStub::stop_reply(const StopEvent& event) const {
  switch (event.reason) {
    case StopEvent::Reason::Exited: {
      std::string reply = "W";
      append_hex_byte(reply, static_cast<std::uint8_t>(event.exit_code));
      return reply;
    }
    case StopEvent::Reason::Interrupted:
      return signal_reply(kSigInt, event.thread);
    case StopEvent::Reason::Faulted:
      return signal_reply(kSigSegv, event.thread);
    case StopEvent::Reason::Stepped:
      return signal_reply(kSigTrap, event.thread);
    case StopEvent::Reason::Watchpoint:
      return signal_reply(kSigTrap, event.thread) + std::string(watch_reason(event.kind)) + ":" +
             hex_number(event.address) + ";";
    case StopEvent::Reason::Breakpoint: {
      std::string reply = signal_reply(kSigTrap, event.thread);
      // Only name the reason if GDB said it understands it (qSupported swbreak+/hwbreak+).
      if (event.kind == BreakpointKind::Hardware) {
        if (gdb_reports_hwbreak_) reply += "hwbreak:;";
      } else if (gdb_reports_swbreak_) {
        reply += "swbreak:;";
      }
      return reply;
    }
  }
  return signal_reply(kSigTrap, event.thread);
}

// Hg<thread> selects the thread for registers and memory, Hc<thread> the one 's' and 'c'
// act on. 0 means "any thread", -1 "all threads".
std::string GdbStub::set_thread(std::string_view packet) {
  PacketReader reader(packet);
  const bool general = reader.consume('g');
  if (!general && !reader.consume('c')) return std::string(gdb_reply::kMalformed);
  const auto id = reader.thread_id();
  if (!id || !reader.at_end()) return std::string(gdb_reply::kMalformed);
  if (*id > 0 && !valid_thread(*id)) return std::string(gdb_reply::kMalformed);
  if (general) {
    if (*id > 0) general_thread_ = static_cast<unsigned>(*id);
  } else {
    continue_thread_ = *id;
  }
  return std::string(gdb_reply::kOk);
}

// Z type,addr,kind / z type,addr,kind (GDB manual, "Packets", z0-z4). Insertion and removal
// are idempotent; any ";cond" tail is ignored since ConditionalBreakpoints is not offered.
std::string GdbStub::breakpoint_packet(std::string_view packet) {
  const bool insert = packet.front() == 'Z';
  PacketReader reader(packet.substr(1));
  const auto type = reader.hex_number();
  if (!type || !reader.consume(',')) return std::string(gdb_reply::kMalformed);
  if (*type > static_cast<unsigned>(BreakpointKind::AccessWatch)) {
    return std::string(gdb_reply::kUnsupported);
  }
  const auto address = reader.hex_number();
  if (!address || !reader.consume(',')) return std::string(gdb_reply::kMalformed);
  const auto length = reader.hex_number();
  if (!length || (!reader.at_end() && !reader.consume(';'))) {
    return std::string(gdb_reply::kMalformed);
  }
  const Breakpoint breakpoint{static_cast<BreakpointKind>(*type), *address, *length};
  if (is_watchpoint(breakpoint.kind) &&
      (breakpoint.length == 0 || breakpoint.address + breakpoint.length < breakpoint.address)) {
    return std::string(gdb_reply::kMalformed);
  }

  auto existing = std::find(breakpoints_.begin(), breakpoints_.end(), breakpoint);
  if (insert) {
    if (existing != breakpoints_.end()) return std::string(gdb_reply::kOk);
    if (!target_.insert_breakpoint(breakpoint.kind, breakpoint.address, breakpoint.length)) {
      return std::string(gdb_reply::kTargetRefused);
    }
    breakpoints_.push_back(breakpoint);
    return std::string(gdb_reply::kOk);
  }
  if (existing == breakpoints_.end()) return std::string(gdb_reply::kOk);
  breakpoints_.erase(existing);
  if (!target_.remove_breakpoint(breakpoint.kind, breakpoint.address, breakpoint.length)) {
    return std::string(gdb_reply::kTargetRefused);
  }
  return std::string(gdb_reply::kOk);
}

bool GdbStub::remove_all_breakpoints() {
  bool all_removed = true;
  for (const Breakpoint& breakpoint : breakpoints_) {
    all_removed &=
        target_.remove_breakpoint(breakpoint.kind, breakpoint.address, breakpoint.length);
  }
  breakpoints_.clear();
  return all_removed;
}

// D (or D;pid): GDB leaves; the program runs on without breakpoints.
std::string GdbStub::detach() {
  remove_all_breakpoints();
  target_.resume(std::vector<ResumeAction>(target_.core_count(), ResumeAction::Continue));
  end_ = SessionEnd::Detached;
  return std::string(gdb_reply::kOk);
}

}  // namespace anvil
