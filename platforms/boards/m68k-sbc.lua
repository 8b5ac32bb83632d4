-- The Anvil 68000 single-board computer: a 68000 at 8 MHz with ROM at 0 (the reset vectors
-- and the firmware), RAM, an MC68681 DUART (console on channel A, counter/timer, IRQ on level
-- 4, autovectored) and the simulator-control device. A board in the style of the classic
-- 68000 SBCs, not a copy of one; firmware for it: firmware/demos/hello-m68k-sbc.
return board {
  name = "m68k-sbc",
  description = "68000 at 8 MHz, 128 KiB ROM at 0, 1 MiB RAM, MC68681 DUART, simctrl",
  clock_hz = 8 * MHz,

  cpu0 = cpu { model = "68000" },

  rom = memory { kind = "rom", base = 0x000000, size = 128 * KiB, image = param "firmware" },
  ram = memory { base = 0x100000, size = 1 * MiB },

  -- Register n at 0xF00000 + 2n + 1 (D7-D0); 3.6864 MHz crystal.
  duart = device { type = "mc68681", base = 0xF00000, xtal_hz = 3686400, irq = { "cpu0", 4 },
                   backend = "stdio" },

  -- Big-endian registers for a 16-bit bus (docs/devices/simctrl.md).
  simctrl = device { type = "anvil-simctrl", base = 0xFF0000, order = "big" },
}
