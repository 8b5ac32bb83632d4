// IrqLine: a device's interrupt output. The device calls set(level); whoever the platform
// connected (a core's interrupt input, usually through CpuModule::set_irq) is told about
// every change. No SystemC here, so devices and cores stay independent of each other.
#pragma once

#include <functional>
#include <utility>

namespace anvil {

class IrqLine {
 public:
  using Sink = std::function<void(bool level)>;

  // One sink per line; connecting again replaces it. The sink hears the current level.
  void connect(Sink sink) {
    sink_ = std::move(sink);
    if (sink_) sink_(level_);
  }
  bool connected() const { return static_cast<bool>(sink_); }

  void set(bool level) {
    if (level == level_) return;
    level_ = level;
    if (sink_) sink_(level_);
  }
  bool level() const { return level_; }

 private:
  bool level_ = false;
  Sink sink_;
};

}  // namespace anvil
