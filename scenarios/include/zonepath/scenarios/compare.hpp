// Design comparison: two segmentation designs of the same plant, matched by ids, analysed with
// the same options, with what exists in one design only and the cost of each design's
// countermeasures under the planner's cost model.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/models/analysis.hpp"
#include "zonepath/scenarios/diff.hpp"
#include "zonepath/scenarios/plan_cost_model.hpp"

namespace zonepath::scenarios {

struct OnlyInOne {
  std::vector<std::string> a, b; // ids present in that design only, in file order
};

struct CostLine {
  std::string where; // zone or conduit id
  Cover cover;       // cheapest packages/requirements giving its countermeasures
  double compensating = 0;
};

struct DesignCost {
  double total = 0;
  std::vector<CostLine> lines;
};

struct DesignComparison {
  models::SitePtr a, b;
  models::Report report_a, report_b;
  std::vector<std::string> threats; // analysed in both
  OnlyInOne zones, assets, conduits, threat_actors;
  ReportDiff diff;
  DesignCost cost_a, cost_b;
  std::string unit;
};

// The countermeasure cost of a design: per zone and conduit the cheapest cover of the
// requirements it declares, plus each compensating control.
DesignCost design_cost(const models::Site& site, const CostModel& model);

// Threats: options.threats (each must exist in both designs) or every id common to both.
// Throws ScenarioError when no threat actor is common to both.
DesignComparison compare_designs(models::SitePtr a, models::SitePtr b, const models::AnalysisOptions& options,
                                 const CostModel& model);

nlohmann::json comparison_to_json(const DesignComparison& c);
std::string comparison_to_text(const DesignComparison& c);

} // namespace zonepath::scenarios
