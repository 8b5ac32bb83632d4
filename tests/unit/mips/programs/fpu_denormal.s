# Denormals on the 24Kf FPU (fpu_test.cpp): with FCSR.FS = 0 a denormal operand or a tiny
# result is an Unimplemented Operation (cause E, the exception taken, fd untouched); with
# FS = 1 denormal operands read as zero and tiny results become zero with Underflow and
# Inexact. Every result goes to `results` in order.
        .set    noreorder
        .set    hardfloat
        .text
        .globl  _start
_start:
        b       main
        nop

        .org    0x180
        # Floating Point exceptions: log Cause and FCSR, resume at $k1.
        .set    noat
handler:
        mfc0    $k0, $13
        sw      $k0, 0($s7)             # fp_cause
        cfc1    $k0, $31
        sw      $k0, 4($s7)             # fp_fcsr
        mtc0    $k1, $14
        eret
        .set    at

main:
        la      $s0, results
        la      $s7, fp_cause
        li      $t0, 0x20000000         # CU1, FR=0
        mtc0    $t0, $12
        ehb
        ctc1    $zero, $31
        li      $t0, 0x00000001         # the smallest denormal single
        mtc1    $t0, $f0
        li      $t0, 0x3F800000         # 1.0
        mtc1    $t0, $f1
        li      $t0, 0x00800000         # the smallest normal single
        mtc1    $t0, $f3
        li      $t0, 0x3F000000         # 0.5
        mtc1    $t0, $f4
        li      $t0, 0xBF800000         # -1.0
        mtc1    $t0, $f5
        li      $t6, 0x12345678         # what fd holds when the operation traps
        # FS = 0, a denormal operand: Unimplemented Operation.
        mtc1    $t6, $f2
        la      $k1, 1f
        add.s   $f2, $f0, $f1
1:      swc1    $f2, 0($s0)             # 0: 0x12345678
        lw      $t1, fp_cause
        sw      $t1, 4($s0)             # 1: Cause.ExcCode 15 (FPE)
        lw      $t1, fp_fcsr
        sw      $t1, 8($s0)             # 2: cause E (bit 17)
        ctc1    $zero, $31
        # FS = 0, a tiny result (2^-126 * 0.5 = 2^-127, a denormal): Unimplemented Operation.
        mtc1    $t6, $f2
        sw      $zero, fp_fcsr
        la      $k1, 2f
        mul.s   $f2, $f3, $f4
2:      swc1    $f2, 12($s0)            # 3: 0x12345678
        lw      $t1, fp_fcsr
        sw      $t1, 16($s0)            # 4: cause E
        # FS = 1: the denormal reads as zero, 0 + 1.0 is exact.
        li      $t0, 0x01000000
        ctc1    $t0, $31
        add.s   $f2, $f0, $f1
        swc1    $f2, 20($s0)            # 5: 0x3F800000
        cfc1    $t1, $31
        sw      $t1, 24($s0)            # 6: FS alone: no cause, no flag
        mul.s   $f2, $f3, $f4
        swc1    $f2, 28($s0)            # 7: +0
        cfc1    $t1, $31
        sw      $t1, 32($s0)            # 8: FS, cause and flag Underflow and Inexact
        mul.s   $f2, $f0, $f5
        swc1    $f2, 36($s0)            # 9: 0 * -1.0 = -0: 0x80000000
        cvt.d.s $f6, $f0
        swc1    $f7, 40($s0)            # 10: high word of +0.0
        swc1    $f6, 44($s0)            # 11: low word
        # FS = 0: CVT.D.S of a denormal single traps too.
        ctc1    $zero, $31
        mtc1    $t6, $f6
        sw      $zero, fp_fcsr
        la      $k1, 3f
        cvt.d.s $f6, $f0
3:      swc1    $f6, 48($s0)            # 12: 0x12345678
        lw      $t1, fp_fcsr
        sw      $t1, 52($s0)            # 13: cause E
        ctc1    $zero, $31
        # Normal operands and result: no exception.
        add.s   $f2, $f1, $f4
        swc1    $f2, 56($s0)            # 14: 1.5 = 0x3FC00000
done:   b       done
        nop

        .align  4
fp_cause: .word 0
fp_fcsr:  .word 0
results:  .space 64
