#!/usr/bin/env python3
"""Real gdb-multiarch against `anvil run --gdb 127.0.0.1:PORT --wait-gdb` (docs/debugging.md).

  run_gdb_test.py CASE --anvil A --board B --elf E --expected-output F --gdb G
                  --nm NM --objdump OBJDUMP --readelf READELF [--qemu QEMU]

Every expectation comes from outside Anvil: the ELF's symbols (arm-none-eabi-nm), its entry
point (readelf), its disassembly (objdump), gdb's own reading of the ELF file with no target,
the UART output recorded on qemu, `anvil describe` for the board's name and core model, the
ARMv7-M manual's architected values, and for source-level cases the same GDB session on
qemu-system-arm. The cases live in cases_*.py, the shared helpers in gdb_harness.py.
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import cases_connection  # noqa: E402
import cases_demo  # noqa: E402
import cases_reset  # noqa: E402
import cases_source  # noqa: E402
from gdb_harness import run_case  # noqa: E402

CASES = {name[5:].replace("_", "-"): case
         for module in (cases_demo, cases_connection, cases_source, cases_reset)
         for name, case in vars(module).items() if name.startswith("case_")}


def main():
    run_case(CASES, ("anvil", "board", "elf", "expected-output", "gdb", "nm", "objdump",
                     "readelf"), [("qemu", "qemu-system-arm, for the source-level cases")])


if __name__ == "__main__":
    main()
