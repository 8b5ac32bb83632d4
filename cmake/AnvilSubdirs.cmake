# anvil_add_subdirectories(dir...): adds each listed folder that has a CMakeLists.txt, so a
# folder can land before or after the ones that sit next to it.
function(anvil_add_subdirectories)
  foreach(dir IN LISTS ARGN)
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/CMakeLists.txt)
      add_subdirectory(${dir})
    endif()
  endforeach()
endfunction()
