#!/usr/bin/env python3
"""Writes a Thumb-2 assembly program of random instructions (16- and 32-bit data processing,
shifts, multiplies and divides, DSP and media, bit fields, loads and stores in every addressing
form, and IT blocks) for the differential test against qemu-arm on the A-profile core. The
assembler encodes them from text templates. Records as gen_a32_fuzz.py: each case fills a
64-byte buffer, loads r0-r12 and the flags, executes one instruction (or an IT block) and
appends r0-r12, the APSR and the buffer.

Usage: gen_t32_fuzz.py OUT.s [SEED] [COUNT]"""
import re

from fuzz_common import RECORD, arguments, input_block, load_case, record_case, write
CONDITIONS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"]
SHIFTS = ["lsl", "lsr", "asr", "ror"]

# Templates: R = a register r1-r12 (distinct within one instruction), L = a low register r1-r7,
# I = an 8-bit immediate, S = a shift "lsl #n"..., B = a small bit position.
TEMPLATES = [
    "adds L, L, L", "subs L, L, #I3", "movs L, #I", "cmp L, #I", "ands L, L", "eors L, L",
    "lsls L, L, #B", "lsrs L, L", "asrs L, L, #B", "adcs L, L", "sbcs L, L", "rors L, L",
    "tst L, L", "negs L, L", "cmn L, L", "orrs L, L", "muls L, L", "bics L, L", "mvns L, L",
    "add R, R", "mov R, R", "cmp R, R", "sxtb L, L", "uxth L, L", "rev L, L", "revsh L, L",
    "add.w R, R, #M", "subs.w R, R, #M", "adc R, R, #M", "sbcs R, R, #M", "rsb R, R, #M",
    "and R, R, #M", "orr R, R, #M", "orn R, R, #M", "eor R, R, #M", "bic R, R, #M",
    "teq R, #M", "cmn.w R, #M", "movw R, #W", "movt R, #W", "addw R, R, #X", "subw R, R, #X",
    "adds.w R, R, R, S", "sub.w R, R, R, S", "and.w R, R, R, S", "orrs.w R, R, R, S",
    "eor.w R, R, R, S", "bics.w R, R, R, S", "orn R, R, R, S", "mvns.w R, R, S",
    "lsl.w R, R, R", "asrs.w R, R, R", "ror.w R, R, R", "rrxs R, R",
    "mul R, R, R", "mla R, R, R, R", "mls R, R, R, R", "umull R, R, R, R", "smlal R, R, R, R",
    "sdiv R, R, R", "udiv R, R, R", "umaal R, R, R, R",
    "clz R, R", "rbit R, R", "rev16.w R, R", "ubfx R, R, #B, #1", "sbfx R, R, #B, #4",
    "bfi R, R, #B, #3", "bfc R, #B, #2", "ssat R, #16, R", "usat R, #8, R, lsl #3",
    "qadd R, R, R", "qdsub R, R, R", "sadd16 R, R, R", "uqsub8 R, R, R", "shasx R, R, R",
    "sel R, R, R", "smulbt R, R, R", "smlawt R, R, R, R", "smmulr R, R, R", "smlald R, R, R, R",
    "usada8 R, R, R, R", "uxtab16 R, R, R, ror #8", "sxtah R, R, R", "pkhtb R, R, R, asr #7",
    "ldr R, [P, #O]", "str R, [P, #-O]!", "ldrb R, [P], #O", "strh R, [P, #O]",
    "ldrsh R, [P, #-O]", "ldrsb R, [P, R]", "ldr R, [P, R, lsl #2]", "strb.w R, [P, #O]!",
    "ldrd D, [P, #Q]", "strd D, [P, #-Q]", "ldm P, {LIST}", "stmdb P!, {LIST}",
]


def instance(r, template):
    used = set()
    def register(low):
        while True:
            n = r.randint(1, 7 if low else 12)
            if n not in used:
                used.add(n)
                return "r%d" % n
    base = None
    out = []
    tokens = template.replace(",", " , ").replace("[", " [ ").replace("]", " ] ").replace("{", " { ").replace("}", " } ").replace("!", " ! ").split()
    for tok in tokens:
        if tok == "L":
            out.append(register(True))
        elif tok == "R":
            out.append(register(False))
        elif tok == "P":
            base = register(False)
            out.append(base)
        elif tok == "D":
            n = r.choice([2, 4, 6, 8, 10])
            used.update({n, n + 1})
            out.append("r%d, r%d" % (n, n + 1))
        elif tok == "LIST":
            regs = [n for n in range(1, 13) if n not in used and r.random() < 0.4] or [
                next(n for n in range(1, 13) if n not in used)]
            out.append(", ".join("r%d" % n for n in regs))
        elif tok == "S":
            out.append("%s #%d" % (r.choice(SHIFTS), r.randint(1, 31)))
        elif tok == "#I":
            out.append("#%d" % r.randrange(256))
        elif tok == "#I3":
            out.append("#%d" % r.randrange(8))
        elif tok == "#B":
            out.append("#%d" % r.randrange(1, 24))
        elif tok == "#M":  # a Thumb modified immediate
            b = r.randrange(256)
            out.append("#%d" % r.choice([b, b << r.randrange(1, 24), b * 0x00010001, b * 0x01010101]))
        elif tok == "#W":
            out.append("#%d" % r.randrange(65536))
        elif tok == "#X":
            out.append("#%d" % r.randrange(4096))
        elif tok in ("#O", "#-O"):
            out.append("#%s%d" % ("-" if tok == "#-O" else "", r.randrange(8)))
        elif tok in ("#Q", "#-Q"):
            out.append("#%s%d" % ("-" if tok == "#-Q" else "", 4 * r.randrange(3)))
        else:
            out.append(tok)
    text = " ".join(out).replace(" , ", ", ").replace("[ ", "[").replace(" ]", "]").replace(
        "{ ", "{").replace(" }", "}").replace(" !", "!")
    return text, base, used


def case(r):
    template = r.choice(TEMPLATES)
    text, base, used = instance(r, template)
    if base is None and r.random() < 0.25 and "{" not in text and not text.startswith("muls"):
        # An IT block: the instruction and a second one, both conditional
        c = r.choice(CONDITIONS)
        second, _, _ = instance(r, r.choice(["add R, R, #I", "mov R, R", "eor R, R, R"]))
        inv = {"eq": "ne", "ne": "eq", "cs": "cc", "cc": "cs", "mi": "pl", "pl": "mi",
               "vs": "vc", "vc": "vs", "hi": "ls", "ls": "hi", "ge": "lt", "lt": "ge",
               "gt": "le", "le": "gt"}[c]
        def conditional(t, cond):
            op, rest = t.split(" ", 1)
            if op.endswith(".w"):
                return op[:-2] + cond + ".w " + rest
            return op + cond + " " + rest
        return ["ite " + c, conditional(text, c), conditional(second, inv)], None
    return [text], base


def main():
    out, seed, count, r = arguments()
    lines = ["@ Generated by gen_t32_fuzz.py (seed %d). Do not edit." % seed, "  .syntax unified",
             "  .thumb", "  .arch armv7-a", "  .arch_extension idiv", "  .text", "  .global _start",
             "  .thumb_func", "_start:", "  movw r0, #:lower16:output", "  movt r0, #:upper16:output", "  mov sp, r0"]
    data = ["  .data", "  .align 2"]
    for i in range(count):
        insns, base = case(r)
        values = [r.getrandbits(32) if r.random() < 0.7 else r.choice([0, 1, 0x80000000, 0xFFFFFFFF])
                  for _ in range(13)]
        words = ["0x%08x" % v for v in values]
        if base is not None:
            words[int(base[1:])] = "scratch + %d" % (16 + 4 * r.randrange(8))
        index = re.search(r"\[r\d+, r(\d+)", insns[0])
        if index:  # a register offset stays inside the buffer
            words[int(index.group(1))] = "%d" % r.randrange(4)
        data.append(input_block(i, words, r))
        lines += load_case(i) + ["  " + x for x in insns] + record_case()
    write(out, lines, data, RECORD * count)


main()
