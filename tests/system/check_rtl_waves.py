#!/usr/bin/env python3
"""Waveform test for RTL co-simulation (docs/rtl-cosim.md).

Runs the rtl-cortex-m firmware on mps2-an385-rtl with --waves and checks the timer's VCD
against what the firmware and the APB protocol (ARM IHI 0024C) say must be there:
  - pclk (25 MHz) has its rising edges at multiples of 40 ns and falling ones half way;
  - every APB transfer: PENABLE rises at the first rising pclk edge after PSEL rose (the
    setup phase is one cycle) and PSEL falls at the edge PREADY was high for;
  - irq rises on rising pclk edges, 1000 cycles (40 us) apart for the first two timer
    settings of the firmware and 2500 cycles (100 us) apart for the third;
  - COUNT only changes on rising pclk edges.
With --fst FST_TO_VCD it records FILE.fst instead, reads it back as VCD with the given tool,
runs the same checks, and also requires that no temporary VCD is left behind.
Usage: check_rtl_waves.py ANVIL BOARD FIRMWARE WORKDIR [--fst FST_TO_VCD]
"""
import os
import subprocess
import sys

PERIOD_PS = 40_000


def parse_vcd(path):
    """Returns {signal name: [(time_ps, value_string), ...]} for the timer's scope."""
    names, changes, time = {}, {}, 0
    with open(path) as vcd:
        in_body = False
        for line in vcd:
            words = line.split()
            if not words:
                continue
            if not in_body:
                if words[0] == "$var":
                    names[words[3]] = words[4]
                elif words[0] == "$enddefinitions":
                    in_body = True
                continue
            if words[0].startswith("#"):
                time = int(words[0][1:])
            elif words[0].startswith("b"):
                changes.setdefault(names[words[1]], []).append((time, words[0][1:]))
            elif words[0][0] in "01xz":
                changes.setdefault(names[words[0][1:]], []).append((time, words[0][0]))
    return changes


def rises(trace):
    return [t for t, v in trace if v == "1"]


def falls(trace):
    return [t for t, v in trace[1:] if v == "0"]


def main():
    anvil, board, firmware, work = sys.argv[1:5]
    fst_to_vcd = sys.argv[6] if len(sys.argv) > 6 and sys.argv[5] == "--fst" else None
    os.makedirs(work, exist_ok=True)
    waves = os.path.join(work, "rtl.fst" if fst_to_vcd else "rtl.vcd")
    result = subprocess.run([anvil, "run", board, "--firmware", firmware, "--quantum", "1cycle",
                             "--max-time", "1s", "--waves", waves],
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or "rtl-cortex-m: done" not in result.stdout:
        print("anvil failed:", result.returncode, result.stdout, result.stderr)
        return 1
    if fst_to_vcd:
        with open(waves, "rb") as file:
            if file.read(1) != b"\x00":  # an FST file starts with its header block (type 0)
                print(f"FAIL: {waves} is not an FST file")
                return 1
        if os.path.exists(waves + ".vcd"):
            print(f"FAIL: the temporary {waves}.vcd was left behind")
            return 1
        converted = os.path.join(work, "rtl-from-fst.vcd")
        with open(converted, "w") as out:
            subprocess.run([fst_to_vcd, waves], stdout=out, check=True)
        waves = converted
    signals = parse_vcd(waves)
    problems = []

    pclk = signals["pclk"]
    for t in rises(pclk):
        if t % PERIOD_PS:
            problems.append(f"pclk rises at {t} ps, not on the 40 ns grid")
    for t in falls(pclk):
        if t % PERIOD_PS != PERIOD_PS // 2:
            problems.append(f"pclk falls at {t} ps, not half way between rising edges")
    clock_rises = sorted(rises(pclk))

    def next_rise(after):
        for t in clock_rises:
            if t > after:
                return t
        return None

    psel_rises = rises(signals["psel"])
    penable_rises = rises(signals["penable"])
    if len(psel_rises) != len(penable_rises) or not psel_rises:
        problems.append(f"{len(psel_rises)} PSEL rises but {len(penable_rises)} PENABLE rises")
    for sel, enable in zip(psel_rises, penable_rises):
        edge = next_rise(sel)
        # The bridge drives just after the edge it follows (1 ps in the file).
        if edge is None or enable - edge not in (0, 1):
            problems.append(f"PSEL rose at {sel} ps but PENABLE at {enable} ps, "
                            f"not at the next pclk edge ({edge} ps)")
    transfers = len(psel_rises)

    irq_rises = rises(signals["irq"])
    for t in irq_rises:
        if t % PERIOD_PS:
            problems.append(f"irq rises at {t} ps, not on a rising pclk edge")
    gaps = [b - a for a, b in zip(irq_rises, irq_rises[1:])]
    expected = [1000 * PERIOD_PS] * 3
    if len(irq_rises) != 12:
        problems.append(f"{len(irq_rises)} irq rises, expected 12 (three settings, four each)")
    else:
        for block, cycles in enumerate([1000, 1000, 2500]):
            got = gaps[4 * block:4 * block + 3]
            if got != [cycles * PERIOD_PS] * 3:
                problems.append(f"setting {block}: irq {got} ps apart, expected {cycles} cycles")
    for t, _ in signals["count"][1:]:
        if t % PERIOD_PS:
            problems.append(f"COUNT changes at {t} ps, not on a rising pclk edge")
            break

    for p in problems[:20]:
        print("FAIL:", p)
    if problems:
        return 1
    print(f"ok: {len(clock_rises)} pclk rising edges, {transfers} APB transfers, "
          f"{len(irq_rises)} irq rises at {sorted(set(gaps))} ps intervals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
