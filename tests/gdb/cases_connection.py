"""Cases about the connection and the cores: Ctrl-C from a raw client, losing the connection
(--gdb-on-disconnect), and two cores (tests/gdb/dual-cortex-m3.lua with
firmware/tests/dual-core-cortex-m).
"""
import re
import time

from gdb_harness import *  # noqa: F401,F403 (the shared helpers)


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
