# Assembles one MIPS test program for one byte order (ENDIAN = EB or EL), linked at LINK
# (0x80000000, kseg0, for kernel-mode programs; user-mode ones lower), and writes a C++ header
# with its bytes and the addresses of its symbols. Run with cmake -P; inputs: AS LD OBJCOPY
# NM SRC NAME OUT ENDIAN LINK.
get_filename_component(work ${OUT} DIRECTORY)
set(obj ${work}/${NAME}.o)
set(elf ${work}/${NAME}.elf)
set(bin ${work}/${NAME}.bin)
# Programs that say `.set mips1` assemble for the R3000 (no MIPS32 interlocks assumed).
set(march mips32r2)
file(READ ${SRC} source)
if(source MATCHES "\\.set[ \t]+mips1")
  set(march r3000)
endif()
execute_process(COMMAND ${AS} -march=${march} -mno-shared -${ENDIAN} -o ${obj} ${SRC}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc)
  message(FATAL_ERROR "assembling ${SRC} failed:\n${err}")
endif()
execute_process(COMMAND ${LD} -${ENDIAN} -Ttext=${LINK} -e ${LINK} -o ${elf} ${obj}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc)
  message(FATAL_ERROR "linking ${SRC} failed:\n${err}")
endif()
execute_process(COMMAND ${OBJCOPY} -O binary -j .text ${elf} ${bin} RESULT_VARIABLE rc)
execute_process(COMMAND ${NM} ${elf} OUTPUT_VARIABLE symbols RESULT_VARIABLE rc2)
if(rc OR rc2)
  message(FATAL_ERROR "objcopy/nm failed for ${SRC}")
endif()

file(READ ${bin} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
set(text "// Generated from ${SRC} by embed_mips_program.cmake. Do not edit.\n#pragma once\n")
# A struct rather than a namespace, so tests can take a program as a template argument.
string(APPEND text "#include <cstdint>\n\nnamespace programs {\nstruct ${NAME} {\n")
string(APPEND text "  static constexpr std::uint8_t kImage[] = {${bytes}};\n")
string(REPLACE "\n" ";" lines "${symbols}")
foreach(line IN LISTS lines)
  # 64-bit nm prints kseg0 addresses sign-extended: keep the low 32 bits.
  if(line MATCHES "^[0-9a-f]*([0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]) [tTdDbBaArR] ([A-Za-z_][A-Za-z0-9_]*)$")
    string(APPEND text "  static constexpr std::uint32_t ${CMAKE_MATCH_2} = 0x${CMAKE_MATCH_1};\n")
  endif()
endforeach()
string(APPEND text "};\n}  // namespace programs\n")
file(WRITE ${OUT} "${text}")
