# The toolchains whose programs the user-mode conformance runs (`anvil user`). One line per
# target ISA: a name (the runner's column prefix), the cross compiler, `anvil user --arch`,
# the qemu-user program to compare with, and the programs that do not apply to it (with the
# reason). MIPS and m68k add a line each; nothing else changes.
#
#   name    compiler                  arch    qemu      skipped programs
set(ANVIL_USER_TOOLCHAINS
    "armel|arm-linux-gnueabi-gcc|armel|qemu-arm|fenv_rounding"
    "armhf|arm-linux-gnueabihf-gcc|armhf|qemu-arm|"
    "mips|mips-linux-gnu-gcc|mips|qemu-mips|unaligned_memcpy,bitfields"
    "mipsel|mipsel-linux-gnu-gcc|mipsel|qemu-mipsel|")
# fenv_rounding on armel: a soft-float C library has only round-to-nearest and no flags.
# unaligned_memcpy and bitfields on mips: they print memory as little-endian integers, so a
# big-endian run differs from the (x86-64) native one; qemu-mips prints what anvil prints.
set(ANVIL_USER_OPT_LEVELS O0 O2)
