// One threat actor's part of the analysis: graph, Monte Carlo reach and TTC, likely paths.
#include <algorithm>

#include "analysis_internal.hpp"
#include "zonepath/core/k_shortest_paths.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/core/path_listing.hpp"
#include "zonepath/core/shortest_paths.hpp"
#include "zonepath/core/ttc_simulation.hpp"

namespace zonepath::models::detail {

ThreatRun run_threat(const SiteContext& ctx, const ThreatActor& actor, const std::vector<NodeId>& targets,
                     const AnalysisOptions& opt) {
  const Site& site = *ctx.site;
  SiteGraph sg = [&] {
    const ProgressPhase phase(opt.progress, "attack graph " + actor.id);
    return build_site_graph(ctx, actor);
  }();
  const std::size_t zones = site.zones.size();
  // Simulate every zone network (its likelihood of compromise) and the requested targets.
  std::vector<NodeId> sim_targets;
  for (Index z = 0; z < zones; ++z) sim_targets.push_back(sg.zone_node(z));
  for (NodeId v : targets)
    if (!sg.is_zone(v)) sim_targets.push_back(v);
  TtcSimulationOptions so;
  so.samples = opt.samples;
  so.seed = opt.seed;
  so.horizon_days = actor.time_budget_days;
  so.top_critical_edges = 0;
  so.criticality = false; // not reported: the winning-path walk would cost about 8% of the run
  // Zones alone ask only for the chance of compromise within the actor's time budget.
  so.within_horizon_only = targets.empty() && so.horizon_days.has_value();
  so.cancel = opt.cancel;
  so.progress = opt.progress;
  TtcSimulationResult sim = [&] {
    const ProgressPhase phase(opt.progress, "Monte Carlo " + actor.id, opt.samples);
    return simulate_ttc(sg.graph, sg.sources, sim_targets, so);
  }();

  ThreatRun run;
  auto likelihood = [&](const TtcTarget& t) {
    return so.horizon_days ? t.within_horizon : t.reach_probability;
  };
  for (Index z = 0; z < zones; ++z) run.zone_probability.push_back(likelihood(sim.targets[z]));
  if (targets.empty()) return run;

  auto result_of = [&](NodeId v) -> const TtcTarget& {
    if (sg.is_zone(v)) return sim.targets[v];
    auto it = std::find(sim_targets.begin() + static_cast<std::ptrdiff_t>(zones), sim_targets.end(), v);
    return sim.targets[static_cast<std::size_t>(it - sim_targets.begin())];
  };
  for (NodeId v : targets) {
    const TtcTarget& t = result_of(v);
    TargetResult r;
    r.id = sg.graph.name(v);
    r.threat = actor.id;
    r.reach_probability = t.reach_probability;
    r.ci95 = {t.ci95.lo, t.ci95.hi};
    if (t.hits > 0)
      r.ttc_days = std::array<double, 4>{t.ttc_days.mean, t.ttc_days.p10, t.ttc_days.p50, t.ttc_days.p90};
    if (so.horizon_days) r.within_budget = t.within_horizon;
    run.targets.push_back(std::move(r));
  }

  if (!opt.compute_paths || opt.paths_per_target == 0) return run;
  const ProgressPhase phase(opt.progress, "paths " + actor.id, targets.size());
  ShortestPathOptions spo;
  spo.cancel = opt.cancel;
  const ShortestPathTree forward = shortest_paths_from(sg.graph, sg.sources, spo);
  KShortestOptions ko;
  ko.k = opt.paths_per_target;
  ko.cancel = opt.cancel;
  const std::vector<std::vector<SimplePath>> found =
      k_shortest_paths_each(sg.graph, sg.sources, targets, ko, forward, [&phase] { phase.advance(); });
  // Listed and written as JSON in parallel too, each target's into its own slot; a target that
  // is itself a start has no path to list.
  std::vector<std::vector<PathResult>> per_target(targets.size());
  parallel_for_each_index(
      targets.size(),
      [&](std::size_t t) {
        const NodeId v = targets[t];
        if (std::find(sg.sources.begin(), sg.sources.end(), v) != sg.sources.end()) return;
        for (std::size_t i = 0; i < found[t].size(); ++i) {
          ListedPath lp = list_path(sg.graph, sg.waypoint, found[t][i], v, i + 1);
          per_target[t].push_back(PathResult{actor.id, sg.graph.name(v), i + 1, path_to_json(sg.graph, lp)});
        }
      },
      ParallelOptions{2, 1});
  for (auto& paths : per_target)
    for (auto& p : paths) run.paths.push_back(std::move(p));
  return run;
}

} // namespace zonepath::models::detail
