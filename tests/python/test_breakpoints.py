"""Breakpoints and their callbacks, on the demo's crc32(data, length) (firmware/demos/
hello-cortex-m/main.c): called once for "123456789" and once for the 1 KiB squares table."""

import zlib

import anvil
from conftest import symbol


def test_a_callback_sees_each_call_and_the_run_goes_on(board, hello):
    crc32 = symbol(hello, "crc32")
    calls = []

    def on_crc32(sim, stop):
        regs = sim.cpu(stop.cpu).regs
        data = sim.memory.read(regs["r0"], regs["r1"])  # AAPCS: arguments in r0, r1
        calls.append(data)
        assert stop.pc == crc32 == regs["pc"]

    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        bp = sim.breakpoint(crc32, on_crc32)
        stop = sim.run(timeout="1 s")
        assert stop.reason == "exit" and sim.exit_code == 0
        assert bp.hits == 2
    assert calls[0] == b"123456789"
    squares = b"".join((i * i).to_bytes(4, "little") for i in range(256))
    assert calls[1] == squares


def test_the_printed_crc_matches_zlib(board, hello):
    # The firmware prints the table's CRC-32; zlib's is the same CRC (IEEE 802.3).
    squares = b"".join((i * i).to_bytes(4, "little") for i in range(256))
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        sim.run(timeout="1 s")
        assert f"squares table: 0x{zlib.crc32(squares):08x}\n".encode() in sim.uart().output()


def test_a_callback_returning_true_stops_the_run(board, hello):
    crc32 = symbol(hello, "crc32")
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        sim.breakpoint(crc32, lambda sim, stop: sim.cpu().regs["r1"] == 1024)
        stop = sim.run(timeout="1 s")
        assert stop.reason == "breakpoint" and stop.pc == crc32
        assert sim.cpu().regs["r1"] == 1024  # the second call, the first went on
        assert sim.exit_code is None


def test_without_callback_each_hit_stops_and_run_steps_past_it(board, hello):
    crc32 = symbol(hello, "crc32")
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        sim.breakpoint(crc32)
        assert sim.run(timeout="1 s").reason == "breakpoint"
        first = sim.stats().instructions
        assert sim.run(timeout="1 s").reason == "breakpoint"
        assert sim.cpu().regs["r1"] == 1024
        assert sim.stats().instructions > first
        sim.remove_breakpoint(crc32)
        assert sim.run(timeout="1 s").reason == "exit"


def test_insns_from_a_breakpoint_counts_the_stepped_instruction(board, hello):
    crc32 = symbol(hello, "crc32")
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        sim.breakpoint(crc32)
        sim.run(timeout="1 s")
        before = sim.stats().instructions
        assert sim.run(insns=1).reason == "insns"
        assert sim.stats().instructions == before + 1
        assert sim.cpu().regs["pc"] != crc32


def test_until_pc_on_a_breakpoint_runs_the_callback_and_stops(board, hello):
    crc32 = symbol(hello, "crc32")
    seen = []
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        sim.breakpoint(crc32, lambda sim, stop: seen.append(stop.pc))
        stop = sim.run(until_pc=crc32, timeout="1 s")
        assert stop.reason == "pc" and stop.pc == crc32 and seen == [crc32]
        assert sim.cpu().regs["r1"] == 9  # the first call: "123456789"
