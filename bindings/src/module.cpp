// The native half of the `zonepath` Python package. Python code imports `zonepath`, which
// wraps these handles in typed classes; see bindings/python/zonepath/.
#include "common.hpp"

PYBIND11_MODULE(_zonepath, m) {
  m.doc() = "zonepath native engine (use the `zonepath` package, not this module directly)";
  m.attr("__version__") = ZONEPATH_VERSION;
  using namespace zonepath::py_bindings;
  bind_errors(m);
  bind_site(m);
  bind_graph(m);
  bind_graph_arrays(m);
  bind_scenarios(m);
  bind_render(m);
}
