# kops_library(NAME DEPS ...): a static library kops_NAME from every *.cc in the
# calling folder except *_test.cc and fake_*.cc; include root is src/.
function(kops_library name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER srcs EXCLUDE REGEX "_test\\.cc$")
  list(FILTER srcs EXCLUDE REGEX "/main\\.cc$")
  add_library(kops_${name} STATIC ${srcs})
  target_include_directories(kops_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(kops_${name} PUBLIC ${ARG_DEPS})
endfunction()

# kops_tests(NAME DEPS ...): one GoogleTest binary NAME_test from every *_test.cc in
# the calling folder, registered with CTest (label "unit" unless LABEL given).
function(kops_tests name)
  cmake_parse_arguments(ARG "" "LABEL" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  if(NOT srcs)
    return()
  endif()
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  add_executable(${name}_test ${srcs})
  target_link_libraries(${name}_test PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name}_test PRIVATE
    KOPS_SOURCE_DIR="${CMAKE_SOURCE_DIR}" KOPS_BINARY_DIR="${CMAKE_BINARY_DIR}")
  gtest_discover_tests(${name}_test PROPERTIES LABELS ${ARG_LABEL} DISCOVERY_TIMEOUT 60)
endfunction()
