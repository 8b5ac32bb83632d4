@ Exception-model test program. Every configurable exception and interrupt goes to
@ log_handler, which appends its exception number to the log, runs the optional action the
@ test installed for that exception, and appends number+100 before returning. HardFault
@ stops at a BKPT with CFSR in r0, HFSR in r1 and the frame address in r2.
@ RAM layout (the test initialises it through debug writes):
@   0x20000000 log_ptr   next free log slot
@   0x20000100 log       words
@   0x20000400 actions   one word per exception number: a Thumb function address or 0
  .syntax unified
  .cpu cortex-m0            @ ARMv6-M keeps every instruction 16-bit (no MOV.W for ldr =)
  .thumb
  .text
vectors:
  .word 0x20008000          @ initial MSP
  .word reset + 1
  .word log_handler + 1     @ NMI
  .word hardfault + 1
  .word log_handler + 1     @ MemManage
  .word log_handler + 1     @ BusFault
  .word log_handler + 1     @ UsageFault
  .word 0, 0, 0, 0
  .word log_handler + 1     @ SVCall
  .word 0, 0
  .word log_handler + 1     @ PendSV
  .word log_handler + 1     @ SysTick
  .rept 8
  .word log_handler + 1     @ IRQ0..7
  .endr

reset:
  bkpt #0

  .align 2
log_handler:
  push {r4, lr}
  ldr r0, =0xE000ED04       @ ICSR
  ldr r4, [r0]
  lsls r4, r4, #23
  lsrs r4, r4, #23          @ VECTACTIVE: the exception number
  mov r0, r4
  ldr r1, =0x20000000
  ldr r2, [r1]
  str r0, [r2]
  adds r2, #4
  str r2, [r1]
  ldr r3, =0x20000400
  lsls r0, r4, #2
  ldr r3, [r3, r0]
  cmp r3, #0
  beq 1f
  blx r3
1:
  movs r0, #100
  adds r0, r4
  ldr r1, =0x20000000
  ldr r2, [r1]
  str r0, [r2]
  adds r2, #4
  str r2, [r1]
log_return:
  pop {r4, pc}

hardfault:
  ldr r0, =0xE000ED28       @ CFSR
  ldr r0, [r0]
  ldr r1, =0xE000ED2C       @ HFSR
  ldr r1, [r1]
  mov r2, sp
  bkpt #3
  .ltorg

@ ---- actions (called from log_handler; r0-r3 free) ----
action_bkpt:                @ stop inside the handler so the test can look at the frame
  bkpt #2
  bx lr
action_pend_irq1:           @ NVIC ISPR0 bit 1
  ldr r0, =0xE000E200
  movs r1, #2
  str r1, [r0]
  bx lr
action_pend_pendsv:         @ ICSR.PENDSVSET
  ldr r0, =0xE000ED04
  movs r1, #1
  lsls r1, r1, #28
  str r1, [r0]
  bx lr
action_udf:
  udf #1
  bx lr
action_skip_faulting:       @ step the stacked PC over the 16-bit faulting instruction
  ldr r0, [sp, #32]         @ frame is above log_handler's push {r4, lr}
  adds r0, #2
  str r0, [sp, #32]
  bx lr
  .ltorg

@ ---- Thread-mode snippets: the test sets registers and the PC, and runs to the BKPT ----
t_svc:
  svc #7
t_svc_done:
  bkpt #0
t_udf:
  udf #0
t_udf_done:
  bkpt #0
t_store:                    @ [r1] = r0
  str r0, [r1]
  bkpt #0
t_store_byte:
  strb r0, [r1]
  bkpt #0
t_load:                     @ r0 = [r1]
  ldr r0, [r1]
t_load_done:
  bkpt #0
t_wfi:
  wfi
t_wfi_done:
  movs r5, #1
  bkpt #0
t_wfe:
  wfe
  movs r5, #2
  bkpt #0
t_primask:                  @ r1 = ISPR0, r0 = lines to pend
  cpsid i
  str r0, [r1]              @ pended, but masked
  movs r6, #0xAA
  ldr r3, =0x20000000
  ldr r2, [r3]
  str r6, [r2]              @ log 0xAA before the interrupt
  adds r2, #4
  str r2, [r3]
  cpsie i                   @ taken right after this instruction
  movs r6, #0xBB
  ldr r2, [r3]
  str r6, [r2]
  adds r2, #4
  str r2, [r3]
  bkpt #0
  .ltorg
  .cpu cortex-m3            @ for IT; every instruction below is still 16-bit
t_it_irq:                   @ r0 = 1, r1 = ISPR0: IRQ0 arrives in the middle of an IT block
  cmp r0, r0
  itete eq
  streq r0, [r1]            @ pends IRQ0, taken after this instruction
  movne r2, #1              @ skipped
  moveq r3, #1              @ runs (the IT state was stacked and restored)
  movne r4, #1              @ skipped
  bkpt #0
  .cpu cortex-m0
t_bx_r0:                    @ returns through EXC_RETURN or any address in r0
  bx r0
  .align 2
t_nops:
  .rept 600
  nop
  .endr
  bkpt #0
  .ltorg
