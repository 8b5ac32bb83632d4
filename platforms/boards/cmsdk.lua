-- Shared fragment: ARM Cortex-M System Design Kit (CMSDK) APB peripherals, for boards built
-- around a Cortex-M core. Use with `local cmsdk = require "cmsdk"`.
--
-- Each function returns a device; the component's source line is the board's line that
-- called it (the calls below are tail calls), so errors point into the board file.
local cmsdk = {}

-- An APB UART with separate receive and transmit interrupts on core `cpu` (default cpu0).
function cmsdk.uart(fields)
  local cpu = fields.cpu or "cpu0"
  return device {
    type = "cmsdk-uart",
    base = fields.base,
    rx_irq = { cpu, fields.rx_irq },
    tx_irq = { cpu, fields.tx_irq },
    backend = fields.backend,
  }
end

-- An APB timer (a 32-bit down counter) with one interrupt.
function cmsdk.timer(fields)
  return device { type = "cmsdk-timer", base = fields.base, irq = { fields.cpu or "cpu0", fields.irq } }
end

return cmsdk
