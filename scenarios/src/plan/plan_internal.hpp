// Internal pieces of the remediation planner, one concern per file.
#pragma once

#include <string>
#include <vector>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/models/site_graph.hpp"
#include "zonepath/scenarios/plan.hpp"
#include "zonepath/scenarios/scenario.hpp"

namespace zonepath::scenarios::detail {

struct PlanContext {
  const PlanOptions& options;
  CostModel costs;
  std::string site_name;
  std::vector<std::string> threats;           // actor ids planned against, in site order
  std::vector<std::string> jewels;            // crown-jewel asset ids of the base site
  std::vector<int> severity;                  // per jewel, 1..5
  std::vector<double> threshold;              // [t * jewels + j]: actor t's reach to jewel j ends below
  std::vector<models::RequiredFlow> required; // flows no action may stop (carried at the start)
};

// Reach of every crown jewel for every actor: reach[t * jewels + j].
struct Evaluation {
  std::vector<double> reach; // within the actor's time budget when it has one
  double risk = 0;           // sum over actors and jewels of reach x severity
  bool met = false;          // every jewel under its threshold for every actor
};

bool under(double p, double threshold);
Evaluation evaluate(const PlanContext& ctx, const models::Site& site);

// The required flows an action's result would stop (carried before, not after).
std::vector<models::RequiredFlow> flows_stopped(const PlanContext& ctx, const models::Site& before,
                                                const models::Site& after);

// Candidate actions for the current site from a minimum cut of each actor's attack graph.
std::vector<PlanAction> reach_candidates(const PlanContext& ctx, const models::Site& site,
                                         const Evaluation& now);

// Candidates that lower a step's probability without cutting a flow (MFA and access approval,
// protocol inspection, application allow-listing, default passwords) for the step from `u`
// to asset `v` across `via` (a conduit or zone id), by the ATT&CK techniques it uses.
struct StepOnCut {
  models::Index asset = models::kNone;   // the asset the step takes
  models::Index conduit = models::kNone; // the conduit crossed, kNone inside a zone
  std::vector<std::string> techniques;   // of the merged parallel edges
};
std::vector<PlanAction> hardening_candidates(const PlanContext& ctx, const models::Site& site,
                                             const models::SiteContext& sctx, const StepOnCut& step);

// Phase 2: missing requirements per zone and conduit (set cover), SL-C shortfalls.
std::vector<PlanAction> gap_actions(const PlanContext& ctx, const models::Site& site,
                                    const models::Report& report);

// The ISO/IEC 27001 Annex A controls of the requirements (the crosswalk of docs/catalogs.md).
std::vector<std::string> iso_for(const std::vector<std::string>& requirements);

// Meeting `requirements` on zone or conduit `where`: the cheapest cover of packages and single
// requirements, as one add-countermeasure operation.
PlanAction requirements_action(const PlanContext& ctx, const models::Site& site, const std::string& where,
                               bool conduit, const std::vector<std::string>& requirements);

// Sum of zone and conduit gaps of `site` against the SL-T of `report` (SL-T does not move with
// countermeasures: it is derived from the unmitigated network).
int gap_against(const models::Site& site, const models::Report& report, const PlanContext& ctx);

// The site after `operations` (scenario operations), through the scenario engine.
ScenarioResult apply_operations(const nlohmann::json& site_json, const nlohmann::json& operations,
                                const std::string& name);

} // namespace zonepath::scenarios::detail
