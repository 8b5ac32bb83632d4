-- MIPS Malta, the memory map only: enough to boot bare-metal firmware. Addresses follow the
-- "MIPS Malta User's Manual" (MD00048), "Memory map" (as QEMU's malta machine models them,
-- hw/mips/malta.c): RAM from 0, the boot ROM (Monitor flash) at 0x1FC00000 where the reset
-- vector 0xBFC00000 (kseg1) lands, the CBUS UART (a 16550 with 32-bit registers 8 bytes
-- apart) at 0x1F000900 on the CPU's interrupt MB2 (IP4, line 2).
--
-- Not modelled (the full platform comes with the Linux-boot work): the GT-64120 system
-- controller and PCI, the PIIX4 south bridge with its i8259s and SuperIO UARTs, the FPGA
-- registers (LEDs, ASCII display, software reset at 0x1F000500), the flash's programming.
--
-- Anvil's simulation control sits at 0x1F010000, in the board-register region
-- 0x1F000000..0x1F3FFFFF where the real board decodes nothing there.
--
-- Big-endian, as the board's endianness switch is usually set; malta-mini-el.lua is the
-- little-endian one.
return board {
  name = "malta-mini",
  description = "MIPS Malta memory map: MIPS32 24Kf at 100 MHz, RAM, boot ROM, CBUS UART",
  clock_hz = 100 * MHz,

  cpu0 = cpu { model = "24kf", endian = "big" },

  ram = memory { base = 0x00000000, size = 128 * MiB },
  bootrom = memory { kind = "rom", base = 0x1FC00000, size = 4 * MiB, image = param "firmware" },

  -- The CBUS UART's clock: 3.6864 MHz (Linux arch/mips/mti-malta/malta-platform.c).
  uart0 = device { type = "ns16550", base = 0x1F000900, reg_shift = 3, byte_order = "big",
                   clock_hz = 3686400, irq = { "cpu0", 2 }, backend = "stdio" },

  -- Big-endian registers, as the big-endian core stores a word (docs/devices/simctrl.md).
  simctrl = device { type = "anvil-simctrl", base = 0x1F010000, order = "big" },
}
