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
import socket
import subprocess
import sys
import tempfile
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
    # 16 bytes per instruction covers every ISA tested (Thumb: 2-4, 68000: 2-10).
    listing = tool_output([args.objdump, "-d", f"--start-address={start:#x}",
                           f"--stop-address={start + 16 * count:#x}", args.elf])
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


def session(args, commands):
    """Runs anvil waiting for GDB, then gdb -batch with `commands`. Returns (gdb output,
    anvil exit status, anvil stdout, anvil stderr)."""
    anvil, port = start_anvil(args)
    deadline = time.time() + TIMEOUT
    gdb_command = [args.gdb, "-batch", "-nx", "-ex", "set pagination off",
                   "-ex", f"file {args.elf}", "-ex", f"target remote 127.0.0.1:{port}"]
    for command in commands:
        gdb_command += ["-ex", command]
    try:
        gdb = subprocess.run(gdb_command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, timeout=max(1, deadline - time.time()))
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
    try:
        _, err = anvil.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        anvil.kill()
        fail("anvil did not end after k")
    report = f"M: {first}, P: {second}, stop: {stop}, pc: {pc}"
    expect(first == "OK" and second == "OK", report, "", err)
    expect(still_running, "the loop did not keep the simulation running", report, err)
    expect(stop is not None and stop.startswith("T02"), "no SIGINT stop", report, err)
    expect(pc == loop.to_bytes(4, "little").hex(), "pc left the loop", report, err)
    expect(anvil.returncode == 130, f"exit status {anvil.returncode} after kill, expected 130",
           report, err)


CASES = {name[5:].replace("_", "-"): f for name, f in globals().items() if name.startswith("case_")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=sorted(CASES))
    for option in ("anvil", "board", "elf", "expected-output", "gdb", "nm", "objdump",
                   "readelf"):
        parser.add_argument(f"--{option}", required=True)
    args = parser.parse_args()
    CASES[args.case](args)
    print(f"PASS: {args.case}")


if __name__ == "__main__":
    main()
