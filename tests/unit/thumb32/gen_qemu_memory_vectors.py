#!/usr/bin/env python3
"""Regenerates thumb32_qemu_memory_vectors.inc: 32-bit Thumb loads and stores run on
qemu-system-arm's Cortex-M4 (mps2-an386) against a 64-byte buffer, as the reference for
thumb32_qemu_memory_vectors_test.cpp.

Each case fills the buffer (linked at BUFFER, an address the test machine has in RAM too),
loads r1-r3 and APSR, points r0 at the middle of the buffer, executes one instruction, and
records r0-r3, APSR and the buffer. Uses build_and_run() from gen_qemu_vectors.py. Run from this folder."""
import random
import sys

from gen_qemu_vectors import LINKER, build_and_run

# The instructions under test, with r0 = buffer + 32. A True flag keeps r2 a small signed
# index (register-offset forms) so that the address stays inside the buffer.
INSTRUCTIONS = [
    ("ldr.w r1, [r0, #8]", False), ("ldr r1, [r0, #-4]!", False), ("ldr r1, [r0], #12", False),
    ("ldr.w r1, [r0, #1]", False), ("ldr.w r1, [r0, r2, lsl #2]", True),
    ("ldrb r1, [r0, #-1]", False), ("ldrsb.w r1, [r0, #3]", False), ("ldrh r1, [r0], #-2", False),
    ("ldrsh r1, [r0, #6]!", False), ("ldrh.w r1, [r0, #3]", False),
    ("ldrsh.w r1, [r0, r2, lsl #1]", True), ("ldrsb.w r1, [r0, r2]", True),
    ("ldrd r2, r3, [r0, #-8]", False), ("ldrd r2, r3, [r0, #8]!", False),
    ("ldrd r2, r3, [r0], #-16", False),
    ("strd r2, r3, [r0, #16]", False), ("strd r2, r3, [r0, #-8]!", False),
    ("strd r2, r3, [r0], #8", False),
    ("str.w r1, [r0, #4]", False), ("str r1, [r0, #-8]!", False), ("strh r1, [r0], #2", False),
    ("strb.w r1, [r0, #-3]", False), ("strh.w r1, [r0, r2, lsl #1]", True),
    ("strb r1, [r0, #5]!", False), ("str.w r1, [r0, #-3]", False), ("str.w r1, [r0, r2]", True),
    ("ldmia.w r0!, {r1, r2, r3}", False), ("ldmia.w r0, {r1, r3}", False),
    ("ldmdb r0!, {r1, r2}", False), ("ldmdb r0, {r2, r3}", False),
    ("ldmia.w r0, {r0, r1}", False),
    ("stmia.w r0!, {r1, r2, r3}", False), ("stmdb r0!, {r1, r3}", False),
    ("stmia.w r0, {r2, r3}", False),
]
CASES_PER_INSTRUCTION = 6
BUFFER = 0x20001000
# The shared linker script plus the buffer at its fixed address, before the closing brace.
LINKER_WITH_BUFFER = (LINKER.rstrip().removesuffix("}") +
                      f"  .buffer 0x{BUFFER:x} (NOLOAD) : {{ *(.buffer) }}\n}}\n")

RUNNER = r"""
typedef unsigned int u32;
extern void (*const cases[])(const u32 *in, u32 *out);
extern const u32 inputs[][20];  /* r1, r2, r3, APSR, buffer[16] */
extern const unsigned case_count;
__attribute__((section(".buffer"))) u32 buffer[16];

static void semihost(u32 op, const void *arg) {
  register u32 r0 __asm__("r0") = op;
  register const void *r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}
static void hex(char *p, u32 v) {
  for (int i = 7; i >= 0; --i, v >>= 4) p[i] = "0123456789abcdef"[v & 15];
}
void reset(void) {
  char line[21 * 9 + 1];
  for (unsigned i = 0; i < case_count; ++i) {
    u32 out[21];
    for (int k = 0; k < 16; ++k) buffer[k] = inputs[i][4 + k];
    cases[i / %(per)d](inputs[i], out);
    for (int k = 0; k < 16; ++k) out[5 + k] = buffer[k];
    for (int k = 0; k < 21; ++k) { hex(line + 9 * k, out[k]); line[9 * k + 8] = ' '; }
    line[21 * 9 - 1] = '\n';
    line[21 * 9] = 0;
    semihost(0x04, line);  /* SYS_WRITE0 */
  }
  semihost(0x18, (const void *)0x20026);  /* SYS_EXIT, ADP_Stopped_ApplicationExit */
  for (;;) {}
}
__attribute__((section(".vectors"))) const void *vectors[2] = {(void *)0x20400000, (void *)reset};
"""


def case_stub(index, insn):
    return f"""
    .thumb_func
case{index}:
    push {{r4-r7, lr}}
    mov r6, r0
    mov r7, r1
    ldr r4, [r6, #12]
    msr APSR_nzcvqg, r4
    ldr r1, [r6, #0]
    ldr r2, [r6, #4]
    ldr r3, [r6, #8]
    ldr r0, =buffer + 32
    .global probe{index}
probe{index}:
    {insn}
    mrs r4, apsr
    str r0, [r7, #0]
    str r1, [r7, #4]
    str r2, [r7, #8]
    str r3, [r7, #12]
    str r4, [r7, #16]
    pop {{r4-r7, pc}}
    .ltorg
"""


def main():
    rng = random.Random(20261127)
    inputs = []
    for _, small_index in INSTRUCTIONS:
        for _ in range(CASES_PER_INSTRUCTION):
            r2 = (rng.randint(-6, 5) & 0xFFFFFFFF) if small_index else rng.getrandbits(32)
            apsr = (rng.getrandbits(5) << 27) | (rng.getrandbits(4) << 16)
            inputs.append([rng.getrandbits(32), r2, rng.getrandbits(32), apsr] +
                          [rng.getrandbits(32) for _ in range(16)])
    asm = [".syntax unified", ".thumb", ".text"]
    asm += [case_stub(i, insn) for i, (insn, _) in enumerate(INSTRUCTIONS)]
    asm.append(".section .rodata\n.align 2\n.global cases\ncases:")
    asm += [f"    .word case{i} + 1" for i in range(len(INSTRUCTIONS))]
    asm.append(".global inputs\ninputs:")
    asm += ["    .word " + ", ".join(f"0x{v:08x}" for v in row) for row in inputs]
    asm.append(f".global case_count\ncase_count:\n    .word {len(inputs)}")
    encodings, outputs = build_and_run("\n".join(asm) + "\n",
                                       RUNNER % {"per": CASES_PER_INSTRUCTION}, len(INSTRUCTIONS),
                                       LINKER_WITH_BUFFER)
    if len(outputs) != len(inputs):
        sys.exit(f"qemu printed {len(outputs)} results for {len(inputs)} cases")

    def words(values):
        return "{" + ", ".join(f"0x{v:08X}" for v in values) + "}"

    with open("thumb32_qemu_memory_vectors.inc", "w") as f:
        f.write("// Generated by gen_qemu_memory_vectors.py from qemu-system-arm (mps2-an386);\n"
                f"// do not edit. The buffer is at 0x{BUFFER:08X}, r0 = buffer + 32 on entry.\n"
                "// {assembly, encoding, {r1, r2, r3}, apsr, buffer, {r0, r1, r2, r3}, apsr, buffer}\n")
        for i, (inp, out) in enumerate(zip(inputs, outputs)):
            insn = INSTRUCTIONS[i // CASES_PER_INSTRUCTION][0]
            f.write(f'{{"{insn}", 0x{encodings[i // CASES_PER_INSTRUCTION]:08X}, '
                    f'{words(inp[:3])}, 0x{inp[3]:08X}, {words(inp[4:])}, '
                    f'{words(out[0:4])}, 0x{out[4]:08X}, '
                    f'{words(out[5:])}}},\n')


if __name__ == "__main__":
    main()
