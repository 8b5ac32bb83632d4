# anvil_mips_firmware(<name> ENDIAN EB|EL SOURCES <files...>)
#
# Cross-compiles a bare-metal MIPS32r2 program for the malta-mini board into
# ${CMAKE_CURRENT_BINARY_DIR}/<name>.elf with mips-linux-gnu-gcc -nostdlib, the shared start-up
# code (firmware/mips) and its linker script: code in the boot ROM at 0xBFC00000, no libc.
# Sets <name>_ELF in the caller's scope to the output path.
function(anvil_mips_firmware name)
  cmake_parse_arguments(PARSE_ARGV 1 fw "" "ENDIAN" "SOURCES")
  set(common ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/mips)
  set(common_sources ${common}/start.S ${common}/malta.c)
  set(elf ${CMAKE_CURRENT_BINARY_DIR}/${name}.elf)
  set(sources)
  foreach(source IN LISTS fw_SOURCES)
    get_filename_component(source ${source} ABSOLUTE)
    list(APPEND sources ${source})
  endforeach()
  set(flags
      -${fw_ENDIAN} -march=mips32r2 -mno-abicalls -fno-pic -G0 -msoft-float -O2 -g -std=gnu11
      -Wall -Wextra -ffreestanding -nostdlib -static -Wl,--build-id=none -T ${common}/malta.ld
      -I${common})
  add_custom_command(
    OUTPUT ${elf}
    COMMAND ${MIPS_LINUX_GNU_GCC} ${flags} -Wl,-Map=${name}.map -o ${elf} ${sources}
            ${common_sources} -lgcc
    DEPENDS ${sources} ${common_sources} ${common}/malta.ld ${common}/malta.h
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
    COMMENT "Cross-compiling ${name}.elf (MIPS32r2, malta-mini)"
    COMMAND_EXPAND_LISTS VERBATIM)
  add_custom_target(firmware_${name} ALL DEPENDS ${elf})
  set(${name}_ELF ${elf} PARENT_SCOPE)
endfunction()
