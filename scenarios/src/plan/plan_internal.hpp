// Internal pieces of the remediation planner, one concern per file.
#pragma once

#include <string>
#include <vector>

#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/scenarios/plan.hpp"
#include "zonepath/scenarios/scenario.hpp"

namespace zonepath::scenarios::detail {

struct PlanContext {
  const PlanOptions& options;
  CostModel costs;
  std::string site_name;
  std::vector<std::string> jewels; // crown-jewel asset ids of the base site
  std::vector<int> severity;       // per jewel, 1..5
  std::vector<double> threshold;   // per jewel: reach must end below this
};

struct Evaluation {
  std::vector<double> reach; // per jewel (within the actor's time budget when it has one)
  double risk = 0;           // sum of reach x severity
  bool met = false;          // every jewel under its threshold
};

bool under(double p, double threshold);
Evaluation evaluate(const PlanContext& ctx, const models::Site& site);

// Candidate actions for the current site from a minimum cut of its attack graph.
std::vector<PlanAction> reach_candidates(const PlanContext& ctx, const models::Site& site,
                                         const Evaluation& now);

// Phase 2: missing requirements per zone and conduit (set cover), SL-C shortfalls.
std::vector<PlanAction> gap_actions(const PlanContext& ctx, const models::Site& site,
                                    const models::Report& report);

// The site after `operations` (scenario operations), through the scenario engine.
ScenarioResult apply_operations(const nlohmann::json& site_json, const nlohmann::json& operations,
                                const std::string& name);

} // namespace zonepath::scenarios::detail
