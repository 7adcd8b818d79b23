// Graph: the raw engine (zonepath/graph/v1 documents, or a site's attack graph for one threat
// actor) with paths, reach and simulate returning the CLI's JSON documents as dicts.
#include <pybind11/stl.h>

#include "common.hpp"
#include "graph_handle.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/json_document.hpp"

namespace zonepath::py_bindings {
namespace {

using Names = std::optional<std::vector<std::string>>;

std::shared_ptr<GraphHandle> graph_from_document(const JsonDocument& doc) {
  auto h = std::make_shared<GraphHandle>();
  h->graph = std::make_shared<const AttackGraph>(load_graph(doc));
  h->name = doc.name();
  return h;
}

// A file or text: the fast reader when it takes it, else the checking reader (located errors).
std::shared_ptr<GraphHandle> graph_from_text(std::string text, std::string name) {
  if (auto fast = read_graph_fast(text)) {
    auto h = std::make_shared<GraphHandle>();
    h->graph = std::make_shared<const AttackGraph>(std::move(*fast));
    h->name = std::move(name);
    return h;
  }
  return graph_from_document(JsonDocument::parse(std::move(text), std::move(name)));
}

py::list names(const AttackGraph& g, const std::vector<NodeId>& ids) {
  py::list out;
  for (NodeId v : ids) out.append(g.name(v));
  return out;
}

} // namespace

void bind_graph(py::module_& m) {
  py::class_<GraphHandle, std::shared_ptr<GraphHandle>>(m, "GraphHandle")
      .def_static("load",
                  [](const std::string& path) {
                    return call_interruptible([&](const CancelToken*) {
                      return graph_from_text(JsonDocument::read_text(path), path);
                    });
                  })
      .def_static("parse",
                  [](std::string text, std::string name) {
                    return call_interruptible([&](const CancelToken*) {
                      return graph_from_text(std::move(text), std::move(name));
                    });
                  })
      .def_static("from_value",
                  [](py::handle value, std::string name) {
                    return graph_from_document(JsonDocument::from_value(from_python(value), std::move(name)));
                  })
      .def_property_readonly("name", [](const GraphHandle& h) { return h.name; })
      .def_property_readonly("threat", [](const GraphHandle& h) { return h.threat; })
      .def_property_readonly("node_count", [](const GraphHandle& h) { return h.graph->node_count(); })
      .def_property_readonly("edge_count", [](const GraphHandle& h) { return h.graph->edge_count(); })
      .def_property_readonly("sources", [](const GraphHandle& h) { return names(*h.graph, h.sources); })
      .def_property_readonly(
          "default_targets",
          [](const GraphHandle& h) { return names(*h.graph, h.targets_or_default(std::nullopt, h.sources)); })
      .def("node_names",
           [](const GraphHandle& h) {
             py::list out;
             for (NodeId v = 0; v < h.graph->node_count(); ++v) out.append(h.graph->name(v));
             return out;
           })
      .def("to_value", [](const GraphHandle& h) { return to_python(graph_to_json(*h.graph)); })
      .def(
          "paths",
          [](const GraphHandle& h, const Names& from, const Names& to, std::size_t k, std::string by) {
            auto sources = h.sources_or_default(from);
            auto targets = h.targets_or_default(to, sources);
            PathsQuery q{k, std::move(by)};
            return to_python(call_interruptible(
                [&](const CancelToken* c) { return run_paths(h, sources, targets, q, c); }));
          },
          py::arg("sources"), py::arg("targets"), py::arg("k"), py::arg("by"))
      .def(
          "reach",
          [](const GraphHandle& h, const Names& from, const Names& to, std::string method,
             std::uint64_t samples, std::uint64_t seed, std::size_t exact_limit, py::object progress) {
            auto sources = h.sources_or_default(from);
            auto targets = h.targets_or_default(to, sources);
            ReachQuery q{std::move(method), samples, seed, exact_limit};
            return to_python(call_with_progress(progress, [&](const CancelToken* c, ProgressReporter* p) {
              return run_reach(h, sources, targets, q, c, p);
            }));
          },
          py::arg("sources"), py::arg("targets"), py::arg("method"), py::arg("samples"), py::arg("seed"),
          py::arg("exact_limit"), py::arg("progress") = py::none())
      .def(
          "simulate",
          [](const GraphHandle& h, const Names& from, const Names& to, std::uint64_t samples,
             std::uint64_t seed, std::optional<double> horizon_days, std::size_t critical_edges,
             py::object progress) {
            auto sources = h.sources_or_default(from);
            auto targets = h.targets_or_default(to, sources);
            SimulateQuery q{samples, seed, horizon_days, critical_edges};
            return to_python(call_with_progress(progress, [&](const CancelToken* c, ProgressReporter* p) {
              return run_simulate(h, sources, targets, q, c, p);
            }));
          },
          py::arg("sources"), py::arg("targets"), py::arg("samples"), py::arg("seed"),
          py::arg("horizon_days"), py::arg("critical_edges"), py::arg("progress") = py::none());
}

} // namespace zonepath::py_bindings
