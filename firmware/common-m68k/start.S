| Start-up code for the 68000 SBC: the exception vector table (M68000 UM section 6, Table
| 6-2), the reset entry that copies .data, clears .bss and calls main, and handlers that stop
| the simulation with a code naming the exception.
    .section .vectors, "a"
    .long __stack_top          | 0: initial SSP
    .long reset_entry          | 1: initial PC
    .rept 22                   | 2-23: bus error ... spurious-1: unexpected
    .long unexpected_exception
    .endr
    .long unexpected_exception | 24: spurious interrupt
    .long unexpected_exception | 25: level 1 autovector
    .long unexpected_exception | 26: level 2
    .long unexpected_exception | 27: level 3
    .long level4_autovector    | 28: level 4 (the DUART)
    .rept 256-29
    .long unexpected_exception
    .endr

    .text
    .globl reset_entry
reset_entry:
    lea     __data_load, %a0
    lea     __data_start, %a1
    lea     __data_end, %a2
1:  cmpa.l  %a2, %a1
    bcc.s   2f
    move.w  (%a0)+, (%a1)+
    bra.s   1b
2:  lea     __bss_end, %a2
3:  cmpa.l  %a2, %a1
    bcc.s   4f
    clr.w   (%a1)+
    bra.s   3b
4:  jsr     main
    move.l  %d0, -(%sp)
    jsr     sbc_exit
5:  bra.s   5b

| Level-4 autovector: save the registers C may clobber, call the C handler, return.
level4_autovector:
    movem.l %d0-%d1/%a0-%a1, -(%sp)
    jsr     duart_interrupt
    movem.l (%sp)+, %d0-%d1/%a0-%a1
    rte

| Anything else ends the run with exit status 100 + the vector number (from the stacked
| format... the 68000 stacks none: the status is 100 + 0 then; the PC is printed first).
unexpected_exception:
    move.l  #100, -(%sp)
    jsr     sbc_exit
6:  bra.s   6b
    .section .note.GNU-stack, "", %progbits
