#include "platforms/elaboration/platform.h"
#include "peripherals/common/hex.h"

#include <algorithm>
#include <cinttypes>
#include <cstring>
#include <sstream>

#include "platforms/errors.h"

namespace anvil {

namespace {

std::string size_text(std::uint64_t size) {
  if (size % (1024 * 1024) == 0) return std::to_string(size / (1024 * 1024)) + " MiB";
  if (size % 1024 == 0) return std::to_string(size / 1024) + " KiB";
  return std::to_string(size) + " B";
}

}  // namespace

Platform::Platform(sc_core::sc_module_name name, const BoardDesc& board, const Registry& registry,
                   const RunOptions& options)
    : sc_core::sc_module(name),
      board_(board),
      options_(options),
      router_(std::make_unique<Router>("router")) {
  for (const ComponentDesc& component : board_.components) {
    const ModuleType* type = registry.find(component.kind, component.type);
    if (!type)
      throw BoardError(component.where.str() + ": " + component.name + ": unknown " +
                       component.kind + " type \"" + component.type + "\"");
    try {
      type->build(*this, component);
    } catch (const BoardError&) {
      throw;
    } catch (const ImageError&) {
      throw;
    } catch (const std::exception& e) {
      // Router overlaps, unknown backends, unopenable files: name the component.
      throw BoardError(component.where.str() + ": " + component.name + ": " + e.what());
    }
  }
  wire_irqs();
  load_images();
}

Platform::~Platform() {
  if (trace_file_) std::fclose(trace_file_);
}

sc_core::sc_time Platform::clock_period(const ComponentDesc& component) const {
  const double hz = number_param(component, "clock_hz").value_or(board_.clock_hz);
  if (!(hz > 0))
    param_error(component, "clock_hz",
                "no clock: set clock_hz on the board or on the component (in Hz)");
  return sc_core::sc_time(1.0 / hz, sc_core::SC_SEC);
}

CpuModule& Platform::add_cpu(const ComponentDesc& component, std::endian guest_order,
                             const CpuModule::CoreFactory& make_core) {
  auto& cpu = add_module<CpuModule>(component.name.c_str(), clock_period(component), guest_order,
                                    make_core);
  cpu.socket.bind(router_->target_socket);
  cpu.set_halt_handler([this](CpuModule& c, CpuModule::Halt why) { on_cpu_halt(c, why); });
  cpu.set_exit_handler([this](int code) { exit(code); });
  cpus_.push_back(&cpu);
  return cpu;
}

CpuModule* Platform::find_cpu(const std::string& name) const {
  for (CpuModule* cpu : cpus_)
    if (cpu->basename() == name) return cpu;
  return nullptr;
}

void Platform::map(const ComponentDesc& component, Addr base, Addr size,
                   tlm::tlm_target_socket<>& target, const std::string& kind) {
  try {
    router_->map(component.name, base, size, target);
  } catch (const std::invalid_argument& e) {
    param_error(component, "base", e.what());
  }
  map_.push_back({component.name, kind, component.type, base, size});
}

void Platform::map_memory(const ComponentDesc& component, Addr base, Memory& memory) {
  map(component, base, memory.size(), memory.socket, "memory");
  memories_[component.name] = &memory;
}

void Platform::connect_irq(const ComponentDesc& component, const std::string& param,
                           IrqLine& line) {
  if (auto target = irq_param(component, param))
    pending_irqs_.push_back({&component, param, &line, *target});
}

// Interrupts are wired once every core exists, so a device may come before its cpu.
void Platform::wire_irqs() {
  for (const PendingIrq& p : pending_irqs_) {
    CpuModule* cpu = find_cpu(p.target.cpu);
    if (!cpu) param_error(*p.component, p.param, "no cpu named \"" + p.target.cpu + "\"");
    const unsigned lines = cpu->core().irq_line_count();
    if (p.target.line >= lines)
      param_error(*p.component, p.param,
                  "line " + std::to_string(p.target.line) + " does not exist: " + p.target.cpu +
                      " has " + std::to_string(lines) + " interrupt lines");
    const auto key = std::make_pair(cpu, p.target.line);
    asserted_.emplace(key, 0);
    p.line->connect([this, key, high = false](bool level) mutable {
      if (level == high) return;
      high = level;
      int& count = asserted_[key];
      count += level ? 1 : -1;
      key.first->set_irq(key.second, count > 0);
    });
    irq_wires_.push_back({p.component->name + "." + p.param, p.target.cpu, p.target.line});
  }
}

std::unique_ptr<CharBackend> Platform::make_backend(const ComponentDesc& component,
                                                    const std::string& param,
                                                    const std::string& fallback) {
  // "file:PATH" is relative to the current directory, like any output file.
  const std::string spec = string_param(component, param).value_or(fallback);
  try {
    std::unique_ptr<CharBackend> backend = make_char_backend(spec);
    backends_[param == "backend" ? component.name : component.name + "." + param] = backend.get();
    return backend;
  } catch (const std::exception& e) {
    param_error(component, param, e.what());
  }
}

void Platform::load_image_later(ImageRequest request) {
  images_.push_back(std::move(request));
}

std::uint64_t Platform::load_into_platform(Addr address, const std::uint8_t* data,
                                           std::uint64_t size) {
  std::uint64_t done = 0;
  while (done < size) {
    const Router::Region* region = router_->decode(address + done);
    auto memory = region ? memories_.find(region->name) : memories_.end();
    if (memory == memories_.end()) break;  // unmapped, or a device: images go to memories
    const Addr offset = address + done - region->base;
    const std::uint64_t n = std::min<std::uint64_t>(size - done, region->size - offset);
    if (data)
      std::memcpy(memory->second->data() + offset, data + done, n);
    else
      std::memset(memory->second->data() + offset, 0, n);
    done += n;
  }
  return done;
}

void Platform::load_images() {
  ImageOptions options;
  if (!cpus_.empty()) {
    options.isa = std::string(cpus_.front()->core().isa());
    options.cpu_name = cpus_.front()->basename();
  }
  for (const ImageRequest& request : images_) {
    const ImageFormat format = request.format.value_or(image_format_for(request.path));
    ImageSink sink = [this](Addr a, const std::uint8_t* d, std::uint64_t n) {
      return load_into_platform(a, d, n);
    };
    if (format == ImageFormat::Binary) {
      // A raw binary belongs to its memory alone: it must not spill into a neighbour.
      Memory* memory = request.memory;
      const Addr base = request.memory_base;
      sink = [memory, base](Addr a, const std::uint8_t* d, std::uint64_t n) -> std::uint64_t {
        if (a < base || a - base >= memory->size()) return 0;
        const std::uint64_t fit = std::min<std::uint64_t>(n, memory->size() - (a - base));
        std::memcpy(memory->data() + (a - base), d, fit);
        return fit;
      };
      options.binary_address = request.memory_base + request.offset;
    }
    load_image(request.path, format, sink, options);
  }
}

void Platform::exit(int code) {
  if (exit_interceptor_ && exit_interceptor_(code)) return;
  end(RunResult::Reason::GuestExit, "guest exited with code " + std::to_string(code), code);
}

void Platform::end(RunResult::Reason reason, std::string message, int exit_code) {
  if (ended_) return;
  ended_ = true;
  outcome_.reason = reason;
  outcome_.message = std::move(message);
  outcome_.exit_code = exit_code;
  for (CpuModule* cpu : cpus_) cpu->stop();
  sc_core::sc_stop();
}

void Platform::on_cpu_halt(CpuModule& cpu, CpuModule::Halt why) {
  char pc[32];
  std::snprintf(pc, sizeof pc, "0x%08" PRIx64, cpu.core().pc());
  switch (why) {
    case CpuModule::Halt::Lockup:
      end(RunResult::Reason::Lockup, std::string(cpu.basename()) + ": lockup at pc " + pc);
      break;
    case CpuModule::Halt::Stopped:
      end(RunResult::Reason::Interrupted, std::string(cpu.basename()) + ": stopped at pc " + pc);
      break;
    case CpuModule::Halt::BudgetExhausted:
      end(RunResult::Reason::InsnLimit,
          "instruction limit of " + std::to_string(*options_.max_insns) + " reached");
      break;
    case CpuModule::Halt::StopRequested:
      break;
  }
}

void Platform::prepare_run() {
  std::FILE* trace = stderr;
  const TraceFlags& flags = options_.trace;
  if ((flags.insn || flags.mem || flags.irq) && !options_.trace_file.empty()) {
    trace_file_ = std::fopen(options_.trace_file.c_str(), "w");
    if (!trace_file_)
      throw std::runtime_error("cannot open trace file " + options_.trace_file + ": " +
                               std::strerror(errno));
    trace = trace_file_;
  }
  if (options_.max_insns) budget_.remaining = *options_.max_insns;
  host_start_ = std::chrono::steady_clock::now();
  for (CpuModule* cpu : cpus_) {
    cpu->set_trace(
        {flags.insn ? trace : nullptr, flags.mem ? trace : nullptr, flags.irq ? trace : nullptr});
    if (options_.max_insns) cpu->set_instruction_budget(&budget_);
    cpu->set_quantum_observer([this] { on_quantum(); });
  }
}

void Platform::on_quantum() {
  if (interrupt_requested_.load(std::memory_order_relaxed))
    end(RunResult::Reason::Interrupted, "interrupted");
  if (!options_.live_status || ++quanta_ % 256 != 0) return;
  // Host time is only displayed, never fed back into the simulation.
  const double host =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - host_start_).count();
  if (host - last_status_ < 0.5) return;
  last_status_ = host;
  std::uint64_t instructions = 0;
  for (CpuModule* cpu : cpus_) instructions += cpu->core().instruction_count();
  std::fprintf(stderr, "\r[anvil] simulated %.6f s, %" PRIu64 " instructions, %.1f MIPS   ",
               sc_core::sc_time_stamp().to_seconds(), instructions, instructions / host / 1e6);
  std::fflush(stderr);
}

std::string Platform::describe() const {
  std::ostringstream out;
  out << "board " << board_.name << "\n";
  std::vector<MapEntry> sorted = map_;
  std::sort(sorted.begin(), sorted.end(),
            [](const MapEntry& a, const MapEntry& b) { return a.base < b.base; });
  out << "memory map:\n";
  for (const MapEntry& e : sorted) {
    char line[160];
    std::snprintf(line, sizeof line, "  %s-%s  %-10s %-8s %-14s %s\n", hex(e.base).c_str(),
                  hex(e.base + e.size - 1).c_str(), size_text(e.size).c_str(), e.kind.c_str(),
                  e.type.c_str(), e.name.c_str());
    out << line;
  }
  out << "cpus:\n";
  for (const CpuModule* cpu : cpus_)
    out << "  " << cpu->basename() << "  " << cpu->core().model() << ", "
        << 1.0 / cpu->clock_period().to_seconds() / 1e6 << " MHz, " << cpu->core().irq_line_count()
        << " interrupt lines\n";
  out << "interrupts:\n";
  for (const IrqWire& w : irq_wires_)
    out << "  " << w.source << " -> " << w.cpu << " line " << w.line << "\n";
  return out.str();
}

}  // namespace anvil
