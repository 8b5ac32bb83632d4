#!/usr/bin/env python3
"""User-mode conformance runner: every program of the manifest (written by the build,
user_mode.cmake) on every target, under `anvil user` and qemu-user, each compared with the
native build: standard output and exit status must be identical.

  run_user.py --manifest build/tests/conformance/user_manifest.json      # the whole table
  run_user.py --manifest ... --program crc --target armhf-O2 --quiet     # one ctest

The table has a row per program and a column per target (toolchain x optimisation level);
a cell is "ok" or "FAIL" with the guest instruction count and anvil's wall time, or "skip"
where the program does not apply to that target. A failing cell is explained below the
table (first lines of the diff, the status, anvil's own messages). Exit status: 0 when every
run cell passed, 1 otherwise, 77 (ctest "skipped") for a single skipped cell.
"""
import argparse
import concurrent.futures
import difflib
import json
import os
import re
import subprocess
import sys
import time

# Arguments and environment some programs are written for (argv_env.c says what it expects).
PROGRAM_ARGUMENTS = {"argv_env": ["alpha", "two words", "", "x=1"]}
ENVIRONMENT = {"ANVIL_CONFORMANCE_VALUE": "hello world"}
STATS = re.compile(rb"anvil user: (\d+) instructions")


class Run:
    def __init__(self, command, timeout):
        environment = dict(os.environ, **ENVIRONMENT)
        started = time.monotonic()
        try:
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=timeout, env=environment)
            self.stdout, self.stderr = done.stdout, done.stderr
            # A process killed by signal N reads as 128 + N, as a shell (and anvil) reports it.
            self.status = done.returncode if done.returncode >= 0 else 128 - done.returncode
        except subprocess.TimeoutExpired:
            self.stdout, self.stderr, self.status = b"", b"timed out", "timeout"
        except OSError as error:
            self.stdout, self.stderr, self.status = b"", str(error).encode(), "not run"
        self.seconds = time.monotonic() - started
        found = STATS.search(self.stderr)
        self.instructions = int(found.group(1)) if found else None

    def same_as(self, other):
        return self.stdout == other.stdout and self.status == other.status


def explain(name, expected, actual):
    lines = [f"--- {name}: exit status native {expected.status}, simulated {actual.status}"]
    diff = list(difflib.unified_diff(expected.stdout.decode(errors="replace").splitlines(),
                                     actual.stdout.decode(errors="replace").splitlines(),
                                     "native", "simulated", lineterm="", n=1))
    lines += diff[:20] + (["  ..."] if len(diff) > 20 else [])
    messages = actual.stderr.decode(errors="replace").strip().splitlines()
    lines += ["  stderr: " + m for m in messages[-5:] if "instructions," not in m]
    return "\n".join(lines)


def run_cell(manifest, anvil, program, target, timeout, use_qemu, cpu=None):
    native = manifest["programs"][program]
    elf = os.path.join(target["dir"], program)
    arguments = PROGRAM_ARGUMENTS.get(program, [])
    expected = Run([native] + arguments, timeout)
    model = ["--cpu", cpu] if cpu else []
    simulated = Run([anvil, "user", "--arch", target["arch"]] + model + ["--stats", elf] + arguments,
                    timeout)
    # Programs whose output the ISA legitimately changes (user_toolchains.cmake) are compared
    # with qemu-user, which then must run.
    qemu_reference = program in target.get("qemu_reference", []) and target["qemu"]
    use_qemu = use_qemu or qemu_reference
    qemu = Run([target["qemu"], elf] + arguments, timeout) if use_qemu and target["qemu"] else None
    if qemu_reference:
        expected = qemu
    cell = {"program": program, "target": target["name"], "ok": simulated.same_as(expected),
            "instructions": simulated.instructions, "seconds": simulated.seconds,
            "qemu_seconds": qemu.seconds if qemu else None, "notes": []}
    if not cell["ok"]:
        cell["notes"].append(explain(f"{program} on {target['name']} (anvil)", expected, simulated))
        if qemu and qemu.same_as(simulated):
            cell["notes"].append("  (qemu-user gives the same output as anvil)")
    if qemu and not qemu.same_as(expected):
        cell["qemu_differs"] = True
        cell["notes"].append(explain(f"{program} on {target['name']} (qemu)", expected, qemu))
    return cell


def cell_text(cell):
    if cell is None:
        return "skip"
    count = cell["instructions"]
    count = f"{count / 1e6:.2f}M" if count is not None else "?"
    mark = "ok" if cell["ok"] else "FAIL"
    if cell.get("qemu_differs"):
        mark += "(q≠)"
    return f"{mark} {count} {cell['seconds']:.2f}s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--anvil", help="the anvil executable (default: the manifest's)")
    parser.add_argument("--program", action="append", help="only these programs (repeatable)")
    parser.add_argument("--target", action="append", help="only these targets (repeatable)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--no-qemu", action="store_true", help="do not run qemu-user")
    parser.add_argument("--quiet", action="store_true", help="print only failures (ctest)")
    parser.add_argument("--cpu", help="anvil user --cpu MODEL (default: the target's own)")
    args = parser.parse_args()

    with open(args.manifest) as f:
        manifest = json.load(f)
    anvil = args.anvil or manifest["anvil"]
    if not anvil:
        sys.exit("run_user.py: this build has no anvil executable (give --anvil)")
    programs = args.program or list(manifest["programs"])
    targets = [t for t in manifest["targets"] if not args.target or t["name"] in args.target]
    unknown = [p for p in programs if p not in manifest["programs"]]
    if unknown or not targets:
        sys.exit(f"run_user.py: unknown program(s) {unknown} or no target matches {args.target}")

    jobs = [(p, t) for p in programs for t in targets if p not in t["skip"]]
    if not jobs:
        return 77  # ctest: skipped
    cells = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_cell, manifest, anvil, p, t, args.timeout, not args.no_qemu,
                               args.cpu):
                   (p, t["name"]) for p, t in jobs}
        for future in concurrent.futures.as_completed(futures):
            cells[futures[future]] = future.result()

    failed = [c for c in cells.values() if not c["ok"]]
    if not args.quiet:
        width = max(len(p) for p in programs) + 2
        names = [t["name"] for t in targets]
        column = max(24, max(len(n) for n in names) + 2)
        print("program".ljust(width) + "".join(n.ljust(column) for n in names))
        for p in programs:
            print(p.ljust(width) + "".join(cell_text(cells.get((p, n))).ljust(column) for n in names))
        for n in names:
            column_cells = [c for c in cells.values() if c["target"] == n]
            anvil_time = sum(c["seconds"] for c in column_cells)
            qemu_time = sum(c["qemu_seconds"] or 0 for c in column_cells)
            passed = sum(c["ok"] for c in column_cells)
            ratio = f", anvil/qemu wall time {anvil_time / qemu_time:.1f}x" if qemu_time else ""
            print(f"{n}: {passed}/{len(column_cells)} passed, anvil {anvil_time:.1f}s{ratio}")
    for cell in sorted(cells.values(), key=lambda c: (c["program"], c["target"])):
        if cell["notes"] and (not cell["ok"] or not args.quiet):
            print("\n".join(cell["notes"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
