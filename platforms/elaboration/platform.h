// Platform: one elaborated board as a SystemC module tree: the Router, the CpuModules, the
// memories, the devices and their host backends. Type build functions (registry) add
// themselves through the "for build functions" API; Simulation drives the rest.
#pragma once

#include <atomic>
#include <bit>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "cores/systemc/cpu_module.h"
#include "peripherals/common/char_backend.h"
#include "peripherals/common/irq_line.h"
#include "peripherals/memory/image_loader.h"
#include "peripherals/memory/memory.h"
#include "peripherals/router/router.h"
#include "platforms/board.h"
#include "platforms/elaboration/params.h"
#include "platforms/registry.h"
#include "platforms/simulation.h"

namespace anvil {

class Platform : public sc_core::sc_module {
 public:
  // Builds every component in board order, then wires interrupts and loads images.
  // Throws BoardError or ImageError.
  Platform(sc_core::sc_module_name name, const BoardDesc& board, const Registry& registry,
           const RunOptions& options);
  ~Platform() override;

  const BoardDesc& board() const { return board_; }
  const RunOptions& options() const { return options_; }
  Router& router() { return *router_; }

  // ---- For type build functions ----

  // The component's clock: its `clock_hz` parameter, else the board's clock_hz.
  sc_core::sc_time clock_period(const ComponentDesc& component) const;
  // A core named after the component, on the bus.
  CpuModule& add_cpu(const ComponentDesc& component, std::endian guest_order,
                     const CpuModule::CoreFactory& make_core);
  // A module the platform owns; build it with the component's name.
  template <class Module, class... Args>
  Module& add_module(Args&&... args) {
    auto module = std::make_unique<Module>(std::forward<Args>(args)...);
    Module& ref = *module;
    modules_.push_back(std::move(module));
    return ref;
  }
  // Maps `target` at [base, base + size). `kind`/`type` are for describe(): "memory"/"rom".
  void map(const ComponentDesc& component, Addr base, Addr size, tlm::tlm_target_socket<>& target,
           const std::string& kind);
  // Maps a memory and remembers it as a place images may load into.
  void map_memory(const ComponentDesc& component, Addr base, Memory& memory);
  // Connects `line` to the core and line named by the component's Irq parameter `param`, if
  // the board set it. Several lines on one core input are OR-ed (shared, level-sensitive).
  void connect_irq(const ComponentDesc& component, const std::string& param, IrqLine& line);
  // The backend named by `param` ("stdio", "null", "file:PATH" or "capture"), or `fallback`.
  std::unique_ptr<CharBackend> make_backend(const ComponentDesc& component,
                                            const std::string& param, const std::string& fallback);
  // The image for a memory, loaded once the whole board is built. `format` empty: by
  // extension.
  struct ImageRequest {
    const ComponentDesc* component = nullptr;
    std::string path;
    std::optional<ImageFormat> format;
    Addr memory_base = 0;
    Addr offset = 0;  // raw binary: where in the memory byte 0 goes
    Memory* memory = nullptr;
  };
  void load_image_later(ImageRequest request);
  // Ends the simulation with the guest's exit code (simulator-control device, semihosting).
  void exit(int code);
  // A debugger sees the guest's exit first: returning true defers it (the debugger tells
  // GDB, then calls end() itself).
  void set_exit_interceptor(std::function<bool(int)> interceptor) {
    exit_interceptor_ = std::move(interceptor);
  }

  // ---- For Simulation ----

  const std::vector<CpuModule*>& cpus() const { return cpus_; }
  // What is mapped where: kind "memory" (type "ram", "rom", "flash") or "device".
  struct MapEntry {
    std::string name, kind, type;
    Addr base, size;
  };
  const std::vector<MapEntry>& memory_map() const { return map_; }
  CpuModule* find_cpu(const std::string& name) const;
  // Ends the run: the first reason wins. Stops every core and SystemC.
  void end(RunResult::Reason reason, std::string message, int exit_code = 0);
  bool ended() const { return ended_; }
  const RunResult& outcome() const { return outcome_; }
  // Thread-safe (a signal handler may call it): ends the run at the next quantum boundary.
  void request_interrupt() { interrupt_requested_ = true; }
  std::string describe() const;
  // Every host backend by name: the component's ("uart0") for its `backend` parameter, else
  // "uart0.param". The Python module reads and feeds "capture" backends through these.
  const std::map<std::string, CharBackend*>& backends() const { return backends_; }
  // Sets up tracing, the instruction budget and the status line before sc_start.
  void prepare_run();

 private:
  struct IrqWire {
    std::string source;  // "uart0.rx_irq"
    std::string cpu;
    unsigned line;
  };
  struct PendingIrq {
    const ComponentDesc* component;
    std::string param;
    IrqLine* line;
    IrqTarget target;
  };

  void wire_irqs();
  void load_images();
  std::uint64_t load_into_platform(Addr address, const std::uint8_t* data, std::uint64_t size);
  void on_cpu_halt(CpuModule& cpu, CpuModule::Halt why);
  void on_quantum();

  BoardDesc board_;
  RunOptions options_;
  std::unique_ptr<Router> router_;
  std::vector<std::unique_ptr<sc_core::sc_module>> modules_;
  std::vector<CpuModule*> cpus_;
  std::map<std::string, Memory*> memories_;  // by region name
  std::vector<MapEntry> map_;
  std::vector<PendingIrq> pending_irqs_;
  std::vector<IrqWire> irq_wires_;
  std::map<std::pair<CpuModule*, unsigned>, int> asserted_;  // sources high per core input
  std::vector<ImageRequest> images_;
  std::map<std::string, CharBackend*> backends_;  // owned by their devices

  InstructionBudget budget_;
  std::FILE* trace_file_ = nullptr;
  bool ended_ = false;
  RunResult outcome_{};
  std::atomic<bool> interrupt_requested_{false};
  std::function<bool(int)> exit_interceptor_;
  std::uint64_t quanta_ = 0;
  std::chrono::steady_clock::time_point host_start_;
  double last_status_ = 0;
};

}  // namespace anvil
