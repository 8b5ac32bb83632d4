// CPU types "68000" to "68040" (cores/m68k): the cycle-exact Motorola 68000 and its
// successors as variants of the same core. Interrupt lines 1-7 are the IPL levels (line n
// asserts level n; 7 is non-maskable); acknowledge is autovectored.
#include "cores/m68k/m68000.h"
#include "cores/m68k/m68k_variants.h"
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/params.h"
#include "platforms/elaboration/platform.h"

#include <stdexcept>

namespace anvil {

namespace {

void build_m68000(Platform& platform, const ComponentDesc& c) {
  m68k::M68000Config config;
  config.model = c.type;
  config.fpu = string_param(c, "fpu").value_or("");
  try {
    m68k::fpu_model_named(*m68k::find_m68k_variant(config.model), config.fpu);
  } catch (const std::invalid_argument& e) {
    param_error(c, "fpu", e.what());  // at the fpu's own origin: the board line or the -p
  }
  platform.add_cpu(c, std::endian::big, [config](MemoryPort& memory) -> std::unique_ptr<Core> {
    return m68k::create_m68000(config, memory);
  });
}

}  // namespace

void register_m68k_cpu_types(Registry& registry) {
  for (const m68k::M68kVariant& variant : m68k::m68k_variants()) {
    const std::string model(variant.name);
    const std::string timing = variant.timing == m68k::TimingSource::BusCycles
                                   ? "bus cycles and timing exact"
                                   : "cycle counts from the manual's tables";
    registry.add({
        .kind = "cpu",
        .name = model,
        .summary = "Motorola " + model + " (" + timing + ", " +
                   std::to_string(variant.address_bits) + "-bit addresses)",
        .params = {{"clock_hz", ParamType::Number, false,
                    "core clock in Hz (default: the board's clock_hz)"},
                   {"fpu", ParamType::String, false,
                    "68020/68030: \"68881\", \"68882\" (default) or \"none\""}},
        .build = build_m68000,
    });
  }
}

}  // namespace anvil
