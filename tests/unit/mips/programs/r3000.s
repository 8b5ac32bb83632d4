# MIPS I on the R3000: the load-delay slot (the next instruction sees the old value), the
# exception entry at 0x80000080 with the KU/IE stack pushed and RFE popping it, and the TLB
# registers in the R3000 layout (Index and Random in bits 13:8, EntryLo with N/D/V/G in
# 11:8). IDT R30xx manual ch. 2, 3 and 6. Results in `results`, checked by r3000_test.cpp.
        .set    noreorder
        .set    mips1
        .text
        .globl  _start
_start:
        b       main
        nop

        .org    0x80
        .set    noat
handler:
        mfc0    $k0, $12                # Status as the exception left it
        nop                             # (MFC0 has a load delay too)
        sw      $k0, 0($s7)
        mfc0    $k0, $13
        nop
        sw      $k0, 4($s7)
        mfc0    $k0, $14
        nop
        sw      $k0, 8($s7)
        addiu   $k0, $k0, 4
        jr      $k0
        rfe                             # in the delay slot, as R3000 handlers return
        .set    at

main:
        la      $s0, results
        la      $s7, handler_log
        la      $t2, value
        li      $t0, 1
        lw      $t0, 0($t2)             # value = 0x55
        addu    $t1, $t0, $zero         # load-delay slot: still the old 1
        addu    $t3, $t0, $zero         # now 0x55
        sw      $t1, 0($s0)             # 0: 1
        sw      $t3, 4($s0)             # 1: 0x55
        li      $t0, 0x00000001         # IEc set, kernel, BEV clear
        mtc0    $t0, $12
        nop
syscall_insn:
        syscall
        mfc0    $t0, $12
        nop
        sw      $t0, 8($s0)             # 2: Status after RFE: 0x01 again
        # TLB entry 5: VPN 0x00400, ASID 3, PFN 0x00001, valid.
        li      $t0, 5 << 8
        mtc0    $t0, $0
        li      $t0, 0x00400000 | (3 << 6)
        mtc0    $t0, $10
        li      $t0, 0x00001000 | 0x200
        mtc0    $t0, $2
        nop
        tlbwi
        mtc0    $zero, $10
        mtc0    $zero, $2
        tlbr
        mfc0    $t0, $10
        nop
        sw      $t0, 12($s0)            # 3: 0x004000C0
        mfc0    $t0, $2
        nop
        sw      $t0, 16($s0)            # 4: 0x00001200
        li      $t0, 0x00400000 | (3 << 6)
        mtc0    $t0, $10
        mtc0    $zero, $0
        nop
        tlbp
        mfc0    $t0, $0
        nop
        sw      $t0, 20($s0)            # 5: 0x00000500
        li      $t0, 0x00400000 | (4 << 6)  # another ASID, not global: a miss
        mtc0    $t0, $10
        nop
        tlbp
        mfc0    $t0, $0
        nop
        sw      $t0, 24($s0)            # 6: P (bit 31) set
        mfc0    $t0, $1                 # Random: 8..63 in bits 13:8
        nop
        sw      $t0, 28($s0)            # 7
done:   b       done
        nop

        .align  4
value:       .word 0x55
handler_log: .word 0, 0, 0
results:     .space 64
