#!/usr/bin/env python3
"""Runs a command and flips one bit of its standard output: a subject that is wrong in a known
place, to show the differential fuzzers report exactly that difference.

  flip_bit.py --offset 396 -- qemu-arm -cpu cortex-a15 PROGRAM
"""
import argparse
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--offset", type=int, required=True)
parser.add_argument("command", nargs=argparse.REMAINDER)
args = parser.parse_args()
command = args.command[1:] if args.command[:1] == ["--"] else args.command
result = subprocess.run(command, capture_output=True)
output = bytearray(result.stdout)
if args.offset < len(output):
    output[args.offset] ^= 1
sys.stdout.buffer.write(output)
sys.stderr.buffer.write(result.stderr)
sys.exit(result.returncode)
