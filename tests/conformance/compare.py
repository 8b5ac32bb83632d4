#!/usr/bin/env python3
"""Runs one conformance program natively and on a simulated Cortex-M3, and compares the two
runs' standard output and exit status byte for byte.

  compare.py --native prog --elf prog.elf --qemu qemu-system-arm
  compare.py --native prog --elf prog.elf --anvil build/anvil --board mps2-an385.lua

The target program prints through semihosting (newlib rdimon); the board's UART is discarded
so that only the program's own output is compared. Exit status 0: identical; 1: they differ
(a diff is printed); 2: a run could not be started or timed out.
"""
import argparse
import difflib
import subprocess
import sys


def run(command, timeout):
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
    except FileNotFoundError as error:
        sys.exit(f"compare.py: cannot run {command[0]}: {error}")
    except subprocess.TimeoutExpired:
        print(f"compare.py: timed out after {timeout} s: {' '.join(command)}")
        sys.exit(2)
    return done.stdout, done.returncode, done.stderr


def target_command(args):
    if args.qemu:
        return [args.qemu, "-M", "mps2-an385", "-nographic", "-serial", "null", "-monitor",
                "none", "-semihosting-config", "enable=on,target=native", "-kernel", args.elf]
    return [args.anvil, "run", args.board, "--firmware", args.elf] + args.anvil_option


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--native", required=True, help="the program built for the host")
    parser.add_argument("--elf", required=True, help="the same program built for Cortex-M3")
    simulators = parser.add_mutually_exclusive_group(required=True)
    simulators.add_argument("--qemu", help="qemu-system-arm")
    simulators.add_argument("--anvil", help="the anvil executable")
    parser.add_argument("--board", help="board file for --anvil")
    parser.add_argument("--anvil-option", action="append", default=[],
                        help="extra option for `anvil run` (repeatable)")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    if args.anvil and not args.board:
        parser.error("--anvil needs --board")

    expected, expected_status, _ = run([args.native], args.timeout)
    command = target_command(args)
    actual, actual_status, errors = run(command, args.timeout)

    same = True
    if actual != expected:
        same = False
        print("standard output differs (--- native, +++ simulated):")
        sys.stdout.writelines(difflib.unified_diff(
            expected.decode(errors="replace").splitlines(keepends=True),
            actual.decode(errors="replace").splitlines(keepends=True),
            "native", "simulated"))
    if actual_status != expected_status:
        same = False
        print(f"exit status differs: native {expected_status}, simulated {actual_status}")
    if not same:
        print(f"command: {' '.join(command)}")
        if errors:
            print("simulator's standard error:\n" + errors.decode(errors="replace"))
        return 1
    print(f"identical: {len(expected)} bytes of output, exit status {expected_status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
