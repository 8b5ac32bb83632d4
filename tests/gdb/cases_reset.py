"""`monitor reset` as a board reset (docs/debugging.md), on firmware/tests/reset-cortex-m:
the firmware starts timer 0, programs the UART and overwrites a .data global, then stops in
state_changed(). After the reset the device registers read their reset values (ARM DDI
0479C register summaries: all zero), RAM keeps what the firmware wrote, the image is loaded
again, and the core runs from the reset vector (ARMv7-M ARM B1.5.5).
"""
import re

from gdb_harness import *  # noqa: F401,F403 (the shared helpers)

TIMER0 = 0x40000000  # CTRL, VALUE, RELOAD, INTSTATUS
UART0 = 0x40004000   # DATA, STATE, CTRL, INTSTATUS
BAUDDIV = UART0 + 0x10


def words_at(gdb_output, address):
    """The words of every `x/Nwx address` dump of `address`, one list per dump."""
    dumps = []
    line = rf"^{address:#x}(?: <[^>]*>)?:((?:[ \t]+0x[0-9a-f]+)+)[ \t]*$"
    for match in re.finditer(line, gdb_output, re.M):
        dumps.append([int(w, 16) for w in match.group(1).split()])
    return dumps


def case_monitor_reset_board(args):
    seed = symbol(args, "reset_seed")
    # The startup code copies .data from its load address (in the image) to RAM.
    load_copy = symbol(args, "__data_load__") + seed - symbol(args, "__data_start__")
    initial = int(gdb_file_only(args, "reset_seed"), 0)
    reset = int(gdb_file_only(args, "*(unsigned int *)4"), 16) & ~1
    second = instruction_addresses(args, reset, 2)[1]
    gdb_output, status, out, err = session(args, [
        "break state_changed", "continue",
        f"x/4wx {TIMER0:#x}", f"x/4wx {UART0:#x}", f"x/wx {BAUDDIV:#x}", f"x/wx {seed:#x}",
        # Spoil the image's copy in memory: only a reload brings it back.
        f"set {{unsigned int}}{load_copy:#x} = 0", f"x/wx {load_copy:#x}",
        "monitor reset", "maintenance flush register-cache",
        f"x/4wx {TIMER0:#x}", f"x/4wx {UART0:#x}", f"x/wx {BAUDDIV:#x}", f"x/wx {seed:#x}", f"x/wx {load_copy:#x}",
        "info registers pc", "stepi", "info registers pc",
        "delete", "break main", "continue", "print/x reset_seed", "delete", "detach"])
    expect("board reset at" in gdb_output, "monitor reset did not report a board reset",
           gdb_output, err)
    expect("not reset" not in gdb_output, "a device of the AN385 board was not reset",
           gdb_output, err)
    timer = words_at(gdb_output, TIMER0)
    uart = [a + b for a, b in zip(words_at(gdb_output, UART0), words_at(gdb_output, BAUDDIV))]
    expect(len(timer) == 2 and len(uart) == 2, "missing register dumps", gdb_output, err)
    # VALUE: just below the 0x100000 it was started from a few instructions before.
    expect(timer[0][0] == 9 and 0xF0000 < timer[0][1] <= 0x100000 and timer[0][2] == 0x100000,
           f"timer 0 not running before the reset: {timer[0]}", gdb_output, err)
    expect(uart[0][2] == 1 and uart[0][4] == 16,
           f"UART not programmed before the reset: {uart[0]}", gdb_output, err)
    expect(timer[1] == [0, 0, 0, 0], f"timer 0 after reset {timer[1]}, expected zeros",
           gdb_output, err)
    expect(uart[1] == [0, 0, 0, 0, 0], f"UART 0 after reset {uart[1]}, expected zeros",
           gdb_output, err)
    seeds = words_at(gdb_output, seed)
    expect(seeds == [[0xC0FFEE00], [0xC0FFEE00]],
           f"RAM global {seeds}: RAM must keep what the firmware wrote", gdb_output, err)
    copies = words_at(gdb_output, load_copy)
    expect(copies == [[0], [initial]], f"image copy of reset_seed {copies}, expected 0 then "
           f"{initial:#x} (reloaded)", gdb_output, err)
    pcs = register_values(gdb_output, "pc")
    expect(pcs[-2:] == [reset, second], f"pcs {list(map(hex, pcs))}, expected the reset "
           f"vector {reset:#x}, then {second:#x}", gdb_output, err)
    expect(re.search(rf"^\$1 = {initial:#x}$", gdb_output, re.M),
           f"reset_seed at main after the reset is not {initial:#x}", gdb_output, err)
    # The firmware ran twice from the top: its line twice, then its normal exit.
    with open(args.expected_output) as f:
        once = f.read()
    expect(status == 0, f"anvil exit status {status}, expected 0", gdb_output, err)
    expect(out == once * 2, f"UART output {out!r}, expected {once * 2!r}", gdb_output, err)


def case_monitor_reset_rtl(args):
    """`monitor reset` on mps2-an385-rtl.lua drives the RTL blocks' own reset inputs
    (peripherals/rtl/rtl_device.h): stopped after firmware/tests/rtl-cortex-m has programmed
    the RTL timer (PRESCALE 0x2345, COMPARE 0xcafe), a reset and a fresh run must read the
    apb_timer.v reset values again (its `if (!presetn)` branch), or the second run's
    "after reset" line would show the values written before."""
    gdb_output, status, out, err = session(args, [
        "break timer_period", "continue", "monitor reset", "delete", "continue", "detach"],
        extra=("--quantum", "1cycle"))
    expect("board reset at" in gdb_output, "monitor reset did not report a board reset",
           gdb_output, err)
    expect("not reset" not in gdb_output, "a component of the RTL board was not reset",
           gdb_output, err)
    with open(args.expected_output) as f:
        expected = f.read()
    # The lines printed before timer_period() (its first measurement), then a whole run.
    before = "".join(expected.splitlines(keepends=True)[:4])
    expect(status == 0, f"anvil exit status {status}, expected 0", gdb_output, err)
    expect(out == before + expected,
           f"UART output {out!r}, expected the first 4 lines, then the whole expected output",
           gdb_output, err)
