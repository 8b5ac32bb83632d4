"""Round trips through anvil.Simulation: runs, registers, memory, UARTs, statistics."""

import subprocess

import pytest

import anvil
from conftest import BUILD, assemble_thumb

SRAM = 0x20000000  # ZBT SSRAM2/3 on the AN385 (platforms/boards/mps2-an385.lua)
UART0 = 0x40004000


def test_run_to_exit_prints_what_qemu_printed(board, hello, hello_expected):
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        stop = sim.run(timeout="1 s")
        assert stop.reason == "exit" and sim.exit_code == 0
        assert sim.uart("uart0").output() == hello_expected


def test_stats_match_the_cli(board, hello):
    cli = subprocess.run([BUILD / "anvil", "run", board, "--firmware", hello, "--stats"],
                         capture_output=True, text=True)
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        sim.run(timeout="1 s")
        stats = sim.stats()
    # "94058 instructions, 148508 cycles, 0.005940 s simulated, ..."
    words = cli.stderr.split()
    assert stats.instructions == int(words[words.index("instructions,") - 1])
    assert stats.cycles == int(words[words.index("cycles,") - 1])
    assert abs(stats.simulated_seconds - float(words[words.index("s") - 1])) < 1e-6


def test_until_output_stops_right_after_the_text(board, hello):
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        stop = sim.run(until_output=b"self-check:", timeout="10 ms")
        assert stop.reason == "output"
        assert sim.uart().output() == b"Anvil demo on Cortex-M3 (MPS2 AN385)\nself-check:"
        assert sim.exit_code is None
        # The cursor moved past the match: the next wait is for new output.
        sim.run(until_output="ok\n", timeout="10 ms")
        assert sim.uart().output().endswith(b"0xcbf43926   ok\n")


def test_insns_runs_exactly_that_many(board, hello):
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        assert sim.stats().instructions == 0
        assert sim.run(insns=1).reason == "insns"
        assert sim.stats().instructions == 1
        sim.run(insns=12345)
        assert sim.stats().instructions == 12346


def test_reset_state_follows_the_vector_table(board, hello):
    # ARMv7-M ARM B1.5.5: SP from word 0 of the vector table, PC from word 1.
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        vectors = sim.memory.read(0, 8)
        regs = sim.cpu("cpu0").regs
        assert regs["sp"] == int.from_bytes(vectors[0:4], "little")
        assert regs["pc"] == int.from_bytes(vectors[4:8], "little") & ~1
        assert "r12" in regs and "xpsr" in regs.names()


def test_register_and_memory_writes_reach_the_guest(board, hello, tmp_path):
    # A loop that enables UART0's receiver and waits for a byte, loaded into SRAM by the test
    # (CMSDK APB UART, DDI 0479C: DATA 0x0, STATE 0x4 bit 1 RX full, CTRL 0x8 bit 1 RX enable).
    code = assemble_thumb(f"""
        ldr r1, ={UART0:#x}
        movs r2, #2
        str r2, [r1, #8]
    wait:
        ldr r2, [r1, #4]
        tst r2, #2
        beq wait
        ldr r0, [r1, #0]
        adds r0, r0, r3
    done:
        b done
        .ltorg
    """, tmp_path)
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        sim.memory.write(SRAM, code)
        assert sim.memory.read(SRAM, len(code)) == code
        regs = sim.cpu().regs
        regs["pc"] = SRAM
        regs["r3"] = 1000
        assert regs["pc"] == SRAM and regs["r3"] == 1000
        done = SRAM + code.index(bytes([0xFE, 0xE7]))  # b . (T1 encoding 0xE7FE)
        sim.uart("uart0").send(b"Z")
        stop = sim.run(until_pc=done, timeout="1 ms")
        assert stop.reason == "pc" and stop.pc == done
        assert regs["r0"] == ord("Z") + 1000


def test_captured_backends_and_describe(board, hello):
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        assert sim.uarts() == ["simctrl", "uart0", "uart1", "uart2", "uart3", "uart4"]
        assert "0x40004000" in sim.describe()
        assert sim.cpus() == ["cpu0"]


def test_a_param_keeps_its_backend(board, hello, tmp_path):
    out = tmp_path / "uart0.txt"
    with anvil.Simulation(board, params={"firmware": hello, "uart0.backend": f"file:{out}"}) as sim:
        sim.run(timeout="1 s")
        assert "uart0" not in sim.uarts()
    assert out.read_bytes().startswith(b"Anvil demo")


def test_timeout_alone_ends_the_run_there(board, irq):
    with anvil.Simulation(board, params={"firmware": irq}) as sim:
        stop = sim.run(timeout="100 us")
        assert stop.reason == "timeout"
        assert abs(sim.stats().simulated_seconds - 100e-6) <= 1e-3  # within one quantum


def test_parse_time():
    assert anvil.parse_time("10 ms") == 10e-3
    assert anvil.parse_time("1.5us") == 1.5e-6
    assert anvil.parse_time(2) == 2.0
    for bad in ("10 parsecs", "-1 s", 0):
        try:
            anvil.parse_time(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


def test_ctrl_c_stops_a_run_and_keeps_the_simulation(board, hello):
    import signal
    import threading

    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        sim.memory.write(SRAM, bytes([0xFE, 0xE7]))  # b . (a loop that never ends)
        sim.cpu().regs["pc"] = SRAM
        main = threading.main_thread().ident
        timer = threading.Timer(0.3, lambda: signal.pthread_kill(main, signal.SIGINT))
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            sim.run(until_output=b"never printed", timeout="20 s")
        timer.join()
        stopped_at = sim.stats().instructions
        assert 0 < stopped_at
        assert sim.run(insns=5).reason == "insns"
        assert sim.stats().instructions == stopped_at + 5
