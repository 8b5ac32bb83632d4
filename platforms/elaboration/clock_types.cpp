// Board clocks: `clk0 = clock { hz = 50 * MHz }`. A clock builds nothing by itself; devices
// that take a `clock` parameter (the rtl type) run from the clock it names
// (Platform::board_clock_period).
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/params.h"

namespace anvil {

namespace {

void build_clock(Platform&, const ComponentDesc& c) {
  const double hz = *number_param(c, "hz");
  if (!(hz > 0)) param_error(c, "hz", "must be a positive number of hertz");
}

}  // namespace

void register_clock_types(Registry& registry) {
  registry.add({
      .kind = "clock",
      .name = "fixed",
      .summary = "a free-running clock of fixed frequency, for devices that name it",
      .params = {{"hz", ParamType::Number, true, "frequency in Hz"}},
      .build = build_clock,
  });
}

}  // namespace anvil
