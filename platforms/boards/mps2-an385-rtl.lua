-- The MPS2 AN385 with three RTL blocks on its bus, verilated from Verilog in this build
-- (docs/rtl-cosim.md): the APB timer/PWM and APB GPIO of peripherals/rtl/verilog, and the
-- AXI4-Lite accumulator of the user recipe. They sit in the reserved hole above the AN385
-- APB peripherals and use interrupt lines 24..26, which AN385 leaves unused.
return board {
  extends = "mps2-an385.lua",
  name = "mps2-an385-rtl",
  description = "MPS2 AN385 with RTL blocks (APB timer, APB GPIO, AXI4-Lite accumulator)",

  clk0 = clock { hz = 25 * MHz },  -- the blocks' clock: the same as SYSCLK

  rtltimer = device { type = "rtl", model = "apb_timer", bus = "apb", clock = "clk0",
                      base = 0x40030000, irq = { "cpu0", 24 } },
  rtlgpio = device { type = "rtl", model = "apb_gpio", bus = "apb", clock = "clk0",
                     base = 0x40031000, irq = { "cpu0", 25 } },
  accumulator = device { type = "rtl", model = "axil_accumulator", bus = "axi-lite",
                         clock = "clk0", base = 0x40032000, irq = { "cpu0", 26 } },
}
