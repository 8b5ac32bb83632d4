-- The same board with its core and peripherals clocked at 50 MHz instead of 25 MHz, as a
-- board-file variant under test would be: the same firmware must print the same thing.
return board {
  extends = "mps2-an385.lua",
  name = "an385-fast",
  clock_hz = 50 * MHz,
  cpu0 = { clock_hz = 50 * MHz },
  firmware_tests = {
    { name = "hello", firmware = "firmware/demos/hello-cortex-m/hello-cortex-m.elf" },
    { name = "irq", firmware = "firmware/tests/irq-cortex-m/irq-cortex-m.elf" },
    { name = "bus-fault", firmware = "firmware/tests/fault-cortex-m/fault-cortex-m.elf",
      exit_code = 3 },
    -- Deliberately failing: its golden file still has the banner of an older demo, so the
    -- docs can show what a regression looks like.
    { name = "hello-stale-golden", firmware = "firmware/demos/hello-cortex-m/hello-cortex-m.elf" },
  },
}
