"""Source-level cases on firmware/tests/gdb-cortex-m, with the same GDB commands on qemu as
the reference: step/next/finish, printing a struct, Ctrl-C through gdb itself, stepping into
an exception, breakpoints the guest cannot see. The firmware spins until GDB sets
`released`.
"""
import re
import signal
import subprocess
import time

from gdb_harness import *  # noqa: F401,F403 (the shared helpers)


RELEASE_AND_FINISH = ["set var released = 1", "continue"]


def same_as_qemu(args, commands, what):
    gdb_output, status, out, err = session(args, commands + RELEASE_AND_FINISH)
    reference = qemu_session(args, commands + ["kill"])
    ours, theirs = source_view(gdb_output), source_view(reference)
    expect(ours == theirs, f"{what} differs from qemu:\n  anvil: {ours}\n  qemu:  {theirs}",
           gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)
    return gdb_output


def case_step_next_finish(args):
    # step enters average() from calibrate(), finish returns from it with its value, next
    # steps over lines and out of calibrate() into main, step enters average() again.
    gdb_output = same_as_qemu(args, ["break calibrate", "continue", "step", "step", "finish",
                                     "next", "next", "next", "next", "step", "finish"],
                              "step/next/finish")
    # The values the source computes: (100 + 200 + 300 + 400) / 4 - 40, then 250 once
    # calibrate() moved the offset.
    expect("Value returned is $1 = 210" in gdb_output and
           "Value returned is $2 = 250" in gdb_output, "finish did not return 210, then 250",
           gdb_output, "")
    expect(re.search(r"^\d+\t\s+s->offset \+= target - measured;", gdb_output, re.M),
           "next did not reach the offset line", gdb_output, "")


def case_print_struct(args):
    # The initialised struct as the ELF holds it (gdb reading the file alone), then as
    # calibrate() left it: offset -40 + (250 - 210) = 0.
    in_file = tool_output([args.gdb, "-batch", "-nx", "-ex", f"file {args.elf}",
                           "-ex", "print thermometer"]).strip().split(" = ", 1)[1]
    gdb_output = same_as_qemu(args, ["break main", "continue", "print thermometer",
                                     "print thermometer.samples[2]", "print/x thermometer.config",
                                     "break spin_until_released", "continue",
                                     "print thermometer.offset", "print *&thermometer"],
                              "printing the struct")
    printed = re.findall(r"^\$\d+ = (.*)$", gdb_output, re.M)
    expect(len(printed) == 5, f"expected 5 values, got {printed}", gdb_output, "")
    expect(printed[0] == in_file, f"the struct is not what the ELF holds: {in_file}", gdb_output,
           "")
    expect(printed[1:4] == ["300", "{channel = 0x3, gain = 0x8}", "0"],
           f"fields {printed[1:4]}", gdb_output, "")


def case_interrupt_gdb(args):
    # Ctrl-C in GDB: SIGINT to the gdb process while it waits in `continue`; GDB sends 0x03,
    # the loop stops (SIGINT) and the session goes on.
    anvil, port = start_anvil(args)
    gdb = subprocess.Popen(gdb_command(args, port, ["continue", "info registers pc",
                                                     "print spins > 0", *RELEASE_AND_FINISH]),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # GDB prints where it attached (a source line), then runs `continue` at once; batch mode
    # prints no "Continuing.". Give the loop a moment to run after that.
    attached = ""
    for line in gdb.stdout:
        attached += line
        if re.match(r"\d+\t", line):
            break
    time.sleep(0.5)
    running = anvil.poll() is None and gdb.poll() is None
    gdb.send_signal(signal.SIGINT)
    try:
        gdb_output = attached + gdb.communicate(timeout=TIMEOUT)[0]
    except subprocess.TimeoutExpired:
        gdb.kill()
        gdb_output = attached + gdb.communicate()[0]
    out, err = anvil_end(anvil, "anvil did not end", gdb_output)
    expect(running, "the loop did not keep running", gdb_output, err)
    expect("Program received signal SIGINT" in gdb_output, "no SIGINT stop", gdb_output, err)
    expect(re.search(r"in spin_until_released \(\)", gdb_output),
           "the stop is not in the loop", gdb_output, err)
    expect(re.search(r"^\$1 = 1$", gdb_output, re.M), "the loop did not spin", gdb_output, err)
    finished_normally(args, anvil.returncode, out, gdb_output, err)


def case_step_into_exception(args):
    # stepi over SVC stops at the first instruction of SVC_Handler, with IPSR = 11 (ARMv7-M
    # ARM B1.5.2), as a halting debugger's step does on hardware.
    start, end = symbol_range(args, "supervisor_call")
    listing = tool_output([args.objdump, "-d", f"--start-address={start:#x}",
                           f"--stop-address={end:#x}", args.elf])
    svc = int(re.search(r"^\s+([0-9a-f]+):\s+df00\s+svc", listing, re.M).group(1), 16)
    handler = symbol(args, "SVC_Handler") & ~1
    gdb_output, status, out, err = session(
        args, [f"break *{svc:#x}", "continue", "stepi", "info registers pc",
               "info registers xpsr", "delete", *RELEASE_AND_FINISH])
    expect(register(gdb_output, "pc") == handler,
           f"stepi over svc at {svc:#x} did not stop at SVC_Handler {handler:#x}", gdb_output,
           err)
    xpsr = register(gdb_output, "xpsr")
    expect(xpsr is not None and xpsr & 0x1FF == 11, "IPSR is not 11 (SVCall)", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_breakpoint_invisible(args):
    # The firmware reads the first word of average() while GDB has a breakpoint there: it
    # must read the instruction the ELF holds, not a BKPT.
    in_file = gdb_file_only(args, "*(unsigned int *)average")
    gdb_output, status, out, err = session(
        args, ["break *average", "break spin_until_released", "continue", "continue",
               "continue", "info breakpoints", "print/x average_first_word", "delete",
               *RELEASE_AND_FINISH])
    expect(re.search(r"^1\s+breakpoint\s+keep y.*\n.*already hit 2 times", gdb_output, re.M),
           "the breakpoint at average was not hit twice", gdb_output, err)
    match = re.search(r"^\$1 = (0x[0-9a-f]+)", gdb_output, re.M)
    expect(match and match.group(1) == in_file,
           f"the guest read {match and match.group(1)} at average, the ELF holds {in_file}",
           gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)
