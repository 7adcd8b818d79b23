#include "zonepath/core/result_json.hpp"

#include <algorithm>
#include <cmath>

namespace zonepath {

using nlohmann::json;

namespace {
// A statistic of zero successful samples is NaN: JSON has no NaN, so it becomes null.
json number_or_null(double x) {
  return std::isnan(x) ? json(nullptr) : json(x);
}
} // namespace

json reach_detail_to_json(const ReachResult& r) {
  if (r.method == ReachMethod::MonteCarlo)
    return {{"reason", r.fallback_reason.empty() ? "requested with --samples" : r.fallback_reason}};
  // Summed over targets, except the sizes where the largest is what matters.
  ExactReachDetail sum;
  for (const auto& t : r.targets) {
    const auto& d = t.exact;
    sum.relevant_nodes = std::max(sum.relevant_nodes, d.relevant_nodes);
    sum.relevant_edges = std::max(sum.relevant_edges, d.relevant_edges);
    sum.reduced_edges = std::max(sum.reduced_edges, d.reduced_edges);
    sum.uncertain_edges = std::max(sum.uncertain_edges, d.uncertain_edges);
    sum.series += d.series;
    sum.parallel += d.parallel;
    sum.merges += d.merges;
    sum.factoring_steps += d.factoring_steps;
    sum.memo_hits += d.memo_hits;
  }
  return {{"max_relevant_nodes", sum.relevant_nodes},
          {"max_relevant_edges", sum.relevant_edges},
          {"max_reduced_edges", sum.reduced_edges},
          {"max_uncertain_edges", sum.uncertain_edges},
          {"series_reductions", sum.series},
          {"parallel_reductions", sum.parallel},
          {"node_merges", sum.merges},
          {"factoring_steps", sum.factoring_steps},
          {"memo_hits", sum.memo_hits}};
}

json reach_to_json(const AttackGraph& g, const ReachResult& r, const std::string& threat) {
  json list = json::array();
  for (const auto& t : r.targets)
    list.push_back(
        {{"id", g.name(t.node)}, {"probability", t.probability}, {"ci95", {t.ci95.lo, t.ci95.hi}}});
  json out = {{"method", to_string(r.method)},
              {"samples", r.samples},
              {"seed", r.seed},
              {"targets", list},
              {"detail", reach_detail_to_json(r)}};
  if (!threat.empty()) out["threat"] = threat;
  return out;
}

json ttc_simulation_to_json(const AttackGraph& g, const TtcSimulationResult& r, const std::string& threat) {
  json targets = json::array();
  for (const auto& t : r.targets) {
    json j = {{"id", g.name(t.node)},
              {"reach_probability", t.reach_probability},
              {"ci95", {t.ci95.lo, t.ci95.hi}},
              {"ttc_days",
               {{"mean", number_or_null(t.ttc_days.mean)},
                {"p10", number_or_null(t.ttc_days.p10)},
                {"p50", number_or_null(t.ttc_days.p50)},
                {"p90", number_or_null(t.ttc_days.p90)}}}};
    if (r.horizon_days) {
      j["within_horizon"] = t.within_horizon;
      j["within_horizon_ci95"] = {t.within_horizon_ci95.lo, t.within_horizon_ci95.hi};
    }
    targets.push_back(std::move(j));
  }
  json edges = json::array();
  for (const auto& c : r.critical_edges)
    edges.push_back({{"from", g.name(g.from(c.edge))},
                     {"to", g.name(g.to(c.edge))},
                     {"via", g.via(c.edge)},
                     {"technique", g.technique(c.edge)},
                     {"criticality", c.criticality}});
  json out = {{"samples", r.samples}, {"seed", r.seed}};
  if (!threat.empty()) out["threat"] = threat;
  if (r.horizon_days) out["horizon_days"] = *r.horizon_days;
  out["targets"] = std::move(targets);
  out["critical_edges"] = std::move(edges);
  return out;
}

} // namespace zonepath
