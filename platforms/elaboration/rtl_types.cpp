// Device type "rtl": a verilated Verilog block (peripherals/rtl) behind a TLM-to-APB or
// TLM-to-AXI4-Lite bridge. `model` picks the block from the catalog of this build
// (anvil_add_rtl_model in peripherals/rtl/CMakeLists.txt), `bus` must match the block's.
#include "peripherals/rtl/rtl_device.h"
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/params.h"
#include "platforms/elaboration/platform.h"

namespace anvil {

namespace {

constexpr Addr kRtlWindow = 0x1000;  // the blocks decode 12 address bits

std::string model_names(const RtlCatalog& catalog) {
  std::string names;
  for (const auto& [name, entry] : catalog) names += (names.empty() ? "" : ", ") + name;
  return names.empty() ? "this build verilated none" : names;
}

// FILE.vcd for the first RTL block of the board, FILE.<name>.vcd for any other.
std::string waves_path(const Platform& platform, const ComponentDesc& c) {
  const std::string& waves = platform.options().waves;
  for (const ComponentDesc& other : platform.board().components) {
    if (other.kind != "device" || other.type != "rtl") continue;
    if (other.name == c.name) return waves;
    break;
  }
  const std::size_t dot = waves.rfind('.');
  const std::size_t slash = waves.rfind('/');
  const bool has_extension =
      dot != std::string::npos && (slash == std::string::npos || dot > slash);
  if (!has_extension) return waves + "." + c.name;
  return waves.substr(0, dot) + "." + c.name + waves.substr(dot);
}

void build_rtl(Platform& platform, const ComponentDesc& c) {
  const RtlCatalog catalog = rtl_models();
  const std::string model = *string_param(c, "model");
  const auto entry = catalog.find(model);
  if (entry == catalog.end())
    param_error(c, "model", "unknown RTL model \"" + model + "\" (" + model_names(catalog) + ")");
  if (const auto bus = string_param(c, "bus"); bus && *bus != entry->second.bus)
    param_error(c, "bus",
                "\"" + *bus + "\" does not match model " + model + ", whose bus is \"" +
                    entry->second.bus + "\"");
  const std::int64_t base = required_integer(c, "base");
  if (base < 0) param_error(c, "base", "must not be negative");
  const sc_core::sc_time period =
      platform.board_clock_period(c, "clock").value_or(platform.clock_period(c));
  sc_core::sc_time sync = sc_core::SC_ZERO_TIME;  // the global quantum
  if (const auto cycles = integer_param(c, "sync_cycles")) {
    if (*cycles < 1) param_error(c, "sync_cycles", "must be at least 1 (one clock cycle: exact)");
    sync = sc_core::sc_time::from_value(period.value() * static_cast<std::uint64_t>(*cycles));
  }
  auto device = entry->second.make({c.name, period, sync});
  platform.map(c, static_cast<Addr>(base), kRtlWindow, device->target(), "device");
  platform.connect_irq(c, "irq", device->irq);
  if (!platform.options().waves.empty()) device->record_waves(waves_path(platform, c));
  platform.adopt_module(std::move(device));
}

}  // namespace

void register_rtl_types(Registry& registry) {
  registry.add({
      .kind = "device",
      .name = "rtl",
      .summary = "a Verilog block verilated into this build, on an APB or AXI4-Lite bridge "
                 "(docs/rtl-cosim.md)",
      .params = {{"model", ParamType::String, true, "the block: apb_timer, apb_gpio, ..."},
                 {"base", ParamType::Integer, true, "physical base address (4 KiB window)"},
                 {"bus", ParamType::String, false,
                  "\"apb\" or \"axi-lite\"; must match the model's (default: the model's)"},
                 {"clock", ParamType::String, false,
                  "the board clock the block runs from, as in clock = \"clk0\" (default: "
                  "clock_hz, else the board's clock_hz)"},
                 {"clock_hz", ParamType::Number, false, "block clock in Hz, without `clock`"},
                 {"irq", ParamType::Irq, false, "the block's irq output: { cpu, line }"},
                 {"sync_cycles", ParamType::Integer, false,
                  "while its clock runs, the block catches up with the cores every this many "
                  "of its cycles; 1 makes what it raises exact at any quantum (default: "
                  "once per quantum)"}},
      .build = build_rtl,
  });
}

}  // namespace anvil
