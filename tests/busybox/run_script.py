#!/usr/bin/env python3
"""Runs one shell script with a foreign busybox under Anvil's user mode and under a reference,
in fresh temporary folders, and compares standard output and exit status.

The reference is qemu-user running the same busybox, or `native`: the host's own busybox of the
same Debian version. A script's first line names the references it suits: qemu-user cannot run
a script whose commands need execve of another guest program (it has no binfmt_misc here), so
such scripts say `# reference: native`.

  run_script.py --guest-busybox build/busybox/armel/bin/busybox --reference qemu-arm \\
      --subject "build/anvil user --arch armel" tests/busybox/scripts/text.sh
"""
import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HOST_BUSYBOX = shutil.which("busybox") or "/bin/busybox"


def applets():
    listing = subprocess.run([HOST_BUSYBOX, "--list"], capture_output=True, text=True, check=True)
    return [name for name in listing.stdout.split() if name != "busybox"]


def run(emulator, busybox, script, timeout):
    """emulator: a command line, or [] for a native run."""
    with tempfile.TemporaryDirectory(prefix="anvil-busybox-") as folder:
        bin_dir = os.path.join(folder, "bin")
        os.mkdir(bin_dir)
        for name in applets():
            os.symlink(busybox, os.path.join(bin_dir, name))
        command = emulator + [busybox, "sh", os.path.abspath(script)]
        command[0] = shutil.which(command[0]) or command[0]  # found before PATH is replaced
        # A fixed, small environment: nothing of the host's may leak into the output.
        env = {"PATH": bin_dir, "HOME": folder, "LC_ALL": "C", "TZ": "UTC"}
        work = os.path.join(folder, "work")
        os.mkdir(work)
        result = subprocess.run(command, cwd=work, env=env, capture_output=True, timeout=timeout)
        # Temporary folder names differ between runs; nothing else may.
        return result.returncode, result.stdout.replace(folder.encode(), b"TMP"), result.stderr


def declared_references(script):
    with open(script) as file:
        first = file.readline()
    if not first.startswith("# reference:"):
        sys.exit(f"{script}: the first line must be '# reference: qemu native' or a part of it")
    return first.split(":", 1)[1].split()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--guest-busybox", required=True)
    parser.add_argument("--reference", required=True, help="a qemu-user command, or native")
    parser.add_argument("--subject", required=True)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("script")
    args = parser.parse_args()
    kind = "native" if args.reference == "native" else "qemu"
    if kind not in declared_references(args.script):
        print(f"{args.script} does not run under a {kind} reference (see its first line)")
        return 2
    guest = os.path.abspath(args.guest_busybox)
    if kind == "native":
        want = run([], HOST_BUSYBOX, args.script, args.timeout)
    else:
        want = run(shlex.split(args.reference), guest, args.script, args.timeout)
    got = run(shlex.split(args.subject), guest, args.script, args.timeout)
    if want[0] != 0:
        print(f"the reference failed with status {want[0]}: {want[2].decode(errors='replace')}")
        return 2
    if want[:2] == got[:2]:
        print(f"{args.script}: {len(want[1])} bytes of output and status {want[0]} agree")
        return 0
    print(f"{args.script}: status {got[0]} (reference {want[0]})")
    want_lines = want[1].decode(errors="replace").splitlines()
    got_lines = got[1].decode(errors="replace").splitlines()
    for number, (w, g) in enumerate(zip(want_lines, got_lines), 1):
        if w != g:
            print(f"line {number}: expected {w!r}\n         got {g!r}")
            break
    else:
        print(f"{len(want_lines)} lines expected, {len(got_lines)} got")
    print("stderr:", got[2].decode(errors="replace")[-2000:])
    return 1


if __name__ == "__main__":
    sys.exit(main())
