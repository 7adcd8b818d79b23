// The planner's main loop: greedy reach phase over min-cut candidates (never one that stops a
// required flow), gap phase by set cover kept only where it verifiably closes a gap, ordering,
// and verification of the plan as a scenario.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "plan_internal.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/core/limits.hpp"
#include "zonepath/core/numbers.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/catalog_requirements.hpp"
#include "zonepath/models/consequence_model.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/models/site_loader.hpp"

namespace zonepath::scenarios {

namespace {

using namespace detail;
using json = nlohmann::json;

// Highest reach probability whose likelihood band keeps the risk tolerable for `severity`, for an
// actor with likelihood of initiation `initiation` (0: not stated).
double tolerable_threshold(const models::ConsequenceModel& cm, int severity, int initiation) {
  for (int level = 1; level <= 5; ++level)
    if (!cm.tolerable(cm.risk_level(cm.combined_likelihood(level, initiation), severity)))
      return level == 1 ? 0.0 : cm.likelihood_lower_bounds[level - 2];
  return 1.0 + 1e-9; // never intolerable
}

models::Report analyse(const models::Site& site, const PlanContext& ctx) {
  models::AnalysisOptions ao;
  ao.threats = ctx.threats;
  ao.targets = ctx.jewels;
  ao.samples = ctx.options.samples;
  ao.seed = ctx.options.seed;
  ao.as_of = ctx.options.as_of;
  ao.compute_paths = false;
  ao.recommendation_edge_budget = 0; // the planner reads reach only: no ranking of recommendations
  ao.cancel = ctx.options.cancel;
  if (ctx.jewels.empty()) ao.targets.clear();
  return models::analyze_site(site, ao);
}

// reach[t * jewels + j], as Evaluation.
std::vector<double> jewel_reach(const models::Report& r, const PlanContext& ctx) {
  std::vector<double> out;
  for (const auto& threat : ctx.threats)
    for (const auto& id : ctx.jewels)
      for (const auto& t : r.targets)
        if (t.id == id && t.threat == threat)
          out.push_back(t.within_budget ? *t.within_budget : t.reach_probability);
  return out;
}

// Zone and conduit gaps: a conduit gap is as much a gap of the design as a zone's.
int total_gap(const models::Report& r) {
  int s = 0;
  for (const auto& z : r.zones)
    for (auto g : z.gap) s += g;
  for (const auto& c : r.conduits)
    for (auto g : c.gap) s += g;
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

// Crown jewels of the base site with their severity, and the reach line each actor's reach to
// each jewel must end under.
void add_crown_jewels(PlanContext& ctx, const models::Site& base) {
  const models::ConsequenceModel cm = models::load_consequence_model(base.consequence_model);
  for (models::Index a : models::crown_jewels(base)) {
    ctx.jewels.push_back(base.assets[a].id);
    ctx.severity.push_back(models::ConsequenceModel::max_severity(base.effective_consequence(a)));
  }
  for (const std::string& threat : ctx.threats) {
    const int initiation = base.threat_actors[base.threat_index(threat)].initiation;
    for (int severity : ctx.severity)
      ctx.threshold.push_back(ctx.options.target_probability ? *ctx.options.target_probability
                                                             : tolerable_threshold(cm, severity, initiation));
  }
}

// A candidate that would stop a required flow, listed once so the architect sees what was
// ruled out and why.
void reject(Plan& plan, const PlanAction& a, std::vector<models::RequiredFlow> stops) {
  for (const auto& r : plan.rejected)
    if (r.kind == a.kind && r.where == a.where && r.description == a.description) return;
  plan.rejected.push_back({a.kind, a.where, a.description, std::move(stops)});
}

// Phase 1: block steps until every crown jewel is under its line, taking each time the
// candidate with the largest risk reduction per unit cost.
void reach_phase(const PlanContext& ctx, Plan& plan, PlanState& state) {
  const PlanOptions& opt = ctx.options;
  for (std::size_t step = 0; step < opt.max_actions && !state.now.met; ++step) {
    if (opt.cancel) opt.cancel->throw_if_cancelled();
    std::vector<PlanAction> cands = reach_candidates(ctx, *state.site, state.now);
    const ProgressPhase phase(opt.progress, "plan step " + std::to_string(step + 1), cands.size());
    int best = -1;
    double best_ratio = 0;
    ScenarioResult best_result;
    Evaluation best_eval;
    for (std::size_t i = 0; i < cands.size(); ++i) {
      phase.advance();
      if (!fits(plan, cands[i].cost, opt)) continue;
      ScenarioResult r = apply_operations(state.site_json, cands[i].operations, ctx.site_name);
      if (cands[i].cuts_flows) {
        std::vector<models::RequiredFlow> stops = flows_stopped(ctx, *state.site, *r.site);
        if (!stops.empty()) {
          reject(plan, cands[i], std::move(stops));
          continue;
        }
      }
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

// A gap action trimmed to the requirements of the FRs whose SL-A it verifiably raises (an FR
// capped by a component's SL-C does not move however many requirements are added), and what it
// buys: risk and gap reduction on the site as it stands.
struct VerifiedGap {
  PlanAction action;
  ScenarioResult result;
  Evaluation eval;
  int gap_reduction = 0;
};

std::optional<VerifiedGap> verify_gap_action(const PlanContext& ctx, const PlanState& state,
                                             const models::Report& report, int gap_now, PlanAction a) {
  ScenarioResult r = apply_operations(state.site_json, a.operations, ctx.site_name);
  if (a.kind == ActionKind::AddRequirements || a.kind == ActionKind::AddConduitRequirements) {
    bool conduit = a.kind == ActionKind::AddConduitRequirements;
    models::SiteContext before = models::SiteContext::make(*state.site, {.as_of = ctx.options.as_of});
    models::SiteContext after = models::SiteContext::make(*r.site, {.as_of = ctx.options.as_of});
    models::Index i = conduit ? state.site->conduit_index(a.where) : state.site->zone_index(a.where);
    const models::SlVector& sa = (conduit ? before.levels.conduits : before.levels.zones)[i].sl_a;
    const models::SlVector& sb = (conduit ? after.levels.conduits : after.levels.zones)[i].sl_a;
    std::vector<std::string> kept;
    for (const auto& id : a.closes)
      if (const models::Requirement* req = models::find_requirement(id);
          req && sb[req->fr - 1] > sa[req->fr - 1] && req->min_sl <= sb[req->fr - 1])
        kept.push_back(id);
    if (kept.empty()) return std::nullopt;
    if (kept.size() < a.closes.size()) {
      a = requirements_action(ctx, *state.site, a.where, conduit, kept);
      r = apply_operations(state.site_json, a.operations, ctx.site_name);
    }
  }
  Evaluation ev = evaluate(ctx, *r.site);
  int gap_reduction = gap_now - gap_against(*r.site, report, ctx);
  if (gap_reduction <= 0 && state.now.risk - ev.risk <= 1e-12) return std::nullopt;
  return VerifiedGap{std::move(a), std::move(r), std::move(ev), gap_reduction};
}

// Phase 2: close the SL gaps, most risk reduction per unit cost first, then most gap closed
// per unit cost. An action that changes no computed quantity is not proposed.
void gap_phase(const PlanContext& ctx, Plan& plan, PlanState& state) {
  models::Report report = analyse(*state.site, ctx);
  const int gap_now = gap_against(*state.site, report, ctx);
  std::vector<VerifiedGap> verified;
  std::vector<PlanAction> actions = gap_actions(ctx, *state.site, report);
  const ProgressPhase phase(ctx.options.progress, "plan gap actions", actions.size());
  for (PlanAction& a : actions) {
    phase.advance();
    std::string description =
        a.kind == ActionKind::AddRequirements || a.kind == ActionKind::AddConduitRequirements
            ? to_string(a.kind) + " on " + a.where + " (" + std::to_string(a.closes.size()) +
                  " requirement(s))"
            : a.description;
    if (auto v = verify_gap_action(ctx, state, report, gap_now, std::move(a)))
      verified.push_back(std::move(*v));
    else
      plan.dropped.push_back(description + ": closes no gap and lowers no risk once applied" +
                             " (an SL-C cap, or a control that earns credit only once verified)");
  }
  auto per_cost = [](double x, double cost) { return x / std::max(cost, 1e-9); };
  std::stable_sort(verified.begin(), verified.end(), [&](const VerifiedGap& a, const VerifiedGap& b) {
    double ra = per_cost(state.now.risk - a.eval.risk, a.action.cost),
           rb = per_cost(state.now.risk - b.eval.risk, b.action.cost);
    if (std::abs(ra - rb) > 1e-12) return ra > rb;
    return per_cost(a.gap_reduction, a.action.cost) > per_cost(b.gap_reduction, b.action.cost) + 1e-12;
  });
  for (VerifiedGap& v : verified) {
    if (!fits(plan, v.action.cost, ctx.options)) {
      plan.unmet.push_back("over budget: " + v.action.description);
      continue;
    }
    // Actions touch different zones and conduits, so each one's effect holds in any order;
    // the risk is still re-evaluated on the site as the plan has changed it.
    ScenarioResult r = apply_operations(state.site_json, v.action.operations, ctx.site_name);
    Evaluation ev = evaluate(ctx, *r.site);
    v.action.gap_reduction = v.gap_reduction;
    take(plan, std::move(v.action), state.now.risk, ev.risk);
    state.advance(std::move(r), std::move(ev));
  }
}

// The plan as a zonepath/scenario/v1 document: every action's operations, in plan order.
json plan_scenario(const Plan& plan, const std::string& base_id) {
  json ops = json::array();
  for (const auto& a : plan.actions)
    for (const auto& op : a.operations) {
      json o = op;
      o["description"] = a.description;
      ops.push_back(std::move(o));
    }
  return {{"schema", kScenarioSchema},
          {"id", plan.threats.size() == 1 ? "plan-" + plan.threats.front() : std::string("plan")},
          {"name", "Remediation plan against " +
                       (plan.threats.size() == 1 ? plan.threats.front() : std::string("every threat actor"))},
          {"description", "Generated by zonepath plan; replace TBD change records with real ones."},
          {"base", base_id},
          {"operations", ops}};
}

// Promised: the planner's own site. Achieved: the plan written out, applied and re-run. The
// plan is verified when both give the same reach and gaps.
void verify(const PlanContext& ctx, Plan& plan, const models::Site& base, const models::Site& planned,
            const json& site_json) {
  // Counts the three analyses (before, promised, achieved) into the "plan verify" phase.
  ProgressReporter* progress = ctx.options.progress;
  models::Report before = analyse(base, ctx);
  progress_advance(progress);
  models::Report promised = analyse(planned, ctx);
  progress_advance(progress);
  ScenarioResult applied =
      apply_scenario(site_json, scenario_from_json(plan.scenario, "<plan scenario>"), ctx.site_name);
  models::Report achieved = analyse(*applied.site, ctx);
  progress_advance(progress);
  std::vector<double> rb = jewel_reach(before, ctx), rp = jewel_reach(promised, ctx),
                      ra = jewel_reach(achieved, ctx);
  plan.verified = rp.size() == ra.size() && total_gap(promised) == total_gap(achieved);
  const std::size_t jewels = ctx.jewels.size();
  for (std::size_t i = 0; i < rb.size() && i < rp.size() && i < ra.size(); ++i) {
    const std::size_t j = i % jewels;
    PlanTarget t{
        ctx.jewels[j], ctx.threats[i / jewels],       ctx.severity[j], ctx.threshold[i], rb[i], rp[i],
        ra[i],         under(ra[i], ctx.threshold[i])};
    plan.verified = plan.verified && std::abs(rp[i] - ra[i]) <= 1e-12;
    plan.risk_before += rb[i] * ctx.severity[j];
    plan.risk_after += ra[i] * ctx.severity[j];
    // %f, as std::to_string writes it, but not through the locale.
    if (!t.met)
      plan.unmet.push_back("crown jewel " + t.id + " stays at reach " + format_fixed(ra[i], 6) + " for " +
                           t.threat + " (line " + format_fixed(t.threshold, 6) + ")");
    plan.targets.push_back(std::move(t));
  }
  // Which required flows the achieved site still carries (all that were carried, by construction).
  models::AccessMap before_access = models::AccessMap::compute(base),
                    after_access = models::AccessMap::compute(*applied.site);
  for (const auto& f : plan.required_flows) {
    plan.flows_before.push_back(models::required_flow_state(base, before_access, f));
    plan.flows_after.push_back(models::required_flow_state(*applied.site, after_access, f));
  }
  plan.gap_before = total_gap(before);
  plan.gap_promised = total_gap(promised);
  plan.gap_achieved = total_gap(achieved);
}

} // namespace

namespace {

// The actors planned against: the ones named, or every actor of the site (SL-T is always derived
// from all of them, whatever is planned against).
std::vector<std::string> planned_threats(const models::Site& base, const PlanOptions& opt,
                                         const std::string& site_name) {
  std::vector<std::string> out;
  for (const auto& id : opt.threats) {
    if (base.threat_index(id) == models::kNone)
      throw ModelError(site_name + ": unknown threat actor '" + id + "'");
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  if (opt.threats.empty())
    for (const auto& t : base.threat_actors) out.push_back(t.id);
  if (out.empty()) throw ModelError(site_name + ": the site has no threat actor to plan against");
  return out;
}

// The site's required flows and the options', each once; those the site carries today are the
// ones no action may stop (one already blocked is reported, not enforced).
void add_required_flows(PlanContext& ctx, Plan& plan, const models::Site& base, const PlanOptions& opt,
                        const std::string& site_name) {
  models::AccessMap access = models::AccessMap::compute(base);
  std::vector<models::RequiredFlow> all = base.required_flows;
  for (const auto& f : opt.required_flows) {
    if (models::required_flow_state(base, access, f) == models::FlowState::Unresolved)
      throw ModelError(site_name + ": required flow " + models::required_flow_text(f) +
                       " names a zone, asset or service the site does not have");
    bool seen = std::any_of(all.begin(), all.end(), [&](const models::RequiredFlow& g) {
      return g.from == f.from && g.to == f.to && g.protocol == f.protocol;
    });
    if (!seen) all.push_back(f);
  }
  for (const auto& f : all)
    if (models::required_flow_state(base, access, f) == models::FlowState::Carried) ctx.required.push_back(f);
  plan.required_flows = std::move(all);
}

} // namespace

Plan plan_remediation(const json& site_json, const std::string& site_name, const PlanOptions& opt) {
  if (opt.budget) check_range("budget", *opt.budget, 0, std::numeric_limits<double>::max());
  if (opt.target_probability) check_range("target probability", *opt.target_probability, 0, 1);
  check_limit("max actions", opt.max_actions, 0, kMaxPlanActions);
  check_limit("samples", opt.samples, 1, kMaxSamples);
  models::SitePtr base = models::load_site_json(site_json, site_name);
  PlanContext ctx{opt,       load_cost_model(opt.cost_model, opt.cost_model_name),
                  site_name, planned_threats(*base, opt, site_name),
                  {},        {},
                  {},        {}};
  add_crown_jewels(ctx, *base);
  Plan plan;
  plan.site_id = base->id;
  plan.threats = ctx.threats;
  plan.unit = ctx.costs.unit;
  plan.budget = opt.budget;
  add_required_flows(ctx, plan, *base, opt, site_name);
  PlanState state{site_json, base, evaluate(ctx, *base)};
  reach_phase(ctx, plan, state);
  if (opt.close_gaps) gap_phase(ctx, plan, state);
  plan.scenario = plan_scenario(plan, base->id);
  const ProgressPhase checking(opt.progress, "plan verify", 3);
  verify(ctx, plan, *base, *state.site, site_json);
  return plan;
}

} // namespace zonepath::scenarios
