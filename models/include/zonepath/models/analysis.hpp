// The whole IEC 62443-3-2 detailed risk assessment of a site: per threat actor the attack
// graph, the most likely paths to each crown jewel, reach and time to compromise by Monte
// Carlo; SL-A, derived and declared SL-T, gaps with the missing requirements, design
// findings, residual risk and a risk register.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "zonepath/core/cancel.hpp"
#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

struct AnalysisOptions {
  std::vector<std::string> threats;  // threat actor ids; empty: all of the site's
  std::vector<std::string> targets;  // asset or zone ids; empty: the crown jewels
  std::uint64_t samples = 1000;      // Monte Carlo samples per threat
  std::uint64_t seed = 1;
  std::size_t paths_per_target = 3;  // k most likely paths per threat and target
  bool compute_paths = true;
  const CancelToken* cancel = nullptr;
};

// Throws ModelError for unknown threat or target ids.
Report analyze_site(const Site& site, const AnalysisOptions& options = {});

// SL-T per FR derived from unmitigated risk: the tier of the most capable actor whose risk
// (likelihood level of `probability[t]` x severity of the dimensions the FR protects) is
// above the tolerable line. Exposed for tests.
struct ConsequenceModel;
SlVector derive_sl_t(const ConsequenceModel& model, const Consequence& consequence,
                     const std::vector<int>& tiers, const std::vector<double>& probability);

} // namespace zonepath::models
