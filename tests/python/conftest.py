"""Shared fixtures of the Python API tests. ctest sets ANVIL_BUILD_DIR (where the firmware
was built) and PYTHONPATH (where `import anvil` works); see CMakeLists.txt here."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("ANVIL_BUILD_DIR", ROOT / "build"))
BOARD = ROOT / "platforms" / "boards" / "mps2-an385.lua"


def firmware(relative):
    path = BUILD / "firmware" / relative
    if not path.is_file():
        pytest.skip(f"{path} is not built (no arm-none-eabi-gcc?)")
    return path


@pytest.fixture
def board():
    return BOARD


@pytest.fixture
def hello():
    return firmware("demos/hello-cortex-m/hello-cortex-m.elf")


@pytest.fixture
def hello_expected():
    """Recorded on qemu-system-arm -M mps2-an385 (tests/system)."""
    return (ROOT / "firmware/demos/hello-cortex-m/expected-output.txt").read_bytes()


@pytest.fixture
def fault():
    return firmware("tests/fault-cortex-m/fault-cortex-m.elf")


@pytest.fixture
def lockup():
    return firmware("tests/fault-cortex-m/lockup-cortex-m.elf")


@pytest.fixture
def irq():
    return firmware("tests/irq-cortex-m/irq-cortex-m.elf")


def symbol(elf, name):
    """A function's address from the ELF's symbol table (arm-none-eabi-nm), Thumb bit off."""
    nm = shutil.which("arm-none-eabi-nm")
    if not nm:
        pytest.skip("arm-none-eabi-nm is not installed")
    for line in subprocess.run([nm, str(elf)], capture_output=True, text=True,
                               check=True).stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == name:
            return int(parts[0], 16) & ~1
    raise LookupError(f"no symbol {name} in {elf}")


def assemble_thumb(source, tmp_path):
    """Cortex-M3 machine code for `source` (GNU as syntax), as raw bytes."""
    assembler, objcopy = shutil.which("arm-none-eabi-as"), shutil.which("arm-none-eabi-objcopy")
    if not assembler or not objcopy:
        pytest.skip("arm-none-eabi-as is not installed")
    (tmp_path / "code.s").write_text(".syntax unified\n.thumb\n" + source)
    subprocess.run([assembler, "-mcpu=cortex-m3", "-o", tmp_path / "code.o", tmp_path / "code.s"],
                   check=True)
    subprocess.run([objcopy, "-O", "binary", tmp_path / "code.o", tmp_path / "code.bin"],
                   check=True)
    return (tmp_path / "code.bin").read_bytes()
