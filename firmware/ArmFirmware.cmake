# anvil_arm_firmware(<name> SOURCES <files...> [INCLUDES <dirs...>] [DEFINES <defs...>])
#
# Cross-compiles a Cortex-M3 program for the MPS2 AN385 into
# ${CMAKE_CURRENT_BINARY_DIR}/<name>.elf with the shared start-up code, the AN385 linker
# script, newlib and semihosting (rdimon). A custom command, not a second CMake project: the
# host build keeps one configure step and one dependency graph, and the cross compiler is
# just a program that turns sources into an ELF (see docs/firmware.md).
# Sets <name>_ELF in the caller's scope to the output path.
# Usable from any folder (tests/conformance uses it too): it finds its files relative to
# this file, not through variables of the firmware/ folder's scope.
function(anvil_arm_firmware name)
  cmake_parse_arguments(PARSE_ARGV 1 fw "" "" "SOURCES;INCLUDES;DEFINES")
  set(common ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/common)
  set(common_sources ${common}/startup.c ${common}/uart.c)
  set(elf ${CMAKE_CURRENT_BINARY_DIR}/${name}.elf)
  set(sources)
  foreach(source IN LISTS fw_SOURCES)
    get_filename_component(source ${source} ABSOLUTE)
    list(APPEND sources ${source})
  endforeach()
  set(flags
      -mcpu=cortex-m3 -mthumb -O2 -g -std=gnu11 -Wall -Wextra -ffunction-sections
      -fdata-sections --specs=rdimon.specs -Wl,--gc-sections -T ${common}/mps2-an385.ld
      -I${common})
  foreach(dir IN LISTS fw_INCLUDES)
    get_filename_component(dir ${dir} ABSOLUTE)
    list(APPEND flags -I${dir})
  endforeach()
  foreach(define IN LISTS fw_DEFINES)
    list(APPEND flags -D${define})
  endforeach()
  add_custom_command(
    OUTPUT ${elf}
    COMMAND ${ARM_NONE_EABI_GCC} ${flags} -Wl,-Map=${name}.map -o ${elf} ${sources}
            ${common_sources} -lm
    DEPENDS ${sources} ${common_sources} ${common}/mps2-an385.ld ${common}/an385.h
            ${common}/uart.h ${common}/semihosting_calls.h
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
    COMMENT "Cross-compiling ${name}.elf (Cortex-M3, MPS2 AN385)"
    COMMAND_EXPAND_LISTS VERBATIM)
  add_custom_target(firmware_${name} ALL DEPENDS ${elf})
  set(${name}_ELF ${elf} PARENT_SCOPE)
endfunction()
