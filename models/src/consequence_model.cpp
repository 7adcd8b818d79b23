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

int ConsequenceModel::actor_likelihood(double probability, int initiation) const {
  const int success = likelihood_level(probability);
  return probability <= 0 ? success : combined_likelihood(success, initiation);
}

int ConsequenceModel::combined_likelihood(int success, int initiation) const {
  if (initiation <= 0) return success;
  return overall_likelihood[std::clamp(initiation, 1, 5) - 1][std::clamp(success, 1, 5) - 1];
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

int ConsequenceModel::required_reduction(int likelihood, int severity) const {
  int risk = risk_level(likelihood, severity);
  if (risk == 0 || tolerable(risk)) return 0;
  // The highest lower likelihood at which the same severity is tolerable; none: all the way.
  for (int lower = likelihood - 1; lower >= 1; --lower)
    if (tolerable(risk_level(lower, severity))) return likelihood - lower;
  return likelihood;
}

int ConsequenceModel::floor_for(std::string_view zone_kind, int severity) const {
  if (severity < floor_min_severity) return 0;
  for (const auto& [kind, level] : sl_t_floor)
    if (kind == zone_kind) return level;
  return sl_t_floor_default;
}

int ConsequenceModel::max_severity(const Consequence& c) {
  return *std::max_element(c.severity.begin(), c.severity.end());
}

namespace {

int level_0_4(const nlohmann::json& v, const std::string& where, const auto& fail) {
  if (!v.is_number_integer() || v.get<int>() < 0 || v.get<int>() > 4)
    fail(where, "a security level 0..4, got " + v.dump());
  return v.get<int>();
}

// sl_t_by_reduction, sl_t_floor and legacy_sl_c: how the derived SL-T and the SL-C assumption work.
void read_target_policy(const nlohmann::json& merged, ConsequenceModel& m, const auto& fail) {
  const auto& by = merged.at("sl_t_by_reduction");
  if (!by.is_array() || by.size() != 5) fail("/sl_t_by_reduction", "needs 5 levels, for a reduction of 0..4");
  for (int i = 0; i < 5; ++i) {
    m.sl_t_by_reduction[i] = level_0_4(by.at(i), "/sl_t_by_reduction/" + std::to_string(i), fail);
    if (i > 0 && m.sl_t_by_reduction[i] < m.sl_t_by_reduction[i - 1])
      fail("/sl_t_by_reduction", "must not decrease: more risk reduction never needs a lower SL-T");
  }
  const auto& floor = merged.at("sl_t_floor");
  for (auto it = floor.begin(); it != floor.end(); ++it) {
    const std::string& key = it.key();
    if (key.rfind("x-", 0) == 0) continue;
    if (key == "min_severity") {
      if (!it->is_number_integer() || it->get<int>() < 1 || it->get<int>() > 5)
        fail("/sl_t_floor/min_severity", "a severity 1..5");
      m.floor_min_severity = it->get<int>();
    } else if (key == "default") {
      m.sl_t_floor_default = level_0_4(*it, "/sl_t_floor/default", fail);
    } else if (key == "by_zone_kind") {
      for (auto k = it->begin(); k != it->end(); ++k)
        if (k.key().rfind("x-", 0) != 0)
          m.sl_t_floor.emplace_back(k.key(), level_0_4(*k, "/sl_t_floor/by_zone_kind/" + k.key(), fail));
    } else {
      fail("/sl_t_floor", "unknown key '" + key + "' (expected min_severity, default, by_zone_kind)");
    }
  }
  // An override of null removes the key (JSON merge patch): no assumption for legacy assets.
  const nlohmann::json legacy =
      merged.contains("legacy_sl_c") ? merged.at("legacy_sl_c") : nlohmann::json(nullptr);
  if (legacy.is_null())
    m.capability.legacy_sl_c.reset();
  else
    m.capability.legacy_sl_c = level_0_4(legacy, "/legacy_sl_c", fail);
}

// crown_jewels: the severity per dimension that makes an asset a default target.
void read_crown_jewels(const nlohmann::json& merged, ConsequenceModel& m, const auto& fail) {
  if (!merged.contains("crown_jewels")) return;
  const auto& cj = merged.at("crown_jewels");
  if (!cj.is_object()) fail("/crown_jewels", "an object of dimension -> severity");
  m.crown_jewel_min.fill(0);
  for (auto it = cj.begin(); it != cj.end(); ++it) {
    if (it.key().rfind("x-", 0) == 0) continue;
    auto d = std::find(kDimensionNames.begin(), kDimensionNames.end(), it.key());
    if (d == kDimensionNames.end()) fail("/crown_jewels", "unknown dimension '" + it.key() + "'");
    if (it->is_null()) continue;
    if (!it->is_number_integer() || it->get<int>() < 0 || it->get<int>() > 5)
      fail("/crown_jewels/" + it.key(), "a severity 1..5, or 0 / null for never");
    m.crown_jewel_min[static_cast<std::size_t>(d - kDimensionNames.begin())] = it->get<int>();
  }
}

// A likelier initiation or a likelier success must never make the overall likelihood lower.
void check_overall_likelihood(const ConsequenceModel& m, const auto& fail) {
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j)
      if ((i > 0 && m.overall_likelihood[i][j] < m.overall_likelihood[i - 1][j]) ||
          (j > 0 && m.overall_likelihood[i][j] < m.overall_likelihood[i][j - 1]))
        fail("/overall_likelihood/levels", "levels must not decrease along a row or down a column");
}

} // namespace

ConsequenceModel load_consequence_model(const nlohmann::json& overrides) {
  static const nlohmann::json defaults = nlohmann::json::parse(data::kConsequenceModelJson);
  nlohmann::json merged = defaults;
  if (overrides.is_object())
    merged.merge_patch(overrides);
  else if (!(overrides.is_string() && overrides.get<std::string>() == "default"))
    throw ModelError("models.consequence: expected \"default\" or an object of overrides");
  // Misspelt names must not silently fall back to the defaults.
  for (auto item = merged.begin(); item != merged.end(); ++item) {
    const std::string& key = item.key();
    static const std::array<const char*, 10> known = {
        "schema",        "fr_dimensions",     "likelihood_bands", "risk_matrix", "overall_likelihood",
        "tolerable_max", "sl_t_by_reduction", "sl_t_floor",       "legacy_sl_c", "crown_jewels"};
    if (key.rfind("x-", 0) != 0 &&
        std::find_if(known.begin(), known.end(), [&](const char* k) { return key == k; }) == known.end())
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
        if (it == kDimensionNames.end())
          fail("/fr_dimensions/" + std::to_string(fr), "unknown dimension " + d.dump());
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
        int o = merged.at("overall_likelihood").at("levels").at(i).at(j).get<int>();
        if (o < 1 || o > 5) fail("/overall_likelihood/levels", "levels are 1..5");
        m.overall_likelihood[i][j] = o;
      }
    }
    check_overall_likelihood(m, fail);
    m.tolerable_max = merged.at("tolerable_max").get<int>();
    if (m.tolerable_max < 0 || m.tolerable_max > 5) fail("/tolerable_max", "must be 0..5");
    read_target_policy(merged, m, fail);
    read_crown_jewels(merged, m, fail);
  } catch (const nlohmann::json::exception& e) {
    throw ModelError(std::string("invalid consequence model: ") + e.what());
  }
  return m;
}

} // namespace zonepath::models
