# anvil_m68k_firmware(<name> [CPU <68000|68020|68030|68040>] SOURCES <files...>)
#
# Cross-compiles a bare-metal program for the Anvil 68000 SBC (platforms/boards/m68k-sbc.lua,
# whose cpu0.model can be any of the m68k variants) into ${CMAKE_CURRENT_BINARY_DIR}/<name>.elf
# with m68k-linux-gnu-gcc -m<CPU> (68000 by default) -nostdlib, the shared start-up code and
# linker script in common-m68k/. No libc and no libgcc (Debian's libgcc is built for the 68020).
function(anvil_m68k_firmware name)
  cmake_parse_arguments(PARSE_ARGV 1 fw "" "CPU" "SOURCES")
  if(NOT fw_CPU)
    set(fw_CPU 68000)
  endif()
  set(common ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/common-m68k)
  set(common_sources ${common}/start.S ${common}/sbc.c)
  set(elf ${CMAKE_CURRENT_BINARY_DIR}/${name}.elf)
  set(sources)
  foreach(source IN LISTS fw_SOURCES)
    get_filename_component(source ${source} ABSOLUTE)
    list(APPEND sources ${source})
  endforeach()
  set(flags -m${fw_CPU} -O2 -g -std=gnu11 -Wall -Wextra -ffreestanding -nostdlib -fno-pic
            -static -Wl,--build-id=none -T ${common}/sbc.ld -I${common})
  add_custom_command(
    OUTPUT ${elf}
    COMMAND ${M68K_LINUX_GNU_GCC} ${flags} -Wl,-Map=${name}.map -o ${elf} ${sources}
            ${common_sources}
    DEPENDS ${sources} ${common_sources} ${common}/sbc.ld ${common}/sbc.h
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
    COMMENT "Cross-compiling ${name}.elf (${fw_CPU}, Anvil 68000 SBC)"
    COMMAND_EXPAND_LISTS VERBATIM)
  add_custom_target(firmware_${name} ALL DEPENDS ${elf})
  set(${name}_ELF ${elf} PARENT_SCOPE)
endfunction()
