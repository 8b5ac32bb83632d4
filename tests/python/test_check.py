"""`anvil check` (and anvil.check) find every problem the simulator would find when it builds
the board, all at once: types, parameter values, address overlaps, IRQ wiring, clocks."""

import re
import subprocess

import pytest

import anvil
from conftest import BUILD

# One problem of each kind the elaborator would otherwise find only at build time, one at a
# time, plus the schema's own (an unknown type).
BAD_BOARD = """return board {
  name = "bad",
  cpu0 = cpu { model = "cortex-m3", irqs = 300 },
  cpu1 = cpu { model = "cortex-m4", clock_hz = 1e6, priority_bits = 9 },
  ram = memory { base = 0, size = 0x1000, format = "srec3", image_offset = 0x2000 },
  uart0 = device { type = "cmsdk-uart", base = 0x40004000, rx_irq = { "cpu1", 32 }, backend = "tty" },
  uart1 = device { type = "cmsdk-uart", base = 0x40004800, tx_irq = { "cpu2", 1 } },
  gpio = device { type = "no-such-gpio", base = 0x40010000 },
}
"""

EXPECTED = [
    ':3: cpu0.irqs: must be 1..240 (NVIC external interrupts)',
    ':3: cpu0.clock_hz: no clock: set clock_hz on the board or on the component (in Hz)',
    ':4: cpu1.priority_bits: must be 3..8',
    ':5: ram.image_offset: outside the memory',
    ':5: ram.format: unknown image format "srec3" (elf, bin or ihex)',
    ':6: uart0.rx_irq: IRQ line 32 does not exist: cpu1 has 32 (the cortex-m4 default)',
    ':6: uart0.backend: unknown backend "tty"',
    ':6: uart0.clock_hz: no clock',
    ':7: uart1.tx_irq: IRQ target "cpu2" is not a cpu of this board (cpus: cpu0, cpu1)',
    ':7: uart1.clock_hz: no clock',
    ':8: gpio.type: unknown device type "no-such-gpio"',
    ':7: uart1: 0x40004800..0x400057ff overlaps uart0 (0x40004000..0x40004fff',  # overlaps last
]


@pytest.fixture
def bad_board(tmp_path):
    path = tmp_path / "bad.lua"
    path.write_text(BAD_BOARD)
    return path


def test_anvil_check_lists_every_problem(bad_board, board):
    cli = subprocess.run([BUILD / "anvil", "check", bad_board, board], capture_output=True,
                         text=True)
    assert cli.returncode == 65
    assert cli.stdout == f"{board}: ok\n"
    lines = cli.stderr.splitlines()
    assert len(lines) == len(EXPECTED), cli.stderr
    for line, expected in zip(lines, EXPECTED):
        assert line.startswith(f"anvil: {bad_board}{expected}")


def test_anvil_check_from_python(bad_board, board):
    with pytest.raises(anvil.BoardError) as error:
        anvil.check(bad_board)
    assert len(str(error.value).splitlines()) == len(EXPECTED)
    assert anvil.check(board).name == "mps2-an385"


@pytest.mark.parametrize("line, problem", [
    ('  ram = memory { base = 0x20000000, size = 0x1000, image_offset = 0x1000 },\n',
     "ram.image_offset: outside the memory"),
    ('  timer = device { type = "cmsdk-timer", base = 0x40000000, irq = { "cpu0", 40 } },\n',
     "timer.irq: IRQ line 40 does not exist: cpu0 has 32 (the cortex-m3 default)"),
    ('  u0 = device { type = "cmsdk-uart", base = 0x40004000 },\n'
     '  u1 = device { type = "cmsdk-uart", base = 0x40004ff0 },\n',
     "u1: 0x40004ff0..0x40005fef overlaps u0"),
], ids=["image-offset", "irq-line-past-default", "device-windows-overlap"])
def test_what_check_finds_is_what_the_build_would_find(tmp_path, hello, line, problem):
    # Each of these passed `anvil check` before and failed only when built.
    path = tmp_path / "one.lua"
    path.write_text('return board {\n  name = "one", clock_hz = 1e6,\n'
                    '  cpu0 = cpu { model = "cortex-m3" },\n'
                    '  flash = memory { base = 0, size = 0x10000, image = param "firmware" },\n'
                    + line + "}\n")
    with pytest.raises(anvil.BoardError, match=re.escape(problem)):
        anvil.check(path)
    with pytest.raises(anvil.BoardError, match=re.escape(problem.split(":")[0])):
        anvil.Simulation(path, params={"firmware": hello})


def test_firmware_test_declarations_are_checked(tmp_path):
    path = tmp_path / "tests.lua"
    path.write_text("""return board {
  extends = "mps2-an385.lua",
  name = "declared",
  firmware_tests = {
    { name = "a", firmware = "a.elf", exit_code = 2, timeout = 0.5, params = { "uart1.backend=null" } },
    { name = "a", firmware = "b.elf" },
    { firmware = "c.elf", uart = 7 },
    { name = "d", firmwre = "d.elf" },
  },
}
""")
    info = anvil.load_board(path)
    assert [test.name for test in info.firmware_tests] == ["a"]
    first = info.firmware_tests[0]
    assert (first.firmware, first.param, first.uart, first.exit_code, first.timeout,
            first.params) == ("a.elf", "firmware", "uart0", 2, 0.5, ["uart1.backend=null"])
    assert first.golden == ""
    where = f"{path}:4: "
    assert info.problems == [
        where + 'firmware_tests[2].name: "a" is declared twice',
        where + "firmware_tests[3].uart: expected a non-empty string",
        where + "firmware_tests[3].name: missing: every test has a name",
        where + 'firmware_tests[4].firmwre: unknown field (did you mean "firmware"?)',
        where + "firmware_tests[4].firmware: missing: the image to boot, relative to the build "
                "directory",
    ]
