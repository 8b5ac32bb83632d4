#!/usr/bin/env python3
"""Real gdb-multiarch against `anvil run --gdb 127.0.0.1:PORT --wait-gdb` (docs/debugging.md).

  run_gdb_test.py CASE --anvil A --board B --elf E --expected-output F --gdb G
                  --nm NM --objdump OBJDUMP --readelf READELF

Every expectation comes from outside Anvil: the ELF's symbols (arm-none-eabi-nm), its entry
point (readelf), its disassembly (objdump), gdb's own reading of the ELF file with no target,
the UART output recorded on qemu, and `anvil describe` for the board's name and core model.
"""
import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 20


def fail(message, gdb_output="", anvil_output=""):
    sys.exit(f"FAIL: {message}\n--- gdb ---\n{gdb_output}\n--- anvil stderr ---\n{anvil_output}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tool_output(command):
    return subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout


def symbol(args, name):
    for line in tool_output([args.nm, args.elf]).splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2] == name:
            return int(fields[0], 16)
    sys.exit(f"FAIL: no symbol {name} in {args.elf}")


def entry_point(args):
    match = re.search(r"Entry point address:\s+0x([0-9a-f]+)",
                      tool_output([args.readelf, "-h", args.elf]))
    return int(match.group(1), 16)


def instruction_addresses(args, start, count):
    """Addresses of the `count` instructions from `start`, by objdump's disassembly."""
    listing = tool_output([args.objdump, "-d", f"--start-address={start:#x}",
                           f"--stop-address={start + 4 * count:#x}", args.elf])
    addresses = [int(m.group(1), 16) for m in re.finditer(r"^\s+([0-9a-f]+):\s", listing, re.M)]
    return addresses[:count]


def gdb_file_only(args, expression):
    """What gdb reads from the ELF file itself, with no target connected."""
    out = tool_output([args.gdb, "-batch", "-nx", "-ex", f"file {args.elf}",
                       "-ex", f"print/x {expression}"])
    return re.search(r"\$1 = (0x[0-9a-f]+)", out).group(1)


def start_anvil(args, extra=()):
    """anvil waiting for GDB on a free port; returns (process, port)."""
    port = free_port()
    anvil = subprocess.Popen([args.anvil, "run", args.board, "--firmware", args.elf,
                              "--gdb", f"127.0.0.1:{port}", "--wait-gdb", *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # anvil prints where it waits once the listener is up (a probing connection would be
    # the one connection it serves).
    line = anvil.stderr.readline()
    if "waiting for GDB" not in line:
        fail(f"anvil did not start listening: {line}")
    return anvil, port


def stderr_until(anvil, text, seconds=TIMEOUT):
    """anvil's stderr lines up to the first holding `text`; None if it did not come in time."""
    lines = []
    found = threading.Event()

    def reader():
        for line in anvil.stderr:
            lines.append(line)
            if text in line:
                found.set()
                return

    threading.Thread(target=reader, daemon=True).start()
    return "".join(lines) if found.wait(seconds) else None


def anvil_end(anvil, failure, report=""):
    """anvil's (stdout, stderr) once it ends; fails with `failure` if it does not."""
    try:
        return anvil.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        anvil.kill()
        fail(failure, report, anvil.communicate()[1])


def session(args, commands, extra=()):
    """Runs anvil waiting for GDB, then gdb -batch with `commands`. Returns (gdb output,
    anvil exit status, anvil stdout, anvil stderr)."""
    anvil, port = start_anvil(args, extra)
    return gdb_batch(args, anvil, port, commands)


def gdb_command(args, port, commands):
    """gdb -batch on the ELF, connected to 127.0.0.1:port, running `commands`."""
    command = [args.gdb, "-batch", "-nx", "-ex", "set pagination off", "-ex", f"file {args.elf}",
               "-ex", f"target remote 127.0.0.1:{port}"]
    for line in commands:
        command += ["-ex", line]
    return command


def gdb_batch(args, anvil, port, commands):
    """gdb -batch with `commands` against the waiting `anvil`, then anvil's end."""
    deadline = time.time() + TIMEOUT
    try:
        gdb = subprocess.run(gdb_command(args, port, commands), stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True,
                             timeout=max(1, deadline - time.time()))
        out, err = anvil.communicate(timeout=max(1, deadline - time.time()))
    except subprocess.TimeoutExpired:
        anvil.kill()
        out, err = anvil.communicate()
        fail("timed out", "", err)
    return gdb.stdout, anvil.returncode, out, err


def expect(condition, what, gdb_output, anvil_err):
    if not condition:
        fail(what, gdb_output, anvil_err)


def finished_normally(args, status, out, gdb_output, err):
    with open(args.expected_output) as f:
        expected = f.read()
    expect(status == 0, f"anvil exit status {status}, expected 0", gdb_output, err)
    expect(out == expected, f"UART output differs from {args.expected_output}:\n{out}",
           gdb_output, err)


def register(gdb_output, name):
    match = re.search(rf"^{name}\s+(0x[0-9a-f]+)", gdb_output, re.M)
    return int(match.group(1), 16) if match else None


def case_break_main(args):
    main = symbol(args, "main")
    gdb_output, status, out, err = session(args, ["break main", "continue", "info registers pc",
                                                 "detach"])
    expect("Breakpoint 1, main ()" in gdb_output, "no stop at main", gdb_output, err)
    expect(register(gdb_output, "pc") == main, f"pc is not main ({main:#x})", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_reset_registers(args):
    # ARMv7-M ARM B1.5.5 (TakeReset): SP_main from vector 0, PC from vector 1 with bit 0
    # going to EPSR.T; the ELF's entry point is that reset vector.
    initial_sp = int(gdb_file_only(args, "*(unsigned int *)0"), 16)
    reset = int(gdb_file_only(args, "*(unsigned int *)4"), 16)
    expect(reset == entry_point(args), f"vector 1 {reset:#x} is not the ELF entry", "", "")
    gdb_output, status, out, err = session(args, ["info registers", "detach"])
    expect(register(gdb_output, "pc") == reset & ~1, f"pc is not {reset & ~1:#x}", gdb_output, err)
    expect(register(gdb_output, "sp") == initial_sp, f"sp is not {initial_sp:#x}", gdb_output,
           err)
    expect(register(gdb_output, "xpsr") == 0x01000000, "xpsr is not T only", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_stepi(args):
    entry = entry_point(args) & ~1
    # The first instructions of the reset handler do not branch (checked by the disassembly
    # below: three consecutive addresses), so each stepi lands on the next one.
    first = instruction_addresses(args, entry, 3)
    expect(len(first) == 3 and first[0] == entry, f"disassembly at {entry:#x}: {first}", "", "")
    gdb_output, status, out, err = session(
        args, ["stepi", "info registers pc", "stepi", "info registers pc", "detach"])
    pcs = [int(v, 16) for v in re.findall(r"^pc\s+(0x[0-9a-f]+)", gdb_output, re.M)]
    expect(pcs == first[1:], f"pc after two stepi {list(map(hex, pcs))}, expected "
           f"{list(map(hex, first[1:]))}", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_print_global(args):
    # _impure_ptr is initialised data: the startup code copies it from flash to RAM before
    # main, so at main the target must show what the ELF file holds.
    in_file = gdb_file_only(args, "_impure_ptr")
    gdb_output, status, out, err = session(args, ["break main", "continue",
                                                 "print/x _impure_ptr", "detach"])
    match = re.search(r"^\$1 = (0x[0-9a-f]+)", gdb_output, re.M)
    expect(match and match.group(1) == in_file, f"_impure_ptr is not {in_file}", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_exit(args):
    gdb_output, status, out, err = session(args, ["continue"])
    expect("exited normally" in gdb_output, "GDB was not told of the exit (W00)", gdb_output,
           err)
    finished_normally(args, status, out, gdb_output, err)


def instruction_before(args, pc):
    """objdump's mnemonic of the instruction that ends at `pc`."""
    listing = tool_output([args.objdump, "-d", f"--start-address={pc - 8:#x}",
                           f"--stop-address={pc:#x}", args.elf])
    rows = re.findall(r"^\s+([0-9a-f]+):\s+(?:[0-9a-f]{4} ?)+\s+(\S+)", listing, re.M)
    return rows[-1][1] if rows else ""


def case_watch(args):
    # main fills squares[i] = i * i: a write watchpoint on squares[3] fires with 0 -> 9.
    # The stub reports the stop before the store and GDB steps it, so GDB then shows the pc
    # right after the storing instruction (a late report would show one more instruction).
    gdb_output, status, out, err = session(args, ["break main", "continue", "watch squares[3]",
                                                 "continue", "info registers pc", "delete",
                                                 "detach"])
    expect(re.search(r"Old value = 0\s+New value = 9", gdb_output), "no write of 9 seen",
           gdb_output, err)
    pc = register(gdb_output, "pc")
    expect(pc is not None and instruction_before(args, pc).startswith("str"),
           f"the instruction before pc {pc:#x} is not the store", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_monitor(args):
    describe = tool_output([args.anvil, "describe", args.board])
    board = describe.split()[0]
    cpu, model = re.search(r"^cpus:\n\s+(\S+)\s+([\w-]+)\s", describe, re.M).groups()
    gdb_output, status, out, err = session(
        args, ["monitor info", "stepi", "monitor cycles", "monitor nonsense", "detach"])
    expect(f"board {board}" in gdb_output, f"monitor info does not name board {board}",
           gdb_output, err)
    expect(re.search(rf"^{cpu} {model} ", gdb_output, re.M), f"no line for {cpu} {model}",
           gdb_output, err)
    # One stepi from reset: one instruction retired.
    expect(re.search(rf"^{cpu} cycles \d+ instructions 1$", gdb_output, re.M),
           "monitor cycles does not show one instruction after one stepi", gdb_output, err)
    expect("Unknown monitor command 'nonsense'" in gdb_output, "unknown command not reported",
           gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_monitor_reset(args):
    # `monitor reset` at main puts the core back at the reset vector (ARMv7-M ARM B1.5.5:
    # SP from word 0, PC from word 1 of the ELF's vector table); GDB caches registers, so
    # the cache is flushed first. stepi then runs the reset handler's first instruction, and
    # the firmware, started over, runs to its normal end.
    initial_sp = int(gdb_file_only(args, "*(unsigned int *)0"), 16)
    reset = int(gdb_file_only(args, "*(unsigned int *)4"), 16) & ~1
    second = instruction_addresses(args, reset, 2)[1]
    gdb_output, status, out, err = session(
        args, ["break main", "continue", "monitor reset", "maintenance flush register-cache",
               "info registers pc sp", "stepi", "info registers pc", "delete", "detach"])
    pcs = register_values(gdb_output, "pc")
    expect(pcs == [reset, second], f"pcs {list(map(hex, pcs))}, expected the reset vector "
           f"{reset:#x}, then {second:#x}", gdb_output, err)
    expect(register(gdb_output, "sp") == initial_sp, f"sp is not {initial_sp:#x}", gdb_output,
           err)
    finished_normally(args, status, out, gdb_output, err)


def case_stdio(args):
    # GDB starts anvil itself (`target remote | ...`); the UART goes to a file since stdout
    # carries the protocol.
    with tempfile.TemporaryDirectory() as folder:
        uart = os.path.join(folder, "uart.txt")
        command = (f"{args.anvil} run {args.board} --firmware {args.elf} --gdb stdio "
                   f"--wait-gdb -p uart0.backend=file:{uart}")
        gdb = subprocess.run([args.gdb, "-batch", "-nx", "-ex", f"file {args.elf}",
                              "-ex", f"target remote | {command}", "-ex", "break main",
                              "-ex", "continue", "-ex", "continue"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             timeout=TIMEOUT)
        expect("Breakpoint 1, main ()" in gdb.stdout, "no stop at main", gdb.stdout, "")
        expect("exited normally" in gdb.stdout, "GDB was not told of the exit", gdb.stdout, "")
        with open(uart) as f, open(args.expected_output) as g:
            expect(f.read() == g.read(), "UART output differs", gdb.stdout, "")


class RawRsp:
    """A minimal Remote Serial Protocol client (GDB manual, "Overview"): `$data#cs`,
    acknowledged with `+`."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.buffer = b""

    def send(self, data):
        checksum = sum(data.encode()) % 256
        self.sock.sendall(f"${data}#{checksum:02x}".encode())

    def reply(self):
        while True:
            match = re.search(rb"\$([^#]*)#[0-9a-f]{2}", self.buffer)
            if match:
                self.buffer = self.buffer[match.end():]
                self.sock.sendall(b"+")
                return match.group(1).decode()
            chunk = self.sock.recv(4096)
            if not chunk:
                return None
            self.buffer += chunk


def case_interrupt(args):
    # A `b .` loop (ARMv7-M ARM A7.7.12, encoding T2 with imm11 = 0x7fe: 0xe7fe) written to
    # RAM and jumped to never ends; Ctrl-C (0x03) must stop it with SIGINT (T02) with the
    # pc still in the loop, and the simulation must then end when GDB kills it.
    anvil, port = start_anvil(args)
    loop = 0x20100000
    pc_number = 15
    rsp = RawRsp(port)
    rsp.send(f"M{loop:x},2:fee7")
    first = rsp.reply()
    rsp.send(f"P{pc_number:x}=" + loop.to_bytes(4, "little").hex())
    second = rsp.reply()
    rsp.send("c")
    time.sleep(0.3)
    still_running = anvil.poll() is None
    rsp.sock.sendall(b"\x03")
    stop = rsp.reply()
    rsp.send(f"p{pc_number:x}")
    pc = rsp.reply()
    rsp.send("k")
    _, err = anvil_end(anvil, "anvil did not end after k")
    report = f"M: {first}, P: {second}, stop: {stop}, pc: {pc}"
    expect(first == "OK" and second == "OK", report, "", err)
    expect(still_running, "the loop did not keep the simulation running", report, err)
    expect(stop is not None and stop.startswith("T02"), "no SIGINT stop", report, err)
    expect(pc == loop.to_bytes(4, "little").hex(), "pc left the loop", report, err)
    expect(anvil.returncode == 130, f"exit status {anvil.returncode} after kill, expected 130",
           report, err)


def stop_at_main_then_drop(args, extra=()):
    """A raw client stops the demo at main, sets a breakpoint at exit, and drops the socket
    without detaching. Returns (anvil, port, report)."""
    anvil, port = start_anvil(args, extra)
    main = symbol(args, "main")
    rsp = RawRsp(port)
    replies = []
    for packet in (f"Z0,{main:x},2", "c", f"z0,{main:x},2", f"Z0,{symbol(args, 'exit'):x},2"):
        rsp.send(packet)
        replies.append(rsp.reply())
    rsp.sock.close()
    report = f"replies: {replies}"
    expect(replies[0] == "OK" and replies[1].startswith("T05") and replies[2:] == ["OK", "OK"],
           "the raw client did not stop at main", report, "")
    return anvil, port, report


def case_disconnect_stop(args):
    # The default: the cores stay halted at main and a new GDB can attach there. The first
    # client's breakpoint at exit is gone (the new GDB never set it), so continue runs the
    # firmware to its normal end.
    anvil, port, report = stop_at_main_then_drop(args)
    log = stderr_until(anvil, "waiting for GDB")
    expect(log is not None and "disconnected" in log, "anvil does not wait for a new GDB",
           report, log or "")
    time.sleep(0.3)
    expect(anvil.poll() is None, "anvil ended although GDB may come back", report, "")
    gdb_output, status, out, err = gdb_batch(args, anvil, port,
                                             ["info registers pc", "continue"])
    main = symbol(args, "main")
    expect(register(gdb_output, "pc") == main, f"the cores did not stay at main ({main:#x})",
           gdb_output, err)
    expect("exited normally" in gdb_output, "the run did not go on to the guest's exit",
           gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


def case_disconnect_stop_running(args):
    # The connection drops while the cores run a `b .` loop: they stop in the loop and stay
    # there until the next client, which finds pc in the loop and kills the run.
    anvil, port = start_anvil(args)
    loop = 0x20100000
    rsp = RawRsp(port)
    rsp.send(f"M{loop:x},2:fee7")
    first = rsp.reply()
    rsp.send("Pf=" + loop.to_bytes(4, "little").hex())
    second = rsp.reply()
    rsp.send("c")
    time.sleep(0.3)
    rsp.sock.close()
    log = stderr_until(anvil, "waiting for GDB")
    report = f"M: {first}, P: {second}"
    expect(log is not None, "anvil does not wait for a new GDB", report, "")
    rsp = RawRsp(port)
    rsp.send("?")
    stop = rsp.reply()
    rsp.send("pf")
    pc = rsp.reply()
    rsp.send("k")
    _, err = anvil_end(anvil, "anvil did not end after k")
    report += f", ?: {stop}, pc: {pc}"
    expect(stop is not None and stop.startswith("T"), "no stop reply", report, err)
    expect(pc == loop.to_bytes(4, "little").hex(), "pc left the loop", report, err)
    expect(anvil.returncode == 130, f"exit status {anvil.returncode} after kill", report, err)


def case_disconnect_continue(args):
    # --gdb-on-disconnect=continue: as after a detach, the firmware runs to its normal end
    # without the breakpoint the client left at exit.
    anvil, _, report = stop_at_main_then_drop(args, ["--gdb-on-disconnect=continue"])
    out, err = anvil_end(anvil, "anvil did not run on after the disconnect", report)
    finished_normally(args, anvil.returncode, out, report, err)


def case_disconnect_exit(args):
    # --gdb-on-disconnect=exit: the run ends as interrupted, before the guest's exit.
    anvil, _, report = stop_at_main_then_drop(args, ["--gdb-on-disconnect", "exit"])
    out, err = anvil_end(anvil, "anvil did not end after the disconnect", report)
    expect(anvil.returncode == 130, f"exit status {anvil.returncode}, expected 130", report, err)
    expect("self-check passed" not in out, "the firmware ran on", report, err)


def qemu_session(args, commands):
    """gdb -batch with `commands` against qemu-system-arm's mps2-an385 running the same ELF:
    the reference transcript for source-level debugging."""
    port = free_port()
    qemu = subprocess.Popen([args.qemu, "-M", "mps2-an385", "-nographic", "-semihosting",
                             "-kernel", args.elf, "-S", "-gdb", f"tcp:127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # No probing connection (qemu resumes the machine when a GDB goes): gdb retries a
        # refused connection itself (`set tcp auto-retry`, on by default).
        gdb = subprocess.run(gdb_command(args, port, commands), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             timeout=TIMEOUT)
        return gdb.stdout
    finally:
        qemu.kill()
        qemu.wait()


def source_view(gdb_output):
    """What a user reads while stepping: frame lines ("calibrate (s=..., target=250) at
    main.c:38"), source lines ("38\t..."), returned values and printed values, with
    addresses and the value history numbers left out."""
    keep = re.compile(r"^(\d+\t|Run till exit|Value returned|\$\d+ = |\S+ \(.*\) at |"
                      r"0x[0-9a-f]+ in |Breakpoint \d+, )")
    lines = []
    for line in gdb_output.splitlines():
        if keep.match(line):
            line = re.sub(r"0x[0-9a-f]+", "ADDR", line)
            lines.append(re.sub(r"\$\d+", "$N", line))
    return lines


# ---- Source level, on firmware/tests/gdb-cortex-m: the same GDB commands on qemu are the
# reference. The firmware spins until GDB sets `released`.

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
    # gdb's output reaches the pipe in blocks, so wait for the run rather than for "Continuing.".
    time.sleep(1.5)
    running = anvil.poll() is None and gdb.poll() is None
    gdb.send_signal(signal.SIGINT)
    try:
        gdb_output, _ = gdb.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        gdb.kill()
        gdb_output = gdb.communicate()[0]
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


# ---- Read-only memory: the demo with its code region made ROM (-p ssram1.kind=rom) ----

def case_hbreak_rom(args):
    # GDB reads the memory map, sees ROM and inserts even `break` as a hardware breakpoint
    # (GDB manual, "Memory Region Attributes" and `breakpoint auto-hw`): Z1, seen in GDB's
    # packet log, though `info breakpoints` still calls it a breakpoint. `hbreak` asks for
    # one. Both stop there.
    main, crc = symbol(args, "main"), symbol(args, "crc32")
    gdb_output, status, out, err = session(
        args, ["info mem", "break main", "hbreak crc32", "set debug remote 1", "continue",
               "set debug remote 0", "info breakpoints", "info registers pc", "continue", "info registers pc", "delete", "detach"],
        ["-p", "ssram1.kind=rom"])
    expect(re.search(r"^\d+\s+y\s+0x0+ 0x0*400000\s+ro\s", gdb_output, re.M),
           "info mem does not show 0..4 MiB read-only", gdb_output, err)
    expect(re.search(rf"Sending packet: \$Z1,{main:x},[0-9a-f]+#", gdb_output),
           "break main in ROM is not inserted as a hardware breakpoint (Z1)", gdb_output, err)
    expect(not re.search(r"Sending packet: \$Z0,", gdb_output),
           "a software breakpoint (Z0) was inserted in ROM", gdb_output, err)
    expect(re.search(r"^2\s+hw breakpoint\s+keep y.*in crc32", gdb_output, re.M),
           "hbreak crc32 is not a hardware breakpoint", gdb_output, err)
    pcs = [int(v, 16) for v in re.findall(r"^pc\s+(0x[0-9a-f]+)", gdb_output, re.M)]
    expect(len(pcs) == 2 and pcs[0] == main and crc <= pcs[1] < crc + 16,
           f"stops at {list(map(hex, pcs))}, expected main {main:#x} then crc32 {crc:#x}",
           gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


# ---- Interrupt handlers, on firmware/tests/irq-cortex-m ----

def case_irq_handler(args):
    # A breakpoint in TIMER0's handler stops inside the handler: IPSR (xPSR bits 8:0) is the
    # exception number 16 + IRQ 8 = 24 (ARMv7-M ARM B1.5.2, AN385 interrupt map), and GDB
    # unwinds through the exception frame to the interrupted code.
    handler = symbol(args, "TIMER0_Handler")
    gdb_output, status, out, err = session(
        args, ["break TIMER0_Handler", "continue", "info registers pc", "info registers xpsr",
               "backtrace", "x/wx 0xe000ed00", "x/wx 0xe000ed04", "x/wx 0xe000e100",
               "delete", "detach"])
    expect("Breakpoint 1, TIMER0_Handler ()" in gdb_output, "no stop in the handler",
           gdb_output, err)
    expect(register(gdb_output, "pc") == handler, f"pc is not {handler:#x}", gdb_output, err)
    xpsr = register(gdb_output, "xpsr")
    expect(xpsr is not None and xpsr & 0x1FF == 24, "IPSR is not 24", gdb_output, err)
    expect("<signal handler called>" in gdb_output and re.search(r"main \(\) at ", gdb_output),
           "the backtrace does not cross the exception frame", gdb_output, err)
    # The System Control Space, which the core serves itself (not the bus), read by `x`:
    # CPUID (B3.2.3) names ARM (0x41), the ARMv7-M constant 0xF and part 0xC23 (Cortex-M3
    # TRM); ICSR.VECTACTIVE (B3.2.4) is the active exception; ISER0 (B3.4.4) has TIMER0's
    # line 8 enabled by the firmware's nvic_enable().
    scs = dict(re.findall(r"^(0xe000e[0-9a-f]+):\s+(0x[0-9a-f]+)$", gdb_output, re.M))
    cpuid = int(scs.get("0xe000ed00", "0"), 16)
    expect(cpuid >> 24 == 0x41 and (cpuid >> 16) & 0xF == 0xF and (cpuid >> 4) & 0xFFF == 0xC23,
           f"CPUID {cpuid:#x} is not a Cortex-M3's", gdb_output, err)
    expect(int(scs.get("0xe000ed04", "0"), 16) & 0x1FF == 24, "ICSR.VECTACTIVE is not 24",
           gdb_output, err)
    expect(int(scs.get("0xe000e100", "0"), 16) & (1 << 8), "ISER0 bit 8 is clear", gdb_output,
           err)
    finished_normally(args, status, out, gdb_output, err)


# ---- Two cores, on tests/gdb/dual-cortex-m3.lua with firmware/tests/dual-core-cortex-m ----

def symbol_range(args, name):
    """(start, end) of a function, by arm-none-eabi-nm -S."""
    for line in tool_output([args.nm, "-S", args.elf]).splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[3] == name:
            start = int(fields[0], 16) & ~1
            return start, start + int(fields[1], 16)
    sys.exit(f"FAIL: no sized symbol {name} in {args.elf}")


def register_values(gdb_output, name):
    return [int(v, 16) for v in re.findall(rf"^{name}\s+(0x[0-9a-f]+)", gdb_output, re.M)]


def case_two_cores(args):
    # Each core is a thread named after its board component. Only cpu1 calls
    # sum_of_squares(10), once cpu0 spins in main's loop. At the breakpoint every core is
    # stopped (all-stop): cpu0's counter does not move while GDB steps cpu1 alone
    # (scheduler-locking on: vCont;s:2 leaves thread 1 stopped).
    squares = symbol(args, "sum_of_squares")
    main_start, main_end = symbol_range(args, "main")
    after_steps = instruction_addresses(args, squares, 3)[1:]
    gdb_output, status, out, err = session(
        args, ["break sum_of_squares", "continue", "info threads", "print first_core_spins",
               "thread 1", "info registers pc sp", "x/wx 0xe000e004", "thread 2",
               "info registers", "x/wx 0xe000e004",
               "set scheduler-locking on", "stepi", "stepi", "info registers pc",
               "print first_core_spins", "monitor info", "delete", "detach"])
    expect(re.search(r'Thread 2 "cpu1" hit Breakpoint 1, sum_of_squares \((n=)?n(@entry)?=10\)',
                     gdb_output), "the breakpoint was not reported on thread 2 (cpu1)",
           gdb_output, err)
    threads = re.findall(r'^(\*| ) +(\d+) +Thread \d+ "(cpu\d)"', gdb_output, re.M)
    expect(threads == [(" ", "1", "cpu0"), ("*", "2", "cpu1")],
           f"info threads lists {threads}, expected cpu0 and the current cpu1", gdb_output, err)
    spins = [int(v) for v in re.findall(r"^\$\d+ = (\d+)$", gdb_output, re.M)]
    expect(len(spins) == 2 and spins[0] >= 1000 and spins[0] == spins[1],
           f"cpu0's counter {spins}: expected at least 1000 and unchanged", gdb_output, err)
    pcs, sps = register_values(gdb_output, "pc"), register_values(gdb_output, "sp")
    expect(len(pcs) == 3 and main_start <= pcs[0] < main_end,
           f"thread 1's pc {pcs[:1]} is not in main", gdb_output, err)
    expect(pcs[1:] == [squares, after_steps[1]],
           f"thread 2's pcs {list(map(hex, pcs[1:]))}: expected sum_of_squares {squares:#x}, "
           f"then two instructions on at {after_steps[1]:#x}", gdb_output, err)
    # cpu0 runs on the stack at the top of SSRAM2/3, cpu1 on its own at the top of PSRAM.
    expect(len(sps) == 2 and 0x20000000 < sps[0] <= 0x20400000 and
           0x21ff0000 < sps[1] <= 0x22000000, f"stacks {list(map(hex, sps))}", gdb_output, err)
    expect(register(gdb_output, "r0") == 10, "thread 2's r0 (n) is not 10", gdb_output, err)
    # Each core has its own System Control Space: ICTR.INTLINESNUM (ARMv7-M ARM B3.4.4) is
    # 0 for cpu0's 32 interrupt lines and 1 for cpu1's 64 (the board file).
    ictr = re.findall(r"^0xe000e004:\s+(0x[0-9a-f]+)$", gdb_output, re.M)
    expect(ictr == ["0x00000000", "0x00000001"], f"ICTR per thread {ictr}", gdb_output, err)
    expect(re.search(r"^cpu0 cortex-m3 stopped .*\n^cpu1 cortex-m3 stopped ", gdb_output, re.M),
           "monitor info does not show both cores stopped", gdb_output, err)
    finished_normally(args, status, out, gdb_output, err)


CASES = {name[5:].replace("_", "-"): f for name, f in globals().items() if name.startswith("case_")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=sorted(CASES))
    for option in ("anvil", "board", "elf", "expected-output", "gdb", "nm", "objdump",
                   "readelf"):
        parser.add_argument(f"--{option}", required=True)
    parser.add_argument("--qemu", help="qemu-system-arm, for the source-level cases")
    args = parser.parse_args()
    CASES[args.case](args)
    print(f"PASS: {args.case}")


if __name__ == "__main__":
    main()
