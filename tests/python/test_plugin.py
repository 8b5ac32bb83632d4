"""The pytest plugin on a small board x firmware matrix, run as CI would run it: a separate
pytest process writing JUnit XML. One golden file and one exit code are deliberately wrong,
and one board does not check: those must be reported as failures, the rest must pass."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import BUILD, ROOT

HELLO = "firmware/demos/hello-cortex-m/hello-cortex-m.elf"
FAULT = "firmware/tests/fault-cortex-m/fault-cortex-m.elf"


@pytest.fixture
def matrix(tmp_path, hello, fault, hello_expected):
    boards, golden = tmp_path / "boards", tmp_path / "golden"
    boards.mkdir()
    golden.mkdir()
    (golden / "hello.txt").write_bytes(hello_expected)
    (golden / "wrong-hello.txt").write_bytes(hello_expected.replace(b"pi is", b"tau is"))
    (boards / "an385-a.lua").write_text(f"""return board {{
  extends = "mps2-an385.lua",
  name = "an385-a",
  firmware_tests = {{
    {{ name = "hello", firmware = "{HELLO}", golden = "../golden/hello.txt" }},
    {{ name = "bus-fault", firmware = "{FAULT}", exit_code = 3,
      golden = "{ROOT}/firmware/tests/fault-cortex-m/expected-output.txt" }},
  }},
}}
""")
    (boards / "an385-b.lua").write_text(f"""return board {{
  extends = "mps2-an385.lua",
  name = "an385-b",
  firmware_tests = {{
    {{ name = "hello-wrong-golden", firmware = "{HELLO}", golden = "../golden/wrong-hello.txt" }},
    {{ name = "fault-wrong-exit-code", firmware = "{FAULT}",
      golden = "{ROOT}/firmware/tests/fault-cortex-m/expected-output.txt" }},
  }},
}}
""")
    # A board whose image parameter is not called "firmware".
    (boards / "kernel-board.lua").write_text(f"""return board {{
  extends = "mps2-an385.lua",
  name = "kernel-board",
  ssram1 = {{ image = param "kernel" }},
  firmware_tests = {{
    {{ name = "hello", param = "kernel", firmware = "{HELLO}", golden = "../golden/hello.txt" }},
  }},
}}
""")
    (boards / "broken.lua").write_text("""return board {
  name = "broken",
  cpu0 = cpu { model = "cortex-m3" },
  uart0 = device { type = "no-such-uart", base = 0x40004000 },
}
""")
    (boards / "fragment.lua").write_text("return { answer = 42 }\n")
    return tmp_path


def run_pytest(directory, *args):
    """Runs the plugin in a fresh pytest; returns (exit status, {test: failure text or None})."""
    report = directory / f"report-{len(list(directory.glob('report-*')))}.xml"
    env = dict(os.environ, ANVIL_BUILD_DIR=str(BUILD))
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "anvil.pytest_plugin", "-p", "no:cacheprovider",
         "--anvil-boards", "boards", f"--junitxml={report}", *args],
        cwd=directory, env=env, capture_output=True, text=True)
    results = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        failure = case.find("failure")
        board = case.get("classname").removesuffix(".lua").rsplit(".", 1)[-1]
        name = board + "::" + case.get("name")
        results[name] = None if failure is None else failure.get("message") + (failure.text or "")
    return process.returncode, results, process.stdout


def test_the_matrix_reports_exactly_the_broken_cases(matrix):
    status, results, stdout = run_pytest(matrix)
    assert status == 1, stdout
    assert set(results) == {"an385-a::check", "an385-a::hello", "an385-a::bus-fault",
                            "an385-b::check", "an385-b::hello-wrong-golden",
                            "an385-b::fault-wrong-exit-code", "broken::check",
                            "kernel-board::check", "kernel-board::hello"}, stdout
    failed = {name for name, failure in results.items() if failure}
    assert failed == {"an385-b::hello-wrong-golden", "an385-b::fault-wrong-exit-code",
                      "broken::check"}, stdout
    diff = results["an385-b::hello-wrong-golden"]
    assert "-tau is roughly 3.141593" in diff and "+pi is roughly 3.141593" in diff
    assert "exit code 3, expected 0" in results["an385-b::fault-wrong-exit-code"]
    assert 'broken.lua:4: uart0.type: unknown device type "no-such-uart"' in results["broken::check"]


def test_shards_split_the_matrix_without_overlap(matrix):
    _, everything, _ = run_pytest(matrix)
    _, first, _ = run_pytest(matrix, "--anvil-shard", "1/2")
    _, second, _ = run_pytest(matrix, "--anvil-shard", "2/2")
    assert first and second
    assert set(first).isdisjoint(second)
    assert set(first) | set(second) == set(everything)


def test_update_golden_rewrites_the_files(matrix, hello_expected):
    status, results, _ = run_pytest(matrix, "-k", "hello", "--anvil-update-golden")
    assert status == 0 and results["an385-b::hello-wrong-golden"] is None
    assert (matrix / "golden" / "wrong-hello.txt").read_bytes() == hello_expected
    status, results, _ = run_pytest(matrix, "-k", "hello")
    assert status == 0 and all(failure is None for failure in results.values())


def test_a_bad_shard_is_a_usage_error(matrix):
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "anvil.pytest_plugin", "--anvil-boards", "boards",
         "--anvil-shard", "3/2"], cwd=matrix, capture_output=True, text=True)
    assert process.returncode == 4  # pytest's usage error
    assert "--anvil-shard 3/2" in process.stderr
