# The toolchains whose programs the user-mode conformance runs (`anvil user`). One line per
# target ISA: a name (the runner's column prefix), the cross compiler, `anvil user --arch`,
# the qemu-user program to compare with, and the programs that do not apply to it (with the
# reason). MIPS and m68k add a line each; nothing else changes.
#
#   name    compiler                  arch    qemu      skipped programs
set(ANVIL_USER_TOOLCHAINS
    "armel|arm-linux-gnueabi-gcc|armel|qemu-arm|fenv_rounding"
    "armhf|arm-linux-gnueabihf-gcc|armhf|qemu-arm|")
# fenv_rounding on armel: a soft-float C library has only round-to-nearest and no flags.
set(ANVIL_USER_OPT_LEVELS O0 O2)
