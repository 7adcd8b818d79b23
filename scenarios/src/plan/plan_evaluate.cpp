// How the planner measures a site: reach of every crown jewel for every actor planned against
// (Monte Carlo, same seed), the SL gaps against fixed targets, and the required flows a change
// would stop.
#include <algorithm>

#include "plan_internal.hpp"
#include "zonepath/core/ttc_simulation.hpp"
#include "zonepath/models/site_graph.hpp"

namespace zonepath::scenarios::detail {

bool under(double p, double threshold) {
  return p < threshold || p <= 0;
}

Evaluation evaluate(const PlanContext& ctx, const models::Site& site) {
  models::SiteContext sctx = models::SiteContext::make(site, {.as_of = ctx.options.as_of});
  Evaluation ev;
  ev.met = true;
  for (const std::string& threat : ctx.threats) {
    const models::ThreatActor& actor = site.threat_actors[site.threat_index(threat)];
    models::SiteGraph sg = models::build_site_graph(sctx, actor);
    std::vector<NodeId> targets;
    for (const auto& id : ctx.jewels) targets.push_back(sg.asset_node(site.asset_index(id)));
    TtcSimulationOptions so;
    so.samples = ctx.options.samples;
    so.seed = ctx.options.seed;
    so.horizon_days = actor.time_budget_days;
    so.criticality = false; // only the targets' likelihoods are used
    so.within_horizon_only = so.horizon_days.has_value();
    so.cancel = ctx.options.cancel;
    TtcSimulationResult sim = simulate_ttc(sg.graph, sg.sources, targets, so);
    for (std::size_t j = 0; j < targets.size(); ++j) {
      double p = so.horizon_days ? sim.targets[j].within_horizon : sim.targets[j].reach_probability;
      ev.reach.push_back(p);
      ev.risk += p * ctx.severity[j];
      ev.met = ev.met && under(p, ctx.threshold[ev.reach.size() - 1]);
    }
  }
  return ev;
}

std::vector<models::RequiredFlow> flows_stopped(const PlanContext& ctx, const models::Site& before,
                                                const models::Site& after) {
  std::vector<models::RequiredFlow> out;
  if (ctx.required.empty()) return out;
  models::AccessMap a = models::AccessMap::compute(before), b = models::AccessMap::compute(after);
  for (const auto& broken : models::broken_required_flows(ctx.required, before, a, after, b))
    out.push_back(broken.flow);
  return out;
}

int gap_against(const models::Site& site, const models::Report& report, const PlanContext& ctx) {
  models::SiteContext sctx = models::SiteContext::make(site, {.as_of = ctx.options.as_of});
  int sum = 0;
  for (const auto& z : report.zones)
    for (int fr = 0; fr < models::kFrCount; ++fr)
      sum += std::max(0, int(z.sl_t[fr]) - int(sctx.levels.zones[z.zone].sl_a[fr]));
  for (const auto& c : report.conduits)
    for (int fr = 0; fr < models::kFrCount; ++fr)
      sum += std::max(0, int(c.sl_t[fr]) - int(sctx.levels.conduits[c.conduit].sl_a[fr]));
  return sum;
}

ScenarioResult apply_operations(const nlohmann::json& site_json, const nlohmann::json& operations,
                                const std::string& name) {
  nlohmann::json sc = {{"schema", kScenarioSchema}, {"id", "plan-step"}, {"operations", operations}};
  return apply_scenario(site_json, scenario_from_json(sc, "<plan>"), name);
}

} // namespace zonepath::scenarios::detail
