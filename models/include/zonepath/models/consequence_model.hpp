// Consequence and risk model: which consequence dimensions each FR protects, likelihood bands
// (NIST SP 800-30 style), the risk matrix and the tolerable line. Defaults in
// models/data/consequence-model.json; a site overrides under models.consequence.
#pragma once

#include <array>
#include <string>

#include <nlohmann/json.hpp>

#include "zonepath/models/site.hpp"

namespace zonepath::models {

struct ConsequenceModel {
  std::array<std::array<bool, kDimensionCount>, kFrCount> fr_protects{}; // [fr-1][dimension]
  std::array<double, 4> likelihood_lower_bounds{0.05, 0.21, 0.80, 0.96};
  std::array<std::string, 5> likelihood_names;
  std::array<std::array<int, 5>, 5> risk_levels{}; // [likelihood-1][severity-1] -> 1..5
  std::array<std::string, 5> risk_names;
  int tolerable_max = 2;
  nlohmann::json source;

  // Likelihood level 1..5 of a probability.
  int likelihood_level(double probability) const;
  // Risk level 1..5; 0 when the severity is 0 (no consequence declared).
  int risk_level(int likelihood, int severity) const;
  bool tolerable(int risk) const { return risk <= tolerable_max; }
  // Highest severity among the dimensions that FR `fr` protects.
  int fr_severity(int fr, const Consequence& c) const;
  static int max_severity(const Consequence& c);
};

ConsequenceModel load_consequence_model(const nlohmann::json& overrides = "default");

} // namespace zonepath::models
