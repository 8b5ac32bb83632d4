#!/usr/bin/env python3
"""gdb-multiarch stepping the bare-metal MIPS firmware (hello-mips on malta-mini) through
`anvil run --gdb --wait-gdb`.

  run_mips_gdb_test.py CASE --anvil A --board B --elf E --expected-output F --gdb G
                       --nm NM --objdump OBJDUMP --readelf READELF

Expectations come from outside Anvil: the ELF's symbols and entry point (mips-linux-gnu
binutils), objdump's disassembly, the MIPS32 PRA's reset state (Status = BEV | ERL, the PC at
the reset vector 0xBFC00000) and the output the firmware is written to print. The session
helpers are gdb_harness.py's.
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdb_harness import (entry_point, expect, finished_normally,  # noqa: E402
                         instruction_addresses, run_case, session)
from gdb_harness import symbol as symbol_64  # noqa: E402

RESET_VECTOR = 0xBFC00000
STATUS_BEV_ERL = 0x00400004  # MIPS32 PRA 9.26 and 6.1.1: reset sets BEV and ERL


def symbol(args, name):
    """The symbol's address; mips-linux-gnu-nm prints kseg addresses sign-extended."""
    return symbol_64(args, name) & 0xFFFFFFFF


def case_reset(args):
    start = symbol(args, "_start")
    expect(start == RESET_VECTOR == entry_point(args), f"_start {start:#x} is not the reset "
           "vector and the ELF entry", "", "")
    gdb_output, status, out, err = session(args, ["print/x $pc", "print/x $sr", "detach"])
    expect(f"$1 = {RESET_VECTOR:#x}" in gdb_output.replace("0xffffffff", "0x"),
           "pc is not the reset vector", gdb_output, err)
    expect(f"$2 = {STATUS_BEV_ERL:#x}" in gdb_output, "status is not BEV | ERL", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_stepi(args):
    # The first instructions of _start run straight through: each stepi lands on the next.
    expected = instruction_addresses(args, RESET_VECTOR, 5)[1:]
    commands = []
    for _ in expected:
        commands += ["stepi", "print/x $pc"]
    gdb_output, status, out, err = session(args, commands + ["detach"])
    seen = [int(v, 16) & 0xFFFFFFFF for v in
            [line.split("=")[1].strip() for line in gdb_output.splitlines()
             if line.startswith("$")]]
    expect(seen == expected, f"stepi went {[hex(a) for a in seen]}, objdump says "
           f"{[hex(a) for a in expected]}", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_break_main(args):
    main = symbol(args, "main")
    gdb_output, status, out, err = session(args, ["break main", "continue", "print/x $pc",
                                                 "detach"])
    expect("Breakpoint 1, main ()" in gdb_output, "no stop at main", gdb_output, err)
    expect(f"= {main:#x}" in gdb_output.replace("0xffffffff", "0x"), f"pc is not main ({main:#x})",
           gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_watch_interrupt(args):
    # The first timer interrupt's handler increments `ticks`: the watchpoint stops in
    # exception_handler, called from the vector at 0xBFC00380, interrupting main.
    handler = symbol(args, "exception_handler")
    gdb_output, status, out, err = session(args, ["break main", "continue", "watch ticks",
                                                 "continue", "bt", "delete", "continue"])
    expect("Old value = 0" in gdb_output and "New value = 1" in gdb_output,
           "the watchpoint did not see ticks go from 0 to 1", gdb_output, err)
    expect("exception_handler (cause=" in gdb_output, "not stopped in exception_handler",
           gdb_output, err)
    expect("in exception_vector ()" in gdb_output and "in main ()" in gdb_output,
           "backtrace is not handler <- vector <- main", gdb_output, err)
    expect(handler != 0, "no exception_handler symbol", gdb_output, err)
    expect("exited normally" in gdb_output, "the program did not run to its end", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


CASES = {"reset": case_reset, "stepi": case_stepi, "break-main": case_break_main,
         "watch-interrupt": case_watch_interrupt}


def main():
    run_case(CASES, ("anvil", "board", "elf", "expected-output", "gdb", "nm", "objdump", "readelf"))


if __name__ == "__main__":
    main()
