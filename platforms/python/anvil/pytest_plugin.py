"""The regression runner as a pytest plugin (docs/python.md, "Regression").

    pytest -p anvil.pytest_plugin --anvil-boards platforms/boards [--anvil-shard 2/4]
           [--anvil-update-golden] [--anvil-build-dir build] [--junitxml report.xml]

For every board file found, one item checks it without running it (as `anvil check`), and
one item per entry of its optional `firmware_tests` boots that firmware, waits for the guest
to exit, and compares the captured UART output with the golden file and the exit code with
the expected one. --anvil-update-golden writes the output into the golden files instead.
"""

import difflib
import os
from pathlib import Path

import pytest

import anvil

GOLDEN_DIR = "golden"  # beside the board file: golden/<board>/<test>.txt when not declared
BOARD_PATHS = pytest.StashKey[list]()


def pytest_addoption(parser):
    group = parser.getgroup("anvil", "Anvil board regression")
    group.addoption("--anvil-boards", action="append", default=[], metavar="PATH",
                    help="board files, or folders of them, to check and boot (repeatable)")
    group.addoption("--anvil-update-golden", action="store_true",
                    help="write each test's output into its golden file instead of comparing")
    group.addoption("--anvil-shard", metavar="I/N", default=None,
                    help="run only the I-th of N interleaved parts of the board matrix")
    group.addoption("--anvil-build-dir", metavar="DIR",
                    default=os.environ.get("ANVIL_BUILD_DIR", "build"),
                    help="where the firmware named by firmware_tests was built "
                         "(default: $ANVIL_BUILD_DIR, else ./build)")


def parse_shard(text):
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise pytest.UsageError(f"--anvil-shard: expected I/N such as 1/4, got {text!r}")
    if not 1 <= index <= count:
        raise pytest.UsageError(f"--anvil-shard {text}: I must be between 1 and N")
    return index, count


def pytest_configure(config):
    if config.getoption("anvil_shard"):
        parse_shard(config.getoption("anvil_shard"))
    paths = [Path(path).resolve() for path in config.getoption("anvil_boards")]
    for path in paths:
        if not path.exists():
            raise pytest.UsageError(f"--anvil-boards: {path} does not exist")
    config.stash[BOARD_PATHS] = paths
    if paths:
        # `pytest --anvil-boards DIR` alone runs the board matrix, not the test files around
        # it; with test paths given, both.
        source = getattr(config, "args_source", None)
        given = source is None or source == pytest.Config.ArgsSource.ARGS
        config.args = (list(config.args) if given else []) + [str(path) for path in paths]


def pytest_collect_file(file_path, parent):
    if file_path.suffix != ".lua":
        return None
    for path in parent.config.stash.get(BOARD_PATHS, []):
        if file_path == path or path in file_path.parents:
            return BoardFile.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(session, config, items):
    shard = config.getoption("anvil_shard")
    if not shard:
        return
    index, count = parse_shard(shard)
    matrix = sorted((item for item in items if isinstance(item, RegressionItem)),
                    key=lambda item: item.nodeid)
    dropped = {id(item) for n, item in enumerate(matrix) if n % count != index - 1}
    if dropped:
        config.hook.pytest_deselected(items=[item for item in items if id(item) in dropped])
        items[:] = [item for item in items if id(item) not in dropped]


def shown_path(path):
    """`path` relative to the current directory when it lies below it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


class BoardFile(pytest.File):
    def collect(self):
        info = anvil.load_board(str(self.path))
        if not info.is_board:
            return []  # a shared fragment (require "cmsdk")
        items = [BoardCheck.from_parent(self, name="check", info=info)]
        for test in info.firmware_tests:
            items.append(FirmwareRun.from_parent(self, name=test.name, info=info, test=test))
        return items


class RegressionFailure(Exception):
    """A failed comparison: shown as its message alone, without a traceback."""


class RegressionItem(pytest.Item):
    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (RegressionFailure, anvil.Error)):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, self.name


class BoardCheck(RegressionItem):
    """`anvil check`: every problem of the board file, without running it."""

    def __init__(self, *, info, **kwargs):
        super().__init__(**kwargs)
        self.info = info

    def runtest(self):
        if self.info.problems:
            raise RegressionFailure("\n".join(self.info.problems))


class FirmwareRun(RegressionItem):
    """Boots one declared firmware and compares its output and exit code."""

    def __init__(self, *, info, test, **kwargs):
        super().__init__(**kwargs)
        self.info, self.test = info, test

    def golden_path(self):
        if self.test.golden:
            return Path(self.test.golden)
        return self.path.parent / GOLDEN_DIR / self.info.name / f"{self.test.name}.txt"

    def runtest(self):
        if self.info.problems:
            raise RegressionFailure("the board does not check:\n" + "\n".join(self.info.problems))
        test = self.test
        firmware = Path(self.config.getoption("anvil_build_dir")) / test.firmware
        if not firmware.is_file():
            pytest.skip(f"{firmware} is not built ({test.where})")
        params = dict(entry.split("=", 1) for entry in test.params)
        params[test.param] = str(firmware)
        with anvil.Simulation(str(self.path), params=params) as sim:
            stop = sim.run(timeout=test.timeout)
            output = sim.uart(test.uart).output()
            stats = sim.stats()
        self.user_properties += [("instructions", stats.instructions),
                                 ("simulated_seconds", stats.simulated_seconds)]
        if stop.reason != "exit":
            raise RegressionFailure(
                f"{test.where}: {test.name}: the guest did not exit within {test.timeout} s of "
                f"simulated time (stopped: {stop.reason} at pc {stop.pc:#x}); output:\n"
                + output.decode(errors="replace"))
        self.compare_output(output)
        if sim.exit_code != test.exit_code:
            raise RegressionFailure(f"{test.where}: {test.name}: exit code {sim.exit_code}, "
                                    f"expected {test.exit_code}")

    def compare_output(self, output):
        golden = self.golden_path()
        if self.config.getoption("anvil_update_golden"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(output)
            return
        if not golden.is_file():
            raise RegressionFailure(f"{self.test.where}: {self.test.name}: no golden file "
                                    f"{golden} (create it with --anvil-update-golden)")
        expected = golden.read_bytes()
        if output != expected:
            golden = shown_path(golden)
            diff = difflib.unified_diff(expected.decode(errors="replace").splitlines(True),
                                        output.decode(errors="replace").splitlines(True),
                                        str(golden), f"{self.test.uart} output")
            raise RegressionFailure(f"{self.test.where}: {self.test.name}: {self.test.uart} "
                                    f"output differs from {golden}:\n" + "".join(diff))
