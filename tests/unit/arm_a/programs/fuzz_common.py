"""What the fuzz program generators (gen_*_fuzz.py) share: the code that fills the scratch
buffer before a case, records registers and buffer after it, and writes the output and exits
(EABI write and exit system calls). The same text assembles as ARM and as Thumb-2."""

import random
import sys

SCRATCH = 64                # bytes of memory the loads and stores address
RECORD = 56 + SCRATCH       # r0-r12, the APSR, the buffer


def load_case(i):
    """Fills the buffer from inputs_<i> + 56, then r0-r12 and the flags from inputs_<i>."""
    return ["  movw r0, #:lower16:inputs_%d + 56" % i, "  movt r0, #:upper16:inputs_%d + 56" % i,
            "  movw r1, #:lower16:scratch", "  movt r1, #:upper16:scratch",
            "  ldm r0!, {r2-r9}", "  stm r1!, {r2-r9}", "  ldm r0!, {r2-r9}", "  stm r1!, {r2-r9}",
            "  movw r0, #:lower16:inputs_%d" % i, "  movt r0, #:upper16:inputs_%d" % i,
            "  ldr r1, [r0, #52]", "  msr APSR_nzcvqg, r1", "  ldm r0, {r0-r12}"]


def record_case():
    """Appends r0-r12, the APSR and the buffer at sp."""
    return ["  stmia sp!, {r0-r12}", "  mrs r0, apsr", "  stmia sp!, {r0}",
            "  movw r0, #:lower16:scratch", "  movt r0, #:upper16:scratch",
            "  ldm r0!, {r1-r8}", "  stmia sp!, {r1-r8}", "  ldm r0!, {r1-r8}", "  stmia sp!, {r1-r8}"]


def finish(size):
    """write(1, output, size), exit(0), and the buffers in .bss."""
    code = ["  mov r0, #1", "  movw r1, #:lower16:output", "  movt r1, #:upper16:output",
            "  movw r2, #:lower16:%d" % size, "  movt r2, #:upper16:%d" % size, "  mov r7, #4",
            "  svc #0", "  mov r0, #0", "  mov r7, #1", "  svc #0"]
    bss = ["  .bss", "  .align 3", "scratch:", "  .space %d" % SCRATCH, "output:",
           "  .space %d" % size]
    return code, bss


def arguments():
    """OUT.s [SEED] [COUNT] from the command line: (out, seed, count, a seeded generator)."""
    out = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    return out, seed, count, random.Random(seed)


def input_block(i, registers, r):
    """inputs_<i>: r0-r12 (as assembler expressions), random flags, the buffer's contents."""
    flags = r.getrandbits(5) << 27 | r.getrandbits(4) << 16
    fill = [r.getrandbits(32) for _ in range(SCRATCH // 4)]
    return "inputs_%d: .word " % i + ", ".join(registers + ["0x%08x" % flags] +
                                                 ["0x%08x" % v for v in fill])


def write(out, lines, data, size):
    """Ends the program (finish) and writes the assembly file."""
    code, bss = finish(size)
    with open(out, "w") as f:
        f.write("\n".join(lines + code + data + bss) + "\n")
