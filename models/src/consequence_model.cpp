#include "zonepath/models/consequence_model.hpp"

#include <algorithm>
#include <array>

#include "zonepath/core/error.hpp"

namespace zonepath::models {

namespace data {
extern const char* const kConsequenceModelJson;
}

int ConsequenceModel::likelihood_level(double probability) const {
  int level = 1;
  for (double bound : likelihood_lower_bounds)
    if (probability >= bound) ++level;
  return level;
}

int ConsequenceModel::risk_level(int likelihood, int severity) const {
  if (severity <= 0 || likelihood <= 0) return 0;
  return risk_levels[std::clamp(likelihood, 1, 5) - 1][std::clamp(severity, 1, 5) - 1];
}

int ConsequenceModel::fr_severity(int fr, const Consequence& c) const {
  int s = 0;
  for (int d = 0; d < kDimensionCount; ++d)
    if (fr_protects[fr - 1][d]) s = std::max<int>(s, c.severity[d]);
  return s;
}

int ConsequenceModel::max_severity(const Consequence& c) {
  return *std::max_element(c.severity.begin(), c.severity.end());
}

ConsequenceModel load_consequence_model(const nlohmann::json& overrides) {
  static const nlohmann::json defaults = nlohmann::json::parse(data::kConsequenceModelJson);
  nlohmann::json merged = defaults;
  if (overrides.is_object()) merged.merge_patch(overrides);
  else if (!(overrides.is_string() && overrides.get<std::string>() == "default"))
    throw ModelError("models.consequence: expected \"default\" or an object of overrides");
  // Misspelt names must not silently fall back to the defaults.
  for (auto item = merged.begin(); item != merged.end(); ++item) {
    const std::string& key = item.key();
    static const std::array<const char*, 5> known = {"schema", "fr_dimensions", "likelihood_bands", "risk_matrix",
                                                     "tolerable_max"};
    if (key.rfind("x-", 0) != 0 && std::find_if(known.begin(), known.end(), [&](const char* k) { return key == k; }) == known.end())
      throw ModelError("invalid consequence model: unknown key '" + key + "'");
  }
  ConsequenceModel m;
  m.source = merged;
  auto fail = [](const std::string& where, const std::string& what) {
    throw ModelError("invalid consequence model at " + where + ": " + what);
  };
  try {
    for (int fr = 1; fr <= kFrCount; ++fr) {
      const auto& dims = merged.at("fr_dimensions").at(std::to_string(fr));
      for (const auto& d : dims) {
        auto it = std::find(kDimensionNames.begin(), kDimensionNames.end(), d.get<std::string>());
        if (it == kDimensionNames.end()) fail("/fr_dimensions/" + std::to_string(fr), "unknown dimension " + d.dump());
        m.fr_protects[fr - 1][it - kDimensionNames.begin()] = true;
      }
    }
    const auto& bands = merged.at("likelihood_bands");
    for (int i = 0; i < 4; ++i) {
      m.likelihood_lower_bounds[i] = bands.at("lower_bounds").at(i).get<double>();
      if (m.likelihood_lower_bounds[i] <= 0 || m.likelihood_lower_bounds[i] > 1 ||
          (i > 0 && m.likelihood_lower_bounds[i] <= m.likelihood_lower_bounds[i - 1]))
        fail("/likelihood_bands/lower_bounds", "bounds must increase within (0, 1]");
    }
    for (int i = 0; i < 5; ++i) {
      m.likelihood_names[i] = bands.at("names").at(i).get<std::string>();
      m.risk_names[i] = merged.at("risk_matrix").at("names").at(i).get<std::string>();
      for (int j = 0; j < 5; ++j) {
        int v = merged.at("risk_matrix").at("levels").at(i).at(j).get<int>();
        if (v < 1 || v > 5) fail("/risk_matrix/levels", "levels are 1..5");
        m.risk_levels[i][j] = v;
      }
    }
    m.tolerable_max = merged.at("tolerable_max").get<int>();
    if (m.tolerable_max < 0 || m.tolerable_max > 5) fail("/tolerable_max", "must be 0..5");
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(std::string("invalid consequence model: ") + e.what());
  }
  return m;
}

} // namespace zonepath::models
