// Graph.from_arrays and the per-node results as NumPy arrays: the graph comes from edge
// columns without a Python call per edge, and distances and reach come back as float64 arrays
// indexed by node id. Arguments are checked once, with a ValueError that names the argument
// and the index of the first bad value; the engine runs with the GIL released.
#include <pybind11/numpy.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "common.hpp"
#include "graph_handle.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/monte_carlo.hpp"
#include "zonepath/core/shortest_paths.hpp"

namespace zonepath::py_bindings {
namespace {

using Ids = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using Reals = py::array_t<double, py::array::c_style | py::array::forcecast>;

// An array argument of one of the NumPy kinds in `kinds` ('i', 'u', 'f', ...), converted to
// T; a value of another kind (a float array as node ids, strings as p) is a ValueError rather
// than a silent conversion.
template <class Array> Array column(py::handle value, const char* name, std::string_view kinds) {
  py::array a = py::array::ensure(value);
  if (!a) throw py::value_error(std::string(name) + " must be a NumPy array or a sequence of numbers");
  if (a.ndim() != 1) throw py::value_error(std::string(name) + " must be one-dimensional");
  if (kinds.find(a.dtype().kind()) == std::string_view::npos)
    throw py::value_error(std::string(name) + " has dtype " + py::str(a.dtype()).cast<std::string>() +
                          (kinds == "iu" ? ", not integer node ids" : ", not numbers"));
  return Array::ensure(a);
}

struct ArrayColumns {
  Ids src, dst;
  Reals p;
  std::optional<Reals> ttc, cost;
  std::size_t m = 0;
};

// "p[3] = 1.5: p must be within [0, 1]"; built without the GIL, so no Python repr.
std::string bad_value(const char* name, std::size_t i, double v, const char* rule) {
  char text[32] = "nan";
  if (!std::isnan(v)) *std::to_chars(text, text + sizeof text - 1, v).ptr = '\0';
  return std::string(name) + "[" + std::to_string(i) + "] = " + text + ": " + rule;
}

// The first edge whose endpoint has no name: "dst[7] = 12: no such node, ...".
[[noreturn]] void unnamed_node(const ArrayColumns& c, std::size_t count) {
  for (const char* name : {"src", "dst"}) {
    const std::int64_t* ids = name[0] == 's' ? c.src.data() : c.dst.data();
    for (std::size_t i = 0; i < c.m; ++i)
      if (static_cast<std::size_t>(ids[i]) >= count)
        throw py::value_error(std::string(name) + "[" + std::to_string(i) + "] = " + std::to_string(ids[i]) +
                              ": no such node, names has " + std::to_string(count) + " entries");
  }
  throw py::value_error("names has too few entries");
}

// Node names: the given strings (non-empty, unique), or the decimal node ids.
std::vector<std::string> node_names(const py::object& names, std::size_t max_id_plus_one) {
  std::vector<std::string> out;
  if (names.is_none()) {
    out.reserve(max_id_plus_one);
    for (std::size_t v = 0; v < max_id_plus_one; ++v) out.push_back(std::to_string(v));
    return out;
  }
  if (py::isinstance<py::str>(names)) throw py::value_error("names must be a sequence of str, not one str");
  std::size_t i = 0;
  for (py::handle item : names) {
    if (!py::isinstance<py::str>(item))
      throw py::value_error("names[" + std::to_string(i) + "] is " +
                            py::str(py::type::handle_of(item).attr("__name__")).cast<std::string>() +
                            ", not str");
    out.push_back(item.cast<std::string>());
    ++i;
  }
  std::unordered_map<std::string_view, std::size_t> seen;
  seen.reserve(out.size());
  for (std::size_t v = 0; v < out.size(); ++v) {
    if (out[v].empty()) throw py::value_error("names[" + std::to_string(v) + "] is empty");
    if (auto [it, fresh] = seen.emplace(out[v], v); !fresh)
      throw py::value_error("names[" + std::to_string(v) + "] = '" + out[v] + "' repeats names[" +
                            std::to_string(it->second) + "]");
  }
  return out;
}

ArrayColumns edge_columns(py::handle src, py::handle dst, py::handle p, py::handle ttc, py::handle cost) {
  ArrayColumns c{
      column<Ids>(src, "src", "iu"), column<Ids>(dst, "dst", "iu"), column<Reals>(p, "p", "iuf"), {}, {}, 0};
  c.m = static_cast<std::size_t>(c.src.size());
  if (!ttc.is_none()) c.ttc = column<Reals>(ttc, "ttc", "iuf");
  if (!cost.is_none()) c.cost = column<Reals>(cost, "cost", "iuf");
  auto same_length = [&](const py::array& a, const char* name) {
    if (static_cast<std::size_t>(a.size()) != c.m)
      throw py::value_error(std::string(name) + " has " + std::to_string(a.size()) + " elements, src has " +
                            std::to_string(c.m));
  };
  same_length(c.dst, "dst");
  same_length(c.p, "p");
  if (c.ttc) same_length(*c.ttc, "ttc");
  if (c.cost) same_length(*c.cost, "cost");
  return c;
}

// Largest node id + 1 after checking every id; runs without the GIL (plain loops over the
// buffers, which the caller's arrays keep alive).
std::size_t check_ids(const std::int64_t* ids, std::size_t m, const char* name) {
  std::int64_t top = -1;
  for (std::size_t i = 0; i < m; ++i) {
    if (ids[i] < 0 || ids[i] >= std::int64_t(kNoNode))
      throw py::value_error(std::string(name) + "[" + std::to_string(i) + "] = " + std::to_string(ids[i]) +
                            ": node ids must be within [0, 2^32 - 1)");
    top = std::max(top, ids[i]);
  }
  return static_cast<std::size_t>(top + 1);
}

void check_values(const double* x, std::size_t m, const char* name, bool (*ok)(double), const char* rule) {
  for (std::size_t i = 0; i < m; ++i)
    if (!ok(x[i])) throw py::value_error(bad_value(name, i, x[i], rule));
}

AttackGraph build_graph(const ArrayColumns& c, std::vector<std::string> names) {
  AttackGraphBuilder builder;
  builder.reserve(names.size(), 0);
  for (auto& name : names) builder.add_node(NodeSpec{std::move(name)});
  zonepath::EdgeColumns edges;
  const std::size_t m = c.m;
  edges.from.assign(c.src.data(), c.src.data() + m); // int64 -> uint32, checked before
  edges.to.assign(c.dst.data(), c.dst.data() + m);
  edges.p.assign(c.p.data(), c.p.data() + m);
  if (c.cost)
    edges.cost.assign(c.cost->data(), c.cost->data() + m);
  else
    edges.cost.assign(m, 1.0);
  edges.ttc.resize(m, default_ttc());
  if (c.ttc)
    for (std::size_t i = 0; i < m; ++i) edges.ttc[i] = TtcDistribution::exponential(c.ttc->data()[i]);
  edges.technique.assign(m, 0);
  edges.via.assign(m, 0);
  edges.detail.assign(m, 0);
  return builder.build(std::move(edges));
}

std::shared_ptr<GraphHandle> from_arrays(py::handle src, py::handle dst, py::handle p, py::handle ttc,
                                         py::handle cost, const py::object& names) {
  ArrayColumns c = edge_columns(src, dst, p, ttc, cost);
  std::size_t n = 0;
  {
    py::gil_scoped_release release;
    n = std::max(check_ids(c.src.data(), c.m, "src"), check_ids(c.dst.data(), c.m, "dst"));
    check_values(
        c.p.data(), c.m, "p", [](double x) { return x >= 0 && x <= 1; }, "p must be within [0, 1]");
    if (c.ttc)
      check_values(
          c.ttc->data(), c.m, "ttc", [](double x) { return std::isfinite(x) && x > 0; },
          "the mean time to compromise must be finite and > 0");
    if (c.cost)
      check_values(
          c.cost->data(), c.m, "cost", [](double x) { return std::isfinite(x) && x >= 0; },
          "cost must be finite and >= 0");
  }
  std::vector<std::string> labels = node_names(names, n);
  if (labels.size() < n) unnamed_node(c, labels.size());
  auto h = std::make_shared<GraphHandle>();
  h->name = "<arrays>";
  h->graph = std::make_shared<const AttackGraph>(
      call_interruptible([&](const CancelToken*) { return build_graph(c, std::move(labels)); }));
  return h;
}

py::array_t<double> to_numpy(std::vector<double> values) {
  auto* owned = new std::vector<double>(std::move(values));
  py::capsule free(owned, [](void* v) { delete static_cast<std::vector<double>*>(v); });
  return py::array_t<double>(static_cast<py::ssize_t>(owned->size()), owned->data(), free);
}

py::array_t<double> distances(const GraphHandle& h, const std::optional<std::vector<std::string>>& from,
                              const std::string& by) {
  auto sources = h.sources_or_default(from);
  auto metric = parse_metric(by);
  if (!metric) throw AnalysisError("by must be 'likelihood' or 'time', not '" + by + "'");
  return to_numpy(call_interruptible([&](const CancelToken* cancel) {
    ShortestPathOptions opt;
    opt.metric = *metric;
    opt.cancel = cancel;
    return shortest_paths_from(*h.graph, sources, opt).dist;
  }));
}

py::array_t<double> reach_per_node(const GraphHandle& h, const std::optional<std::vector<std::string>>& from,
                                   std::uint64_t samples, std::uint64_t seed) {
  auto sources = h.sources_or_default(from);
  return to_numpy(call_interruptible([&](const CancelToken* cancel) {
    std::vector<NodeId> every(h.graph->node_count());
    std::iota(every.begin(), every.end(), NodeId{0});
    MonteCarloReachOptions opt;
    opt.samples = samples;
    opt.seed = seed;
    opt.cancel = cancel;
    MonteCarloReachResult r = monte_carlo_reach(*h.graph, sources, every, opt);
    std::vector<double> out(r.targets.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = r.targets[i].probability;
    return out;
  }));
}

} // namespace

void bind_graph_arrays(py::module_& m) {
  auto cls =
      py::reinterpret_borrow<py::class_<GraphHandle, std::shared_ptr<GraphHandle>>>(m.attr("GraphHandle"));
  cls.def_static("from_arrays", &from_arrays, py::arg("src"), py::arg("dst"), py::arg("p"), py::arg("ttc"),
                 py::arg("cost"), py::arg("names"))
      .def("distances", &distances, py::arg("sources"), py::arg("by"))
      .def("reach_per_node", &reach_per_node, py::arg("sources"), py::arg("samples"), py::arg("seed"));
}

} // namespace zonepath::py_bindings
