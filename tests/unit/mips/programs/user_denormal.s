# Denormals in Linux user mode (fpu_test.cpp): with FCSR.FS = 0 the kernel's FPU emulator
# completes what the 24Kf leaves unimplemented, so the results are IEEE 754's, as the host
# computes them. Without an FPU (4Kc, R3000) the emulator runs every CP1 instruction, with
# the same results. MIPS I-safe: a nop after each CP1-to-GPR move (the R3000's delay).
        .set    noreorder
        .set    hardfloat
        .text
        .globl  _start
_start:
        la      $s0, results
        ctc1    $zero, $31
        li      $t0, 0x00000001         # the smallest denormal single
        mtc1    $t0, $f0
        li      $t0, 0x3F800000         # 1.0
        mtc1    $t0, $f1
        li      $t0, 0x00800000         # the smallest normal single
        mtc1    $t0, $f3
        li      $t0, 0x3F000000         # 0.5
        mtc1    $t0, $f4
        add.s   $f2, $f0, $f1
        swc1    $f2, 0($s0)             # 0: 1.0 + 2^-149, rounded: 1.0
        cfc1    $t1, $31
        nop
        sw      $t1, 4($s0)             # 1: Inexact cause and flag
        ctc1    $zero, $31
        mul.s   $f2, $f3, $f4
        swc1    $f2, 8($s0)             # 2: 2^-127 exactly, a denormal: 0x00400000
        cfc1    $t1, $31
        nop
        sw      $t1, 12($s0)            # 3: exact: nothing
        # Doubles (FR=0 pairs): the smallest denormal double times 3.
        li      $t0, 1
        mtc1    $t0, $f6
        mtc1    $zero, $f7
        li      $t0, 3
        mtc1    $t0, $f8
        cvt.d.w $f8, $f8
        mul.d   $f10, $f6, $f8
        swc1    $f11, 16($s0)           # 4: high word 0
        swc1    $f10, 20($s0)           # 5: low word 3
        # CVT.D.S of the denormal single, CVT.S.D of a double below the float range.
        cvt.d.s $f12, $f0
        swc1    $f13, 24($s0)           # 6, 7: 2^-149 as a double
        swc1    $f12, 28($s0)
        li      $t0, 0x37A16C26         # high word of 1e-40 (0x37A16C262777579C)
        mtc1    $t0, $f15
        li      $t0, 0x2777579C
        mtc1    $t0, $f14
        cvt.s.d $f16, $f14
        swc1    $f16, 32($s0)           # 8: 1e-40 as a (denormal) single
        cfc1    $t1, $31
        nop
        sw      $t1, 36($s0)            # 9: Underflow and Inexact
done:   b       done
        nop

        .align  4
results:  .space 64
