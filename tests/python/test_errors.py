"""Bad boards, bad images, guest faults and bad requests: each a Python exception carrying
Anvil's own message (the Lua file:line: field, or the guest fault)."""

import shutil

import pytest

import anvil


def write_board(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_field_typo_names_file_line_and_field(board, hello, tmp_path):
    text = board.read_text().replace("base = 0x40002000", "bsae = 0x40002000")
    typo = write_board(tmp_path, "typo.lua", text)
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "bsae" in l)
    with pytest.raises(anvil.BoardError) as error:
        anvil.Simulation(typo, params={"firmware": hello})
    assert f"typo.lua:{line}: dualtimer.bsae: unknown parameter" in str(error.value)
    assert "did you mean \"base\"" in str(error.value)


def test_every_problem_is_listed(tmp_path):
    bad = write_board(tmp_path, "bad.lua", """return board {
  name = "bad",
  cpu0 = cpu { model = "cortex-m3" },
  ram = memory { base = 0x1000, size = 0x2000 },
  rom = memory { base = 0x2000, size = 0x1000, kind = "rom" },
  uart0 = device { type = "no-such-uart", base = 0x40000000 },
}
""")
    with pytest.raises(anvil.BoardError) as error:
        anvil.Simulation(bad)
    lines = str(error.value).splitlines()
    assert any(l.startswith(f"{bad}:5: rom: 0x00002000..0x00002fff overlaps ram") for l in lines)
    assert any(l.startswith(f"{bad}:6: uart0.type: unknown device type \"no-such-uart\"")
               for l in lines)
    assert anvil.load_board(bad).problems == lines


def test_a_lua_syntax_error_names_its_line(tmp_path):
    broken = write_board(tmp_path, "broken.lua", 'return board {\n  name = "x" "y",\n}\n')
    with pytest.raises(anvil.BoardError, match=r"broken\.lua:2:"):
        anvil.Simulation(broken)


def test_a_missing_firmware_parameter(board):
    with pytest.raises(anvil.BoardError, match=r'board parameter "firmware" is not set'):
        anvil.Simulation(board)


def test_missing_truncated_and_foreign_images(board, hello, tmp_path):
    with pytest.raises(anvil.ImageError, match="no-such.elf"):
        anvil.Simulation(board, params={"firmware": tmp_path / "no-such.elf"})
    truncated = tmp_path / "truncated.elf"
    truncated.write_bytes(hello.read_bytes()[:700])
    with pytest.raises(anvil.ImageError, match="truncated.elf"):
        anvil.Simulation(board, params={"firmware": truncated})
    with pytest.raises(anvil.ImageError, match="/bin/true"):
        anvil.Simulation(board, params={"firmware": shutil.which("true")})


def test_a_lockup_is_a_guest_fault(board, lockup):
    with anvil.Simulation(board, params={"firmware": lockup}) as sim:
        with pytest.raises(anvil.GuestFault, match=r"cpu0: lockup at pc 0x"):
            sim.run(timeout="1 s")
        # Still inspectable, but it cannot run on.
        assert sim.cpu().regs["pc"] > 0
        with pytest.raises(anvil.SimulationEnded, match="lockup"):
            sim.run(insns=1)


def test_output_that_never_comes_is_a_timeout(board, irq):
    with anvil.Simulation(board, params={"firmware": irq}) as sim:
        with pytest.raises(anvil.Timeout, match="no output within 50 us"):
            sim.run(until_output=b"never printed", timeout="50 us")


def test_an_exit_before_the_output_is_reported(board, fault):
    with anvil.Simulation(board, params={"firmware": fault}) as sim:
        with pytest.raises(anvil.GuestExited, match="code 3") as error:
            sim.run(until_output=b"never printed", timeout="1 s")
        assert error.value.exit_code == 3 and sim.exit_code == 3
        with pytest.raises(anvil.SimulationEnded, match="exited with code 3"):
            sim.run(insns=1)


def test_bad_requests(board, hello):
    with anvil.Simulation(board, params={"firmware": hello}) as sim:
        with pytest.raises(anvil.UsageError, match="no cpu named 'cpu7'"):
            sim.cpu("cpu7")
        with pytest.raises(anvil.UsageError, match='no register "r99"'):
            sim.cpu().regs["r99"]
        with pytest.raises(anvil.UsageError, match="no captured backend named 'uart9'"):
            sim.uart("uart9")
        with pytest.raises(anvil.AccessError, match="0x10000000"):
            sim.memory.read(0x10000000, 4)
    with pytest.raises(anvil.SimulationEnded):
        sim.stats()
