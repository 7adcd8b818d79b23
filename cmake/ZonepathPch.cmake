# Precompiled headers: nlohmann/json, CLI11, GoogleTest and pybind11 are header-only and cost
# 5-7 s of parse time in every translation unit that includes them; compiled once per target
# they make a clean build about a third faster (CI builds three configurations from scratch).
# ZONEPATH_PCH=OFF builds without them, e.g. to check that every file includes what it uses.
option(ZONEPATH_PCH "Precompile the heavy header-only dependencies of each target" ON)

set(_zp_pch_common <algorithm> <cstdint> <map> <memory> <optional> <string> <string_view>
    <vector> <nlohmann/json.hpp>)

# zonepath_precompile(TARGET [HEADER...]): the common set plus the target's own heavy headers.
function(zonepath_precompile target)
  if(ZONEPATH_PCH)
    target_precompile_headers(${target} PRIVATE ${_zp_pch_common} ${ARGN})
  endif()
endfunction()

# zonepath_unity(TARGET): compile the target's files in batches (CMake unity build). Used for the
# CLI and the test programs, whose files each instantiate the same JSON, CLI11 and GoogleTest
# templates: a batch optimizes them once instead of once per file.
option(ZONEPATH_UNITY "Unity-build the CLI and the test programs" ON)
function(zonepath_unity target)
  if(ZONEPATH_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
endfunction()
