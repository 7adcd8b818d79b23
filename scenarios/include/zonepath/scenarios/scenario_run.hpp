// Running what-if scenarios: the baseline and every scenario analysed (in parallel), each
// scenario diffed against the baseline. The result is what `zonepath whatif` prints and what
// report writers (JSON now, HTML pages later) render.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/models/analysis.hpp"
#include "zonepath/scenarios/diff.hpp"
#include "zonepath/scenarios/scenario.hpp"

namespace zonepath::scenarios {

struct ScenarioOutcome {
  Scenario scenario;
  ScenarioResult result; // the modified site and the operations applied
  models::Report report;
  ReportDiff diff; // baseline -> scenario
};

struct WhatifResult {
  nlohmann::json base_json;
  models::SitePtr base;
  models::Report baseline;
  std::vector<ScenarioOutcome> scenarios; // in the order given
};

// Checks that the scenario ids differ (they name the results: ValidationError at the second's
// /id otherwise) and applies every scenario (an invalid one throws) before any analysis runs,
// then analyses the baseline and the scenarios with the same options, in parallel.
WhatifResult run_whatif(const nlohmann::json& base_json, const std::string& base_name,
                        const std::vector<Scenario>& scenarios, const models::AnalysisOptions& options);

nlohmann::json outcome_to_json(const ScenarioOutcome& outcome);
// {"schema": "zonepath/whatif/v1", "site", "samples", "seed", "threats", "baseline": {summary},
//  "scenarios": [{"id", "name", "file", "operations", "overrides", "diff"}]}
nlohmann::json whatif_to_json(const WhatifResult& result);

} // namespace zonepath::scenarios
