"""anvil.Simulation: one board, running in a child process behind a small request/response
protocol (platforms/python/wire_protocol.h). Every method is a request; the simulation only
advances inside run()."""

import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

from anvil import _anvil
from anvil.boards import DEFAULT_BOARDS_DIR, find_board, param_text
from anvil.errors import (
    ERROR_KINDS,
    Error,
    GuestExited,
    GuestFault,
    SimulationEnded,
    SimulatorCrash,
    Timeout,
)

_TIME_UNITS = {"s": 1.0, "ms": 1e-3, "us": 1e-6, "ns": 1e-9, "ps": 1e-12}


def parse_time(value):
    """Simulated seconds from a number (seconds) or a text such as "10 ms", "1.5us", "2s"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(s|ms|us|ns|ps)\s*",
                             str(value))
        if not match:
            raise ValueError(f"expected a time such as \"10 ms\", \"1.5us\" or 2.0, got {value!r}")
        seconds = float(match.group(1)) * _TIME_UNITS[match.group(2)]
    if not seconds > 0:
        raise ValueError(f"a time limit must be positive, got {value!r}")
    return seconds


@dataclass
class Stop:
    """Why a run ended: "output", "insns", "pc", "breakpoint", "bkpt" (a BKPT instruction),
    "timeout" (only when the run waited for nothing else) or "exit"."""

    reason: str
    cpu: str  # the core that stopped it
    pc: int
    exit_code: Optional[int] = None


@dataclass
class Stats:
    instructions: int  # over all cores
    cycles: int  # of the first core
    simulated_seconds: float
    per_cpu: Dict[str, Dict[str, int]] = field(default_factory=dict)


class Breakpoint:
    """A breakpoint set with Simulation.breakpoint(); remove() clears it."""

    def __init__(self, simulation, address, callback):
        self.simulation, self.address, self.callback = simulation, address, callback
        self.hits = 0

    def remove(self):
        self.simulation.remove_breakpoint(self.address)


class Registers:
    """A core's registers by name, as GDB names them: regs["pc"], regs["r0"] = 5."""

    def __init__(self, simulation, cpu):
        self._simulation, self._cpu = simulation, cpu
        self._names = None

    def names(self):
        if self._names is None:
            self._names = [n.decode() for n in self._simulation._request("registers", self._cpu)]
        return list(self._names)

    def __getitem__(self, name):
        return int(self._simulation._request("read-register", self._cpu, name)[0])

    def __setitem__(self, name, value):
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"a register value is a non-negative int, got {value!r}")
        self._simulation._request("write-register", self._cpu, name, str(value))

    def __contains__(self, name):
        return name in self.names()

    def __iter__(self):
        return iter(self.names())

    def __len__(self):
        return len(self.names())

    def items(self):
        return [(name, self[name]) for name in self.names()]


class Cpu:
    def __init__(self, simulation, name):
        self.name = name
        self.regs = Registers(simulation, name)

    @property
    def pc(self):
        return self.regs["pc"]


class Memory:
    """The bus as the first core sees it, through debug accesses: no time passes, no
    device side effects; reads and writes of RAM, ROM and flash."""

    def __init__(self, simulation):
        self._simulation = simulation

    def read(self, address, size):
        return self._simulation._request("read-memory", str(address), str(size))[0]

    def write(self, address, data):
        self._simulation._request("write-memory", str(address), bytes(data))


class Uart:
    """A host backend (a UART's, or the simulator-control device's) captured in memory."""

    def __init__(self, simulation, name):
        self._simulation, self.name = simulation, name
        self.cursor = 0  # run(until_output=) searches from here; a match moves it past

    def output(self):
        """Everything the guest has sent so far, as bytes."""
        return self._simulation._request("output", self.name)[0]

    def send(self, data):
        """Bytes for the guest to receive, in order, as its UART polls for them."""
        if isinstance(data, str):
            data = data.encode()
        self._simulation._request("send", self.name, bytes(data))


class Simulation:
    """One board, elaborated and stopped at reset in a child process of its own.

    `board` is a board file or a name in platforms/boards; `params` sets board parameters
    and fields as `anvil run -p` does ({"firmware": "hello.elf", "cpu0.clock_hz": 50e6}).
    Every host backend (UARTs, simctrl) is captured in memory unless `params` sets it.
    Raises BoardError or ImageError when the board or its image is bad."""

    def __init__(self, board, params=None, quantum=None, semihosting_root=None,
                 boards_dir=None):
        self.board_file = find_board(board, boards_dir)
        entries = [param_text(key, value) for key, value in (params or {}).items()]
        self._process = _anvil.Process(self.board_file, entries, boards_dir or DEFAULT_BOARDS_DIR,
                                       None if quantum is None else parse_time(quantum),
                                       str(semihosting_root or ""))
        reply = self._process.ready()
        if reply[0] == b"error":
            raise ERROR_KINDS.get(reply[1].decode(), Error)(reply[2].decode())
        self.board_name = reply[1].decode()
        self._exit_code = None
        self._breakpoints: Dict[int, Breakpoint] = {}
        self._uarts: Dict[str, Uart] = {}
        self._cpus: Dict[str, Cpu] = {}
        self.memory = Memory(self)

    # ---- Running ----

    def run(self, until_output=None, timeout=None, insns=None, until_pc=None, uart=None):
        """Runs until the first of: `until_output` (bytes or str) appears on `uart` (default
        uart0, else the first captured backend) after its cursor; `insns` more instructions
        (over all cores) have executed; a core is about to execute `until_pc`; a breakpoint
        without a callback, or whose callback returns True; `timeout` of simulated time
        ("10 ms", or seconds). Returns a Stop.

        Raises Timeout, or GuestExited, when the run waited for something that did not come;
        GuestFault when the guest locked up. A run that waits for nothing ends at the guest's
        exit (Stop.reason "exit") or at the timeout (Stop.reason "timeout")."""
        waited_for = [what for what, value in (("output", until_output), ("instructions", insns),
                                                ("pc", until_pc)) if value is not None]
        start = self.stats()
        target_insns = "" if insns is None else str(start.instructions + int(insns))
        deadline = "" if timeout is None else repr(start.simulated_seconds + parse_time(timeout))
        pc = "" if until_pc is None else str(int(until_pc))
        target_uart, pattern = None, b""
        if until_output is not None:
            target_uart = self.uart(uart) if uart else self._default_uart()
            pattern = until_output.encode() if isinstance(until_output, str) else bytes(until_output)
        while True:
            reply = self._request("run", target_insns, pc, deadline,
                                  target_uart.name if target_uart else "", pattern,
                                  str(target_uart.cursor if target_uart else 0), kind=b"stop")
            reason, cpu, stop_pc, detail = (reply[0].decode(), reply[1].decode(), int(reply[2]),
                                            reply[3].decode())
            stop = Stop(reason, cpu, stop_pc)
            if reason == "breakpoint":
                breakpoint = self._breakpoints.get(stop_pc)
                if breakpoint is not None:
                    breakpoint.hits += 1
                    stop_here = breakpoint.callback is None or breakpoint.callback(self, stop)
                    if until_pc is not None and stop_pc == int(until_pc):
                        return Stop("pc", cpu, stop_pc)  # the goal too: the run is done
                    if not stop_here:
                        continue
                return stop
            if reason == "output":
                target_uart.cursor = int(detail)
            elif reason == "exit":
                self._exit_code = stop.exit_code = int(detail)
                if waited_for:
                    raise GuestExited(f"the guest exited with code {self._exit_code} before the "
                                      f"{' or '.join(waited_for)} the run waited for"
                                      f"{self._output_tail(target_uart)}", self._exit_code)
            elif reason == "fault":
                raise GuestFault(detail)
            elif reason == "timeout" and waited_for:
                raise Timeout(f"no {' or '.join(waited_for)} within {timeout} of simulated time"
                              f"{self._output_tail(target_uart)}")
            return stop

    def breakpoint(self, address, callback: Optional[Callable] = None):
        """Stops runs before the instruction at `address` (for Thumb code: the address
        without the Thumb bit). With a callback, runs call callback(simulation, stop) at
        each hit instead, and go on unless it returns True. Returns a Breakpoint."""
        address = int(address)
        self._request("break-insert", str(address))
        self._breakpoints[address] = Breakpoint(self, address, callback)
        return self._breakpoints[address]

    def remove_breakpoint(self, address):
        self._request("break-remove", str(int(address)))
        self._breakpoints.pop(int(address), None)

    # ---- Inspecting ----

    def cpu(self, name="cpu0"):
        if name not in self._cpus:
            if name not in self.cpus():
                raise ERROR_KINDS["usage"](f"no cpu named {name!r} (cpus: {', '.join(self.cpus())})")
            self._cpus[name] = Cpu(self, name)
        return self._cpus[name]

    def cpus(self) -> List[str]:
        return [name.decode() for name in self._request("cpus")]

    def uart(self, name="uart0"):
        if name not in self._uarts:
            if name not in self.uarts():
                raise ERROR_KINDS["usage"](
                    f"no captured backend named {name!r} (captured: {', '.join(self.uarts())})")
            self._uarts[name] = Uart(self, name)
        return self._uarts[name]

    def uarts(self) -> List[str]:
        """Every captured backend: "uart0", "simctrl", ..."""
        return [name.decode() for name in self._request("uarts")]

    def console(self):
        """What the guest wrote to the host's stdout (semihosting), as bytes."""
        return self._request("console")[0]

    def stats(self):
        reply = self._request("stats")
        per_cpu = {}
        for i in range(2, len(reply), 3):
            per_cpu[reply[i].decode()] = {"instructions": int(reply[i + 1]),
                                          "cycles": int(reply[i + 2])}
        first = next(iter(per_cpu.values()), {"cycles": 0})
        return Stats(sum(c["instructions"] for c in per_cpu.values()), first["cycles"],
                     float(reply[0]), per_cpu)

    def describe(self):
        """The memory map and IRQ wiring (`anvil describe`)."""
        return self._request("describe")[0].decode()

    @property
    def exit_code(self):
        """The guest's exit code once it has exited, else None."""
        return self._exit_code

    # ---- Lifetime ----

    def close(self):
        """Ends the child process. Requests after this raise SimulationEnded."""
        self._process.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        process = getattr(self, "_process", None)
        if process is not None:
            process.close()

    # ---- The protocol ----

    def _request(self, command, *args, kind=b"ok"):
        if not self._process.running:
            raise SimulationEnded("the simulation has been closed")
        try:
            reply = self._process.request([command, *args])
        except _anvil.ProtocolError as error:
            raise SimulatorCrash(str(error)) from None
        if reply[0] == b"error":
            raise ERROR_KINDS.get(reply[1].decode(), Error)(reply[2].decode())
        if reply[0] != kind:
            raise Error(f"unexpected reply {reply[0]!r} to {command}")
        return reply[1:]

    def _default_uart(self):
        names = self.uarts()
        if not names:
            raise ERROR_KINDS["usage"]("the board has no captured backend to wait for output on")
        return self.uart("uart0" if "uart0" in names else names[0])

    def _output_tail(self, uart, limit=400):
        if uart is None:
            return ""
        text = uart.output()[-limit:].decode(errors="replace")
        return f"; {uart.name} output so far ends with:\n{text}"
