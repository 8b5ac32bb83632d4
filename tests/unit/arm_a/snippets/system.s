@ Instruction sequences for the A-profile unit tests (system_test.cpp, vfp_test.cpp), linked at
@ address 0. Each test starts at a label and runs to the label `<name>_end` or to
@ `handler_done`, where every exception handler ends after recording, in r10 the CPSR, in
@ r11 the LR and in r12 the SPSR of the mode it runs in (ARMv7-A ARM B1.8.3).
  .syntax unified
  .arch armv7-a
  .arch_extension idiv
  .arch_extension sec
  .fpu vfpv4
  .arm
  .text
vectors:
  b reset_handler
  b undefined_handler
  b svc_handler
  b prefetch_abort_handler
  b data_abort_handler
  nop
  b irq_handler
  b fiq_handler

reset_handler:
undefined_handler:
prefetch_abort_handler:
irq_handler:
fiq_handler:
  mrs r10, cpsr
  mov r11, lr
  mrs r12, spsr
  mov r9, r8         @ r8 as this mode sees it (FIQ has its own)
  .global handler_done
handler_done:
  b handler_done

data_abort_handler:
  mrc p15, 0, r8, c5, c0, 0   @ DFSR
  mrc p15, 0, r9, c6, c0, 0   @ DFAR
  mrs r10, cpsr
  mov r11, lr
  mrs r12, spsr
  b handler_done

@ SVC: records; with r0 = 0x55 returns at once with MOVS pc, lr (B9.3.20); with r0 = 0x66
@ saves LR and SPSR with SRS and returns with RFE (B9.3.16, B9.3.13).
svc_handler:
  cmp r0, #0x55
  movseq pc, lr
  cmp r0, #0x66
  beq svc_srs
  mrs r10, cpsr
  mov r11, lr
  mrs r12, spsr
  b handler_done
svc_srs:
  srsdb sp!, #0x13
  mov r1, #0x99
  rfeia sp!

  .global svc_call, svc_call_after
svc_call:
  svc #5
svc_call_after:
  nop
  .global svc_call_end
svc_call_end:
  nop

  .global undefined_call, undefined_call_end
undefined_call:
  udf #1
undefined_call_end:

  .global load_abort, load_abort_end
load_abort:
  ldr r0, [r1]
load_abort_end:

  .global irq_wait, irq_wait_next
irq_wait:
  nop
irq_wait_next:
  nop
  nop

  .global user_registers, user_registers_end
@ In SVC mode, r0 -> 8 words: stores User SP/LR with STM ^ and loads them back with LDM ^.
user_registers:
  stmia r0, {sp, lr}^
  ldr r2, [r0]
  add r2, r2, #4
  str r2, [r0]
  ldmia r0, {sp, lr}^
user_registers_end:

  .global cps_modes, cps_modes_end
@ From SVC mode: SP of IRQ mode set through CPS, then back (B9.3.2).
cps_modes:
  cps #0x12
  mov sp, #0x1200
  cps #0x13
  mov r1, sp
cps_modes_end:

  .global read_ids, read_ids_end
read_ids:
  mrc p15, 0, r0, c0, c0, 0   @ MIDR
  mrc p15, 0, r1, c0, c0, 1   @ CTR
  mrc p15, 0, r2, c1, c0, 0   @ SCTLR
  mrc p15, 0, r3, c0, c2, 0   @ ID_ISAR0
read_ids_end:

  .global high_vectors, high_vectors_end
high_vectors:
  mrc p15, 0, r0, c1, c0, 0
  orr r0, r0, #0x2000          @ SCTLR.V
  mcr p15, 0, r0, c1, c0, 0
  svc #0
high_vectors_end:

@ Instructions of later architecture versions, for the UNDEFINED checks per variant.
  .global insn_clz, insn_blx, insn_ldrd, insn_sadd16, insn_ldrex, insn_movw, insn_sdiv, insn_ubfx
insn_clz: clz r0, r1
insn_blx: blx r3
insn_ldrd: ldrd r0, r1, [r2]
insn_sadd16: sadd16 r0, r1, r2
insn_ldrex: ldrex r0, [r2]
insn_movw: movw r0, #0x1234
insn_sdiv: sdiv r0, r1, r2
insn_ubfx: ubfx r0, r1, #4, #8
insn_end:
  nop

@ Results the ARM ARM states, checked instruction by instruction.
  .global flags_adds, flags_adds_end
flags_adds:
  adds r0, r1, r2         @ 0x7fffffff + 1: N V set
  mrs r3, apsr
  subs r4, r1, r1         @ Z C set
  mrs r5, apsr
  rsc r6, r1, #0          @ 0 - 0x7fffffff - NOT(C)
  movs r7, r1, lsl #1     @ C from bit 31
  mrs r8, apsr
flags_adds_end:

  .global shifts, shifts_end
shifts:
  mov r3, #33
  mov r0, r1, lsl r3       @ LSL by 33: 0
  mov r4, r1, ror #8
  mov r5, r1, asr #32      @ ASR #32 (imm5 = 0)
  mov r6, r1, rrx
  movs r7, r1, lsr r3      @ LSR by 33: 0, C = 0
  mrs r8, apsr
shifts_end:

  .global multiplies, multiplies_end
multiplies:
  umull r0, r3, r1, r2
  smull r4, r5, r1, r2
  mla r6, r1, r2, r1
  umaal r7, r8, r1, r2
multiplies_end:

  .global load_store, load_store_end
@ r0 -> scratch memory.
load_store:
  mov r1, #0x80
  strb r1, [r0, #1]!
  ldrsb r2, [r0], #3
  ldrh r3, [r0, #-4]
  mov r4, #0x11
  mov r5, #0x22
  strd r4, r5, [r0, #8]
  ldrd r6, r7, [r0, #8]
  ldr r8, [r0, #12]!
  push {r4, r5}
  pop {r9, r10}
load_store_end:

  .global exclusive, exclusive_end
exclusive:
  ldrex r1, [r0]
  add r1, r1, #1
  strex r2, r1, [r0]
  strex r3, r1, [r0]    @ monitor cleared: fails with 1
  ldrexd r4, r5, [r0]
  clrex
  strexd r6, r4, r5, [r0]
exclusive_end:

  .global interworking, interworking_end
interworking:
  adr r0, thumb_part + 1
  blx r0
  add r2, r2, #1
  b interworking_end
  .thumb
  .thumb_func
thumb_part:
  movs r2, #40
  it eq
  addeq r2, #100          @ Z is clear from MOVS #40: not executed
  bx lr
  .arm
interworking_end:

  .global vfp_enable, vfp_enable_end
vfp_enable:
  mrc p15, 0, r0, c1, c0, 2
  orr r0, r0, #0xf00000        @ CPACR: cp10, cp11 full access
  mcr p15, 0, r0, c1, c0, 2
  mov r0, #0x40000000          @ FPEXC.EN
  vmsr fpexc, r0
vfp_enable_end:

  .global vfp_add_single, vfp_add_single_end
vfp_add_single:
  vadd.f32 s2, s0, s1
vfp_add_single_end:

  .global vfp_mul_single, vfp_mul_single_end
vfp_mul_single:
  vmul.f32 s2, s0, s1
vfp_mul_single_end:

  .global vfp_fms_single, vfp_fms_single_end
vfp_fms_single:
  vfms.f32 s2, s0, s1
vfp_fms_single_end:

  .global vfp_ops, vfp_ops_end
@ s16 = 3.0, s17 = 0.5, s23 = 1.0, d0 = 2.0, d1 = 4.0, d6 = 1.0
vfp_ops:
  vmul.f32 s20, s16, s17
  vdiv.f64 d2, d0, d1
  vsqrt.f64 d3, d0
  vneg.f32 s21, s16
  vabs.f32 s22, s21
  vmla.f32 s23, s16, s17
  vnmul.f32 s24, s16, s17
  vfma.f64 d6, d0, d1
  vmov.f32 s25, #-1.5
  vmov.f64 d7, #0.125
vfp_ops_end:

  .global vfp_compare, vfp_compare_end
vfp_compare:
  vcmp.f32 s16, s17
  vmrs APSR_nzcv, fpscr
  mrs r0, apsr
  vcmpe.f32 s16, #0
  vmrs r1, fpscr
vfp_compare_end:

  .global vfp_convert, vfp_convert_end
vfp_convert:
  vcvt.s32.f32 s2, s0
  vcvtr.s32.f32 s3, s0
  vcvt.f64.f32 d2, s0
  vcvt.f32.f64 s6, d2
  vcvt.f32.u32 s7, s1
  vmov s8, s0
  vcvt.s32.f32 s8, s8, #16
  vmov r0, r1, d2
  vmov s9, r2
  vmov.32 d10[1], r3
vfp_convert_end:

  .global vfp_high_register, vfp_high_register_end
vfp_high_register:
  vmov.f64 d16, d0
vfp_high_register_end:

  .global vfp_memory, vfp_memory_end
@ r0 -> scratch memory
vfp_memory:
  vstr d0, [r0]
  vldr s30, [r0, #4]
  vpush {d0-d1}
  vpop {d2-d3}
  vstmia r0!, {s0-s3}
  vldmdb r0!, {s8-s11}
vfp_memory_end:

  .global tls_read, tls_read_end
tls_read:
  mrc p15, 0, r0, c13, c0, 3
tls_read_end:
  .global tls_write, tls_write_end
tls_write:
  mcr p15, 0, r0, c13, c0, 3
tls_write_end:
  .global user_svc, user_svc_end
user_svc:
  mov r7, #20
  svc #0
  add r1, r0, #1
user_svc_end:
  .global user_bkpt
user_bkpt:
  bkpt #7

@ The A-profile-only 32-bit Thumb encodings (t32_a_profile.cpp), from SVC mode.
  .global thumb_system, thumb_system_end
thumb_system:
  adr r0, thumb_system_code + 1
  bx r0
  .thumb
  .thumb_func
thumb_system_code:
  ldrexd r2, r4, [r6]
  strexd r5, r2, r4, [r6]
  mrs r7, spsr
  cpsid i
  cps #0x1f             @ System mode
  mov r8, sp
  cps #0x13
  .global thumb_system_end
thumb_system_end:
  nop
  .arm

@ Thumb to ARM with BLX <label> (A8.8.25 T2), and back with BX LR.
  .global thumb_blx, thumb_blx_end
thumb_blx:
  adr r0, thumb_blx_code + 1
  bx r0
  .thumb
  .thumb_func
thumb_blx_code:
  movs r1, #1
  blx arm_function
  adds r1, #4
  b.n thumb_blx_done
  .align 2
  .arm
arm_function:
  add r1, r1, #2
  bx lr
  .thumb
thumb_blx_done:
  .global thumb_blx_end
thumb_blx_end:
  nop
  .arm
  .align 2

@ 16-bit Thumb from later versions, for the UNDEFINED checks per variant.
  .global thumb16_new, thumb16_new_end
thumb16_new:
  adr r0, thumb16_code + 1
  bx r0
  .thumb
  .thumb_func
thumb16_code:
  .global thumb16_rev, thumb16_cbz
thumb16_rev:
  rev r1, r2
thumb16_cbz:
  cbz r3, 1f
  nop
  .global thumb16_new_end
thumb16_new_end:
1:
  nop
  .arm
  .align 2

  .global wfi_wait
wfi_wait:
  wfi
  nop
  nop

  .global prefetch_abort_read
@ In the Abort handler's place for this test: reads IFAR and IFSR.
prefetch_abort_read:
  mrc p15, 0, r0, c6, c0, 2
  mrc p15, 0, r1, c5, c0, 1
  .global prefetch_abort_read_end
prefetch_abort_read_end:
  nop
