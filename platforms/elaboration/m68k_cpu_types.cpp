// CPU type "68000" (cores/m68k): the cycle-exact Motorola 68000. Interrupt lines 1-7 are the
// IPL levels (line n asserts level n; 7 is non-maskable); acknowledge is autovectored.
#include "cores/m68k/m68000.h"
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/params.h"
#include "platforms/elaboration/platform.h"

namespace anvil {

namespace {

void build_m68000(Platform& platform, const ComponentDesc& c) {
  m68k::M68000Config config;
  config.model = c.type;
  platform.add_cpu(c, std::endian::big, [config](MemoryPort& memory) -> std::unique_ptr<Core> {
    return m68k::create_m68000(config, memory);
  });
}

}  // namespace

void register_m68k_cpu_types(Registry& registry) {
  for (const std::string& model : m68k::m68k_models()) {
    registry.add({
        .kind = "cpu",
        .name = model,
        .summary = "Motorola " + model + " (bus cycles and timing exact, 24-bit addresses)",
        .params = {{"clock_hz", ParamType::Number, false,
                    "core clock in Hz (default: the board's clock_hz)"}},
        .build = build_m68000,
    });
  }
}

}  // namespace anvil
