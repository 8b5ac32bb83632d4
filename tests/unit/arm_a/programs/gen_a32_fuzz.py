#!/usr/bin/env python3
"""Writes an ARM-state assembly program of random A32 register-to-register instructions
(data processing in its three operand forms, every multiply, saturation, the ARMv6 media and
DSP instructions, bit fields, divide, under random conditions) for the differential test
against qemu-arm (qemu_differential_test.cpp, "A32 fuzz").

Each case fills a 64-byte scratch buffer, loads r0-r12 and the APSR flags from its own input
block, executes one instruction, and appends r0-r12, the APSR and the scratch buffer to the
output; at the end the program writes the output to stdout and exits. Loads and stores (every
A32 addressing form, LDRD/STRD, LDM/STM) use a base register pointing into the buffer. Registers 13-15 never appear, and only encodings the ARMv7-A ARM defines
(no UNPREDICTABLE choices) are generated, so every result is architecturally fixed.

Usage: gen_a32_fuzz.py OUT.s [SEED] [COUNT]"""

from fuzz_common import RECORD, arguments, input_block, load_case, record_case, write

SPECIAL = [0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x8000, 0x7FFF, 0xFFFF8000, 0xFF, 0x80,
           0x00010001, 0x7F7F8080, 0xFFFF0000]


def reg(r, exclude=()):
    while True:
        n = r.randint(1, 12)
        if n not in exclude:
            return n


def cond(r):
    return r.randrange(15) if r.random() < 0.3 else 14


def data_processing(r):
    op = r.randrange(16)
    s = 1 if 8 <= op <= 11 else r.randrange(2)
    d = 0 if 8 <= op <= 11 else reg(r)
    n = 0 if op in (13, 15) else reg(r)
    form = r.randrange(3)
    base = (cond(r) << 28) | (op << 21) | (s << 20) | (n << 16) | (d << 12)
    if form == 0:
        return base | (1 << 25) | r.randrange(1 << 12)
    if form == 1:
        return base | (r.randrange(32) << 7) | (r.randrange(4) << 5) | reg(r)
    return base | (reg(r) << 8) | (r.randrange(4) << 5) | (1 << 4) | reg(r)


def multiply(r):
    op = r.choice([0, 1, 2, 3, 4, 5, 6, 7])  # MUL MLA UMAAL MLS UMULL UMLAL SMULL SMLAL
    c = cond(r)
    if op in (0, 1, 3):
        s = r.randrange(2) if op != 3 else 0
        a = reg(r) if op != 0 else 0
        code = {0: 0, 1: 1, 3: 3}[op]
        return (c << 28) | (code << 21) | (s << 20) | (reg(r) << 16) | (a << 12) | (reg(r) << 8) | 0x90 | reg(r)
    hi = reg(r)
    lo = reg(r, (hi,))
    code = {2: 2, 4: 4, 5: 5, 6: 6, 7: 7}[op]
    s = r.randrange(2) if op >= 4 else 0
    return (c << 28) | (code << 21) | (s << 20) | (hi << 16) | (lo << 12) | (reg(r) << 8) | 0x90 | reg(r)


def dsp(r):
    kind = r.randrange(3)
    c = cond(r) << 28
    if kind == 0:  # QADD QSUB QDADD QDSUB
        return c | 0x01000050 | (r.randrange(4) << 21) | (reg(r) << 16) | (reg(r) << 12) | reg(r)
    if kind == 1:  # halfword multiplies
        op = r.randrange(4)
        x, y = r.randrange(2), r.randrange(2)
        if op == 2:
            hi = reg(r)
            d, a = hi, reg(r, (hi,))
        else:
            d, a = reg(r), reg(r)
        if op == 3 or (op == 1 and x == 1):
            a = 0
        return c | 0x01000080 | (op << 21) | (d << 16) | (a << 12) | (reg(r) << 8) | (y << 6) | (x << 5) | reg(r)
    # SMLAD SMUAD SMLSD SMUSD SMLALD SMLSLD SMMLA SMMUL SMMLS
    choice = r.randrange(5)
    m = r.randrange(2)
    if choice == 0:
        a = r.choice([reg(r), 15])
        return c | 0x07000010 | (reg(r) << 16) | (a << 12) | (reg(r) << 8) | (r.randrange(2) << 6) | (m << 5) | reg(r)
    if choice == 1:
        hi = reg(r)
        return c | 0x07400010 | (hi << 16) | (reg(r, (hi,)) << 12) | (reg(r) << 8) | (r.randrange(2) << 6) | (m << 5) | reg(r)
    if choice == 2:
        a = r.choice([reg(r), 15])
        return c | 0x07500010 | (reg(r) << 16) | (a << 12) | (reg(r) << 8) | (m << 5) | reg(r)
    if choice == 3:
        return c | 0x075000D0 | (reg(r) << 16) | (reg(r) << 12) | (reg(r) << 8) | (m << 5) | reg(r)
    return c | 0x0710F010 | (r.randrange(2) << 21) | (reg(r) << 16) | (reg(r) << 8) | reg(r)  # SDIV/UDIV


def media(r):
    c = cond(r) << 28
    kind = r.randrange(9)
    d, n, m = reg(r), reg(r), reg(r)
    if kind == 0:  # parallel add/subtract
        op1 = r.randrange(1, 4) | (r.randrange(2) << 2)
        op2 = r.choice([0, 1, 2, 3, 4, 7])
        return c | 0x06000F10 | (op1 << 20) | (n << 16) | (d << 12) | (op2 << 5) | m
    if kind == 1:  # PKHBT/PKHTB
        tb = r.randrange(2)
        imm = r.randrange(32) if tb == 0 else r.randrange(1, 32)
        return c | 0x06800010 | (n << 16) | (d << 12) | (imm << 7) | (tb << 6) | m
    if kind == 2:  # SSAT/USAT
        sh = r.randrange(2)
        imm = r.randrange(32) if sh == 0 else r.randrange(1, 32)
        return c | 0x06A00010 | (r.randrange(2) << 22) | (r.randrange(32) << 16) | (d << 12) | (imm << 7) | (sh << 6) | n
    if kind == 3:  # SSAT16/USAT16, SEL
        if r.randrange(2):
            return c | 0x06A00F30 | (r.randrange(2) << 22) | (r.randrange(16) << 16) | (d << 12) | n
        return c | 0x06800FB0 | (n << 16) | (d << 12) | m
    if kind == 4:  # REV REV16 RBIT REVSH
        return c | 0x06BF0F30 | (r.randrange(2) << 22) | (d << 12) | (r.randrange(2) << 7) | m
    if kind == 5:  # extends, with and without Rn
        op = r.choice([0, 2, 3, 4, 6, 7])
        rn = r.choice([n, 15])
        return c | 0x06800070 | (op << 20) | (rn << 16) | (d << 12) | (r.randrange(4) << 10) | m
    if kind == 6:  # USAD8/USADA8
        a = r.choice([reg(r), 15])
        return c | 0x0780F010 | (d << 16) | (a << 12) | (m << 8) | n
    if kind == 7:  # SBFX/UBFX, BFI/BFC
        lsb = r.randrange(32)
        if r.randrange(2):
            width = r.randrange(1, 33 - lsb)
            return c | 0x07A00050 | (r.randrange(2) << 22) | ((width - 1) << 16) | (d << 12) | (lsb << 7) | n
        msb = r.randrange(lsb, 32)
        return c | 0x07C00010 | (msb << 16) | (d << 12) | (lsb << 7) | r.choice([n, 15])
    # CLZ, MOVW, MOVT
    k = r.randrange(3)
    if k == 0:
        return c | 0x016F0F10 | (d << 12) | m
    imm = r.randrange(1 << 16)
    return c | (0x03000000 if k == 1 else 0x03400000) | ((imm >> 12) << 16) | (d << 12) | (imm & 0xFFF)




def memory(r, values):
    """A load or store into the scratch buffer; sets the base (and index) register's value."""
    c = cond(r) << 28
    kind = r.randrange(4)
    t = reg(r)
    n = reg(r, (t,))
    p, u, w = r.randrange(2), r.randrange(2), r.randrange(2)
    if p == 0:
        w = 0  # post-indexed: writeback always (W = 1 would be the T form)
    load = r.randrange(2)
    if kind == 0:  # LDR/STR/LDRB/STRB, immediate or scaled register offset
        byte = r.randrange(2)
        if r.randrange(2):
            offset = r.randrange(16)
            insn = c | 0x04000000 | (p << 24) | (u << 23) | (byte << 22) | (w << 21) | (load << 20) | (n << 16) | (t << 12) | offset
        else:
            m = reg(r, (t, n))
            amount = r.randrange(3)
            values[m] = r.randrange(8)
            offset = values[m] << amount
            insn = c | 0x06000000 | (p << 24) | (u << 23) | (byte << 22) | (w << 21) | (load << 20) | (n << 16) | (t << 12) | (amount << 7) | m
        base = 16 + r.randrange(24) if u else 40 + r.randrange(20)
    elif kind == 1:  # STRH/LDRH/LDRSB/LDRSH, immediate or register offset
        sh = r.choice([1, 2, 3]) if load else 1
        if r.randrange(2):
            offset = r.randrange(16)
            insn = c | 0x00400090 | (p << 24) | (u << 23) | (w << 21) | (load << 20) | (n << 16) | (t << 12) | ((offset >> 4) << 8) | (sh << 5) | (offset & 15)
        else:
            m = reg(r, (t, n))
            values[m] = offset = r.randrange(16)
            insn = c | 0x00000090 | (p << 24) | (u << 23) | (w << 21) | (load << 20) | (n << 16) | (t << 12) | (sh << 5) | m
        base = 16 + r.randrange(24) if u else 40 + r.randrange(20)
    elif kind == 2:  # LDRD/STRD, word aligned
        t = r.choice([2, 4, 6, 8, 10])
        n = reg(r, (t, t + 1))
        offset = 4 * r.randrange(4)
        insn = c | 0x004000D0 | (p << 24) | (u << 23) | (w << 21) | (n << 16) | (t << 12) | ((offset >> 4) << 8) | ((0 if load else 1) << 5) | (offset & 15)
        base = 4 * (4 + r.randrange(4)) if u else 4 * (8 + r.randrange(4))
    else:  # LDM/STM, word aligned, base not in the list
        registers = [x for x in range(1, 13) if x != n and r.random() < 0.4] or [reg(r, (n,))]
        mask = sum(1 << x for x in registers)
        insn = c | 0x08000000 | (p << 24) | (u << 23) | (r.randrange(2) << 21) | (load << 20) | (n << 16) | mask
        base = 4 * (1 + r.randrange(2)) if u else 4 * (14 + r.randrange(2))
    values[n] = base  # an offset into the buffer: the program adds the buffer's address
    return insn, n


def main():
    out, seed, count, r = arguments()
    lines = ["@ Generated by gen_a32_fuzz.py (seed %d). Do not edit." % seed,
             "  .syntax unified", "  .arm", "  .text", "  .global _start", "_start:",
             "  movw sp, #:lower16:output", "  movt sp, #:upper16:output"]
    data = ["  .data", "  .align 2", "inputs:"]
    generators = [data_processing] * 4 + [multiply, dsp, media, media]
    for i in range(count):
        values = [r.choice(SPECIAL) if r.random() < 0.3 else r.getrandbits(32) for _ in range(13)]
        base = None
        if r.random() < 0.3:
            insn, base = memory(r, values)
        else:
            insn = r.choice(generators)(r)
        words = ["0x%08x" % v for v in values]
        if base is not None:
            words[base] = "scratch + %d" % values[base]
        data.append(input_block(i, words, r))
        lines += load_case(i) + ["  .inst 0x%08x" % insn] + record_case()
    write(out, lines, data, RECORD * count)


main()
