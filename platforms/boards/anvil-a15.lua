-- A bare-metal board for the A-profile ARM cores: a Cortex-A15 (or any A-profile model, e.g.
-- -p cpu0.model=arm926ej-s), RAM at 0 holding the exception vectors, and CMSDK APB peripherals
-- at the MPS2 AN385 addresses. There is no interrupt controller: the timer drives the core's
-- IRQ line (line 0) directly, and line 1 (FIQ) is free. Not a real board; the test bed for
-- firmware/tests/irq-arm-a.
local cmsdk = require "cmsdk"

return board {
  name = "anvil-a15",
  description = "Cortex-A15 at 100 MHz with 64 MiB RAM at 0, a CMSDK UART and timer on IRQ",
  clock_hz = 100 * MHz,

  cpu0 = cpu { model = "cortex-a15" },
  ram = memory { base = 0x00000000, size = 64 * MiB, image = param "firmware" },

  timer0 = cmsdk.timer { base = 0x40000000, irq = 0 },
  uart0 = device { type = "cmsdk-uart", base = 0x40004000, backend = "stdio" },
  simctrl = device { type = "anvil-simctrl", base = 0x400ff000 },
}
