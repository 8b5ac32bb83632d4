@ Instruction test program: each snippet starts at a label and ends at a BKPT; the test
@ sets the registers, points the PC at the label and runs until the core halts.
  .syntax unified
  .thumb
  .text
vectors:
  .word 0x20008000
  .word reset + 1
  .rept 14
  .word fault + 1
  .endr
reset:
  movs r0, #42
reset_done:
  bkpt #0
fault:
  bkpt #15

@ ---- data processing ----
adds_reg:  adds r0, r1, r2
  bkpt #0
subs_reg:  subs r0, r1, r2
  bkpt #0
adds_imm3: adds r0, r1, #7
  bkpt #0
subs_imm8: subs r1, #255
  bkpt #0
cmp_imm:   cmp r1, #200
  bkpt #0
cmp_reg:   cmp r1, r2
  bkpt #0
cmp_high:  cmp r8, r9
  bkpt #0
cmn_reg:   cmn r1, r2
  bkpt #0
adcs_reg:  adcs r1, r2
  bkpt #0
sbcs_reg:  sbcs r1, r2
  bkpt #0
negs:      negs r0, r1
  bkpt #0
lsls_imm1: lsls r0, r1, #1
  bkpt #0
movs_reg:  movs r0, r1
  bkpt #0
lsrs_32:   lsrs r0, r1, #32
  bkpt #0
asrs_32:   asrs r0, r1, #32
  bkpt #0
lsls_reg:  lsls r1, r2
  bkpt #0
lsrs_reg:  lsrs r1, r2
  bkpt #0
asrs_reg:  asrs r1, r2
  bkpt #0
rors_reg:  rors r1, r2
  bkpt #0
ands_reg:  ands r1, r2
  bkpt #0
eors_reg:  eors r1, r2
  bkpt #0
orrs_reg:  orrs r1, r2
  bkpt #0
bics_reg:  bics r1, r2
  bkpt #0
mvns_reg:  mvns r0, r1
  bkpt #0
tst_reg:   tst r1, r2
  bkpt #0
muls_reg:  muls r1, r2, r1
  bkpt #0
movs_imm:  movs r3, #0
  bkpt #0
add_high:  add r8, r1
  mov r9, r8
  mov r0, r9
  bkpt #0
add_sp_reg: add sp, r1
  bkpt #0
extend:    sxth r0, r1
  sxtb r2, r1
  uxth r3, r1
  uxtb r4, r1
  bkpt #0
reverse:   rev r0, r1
  rev16 r2, r1
  revsh r3, r1
  bkpt #0
sp_arith:  add r0, sp, #1020
  sub sp, #508
  add sp, #4
  bkpt #0
  .align 2
adr_ldr_literal:
  adr r0, literal_word
  ldr r1, literal_word
  bkpt #0
  .align 2
literal_word: .word 0xCAFEF00D

@ ---- IT blocks ----
it_ite:    cmp r0, #1
  ite eq
  moveq r1, #1
  movne r1, #2
  bkpt #0
it_no_flags:                @ ADD inside IT does not set flags (setflags = !InITBlock())
  cmp r0, r0                @ Z=1 C=1
  itt eq
  addeq r2, r0, r1          @ would set N for r0+r1 negative if flags were set
  addeq r3, r0, #1
  bkpt #0
it_four:   cmp r0, #5       @ ITETE: 4 instructions, alternating
  itete gt
  movgt r1, #1
  movle r2, #1
  movgt r3, #1
  movle r4, #1
  bkpt #0

@ ---- loads and stores (r1 = base in RAM) ----
ldst:
  str r0, [r1, #4]
  strh r0, [r1, #10]
  strb r0, [r1, #13]
  ldr r2, [r1, #4]
  ldrh r3, [r1, #10]
  ldrb r4, [r1, #13]
  movs r6, #10
  ldrsh r5, [r1, r6]
  movs r6, #13
  ldrsb r6, [r1, r6]
  bkpt #0
ldst_reg:                   @ r1 base, r2 offset
  str r0, [r1, r2]
  ldr r3, [r1, r2]
  strh r0, [r1, r2]
  ldrh r4, [r1, r2]
  strb r0, [r1, r2]
  ldrb r5, [r1, r2]
  bkpt #0
ldst_sp:
  str r0, [sp, #8]
  ldr r1, [sp, #8]
  bkpt #0
ldr_unaligned:              @ r1 = address, not word-aligned: allowed for LDR (A3.2.1)
  ldr r0, [r1]
  bkpt #0
ldm_unaligned:
  ldm r1!, {r2, r3}
  bkpt #0
push_pop:
  push {r0, r1, r2, lr}
  movs r0, #0
  movs r1, #0
  movs r2, #0
  pop {r3, r4, r5, r6}
  bkpt #0
stm_ldm:                    @ r0 = base
  stmia r0!, {r1, r2, r3}
  subs r0, #12
  ldmia r0!, {r4, r5, r6}
  bkpt #0
ldm_base_in_list:
  ldmia r0, {r0, r1}
  bkpt #0

@ ---- branches ----
branches:
  movs r0, #0
  b 1f
  movs r0, #99
1:
  cmp r0, #0
  bne 2f                    @ not taken
  adds r0, #1
2:
  cbz r0, 3f                @ not taken (r0 = 1)
  cbnz r0, 3f               @ taken
  movs r0, #99
3:
  bkpt #0
blx_bx:                     @ r2 = callee address | 1
  blx r2
blx_return:
  bkpt #0
callee:
  movs r0, #77
  bx lr
pop_pc:                     @ r2 = target | 1
  push {r2}
  pop {pc}
pop_pc_target:
  movs r0, #55
  bkpt #0
mov_pc:
  mov pc, r2
  bkpt #1

@ ---- hints, supervisor call, undefined ----
hints:
  nop
  yield
  sev
  wfe                       @ the event register is set: does not sleep
  movs r0, #1
  bkpt #0
semihost:
  bkpt #0xAB
  bkpt #0

@ ---- self-modifying code: patch an instruction that has already run ----
smc:                        @ r5 = patch_site | 1, r4 = patch_site, r1 = new halfword
  blx r5
  mov r3, r2
  strh r1, [r4]
  blx r5
  bkpt #0
  .align 2
patch_site:
  movs r2, #1
  bx lr

@ ---- timing: cycles per the M3 TRM table ----
timing:                     @ r2 = RAM address, r0 = 0
  movs r0, #1               @ 1
  adds r0, #1               @ 1
  ldr r1, [r2]              @ 2
  str r1, [r2]              @ 1
  b 1f                      @ 1+P = 3
1:
  push {r4, r5, r6, lr}     @ 1+4 = 5
  pop {r4, r5, r6}          @ 1+3 = 4
  cmp r0, #0
  beq 2f                    @ not taken: 1 (the cmp: 1)
  cbnz r0, 2f               @ taken: 1+P = 3
  nop
2:
  muls r0, r0, r0           @ 1
  bkpt #0                   @ 1
