// One Python exception class per C++ error type (core/error.hpp), same message. They are
// created here, named zonepath.<Name> (the package re-exports them, so they pickle), and mix in
// the built-in exception a Python caller would expect (ModelError is a ValueError, ...).
#include <map>
#include <stdexcept>

#include "common.hpp"
#include "zonepath/core/reach_exact.hpp"

namespace zonepath::py_bindings {
namespace {

// Leaked on purpose: exception types must outlive every module object at interpreter exit.
std::map<std::string, PyObject*>& classes() {
  static auto* m = new std::map<std::string, PyObject*>();
  return *m;
}

PyObject* make_class(py::module_& m, const char* name, std::vector<PyObject*> bases, const char* doc) {
  py::tuple base_tuple(bases.size());
  for (std::size_t i = 0; i < bases.size(); ++i) base_tuple[i] = py::reinterpret_borrow<py::object>(bases[i]);
  std::string qualified = std::string("zonepath.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base_tuple.ptr(), nullptr);
  if (!cls) throw py::error_already_set();
  classes()[name] = cls;
  m.attr(name) = py::reinterpret_borrow<py::object>(cls);
  return cls;
}

void raise(const char* name, const char* message, const char* attr = nullptr, py::object value = py::none()) {
  PyObject* cls = classes().at(name);
  py::object exc = py::reinterpret_borrow<py::object>(cls)(py::str(message));
  if (attr) exc.attr(attr) = std::move(value);
  PyErr_SetObject(cls, exc.ptr());
}

void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const ParseError& e) {
    raise("ParseError", e.what(), "diagnostic", diagnostic_to_python(e.diagnostic()));
  } catch (const ValidationError& e) {
    py::list errors;
    for (const auto& d : e.diagnostics()) errors.append(diagnostic_to_python(d));
    raise("ValidationError", e.what(), "errors", errors);
  } catch (const ExactLimitError& e) {
    raise("ExactLimitError", e.what());
  } catch (const GraphError& e) {
    raise("GraphError", e.what());
  } catch (const ModelError& e) {
    raise("ModelError", e.what());
  } catch (const AnalysisError& e) {
    raise("AnalysisError", e.what());
  } catch (const ScenarioError& e) {
    raise("ScenarioError", e.what());
  } catch (const RenderError& e) {
    raise("RenderError", e.what());
  } catch (const StoreError& e) {
    raise("StoreError", e.what());
  } catch (const LimitError& e) {
    raise("LimitError", e.what());
  } catch (const CancelledError& e) {
    raise("CancelledError", e.what());
  } catch (const Error& e) {
    raise("Error", e.what());
  }
}

} // namespace

void bind_errors(py::module_& m) {
  PyObject* error = make_class(m, "Error", {PyExc_Exception}, "Base class of every zonepath error.");
  make_class(m, "ParseError", {error, PyExc_ValueError},
             "An input could not be read or parsed. `.diagnostic` is a dict with file, pointer, line, "
             "column, value, message, suggestion.");
  make_class(m, "ValidationError", {error, PyExc_ValueError},
             "A well-formed document breaks the schema or the model's rules. `.errors` lists every "
             "problem as a dict (file, pointer, line, column, value, message, suggestion).");
  make_class(m, "GraphError", {error, PyExc_ValueError},
             "Bad attack graph or engine misuse (e.g. unknown node).");
  make_class(m, "ModelError", {error, PyExc_ValueError},
             "IEC 62443 model stage (e.g. unknown threat actor).");
  PyObject* analysis = make_class(m, "AnalysisError", {error, PyExc_RuntimeError}, "An analysis cannot run.");
  make_class(m, "ExactLimitError", {analysis},
             "The exact reach method declined the problem as too large; use Monte Carlo.");
  make_class(m, "ScenarioError", {error, PyExc_ValueError}, "What-if, compare or plan failed.");
  make_class(m, "RenderError", {error, PyExc_RuntimeError}, "Graphviz or a report writer failed.");
  make_class(m, "StoreError", {error, PyExc_OSError}, "Results store or output file failed.");
  make_class(m, "LimitError", {error, PyExc_RuntimeError}, "A configured limit was exceeded.");
  make_class(m, "CancelledError", {error}, "The run was cancelled.");
  py::register_exception_translator(&translate);
}

} // namespace zonepath::py_bindings
