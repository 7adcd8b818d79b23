# Default of ZONEPATH_PYTHON: ON when Python's development files and pybind11 are installed,
# so a plain configure (and CI's `release` preset) builds and tests the Python module.
# Debian's interpreter is preferred: its python3-numpy / python3-pytest are what the tests use,
# and a module must be built for the interpreter that imports it. -DPython3_EXECUTABLE=...
# (as setup.py passes) overrides this.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python interpreter for the zonepath module")
endif()
if(NOT DEFINED ZONEPATH_PYTHON AND ZONEPATH_SANITIZE)
  # A sanitized module cannot be loaded into an uninstrumented interpreter (the ASan runtime
  # must come first), so sanitizer builds leave Python out unless asked for.
  set(_zp_python_default OFF)
elseif(NOT DEFINED ZONEPATH_PYTHON)
  find_package(Python3 QUIET COMPONENTS Interpreter Development.Module)
  if(Python3_FOUND)
    find_package(pybind11 CONFIG QUIET)
  endif()
  if(Python3_FOUND AND pybind11_FOUND)
    set(_zp_python_default ON)
  else()
    set(_zp_python_default OFF)
  endif()
endif()
