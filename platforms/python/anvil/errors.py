"""The exceptions anvil raises. Every one is an anvil.Error; the message is Anvil's own,
so a board problem reads "file:line: field: what is wrong" exactly as `anvil run` prints it."""


class Error(Exception):
    """Anything Anvil reports."""


class BoardError(Error):
    """The board file does not load or validate (every problem, one per line)."""


class ImageError(Error):
    """The firmware image is missing, truncated or for another architecture."""


class GuestFault(Error):
    """The guest cannot go on (e.g. a Cortex-M lockup): "cpu0: lockup at pc 0x...".

    Raised by the run that hit it; later runs raise SimulationEnded."""


class GuestExited(Error):
    """The guest exited before the run reached what it waited for. `exit_code` holds its
    exit code (also Simulation.exit_code)."""

    def __init__(self, message, exit_code):
        super().__init__(message)
        self.exit_code = exit_code


class Timeout(Error):
    """The simulated-time limit came before what the run waited for."""


class SimulationEnded(Error):
    """A run after the guest exited or faulted, or any request after close()."""


class AccessError(Error):
    """A memory read or write where nothing (or only a device) is mapped."""


class UsageError(Error, ValueError):
    """A request that names something the board does not have (cpu, register, UART)."""


class SimulatorCrash(Error):
    """The simulation's process died: a bug in Anvil, please report it."""


ERROR_KINDS = {
    "board": BoardError,
    "image": ImageError,
    "usage": UsageError,
    "ended": SimulationEnded,
    "memory": AccessError,
}
