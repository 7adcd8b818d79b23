// JSON documents cross the boundary as plain Python objects, so that results compare equal to
// json.loads() of the CLI's --json output (same keys, same doubles).
#include <cmath>

#include "common.hpp"
#include "zonepath/core/json_document.hpp"

namespace zonepath::py_bindings {

py::object to_python(const nlohmann::json& v) {
  using T = nlohmann::json::value_t;
  switch (v.type()) {
  case T::null:
  case T::discarded:
    return py::none();
  case T::boolean:
    return py::bool_(v.get<bool>());
  case T::number_integer:
    return py::int_(v.get<std::int64_t>());
  case T::number_unsigned:
    return py::int_(v.get<std::uint64_t>());
  case T::number_float: {
    // nlohmann dumps NaN and infinities as null: keep the same view of the data.
    double x = v.get<double>();
    return std::isfinite(x) ? py::object(py::float_(x)) : py::object(py::none());
  }
  case T::string:
    return py::str(v.get_ref<const std::string&>());
  case T::binary:
    return py::none();
  case T::array: {
    py::list out(v.size());
    std::size_t i = 0;
    for (const auto& item : v) out[i++] = to_python(item);
    return out;
  }
  case T::object: {
    py::dict out;
    for (auto it = v.begin(); it != v.end(); ++it) out[py::str(it.key())] = to_python(it.value());
    return out;
  }
  }
  return py::none();
}

namespace {

// A dict or list that contains itself, or nests 100,000 deep, would recurse until the C stack
// overflows: the nesting limit of JSON files applies to Python values too.
void check_depth(int depth, const std::string& where) {
  const int limit = JsonLimits{}.max_depth;
  if (depth <= limit) return;
  Diagnostic d;
  d.file = "<value>";
  d.pointer = where.size() > 200 ? where.substr(0, 200) + "..." : where;
  d.message = "nesting deeper than the limit of " + std::to_string(limit) +
              " levels (a dict or list that contains itself?)";
  throw ParseError(d);
}

// The UTF-8 of a str. A lone surrogate (what surrogateescape leaves of undecodable bytes) has
// none; pybind11 would report only "Unable to cast Python instance to C++ type".
std::string utf8(py::handle s, const std::string& where) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(s.ptr(), &size);
  if (!data) {
    PyErr_Clear();
    throw py::value_error("string is not valid Unicode (a lone surrogate, as from undecodable bytes?) at " +
                          (where.empty() ? std::string("/") : where));
  }
  return std::string(data, static_cast<std::size_t>(size));
}

nlohmann::json convert(py::handle v, const std::string& where, int depth) {
  if (v.is_none()) return nullptr;
  if (py::isinstance<py::bool_>(v)) return v.cast<bool>();
  if (py::isinstance<py::int_>(v) || (!py::isinstance<py::float_>(v) && py::hasattr(v, "__index__"))) {
    py::int_ i = py::reinterpret_steal<py::int_>(PyNumber_Index(v.ptr()));
    if (!i) throw py::error_already_set();
    int overflow = 0;
    long long s = PyLong_AsLongLongAndOverflow(i.ptr(), &overflow);
    if (overflow == 0) return static_cast<std::int64_t>(s);
    if (overflow > 0) {
      unsigned long long u = PyLong_AsUnsignedLongLong(i.ptr());
      if (!PyErr_Occurred()) return static_cast<std::uint64_t>(u);
      PyErr_Clear();
    }
    throw py::value_error("integer out of range at " + (where.empty() ? std::string("/") : where));
  }
  if (py::isinstance<py::float_>(v)) return v.cast<double>();
  if (py::isinstance<py::str>(v)) return utf8(v, where);
  if (py::isinstance<py::dict>(v) || py::hasattr(v, "keys")) {
    check_depth(depth, where);
    nlohmann::json out = nlohmann::json::object();
    py::object items = v.attr("items")();
    for (py::handle kv : items) {
      py::tuple pair = py::reinterpret_borrow<py::tuple>(kv);
      if (!py::isinstance<py::str>(pair[0]))
        throw py::type_error("JSON object keys must be str, got " +
                             std::string(py::str(py::type::handle_of(pair[0]).attr("__name__"))) + " at " +
                             (where.empty() ? std::string("/") : where));
      std::string key = utf8(pair[0], where);
      out[key] = convert(pair[1], where + "/" + pointer_token(key), depth + 1);
    }
    return out;
  }
  if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v)) {
    check_depth(depth, where);
    nlohmann::json out = nlohmann::json::array();
    std::size_t i = 0;
    for (py::handle item : v) out.push_back(convert(item, where + "/" + std::to_string(i++), depth + 1));
    return out;
  }
  if (py::hasattr(v, "__float__")) return v.attr("__float__")().cast<double>();
  throw py::type_error("cannot convert " + std::string(py::str(py::type::handle_of(v).attr("__name__"))) +
                       " to JSON at " + (where.empty() ? std::string("/") : where));
}

} // namespace

nlohmann::json from_python(py::handle value) {
  return convert(value, "", 1);
}

py::dict diagnostic_to_python(const Diagnostic& d) {
  return to_python(nlohmann::json(d));
}

py::dict progress_event_to_python(const ProgressEvent& e) {
  py::dict out;
  out["event"] = std::string(to_string(e.kind));
  out["phase"] = e.phase;
  out["depth"] = e.depth;
  out["done"] = e.done;
  out["total"] = e.total;
  out["elapsed"] = e.elapsed;
  out["eta"] = e.eta ? py::object(py::float_(*e.eta)) : py::object(py::none());
  return out;
}

} // namespace zonepath::py_bindings
