#!/usr/bin/env python3
"""Regenerates thumb32_qemu_vectors.inc: register-to-register 32-bit Thumb instructions run
on qemu-system-arm's Cortex-M4 (mps2-an386) with chosen inputs, their results recorded as
the reference for thumb32_qemu_vectors_test.cpp.

Each case loads r0-r3 and APSR (NZCVQ and GE), executes one instruction and stores r0, r1
and APSR. The program is bare metal (no C library) and prints through semihosting.
Needs arm-none-eabi-gcc and qemu-system-arm. Run from this folder; the output is
deterministic (fixed random seed)."""
import os
import random
import re
import subprocess
import sys
import tempfile

# The instructions under test: inputs r0-r3, outputs r0 (and r1 for long multiplies).
INSTRUCTIONS = [
    # data processing, flag setting
    "adds.w r0, r1, r2", "adcs.w r0, r1, r2", "sbcs.w r0, r1, r2", "subs.w r0, r1, r2",
    "rsbs.w r0, r1, r2", "ands.w r0, r1, r2, ror #7", "orrs.w r0, r1, r2, lsr #1",
    "eors.w r0, r1, r2, asr #31", "bics.w r0, r1, r2, lsl #31", "orns r0, r1, r2, rrx",
    "mvns.w r0, r2, lsr #32", "cmp.w r1, r2", "cmn.w r1, r2", "tst.w r1, r2, lsl #1",
    "teq.w r1, r2, asr #32", "adds.w r0, r1, #0x100", "sbcs r0, r1, #0xff000000",
    "rsbs.w r0, r1, #1", "ands r0, r1, #0x80000000", "teq r1, #0x3fc00000",
    "lsls.w r0, r1, r2", "lsrs.w r0, r1, r2", "asrs.w r0, r1, r2", "rors.w r0, r1, r2",
    "lsls.w r0, r1, #1", "lsrs.w r0, r1, #32", "asrs.w r0, r1, #32", "rrxs r0, r1",
    # saturation, bit fields, extension, reversal
    "ssat r0, #1, r1", "ssat r0, #16, r1, asr #3", "usat r0, #31, r1", "usat r0, #7, r1, lsl #2",
    "sbfx r0, r1, #3, #9", "ubfx r0, r1, #17, #15", "bfi r0, r1, #5, #11", "bfc r0, #31, #1",
    "sxth.w r0, r1, ror #8", "uxtb.w r0, r1, ror #16", "sxtb.w r0, r1", "uxth.w r0, r1, ror #24",
    "rev.w r0, r1", "rev16.w r0, r1", "revsh.w r0, r1", "rbit r0, r1", "clz r0, r1",
    # multiply and divide
    "mul.w r0, r1, r2", "mla r0, r1, r2, r3", "mls r0, r1, r2, r3",
    "smull r0, r1, r2, r3", "umull r0, r1, r2, r3", "smlal r0, r1, r2, r3",
    "umlal r0, r1, r2, r3", "sdiv r0, r1, r2", "udiv r0, r1, r2",
    # DSP: parallel add/subtract
    *[f"{p}{op} r0, r1, r2" for p in ("s", "q", "sh", "u", "uq", "uh")
      for op in ("add16", "asx", "sax", "sub16", "add8", "sub8")],
    # DSP: the rest
    "sel r0, r1, r2", "usad8 r0, r1, r2", "usada8 r0, r1, r2, r3",
    "qadd r0, r1, r2", "qsub r0, r1, r2", "qdadd r0, r1, r2", "qdsub r0, r1, r2",
    "ssat16 r0, #1, r1", "ssat16 r0, #12, r1", "usat16 r0, #0, r1", "usat16 r0, #9, r1",
    "pkhbt r0, r1, r2, lsl #5", "pkhtb r0, r1, r2, asr #9", "pkhtb r0, r1, r2, asr #32",
    "sxtab r0, r1, r2, ror #8", "uxtab r0, r1, r2", "sxtah r0, r1, r2", "uxtah r0, r1, r2, ror #24",
    "sxtab16 r0, r1, r2, ror #16", "uxtab16 r0, r1, r2", "sxtb16 r0, r1, ror #8", "uxtb16 r0, r1",
    "smlabb r0, r1, r2, r3", "smlabt r0, r1, r2, r3", "smlatb r0, r1, r2, r3",
    "smlatt r0, r1, r2, r3", "smulbb r0, r1, r2", "smultt r0, r1, r2",
    "smlawb r0, r1, r2, r3", "smlawt r0, r1, r2, r3", "smulwb r0, r1, r2", "smulwt r0, r1, r2",
    "smlad r0, r1, r2, r3", "smladx r0, r1, r2, r3", "smuad r0, r1, r2", "smuadx r0, r1, r2",
    "smlsd r0, r1, r2, r3", "smlsdx r0, r1, r2, r3", "smusd r0, r1, r2", "smusdx r0, r1, r2",
    "smmla r0, r1, r2, r3", "smmlar r0, r1, r2, r3", "smmls r0, r1, r2, r3",
    "smmlsr r0, r1, r2, r3", "smmul r0, r1, r2", "smmulr r0, r1, r2",
    "smlalbb r0, r1, r2, r3", "smlaltb r0, r1, r2, r3", "smlald r0, r1, r2, r3",
    "smlaldx r0, r1, r2, r3", "smlsld r0, r1, r2, r3", "smlsldx r0, r1, r2, r3",
    "umaal r0, r1, r2, r3",
]

EDGES = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x00007FFF, 0x00008000, 0x7FFF8000,
         0x80007FFF, 0xFFFF0000, 0x0000FFFF, 0x7F7F7F7F, 0x80808080, 0x000000FF, 32, 33]
CASES_PER_INSTRUCTION = 8

RUNNER = r"""
typedef unsigned int u32;
extern void (*const cases[])(const u32 *in, u32 *out);
extern const u32 inputs[][5];
extern const unsigned case_count;

static void semihost(u32 op, const void *arg) {
  register u32 r0 __asm__("r0") = op;
  register const void *r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}
static void hex(char *p, u32 v) {
  for (int i = 7; i >= 0; --i, v >>= 4) p[i] = "0123456789abcdef"[v & 15];
}
void reset(void) {
  char line[32];
  for (unsigned i = 0; i < case_count; ++i) {
    u32 out[3];
    cases[i / %(per)d](inputs[i], out);
    for (int k = 0; k < 3; ++k) { hex(line + 9 * k, out[k]); line[9 * k + 8] = ' '; }
    line[26] = '\n';
    line[27] = 0;
    semihost(0x04, line);  /* SYS_WRITE0 */
  }
  semihost(0x18, (const void *)0x20026);  /* SYS_EXIT, ADP_Stopped_ApplicationExit */
  for (;;) {}
}
__attribute__((section(".vectors"))) const void *vectors[2] = {(void *)0x20400000, (void *)reset};
"""

LINKER = """
ENTRY(reset)
SECTIONS {
  . = 0;
  .vectors : { KEEP(*(.vectors)) }
  .text : { *(.text*) *(.rodata*) }
  .data : { *(.data*) *(.bss*) }
}
"""


def case_stub(index, insn):
    return f"""
    .thumb_func
    .global case{index}
case{index}:
    push {{r4-r7, lr}}
    mov r6, r0
    mov r7, r1
    ldr r4, [r6, #16]
    msr APSR_nzcvqg, r4
    ldr r0, [r6, #0]
    ldr r1, [r6, #4]
    ldr r2, [r6, #8]
    ldr r3, [r6, #12]
    .global probe{index}
probe{index}:
    {insn}
    mrs r4, apsr
    str r0, [r7, #0]
    str r1, [r7, #4]
    str r4, [r7, #8]
    pop {{r4-r7, pc}}
"""


def operand(rng):
    return rng.choice(EDGES) if rng.random() < 0.4 else rng.getrandbits(32)


def main():
    rng = random.Random(20261126)
    inputs = []
    for _ in INSTRUCTIONS:
        for _ in range(CASES_PER_INSTRUCTION):
            apsr = (rng.getrandbits(5) << 27) | (rng.getrandbits(4) << 16)
            inputs.append([operand(rng) for _ in range(4)] + [apsr])
    asm = [".syntax unified", ".thumb", ".text"]
    asm += [case_stub(i, insn) for i, insn in enumerate(INSTRUCTIONS)]
    asm.append(".section .rodata\n.align 2\n.global cases\ncases:")
    asm += [f"    .word case{i} + 1" for i in range(len(INSTRUCTIONS))]
    asm.append(".global inputs\ninputs:")
    asm += ["    .word " + ", ".join(f"0x{v:08x}" for v in row) for row in inputs]
    asm.append(f".global case_count\ncase_count:\n    .word {len(inputs)}")
    encodings, outputs = build_and_run("\n".join(asm) + "\n", RUNNER % {"per": CASES_PER_INSTRUCTION},
                                       len(INSTRUCTIONS))
    if len(outputs) != len(inputs):
        sys.exit(f"qemu printed {len(outputs)} results for {len(inputs)} cases")
    with open("thumb32_qemu_vectors.inc", "w") as f:
        f.write("// Generated by gen_qemu_vectors.py from qemu-system-arm (mps2-an386, Cortex-M4);\n"
                "// do not edit. {assembly, encoding, {r0, r1, r2, r3}, apsr, {r0, r1}, apsr}\n")
        for i, (inp, out) in enumerate(zip(inputs, outputs)):
            insn = INSTRUCTIONS[i // CASES_PER_INSTRUCTION]
            regs = ", ".join(f"0x{v:08X}" for v in inp[:4])
            f.write(f'{{"{insn}", 0x{encodings[i // CASES_PER_INSTRUCTION]:08X}, {{{regs}}}, '
                    f'0x{inp[4]:08X}, {{0x{out[0]:08X}, 0x{out[1]:08X}}}, 0x{out[2]:08X}}},\n')


def build_and_run(cases_asm, runner_c, probes, linker=LINKER):
    """Links the cases with the runner, runs them on qemu's Cortex-M4 and returns the encoding
    at each probe<i> label and the lines the runner printed, as lists of integers."""
    with tempfile.TemporaryDirectory() as tmp:
        files = {name: os.path.join(tmp, name) for name in ("cases.s", "runner.c", "link.ld")}
        open(files["cases.s"], "w").write(cases_asm)
        open(files["runner.c"], "w").write(runner_c)
        open(files["link.ld"], "w").write(linker)
        elf, image = os.path.join(tmp, "vectors.elf"), os.path.join(tmp, "vectors.bin")
        subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb", "-O1", "-nostdlib",
                        "-T", files["link.ld"], files["runner.c"], files["cases.s"], "-o", elf],
                       check=True)
        subprocess.run(["arm-none-eabi-objcopy", "-O", "binary", elf, image], check=True)
        symbols = subprocess.run(["arm-none-eabi-nm", elf], check=True, capture_output=True,
                                 text=True).stdout
        data = open(image, "rb").read()
        run = subprocess.run(["qemu-system-arm", "-M", "mps2-an386", "-nographic", "-semihosting",
                              "-kernel", elf], check=True, capture_output=True, text=True,
                             timeout=60)
    address = {}
    for line in symbols.splitlines():
        value, _, name = line.split()
        if re.fullmatch(r"probe\d+", name):
            address[int(name[5:])] = int(value, 16)
    encodings = []
    for i in range(probes):
        a = address[i]  # linked at 0, so the address is the offset in the image
        first, second = data[a] | (data[a + 1] << 8), data[a + 2] | (data[a + 3] << 8)
        if (first >> 11) < 0x1D:
            sys.exit(f"probe {i}: not a 32-bit encoding")
        encodings.append((first << 16) | second)
    # qemu prints semihosting output on stderr.
    return encodings, [[int(w, 16) for w in line.split()] for line in run.stderr.splitlines() if line]


if __name__ == "__main__":
    main()
