#!/usr/bin/env python3
"""Driver for the system tests: runs a simulator command and checks what it did.

  run_system_test.py [checks] -- command...

Checks (all optional, all must hold):
  --status N              the exit status is N
  --stdout-file FILE      standard output equals FILE byte for byte
  --stdout-contains TEXT  standard output contains TEXT (repeatable)
  --stderr-contains TEXT  standard error contains TEXT (repeatable)
  --same-twice            a second run gives the same standard output and the same cycle
                          count on standard error (`--stats`: `cycles: N`)
Inputs made before the run (their paths can then appear in the command):
  --truncated-copy SRC DEST N   DEST = the first N bytes of SRC
  --board-typo SRC DEST         DEST = board file SRC with its first `base` field misspelt
  --board-syntax-error DEST     DEST = a board file that is not valid Lua
"""
import argparse
import os
import re
import subprocess
import sys


def run(command, timeout):
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        sys.exit(f"FAIL: timed out after {timeout} s: {' '.join(command)}")
    except OSError as error:
        sys.exit(f"FAIL: cannot run {command[0]}: {error}")
    return done.returncode, done.stdout, done.stderr.decode(errors="replace")


def prepare(args):
    if args.truncated_copy:
        source, destination, size = args.truncated_copy
        with open(source, "rb") as f:
            data = f.read(int(size))
        with open(destination, "wb") as f:
            f.write(data)
    if args.board_typo:
        source, destination = args.board_typo
        with open(source) as f:
            text = f.read()
        misspelt, count = re.subn(r"\bbase\b", "bsae", text, count=1)
        if count == 0:
            sys.exit(f"FAIL: {source} has no `base` field to misspell")
        with open(destination, "w") as f:
            f.write(misspelt)
    if args.board_syntax_error:
        with open(args.board_syntax_error, "w") as f:
            f.write("-- a board file with a syntax error on line 2\nreturn board { name = }\n")


def cycles_line(stderr):
    """The cycle counts --stats reported: `cycles: N` lines (the agreed format), or the
    `N cycles` of a one-line summary."""
    return (re.findall(r"^\s*cycles\s*:\s*(\d+)", stderr, re.MULTILINE) or
            re.findall(r"\b(\d+) cycles\b", stderr))


def main():
    if "--" not in sys.argv:
        sys.exit("usage: run_system_test.py [checks] -- command...")
    split = sys.argv.index("--")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--status", type=int)
    parser.add_argument("--stdout-file")
    parser.add_argument("--stdout-contains", action="append", default=[])
    parser.add_argument("--stderr-contains", action="append", default=[])
    parser.add_argument("--same-twice", action="store_true")
    parser.add_argument("--same-with", metavar="ARGS",
                        help="run again with these extra arguments (space-separated); "
                             "status, output and cycle count must not change")
    parser.add_argument("--truncated-copy", nargs=3)
    parser.add_argument("--board-typo", nargs=2)
    parser.add_argument("--board-syntax-error")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args(sys.argv[1:split])
    command = sys.argv[split + 1:]

    prepare(args)
    status, stdout, stderr = run(command, args.timeout)
    failures = []
    if args.status is not None and status != args.status:
        failures.append(f"exit status {status}, expected {args.status}")
    if args.stdout_file:
        with open(args.stdout_file, "rb") as f:
            expected = f.read()
        if stdout != expected:
            failures.append("standard output differs from " + args.stdout_file +
                            "\n--- expected\n" + expected.decode(errors="replace") +
                            "--- actual\n" + stdout.decode(errors="replace"))
    for text in args.stdout_contains:
        if text.encode() not in stdout:
            failures.append(f"standard output does not contain {text!r}:\n" +
                            stdout.decode(errors="replace"))
    for text in args.stderr_contains:
        if text not in stderr:
            failures.append(f"standard error does not mention {text!r}")
    if args.same_twice or args.same_with:
        again = command + (args.same_with.split() if args.same_with else [])
        status2, stdout2, stderr2 = run(again, args.timeout)
        if not cycles_line(stderr):
            failures.append("no cycle count on standard error (is --stats given?)")
        if (status2, stdout2, cycles_line(stderr2)) != (status, stdout, cycles_line(stderr)):
            failures.append(f"second run differs: status {status}/{status2}, cycles "
                            f"{cycles_line(stderr)}/{cycles_line(stderr2)}, output "
                            f"{'same' if stdout == stdout2 else 'different'}")
    if failures:
        print("command: " + " ".join(command))
        print("standard error:\n" + stderr)
        for failure in failures:
            print("FAIL: " + failure)
        return 1
    print(f"ok: exit status {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
