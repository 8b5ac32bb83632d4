// CPU types "cortex-m3" and "cortex-m4" (cores/arm).
#include "cores/arm/cortex_m.h"
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/params.h"
#include "platforms/elaboration/platform.h"

namespace anvil {

namespace {

void build_cortex_m(Platform& platform, const ComponentDesc& c) {
  arm::CortexMConfig config;
  config.model = c.type;
  const std::int64_t irqs = integer_param(c, "irqs").value_or(32);
  if (irqs < 1 || irqs > 240) param_error(c, "irqs", "must be 1..240 (NVIC external interrupts)");
  config.external_irqs = static_cast<unsigned>(irqs);
  const std::int64_t bits = integer_param(c, "priority_bits").value_or(3);
  if (bits < 3 || bits > 8) param_error(c, "priority_bits", "must be 3..8");
  config.priority_bits = static_cast<unsigned>(bits);
  // TODO(integration): attach anvil::ArmSemihosting (debug/semihosting) here once the
  // firmware branch lands: config.semihosting = the handler, owned by the platform, with
  // its exit wired to Platform::exit and files rooted at options().semihosting_root.
  platform.add_cpu(c, std::endian::little,
                   [config](MemoryPort& memory) { return arm::create_cortex_m(config, memory); });
}

}  // namespace

void register_arm_cpu_types(Registry& registry) {
  for (const std::string& model : arm::cortex_m_models()) {
    registry.add({
        .kind = "cpu",
        .name = model,
        .summary = "ARM " + model + " (ARMv7-M" + std::string(model == "cortex-m4" ? "E" : "") +
                   ", no FPU)",
        .params = {{"clock_hz", ParamType::Number, false,
                    "core clock in Hz (default: the board's clock_hz)"},
                   {"irqs", ParamType::Integer, false,
                    "external interrupt lines, 1..240 (default 32)"},
                   {"priority_bits", ParamType::Integer, false,
                    "implemented NVIC priority bits, 3..8 (default 3)"}},
        .build = build_cortex_m,
    });
  }
}

void register_builtin_types(Registry& registry) {
  register_arm_cpu_types(registry);
  register_memory_types(registry);
  register_device_types(registry);
}

}  // namespace anvil
