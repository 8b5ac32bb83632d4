// CPU types "r3000", "4kc" and "24kf" (cores/mips), each with an `endian` parameter; and the
// "ns16550" UART, which MIPS boards (Malta) need in either byte order.
#include <string>

#include "cores/mips/mips.h"
#include "peripherals/uart/ns16550.h"
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/params.h"
#include "platforms/elaboration/platform.h"

namespace anvil {

namespace {

// "big" or "little" (default `fallback`); anything else names the parameter in the error.
std::endian byte_order_param(const ComponentDesc& c, const std::string& name,
                             std::endian fallback) {
  const std::optional<std::string> value = string_param(c, name);
  if (!value) return fallback;
  if (*value == "big") return std::endian::big;
  if (*value == "little") return std::endian::little;
  param_error(c, name, "must be \"big\" or \"little\", not \"" + *value + "\"");
}

void build_mips(Platform& platform, const ComponentDesc& c) {
  mips::MipsConfig config;
  config.model = c.type;
  // Malta boots big-endian unless its switch says otherwise; so do most MIPS boards.
  config.byte_order = byte_order_param(c, "endian", std::endian::big);
  config.address_map = mips::AddressMap::Segments;
  platform.add_cpu(c, config.byte_order,
                   [config](MemoryPort& memory) { return mips::create_mips(config, memory); });
}

void build_ns16550(Platform& platform, const ComponentDesc& c) {
  const std::int64_t base = required_integer(c, "base");
  if (base < 0) param_error(c, "base", "must not be negative");
  const std::int64_t shift = integer_param(c, "reg_shift").value_or(0);
  if (shift < 0 || shift > 4) param_error(c, "reg_shift", "must be 0..4");
  const auto reg_shift = static_cast<unsigned>(shift);
  auto& uart = platform.add_module<Ns16550>(c.name.c_str(), platform.clock_period(c), reg_shift,
                                            byte_order_param(c, "byte_order", std::endian::little),
                                            platform.make_backend(c, "backend", "stdio"));
  platform.map(c, static_cast<Addr>(base), Ns16550::window_size(reg_shift), uart.socket, "device");
  platform.connect_irq(c, "irq", uart.irq);
}

}  // namespace

void register_mips_cpu_types(Registry& registry) {
  for (const std::string& model : mips::mips_models()) {
    registry.add({
        .kind = "cpu",
        .name = model,
        .summary = mips::mips_model_summary(model),
        .params = {{"clock_hz", ParamType::Number, false,
                    "core clock in Hz (default: the board's clock_hz)"},
                   {"endian", ParamType::String, false,
                    "\"big\" (default) or \"little\": the byte order of the core and its bus"}},
        .build = build_mips,
    });
  }
  registry.add({
      .kind = "device",
      .name = "ns16550",
      .summary = "NS16550A UART (TI PC16550D), PC or Malta register layout",
      .params = {{"base", ParamType::Integer, true, "physical base address"},
                 {"clock_hz", ParamType::Number, false,
                  "UART input clock in Hz, the baud generator's (default: the board's)"},
                 {"reg_shift", ParamType::Integer, false,
                  "register n at base + (n << reg_shift): 0 (default, PC) or 3 (Malta)"},
                 {"byte_order", ParamType::String, false,
                  "\"little\" (default) or \"big\": how 32-bit register accesses are laid out"},
                 {"backend", ParamType::String, false,
                  "host side: \"stdio\" (default), \"null\" or \"file:PATH\""},
                 {"irq", ParamType::Irq, false, "interrupt output (INTR): { cpu, line }"}},
      .build = build_ns16550,
  });
}

}  // namespace anvil
