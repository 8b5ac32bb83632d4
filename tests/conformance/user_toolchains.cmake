# The toolchains whose programs the user-mode conformance runs (`anvil user`). One line per
# target ISA: a name (the runner's column prefix), the cross compiler, `anvil user --arch`,
# the qemu-user program to compare with, the programs that do not apply to it (with the
# reason) and, optionally, the programs whose reference is qemu-user instead of the native run
# because the ISA's arithmetic legitimately gives other results than x86-64 (with the reason).
#
#   name    compiler                  arch    qemu      skipped programs    qemu-reference programs
set(ANVIL_USER_TOOLCHAINS
    "armel|arm-linux-gnueabi-gcc|armel|qemu-arm|fenv_rounding"
    "armhf|arm-linux-gnueabihf-gcc|armhf|qemu-arm|"
    "mips|mips-linux-gnu-gcc|mips|qemu-mips|unaligned_memcpy,bitfields"
    "mipsel|mipsel-linux-gnu-gcc|mipsel|qemu-mipsel|"
    "m68k|m68k-linux-gnu-gcc|m68k|qemu-m68k|unaligned_memcpy,bitfields|double_arith,float_arith,matrix,math_lib")
# fenv_rounding on armel: a soft-float C library has only round-to-nearest and no flags.
# unaligned_memcpy and bitfields on mips: they print memory as little-endian integers, so a
# big-endian run differs from the (x86-64) native one; qemu-mips prints what anvil prints.
# The same two on m68k (big-endian). double_arith, float_arith, matrix and math_lib on m68k:
# the 68881 code gcc emits evaluates float and double expressions in 80-bit extended
# precision and range (FLT_EVAL_METHOD 2), so last digits, and overflow of a float product
# passed straight to printf, differ from x86-64 SSE; qemu-m68k models that, so it is the
# reference there.
set(ANVIL_USER_OPT_LEVELS O0 O2)
