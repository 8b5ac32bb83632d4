#!/usr/bin/env python3
"""Instruction-level differential fuzzing of A32/T32: random instruction + random registers in,
registers and flags out, the same program run by a reference (qemu-arm) and by Anvil.

One static Linux program holds every case. A case loads r0-r12, lr, the APSR flags, FPSCR and
d0-d7 from its input record, executes one random instruction (arm_cases.py), stores the same
state into its output record and writes that record to stdout. Both runs must print the same
bytes; the first cases that differ are shown with their inputs and the fields that differ.

  arm_diff.py --cc arm-linux-gnueabihf-gcc --state arm --cases 2000 --seed 1 \\
      --reference "qemu-arm -cpu cortex-a15" --subject "anvil user --arch armhf --cpu cortex-a15"
"""

import argparse
import os
import random
import shlex
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import arm_cases  # noqa: E402

RECORD = 128  # r0-r12, lr (56) + APSR (4) + FPSCR (4) + d0-d7 (64)
FIELDS = [f"r{i}" for i in range(13)] + ["lr", "apsr", "fpscr"] + [f"d{i}" for i in range(8)]

INTERESTING_WORDS = [0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFF, 0x8000, 0x7FFF,
                     0xFF, 0x80, 0x7F, 0x10000, 0xFFFF8000, 0x00008000, 31, 32, 33]
INTERESTING_DOUBLES = [0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000,
                       0xC004000000000000, 0x7FF0000000000000, 0xFFF0000000000000,
                       0x7FF8000000000000, 0x7FF4000000000001, 0x0000000000000001,
                       0x000FFFFFFFFFFFFF, 0x0010000000000000, 0x7FEFFFFFFFFFFFFF,
                       0x41DFFFFFFFC00000, 0xC1E0000000000000, 0x41F0000000000000]
INTERESTING_SINGLES = [0x00000000, 0x80000000, 0x3F800000, 0xC0200000, 0x7F800000,
                       0xFF800000, 0x7FC00000, 0x7FA00001, 0x00000001, 0x007FFFFF,
                       0x00800000, 0x7F7FFFFF, 0x4F000000, 0xCF000000, 0x3F000000]


def random_word(rng):
    return rng.choice(INTERESTING_WORDS) if rng.randrange(3) == 0 else rng.getrandbits(32)


def random_double_bits(rng):
    shape = rng.randrange(4)
    if shape == 0:
        return rng.choice(INTERESTING_DOUBLES)
    if shape == 1:  # two singles, for the s registers
        return rng.choice(INTERESTING_SINGLES) << 32 | rng.choice(INTERESTING_SINGLES)
    if shape == 2:  # an ordinary double of moderate size
        return struct.unpack("<Q", struct.pack("<d", rng.uniform(-1e6, 1e6)))[0]
    return rng.getrandbits(64)


def random_fpscr(rng):
    # NZCV (31:28), DN (25), FZ (24), RMode (23:22), IDC (7) and the cumulative flags (4:0).
    # Trap enables and the vector Len/Stride stay zero: VFPv3 without trapping (B1.2 /
    # A2.7.4 FPSCR) and short vectors are deprecated and not what compilers emit.
    value = rng.getrandbits(4) << 28 | rng.getrandbits(2) << 24 | rng.getrandbits(2) << 22
    return value | rng.getrandbits(1) << 7 | rng.getrandbits(5)


def random_input(rng):
    words = [random_word(rng) for _ in range(14)]
    apsr = rng.getrandbits(5) << 27 | rng.getrandbits(4) << 16
    doubles = [random_double_bits(rng) for _ in range(8)]
    return struct.pack("<14I2I8Q", *words, apsr, random_fpscr(rng), *doubles)


def case_code(index, lines, thumb):
    body = "\n".join(f"    {line}" for line in lines)
    return f"""case_{index}:
    ldr sp, =inputs + {index * RECORD}
    ldr r0, [sp, #56]
    msr APSR_nzcvqg, r0
    ldr r0, [sp, #60]
    vmsr fpscr, r0
    add r0, sp, #64
    vldm r0, {{d0-d7}}
    ldm sp, {{r0-r12, lr}}
{body}
    ldr sp, =outputs + {index * RECORD}
    stm sp, {{r0-r12, lr}}
    mrs r0, APSR
    str r0, [sp, #56]
    vmrs r0, fpscr
    str r0, [sp, #60]
    add r0, sp, #64
    vstm r0, {{d0-d7}}
    mov r0, #1
    mov r1, sp
    mov r2, #{RECORD}
    mov r7, #4
    svc #0
    b case_{index + 1}
    .ltorg
"""


def program(cases, inputs, thumb):
    parts = [".syntax unified", ".fpu vfpv4", ".thumb" if thumb else ".arm",
             ".text", ".global _start", ".type _start, %function", "_start:",
             "    b case_0"]
    for index, lines in enumerate(cases):
        parts.append(case_code(index, lines, thumb))
    parts.append(f"""case_{len(cases)}:
    mov r0, #0
    mov r7, #248
    svc #0
.data
.balign 8
inputs:""")
    for record in inputs:
        parts.append("    .byte " + ",".join(str(b) for b in record))
    parts.append(f".bss\n.balign 8\noutputs:\n    .space {len(cases) * RECORD}\n")
    return "\n".join(parts)


def decode(record):
    values = struct.unpack("<14I2I8Q", record)
    return dict(zip(FIELDS, values))


def describe(record):
    fields = decode(record)
    return " ".join(f"{name}={value:#x}" for name, value in fields.items())


def run(command, elf, timeout):
    result = subprocess.run(shlex.split(command) + [elf], capture_output=True, timeout=timeout)
    return result.returncode, result.stdout, result.stderr.decode(errors="replace")


def compare(cases, inputs, reference, subject, max_reports):
    """Returns a list of report lines; empty when the runs agree."""
    reports = []
    count = min(len(reference[1]), len(subject[1])) // RECORD
    for index in range(count):
        want = reference[1][index * RECORD:(index + 1) * RECORD]
        got = subject[1][index * RECORD:(index + 1) * RECORD]
        if want == got:
            continue
        w, g = decode(want), decode(got)
        diffs = ", ".join(f"{name} expected {w[name]:#x} got {g[name]:#x}"
                          for name in FIELDS if w[name] != g[name])
        reports.append(f"case {index}: {' ; '.join(cases[index])}\n"
                       f"  in:  {describe(inputs[index])}\n  {diffs}")
        if len(reports) >= max_reports:
            return reports
    if len(reference[1]) != len(subject[1]) or reference[0] != subject[0]:
        stopped = len(subject[1]) // RECORD
        culprit = f" at case {stopped}: {' ; '.join(cases[stopped])}" if stopped < len(cases) else ""
        reports.append(f"the subject stopped after {stopped} of {len(cases)} cases with status "
                       f"{subject[0]} (reference: {reference[0]}){culprit}\n  {subject[2].strip()}")
    return reports


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cc", required=True)
    parser.add_argument("--state", choices=["arm", "thumb"], required=True)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=int(os.environ.get("ANVIL_FUZZ_SEED", "1")))
    parser.add_argument("--reference", required=True)
    parser.add_argument("--subject", required=True)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--max-reports", type=int, default=10)
    parser.add_argument("--keep", help="keep the generated program in this folder")
    args = parser.parse_args()

    thumb = args.state == "thumb"
    rng = random.Random(f"{args.seed}/{args.state}")
    cases = [arm_cases.instruction(rng, thumb) for _ in range(args.cases)]
    inputs = [random_input(rng) for _ in range(args.cases)]
    folder = args.keep or tempfile.mkdtemp(prefix="anvil-armdiff-")
    os.makedirs(folder, exist_ok=True)
    source = os.path.join(folder, f"fuzz-{args.state}.S")
    elf = os.path.join(folder, f"fuzz-{args.state}")
    with open(source, "w") as file:
        file.write(program(cases, inputs, thumb))
    build = subprocess.run([args.cc, "-nostdlib", "-static", "-mcpu=cortex-a15", "-mfpu=vfpv4",
                            "-mfloat-abi=hard", "-o", elf, source], capture_output=True, text=True)
    if build.returncode != 0:
        print(build.stderr[:4000], file=sys.stderr)
        print(f"arm_diff: the generated program did not assemble (seed {args.seed})")
        return 2
    reference = run(args.reference, elf, args.timeout)
    if reference[0] != 0 or len(reference[1]) != len(cases) * RECORD:
        print(f"arm_diff: the reference failed (status {reference[0]}): {reference[2][:2000]}")
        return 2
    subject = run(args.subject, elf, args.timeout)
    reports = compare(cases, inputs, reference, subject, args.max_reports)
    print(f"arm_diff: {args.state}, seed {args.seed}, {len(cases)} cases: "
          f"{'all agree' if not reports else 'DIFFERENCES'}")
    for line in reports:
        print(line)
    if not args.keep and not reports:
        for path in (source, elf):
            os.remove(path)
        os.rmdir(folder)
    return 1 if reports else 0


if __name__ == "__main__":
    sys.exit(main())
