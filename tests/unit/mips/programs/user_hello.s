# A Linux o32 user program without libc: write(1, msg, 14), RDHWR of UserLocal into the
# message, then a load from kernel space (SIGSEGV) which the test's fault handler skips, and
# exit(3). Syscall numbers from arch/mips/include/uapi/asm/unistd.h (4000 + n): write 4004,
# exit 4001; the result in $v0, $a3 = 0 on success.
        .set    noreorder
        .text
        .globl  _start
_start:
        li      $v0, 4004
        li      $a0, 1
        la      $a1, msg
        li      $a2, 14
        syscall
after_write:
        sw      $v0, write_result
        sw      $a3, write_error
        rdhwr   $t0, $29                # UserLocal (the TLS pointer), emulated as Linux does
        sw      $t0, user_local
        lui     $t1, 0x8000
fault_insn:
        lw      $t2, 0($t1)             # kernel address from user mode
        li      $v0, 4001
        li      $a0, 3
        syscall
        b       .
        nop

        .align  2
msg:            .ascii  "hello, mips!\n\n"
write_result:   .word   0
write_error:    .word   0
user_local:     .word   0
