// Device types: "cmsdk-uart", "cmsdk-timer", "cmsdk-dualtimer", "apb-timer", "mc68681",
// "anvil-simctrl".
#include "peripherals/simctrl/simctrl.h"
#include "peripherals/timer/apb_timer_model.h"
#include "peripherals/timer/cmsdk_dual_timer.h"
#include "peripherals/timer/cmsdk_timer.h"
#include "peripherals/uart/cmsdk_uart.h"
#include "peripherals/uart/mc68681.h"
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/params.h"
#include "platforms/elaboration/platform.h"

namespace anvil {

namespace {

constexpr Addr kApbDeviceSize = 0x1000;  // CMSDK APB peripherals decode 4 KiB each

Addr device_base(const ComponentDesc& c) {
  const std::int64_t base = required_integer(c, "base");
  if (base < 0) param_error(c, "base", "must not be negative");
  return static_cast<Addr>(base);
}

const ParamSpec kBase{"base", ParamType::Integer, true, "physical base address (4 KiB window)"};
const ParamSpec kClock{"clock_hz", ParamType::Number, false,
                       "peripheral clock in Hz (default: the board's clock_hz)"};
const ParamSpec kBackend{
    "backend", ParamType::String, false,
    "host side: \"stdio\" (default), \"null\" or \"file:PATH\" (PATH from the current directory)"};

// Every device here: a backend parameter, when set, names a backend that exists.
std::vector<ParamProblem> check_device(const ComponentDesc& c) {
  std::vector<ParamProblem> problems;
  if (auto backend = string_param(c, "backend"))
    if (auto problem = char_backend_problem(*backend)) problems.push_back({"backend", *problem});
  return problems;
}

void build_uart(Platform& platform, const ComponentDesc& c) {
  auto& uart = platform.add_module<CmsdkUart>(c.name.c_str(), platform.clock_period(c),
                                              platform.make_backend(c, "backend", "stdio"));
  platform.map(c, device_base(c), kApbDeviceSize, uart.socket, "device");
  platform.connect_irq(c, "irq", uart.combined_irq);
  platform.connect_irq(c, "tx_irq", uart.tx_irq);
  platform.connect_irq(c, "rx_irq", uart.rx_irq);
  platform.connect_irq(c, "overrun_irq", uart.overrun_irq);
}

void build_timer(Platform& platform, const ComponentDesc& c) {
  auto& timer = platform.add_module<CmsdkTimer>(c.name.c_str(), platform.clock_period(c));
  platform.map(c, device_base(c), kApbDeviceSize, timer.socket, "device");
  platform.connect_irq(c, "irq", timer.irq);
}

void build_dual_timer(Platform& platform, const ComponentDesc& c) {
  auto& timer = platform.add_module<CmsdkDualTimer>(c.name.c_str(), platform.clock_period(c));
  platform.map(c, device_base(c), kApbDeviceSize, timer.socket, "device");
  platform.connect_irq(c, "irq", timer.combined_irq);
  platform.connect_irq(c, "irq1", timer.irq1);
  platform.connect_irq(c, "irq2", timer.irq2);
}

void build_apb_timer(Platform& platform, const ComponentDesc& c) {
  const sc_core::sc_time period =
      platform.board_clock_period(c, "clock").value_or(platform.clock_period(c));
  auto& timer = platform.add_module<ApbTimerModel>(c.name.c_str(), period);
  platform.map(c, device_base(c), kApbDeviceSize, timer.socket, "device");
  platform.connect_irq(c, "irq", timer.irq);
}

void build_duart(Platform& platform, const ComponentDesc& c) {
  const double xtal_hz = number_param(c, "xtal_hz").value_or(3686400.0);
  if (!(xtal_hz > 0)) param_error(c, "xtal_hz", "must be positive");
  auto& duart = platform.add_module<Mc68681>(
      c.name.c_str(), sc_core::sc_time(1.0 / xtal_hz, sc_core::SC_SEC),
      platform.make_backend(c, "backend", "stdio"), platform.make_backend(c, "backend_b", "null"));
  platform.map(c, device_base(c), 0x20, duart.socket, "device");  // 16 registers, odd bytes
  platform.connect_irq(c, "irq", duart.irq);
}

void build_simctrl(Platform& platform, const ComponentDesc& c) {
  const std::string order = string_param(c, "order").value_or("little");
  if (order != "little" && order != "big") param_error(c, "order", "must be \"little\" or \"big\"");
  auto& simctrl = platform.add_module<SimControl>(
      c.name.c_str(), platform.clock_period(c), platform.make_backend(c, "backend", "stdio"),
      [&platform](int code) { platform.exit(code); },
      order == "big" ? std::endian::big : std::endian::little);
  platform.map(c, device_base(c), kApbDeviceSize, simctrl.socket, "device");
}

}  // namespace

void register_device_types(Registry& registry) {
  registry.add({
      .kind = "device",
      .name = "cmsdk-uart",
      .summary = "ARM CMSDK APB UART (DDI 0479C)",
      .params = {kBase,
                 kClock,
                 kBackend,
                 {"irq", ParamType::Irq, false, "combined interrupt (UARTINT): { cpu, line }"},
                 {"tx_irq", ParamType::Irq, false, "transmit interrupt: { cpu, line }"},
                 {"rx_irq", ParamType::Irq, false, "receive interrupt: { cpu, line }"},
                 {"overrun_irq", ParamType::Irq, false, "TX/RX overrun interrupt: { cpu, line }"}},
      .build = build_uart,
      .window_size = kApbDeviceSize,
      .needs_clock = true,
      .check_params = check_device,
  });
  registry.add({
      .kind = "device",
      .name = "cmsdk-timer",
      .summary = "ARM CMSDK APB timer (DDI 0479C)",
      .params = {kBase, kClock, {"irq", ParamType::Irq, false, "timer interrupt: { cpu, line }"}},
      .build = build_timer,
      .window_size = kApbDeviceSize,
      .needs_clock = true,
      .check_params = check_device,
  });
  registry.add({
      .kind = "device",
      .name = "cmsdk-dualtimer",
      .summary = "ARM CMSDK APB dual timer (DDI 0479C; SP804 programmer's model)",
      .params = {kBase,
                 kClock,
                 {"irq", ParamType::Irq, false, "combined interrupt (TIMINTC): { cpu, line }"},
                 {"irq1", ParamType::Irq, false, "timer 1 interrupt: { cpu, line }"},
                 {"irq2", ParamType::Irq, false, "timer 2 interrupt: { cpu, line }"}},
      .build = build_dual_timer,
      .window_size = kApbDeviceSize,
      .needs_clock = true,
      .check_params = check_device,
  });
  registry.add({
      .kind = "device",
      .name = "apb-timer",
      .summary =
          "C++ model of the RTL timer peripherals/rtl/verilog/apb_timer.v (docs/rtl-cosim.md)",
      .params = {kBase,
                 kClock,
                 {"clock", ParamType::String, false,
                  "the board clock it runs from, as in clock = \"clk0\" (default: clock_hz)"},
                 {"irq", ParamType::Irq, false, "timer interrupt: { cpu, line }"}},
      .build = build_apb_timer,
  });
  registry.add({
      .kind = "device",
      .name = "mc68681",
      .summary = "Motorola MC68681 DUART: two serial channels and a counter/timer",
      .params = {{"base", ParamType::Integer, true,
                  "physical base address; register n at base + 2n + 1"},
                 {"xtal_hz", ParamType::Number, false, "X1 crystal in Hz (default 3686400)"},
                 {"backend", ParamType::String, false,
                  "channel A: \"stdio\" (default), \"null\" or \"file:PATH\""},
                 {"backend_b", ParamType::String, false, "channel B (default \"null\")"},
                 {"irq", ParamType::Irq, false, "IRQ output: { cpu, level }"}},
      .build = build_duart,
  });
  registry.add({
      .kind = "device",
      .name = "anvil-simctrl",
      .summary = "simulator control: putchar, exit, cycle counter (docs/devices/simctrl.md)",
      .params = {kBase,
                 kClock,
                 {"backend", ParamType::String, false,
                  "where PUTCHAR goes: \"stdio\" (default), \"null\" or \"file:PATH\""},
                 {"order", ParamType::String, false,
                  "register byte order: \"little\" (default) or \"big\" (big-endian guests: 68000, "
                  "MIPS)"}},
      .build = build_simctrl,
      .window_size = kApbDeviceSize,
      .needs_clock = true,
      .check_params = check_device,
  });
}

}  // namespace anvil
