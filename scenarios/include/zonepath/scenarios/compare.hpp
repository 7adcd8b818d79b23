// Design comparison: two segmentation designs of the same plant, matched by ids, analysed with
// the same options. It leads with what cannot be gamed by re-drawing zones (docs/scenarios.md):
// required flows stopped, per crown jewel and actor reach, time to compromise and risk, per asset
// the SL-T/SL-A of its zone, and the flows a zone merge leaves uncontrolled; zone totals count
// only when both designs have the same zones. Then what exists in one design only and the cost
// of each design's countermeasures under the planner's cost model.
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

// One crown jewel for one actor in both designs; risk = reach x the jewel's severity.
struct JewelLine {
  std::string id, threat;
  int severity = 0;
  Side<double> reach, ttc_p50, risk;
};

// The security levels that apply to one asset: those of the zone it sits in, in each design.
struct AssetLevels {
  std::string id, zone_a, zone_b;
  models::SlVector sl_t_a{}, sl_t_b{}, sl_a_a{}, sl_a_b{};
};

struct DesignComparison {
  models::SitePtr a, b;
  models::Report report_a, report_b;
  std::vector<std::string> threats; // analysed in both
  OnlyInOne zones, assets, conduits, threat_actors;
  ReportDiff diff;
  DesignCost cost_a, cost_b;
  std::string unit;
  std::vector<JewelLine> jewels;         // largest risk increase first
  std::vector<AssetLevels> asset_levels; // assets present in both designs, in A's order
  std::vector<models::Finding>
      merge_findings;     // zone-merge-uncontrolled-flows of B (also in diff.findings_added)
  bool same_zones = true; // zone totals are comparable
};

std::vector<JewelLine> compare_jewels(const models::Site& a, const models::Site& b, const ReportDiff& diff);
std::vector<AssetLevels> compare_asset_levels(const models::Site& a, const models::Report& ra,
                                              const models::Site& b, const models::Report& rb);
// Zones of `b` holding assets from several zones of `a`, with the flows between those hosts that
// no conduit or rule controls any more.
std::vector<models::Finding> zone_merge_findings(const models::Site& a, const models::Site& b);

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
