-- A test board, not real hardware: the MPS2 AN385 map with a second Cortex-M3 on the same
-- bus (both reset through the vector table at 0 and share every memory and device), for the
-- multi-core GDB test with firmware/tests/dual-core-cortex-m. Interrupts stay wired to cpu0.
return board {
  extends = "mps2-an385.lua",
  name = "dual-cortex-m3",
  description = "test board: two Cortex-M3 sharing the MPS2 AN385 memory map",
  -- 64 interrupt lines (cpu0 has 32): the firmware tells the cores apart by ICTR.
  cpu1 = cpu { model = "cortex-m3", clock_hz = 25 * MHz, irqs = 64, priority_bits = 3 },
}
