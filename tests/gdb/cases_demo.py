"""Cases on the demo (firmware/demos/hello-cortex-m): breakpoints, registers from reset,
stepi, globals, watchpoints, exit, monitor commands, stdio, ROM; and on
firmware/tests/irq-cortex-m: a breakpoint in an interrupt handler.
"""
import os
import re
import subprocess
import tempfile

from gdb_harness import *  # noqa: F401,F403 (the shared helpers)


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
