# MIPS32 Release 2 instructions whose results the MIPS32 ISA manual (MD00086) states; each
# result is stored to `results` in order and checked by instructions_test.cpp.
        .set    noreorder
        .text
        .globl  _start
_start:
        la      $s0, results
        li      $t1, 0x00F00000
        clz     $t2, $t1                # 0: CLZ = 8
        sw      $t2, 0($s0)
        li      $t1, 0xFF000000
        clo     $t2, $t1                # 1: CLO = 8
        sw      $t2, 4($s0)
        li      $t1, 0x12345678
        wsbh    $t2, $t1                # 2: 0x34127856
        sw      $t2, 8($s0)
        li      $t3, 0x1280
        seb     $t2, $t3                # 3: 0xFFFFFF80
        sw      $t2, 12($s0)
        li      $t3, 0x18000
        seh     $t2, $t3                # 4: 0xFFFF8000
        sw      $t2, 16($s0)
        ext     $t2, $t1, 4, 8          # 5: 0x67
        sw      $t2, 20($s0)
        li      $t2, -1
        ins     $t2, $t1, 8, 12         # 6: 0xFFF678FF
        sw      $t2, 24($s0)
        rotr    $t2, $t1, 8             # 7: 0x78123456
        sw      $t2, 28($s0)
        li      $t3, 36
        rotrv   $t2, $t1, $t3           # 8: rotate by 36 & 31 = 4: 0x81234567
        sw      $t2, 32($s0)
        li      $t3, 0x10000
        li      $t4, 0x10001
        mul     $t2, $t3, $t4           # 9: low word of 0x100010000 = 0x00010000
        sw      $t2, 36($s0)
        li      $t3, -3
        li      $t4, 5
        mult    $t3, $t4                # 10, 11: HI = 0xFFFFFFFF, LO = 0xFFFFFFF1
        mfhi    $t2
        sw      $t2, 40($s0)
        mflo    $t2
        sw      $t2, 44($s0)
        li      $t3, 2
        li      $t4, 3
        madd    $t3, $t4                # 12: LO = -15 + 6 = 0xFFFFFFF7
        mflo    $t2
        sw      $t2, 48($s0)
        li      $t3, 0xFFFFFFFF
        li      $t4, 2
        mthi    $zero
        mtlo    $zero
        maddu   $t3, $t4                # 13, 14: HI:LO = 0x1_FFFFFFFE
        mfhi    $t2
        sw      $t2, 52($s0)
        mflo    $t2
        sw      $t2, 56($s0)
        msubu   $t3, $t4                # 15: back to LO = 0
        mflo    $t2
        sw      $t2, 60($s0)
        li      $t3, 7
        li      $t4, -2
        div     $zero, $t3, $t4         # 16, 17: LO = -3, HI = 1 (remainder has the dividend's sign)
        mflo    $t2
        sw      $t2, 64($s0)
        mfhi    $t2
        sw      $t2, 68($s0)
        li      $t2, 11
        li      $t3, 22
        movz    $t2, $t3, $zero         # 18: moved, 22
        sw      $t2, 72($s0)
        movn    $t2, $zero, $zero       # 19: not moved, 22
        sw      $t2, 76($s0)
        li      $t3, -1
        sltiu   $t2, $t3, -2            # 20: 0xFFFFFFFF < 0xFFFFFFFE unsigned: 0
        sw      $t2, 80($s0)
        slti    $t2, $t3, 0             # 21: -1 < 0: 1
        sw      $t2, 84($s0)
        # Branch likely not taken annuls its delay slot; taken runs it.
        li      $t2, 0
        beql    $zero, $t3, 1f
        addiu   $t2, $t2, 1             # annulled
1:      sw      $t2, 88($s0)            # 22: 0
        li      $t2, 0
        beql    $zero, $zero, 2f
        addiu   $t2, $t2, 1             # executed
        addiu   $t2, $t2, 100           # skipped
2:      sw      $t2, 92($s0)            # 23: 1
        # BGEZAL links the address after the delay slot even when not taken.
        li      $t3, -1
link_branch:
        bgezal  $t3, 3f
        nop
3:      sw      $ra, 96($s0)            # 24: link_branch + 8
        # Unaligned word load and store through LWL/LWR and SWL/SWR.
        la      $t3, bytes
        ulw     $t2, 1($t3)             # 25: BE 0x02030405, LE 0x05040302
        sw      $t2, 100($s0)
        li      $t2, 0xA1B2C3D4
        usw     $t2, 9($t3)
        lw      $t2, 8($t3)             # 26: BE 0x09A1B2C3, LE 0xB2C3D409
        sw      $t2, 104($s0)
        lw      $t2, 12($t3)            # 27: BE 0xD40E0F10, LE 0x100F0EA1
        sw      $t2, 108($s0)
        # LL/SC: a store-conditional after LL succeeds, a second one fails.
        la      $t3, word
        ll      $t2, 0($t3)
        addiu   $t2, $t2, 1
        sc      $t2, 0($t3)             # 28: 1
        sw      $t2, 112($s0)
        li      $t2, 5
        sc      $t2, 0($t3)             # 29: 0
        sw      $t2, 116($s0)
        lw      $t2, 0($t3)             # 30: 0x12345679
        sw      $t2, 120($s0)
        lh      $t2, 2($t3)             # 31: BE 0x5679, LE 0x1234
        sw      $t2, 124($s0)
        lb      $t2, bytes + 15         # 32: 0x10 (bytes[15])
        sw      $t2, 128($s0)
        li      $t2, 0x8000
        lh      $zero, 0($t3)           # writes to $zero are discarded
        sw      $zero, 132($s0)         # 33: 0
done:   b       done
        nop

        .align  4
bytes:  .byte   1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
word:   .word   0x12345678
results:
        .space  256
