#!/usr/bin/env python3
"""gdb-multiarch on a 68040 with its FPU (firmware/tests/fpu-m68k on m68k-sbc.lua with
cpu0.model=68040): the target description offers fp0-fp7 as 96-bit registers in the 68881
extended format, and GDB reads and writes whole values through them.

  run_m68k_fpu_gdb_test.py CASE --anvil A --board B --elf E --expected-output F --gdb G

Expectations come from outside Anvil: the firmware multiplies 1.5 by 2.25 (FP0 = 3.375 and
FP1 = 2.25 at fpu_checkpoint; exact in binary), GDB's own m68k register names
(gdb/m68k-tdep.c: fp0-fp7, fpcontrol, fpstatus, fpiaddr), and plain arithmetic for what the
firmware prints after GDB changed FP0 and FP1.
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdb_harness import expect, finished_normally, run_case, session  # noqa: E402

MODEL = ("-p", "cpu0.model=68040")


def case_read_fpu(args):
    gdb_output, status, out, err = session(args, [
        "break fpu_checkpoint", "continue", "print $fp0", "print $fp1", "print/x $fpcontrol",
        "info registers fp0", "detach"], MODEL)
    expect("$1 = 3.375" in gdb_output, "fp0 is not 1.5 x 2.25 = 3.375", gdb_output, err)
    expect("$2 = 2.25" in gdb_output, "fp1 is not 2.25", gdb_output, err)
    expect("$3 = 0x0" in gdb_output, "fpcontrol is not its reset value 0", gdb_output, err)
    # The raw 96-bit image: sign and exponent 0x4000 (2^1), 16 unused bits, mantissa
    # 1.6875 = 0xd8 << 56 (68881 UM 3.1.4: explicit integer bit).
    expect("raw 0x40000000d800000000000000" in gdb_output,
           "fp0's raw image is not 0x4000 0000 d800000000000000", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_write_fpu(args):
    # -10.5 in FP0 and 0.25 in FP1: the firmware stores FP0, then FP0 x FP1 = -2.625, and
    # prints both times 10000.
    gdb_output, status, out, err = session(args, [
        "break fpu_checkpoint", "continue", "set var $fp0 = -10.5", "set var $fp1 = 0.25",
        "print $fp0", "print $fp1", "continue"], MODEL)
    expect("$1 = -10.5" in gdb_output and "$2 = 0.25" in gdb_output,
           "GDB did not read back the values it wrote", gdb_output, err)
    expect(status == 0, f"anvil exit status {status}, expected 0", gdb_output, err)
    expect(out == "first -105000\nsecond -26250\n",
           f"the firmware did not compute with GDB's values: {out!r}", gdb_output, err)


CASES = {"read-fpu": case_read_fpu, "write-fpu": case_write_fpu}


def main():
    run_case(CASES, ("anvil", "board", "elf", "expected-output", "gdb"))


if __name__ == "__main__":
    main()
