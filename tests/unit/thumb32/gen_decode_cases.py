#!/usr/bin/env python3
"""Regenerates thumb32_decode_cases.inc: each line is an instruction in assembler syntax,
its encoding as GNU as (arm-none-eabi-as -mthumb -mcpu=cortex-m4) produces it, and the row
of thumb32_table.cpp that must decode it. Run from this folder after editing CASES."""
import os
import subprocess
import sys
import tempfile

CASES = [
    # A5.3.1 modified immediate
    ("and r1, r2, #0xff00ff00", "AND (immediate) T1"),
    ("ands.w r1, r2, #1", "AND (immediate) T1"),
    ("tst.w r3, #0x80000000", "TST (immediate) T1"),
    ("bic r4, r5, #0x3fc", "BIC (immediate) T1"),
    ("orr r1, r2, #0x55555555", "ORR (immediate) T1"),
    ("mov.w r8, #0x00ab00ab", "MOV (immediate) T2"),
    ("movs.w r0, #0", "MOV (immediate) T2"),
    ("orn r1, r2, #7", "ORN (immediate) T1"),
    ("mvn r9, #0xff", "MVN (immediate) T1"),
    ("eor r1, r2, #0x100", "EOR (immediate) T1"),
    ("teq r7, #0xf0", "TEQ (immediate) T1"),
    ("add.w r1, r2, #0x1000", "ADD (immediate) T3"),
    ("add.w sp, sp, #0x100", "ADD (immediate) T3"),
    ("cmn.w r4, #1", "CMN (immediate) T1"),
    ("adc r1, r2, #3", "ADC (immediate) T1"),
    ("sbc r1, r2, #3", "SBC (immediate) T1"),
    ("subs.w r1, r2, #0x400", "SUB (immediate) T3"),
    ("cmp.w r10, #0x200", "CMP (immediate) T2"),
    ("rsb r1, r2, #0", "RSB (immediate) T2"),
    # A5.3.3 plain binary immediate
    ("addw r1, r2, #0xfff", "ADD (immediate) T4"),
    ("addw r3, pc, #0x123", "ADR T3"),
    ("movw r4, #0xbeef", "MOV (immediate) T3"),
    ("subw r1, sp, #0x10", "SUB (immediate) T4"),
    ("subw r3, pc, #0x123", "ADR T2"),
    ("movt r4, #0xdead", "MOVT T1"),
    ("ssat r1, #8, r2, lsl #4", "SSAT T1"),
    ("ssat r1, #16, r2, asr #31", "SSAT T1"),
    ("ssat16 r1, #8, r2", "SSAT16 T1"),
    ("sbfx r1, r2, #4, #8", "SBFX T1"),
    ("bfi r1, r2, #8, #4", "BFI T1"),
    ("bfc r1, #0, #32", "BFC T1"),
    ("usat r1, #31, r2", "USAT T1"),
    ("usat16 r1, #15, r2", "USAT16 T1"),
    ("ubfx r1, r2, #31, #1", "UBFX T1"),
    # A5.3.4 branches and miscellaneous control
    ("beq.w .+0x100", "B T3"),
    ("bgt.w .-0x1000", "B T3"),
    ("b.w .+0x100000", "B T4"),
    ("bl .-0x200000", "BL T1"),
    ("msr apsr_nzcvq, r3", "MSR (register) T1"),
    ("msr primask, r0", "MSR (register) T1"),
    ("mrs r5, psp", "MRS T1"),
    ("nop.w", "NOP T2"),
    ("yield.w", "YIELD T2"),
    ("wfe.w", "WFE T2"),
    ("wfi.w", "WFI T2"),
    ("sev.w", "SEV T2"),
    ("dbg #5", "DBG T1"),
    ("clrex", "CLREX T1"),
    ("dsb sy", "DSB T1"),
    ("dmb ish", "DMB T1"),
    ("isb sy", "ISB T1"),
    ("udf.w #0x1234", "UDF T2"),
    # A5.3.5 load/store multiple
    ("stmia.w r0!, {r1, r2, r9}", "STM T2"),
    ("ldmia.w r0, {r1, r2, lr}", "LDM T2"),
    ("ldmia.w r0!, {r1, r2, pc}", "LDM T2"),
    ("pop.w {r4-r11, pc}", "POP T2"),
    ("stmdb r3!, {r4, r5}", "STMDB T1"),
    ("push.w {r4-r11, lr}", "PUSH T2"),
    ("ldmdb r3, {r4, r5}", "LDMDB T1"),
    # A5.3.6 dual, exclusive, table branch
    ("strex r0, r1, [r2, #8]", "STREX T1"),
    ("ldrex r1, [r2, #1020]", "LDREX T1"),
    ("strd r2, r3, [r4, #-8]!", "STRD (immediate) T1"),
    ("strd r2, r3, [r4, #16]", "STRD (immediate) T1"),
    ("strd r2, r3, [r4], #8", "STRD (immediate) T1 post-indexed"),
    ("ldrd r2, r3, [r4, #8]", "LDRD (immediate) T1"),
    ("ldrd r2, r3, [pc, #-16]", "LDRD (immediate) T1"),
    ("ldrd r2, r3, [r4], #-8", "LDRD (immediate) T1 post-indexed"),
    ("strexb r0, r1, [r2]", "STREXB T1"),
    ("strexh r0, r1, [r2]", "STREXH T1"),
    ("tbb [pc, r1]", "TBB T1"),
    ("tbh [r2, r1, lsl #1]", "TBH T1"),
    ("ldrexb r1, [r2]", "LDREXB T1"),
    ("ldrexh r1, [r2]", "LDREXH T1"),
    # A5.3.7 load word
    ("ldr.w r1, [r2, #4095]", "LDR (immediate) T3"),
    ("ldr r1, [r2, #-255]", "LDR (immediate) T4"),
    ("ldr r1, [r2], #4", "LDR (immediate) T4"),
    ("ldr r1, [r2, #-4]!", "LDR (immediate) T4"),
    ("ldr.w r3, [sp], #4", "POP T3"),
    ("ldrt r1, [r2, #8]", "LDRT T1"),
    ("ldr.w r1, [r2, r3, lsl #2]", "LDR (register) T2"),
    # Literal loads decode through whichever row their imm12 resembles (the handlers take the
    # literal path for Rn = PC), or through the literal rows where no other row matches.
    ("ldr.w r1, [pc, #-8]", "LDR (register) T2"),
    ("ldr.w r1, [pc, #-0x400]", "LDR (literal) T2"),
    ("ldr.w r1, [pc, #-0x7ff]", "LDR (literal) T2"),
    ("ldr.w r1, [pc, #-0x840]", "LDR (immediate) T4"),
    ("ldrb.w r1, [pc, #-0x40]", "LDRB (literal) T1"),
    ("ldrsb.w r1, [pc, #-0x80]", "LDRSB (literal) T1"),
    ("ldrh.w r1, [pc, #-0x100]", "LDRH (literal) T1"),
    ("ldrsh.w r1, [pc, #-0x200]", "LDRSH (literal) T1"),
    ("pld [pc, #-0x100]", "LDRB (literal) T1"),
    ("ldr.w r1, [pc, #8]", "LDR (immediate) T3"),
    ("ldr.w pc, [r2, #4]", "LDR (immediate) T3"),
    # A5.3.8 load byte, hints
    ("ldrb.w r1, [r2, #100]", "LDRB (immediate) T2"),
    ("ldrb r1, [r2], #-1", "LDRB (immediate) T3"),
    ("ldrbt r1, [r2, #1]", "LDRBT T1"),
    ("ldrb.w r1, [r2, r3]", "LDRB (register) T2"),
    ("ldrsb.w r1, [r2, #100]", "LDRSB (immediate) T1"),
    ("ldrsb r1, [r2, #-1]!", "LDRSB (immediate) T2"),
    ("ldrsbt r1, [r2, #1]", "LDRSBT T1"),
    ("ldrsb.w r1, [r2, r3, lsl #1]", "LDRSB (register) T2"),
    ("pld [r2, #100]", "PLD (immediate) T1"),
    ("pld [r2, #-100]", "PLD (immediate) T2"),
    ("pld [r2, r3, lsl #3]", "PLD (register) T1"),
    ("pli [r2, #100]", "PLI (immediate) T1"),
    ("pli [r2, #-100]", "PLI (immediate) T2"),
    ("pli [r2, r3]", "PLI (register) T1"),
    # A5.3.9 load halfword
    ("ldrh.w r1, [r2, #100]", "LDRH (immediate) T2"),
    ("ldrh r1, [r2], #2", "LDRH (immediate) T3"),
    ("ldrht r1, [r2, #2]", "LDRHT T1"),
    ("ldrh.w r1, [r2, r3, lsl #1]", "LDRH (register) T2"),
    ("ldrsh.w r1, [r2, #100]", "LDRSH (immediate) T1"),
    ("ldrsh r1, [r2, #-2]", "LDRSH (immediate) T2"),
    ("ldrsht r1, [r2, #2]", "LDRSHT T1"),
    ("ldrsh.w r1, [r2, r3]", "LDRSH (register) T2"),
    # A5.3.10 store single
    ("strb.w r1, [r2, #100]", "STRB (immediate) T2"),
    ("strb r1, [r2, #-1]!", "STRB (immediate) T3"),
    ("strbt r1, [r2, #1]", "STRBT T1"),
    ("strb.w r1, [r2, r3]", "STRB (register) T2"),
    ("strh.w r1, [r2, #100]", "STRH (immediate) T2"),
    ("strh r1, [r2], #2", "STRH (immediate) T3"),
    ("strht r1, [r2, #2]", "STRHT T1"),
    ("strh.w r1, [r2, r3, lsl #1]", "STRH (register) T2"),
    ("str.w r1, [r2, #4095]", "STR (immediate) T3"),
    ("str r1, [r2, #-4]", "STR (immediate) T4"),
    ("str.w r3, [sp, #-4]!", "PUSH T3"),
    ("strt r1, [r2, #4]", "STRT T1"),
    ("str.w r1, [r2, r3, lsl #3]", "STR (register) T2"),
    # A5.3.11 shifted register
    ("and.w r1, r2, r3, lsl #5", "AND (register) T2"),
    ("tst.w r1, r2, asr #3", "TST (register) T2"),
    ("bic.w r1, r2, r3, ror #7", "BIC (register) T2"),
    ("orr.w r1, r2, r3, lsr #32", "ORR (register) T2"),
    ("mov.w r1, r2", "MOV (register) T3"),
    ("movs.w r1, r2", "MOV (register) T3"),
    ("lsl.w r1, r2, #3", "LSL (immediate) T2"),
    ("lsrs.w r1, r2, #32", "LSR (immediate) T2"),
    ("asr.w r1, r2, #1", "ASR (immediate) T2"),
    ("ror r1, r2, #9", "ROR (immediate) T1"),
    ("rrx r1, r2", "RRX T1"),
    ("orn r1, r2, r3", "ORN (register) T1"),
    ("mvn.w r1, r2, lsl #1", "MVN (register) T2"),
    ("eor.w r1, r2, r3", "EOR (register) T2"),
    ("teq r1, r2, rrx", "TEQ (register) T1"),
    ("pkhbt r1, r2, r3, lsl #8", "PKHBT, PKHTB T1"),
    ("pkhtb r1, r2, r3, asr #16", "PKHBT, PKHTB T1"),
    ("add.w r1, r2, r3, lsl #2", "ADD (register) T3"),
    ("add.w r1, sp, r3", "ADD (register) T3"),
    ("cmn.w r1, r2", "CMN (register) T2"),
    ("adc.w r1, r2, r3", "ADC (register) T2"),
    ("sbc.w r1, r2, r3", "SBC (register) T2"),
    ("sub.w r1, r2, r3, asr #4", "SUB (register) T2"),
    ("cmp.w r1, r2, lsl #1", "CMP (register) T3"),
    ("rsb r1, r2, r3", "RSB (register) T1"),
    # A5.3.12 register
    ("lsl.w r1, r2, r3", "LSL (register) T2"),
    ("lsrs.w r1, r2, r3", "LSR (register) T2"),
    ("asr.w r1, r2, r3", "ASR (register) T2"),
    ("ror.w r1, r2, r3", "ROR (register) T2"),
    ("sxtah r1, r2, r3, ror #8", "SXTAH T1"),
    ("sxth.w r1, r2, ror #16", "SXTH T2"),
    ("uxtah r1, r2, r3", "UXTAH T1"),
    ("uxth.w r1, r2", "UXTH T2"),
    ("sxtab16 r1, r2, r3", "SXTAB16 T1"),
    ("sxtb16 r1, r2, ror #24", "SXTB16 T1"),
    ("uxtab16 r1, r2, r3", "UXTAB16 T1"),
    ("uxtb16 r1, r2", "UXTB16 T1"),
    ("sxtab r1, r2, r3", "SXTAB T1"),
    ("sxtb.w r1, r2, ror #8", "SXTB T2"),
    ("uxtab r1, r2, r3, ror #24", "UXTAB T1"),
    ("uxtb.w r1, r2", "UXTB T2"),
    # A5.3.13/14 parallel add/subtract
    ("sadd16 r1, r2, r3", "SADD16 T1"), ("sasx r1, r2, r3", "SASX T1"),
    ("ssax r1, r2, r3", "SSAX T1"), ("ssub16 r1, r2, r3", "SSUB16 T1"),
    ("sadd8 r1, r2, r3", "SADD8 T1"), ("ssub8 r1, r2, r3", "SSUB8 T1"),
    ("qadd16 r1, r2, r3", "QADD16 T1"), ("qasx r1, r2, r3", "QASX T1"),
    ("qsax r1, r2, r3", "QSAX T1"), ("qsub16 r1, r2, r3", "QSUB16 T1"),
    ("qadd8 r1, r2, r3", "QADD8 T1"), ("qsub8 r1, r2, r3", "QSUB8 T1"),
    ("shadd16 r1, r2, r3", "SHADD16 T1"), ("shasx r1, r2, r3", "SHASX T1"),
    ("shsax r1, r2, r3", "SHSAX T1"), ("shsub16 r1, r2, r3", "SHSUB16 T1"),
    ("shadd8 r1, r2, r3", "SHADD8 T1"), ("shsub8 r1, r2, r3", "SHSUB8 T1"),
    ("uadd16 r1, r2, r3", "UADD16 T1"), ("uasx r1, r2, r3", "UASX T1"),
    ("usax r1, r2, r3", "USAX T1"), ("usub16 r1, r2, r3", "USUB16 T1"),
    ("uadd8 r1, r2, r3", "UADD8 T1"), ("usub8 r1, r2, r3", "USUB8 T1"),
    ("uqadd16 r1, r2, r3", "UQADD16 T1"), ("uqasx r1, r2, r3", "UQASX T1"),
    ("uqsax r1, r2, r3", "UQSAX T1"), ("uqsub16 r1, r2, r3", "UQSUB16 T1"),
    ("uqadd8 r1, r2, r3", "UQADD8 T1"), ("uqsub8 r1, r2, r3", "UQSUB8 T1"),
    ("uhadd16 r1, r2, r3", "UHADD16 T1"), ("uhasx r1, r2, r3", "UHASX T1"),
    ("uhsax r1, r2, r3", "UHSAX T1"), ("uhsub16 r1, r2, r3", "UHSUB16 T1"),
    ("uhadd8 r1, r2, r3", "UHADD8 T1"), ("uhsub8 r1, r2, r3", "UHSUB8 T1"),
    # A5.3.15 miscellaneous
    ("qadd r1, r2, r3", "QADD T1"),
    ("qdadd r1, r2, r3", "QDADD T1"),
    ("qsub r1, r2, r3", "QSUB T1"),
    ("qdsub r1, r2, r3", "QDSUB T1"),
    ("rev.w r1, r2", "REV T2"),
    ("rev16.w r1, r2", "REV16 T2"),
    ("rbit r1, r2", "RBIT T1"),
    ("revsh.w r1, r2", "REVSH T2"),
    ("sel r1, r2, r3", "SEL T1"),
    ("clz r1, r2", "CLZ T1"),
    # A5.3.16 multiply
    ("mla r1, r2, r3, r4", "MLA T1"),
    ("mul.w r1, r2, r3", "MUL T2"),
    ("mls r1, r2, r3, r4", "MLS T1"),
    ("smlabt r1, r2, r3, r4", "SMLABB, SMLABT, SMLATB, SMLATT T1"),
    ("smultb r1, r2, r3", "SMULBB, SMULBT, SMULTB, SMULTT T1"),
    ("smladx r1, r2, r3, r4", "SMLAD T1"),
    ("smuad r1, r2, r3", "SMUAD T1"),
    ("smlawt r1, r2, r3, r4", "SMLAWB, SMLAWT T1"),
    ("smulwb r1, r2, r3", "SMULWB, SMULWT T1"),
    ("smlsd r1, r2, r3, r4", "SMLSD T1"),
    ("smusdx r1, r2, r3", "SMUSD T1"),
    ("smmlar r1, r2, r3, r4", "SMMLA T1"),
    ("smmul r1, r2, r3", "SMMUL T1"),
    ("smmls r1, r2, r3, r4", "SMMLS T1"),
    ("usada8 r1, r2, r3, r4", "USADA8 T1"),
    ("usad8 r1, r2, r3", "USAD8 T1"),
    # A5.3.17 long multiply, divide
    ("smull r1, r2, r3, r4", "SMULL T1"),
    ("sdiv r1, r2, r3", "SDIV T1"),
    ("umull r1, r2, r3, r4", "UMULL T1"),
    ("udiv r1, r2, r3", "UDIV T1"),
    ("smlal r1, r2, r3, r4", "SMLAL T1"),
    ("smlaltb r1, r2, r3, r4", "SMLALBB, SMLALBT, SMLALTB, SMLALTT T1"),
    ("smlaldx r1, r2, r3, r4", "SMLALD T1"),
    ("smlsld r1, r2, r3, r4", "SMLSLD T1"),
    ("umlal r1, r2, r3, r4", "UMLAL T1"),
    ("umaal r1, r2, r3, r4", "UMAAL T1"),
    # A5.3.18 coprocessor
    ("mcr p15, 0, r0, c7, c5, 0", "coprocessor"),
    ("mrc2 p7, 1, r2, c3, c4, 5", "coprocessor"),
    ("ldc p14, c5, [r1, #4]", "coprocessor"),
    ("cdp p3, 1, c2, c3, c4, 5", "coprocessor"),
]


def assemble(lines):
    with tempfile.TemporaryDirectory() as tmp:
        src, obj, binary = (os.path.join(tmp, n) for n in ("c.s", "c.o", "c.bin"))
        with open(src, "w") as f:
            f.write(".syntax unified\n.thumb\n")
            f.write("".join(f"{line}\n" for line in lines))
        subprocess.run(["arm-none-eabi-as", "-mthumb", "-mcpu=cortex-m4", "-o", obj, src],
                       check=True)
        subprocess.run(["arm-none-eabi-objcopy", "-O", "binary", obj, binary], check=True)
        data = open(binary, "rb").read()
    halfwords = [data[i] | (data[i + 1] << 8) for i in range(0, len(data), 2)]
    out, i = [], 0
    while i < len(halfwords):
        if (halfwords[i] >> 11) >= 0x1D:
            out.append((halfwords[i] << 16) | halfwords[i + 1])
            i += 2
        else:
            out.append(halfwords[i])
            i += 1
    return out


def main():
    encodings = assemble([asm for asm, _ in CASES])
    if len(encodings) != len(CASES):
        sys.exit(f"{len(CASES)} instructions assembled to {len(encodings)} encodings")
    with open("thumb32_decode_cases.inc", "w") as f:
        f.write("// Generated by gen_decode_cases.py from arm-none-eabi-as output; do not edit.\n")
        for (asm, row), insn in zip(CASES, encodings):
            if insn <= 0xFFFF:
                sys.exit(f"'{asm}' assembled to a 16-bit encoding")
            f.write(f'{{"{asm}", 0x{insn:08X}, "{row}"}},\n')


if __name__ == "__main__":
    main()
