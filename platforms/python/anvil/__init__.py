"""Anvil from Python: boot boards, run firmware, inspect and steer it (docs/python.md).

    sim = anvil.Simulation("platforms/boards/mps2-an385.lua", params={"firmware": elf})
    sim.run(until_output=b"READY", timeout="10 ms")
    print(sim.cpu("cpu0").regs["pc"], sim.uart("uart0").output())

Each Simulation runs in a child process of its own (SystemC cannot restart its kernel in
one process), so a script or test file may create as many as it likes.
"""

from anvil.boards import BoardInfo, FirmwareTest, check, find_board, load_board
from anvil.errors import (
    AccessError,
    BoardError,
    Error,
    GuestExited,
    GuestFault,
    ImageError,
    SimulationEnded,
    SimulatorCrash,
    Timeout,
    UsageError,
)
from anvil.simulation import Breakpoint, Cpu, Memory, Simulation, Stats, Stop, Uart, parse_time

__all__ = [
    "AccessError", "BoardError", "BoardInfo", "Breakpoint", "Cpu", "Error", "FirmwareTest",
    "GuestExited", "GuestFault", "ImageError", "Memory", "Simulation", "SimulationEnded",
    "SimulatorCrash", "Stats", "Stop", "Timeout", "Uart", "UsageError", "check", "find_board",
    "load_board", "parse_time",
]
