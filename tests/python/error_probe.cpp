// Test-only Python module _zonepath_error_probe (built with the tests, never installed): throws
// each C++ error of core/error.hpp, so that test_errors.py can check the Python class zonepath's
// exception translator gives it, including the errors no small input provokes (store, limit,
// render). The translator is registered with pybind11's shared internals when zonepath is
// imported, so it also translates what this module throws.
#include <stdexcept>
#include <string>

#include <pybind11/pybind11.h>

#include "zonepath/core/error.hpp"
#include "zonepath/core/reach_exact.hpp"

namespace {

[[noreturn]] void throw_error(const std::string& kind, const std::string& message) {
  using namespace zonepath;
  Diagnostic d;
  d.file = "<test>";
  d.message = message;
  if (kind == "ParseError") throw ParseError(d);
  if (kind == "ValidationError") throw ValidationError({d});
  if (kind == "GraphError") throw GraphError(message);
  if (kind == "ModelError") throw ModelError(message);
  if (kind == "AnalysisError") throw AnalysisError(message);
  if (kind == "ExactLimitError") throw ExactLimitError(message);
  if (kind == "ScenarioError") throw ScenarioError(message);
  if (kind == "RenderError") throw RenderError(message);
  if (kind == "StoreError") throw StoreError(message);
  if (kind == "LimitError") throw LimitError(message);
  if (kind == "CancelledError") throw CancelledError(message);
  if (kind == "Error") throw Error(message);
  throw std::invalid_argument("unknown error kind " + kind);
}

} // namespace

PYBIND11_MODULE(_zonepath_error_probe, m) {
  m.def("throw_error", &throw_error, pybind11::arg("kind"), pybind11::arg("message"));
}
