// The registry of module types: name -> parameter schema + factory. Adding a peripheral means
// registering a type; the elaborator and the board validator never change.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "platforms/board.h"

namespace anvil {

class Platform;  // platforms/platform.h

enum class ParamType {
  Integer,  // Lua integer (addresses, sizes, counts)
  Number,   // Lua number (frequencies, times)
  String,
  Boolean,
  Irq,   // { "cpu0", 3 }: a core name and an interrupt line number
  Path,  // a file name, resolved relative to the board file
};

struct ParamSpec {
  std::string name;
  ParamType type;
  bool required = false;
  std::string doc;  // one line: what it is, its unit, its fallback
};

// One thing wrong with a parameter's value that its type alone does not show (a range, a
// name), found by ModuleType::check_params.
struct ParamProblem {
  std::string param;
  std::string message;
};

struct ModuleType {
  std::string kind;  // "cpu", "memory", "device"
  std::string name;  // "cortex-m3", "ram", "cmsdk-uart"
  std::string summary;
  std::vector<ParamSpec> params;
  // Builds the module into the platform. Parameters have been validated already; errors
  // that only show at build time (a missing image file) throw anvil::BoardError.
  std::function<void(Platform&, const ComponentDesc&)> build;

  // For `anvil check` (docs/cli.md): what the schema alone cannot say, so that a board that
  // checks also builds. All optional.
  // The address window a device decodes when it has no `size` parameter (0: its base only).
  std::uint64_t window_size = 0;
  // A cpu's interrupt lines when its `irqs` parameter does not set them (0: not known).
  unsigned default_irq_lines = 0;
  // It counts time in clock cycles: clock_hz must be set on it or on the board.
  bool needs_clock = false;
  // Problems with parameter values (ranges, names); called once every value has its declared
  // type. build() may call it too, so both agree.
  std::function<std::vector<ParamProblem>(const ComponentDesc&)> check_params = {};
};

class Registry {
 public:
  void add(ModuleType type);
  const ModuleType* find(const std::string& kind, const std::string& name) const;
  std::vector<const ModuleType*> all() const;  // sorted by kind, then name

 private:
  std::map<std::pair<std::string, std::string>, ModuleType> types_;
};

// Every module type Anvil ships (cores, memories, peripherals).
void register_builtin_types(Registry& registry);

}  // namespace anvil
