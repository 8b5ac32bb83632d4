# anvil_arm_firmware(<name> SOURCES <files...> [INCLUDES <dirs...>] [DEFINES <defs...>])
#
# Cross-compiles a Cortex-M3 program for the MPS2 AN385 into
# ${CMAKE_CURRENT_BINARY_DIR}/<name>.elf with the shared start-up code, the AN385 linker
# script, newlib and semihosting (rdimon). A custom command, not a second CMake project: the
# host build keeps one configure step and one dependency graph, and the cross compiler is
# just a program that turns sources into an ELF (see docs/firmware.md).
# Sets <name>_ELF in the caller's scope to the output path.
set(ANVIL_FIRMWARE_COMMON ${CMAKE_CURRENT_LIST_DIR}/common)
set(ANVIL_ARM_FLAGS
    -mcpu=cortex-m3 -mthumb -O2 -g -std=gnu11 -Wall -Wextra
    -ffunction-sections -fdata-sections
    --specs=rdimon.specs -Wl,--gc-sections -T ${ANVIL_FIRMWARE_COMMON}/mps2-an385.ld)
set(ANVIL_ARM_COMMON_SOURCES ${ANVIL_FIRMWARE_COMMON}/startup.c ${ANVIL_FIRMWARE_COMMON}/uart.c)

function(anvil_arm_firmware name)
  cmake_parse_arguments(PARSE_ARGV 1 fw "" "" "SOURCES;INCLUDES;DEFINES")
  set(elf ${CMAKE_CURRENT_BINARY_DIR}/${name}.elf)
  set(sources)
  foreach(source IN LISTS fw_SOURCES)
    get_filename_component(source ${source} ABSOLUTE)
    list(APPEND sources ${source})
  endforeach()
  set(flags ${ANVIL_ARM_FLAGS} -I${ANVIL_FIRMWARE_COMMON})
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
            ${ANVIL_ARM_COMMON_SOURCES}
    DEPENDS ${sources} ${ANVIL_ARM_COMMON_SOURCES} ${ANVIL_FIRMWARE_COMMON}/mps2-an385.ld
            ${ANVIL_FIRMWARE_COMMON}/an385.h ${ANVIL_FIRMWARE_COMMON}/uart.h
            ${ANVIL_FIRMWARE_COMMON}/semihosting_calls.h
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
    COMMENT "Cross-compiling ${name}.elf (Cortex-M3, MPS2 AN385)"
    COMMAND_EXPAND_LISTS VERBATIM)
  add_custom_target(firmware_${name} ALL DEPENDS ${elf})
  set(${name}_ELF ${elf} PARENT_SCOPE)
endfunction()
