// Internal pieces of analyze_site, one file each.
#pragma once

#include <vector>

#include "zonepath/models/analysis.hpp"
#include "zonepath/models/consequence_model.hpp"
#include "zonepath/models/site_graph.hpp"

namespace zonepath::models::detail {

struct ThreatRun {
  std::vector<double> zone_probability; // per zone: compromised (within the time budget if set)
  std::vector<TargetResult> targets;
  std::vector<PathResult> paths;
};

// Builds the actor's graph in `ctx` and simulates it; targets may be empty (zones only).
ThreatRun run_threat(const SiteContext& ctx, const ThreatActor& actor, const std::vector<NodeId>& targets,
                     const AnalysisOptions& opt);

Consequence zone_consequence(const Site& site, Index z);
std::vector<std::string> iso_controls(const std::vector<std::string>& requirements);
// One recommendation per thing to do, ranked (recommendations.cpp, recommendation_rank.cpp).
void add_recommendations(const Site& site, const AnalysisOptions& opt, const SiteContext& ctx,
                         const ConsequenceModel& consequence, Report& report);
std::vector<Recommendation> rank_recommendations(const Site& site, const AnalysisOptions& opt,
                                                 const SiteContext& ctx, const ConsequenceModel& consequence,
                                                 const Report& report, std::vector<Recommendation> recs);
void add_risk_register(const Site& site, Report& report);

} // namespace zonepath::models::detail
