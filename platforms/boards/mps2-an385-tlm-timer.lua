-- mps2-an385-rtl with the RTL timer replaced by its C++ model (peripherals/timer/
-- apb_timer_model.h): the same firmware must print the same output on both boards.
return board {
  extends = "mps2-an385-rtl.lua",
  name = "mps2-an385-tlm-timer",
  description = "mps2-an385-rtl with the C++ model of the timer instead of its RTL",
  rtltimer = device { type = "apb-timer", clock = "clk0", base = 0x40030000, irq = { "cpu0", 24 } },
}
