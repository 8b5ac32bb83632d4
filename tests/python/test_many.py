"""Many simulations in one Python process: one after another and side by side, each with a
fresh SystemC kernel in its own child process, each giving the same deterministic result."""

import anvil


def test_twenty_in_a_row(board, hello, hello_expected):
    counts = set()
    for _ in range(20):
        with anvil.Simulation(board, params={"firmware": hello}) as sim:
            sim.run(timeout="1 s")
            assert sim.exit_code == 0
            assert sim.uart().output() == hello_expected
            counts.add((sim.stats().instructions, sim.stats().cycles))
    assert len(counts) == 1


def test_side_by_side_they_do_not_disturb_each_other(board, hello, irq, fault):
    sims = [anvil.Simulation(board, params={"firmware": elf}) for elf in (hello, irq, fault)]
    try:
        # Interleave: a little of each, in turn.
        for sim in sims:
            sim.run(insns=500)
        for sim in sims:
            assert sim.stats().instructions == 500
        codes = []
        for sim in reversed(sims):
            sim.run(timeout="1 s")
            codes.append(sim.exit_code)
        assert codes == [3, 0, 0]
        assert sims[0].uart().output().endswith(b"self-check passed\n")
        assert b"hardfault: exiting with status 3" in sims[2].uart().output()
    finally:
        for sim in sims:
            sim.close()


def test_an_unclosed_simulation_is_cleaned_up(board, hello):
    for _ in range(5):
        sim = anvil.Simulation(board, params={"firmware": hello})
        sim.run(insns=10)
        del sim  # the child ends with the object
