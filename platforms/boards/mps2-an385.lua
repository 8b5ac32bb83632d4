-- ARM MPS2 (V2M-MPS2) with the AN385 FPGA image: a Cortex-M3 and CMSDK peripherals. Addresses
-- and IRQ numbers follow ARM Application Note AN385 ("Memory map" and "Interrupt map") as
-- QEMU's mps2-an385 machine models them (hw/arm/mps2.c), so one ELF runs on both.
--
-- Not modelled: the mirrors of SSRAM1 (0x00400000) and SSRAM2/3 (0x20400000), the block-RAM
-- boot remap, the FPGA system control (0x40028000) and SCC (0x4002f000) registers, the
-- Ethernet controller (0x40200000, IRQ 13), VGA, and the UART overflow IRQ (12).
local cmsdk = require "cmsdk"

return board {
  name = "mps2-an385",
  description = "ARM MPS2 with the AN385 FPGA image: Cortex-M3 at 25 MHz, CMSDK UARTs and timers",
  clock_hz = 25 * MHz,  -- AN385 SYSCLK

  -- 32 external interrupts as on AN385; 3 NVIC priority bits as in ARM's CMSDK_CM3.h.
  -- SysTick is part of the core.
  cpu0 = cpu { model = "cortex-m3", clock_hz = 25 * MHz, irqs = 32, priority_bits = 3 },

  -- ZBT SSRAM1: RAM-like on AN385 (code and data), and where QEMU's -kernel puts the image.
  ssram1 = memory { base = 0x00000000, size = 4 * MiB, image = param "firmware" },
  blockram = memory { base = 0x01000000, size = 16 * KiB },
  ssram23 = memory { base = 0x20000000, size = 4 * MiB },  -- ZBT SSRAM2 and 3, interleaved
  psram = memory { base = 0x21000000, size = 16 * MiB },

  -- CMSDK APB subsystem. UART n: RX interrupt, and TX on the next line.
  timer0 = cmsdk.timer { base = 0x40000000, irq = 8 },
  timer1 = cmsdk.timer { base = 0x40001000, irq = 9 },
  -- The dual timer's combined interrupt (TIMINTC) is IRQ 10 (AN385 section 3.4).
  dualtimer = device { type = "cmsdk-dualtimer", base = 0x40002000, irq = { "cpu0", 10 } },
  uart0 = cmsdk.uart { base = 0x40004000, rx_irq = 0, tx_irq = 1, backend = "stdio" },
  uart1 = cmsdk.uart { base = 0x40005000, rx_irq = 2, tx_irq = 3 },
  uart2 = cmsdk.uart { base = 0x40006000, rx_irq = 4, tx_irq = 5 },
  uart3 = cmsdk.uart { base = 0x40007000, rx_irq = 18, tx_irq = 19 },
  uart4 = cmsdk.uart { base = 0x40009000, rx_irq = 20, tx_irq = 21 },

  -- Anvil's simulation control (exit code, ...). 0x400ff000 lies in the reserved hole
  -- 0x40030000..0x401fffff of the AN385 map, which QEMU fills with a read-as-zero,
  -- write-ignored "unimplemented" region: the same firmware can probe it on both.
  simctrl = device { type = "anvil-simctrl", base = 0x400ff000 },

  -- What the regression runner boots on this board (docs/python.md): firmware from the
  -- build directory, UART0 output compared with output recorded on qemu-system-arm.
  firmware_tests = {
    { name = "hello", firmware = "firmware/demos/hello-cortex-m/hello-cortex-m.elf",
      golden = "../../firmware/demos/hello-cortex-m/expected-output.txt" },
    { name = "irq", firmware = "firmware/tests/irq-cortex-m/irq-cortex-m.elf",
      golden = "../../firmware/tests/irq-cortex-m/expected-output.txt" },
    { name = "bus-fault", firmware = "firmware/tests/fault-cortex-m/fault-cortex-m.elf",
      golden = "../../firmware/tests/fault-cortex-m/expected-output.txt", exit_code = 3 },
  },
}
