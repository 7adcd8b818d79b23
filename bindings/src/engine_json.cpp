// The raw-engine queries behind Graph.paths / reach / simulate. Each mirrors the CLI command
// of the same name (tools/cmd_paths.cpp, cmd_reach.cpp, cmd_simulate.cpp) so that Python and
// `--json` give equal documents; tests/python/test_graph_api.py checks that they do.
#include <algorithm>

#include "graph_handle.hpp"
#include "zonepath/core/json_checker.hpp"
#include "zonepath/core/k_shortest_paths.hpp"
#include "zonepath/core/path_listing.hpp"
#include "zonepath/core/reach_probability.hpp"
#include "zonepath/core/result_json.hpp"
#include "zonepath/core/shortest_paths.hpp"
#include "zonepath/core/ttc_simulation.hpp"

namespace zonepath::py_bindings {

using nlohmann::json;

std::vector<NodeId> GraphHandle::resolve(const std::vector<std::string>& names, const char* what) const {
  std::vector<NodeId> out;
  for (const auto& name : names) {
    NodeId v = graph->find(name);
    if (v == kNoNode) {
      std::vector<std::string_view> known;
      if (graph->node_count() <= 20000)
        for (NodeId u = 0; u < graph->node_count(); ++u) known.push_back(graph->name(u));
      std::string near = did_you_mean(name, known);
      throw GraphError(name_prefix() + "unknown " + what + " node '" + name + "'" +
                       (near.empty() ? "" : " (did you mean '" + near + "'?)"));
    }
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

std::vector<NodeId>
GraphHandle::sources_or_default(const std::optional<std::vector<std::string>>& from) const {
  if (from) {
    if (from->empty()) throw GraphError(name_prefix() + "at least one source node is needed");
    return resolve(*from, "source");
  }
  if (sources.empty())
    throw GraphError(name_prefix() + "a raw attack graph needs at least one source node (sources=...)");
  return sources;
}

std::vector<NodeId> GraphHandle::targets_or_default(const std::optional<std::vector<std::string>>& to,
                                                    const std::vector<NodeId>& src) const {
  if (to) return resolve(*to, "target");
  if (!waypoint.empty()) return default_targets; // site graph: the crown jewels
  std::vector<NodeId> out;
  for (NodeId v = 0; v < graph->node_count(); ++v)
    if (graph->out_begin(v) == graph->out_end(v) && std::find(src.begin(), src.end(), v) == src.end())
      out.push_back(v);
  return out;
}

json run_paths(const GraphHandle& h, const std::vector<NodeId>& sources, const std::vector<NodeId>& targets,
               const PathsQuery& q, const CancelToken* cancel) {
  const AttackGraph& g = *h.graph;
  auto metric = parse_metric(q.by);
  if (!metric) throw AnalysisError("by must be 'likelihood' or 'time', not '" + q.by + "'");
  if (q.k < 1) throw AnalysisError("k must be at least 1");
  return ranked_paths_to_json(g, ranked_paths(g, h.waypoint, sources, targets, q.k, *metric, cancel));
}

json run_reach(const GraphHandle& h, const std::vector<NodeId>& sources, const std::vector<NodeId>& targets,
               const ReachQuery& q, const CancelToken* cancel, ProgressReporter* progress) {
  ReachOptions opt;
  if (q.method == "auto")
    opt.method = ReachMethod::Auto;
  else if (q.method == "exact")
    opt.method = ReachMethod::Exact;
  else if (q.method == "monte-carlo")
    opt.method = ReachMethod::MonteCarlo;
  else
    throw AnalysisError("method must be 'auto', 'exact' or 'monte-carlo', not '" + q.method + "'");
  opt.samples = q.samples;
  opt.seed = q.seed;
  opt.exact.max_uncertain_edges = q.exact_limit;
  opt.cancel = cancel;
  opt.progress = progress;
  ReachResult r = reach_probability(*h.graph, sources, targets, opt);
  return reach_to_json(*h.graph, r, h.threat);
}

json run_simulate(const GraphHandle& h, const std::vector<NodeId>& sources,
                  const std::vector<NodeId>& targets, const SimulateQuery& q, const CancelToken* cancel,
                  ProgressReporter* progress) {
  const AttackGraph& g = *h.graph;
  TtcSimulationOptions opt;
  opt.samples = q.samples;
  opt.seed = q.seed;
  opt.horizon_days = q.horizon_days;
  opt.top_critical_edges = q.critical_edges;
  opt.cancel = cancel;
  opt.progress = progress;
  TtcSimulationResult r = [&] {
    const ProgressPhase phase(progress, "Monte Carlo", q.samples); // as `zonepath simulate`
    return simulate_ttc(g, sources, targets, opt);
  }();
  return ttc_simulation_to_json(g, r, h.threat);
}

} // namespace zonepath::py_bindings
