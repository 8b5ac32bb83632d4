# The 24Kf FPU: results the MIPS32 ISA manual and IEEE 754 define, FCSR rounding, cause and
# flag bits, an enabled exception, Unimplemented Operation, and FR=0 register pairs versus
# FR=1 64-bit registers. Checked by fpu_test.cpp; every result goes to `results` in order.
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
        li      $t0, 0x3FC00000         # 1.5
        mtc1    $t0, $f0
        li      $t0, 0x40100000         # 2.25
        mtc1    $t0, $f1
        add.s   $f2, $f0, $f1           # 0: 3.75 = 0x40700000, exact
        swc1    $f2, 0($s0)
        cfc1    $t1, $31                # 1: FCSR: no cause, no flag
        sw      $t1, 4($s0)
        # 1/3 in double, round to nearest and toward +infinity.
        li      $t0, 1
        mtc1    $t0, $f4
        cvt.d.w $f4, $f4
        li      $t0, 3
        mtc1    $t0, $f6
        cvt.d.w $f6, $f6
        div.d   $f8, $f4, $f6           # 2, 3: 0x3FD55555_55555555 (high word first)
        swc1    $f9, 8($s0)
        swc1    $f8, 12($s0)
        cfc1    $t1, $31                # 4: inexact cause (bit 12) and flag (bit 2)
        sw      $t1, 16($s0)
        li      $t0, 2                  # RM = 2: toward +infinity
        ctc1    $t0, $31
        div.d   $f8, $f4, $f6           # 5, 6: 0x3FD55555_55555556 (high word first)
        swc1    $f9, 20($s0)
        swc1    $f8, 24($s0)
        ctc1    $zero, $31
        # The FR=0 pair: $f9 holds the high word of the double in $f8.
        mfc1    $t1, $f9                # 7: 0x3FD55555
        sw      $t1, 28($s0)
        # sqrt(-1): Invalid, the default NaN.
        li      $t0, 0xBF800000
        mtc1    $t0, $f0
        sqrt.s  $f2, $f0                # 8: 0x7FBFFFFF
        swc1    $f2, 32($s0)
        cfc1    $t1, $31                # 9: invalid cause (bit 16) and flag (bit 6)
        sw      $t1, 36($s0)
        ctc1    $zero, $31
        # Compare and branch on the condition code.
        li      $t2, 0
        c.lt.d  $f6, $f4                # 3 < 1: false
        bc1t    1f
        nop
        ori     $t2, $t2, 1
1:      c.lt.d  $f4, $f6                # 1 < 3: true
        bc1f    2f
        nop
        ori     $t2, $t2, 2
2:      sw      $t2, 40($s0)            # 10: 3
        # Conversions to integers.
        li      $t0, 0x40200000         # 2.5
        mtc1    $t0, $f0
        cvt.w.s $f2, $f0                # 11: 2 (nearest even)
        swc1    $f2, 44($s0)
        li      $t0, 0xC02CCCCD         # -2.7
        mtc1    $t0, $f0
        trunc.w.s $f2, $f0              # 12: -2
        swc1    $f2, 48($s0)
        li      $t0, 0x4F32D05E         # 3e9: out of range
        mtc1    $t0, $f0
        cvt.w.s $f2, $f0                # 13: 0x7FFFFFFF, Invalid
        swc1    $f2, 52($s0)
        ctc1    $zero, $31
        # Divide by zero with its enable set (FCSR bit 10): the exception, fd unchanged.
        li      $t0, 0x12345678
        mtc1    $t0, $f2
        li      $t0, 0x3F800000
        mtc1    $t0, $f0
        mtc1    $zero, $f1
        li      $t0, 0x400
        ctc1    $t0, $31
        la      $k1, 3f
div_insn:
        div.s   $f2, $f0, $f1
3:      swc1    $f2, 56($s0)            # 14: 0x12345678
        lw      $t1, fp_cause
        sw      $t1, 60($s0)            # 15: Cause with ExcCode 15 (FPE)
        lw      $t1, fp_fcsr
        sw      $t1, 64($s0)            # 16: FCSR: enable bit 10, cause bit 15 (div0)
        ctc1    $zero, $31
        # A paired-single operation: the 24Kf has none (FIR.PS = 0): Unimplemented Operation.
        la      $k1, 4f
        add.ps  $f2, $f0, $f0
4:      lw      $t1, fp_fcsr
        sw      $t1, 68($s0)            # 17: cause E (bit 17)
        ctc1    $zero, $31
        # FR=1: 32 64-bit registers; an odd register holds a whole double.
        .set    fp=64
        li      $t0, 0x24000000         # CU1, FR
        mtc0    $t0, $12
        ehb
        li      $t0, 0x11111111
        mtc1    $t0, $f1
        li      $t0, 0x22222222
        mthc1   $t0, $f1
        sdc1    $f1, 72($s0)            # 18, 19: 0x22222222_11111111 as a double
        mfhc1   $t1, $f1
        sw      $t1, 80($s0)            # 20: 0x22222222
        # MADD.D: 2 * 3 + 1 = 7.
        li      $t0, 2
        mtc1    $t0, $f2
        cvt.d.w $f2, $f2
        li      $t0, 3
        mtc1    $t0, $f3
        cvt.d.w $f3, $f3
        li      $t0, 1
        mtc1    $t0, $f5
        cvt.d.w $f5, $f5
        madd.d  $f7, $f5, $f2, $f3
        cvt.w.d $f7, $f7
        swc1    $f7, 84($s0)            # 21: 7
done:   b       done
        nop

        .align  4
fp_cause: .word 0
fp_fcsr:  .word 0
results:  .space 128
