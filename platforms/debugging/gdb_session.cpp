#include "platforms/debugging/gdb_session.h"

#include <algorithm>
#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "debug/gdbstub/transports.h"
#include "platforms/elaboration/platform.h"

namespace anvil {

// The connection, with a look-ahead: while GDB is not yet attached the simulation runs and
// checks at quantum boundaries whether GDB has sent anything; bytes read then are handed to
// the stub first.
class PollableStream : public ByteStream {
 public:
  explicit PollableStream(std::unique_ptr<ByteStream> inner) : inner_(std::move(inner)) {}

  // True once input (or the end of the connection) is waiting.
  bool poll() {
    if (!pending_.empty() || closed_) return true;
    std::uint8_t buffer[256];
    const ReadResult result = inner_->read(buffer, std::chrono::milliseconds(0));
    if (result.status == ReadStatus::Data)
      pending_.insert(pending_.end(), buffer, buffer + result.count);
    else if (result.status == ReadStatus::Closed)
      closed_ = true;
    return !pending_.empty() || closed_;
  }

  ReadResult read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override {
    if (!pending_.empty()) {
      const std::size_t count = std::min(buffer.size(), pending_.size());
      std::copy_n(pending_.begin(), count, buffer.begin());
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(count));
      return {ReadStatus::Data, count};
    }
    if (closed_) return {ReadStatus::Closed, 0};
    return inner_->read(buffer, timeout);
  }
  bool write(std::span<const std::uint8_t> bytes) override { return inner_->write(bytes); }

 private:
  std::unique_ptr<ByteStream> inner_;
  std::vector<std::uint8_t> pending_;
  bool closed_ = false;
};

namespace {

// "1ms", "10 us", "0.5s", "100ns" -> seconds; nullopt if it is not a time.
std::optional<double> parse_time(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || !(number > 0)) return std::nullopt;
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  while (!unit.empty() && unit.back() == ' ') unit.remove_suffix(1);
  if (unit == "s") return number;
  if (unit == "ms") return number * 1e-3;
  if (unit == "us") return number * 1e-6;
  if (unit == "ns") return number * 1e-9;
  return std::nullopt;
}

}  // namespace

GdbSession::GdbSession(sc_core::sc_module_name name, Platform& platform,
                       const std::string& transport, bool wait_for_gdb, std::ostream& log,
                       GdbDisconnect on_disconnect)
    : sc_core::sc_module(name),
      platform_(platform),
      log_(log),
      on_disconnect_(on_disconnect),
      endpoint_(std::make_unique<GdbEndpoint>(transport)),
      stream_(std::make_unique<PollableStream>(endpoint_->next_connection(log))),
      halted_(wait_for_gdb) {
  attach_to_cores();
}

GdbSession::GdbSession(sc_core::sc_module_name name, Platform& platform, Driver driver)
    : sc_core::sc_module(name),
      platform_(platform),
      log_(std::cerr),
      driver_(std::move(driver)),
      halted_(true) {
  attach_to_cores();
}

void GdbSession::attach_to_cores() {
  if (platform_.cpus().empty()) throw TransportError("--gdb: the board has no cpu to debug");
  const std::size_t cores = platform_.cpus().size();
  actions_.assign(cores, ResumeAction::Continue);
  step_start_count_.assign(cores, 0);
  step_start_pc_.assign(cores, 0);
  lockup_reported_.assign(cores, false);
  undo_.resize(cores);
  for (CpuModule* cpu : platform_.cpus()) cpu->set_debugger(this);
  platform_.set_exit_interceptor([this](int code) { return guest_exit(code); });
  SC_THREAD(serve_thread);
}

GdbSession::~GdbSession() = default;

// ---- The stub's thread ----

void GdbSession::serve_thread() {
  // One delta cycle first: the cores reset (fetching the reset vector) and park.
  wait(sc_core::SC_ZERO_TIME);
  if (driver_) {
    finish(driver_(*this));
    return;
  }
  if (!halted_) wait_for_first_packet();
  if (!attached_) return;  // the guest exited before GDB said anything
  for (;;) {
    // The stub lives for one connection: gone before after_disconnect() replaces the stream.
    std::optional<GdbStub::SessionEnd> end = GdbStub(*this, *stream_).serve();
    if (end == GdbStub::SessionEnd::Disconnected) end = after_disconnect();
    if (end) {
      finish(*end);
      return;
    }
  }
}

// --gdb-on-disconnect (docs/debugging.md). The lost GDB's breakpoints and watchpoints go with
// it: a new GDB inserts its own.
std::optional<GdbStub::SessionEnd> GdbSession::after_disconnect() {
  if (pending_stop_ && pending_stop_->reason == StopEvent::Reason::Exited) {
    return GdbStub::SessionEnd::Detached;  // the guest has exited: nothing left to debug
  }
  switch (on_disconnect_) {
    case GdbDisconnect::Continue:
      log_ << "anvil: GDB disconnected; running on without it" << std::endl;
      return GdbStub::SessionEnd::Detached;
    case GdbDisconnect::Exit:
      return GdbStub::SessionEnd::Disconnected;
    case GdbDisconnect::Stop:
      break;
  }
  if (!endpoint_->reconnectable()) return GdbStub::SessionEnd::Disconnected;
  // The cores stay halted: this thread blocks in accept() without yielding to SystemC.
  halted_ = true;
  points_.clear();
  std::fill(actions_.begin(), actions_.end(), ResumeAction::Continue);
  update_hooks();
  log_ << "anvil: GDB disconnected; the cores stay halted" << std::endl;
  stream_ = std::make_unique<PollableStream>(endpoint_->next_connection(log_));
  return std::nullopt;
}

void GdbSession::wait_for_first_packet() {
  const sc_core::sc_time period = tlm::tlm_global_quantum::instance().get();
  while (!stream_->poll()) {
    wait(period, stop_event_);
    if (pending_stop_) {
      // A stop before GDB attached (BKPT, lockup, exit): the stub reports it first.
      return;
    }
  }
  halted_ = true;
  pending_stop_ = StopEvent{StopEvent::Reason::Interrupted, 1, BreakpointKind::Software, 0, 0};
}

void GdbSession::finish(GdbStub::SessionEnd end) {
  attached_ = false;
  halted_ = false;
  points_.clear();
  update_hooks();
  for (CpuModule* cpu : platform_.cpus()) {
    cpu->set_debugger(nullptr);
    if (cpu->core().state() == CoreState::Stopped) cpu->core().resume();
  }
  platform_.set_exit_interceptor(nullptr);
  resume_event_.notify();
  switch (end) {
    case GdbStub::SessionEnd::Detached:
      if (pending_stop_ && pending_stop_->reason == StopEvent::Reason::Exited)
        platform_.exit(pending_stop_->exit_code);
      return;
    case GdbStub::SessionEnd::TargetExited:
      platform_.exit(pending_stop_ ? pending_stop_->exit_code : 0);
      return;
    case GdbStub::SessionEnd::Killed:
      platform_.end(RunResult::Reason::Interrupted, "killed by GDB");
      return;
    case GdbStub::SessionEnd::Disconnected:
      platform_.end(RunResult::Reason::Interrupted, "GDB disconnected");
      return;
  }
}

// ---- Run control ----

void GdbSession::resume(std::span<const ResumeAction> actions) {
  for (std::size_t i = 0; i < actions_.size(); ++i) {
    actions_[i] = i < actions.size() ? actions[i] : ResumeAction::Stay;
    Core& c = core(i);
    if (actions_[i] == ResumeAction::Step) {
      step_start_count_[i] = c.instruction_count();
      step_start_pc_[i] = c.pc();
    }
    if (actions_[i] != ResumeAction::Stay && c.state() == CoreState::Stopped) c.resume();
  }
  update_hooks();
  halted_ = false;
  pending_stop_.reset();
  resume_event_.notify();
}

StopEvent GdbSession::wait_for_stop(const std::function<bool()>& interrupt_requested) {
  // Simulated time between looks at the connection: a quantum takes little host time.
  const sc_core::sc_time period = tlm::tlm_global_quantum::instance().get();
  for (;;) {
    if (pending_stop_) {
      const StopEvent event = *pending_stop_;
      if (event.reason != StopEvent::Reason::Exited) pending_stop_.reset();
      if (event.reason == StopEvent::Reason::Watchpoint) undo_watched_instruction(event.thread - 1);
      return event;
    }
    wait(period, stop_event_);
    if (!pending_stop_ && interrupt_requested()) {
      halted_ = true;
      return StopEvent{StopEvent::Reason::Interrupted, 1, BreakpointKind::Software, 0, 0};
    }
  }
}

// The first stop wins; every core parks at its next pause point.
void GdbSession::record_stop(const StopEvent& event) {
  if (!pending_stop_) pending_stop_ = event;
  halted_ = true;
  stop_event_.notify();
}

bool GdbSession::guest_exit(int code) {
  if (!attached_) return false;
  record_stop(StopEvent{StopEvent::Reason::Exited, 1, BreakpointKind::Software, 0, code});
  for (CpuModule* cpu : platform_.cpus()) cpu->core().request_stop();
  return true;
}

void GdbSession::update_hooks() {
  const bool stepping =
      std::find(actions_.begin(), actions_.end(), ResumeAction::Step) != actions_.end();
  saving_for_undo_ = attached_ && points_.has_watchpoints();
  const bool per_instruction = attached_ && (stepping || points_.has_breakpoints() ||
                                             saving_for_undo_ || stop_condition_ != nullptr);
  for (CpuModule* cpu : platform_.cpus()) cpu->set_debug_per_instruction(per_instruction);

  std::set<Addr> pages;
  if (attached_) {
    for (Addr page : points_.watched_pages(MemoryPort::kPageBits)) pages.insert(page);
  }
  for (CpuModule* cpu : platform_.cpus()) {
    for (Addr page : forced_pages_)
      if (!pages.count(page)) cpu->memory().force_slow_path(cpu->core().debug_address(page), false);
    for (Addr page : pages)
      if (!forced_pages_.count(page))
        cpu->memory().force_slow_path(cpu->core().debug_address(page), true);
  }
  forced_pages_ = std::move(pages);
}

std::size_t GdbSession::index_of(const CpuModule& cpu) const {
  const auto& cpus = platform_.cpus();
  return static_cast<std::size_t>(std::find(cpus.begin(), cpus.end(), &cpu) - cpus.begin());
}

// ---- CpuDebugger: called from the cores' threads ----

bool GdbSession::before_instruction(CpuModule& cpu, Addr pc) {
  if (!attached_) return false;
  if (halted_) return true;  // another core stopped the simulation
  const std::size_t index = index_of(cpu);
  const unsigned thread = static_cast<unsigned>(index + 1);
  if (saving_for_undo_) save_for_undo(cpu, index);
  if (actions_[index] == ResumeAction::Step) {
    // Stepped once an instruction completed, or an exception entry moved the pc: the stop
    // is at the first instruction of the handler, as on hardware.
    if (cpu.core().instruction_count() != step_start_count_[index] || pc != step_start_pc_[index]) {
      record_stop(StopEvent{StopEvent::Reason::Stepped, thread, BreakpointKind::Software, pc, 0});
      return true;
    }
  }
  if (const auto kind = points_.breakpoint_at(pc)) {
    record_stop(StopEvent{StopEvent::Reason::Breakpoint, thread, *kind, pc, 0});
    return true;
  }
  if (stop_condition_ && stop_condition_(cpu)) {
    record_stop(StopEvent{StopEvent::Reason::Interrupted, thread, BreakpointKind::Software, pc, 0});
    return true;
  }
  return false;
}

void GdbSession::set_stop_condition(std::function<bool(CpuModule&)> condition) {
  stop_condition_ = std::move(condition);
  update_hooks();
}

bool GdbSession::data_access(CpuModule& cpu, Access kind, Addr addr, unsigned size) {
  if (!attached_) return false;
  const std::size_t index = index_of(cpu);
  if (saving_for_undo_ && kind == Access::Store) {
    Undo::Store store{addr, std::vector<std::uint8_t>(size)};
    cpu.memory().debug_read(cpu.core().debug_address(addr), store.old_bytes.data(), size);
    undo_[index].stores.push_back(std::move(store));
  }
  const auto hit = points_.watch_hit(kind, addr, size);
  if (!hit) return false;
  const unsigned thread = static_cast<unsigned>(index + 1);
  record_stop(StopEvent{StopEvent::Reason::Watchpoint, thread, hit->kind, hit->address, 0});
  return true;
}

void GdbSession::pause_point(CpuModule& cpu) {
  const std::size_t index = index_of(cpu);
  const unsigned thread = static_cast<unsigned>(index + 1);
  while (attached_) {
    if (halted_ || actions_[index] == ResumeAction::Stay) {
      wait(resume_event_);
      continue;
    }
    const CoreState state = cpu.core().state();
    if (state == CoreState::Stopped) {
      // Stopped without a stop recorded: a BKPT instruction halted the core.
      record_stop(StopEvent{StopEvent::Reason::Stepped, thread, BreakpointKind::Software,
                            cpu.core().pc(), 0});
      continue;
    }
    if (state == CoreState::Lockup && !lockup_reported_[index]) {
      lockup_reported_[index] = true;
      record_stop(StopEvent{StopEvent::Reason::Faulted, thread, BreakpointKind::Software,
                            cpu.core().pc(), 0});
      continue;
    }
    return;
  }
}

namespace {
// A register saved with Core::read_register_bytes (least significant byte first), as the
// 64-bit value Core::read_register gives.
std::uint64_t low_64_bits(const std::vector<std::uint8_t>& bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < bytes.size() && i < 8; ++i)
    value |= std::uint64_t{bytes[i]} << (8 * i);
  return value;
}
}  // namespace

void GdbSession::save_for_undo(CpuModule& cpu, std::size_t index) {
  Undo& undo = undo_[index];
  const Core& c = cpu.core();
  const auto& info = c.register_info();
  undo.registers.resize(info.size());
  for (unsigned i = 0; i < info.size(); ++i) {
    undo.registers[i].resize((info[i].bits + 7) / 8);
    c.read_register_bytes(i, undo.registers[i]);
  }
  undo.stores.clear();
}

// The core stopped after the instruction that hit the watchpoint: put back its registers
// and the bytes it stored, so GDB sees the stop before the access and steps the instruction
// itself. Not when an exception was taken instead (the pc left the instruction's flow):
// the stop then stays at the handler. HACK: stores of the same instruction to pages that
// are not watched (an STM across a page boundary) and device side effects are not undone.
void GdbSession::undo_watched_instruction(std::size_t index) {
  Undo& undo = undo_[index];
  Core& c = core(index);
  if (undo.registers.size() != c.register_info().size()) return;
  const auto& info = c.register_info();
  for (unsigned i = 0; i < info.size(); ++i) {
    // IPSR (the exception number, xPSR bits 8:0) changes only when an exception is taken
    // or returns: ARMv7-M ARM B1.4.2.
    if (info[i].name == "xpsr" && ((c.read_register(i) ^ low_64_bits(undo.registers[i])) & 0x1FF))
      return;
  }
  for (unsigned i = 0; i < info.size(); ++i) c.write_register_bytes(i, undo.registers[i]);
  for (auto store = undo.stores.rbegin(); store != undo.stores.rend(); ++store)
    c.memory().debug_write(c.debug_address(store->address), store->old_bytes.data(),
                           static_cast<unsigned>(store->old_bytes.size()));
  undo.stores.clear();
}

// ---- Breakpoints, memory map ----

bool GdbSession::insert_breakpoint(BreakpointKind kind, Addr address, Addr length) {
  points_.insert(kind, address, length);
  update_hooks();
  return true;
}

bool GdbSession::remove_breakpoint(BreakpointKind kind, Addr address, Addr length) {
  points_.remove(kind, address, length);
  update_hooks();
  return true;
}

std::vector<MemoryRegion> GdbSession::memory_regions() const {
  // Flash is written by `load` in blocks of this size (the memory model erases nothing
  // itself: vFlashErase is the stub's business).
  constexpr Addr kFlashBlock = 4096;
  std::vector<MemoryRegion> regions;
  const Core& core = platform_.cpus().front()->core();
  for (const Platform::MapEntry& entry : platform_.memory_map()) {
    MemoryRegion region{MemoryRegion::Type::Ram, entry.base, entry.size, 0};
    if (entry.kind == "memory" && entry.type == "rom") region.type = MemoryRegion::Type::Rom;
    if (entry.kind == "memory" && entry.type == "flash") {
      region.type = MemoryRegion::Type::Flash;
      region.flash_block_size = kFlashBlock;
    }
    // Each address range GDB may use for it (Core::debug_windows: MIPS kseg0/kseg1).
    for (const auto& [start, length] : core.debug_windows(entry.base, entry.size)) {
      region.start = start;
      region.length = length;
      regions.push_back(region);
    }
  }
  std::sort(regions.begin(), regions.end(),
            [](const MemoryRegion& a, const MemoryRegion& b) { return a.start < b.start; });
  return regions;
}

// ---- Cores ----

std::string_view GdbSession::architecture() const {
  return platform_.cpus().front()->core().isa();
}

std::size_t GdbSession::core_count() const {
  return platform_.cpus().size();
}

Core& GdbSession::core(std::size_t index) {
  return platform_.cpus().at(index)->core();
}

std::string GdbSession::core_name(std::size_t index) const {
  return platform_.cpus().at(index)->basename();
}

// ---- Monitor commands ----

std::optional<std::string> GdbSession::monitor(std::string_view command) {
  while (!command.empty() && command.back() == ' ') command.remove_suffix(1);
  const std::size_t space = command.find(' ');
  const std::string_view word = command.substr(0, space);
  const std::string_view argument =
      space == std::string_view::npos ? std::string_view{} : command.substr(space + 1);
  if (word == "reset") return reset_text();
  if (word == "info") return info_text();
  if (word == "cycles") return cycles_text();
  if (word == "quantum") {
    if (!argument.empty()) {
      const auto seconds = parse_time(argument);
      if (!seconds) return "quantum: expected a time such as 10us, 1ms or 2s\n";
      tlm::tlm_global_quantum::instance().set(sc_core::sc_time(*seconds, sc_core::SC_SEC));
    }
    return "quantum " + tlm::tlm_global_quantum::instance().get().to_string() + "\n";
  }
  return std::nullopt;
}

// The whole board, as SYSRESETREQ would (docs/debugging.md): devices, memory images, cores.
// Called in the stub's thread, with every core halted; simulated time runs on from here.
std::string GdbSession::reset_text() {
  if (platform_.ended()) return "cannot reset: the simulation has ended\n";
  const std::vector<std::string> not_reset = platform_.reset();
  lockup_reported_.assign(lockup_reported_.size(), false);  // a locked-up core is out of it
  std::string text = "board reset at " + sc_core::sc_time_stamp().to_string() +
                     ": devices to their reset state, images reloaded, cores at the reset vector\n";
  if (!not_reset.empty()) {
    text += "not reset (no reset support, left as they were):";
    for (const std::string& name : not_reset) text += " " + name;
    text += "\n";
  }
  return text;
}

std::string GdbSession::info_text() const {
  std::string text = "board " + platform_.board().name + "\n";
  text += "time " + sc_core::sc_time_stamp().to_string() + "\n";
  for (const CpuModule* cpu : platform_.cpus()) {
    const Core& c = cpu->core();
    static constexpr const char* kStates[] = {"running", "sleeping", "stopped", "lockup"};
    char line[200];
    std::snprintf(line, sizeof line, "%s %.*s %s pc 0x%08" PRIx64 " cycles %" PRIu64 "\n",
                  cpu->basename(), static_cast<int>(c.model().size()), c.model().data(),
                  kStates[static_cast<unsigned>(c.state())], c.pc(),
                  static_cast<std::uint64_t>(c.cycle_count()));
    text += line;
  }
  return text;
}

std::string GdbSession::cycles_text() const {
  std::string text;
  for (const CpuModule* cpu : platform_.cpus()) {
    char line[160];
    std::snprintf(line, sizeof line, "%s cycles %" PRIu64 " instructions %" PRIu64 "\n",
                  cpu->basename(), static_cast<std::uint64_t>(cpu->core().cycle_count()),
                  cpu->core().instruction_count());
    text += line;
  }
  return text;
}

}  // namespace anvil
