#include "test_registry.h"

namespace anvil::test {

Registry make_test_registry() {
  Registry registry;
  const std::vector<ParamSpec> cpu_params{
      {"clock_hz", ParamType::Number, false, "core clock in Hz; fallback: the board's"},
      {"irqs", ParamType::Integer, false, "external interrupt lines"},
      {"priority_bits", ParamType::Integer, false, "NVIC priority bits"},
  };
  for (const char* model : {"cortex-m3", "cortex-m4"}) {
    registry.add({"cpu", model, "ARM Cortex-M", cpu_params, nullptr});
  }
  const std::vector<ParamSpec> memory_params{
      {"base", ParamType::Integer, true, "first address"},
      {"size", ParamType::Integer, true, "bytes"},
      {"image", ParamType::Path, false, "file loaded at reset"},
      {"image_offset", ParamType::Integer, false, "where in the memory the image goes"},
      {"format", ParamType::String, false, "elf, bin, ihex or srec; fallback: by content"},
  };
  for (const char* kind : {"ram", "rom", "flash"}) {
    registry.add({"memory", kind, "memory", memory_params, nullptr});
  }
  registry.add({"device",
                "cmsdk-uart",
                "CMSDK APB UART",
                {{"base", ParamType::Integer, true, "the UART's base address"},
                 {"irq", ParamType::Irq, false, "combined interrupt"},
                 {"rx_irq", ParamType::Irq, false, "receive interrupt"},
                 {"tx_irq", ParamType::Irq, false, "transmit interrupt"},
                 {"backend", ParamType::String, false, "stdio, file:NAME or none"}},
                nullptr});
  registry.add({"device",
                "cmsdk-timer",
                "CMSDK APB timer",
                {{"base", ParamType::Integer, true, "the timer's base address"},
                 {"irq", ParamType::Irq, false, "interrupt"}},
                nullptr});
  registry.add({"device",
                "cmsdk-dualtimer",
                "CMSDK APB dual timer",
                {{"base", ParamType::Integer, true, "the dual timer's base address"},
                 {"irq", ParamType::Irq, false, "combined interrupt"}},
                nullptr});
  registry.add({"device",
                "anvil-simctrl",
                "simulation control",
                {{"base", ParamType::Integer, true, "base address"}},
                nullptr});
  registry.add(
      {"clock", "fixed", "a board clock", {{"hz", ParamType::Number, true, "Hz"}}, nullptr});
  return registry;
}

}  // namespace anvil::test
