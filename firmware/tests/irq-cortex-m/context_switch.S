/* Context switching for the two-task scheduler (scheduler.c). Every thread context runs in
 * Thread mode on the process stack (PSP); handlers run on the main stack (MSP).
 * ARMv7-M ARM B1.5.6-B1.5.8: exception entry has already pushed r0-r3, r12, lr, pc, xpsr on
 * the PSP; PendSV saves the rest (r4-r11) there too, then resumes another context. */
  .syntax unified
  .thumb
  .text

  /* PendSV has the lowest priority, so it never preempts another handler: it only runs when
   * the interrupted code is a thread, and EXC_RETURN in lr stays 0xFFFFFFFD for all of them. */
  .global PendSV_Handler
  .type PendSV_Handler, %function
PendSV_Handler:
  mrs r0, psp
  stmdb r0!, {r4-r11}
  push {r3, lr}              /* r3 keeps the main stack 8-byte aligned for the C call */
  bl scheduler_switch        /* r0: saved stack pointer in, next one out */
  pop {r3, lr}
  ldmia r0!, {r4-r11}
  msr psp, r0
  bx lr
  .size PendSV_Handler, . - PendSV_Handler

  /* void run_on_process_stack(void (*function)(void), uint32_t* stack_top):
   * calls `function` in Thread mode on the process stack, then returns on the main stack. */
  .global run_on_process_stack
  .type run_on_process_stack, %function
run_on_process_stack:
  push {r4, lr}
  msr psp, r1
  movs r2, #2                /* CONTROL.SPSEL = 1: Thread mode uses the PSP (B1.4.4) */
  msr control, r2
  isb
  blx r0
  movs r2, #0
  msr control, r2
  isb
  pop {r4, pc}
  .size run_on_process_stack, . - run_on_process_stack
