// The planner's main loop: greedy reach phase over min-cut candidates, gap phase by set
// cover, ordering, and verification of the plan as a scenario.
#include <algorithm>
#include <cmath>
#include <limits>

#include "plan_internal.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/limits.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/core/ttc_simulation.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/consequence_model.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/models/site_loader.hpp"

namespace zonepath::scenarios {

namespace detail {

bool under(double p, double threshold) {
  return p < threshold || p <= 0;
}

Evaluation evaluate(const PlanContext& ctx, const models::Site& site) {
  models::SiteContext sctx = models::SiteContext::make(site, {.as_of = ctx.options.as_of});
  const models::ThreatActor& actor = site.threat_actors[site.threat_index(ctx.options.threat)];
  models::SiteGraph sg = models::build_site_graph(sctx, actor);
  std::vector<NodeId> targets;
  for (const auto& id : ctx.jewels) targets.push_back(sg.asset_node(site.asset_index(id)));
  TtcSimulationOptions so;
  so.samples = ctx.options.samples;
  so.seed = ctx.options.seed;
  so.horizon_days = actor.time_budget_days;
  so.top_critical_edges = 0;
  so.cancel = ctx.options.cancel;
  TtcSimulationResult sim = simulate_ttc(sg.graph, sg.sources, targets, so);
  Evaluation ev;
  ev.met = true;
  for (std::size_t j = 0; j < targets.size(); ++j) {
    double p = so.horizon_days ? sim.targets[j].within_horizon : sim.targets[j].reach_probability;
    ev.reach.push_back(p);
    ev.risk += p * ctx.severity[j];
    ev.met = ev.met && under(p, ctx.threshold[j]);
  }
  return ev;
}

ScenarioResult apply_operations(const nlohmann::json& site_json, const nlohmann::json& operations,
                                const std::string& name) {
  nlohmann::json sc = {{"schema", kScenarioSchema}, {"id", "plan-step"}, {"operations", operations}};
  return apply_scenario(site_json, scenario_from_json(sc, "<plan>"), name);
}

} // namespace detail

namespace {

using namespace detail;
using json = nlohmann::json;

// Highest reach probability whose likelihood band keeps the risk tolerable for `severity`.
double tolerable_threshold(const models::ConsequenceModel& cm, int severity) {
  for (int level = 1; level <= 5; ++level)
    if (!cm.tolerable(cm.risk_level(level, severity)))
      return level == 1 ? 0.0 : cm.likelihood_lower_bounds[level - 2];
  return 1.0 + 1e-9; // never intolerable
}

models::Report analyse(const models::Site& site, const PlanContext& ctx) {
  models::AnalysisOptions ao;
  ao.threats = {ctx.options.threat};
  ao.targets = ctx.jewels;
  ao.samples = ctx.options.samples;
  ao.seed = ctx.options.seed;
  ao.as_of = ctx.options.as_of;
  ao.compute_paths = false;
  ao.cancel = ctx.options.cancel;
  if (ctx.jewels.empty()) ao.targets.clear();
  return models::analyze_site(site, ao);
}

std::vector<double> jewel_reach(const models::Report& r, const PlanContext& ctx) {
  std::vector<double> out;
  for (const auto& id : ctx.jewels)
    for (const auto& t : r.targets)
      if (t.id == id) out.push_back(t.within_budget ? *t.within_budget : t.reach_probability);
  return out;
}

int total_gap(const models::Report& r) {
  int s = 0;
  for (const auto& z : r.zones)
    for (auto g : z.gap) s += g;
  return s;
}

bool fits(const Plan& plan, double cost, const PlanOptions& o) {
  return !o.budget || plan.total_cost + cost <= *o.budget + 1e-9;
}

void take(Plan& plan, PlanAction a, double before, double after) {
  a.risk_before = before;
  a.risk_after = after;
  a.reduction_per_cost = a.cost > 0 ? (before - after) / a.cost : 0;
  plan.total_cost += a.cost;
  plan.actions.push_back(std::move(a));
}

// The site as the plan has changed it so far, and its evaluation.
struct PlanState {
  json site_json;
  models::SitePtr site;
  Evaluation now;

  void advance(ScenarioResult r, Evaluation ev) {
    site_json = std::move(r.site_json);
    site = std::move(r.site);
    now = std::move(ev);
  }
};

// Crown jewels of the base site with their severity and the reach line each must end under.
void add_crown_jewels(PlanContext& ctx, const models::Site& base) {
  const models::ConsequenceModel cm = models::load_consequence_model(base.consequence_model);
  for (models::Index a : models::crown_jewels(base)) {
    int sev = models::ConsequenceModel::max_severity(base.effective_consequence(a));
    ctx.jewels.push_back(base.assets[a].id);
    ctx.severity.push_back(sev);
    ctx.threshold.push_back(ctx.options.target_probability ? *ctx.options.target_probability
                                                           : tolerable_threshold(cm, sev));
  }
}

// Phase 1: block steps until every crown jewel is under its line, taking each time the
// candidate with the largest risk reduction per unit cost.
void reach_phase(const PlanContext& ctx, Plan& plan, PlanState& state) {
  const PlanOptions& opt = ctx.options;
  for (std::size_t step = 0; step < opt.max_actions && !state.now.met; ++step) {
    if (opt.cancel) opt.cancel->throw_if_cancelled();
    std::vector<PlanAction> cands = reach_candidates(ctx, *state.site, state.now);
    int best = -1;
    double best_ratio = 0;
    ScenarioResult best_result;
    Evaluation best_eval;
    for (std::size_t i = 0; i < cands.size(); ++i) {
      if (!fits(plan, cands[i].cost, opt)) continue;
      ScenarioResult r = apply_operations(state.site_json, cands[i].operations, ctx.site_name);
      Evaluation ev = evaluate(ctx, *r.site);
      double ratio = (state.now.risk - ev.risk) / std::max(cands[i].cost, 1e-9);
      if (state.now.risk - ev.risk <= 1e-12) continue;
      if (best < 0 || ratio > best_ratio + 1e-12) {
        best = int(i);
        best_ratio = ratio;
        best_result = std::move(r);
        best_eval = std::move(ev);
      }
    }
    if (best < 0) {
      plan.unmet.push_back(cands.empty()
                               ? "no action can cut the remaining paths (they run through uncuttable steps: "
                                 "a held host's own network or legitimate management)"
                               : "no affordable action lowers the risk further" +
                                     std::string(opt.budget ? " within the budget" : ""));
      return;
    }
    take(plan, cands[best], state.now.risk, best_eval.risk);
    state.advance(std::move(best_result), std::move(best_eval));
  }
}

// Phase 2: close the SL gaps, most risk reduction per unit cost first.
void gap_phase(const PlanContext& ctx, Plan& plan, PlanState& state) {
  std::vector<PlanAction> gaps = gap_actions(ctx, *state.site, analyse(*state.site, ctx));
  // Most actions close gaps without moving the simulated risk (equal ratios of 0): among
  // equal risk reductions per cost, the one closing the most requirements per cost goes first.
  struct Rank {
    double risk_per_cost, closed_per_cost;
    std::size_t index;
  };
  std::vector<Rank> order;
  for (std::size_t i = 0; i < gaps.size(); ++i) {
    Evaluation ev = evaluate(ctx, *apply_operations(state.site_json, gaps[i].operations, ctx.site_name).site);
    const double cost = std::max(gaps[i].cost, 1e-9);
    order.push_back(
        {(state.now.risk - ev.risk) / cost, static_cast<double>(gaps[i].closes.size()) / cost, i});
  }
  std::stable_sort(order.begin(), order.end(), [](const Rank& a, const Rank& b) {
    if (std::abs(a.risk_per_cost - b.risk_per_cost) > 1e-12) return a.risk_per_cost > b.risk_per_cost;
    return a.closed_per_cost > b.closed_per_cost + 1e-12;
  });
  for (const auto& [ratio, closed, i] : order) {
    if (!fits(plan, gaps[i].cost, ctx.options)) {
      plan.unmet.push_back("over budget: " + gaps[i].description);
      continue;
    }
    ScenarioResult r = apply_operations(state.site_json, gaps[i].operations, ctx.site_name);
    Evaluation ev = evaluate(ctx, *r.site);
    take(plan, gaps[i], state.now.risk, ev.risk);
    state.advance(std::move(r), std::move(ev));
  }
}

// The plan as a zonepath/scenario/v1 document: every action's operations, in plan order.
json plan_scenario(const Plan& plan, const std::string& threat, const std::string& base_id) {
  json ops = json::array();
  for (const auto& a : plan.actions)
    for (const auto& op : a.operations) {
      json o = op;
      o["description"] = a.description;
      ops.push_back(std::move(o));
    }
  return {{"schema", kScenarioSchema},
          {"id", "plan-" + threat},
          {"name", "Remediation plan against " + threat},
          {"description", "Generated by zonepath plan; replace TBD change records with real ones."},
          {"base", base_id},
          {"operations", ops}};
}

// Promised: the planner's own site. Achieved: the plan written out, applied and re-run. The
// plan is verified when both give the same reach and gaps.
void verify(const PlanContext& ctx, Plan& plan, const models::Site& base, const models::Site& planned,
            const json& site_json) {
  models::Report before = analyse(base, ctx), promised = analyse(planned, ctx);
  ScenarioResult applied =
      apply_scenario(site_json, scenario_from_json(plan.scenario, "<plan scenario>"), ctx.site_name);
  models::Report achieved = analyse(*applied.site, ctx);
  std::vector<double> rb = jewel_reach(before, ctx), rp = jewel_reach(promised, ctx),
                      ra = jewel_reach(achieved, ctx);
  plan.verified = rp.size() == ra.size() && total_gap(promised) == total_gap(achieved);
  for (std::size_t j = 0; j < ctx.jewels.size() && j < rb.size() && j < rp.size() && j < ra.size(); ++j) {
    PlanTarget t{ctx.jewels[j],
                 ctx.severity[j],
                 ctx.threshold[j],
                 rb[j],
                 rp[j],
                 ra[j],
                 under(ra[j], ctx.threshold[j])};
    plan.verified = plan.verified && std::abs(rp[j] - ra[j]) <= 1e-12;
    plan.risk_before += rb[j] * ctx.severity[j];
    plan.risk_after += ra[j] * ctx.severity[j];
    // %f, as std::to_string writes it, but not through the locale.
    if (!t.met)
      plan.unmet.push_back("crown jewel " + t.id + " stays at reach " + format_fixed(ra[j], 6) + " (line " +
                           format_fixed(t.threshold, 6) + ")");
    plan.targets.push_back(std::move(t));
  }
  plan.gap_before = total_gap(before);
  plan.gap_promised = total_gap(promised);
  plan.gap_achieved = total_gap(achieved);
}

} // namespace

Plan plan_remediation(const json& site_json, const std::string& site_name, const PlanOptions& opt) {
  if (opt.budget) check_range("budget", *opt.budget, 0, std::numeric_limits<double>::max());
  if (opt.target_probability) check_range("target probability", *opt.target_probability, 0, 1);
  check_limit("max actions", opt.max_actions, 0, kMaxPlanActions);
  check_limit("samples", opt.samples, 1, kMaxSamples);
  models::SitePtr base = models::load_site_json(site_json, site_name);
  if (opt.threat.empty() || base->threat_index(opt.threat) == models::kNone)
    throw ModelError(site_name + ": unknown threat actor '" + opt.threat + "'");
  PlanContext ctx{opt, load_cost_model(opt.cost_model, opt.cost_model_name), site_name, {}, {}, {}};
  add_crown_jewels(ctx, *base);
  Plan plan;
  plan.site_id = base->id;
  plan.threat = opt.threat;
  plan.unit = ctx.costs.unit;
  plan.budget = opt.budget;
  PlanState state{site_json, base, evaluate(ctx, *base)};
  reach_phase(ctx, plan, state);
  if (opt.close_gaps) gap_phase(ctx, plan, state);
  plan.scenario = plan_scenario(plan, opt.threat, base->id);
  verify(ctx, plan, *base, *state.site, site_json);
  return plan;
}

} // namespace zonepath::scenarios
