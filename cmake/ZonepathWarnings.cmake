# Warning flags and sanitizers shared by every zonepath target.
include(GNUInstallDirs)
add_library(zonepath_options INTERFACE)
# GCC 12 reports false overlaps and overflows in inlined std::string concatenation such as
# "n" + std::to_string(i) (GCC bug 105329 and its -Wstringop-overflow/-Warray-bounds relatives,
# fixed in GCC 13); unity batches inline enough to trigger them everywhere. Those three are off
# for GCC < 13 only; the clang sanitizer builds keep them on. Every other warning stays on.
target_compile_options(zonepath_options INTERFACE -Wall -Wextra -Wpedantic
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict -Wno-stringop-overflow -Wno-array-bounds>)
# No fused multiply-adds: GCC fuses by default in C++ where the target has FMA (the AVX2 and
# AVX-512 clones of the sampling kernels), which would make a clone's numbers differ from the
# plain build's. Results must be the same bits on every CPU.
target_compile_options(zonepath_options INTERFACE -ffp-contract=off)
install(TARGETS zonepath_options EXPORT zonepathTargets)
if(ZONEPATH_FUZZ)
  # Coverage feedback for libFuzzer in every library the fuzz targets reach.
  target_compile_options(zonepath_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
if(ZONEPATH_SANITIZE)
  string(REPLACE ";" "," _zp_san "${ZONEPATH_SANITIZE}")
  target_compile_options(zonepath_options INTERFACE -fsanitize=${_zp_san} -fno-omit-frame-pointer)
  target_link_options(zonepath_options INTERFACE -fsanitize=${_zp_san})
  # ThreadSanitizer cannot see oneTBB's scheduler: run parallel loops on std::threads instead
  # (core/include/zonepath/core/parallel.hpp).
  if("thread" IN_LIST ZONEPATH_SANITIZE)
    target_compile_definitions(zonepath_options INTERFACE ZONEPATH_STD_THREADS=1)
  endif()
endif()

# zonepath_module(NAME [EXPORT SET] DEPS...) builds <name>/src/**/*.cpp into zonepath::<name>
# with public headers in <name>/include, installed in the export set SET (default
# zonepathTargets).
function(zonepath_module name)
  cmake_parse_arguments(PARSE_ARGV 1 _zp "" "EXPORT" "")
  if(NOT _zp_EXPORT)
    set(_zp_EXPORT zonepathTargets)
  endif()
  file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  add_library(zonepath_${name} STATIC ${_srcs})
  add_library(zonepath::${name} ALIAS zonepath_${name})
  set_target_properties(zonepath_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_include_directories(zonepath_${name} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
  target_link_libraries(zonepath_${name} PUBLIC ${_zp_UNPARSED_ARGUMENTS} PRIVATE zonepath_options)
  set_target_properties(zonepath_${name} PROPERTIES EXPORT_NAME ${name})
  zonepath_precompile(zonepath_${name})
  zonepath_unity(zonepath_${name})
  install(TARGETS zonepath_${name} EXPORT ${_zp_EXPORT}
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endfunction()
