# User-mode conformance: every program built static with each toolchain of
# user_toolchains.cmake at each optimisation level, run by run_user.py with `anvil user`,
# compared with the native build and with qemu-user. The build writes user_manifest.json,
# which tells the runner where everything is; `python3 run_user.py --manifest ...` prints the
# table (program x target: pass/fail, guest instructions, time).
include(${CMAKE_CURRENT_LIST_DIR}/user_toolchains.cmake)

set(user_outputs)
set(manifest_targets)
foreach(row IN LISTS ANVIL_USER_TOOLCHAINS)
  string(REPLACE "|" ";" fields "${row}")
  list(GET fields 0 name)
  list(GET fields 1 compiler)
  list(GET fields 2 arch)
  list(GET fields 3 qemu)
  list(GET fields 4 skipped)
  string(REPLACE "," ";" skipped "${skipped}")
  set(qemu_reference "")
  list(LENGTH fields field_count)
  if(field_count GREATER 5)
    list(GET fields 5 qemu_reference)
    string(REPLACE "," ";" qemu_reference "${qemu_reference}")
  endif()
  find_program(compiler_path_${name} ${compiler})
  find_program(qemu_path_${name} ${qemu})
  if(NOT compiler_path_${name})
    message(STATUS "user-mode conformance: ${compiler} not found, no ${name} column")
    continue()
  endif()
  foreach(level IN LISTS ANVIL_USER_OPT_LEVELS)
    set(target ${name}-${level})
    set(dir ${CMAKE_CURRENT_BINARY_DIR}/user/${target})
    file(MAKE_DIRECTORY ${dir})
    foreach(program IN LISTS ANVIL_CONFORMANCE_PROGRAMS)
      if(program IN_LIST skipped)
        continue()
      endif()
      set(source ${CMAKE_CURRENT_SOURCE_DIR}/programs/${program}.c)
      add_custom_command(
        OUTPUT ${dir}/${program}
        COMMAND ${compiler_path_${name}} -static -${level} -g -std=gnu11 -Wall
                ${ANVIL_CONFORMANCE_FLAGS_${program}} -I${CMAKE_CURRENT_SOURCE_DIR}/programs
                -o ${dir}/${program} ${source} -lm
        DEPENDS ${source} ${CMAKE_CURRENT_SOURCE_DIR}/programs/portable.h
        COMMENT "Cross-compiling ${program} for ${target} (static, user mode)"
        VERBATIM)
      list(APPEND user_outputs ${dir}/${program})
    endforeach()
    list(JOIN skipped "\", \"" skipped_json)
    list(JOIN qemu_reference "\", \"" qemu_reference_json)
    list(APPEND manifest_targets
         "{\"name\": \"${target}\", \"arch\": \"${arch}\", \"qemu\": \"${qemu_path_${name}}\", \"dir\": \"${dir}\", \"skip\": [\"${skipped_json}\"], \"qemu_reference\": [\"${qemu_reference_json}\"]}")
  endforeach()
endforeach()
if(NOT user_outputs)
  return()
endif()
add_custom_target(conformance_user_programs ALL DEPENDS ${user_outputs})
foreach(program IN LISTS ANVIL_CONFORMANCE_PROGRAMS)
  add_dependencies(conformance_user_programs ${program}-native)
endforeach()

set(manifest_programs)
foreach(program IN LISTS ANVIL_CONFORMANCE_PROGRAMS)
  list(APPEND manifest_programs "\"${program}\": \"$<TARGET_FILE:${program}-native>\"")
endforeach()
list(JOIN manifest_programs ",\n    " programs_json)
list(JOIN manifest_targets ",\n    " targets_json)
set(manifest ${CMAKE_CURRENT_BINARY_DIR}/user_manifest.json)
file(GENERATE OUTPUT ${manifest} CONTENT "{
  \"anvil\": \"$<$<TARGET_EXISTS:anvil>:$<TARGET_FILE:anvil>>\",
  \"programs\": {
    ${programs_json}
  },
  \"targets\": [
    ${targets_json}
  ]
}
")

# One ctest per program and target, compared with native output and with qemu-user.
if(TARGET anvil)
  foreach(row IN LISTS manifest_targets)
    string(REGEX MATCH "\"name\": \"([^\"]+)\"" _ "${row}")
    set(target ${CMAKE_MATCH_1})
    foreach(program IN LISTS ANVIL_CONFORMANCE_PROGRAMS)
      add_test(NAME conformance/user/${target}/${program}
               COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/run_user.py --manifest ${manifest}
                       --program ${program} --target ${target} --quiet)
      set_tests_properties(conformance/user/${target}/${program} PROPERTIES SKIP_RETURN_CODE 77)
    endforeach()
  endforeach()
  # The same binaries on another CPU of the target's ISA:
  # - the FPU-less 4Kc: Linux completes each CP1 instruction in its FPU emulator
  #   (arch/mips/math-emu), and so does `anvil user`;
  # - the 68020 with its 68882, where the 68040 default emulates what its FPU lacks (the
  #   transcendental operations, FMOVECR) as the kernel's FPSP does: here the coprocessor
  #   executes them.
  set(fp_programs double_arith float_arith math_functions float_printf denormals)
  foreach(row IN ITEMS "mips-O2|4kc" "mipsel-O2|4kc" "m68k-O2|68020" "m68k-O0|68020")
    string(REPLACE "|" ";" fields "${row}")
    list(GET fields 0 target)
    list(GET fields 1 cpu)
    if(NOT "${targets_json}" MATCHES "\"${target}\"")
      continue()
    endif()
    foreach(program IN LISTS fp_programs)
      add_test(NAME conformance/user/${target}-${cpu}/${program}
               COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/run_user.py --manifest ${manifest}
                       --program ${program} --target ${target} --cpu ${cpu} --quiet)
      set_tests_properties(conformance/user/${target}-${cpu}/${program}
                           PROPERTIES SKIP_RETURN_CODE 77)
    endforeach()
  endforeach()
endif()
