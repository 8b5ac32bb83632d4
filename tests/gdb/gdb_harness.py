"""What the gdb-multiarch tests share (run_gdb_test.py): starting `anvil run --gdb`, running
gdb in batch mode against it (or against qemu-system-arm, the reference for source-level
stepping), a raw Remote Serial Protocol client, and the outside facts the tests check
against: the ELF's symbols, entry point and disassembly (binutils) and gdb's reading of the
ELF file alone.
"""
import argparse
import re
import socket
import subprocess
import sys
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


def symbol_range(args, name):
    """(start, end) of a function, by arm-none-eabi-nm -S."""
    for line in tool_output([args.nm, "-S", args.elf]).splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[3] == name:
            start = int(fields[0], 16) & ~1
            return start, start + int(fields[1], 16)
    sys.exit(f"FAIL: no sized symbol {name} in {args.elf}")


def register(gdb_output, name):
    match = re.search(rf"^{name}\s+(0x[0-9a-f]+)", gdb_output, re.M)
    return int(match.group(1), 16) if match else None


def register_values(gdb_output, name):
    return [int(v, 16) for v in re.findall(rf"^{name}\s+(0x[0-9a-f]+)", gdb_output, re.M)]


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


def instruction_before(args, pc):
    """objdump's mnemonic of the instruction that ends at `pc`."""
    listing = tool_output([args.objdump, "-d", f"--start-address={pc - 8:#x}",
                           f"--stop-address={pc:#x}", args.elf])
    rows = re.findall(r"^\s+([0-9a-f]+):\s+(?:[0-9a-f]{4} ?)+\s+(\S+)", listing, re.M)
    return rows[-1][1] if rows else ""


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


def session(args, commands, extra=()):
    """Runs anvil waiting for GDB, then gdb -batch with `commands`. Returns (gdb output,
    anvil exit status, anvil stdout, anvil stderr)."""
    anvil, port = start_anvil(args, extra)
    return gdb_batch(args, anvil, port, commands)


def expect(condition, what, gdb_output, anvil_err):
    if not condition:
        fail(what, gdb_output, anvil_err)


def finished_normally(args, status, out, gdb_output, err):
    with open(args.expected_output) as f:
        expected = f.read()
    expect(status == 0, f"anvil exit status {status}, expected 0", gdb_output, err)
    expect(out == expected, f"UART output differs from {args.expected_output}:\n{out}",
           gdb_output, err)


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


def run_case(cases, options, optional=()):
    """The scripts' main: `SCRIPT CASE --option VALUE ...` runs cases[CASE](args) with every
    option in `options` required and those in `optional` ((name, help) pairs) not."""
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=sorted(cases))
    for option in options:
        parser.add_argument(f"--{option}", required=True)
    for option, text in optional:
        parser.add_argument(f"--{option}", help=text)
    args = parser.parse_args()
    cases[args.case](args)
    print(f"PASS: {args.case}")
