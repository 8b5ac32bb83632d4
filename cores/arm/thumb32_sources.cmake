# The 32-bit Thumb encoding table and its handlers, compiled into anvil_arm by
# cores/arm/CMakeLists.txt (include(thumb32_sources.cmake), then ${THUMB32_SOURCES}).
set(THUMB32_SOURCES
    thumb32_table.cpp
    thumb32_data_processing.cpp
    thumb32_binary_immediate.cpp
    thumb32_register_ops.cpp
    thumb32_load_store.cpp
    thumb32_load_store_multiple.cpp
    thumb32_branch_misc.cpp
    thumb32_multiply_divide.cpp
    thumb32_dsp.cpp
    thumb32_dsp_parallel.cpp)
