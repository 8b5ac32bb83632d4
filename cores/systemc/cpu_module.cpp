#include "cores/systemc/cpu_module.h"

#include <algorithm>
#include <cinttypes>

namespace anvil {

namespace {

BusStatus bus_status(tlm::tlm_response_status status) {
  switch (status) {
    case tlm::TLM_OK_RESPONSE:
      return BusStatus::Ok;
    case tlm::TLM_ADDRESS_ERROR_RESPONSE:
      return BusStatus::AddressError;
    default:
      return BusStatus::SlaveError;  // generic, command, burst, byte-enable errors
  }
}

const char* status_name(tlm::tlm_response_status status) {
  switch (status) {
    case tlm::TLM_OK_RESPONSE:
      return "ok";
    case tlm::TLM_ADDRESS_ERROR_RESPONSE:
      return "address error";
    case tlm::TLM_COMMAND_ERROR_RESPONSE:
      return "command error";
    case tlm::TLM_BURST_ERROR_RESPONSE:
      return "burst error";
    default:
      return "error";
  }
}

const char* access_name(Access kind) {
  switch (kind) {
    case Access::Fetch:
      return "fetch";
    case Access::Load:
      return "load";
    case Access::Store:
      return "store";
  }
  return "?";
}

}  // namespace

CpuModule::CpuModule(sc_core::sc_module_name name, sc_core::sc_time clock_period,
                     std::endian guest_order, const CoreFactory& make_core)
    : sc_core::sc_module(name),
      socket("socket"),
      period_(clock_period),
      memory_(*this, guest_order),
      core_(make_core(memory_)) {
  socket.register_invalidate_direct_mem_ptr(this, &CpuModule::invalidate_direct_mem_ptr);
  core_->set_hooks(this, false);
  SC_THREAD(run_thread);
}

CpuModule::~CpuModule() = default;

void CpuModule::set_trace(const CpuTrace& trace) {
  trace_ = trace;
  update_hooks();
}

void CpuModule::set_debug_per_instruction(bool on) {
  debug_per_instruction_ = on;
  update_hooks();
}

void CpuModule::update_hooks() {
  core_->set_hooks(this, trace_.insn != nullptr || debug_per_instruction_);
}

void CpuModule::set_irq(unsigned line, bool level) {
  core_->set_irq_line(line, level);
  irq_changed_ = true;
  irq_event_.notify(sc_core::SC_ZERO_TIME);
}

void CpuModule::stop() {
  stopping_ = true;
  core_->request_stop();
  irq_event_.notify(sc_core::SC_ZERO_TIME);  // a sleeping core wakes up to end its thread
}

// ---- The core's thread ----

void CpuModule::run_thread() {
  // Reset here, not at elaboration: images are loaded by then, and reset may read the
  // vector table through the bus.
  core_->reset();
  quantum_.reset();
  exact_ = tlm::tlm_global_quantum::instance().get() <= period_;
  for (;;) {
    if (stopping_) return halt(Halt::StopRequested);
    if (debugger_) {
      debugger_->pause_point(*this);
      if (stopping_) return halt(Halt::StopRequested);
    }
    const CoreState state = core_->state();
    if (state == CoreState::Stopped && !debugger_) return halt(Halt::Stopped);
    if (state == CoreState::Lockup) return halt(Halt::Lockup);

    // In exact mode the core syncs before every bus access (transport()), so it only has to
    // stop where another process has something to do; otherwise also at the quantum's end.
    Cycles budget = cycles_until_other_activity();
    if (!exact_) budget = std::min(budget, cycles_left_in_quantum());
    if (budget_) {
      if (budget_->remaining == 0) return halt(Halt::BudgetExhausted);
      // Every instruction takes at least one cycle, so a cycle budget no larger than the
      // instructions left can never overshoot: the limit is exact.
      budget = std::min<Cycles>(budget, budget_->remaining);
    }
    const std::uint64_t instructions_before = core_->instruction_count();
    run_start_cycles_ = core_->cycle_count();
    run_end_ = sc_core::sc_time_stamp() + quantum_.get_local_time() +
               period_ * static_cast<double>(budget);
    in_run_ = true;
    const Cycles used = core_->run(budget);
    in_run_ = false;
    if (budget_) budget_->remaining -= core_->instruction_count() - instructions_before;
    // Cycles a mid-run sync (sync_before_access) already turned into SystemC time are not
    // counted again.
    account(core_->cycle_count() - run_start_cycles_);

    if (core_->state() == CoreState::Sleeping) {
      sleep_until_woken();
    } else if (used == 0 && core_->state() == CoreState::Running && !stopping_) {
      account(1);  // HACK: a core that returns without progress must not stall time
    }
  }
}

Cycles CpuModule::cycles_left_in_quantum() const {
  const Cycles left = quantum_.remaining().value() / period_.value();
  return std::max<Cycles>(left, 1);
}

// The core may run ahead of SystemC time only up to the next moment another process has
// something to do (a timer expiring, a UART finishing a character, another core's sync).
// Stopping there, on the first clock edge at or after it, means a device's interrupt is seen
// at its exact cycle whatever the quantum: nothing else runs in between, so running up to
// that point is indistinguishable from synchronising every cycle.
Cycles CpuModule::cycles_until_other_activity() {
  for (;;) {
    const sc_core::sc_time next =
        sc_core::sc_time_to_pending_activity(sc_core::sc_get_curr_simcontext());
    const sc_core::sc_time local = quantum_.get_local_time();
    if (next > local) {
      const std::uint64_t ahead = (next - local).value();
      return std::max<Cycles>((ahead + period_.value() - 1) / period_.value(), 1);
    }
    // Already at or past another process's activity: let it run first.
    quantum_.sync();
    if (stopping_ || core_->state() != CoreState::Running) return 1;
    if (sc_core::sc_time_to_pending_activity(sc_core::sc_get_curr_simcontext()) ==
        sc_core::SC_ZERO_TIME)
      return 1;
  }
}

// Exact mode: SystemC time catches up with the core before a device sees the access, so the
// device observes sc_time_stamp() at the access's own cycle, exactly as if the core had
// synchronised on every cycle (no other process can run in between: runs stop at the next
// pending activity).
void CpuModule::sync_before_access() {
  const sc_core::sc_time offset = offset_in_quantum();
  if (offset > sc_core::SC_ZERO_TIME) wait(offset);
  quantum_.reset();
  run_start_cycles_ = core_->cycle_count();
}

// A bus access may have scheduled activity (a timer reprogrammed, a character started)
// earlier than the end of this run; the core returns after the current instruction so the
// next run stops in time.
void CpuModule::end_run_before_new_activity() {
  const sc_core::sc_time next = sc_core::sc_time_stamp() + sc_core::sc_time_to_pending_activity(
                                                               sc_core::sc_get_curr_simcontext());
  if (next < run_end_) core_->request_stop();
}

void CpuModule::account(Cycles used) {
  quantum_.inc(period_ * static_cast<double>(used));
  if (quantum_.need_sync()) quantum_.sync();
  if (on_quantum_) on_quantum_();
}

void CpuModule::sleep_until_woken() {
  irq_changed_ = false;
  quantum_.sync();                        // SystemC time catches up with the core before it waits
  if (irq_changed_ || stopping_) return;  // an interrupt arrived during the sync
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  const Cycles internal = core_->next_internal_event();
  if (internal == kNever)
    wait(irq_event_);
  else
    wait(period_ * static_cast<double>(std::max<Cycles>(internal, 1)), irq_event_);
  // Wake on the core's next clock edge: whole cycles slept, the remainder runs ahead as
  // local time so the core stays on its clock grid.
  const std::uint64_t elapsed = (sc_core::sc_time_stamp() - start).value();
  const std::uint64_t period = period_.value();
  const Cycles slept = (elapsed + period - 1) / period;
  quantum_.reset();
  quantum_.set(sc_core::sc_time::from_value(slept * period - elapsed));
  core_->advance_idle(slept);
}

void CpuModule::halt(Halt why) {
  if (on_halt_) on_halt_(*this, why);
}

// ---- BusBackend ----

sc_core::sc_time CpuModule::offset_in_quantum() const {
  sc_core::sc_time offset = quantum_.get_local_time();
  if (in_run_) offset += period_ * static_cast<double>(core_->cycle_count() - run_start_cycles_);
  return offset;
}

BusStatus CpuModule::transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                               Cycles& delay) {
  tlm::tlm_generic_payload payload;
  payload.set_command(kind == Access::Store ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  payload.set_address(addr);
  payload.set_data_ptr(data);
  payload.set_data_length(size);
  payload.set_streaming_width(size);
  payload.set_byte_enable_ptr(nullptr);
  payload.set_dmi_allowed(false);
  payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  if (exact_ && in_run_) sync_before_access();
  const sc_core::sc_time offset = offset_in_quantum();
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  sc_core::sc_time annotated = offset;
  socket->b_transport(payload, annotated);
  // A target may wait (an RTL bridge synchronises the core, then runs the bus handshake):
  // the access ended at SystemC time + annotated delay, wherever SystemC time now is.
  const sc_core::sc_time waited = sc_core::sc_time_stamp() - start;
  const sc_core::sc_time ended = waited + annotated;
  // The wait states the bus added, rounded up to whole core cycles.
  const std::uint64_t extra = ended > offset ? (ended - offset).value() : 0;
  delay = (extra + period_.value() - 1) / period_.value();
  if (waited > sc_core::SC_ZERO_TIME) rebase_after_wait(offset, waited, delay);
  if (in_run_) end_run_before_new_activity();
  const tlm::tlm_response_status status = payload.get_response_status();
  if (trace_.mem) {
    std::fprintf(trace_.mem, "%s %s 0x%08" PRIx64 " size %u value 0x%0*" PRIx64 " %s\n", basename(),
                 access_name(kind), addr, size, static_cast<int>(2 * size), guest_value(data, size),
                 status_name(status));
  }
  return bus_status(status);
}

// The target waited `waited` of the core's local time away. The core resumes at
// start + offset + delay cycles (the caller charges `delay`), which is now this much ahead
// of SystemC time; cycles before this access are already part of it.
void CpuModule::rebase_after_wait(const sc_core::sc_time& offset, const sc_core::sc_time& waited,
                                  Cycles delay) {
  const sc_core::sc_time resume = offset + period_ * static_cast<double>(delay);
  quantum_.reset();
  quantum_.set(resume > waited ? resume - waited : sc_core::SC_ZERO_TIME);
  if (in_run_) run_start_cycles_ = core_->cycle_count() + delay;
}

unsigned CpuModule::debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) {
  tlm::tlm_generic_payload payload;
  payload.set_command(is_write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  payload.set_address(addr);
  payload.set_data_ptr(data);
  payload.set_data_length(size);
  payload.set_streaming_width(size);
  return socket->transport_dbg(payload);
}

void CpuModule::request_direct_access(MemoryPort& port, Addr addr, Access kind) {
  const Addr page_base = addr & ~MemoryPort::kPageMask;
  if (no_dmi_pages_.count(page_base)) return;
  tlm::tlm_generic_payload payload;
  payload.set_address(addr);
  payload.set_command(kind == Access::Store ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  tlm::tlm_dmi dmi;
  const bool granted = socket->get_direct_mem_ptr(payload, dmi);
  // Only zero-latency grants are used: DMI accesses charge no wait states, so memory with
  // latency stays on the slow path where b_transport annotates it.
  if (!granted || !dmi.is_read_allowed() || dmi.get_read_latency() != sc_core::SC_ZERO_TIME ||
      dmi.get_start_address() > addr || dmi.get_end_address() < addr) {
    no_dmi_pages_.insert(page_base);
    return;
  }
  const bool writable = dmi.is_write_allowed() && dmi.get_write_latency() == sc_core::SC_ZERO_TIME;
  // Install every page the grant covers completely.
  const Addr start = dmi.get_start_address(), end = dmi.get_end_address();
  const Addr first_page = (start + MemoryPort::kPageMask) & ~MemoryPort::kPageMask;
  for (Addr page = first_page; page + MemoryPort::kPageMask <= end && page >= first_page;
       page += MemoryPort::kPageSize) {
    port.map_page(page, dmi.get_dmi_ptr() + (page - start), writable);
    if (page + MemoryPort::kPageSize == 0) break;  // top of a 64-bit space
  }
}

void CpuModule::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
  memory_.unmap_range(start, end);
  std::erase_if(no_dmi_pages_,
                [&](Addr page) { return page + MemoryPort::kPageMask >= start && page <= end; });
}

// ---- Hooks ----

bool CpuModule::before_instruction(Addr pc) {
  if (trace_.insn) {
    // Instructions come in 16-bit units on Thumb (and SH, m68k): show the halfwords in
    // address order, as manuals write Thumb-2 encodings; other ISAs show 32-bit words.
    const std::string_view isa = core_->isa();
    const unsigned unit = (isa == "arm" || isa == "sh4" || isa == "m68k") ? 2 : 4;
    std::uint8_t bytes[4] = {};
    memory_.debug_read(pc, bytes, sizeof bytes);
    if (unit == 2)
      std::fprintf(trace_.insn, "%s 0x%08" PRIx64 ": %04" PRIx64 " %04" PRIx64 "\n", basename(), pc,
                   guest_value(bytes, 2), guest_value(bytes + 2, 2));
    else
      std::fprintf(trace_.insn, "%s 0x%08" PRIx64 ": %08" PRIx64 "\n", basename(), pc,
                   guest_value(bytes, 4));
  }
  return debug_per_instruction_ && debugger_ && debugger_->before_instruction(*this, pc);
}

bool CpuModule::data_access(Access kind, Addr addr, unsigned size) {
  return debugger_ && debugger_->data_access(*this, kind, addr, size);
}

std::uint64_t CpuModule::guest_value(const std::uint8_t* bytes, unsigned size) const {
  std::uint64_t value = 0;
  for (unsigned i = 0; i < size; ++i) {
    const unsigned k = memory_.guest_order() == std::endian::little ? i : size - 1 - i;
    value |= std::uint64_t{bytes[i]} << (8 * k);
  }
  return value;
}

void CpuModule::exit_requested(int code) {
  if (on_exit_) on_exit_(code);
}

void CpuModule::exception_taken(unsigned number, Addr return_address) {
  if (trace_.irq)
    std::fprintf(trace_.irq, "%s exception %u taken, return address 0x%08" PRIx64 " at %s\n",
                 basename(), number, return_address, local_time().to_string().c_str());
}

}  // namespace anvil
