#include "zonepath/scenarios/scenario_run.hpp"

#include "zonepath/core/error.hpp"
#include "zonepath/core/parallel.hpp"
#include "zonepath/models/site_loader.hpp"

#include "parallel_analyses.hpp"

namespace zonepath::scenarios {

namespace {

// Scenario ids name the results (files of --out, keys of the document), so they must differ.
void require_distinct_ids(const std::vector<Scenario>& scenarios) {
  for (std::size_t i = 0; i < scenarios.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (scenarios[i].id == scenarios[j].id)
        throw ValidationError({scenarios[i].document->diagnostic(
            "/id", "scenario id '" + scenarios[i].id + "' is also used by " + scenarios[j].file(),
            &scenarios[i].document->root().at("id"))});
}

} // namespace

WhatifResult run_whatif(const nlohmann::json& base_json, const std::string& base_name,
                        const std::vector<Scenario>& scenarios, const models::AnalysisOptions& options) {
  require_distinct_ids(scenarios);
  WhatifResult out;
  out.base_json = base_json;
  out.base = models::load_site_json(base_json, base_name);
  out.scenarios.reserve(scenarios.size());
  for (const Scenario& sc : scenarios) {
    ScenarioOutcome o;
    o.scenario = sc;
    o.result = apply_scenario(base_json, sc, base_name);
    out.scenarios.push_back(std::move(o));
  }
  // Slot 0 is the baseline; each analysis is seeded identically, so results do not depend on
  // which thread runs which scenario.
  ParallelOptions par{2, 1};
  // The analyses run in parallel: inside the "scenarios" phase, one phase counts the Monte Carlo
  // samples of them all (parallel_analyses.hpp).
  const ProgressPhase phase(options.progress, "scenarios", out.scenarios.size() + 1);
  std::uint64_t samples = detail::analysis_samples(*out.base, options);
  for (const auto& o : out.scenarios) samples += detail::analysis_samples(*o.result.site, options);
  const ProgressPhase sampling(options.progress, "Monte Carlo", samples);
  parallel_for_each_index(
      out.scenarios.size() + 1,
      [&](std::size_t i) {
        if (i == 0)
          out.baseline = detail::analyze_counting_samples(*out.base, options);
        else
          out.scenarios[i - 1].report =
              detail::analyze_counting_samples(*out.scenarios[i - 1].result.site, options);
      },
      par);
  for (auto& o : out.scenarios) o.diff = diff_reports(*out.base, out.baseline, *o.result.site, o.report);
  return out;
}

nlohmann::json outcome_to_json(const ScenarioOutcome& o) {
  nlohmann::json ops = nlohmann::json::array(), overrides = nlohmann::json::array();
  for (const auto& a : o.result.applied) {
    ops.push_back({{"index", a.index}, {"op", a.op}, {"summary", a.summary}});
    if (!a.override_reason.empty())
      overrides.push_back({{"index", a.index}, {"op", a.op}, {"reason", a.override_reason}});
  }
  return {{"id", o.scenario.id},         {"name", o.scenario.name}, {"description", o.scenario.description},
          {"file", o.scenario.file()},   {"operations", ops},       {"overrides", overrides},
          {"diff", diff_to_json(o.diff)}};
}

nlohmann::json whatif_to_json(const WhatifResult& r) {
  nlohmann::json threats = nlohmann::json::array(), scenarios = nlohmann::json::array();
  for (const auto& t : r.baseline.threats)
    threats.push_back({{"id", t.id}, {"sophistication", t.sophistication}});
  for (const auto& o : r.scenarios) scenarios.push_back(outcome_to_json(o));
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : r.baseline.targets)
    targets.push_back({{"id", t.id}, {"threat", t.threat}, {"reach_probability", t.reach_probability}});
  return {{"schema", "zonepath/whatif/v1"},
          {"site", {{"id", r.baseline.site_id}, {"name", r.baseline.site_name}}},
          {"samples", r.baseline.samples},
          {"seed", r.baseline.seed},
          {"threats", threats},
          {"baseline", {{"targets", targets}}},
          {"scenarios", scenarios}};
}

} // namespace zonepath::scenarios
