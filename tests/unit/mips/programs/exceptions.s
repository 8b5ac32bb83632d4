# Exceptions and interrupts on a MIPS32 core: each faulting instruction is preceded by the
# address to resume at in $k1; the handler at 0x80000180 logs Cause, EPC and BadVAddr and
# returns there. Checked by exceptions_test.cpp.
        .set    noreorder
        .text
        .globl  _start
_start:
        b       main
        nop

        .org    0x180
        .set    noat
handler:
        la      $k0, log_count
        lw      $at, 0($k0)
        sll     $at, $at, 4
        addu    $at, $at, $k0
        mfc0    $k0, $13                # Cause
        sw      $k0, 4($at)
        mfc0    $k0, $14                # EPC
        sw      $k0, 8($at)
        mfc0    $k0, $8                 # BadVAddr
        sw      $k0, 12($at)
        la      $k0, log_count
        lw      $at, 0($k0)
        addiu   $at, $at, 1
        sw      $at, 0($k0)
        mfc0    $k0, $13
        andi    $k0, $k0, 0x7C
        bnez    $k0, not_interrupt
        nop
        # An interrupt: acknowledge the timer (a write to Compare) and mask the lines.
        mtc0    $zero, $11
        mfc0    $k0, $12
        li      $at, ~0xFF00
        and     $k0, $k0, $at
        mtc0    $k0, $12
        eret
not_interrupt:
        mtc0    $k1, $14
        eret
        .set    at

main:
        la      $s1, log_count
        # Leave the boot state: BEV and ERL clear, kernel mode, vectors at EBase = 0x80000000.
        mtc0    $zero, $12
        la      $k1, 1f
syscall_insn:
        syscall
1:      la      $k1, 1f
break_insn:
        break   7
1:      la      $k1, 1f
        li      $t0, 0x80000101
load_insn:
        lw      $t1, 0($t0)             # AdEL, BadVAddr 0x80000101
1:      la      $k1, 1f
store_insn:
        sh      $t1, 0($t0)             # AdES
1:      la      $k1, 1f
        li      $t2, 0x7FFFFFFF
        li      $t3, 77
overflow_insn:
        add     $t3, $t2, $t2           # Overflow, $t3 unchanged
1:      la      $t4, overflow_result
        sw      $t3, 0($t4)
        la      $k1, 1f
trap_insn:
        teq     $zero, $zero
1:      la      $k1, 1f
reserved_insn:
        .word   0xFC000000              # opcode 0x3F: Reserved Instruction
1:      la      $k1, 1f
fpu_insn:
        mfc1    $t0, $f0                # Coprocessor Unusable 1 (CU1 clear)
1:      la      $k1, 2f
delay_branch:
        beq     $zero, $zero, 2f
        lw      $t1, 0($t0)             # AdEL in the delay slot: EPC = the branch, BD set
        nop
2:
        # Count/Compare: an interrupt on IP7 once Count reaches Compare.
        mfc0    $t0, $9
        addiu   $t0, $t0, 50
        mtc0    $t0, $11
        li      $t0, 0x8001             # IM7 | IE
        mtc0    $t0, $12
timer_wait:
        lw      $t1, 0($s1)
        slti    $t1, $t1, 10
        bnez    $t1, timer_wait
        nop
        # A hardware line: the test raises line 0 (IP2) once it sees `irq_ready` running.
        li      $t0, 0x0401             # IM2 | IE
        mtc0    $t0, $12
irq_ready:
        lw      $t1, 0($s1)
        slti    $t1, $t1, 11
        bnez    $t1, irq_ready
        nop
        # The TLB registers: write entry 3, read it back, probe a hit and a miss.
        li      $t0, 3
        mtc0    $t0, $0
        li      $t0, 0x00012000 | 0x42  # VPN2 of 0x00012000, ASID 0x42
        mtc0    $t0, $10
        li      $t0, 0x00000ABC
        mtc0    $t0, $2
        li      $t0, 0x00000DEF
        mtc0    $t0, $3
        mtc0    $zero, $5
        tlbwi
        mtc0    $zero, $10
        mtc0    $zero, $2
        tlbr
        mfc0    $t0, $10
        la      $t4, tlb_entry_hi
        sw      $t0, 0($t4)
        mfc0    $t0, $2
        la      $t4, tlb_entry_lo0
        sw      $t0, 0($t4)
        li      $t0, 0x00012000 | 0x42
        mtc0    $t0, $10
        tlbp
        mfc0    $t0, $0
        la      $t4, tlb_probe_hit
        sw      $t0, 0($t4)
        li      $t0, 0x00056000 | 0x42
        mtc0    $t0, $10
        tlbp
        mfc0    $t0, $0
        la      $t4, tlb_probe_miss
        sw      $t0, 0($t4)
done:   b       done
        nop

        .align  4
overflow_result: .word 0
tlb_entry_hi:    .word 0
tlb_entry_lo0:   .word 0
tlb_probe_hit:   .word 0
tlb_probe_miss:  .word 0
        .align  4
log_count:       .word 0, 0, 0, 0
log:             .space 16 * 16
