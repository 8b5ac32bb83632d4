-- The MPS2 AN385 as shipped, with the example's own list of firmware tests: one row of the
-- board x firmware matrix (docs/python.md, "Regression").
return board {
  extends = "mps2-an385.lua",
  name = "an385",
  firmware_tests = {
    { name = "hello", firmware = "firmware/demos/hello-cortex-m/hello-cortex-m.elf" },
    { name = "irq", firmware = "firmware/tests/irq-cortex-m/irq-cortex-m.elf" },
    { name = "bus-fault", firmware = "firmware/tests/fault-cortex-m/fault-cortex-m.elf",
      exit_code = 3 },
  },
}
