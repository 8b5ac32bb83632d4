/* Reset and exception entry for bare-metal MIPS32 on malta-mini. The core starts at
 * 0xBFC00000 with Status.BEV and ERL set (MIPS32 PRA 6.1.1); with BEV set, exceptions and
 * interrupts (Cause.IV clear) enter at 0xBFC00380. */
        .set    noreorder
        .section .text.boot, "ax"
        .globl  _start
_start:
        li      $t0, 0x00400000         /* BEV only: leave ERL, interrupts off */
        mtc0    $t0, $12
        ehb
        la      $sp, __stack_top
        la      $t0, __bss_start
        la      $t1, __bss_end
1:      beq     $t0, $t1, 2f
        nop
        sw      $zero, 0($t0)
        b       1b
        addiu   $t0, $t0, 4
2:      jal     main
        nop
        move    $a0, $v0
        jal     exit_simulation
        nop
3:      b       3b
        nop

        .org    0x380
        .set    noat
        .globl  exception_vector
exception_vector:
        /* Save what a C function may clobber (o32), call exception_handler(cause, epc). */
        addiu   $sp, $sp, -96
        sw      $at, 16($sp)
        sw      $v0, 20($sp)
        sw      $v1, 24($sp)
        sw      $a0, 28($sp)
        sw      $a1, 32($sp)
        sw      $a2, 36($sp)
        sw      $a3, 40($sp)
        sw      $t0, 44($sp)
        sw      $t1, 48($sp)
        sw      $t2, 52($sp)
        sw      $t3, 56($sp)
        sw      $t4, 60($sp)
        sw      $t5, 64($sp)
        sw      $t6, 68($sp)
        sw      $t7, 72($sp)
        sw      $t8, 76($sp)
        sw      $t9, 80($sp)
        sw      $ra, 84($sp)
        mfhi    $k0
        sw      $k0, 88($sp)
        mflo    $k0
        sw      $k0, 92($sp)
        mfc0    $a0, $13
        mfc0    $a1, $14
        jal     exception_handler
        nop
        lw      $k0, 88($sp)
        mthi    $k0
        lw      $k0, 92($sp)
        mtlo    $k0
        lw      $at, 16($sp)
        lw      $v0, 20($sp)
        lw      $v1, 24($sp)
        lw      $a0, 28($sp)
        lw      $a1, 32($sp)
        lw      $a2, 36($sp)
        lw      $a3, 40($sp)
        lw      $t0, 44($sp)
        lw      $t1, 48($sp)
        lw      $t2, 52($sp)
        lw      $t3, 56($sp)
        lw      $t4, 60($sp)
        lw      $t5, 64($sp)
        lw      $t6, 68($sp)
        lw      $t7, 72($sp)
        lw      $t8, 76($sp)
        lw      $t9, 80($sp)
        lw      $ra, 84($sp)
        addiu   $sp, $sp, 96
        eret
        .set    at
