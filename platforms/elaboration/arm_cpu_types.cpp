// CPU types "cortex-m3" and "cortex-m4" (cores/arm).
#include <cmath>
#include <cstdio>

#include "cores/arm/cortex_m.h"
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/params.h"
#include "platforms/elaboration/platform.h"
#ifdef ANVIL_WITH_SEMIHOSTING
#include "debug/semihosting/arm_semihosting.h"
#endif

namespace anvil {

namespace {

#ifdef ANVIL_WITH_SEMIHOSTING
// BKPT 0xAB services for one core, owned by the platform like any module.
struct SemihostingModule : sc_core::sc_module {
  SemihostingModule(sc_core::sc_module_name name, ArmSemihostingConfig config)
      : sc_core::sc_module(name), service(std::move(config)) {}
  ArmSemihosting service;
};

ArmSemihosting& add_semihosting(Platform& platform, const ComponentDesc& c) {
  ArmSemihostingConfig config;
  config.root_dir = platform.options().semihosting_root;
  config.cmdline = platform.options().semihosting_cmdline;
  config.clock_hz =
      static_cast<std::uint64_t>(std::llround(1.0 / platform.clock_period(c).to_seconds()));
  // The same C stdio streams as the "stdio" UART backend, so their output keeps its order.
  config.console_output = [](std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  };
  config.console_error = [](std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stderr);
  };
  config.console_input = [] { return std::getchar(); };
  config.exit = [&platform](int code) { platform.exit(code); };  // stops every core
  const std::string name = c.name + "_semihosting";
  return platform.add_module<SemihostingModule>(name.c_str(), std::move(config)).service;
}
#endif

constexpr unsigned kDefaultIrqs = 32;

std::vector<ParamProblem> check_cortex_m(const ComponentDesc& c) {
  std::vector<ParamProblem> problems;
  const std::int64_t irqs = integer_param(c, "irqs").value_or(kDefaultIrqs);
  if (irqs < 1 || irqs > 240)
    problems.push_back({"irqs", "must be 1..240 (NVIC external interrupts)"});
  const std::int64_t bits = integer_param(c, "priority_bits").value_or(3);
  if (bits < 3 || bits > 8) problems.push_back({"priority_bits", "must be 3..8"});
  return problems;
}

void build_cortex_m(Platform& platform, const ComponentDesc& c) {
  throw_first(c, check_cortex_m(c));
  arm::CortexMConfig config;
  config.model = c.type;
  config.external_irqs = static_cast<unsigned>(integer_param(c, "irqs").value_or(kDefaultIrqs));
  config.priority_bits = static_cast<unsigned>(integer_param(c, "priority_bits").value_or(3));
#ifdef ANVIL_WITH_SEMIHOSTING
  config.semihosting = &add_semihosting(platform, c);
#endif
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
        .default_irq_lines = kDefaultIrqs,
        .needs_clock = true,
        .check_params = check_cortex_m,
    });
  }
}

}  // namespace anvil
