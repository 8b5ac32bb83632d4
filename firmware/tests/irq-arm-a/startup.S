@ Start-up for the A-profile bare-metal test board (platforms/boards/anvil-a15.lua): the
@ exception vectors at address 0 (ARMv7-A ARM B1.8.1), a stack per mode, then main() in SVC
@ mode with IRQs enabled. The IRQ handler saves what the AAPCS lets C clobber and returns with
@ SUBS pc, lr, #4 (B1.8.? "Exception return", the IRQ return offset).
  .syntax unified
  .arm
  .section .vectors, "ax"
  .global _start
_start:
  ldr pc, =reset
  ldr pc, =hang          @ undefined instruction
  ldr pc, =hang          @ SVC
  ldr pc, =hang          @ prefetch abort
  ldr pc, =hang          @ data abort
  nop
  ldr pc, =irq_entry
  ldr pc, =hang          @ FIQ
  .ltorg

  .text
reset:
  cps #0x12              @ IRQ mode: its own stack
  ldr sp, =__irq_stack
  cps #0x13              @ back to SVC mode
  ldr sp, =__svc_stack
  ldr r0, =__bss_start
  ldr r1, =__bss_end
  mov r2, #0
1:cmp r0, r1
  strlo r2, [r0], #4
  blo 1b
  bl main
hang:
  b hang

irq_entry:
  sub lr, lr, #4
  push {r0-r3, r12, lr}
  bl irq_handler
  ldm sp!, {r0-r3, r12, pc}^   @ return, restoring the CPSR from SPSR_irq (B9.3.5)
