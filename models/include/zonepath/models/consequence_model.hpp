// Consequence and risk model: which consequence dimensions each FR protects, likelihood bands
// (NIST SP 800-30 style), the risk matrix and the tolerable line. Defaults in
// models/data/consequence-model.json; a site overrides under models.consequence.
#pragma once

#include <array>
#include <string>

#include <nlohmann/json.hpp>

#include "zonepath/models/security_levels.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::models {

struct ConsequenceModel {
  std::array<std::array<bool, kDimensionCount>, kFrCount> fr_protects{}; // [fr-1][dimension]
  std::array<double, 4> likelihood_lower_bounds{0.05, 0.21, 0.80, 0.96};
  std::array<std::string, 5> likelihood_names;
  std::array<std::array<int, 5>, 5> risk_levels{}; // [likelihood-1][severity-1] -> 1..5
  std::array<std::string, 5> risk_names;
  // Overall likelihood [initiation-1][success-1] -> 1..5 (NIST SP 800-30 Rev. 1 Table G-5).
  std::array<std::array<int, 5>, 5> overall_likelihood{};
  int tolerable_max = 2;
  // SL-T for a required risk reduction of 0..4 likelihood levels (index), before the tier cap.
  std::array<int, 5> sl_t_by_reduction{0, 1, 2, 3, 4};
  // The least SL-T of a zone kind in the FRs whose severity reaches `floor_min_severity`, for
  // the insiders, visitors and portable media that no network path shows.
  std::vector<std::pair<std::string, int>> sl_t_floor; // zone kind -> level
  int sl_t_floor_default = 0;                          // kinds not listed
  int floor_min_severity = 3;
  CapabilityPolicy capability;
  // Default targets: severity at which each dimension makes an asset a crown jewel (0: never).
  std::array<int, kDimensionCount> crown_jewel_min{4, 4, 4, 4, 4, 4};
  nlohmann::json source;

  // Likelihood level 1..5 of a probability.
  int likelihood_level(double probability) const;
  // The likelihood of a threat actor's compromise of a zone: the simulated probability's level,
  // combined with the actor's likelihood of initiation (1..5, 0 = not stated) by the overall
  // likelihood table. A probability of 0 stays very low: no route, no event.
  int actor_likelihood(double probability, int initiation) const;
  // The overall likelihood of a success level 1..5 and a likelihood of initiation (0: not stated).
  int combined_likelihood(int success, int initiation) const;
  // Risk level 1..5; 0 when the severity is 0 (no consequence declared).
  int risk_level(int likelihood, int severity) const;
  bool tolerable(int risk) const { return risk <= tolerable_max; }
  // Highest severity among the dimensions that FR `fr` protects.
  int fr_severity(int fr, const Consequence& c) const;
  static int max_severity(const Consequence& c);
  // Likelihood levels the risk must drop to become tolerable (0 when it is).
  int required_reduction(int likelihood, int severity) const;
  // The floor of a zone kind for an FR of severity `severity`.
  int floor_for(std::string_view zone_kind, int severity) const;
};

ConsequenceModel load_consequence_model(const nlohmann::json& overrides = "default");

} // namespace zonepath::models
