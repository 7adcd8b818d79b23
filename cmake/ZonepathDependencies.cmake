# Every dependency comes from a Debian package (see install-deps.sh).
find_package(Boost 1.74 REQUIRED)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(TBB REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
# simdjson (libsimdjson-dev): the fast reader of raw graph files.
find_package(simdjson REQUIRED)
find_package(CLI11 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(yaml-cpp REQUIRED)
# libcsv (libcsv-dev): cmake/FindCSV.cmake defines CSV::CSV.
find_package(CSV REQUIRED)
# pugixml (libpugixml-dev): firewall configurations (pfSense/OPNsense config.xml) and Nmap XML.
find_package(pugixml REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(GRAPHVIZ REQUIRED IMPORTED_TARGET libgvc libcgraph)
# cpp-httplib (libcpp-httplib-dev): the local HTTP server of `zonepath serve`.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# libxlsxwriter (libxlsxwriter-dev): soa.xlsx, the Statement of Applicability workbook.
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
if(ZONEPATH_TESTS)
  find_package(GTest REQUIRED)
endif()
if(ZONEPATH_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
if(ZONEPATH_MPI)
  find_package(MPI REQUIRED COMPONENTS CXX)
endif()
if(ZONEPATH_PYTHON)
  find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module)
  find_package(pybind11 CONFIG REQUIRED)
endif()
