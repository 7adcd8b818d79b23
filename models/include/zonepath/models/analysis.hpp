// The whole IEC 62443-3-2 detailed risk assessment of a site: per threat actor the attack
// graph, the most likely paths to each crown jewel, reach and time to compromise by Monte
// Carlo; SL-A, derived and declared SL-T, gaps with the missing requirements, design
// findings, residual risk and a risk register.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zonepath/core/cancel.hpp"
#include "zonepath/core/progress.hpp"
#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

struct AnalysisOptions {
  std::vector<std::string> threats; // threat actor ids; empty: all of the site's
  std::vector<std::string> targets; // asset or zone ids; empty: the crown jewels
  std::uint64_t samples = 1000;     // Monte Carlo samples per threat
  std::uint64_t seed = 1;
  std::size_t paths_per_target = 3; // k most likely paths per threat and target
  bool compute_paths = true;
  std::optional<Date> as_of; // the assessment date; nullopt: the site's as_of
  // Ranking recommendations re-runs the most likely paths with each action applied, building at
  // most eight times the baseline's attack-graph edges (at least a million) and never more than
  // this many (0: no verification; docs/risk.md#verified-risk-reduction).
  std::size_t recommendation_edge_budget = 4'000'000;
  const CancelToken* cancel = nullptr;
  // Phases: access map, unmitigated reach (per actor: attack graph, Monte Carlo), then per
  // selected actor attack graph, Monte Carlo (samples), paths (targets); gaps and findings.
  ProgressReporter* progress = nullptr;
};

// Throws ModelError for unknown threat or target ids.
Report analyze_site(const Site& site, const AnalysisOptions& options = {});

// SL-T per FR derived from the unmitigated risk (docs/risk.md): for each actor t that reaches
// the zone in the unmitigated network (probability[t] > 0), the likelihood levels the FR's risk
// (the actor's likelihood of probability[t], combined with its likelihood of initiation
// initiation[t] when stated, x the severity of the dimensions the FR protects) must drop to
// become tolerable index the model's sl_t_by_reduction, capped by the actor's tier; the SL-T is
// the highest over the actors, raised to the floor of the zone kind. Exposed for tests.
struct ConsequenceModel;
SlVector derive_sl_t(const ConsequenceModel& model, const Consequence& consequence,
                     std::string_view zone_kind, const std::vector<int>& tiers,
                     const std::vector<double>& probability, const std::vector<int>& initiation = {});

} // namespace zonepath::models
