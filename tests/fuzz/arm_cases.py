"""Random A32/T32 instructions as assembler text, for the differential fuzzer (arm_diff.py).

Each generator returns one instruction with random operands drawn from what the harness
saves and restores: r0-r12 and lr, the APSR flags, s0-s15/d0-d7 and FPSCR. The generators
never produce encodings the ARM Architecture Reference Manual (ARMv7-A/R, DDI 0406C) calls
UNPREDICTABLE, because there two correct implementations may legitimately differ:
  - SP and PC are never operands (A8.6: most data-processing forms are UNPREDICTABLE with
    them in T32, and writing PC branches away from the harness);
  - long multiplies never have RdHi == RdLo (A8.8.189 UMULL and siblings);
  - bit-field instructions always have lsb + width <= 32 (A8.8.18 BFI: msb < lsb is
    UNPREDICTABLE);
  - RSC and register-shifted-register operands exist only in A32 (T32 has no encoding).
Memory instructions are left to the conformance programs: a random base register would
fault on both sides and test only the signal path.
"""

import random

REGS = [f"r{i}" for i in range(13)] + ["lr"]
CONDITIONS = ["", "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt",
              "gt", "le"]


def reg(rng):
    return rng.choice(REGS)


def distinct_regs(rng, count):
    return rng.sample(REGS, count)


def modified_immediate(rng, thumb):
    """A modified immediate constant the instruction set can encode: in A32 an 8-bit value
    rotated right by an even amount (A5.2.4); in T32 a byte replicated as 00XY00XY,
    XY00XY00 or XYXYXYXY, or 1bcdefgh rotated (A6.3.2)."""
    value = rng.randrange(256)
    if not thumb:
        rotation = 2 * rng.randrange(16)
        return ((value >> rotation) | (value << (32 - rotation))) & 0xFFFFFFFF
    shape = rng.randrange(5)
    if shape == 0:
        return value
    if shape == 1:
        return value * 0x00010001
    if shape == 2:
        return value * 0x01000100
    if shape == 3:
        return value * 0x01010101
    return ((value | 0x80) << rng.randrange(25)) & 0xFFFFFFFF


def shifted_register(rng, thumb):
    rm = reg(rng)
    form = rng.randrange(7 if not thumb else 6)
    if form == 0:
        return rm
    if form == 1:
        return f"{rm}, lsl #{rng.randrange(1, 32)}"
    if form == 2:
        return f"{rm}, lsr #{rng.randrange(1, 33)}"
    if form == 3:
        return f"{rm}, asr #{rng.randrange(1, 33)}"
    if form == 4:
        return f"{rm}, ror #{rng.randrange(1, 32)}"
    if form == 5:
        return f"{rm}, rrx"
    return f"{rm}, {rng.choice(['lsl', 'lsr', 'asr', 'ror'])} {reg(rng)}"


def operand2(rng, thumb):
    if rng.randrange(3) == 0:
        return f"#{modified_immediate(rng, thumb)}"
    return shifted_register(rng, thumb)


def data_processing(rng, thumb):
    ops = ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "orr", "bic"]
    if not thumb:
        ops.append("rsc")
    if thumb:
        ops.append("orn")
    op = rng.choice(ops)
    s = rng.choice(["", "s"])
    return f"{op}{s}{{c}} {reg(rng)}, {reg(rng)}, {operand2(rng, thumb)}"


def move(rng, thumb):
    op = rng.choice(["mov", "mvn"])
    s = rng.choice(["", "s"])
    return f"{op}{s}{{c}} {reg(rng)}, {operand2(rng, thumb)}"


def compare(rng, thumb):
    op = rng.choice(["tst", "teq", "cmp", "cmn"])
    return f"{op}{{c}} {reg(rng)}, {operand2(rng, thumb)}"


def wide_move(rng, thumb):
    return f"{rng.choice(['movw', 'movt'])}{{c}} {reg(rng)}, #{rng.randrange(65536)}"


def multiply(rng, thumb):
    kind = rng.randrange(4)
    if kind == 0:
        s = "" if thumb else rng.choice(["", "s"])
        return f"mul{s}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 1:
        s = "" if thumb else rng.choice(["", "s"])
        return f"mla{s}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 2:
        return f"mls{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}, {reg(rng)}"
    op = rng.choice(["umull", "umlal", "smull", "smlal", "umaal"])
    s = "" if thumb or op == "umaal" else rng.choice(["", "s"])
    lo, hi = distinct_regs(rng, 2)
    return f"{op}{s}{{c}} {lo}, {hi}, {reg(rng)}, {reg(rng)}"


def dsp_multiply(rng, thumb):
    xy = rng.choice(["bb", "bt", "tb", "tt"])
    y = rng.choice(["b", "t"])
    x = rng.choice(["", "x"])
    r = rng.choice(["", "r"])
    kind = rng.randrange(9)
    if kind == 0:
        return f"smul{xy}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 1:
        return f"smla{xy}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 2:
        return f"smulw{y}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 3:
        return f"smlaw{y}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 4:
        lo, hi = distinct_regs(rng, 2)
        return f"smlal{xy}{{c}} {lo}, {hi}, {reg(rng)}, {reg(rng)}"
    if kind == 5:
        return f"{rng.choice(['smuad', 'smusd'])}{x}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 6:
        op = rng.choice(["smlad", "smlsd"])
        return f"{op}{x}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 7:
        lo, hi = distinct_regs(rng, 2)
        return f"{rng.choice(['smlald', 'smlsld'])}{x}{{c}} {lo}, {hi}, {reg(rng)}, {reg(rng)}"
    if rng.randrange(2):
        return f"smmul{r}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}"
    return f"{rng.choice(['smmla', 'smmls'])}{r}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}, {reg(rng)}"


def saturating(rng, thumb):
    kind = rng.randrange(5)
    if kind == 0:
        op = rng.choice(["qadd", "qsub", "qdadd", "qdsub"])
        return f"{op}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 1:
        shift = rng.choice(["", f", lsl #{rng.randrange(1, 32)}", f", asr #{rng.randrange(1, 32)}"])
        return f"ssat{{c}} {reg(rng)}, #{rng.randrange(1, 33)}, {reg(rng)}{shift}"
    if kind == 2:
        shift = rng.choice(["", f", lsl #{rng.randrange(1, 32)}", f", asr #{rng.randrange(1, 32)}"])
        return f"usat{{c}} {reg(rng)}, #{rng.randrange(0, 32)}, {reg(rng)}{shift}"
    if kind == 3:
        return f"ssat16{{c}} {reg(rng)}, #{rng.randrange(1, 17)}, {reg(rng)}"
    return f"usat16{{c}} {reg(rng)}, #{rng.randrange(0, 16)}, {reg(rng)}"


def parallel(rng, thumb):
    prefix = rng.choice(["s", "q", "sh", "u", "uq", "uh"])
    op = rng.choice(["add16", "asx", "sax", "sub16", "add8", "sub8"])
    return f"{prefix}{op}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}"


def extend(rng, thumb):
    rotation = rng.choice(["", ", ror #8", ", ror #16", ", ror #24"])
    if rng.randrange(2):
        op = rng.choice(["sxtb", "sxth", "uxtb", "uxth", "sxtb16", "uxtb16"])
        return f"{op}{{c}} {reg(rng)}, {reg(rng)}{rotation}"
    op = rng.choice(["sxtab", "sxtah", "uxtab", "uxtah", "sxtab16", "uxtab16"])
    return f"{op}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}{rotation}"


def bits(rng, thumb):
    kind = rng.randrange(7)
    if kind == 0:
        op = rng.choice(["rev", "rev16", "revsh", "rbit", "clz"])
        return f"{op}{{c}} {reg(rng)}, {reg(rng)}"
    if kind == 1:
        return f"sel{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 2:
        return f"usad8{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}"
    if kind == 3:
        return f"usada8{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}, {reg(rng)}"
    lsb = rng.randrange(32)
    width = rng.randrange(1, 33 - lsb)
    if kind == 4:
        return f"{rng.choice(['sbfx', 'ubfx'])}{{c}} {reg(rng)}, {reg(rng)}, #{lsb}, #{width}"
    if kind == 5:
        return f"bfi{{c}} {reg(rng)}, {reg(rng)}, #{lsb}, #{width}"
    return f"bfc{{c}} {reg(rng)}, #{lsb}, #{width}"


def pack_divide(rng, thumb):
    kind = rng.randrange(3)
    if kind == 0:
        return f"pkhbt{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}, lsl #{rng.randrange(0, 32)}"
    if kind == 1:
        return f"pkhtb{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}, asr #{rng.randrange(1, 33)}"
    return f"{rng.choice(['sdiv', 'udiv'])}{{c}} {reg(rng)}, {reg(rng)}, {reg(rng)}"


def sreg(rng):
    return f"s{rng.randrange(16)}"


def dreg(rng):
    return f"d{rng.randrange(8)}"


def vfp_arith(rng, thumb):
    size = rng.choice(["f32", "f64"])
    r = sreg if size == "f32" else dreg
    kind = rng.randrange(4)
    if kind == 0:
        op = rng.choice(["vadd", "vsub", "vmul", "vdiv", "vnmul"])
        return f"{op}{{c}}.{size} {r(rng)}, {r(rng)}, {r(rng)}"
    if kind == 1:
        op = rng.choice(["vmla", "vmls", "vnmla", "vnmls", "vfma", "vfms", "vfnma", "vfnms"])
        return f"{op}{{c}}.{size} {r(rng)}, {r(rng)}, {r(rng)}"
    if kind == 2:
        op = rng.choice(["vneg", "vabs", "vsqrt", "vmov"])
        return f"{op}{{c}}.{size} {r(rng)}, {r(rng)}"
    op = rng.choice(["vcmp", "vcmpe"])
    other = "#0" if rng.randrange(4) == 0 else r(rng)
    return f"{op}{{c}}.{size} {r(rng)}, {other}"


def vfp_convert(rng, thumb):
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice([f"vcvt{{c}}.f64.f32 {dreg(rng)}, {sreg(rng)}",
                           f"vcvt{{c}}.f32.f64 {sreg(rng)}, {dreg(rng)}"])
    if kind == 1:
        to = rng.choice(["s32", "u32"])
        rounding = rng.choice(["vcvt", "vcvtr"])
        source = rng.choice([("f32", sreg), ("f64", dreg)])
        return f"{rounding}{{c}}.{to}.{source[0]} {sreg(rng)}, {source[1](rng)}"
    if kind == 2:
        frm = rng.choice(["s32", "u32"])
        size, r = rng.choice([("f32", sreg), ("f64", dreg)])
        return f"vcvt{{c}}.{size}.{frm} {r(rng)}, {sreg(rng)}"
    if kind == 3:
        fixed = rng.choice(["s16", "u16", "s32", "u32"])
        size, r = rng.choice([("f32", sreg), ("f64", dreg)])
        # A8.8.313: 16-bit fixed point takes 0..16 fraction bits, 32-bit 1..32.
        fbits = rng.randrange(0, 17) if fixed.endswith("16") else rng.randrange(1, 33)
        register = r(rng)
        if rng.randrange(2):
            return f"vcvt{{c}}.{fixed}.{size} {register}, {register}, #{fbits}"
        return f"vcvt{{c}}.{size}.{fixed} {register}, {register}, #{fbits}"
    if kind == 4:
        return rng.choice([f"vmov{{c}} {reg(rng)}, {sreg(rng)}", f"vmov{{c}} {sreg(rng)}, {reg(rng)}",
                           "vmov{c} " + ", ".join(distinct_regs(rng, 2)) + f", {dreg(rng)}",
                           f"vmov{{c}} {dreg(rng)}, {reg(rng)}, {reg(rng)}"])
    size = rng.choice(["f32", "f64"])
    # VMOV (immediate), A8.8.339: +/- n * 2^-r, n in 16..31, r in 0..7.
    value = rng.choice([0.125, 0.25, 0.5, 1.0, 2.0, 3.0, 15.5, 31.0, 1.9375, 0.1328125])
    value = -value if rng.randrange(2) else value
    r = sreg if size == "f32" else dreg
    return f"vmov{{c}}.{size} {r(rng)}, #{value}"


def vfp_status(rng, thumb):
    return "vmrs{c} APSR_nzcv, fpscr"


GENERATORS = [data_processing, data_processing, move, compare, wide_move, multiply,
              dsp_multiply, saturating, parallel, extend, bits, pack_divide,
              vfp_arith, vfp_arith, vfp_convert, vfp_status]


def instruction(rng, thumb):
    """One random instruction; in T32 a condition other than AL gets its own IT."""
    text = rng.choice(GENERATORS)(rng, thumb)
    condition = rng.choice(CONDITIONS) if rng.randrange(3) else ""
    if thumb and condition:
        return [f"it {condition}", text.format(c=condition)]
    return [text.format(c=condition)]
