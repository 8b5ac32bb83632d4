#!/usr/bin/env python3
"""Debian's busybox-static (fetched by fetch_busybox.sh) running shell scripts under
`anvil user` and under qemu-user: standard output, standard error and exit status must be
identical. Each script runs as `busybox sh SCRIPT` in a fresh temporary directory, with a
fixed environment (LC_ALL=C) so both runs see the same world.

Applets that busybox runs by exec'ing itself (/proc/self/exe) need care under qemu-user:
without binfmt_misc the host cannot exec an ARM program, busybox falls back to searching
PATH, and would find the host's own tools. So both runs get a PATH holding only one small
wrapper per applet that runs that applet under qemu-user: qemu's runs then use busybox's
applets throughout, and anvil (which executes /proc/self/exe in user mode) never needs them.

  run_busybox.py --anvil build/anvil --busybox-dir build/busybox [--arch armel ...]

Prints a table (script x arch: ok/FAIL, guest instructions, anvil and qemu wall time) and
the differences; exit status 0 only when every run matched.
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# arch -> qemu-user program
QEMU = {"armel": "qemu-arm", "armhf": "qemu-arm", "mipsel": "qemu-mipsel"}
STATS = re.compile(rb"anvil user: (\d+) instructions, \d+ cycles, [0-9.]+ s\n")


def applet_wrappers(directory, qemu, busybox):
    """One executable script per applet in `directory`: exec qemu-user busybox APPLET."""
    listing = subprocess.run([qemu, busybox, "--list"], stdout=subprocess.PIPE, check=True)
    os.makedirs(directory, exist_ok=True)
    for applet in listing.stdout.decode().split():
        path = os.path.join(directory, applet)
        with open(path, "w") as f:
            f.write(f'#!/bin/sh\nexec {qemu} {busybox} {applet} "$@"\n')
        os.chmod(path, 0o755)


def run(command, timeout, path):
    environment = {"LC_ALL": "C", "PATH": path, "HOME": "/tmp", "TMPDIR": "/tmp"}
    with tempfile.TemporaryDirectory() as cwd:
        started = time.monotonic()
        try:
            done = subprocess.run(command, cwd=cwd, env=environment, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, timeout=timeout)
            out, err, status = done.stdout, done.stderr, done.returncode
        except subprocess.TimeoutExpired:
            out, err, status = b"", b"timed out", "timeout"
        seconds = time.monotonic() - started
    found = STATS.search(err)
    return {"out": out, "err": STATS.sub(b"", err), "status": status, "seconds": seconds,
            "instructions": int(found.group(1)) if found else None}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anvil", required=True)
    parser.add_argument("--busybox-dir", required=True)
    parser.add_argument("--arch", action="append", help="armel, armhf, mipsel (default: all)")
    parser.add_argument("--script", action="append", help="only these scripts (names)")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    arches = args.arch or list(QEMU)
    scripts_dir = os.path.join(HERE, "scripts")
    scripts = sorted(s[:-3] for s in os.listdir(scripts_dir) if s.endswith(".sh"))
    if args.script:
        scripts = [s for s in scripts if s in args.script]

    failures, rows = [], []
    wrappers = tempfile.TemporaryDirectory()
    paths = {}
    for arch in arches:
        busybox = os.path.abspath(os.path.join(args.busybox_dir, arch, "busybox"))
        if not os.path.exists(busybox):
            sys.exit(f"run_busybox.py: {busybox} is missing (run fetch_busybox.sh)")
        qemu = shutil.which(QEMU[arch])
        if not qemu:
            sys.exit(f"run_busybox.py: {QEMU[arch]} is not installed")
        QEMU[arch] = qemu
        paths[arch] = os.path.join(wrappers.name, arch)
        applet_wrappers(paths[arch], qemu, busybox)
    for script in scripts:
        path = os.path.join(scripts_dir, script + ".sh")
        cells = []
        for arch in arches:
            busybox = os.path.abspath(os.path.join(args.busybox_dir, arch, "busybox"))
            anvil = run([os.path.abspath(args.anvil), "user", "--arch", arch, "--stats", busybox,
                         "sh", path], args.timeout, paths[arch])
            qemu = run([QEMU[arch], busybox, "sh", path], args.timeout, paths[arch])
            same = all(anvil[k] == qemu[k] for k in ("out", "err", "status"))
            count = anvil["instructions"]
            cells.append(f"{'ok' if same else 'FAIL'} {count / 1e6 if count else 0:.1f}M "
                         f"{anvil['seconds']:.2f}s/{qemu['seconds']:.2f}s")
            if not same:
                diff = difflib.unified_diff(
                    (qemu["out"] + qemu["err"]).decode(errors="replace").splitlines(),
                    (anvil["out"] + anvil["err"]).decode(errors="replace").splitlines(),
                    "qemu", "anvil", lineterm="", n=1)
                failures.append(f"--- {script} on {arch}: status qemu {qemu['status']}, "
                                f"anvil {anvil['status']}\n" + "\n".join(list(diff)[:30]))
        rows.append((script, cells))
    width = max(len(s) for s in scripts) + 2
    print("script".ljust(width) + "".join(f"{a} (instructions, anvil/qemu time)".ljust(40)
                                          for a in arches))
    for script, cells in rows:
        print(script.ljust(width) + "".join(c.ljust(40) for c in cells))
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
