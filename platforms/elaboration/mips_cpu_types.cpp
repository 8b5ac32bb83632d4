// CPU types "r3000", "4kc" and "24kf" (cores/mips), each with an `endian` parameter; and the
// "ns16550" UART, which MIPS boards (Malta) need in either byte order.
#include <optional>
#include <string>
#include <vector>

#include "cores/mips/mips.h"
#include "peripherals/uart/ns16550.h"
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/params.h"
#include "platforms/elaboration/platform.h"

namespace anvil {

namespace {

constexpr unsigned kIrqLines = 6;  // Cause.IP2..IP7 (MIPS32 PRA 6.1.2.1)

std::optional<ParamProblem> byte_order_problem(const ComponentDesc& c, const std::string& name) {
  const std::optional<std::string> value = string_param(c, name);
  if (!value || *value == "big" || *value == "little") return std::nullopt;
  return ParamProblem{name, "must be \"big\" or \"little\", not \"" + *value + "\""};
}

// "big" or "little" (default `fallback`); check_* has rejected anything else.
std::endian byte_order_param(const ComponentDesc& c, const std::string& name,
                             std::endian fallback) {
  const std::optional<std::string> value = string_param(c, name);
  if (!value) return fallback;
  return *value == "big" ? std::endian::big : std::endian::little;
}

std::vector<ParamProblem> check_mips(const ComponentDesc& c) {
  std::vector<ParamProblem> problems;
  if (auto problem = byte_order_problem(c, "endian")) problems.push_back(*problem);
  return problems;
}

void build_mips(Platform& platform, const ComponentDesc& c) {
  throw_first(c, check_mips(c));
  mips::MipsConfig config;
  config.model = c.type;
  // Malta boots big-endian unless its switch says otherwise; so do most MIPS boards.
  config.byte_order = byte_order_param(c, "endian", std::endian::big);
  config.address_map = mips::AddressMap::Segments;
  platform.add_cpu(c, config.byte_order,
                   [config](MemoryPort& memory) { return mips::create_mips(config, memory); });
}

std::vector<ParamProblem> check_ns16550(const ComponentDesc& c) {
  std::vector<ParamProblem> problems;
  if (integer_param(c, "base").value_or(0) < 0)
    problems.push_back({"base", "must not be negative"});
  const std::int64_t shift = integer_param(c, "reg_shift").value_or(0);
  if (shift < 0 || shift > 4) problems.push_back({"reg_shift", "must be 0..4"});
  if (auto problem = byte_order_problem(c, "byte_order")) problems.push_back(*problem);
  if (const auto backend = string_param(c, "backend"))
    if (auto problem = char_backend_problem(*backend)) problems.push_back({"backend", *problem});
  return problems;
}

void build_ns16550(Platform& platform, const ComponentDesc& c) {
  throw_first(c, check_ns16550(c));
  const auto reg_shift = static_cast<unsigned>(integer_param(c, "reg_shift").value_or(0));
  auto& uart = platform.add_module<Ns16550>(c.name.c_str(), platform.clock_period(c), reg_shift,
                                            byte_order_param(c, "byte_order", std::endian::little),
                                            platform.make_backend(c, "backend", "stdio"));
  platform.map(c, static_cast<Addr>(required_integer(c, "base")), Ns16550::window_size(reg_shift),
               uart.socket, "device");
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
        .default_irq_lines = kIrqLines,
        .needs_clock = true,
        .check_params = check_mips,
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
      // The PC layout's eight bytes: the least it decodes (reg_shift 3 decodes 64).
      .window_size = Ns16550::window_size(0),
      .needs_clock = true,
      .check_params = check_ns16550,
  });
}

}  // namespace anvil
