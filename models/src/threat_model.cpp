#include "zonepath/models/threat_model.hpp"

#include <cmath>

#include "zonepath/core/error.hpp"
#include "zonepath/core/graph_json.hpp"
#include "zonepath/core/json_checker.hpp"
#include "zonepath/models/catalog_requirements.hpp"

namespace zonepath::models {

namespace data {
extern const char* const kThreatModelJson;
}

namespace {

constexpr std::array<const char*, kMeansCount> kMeansNames = {
    "network-access",  "unauthenticated-protocol", "default-credentials", "known-vulnerability",
    "remote-service",  "valid-accounts",           "generic-exploit",     "program-download",
    "physical-access", "removable-media"};

double probability(JsonChecker& check, const nlohmann::json& obj, const std::string& ptr, const char* key) {
  auto v = check.get_number(obj, ptr, key, true);
  if (v && (*v < 0 || *v > 1))
    check.error(ptr + "/" + key, "probability must be within [0, 1]", &obj.at(key));
  return v.value_or(0.0);
}

} // namespace

const char* means_name(Means m) {
  return kMeansNames[static_cast<int>(m)];
}

const nlohmann::json& default_threat_model_json() {
  static const nlohmann::json model = nlohmann::json::parse(data::kThreatModelJson);
  return model;
}

TtcDistribution scale_ttc(const TtcDistribution& d, double k) {
  TtcDistribution out = d;
  switch (d.kind) {
  case TtcKind::Fixed:
  case TtcKind::Exponential:
    out.a = static_cast<float>(d.a * k);
    break;
  case TtcKind::LogNormal:
    out.a = static_cast<float>(d.a + std::log(k));
    break;
  case TtcKind::Gamma:
    out.b = static_cast<float>(d.b * k);
    break;
  case TtcKind::Uniform:
    out.a = static_cast<float>(d.a * k);
    out.b = static_cast<float>(d.b * k);
    break;
  }
  return out;
}

ThreatModel load_threat_model(const nlohmann::json& overrides) {
  nlohmann::json merged = default_threat_model_json();
  if (overrides.is_object()) {
    merged.merge_patch(overrides);
    // A time distribution is replaced whole: merging {"dist": "lognormal", ...} into an
    // exponential's {"mean": ...} would leave a parameter of the wrong family behind.
    if (overrides.contains("means") && overrides["means"].is_object())
      for (const auto& [name, m] : overrides["means"].items())
        if (m.is_object() && m.contains("ttc") && merged["means"].contains(name)) {
          // Replaced whole, as a merge patch into nothing: a null member ("mean": null, which
          // the merge into the default needed before) deletes rather than stays behind.
          nlohmann::json ttc = nlohmann::json::object();
          ttc.merge_patch(m["ttc"]);
          merged["means"][name]["ttc"] = std::move(ttc);
        }
  } else if (!(overrides.is_string() && overrides.get<std::string>() == "default"))
    throw ModelError("models.threat: expected \"default\" or an object of overrides");

  JsonDocument doc = JsonDocument::from_value(merged, "models.threat");
  JsonChecker check(doc);
  ThreatModel model;
  model.source = merged;
  // Misspelt names must not silently fall back to the defaults.
  check.check_keys(merged, "", {"schema", "tier_vs_sl", "conduit_fr", "max_time_scale", "means"});
  if (const auto* table = check.get_object(merged, "", "tier_vs_sl", true)) {
    for (int t = 1; t <= 4; ++t) {
      std::string key = std::to_string(t), ptr = "/tier_vs_sl/" + key;
      const auto* row = check.get_array(*table, "/tier_vs_sl", key.c_str(), true);
      if (!row) continue;
      if (row->size() != 5) {
        check.error(ptr, "a tier row has 5 entries, for defence levels 0..4", row);
        continue;
      }
      for (int l = 0; l < 5; ++l) {
        const auto& v = (*row)[l];
        double x = v.is_number() ? v.get<double>() : -1;
        if (!(x >= 0 && x <= 1))
          check.error(ptr + "/" + std::to_string(l), "probability must be within [0, 1]", &v);
        model.tier_vs_sl[t - 1][l] = x;
      }
    }
    // The properties that users rely on: a higher tier never does worse, a higher SL never
    // makes a step easier.
    for (int t = 0; t < 4 && check.ok(); ++t)
      for (int l = 0; l < 5; ++l) {
        if (l > 0 && model.tier_vs_sl[t][l] > model.tier_vs_sl[t][l - 1])
          check.error("/tier_vs_sl/" + std::to_string(t + 1), "must not increase with the defence level");
        if (t > 0 && model.tier_vs_sl[t][l] < model.tier_vs_sl[t - 1][l])
          check.error("/tier_vs_sl/" + std::to_string(t + 1), "must not be below the row of a lower tier");
      }
  }
  if (auto fr = check.get_integer(merged, "", "conduit_fr")) {
    if (*fr < 1 || *fr > 7)
      check.error("/conduit_fr", "FR must be 1..7", &merged.at("conduit_fr"));
    else
      model.conduit_fr = int(*fr);
  }
  if (auto s = check.get_number(merged, "", "max_time_scale")) model.max_time_scale = std::max(1.0, *s);
  if (const auto* means = check.get_object(merged, "", "means", true)) {
    check.check_keys(*means, "/means",
                     {"network-access", "unauthenticated-protocol", "default-credentials",
                      "known-vulnerability", "remote-service", "valid-accounts", "generic-exploit",
                      "program-download", "physical-access", "removable-media"});
    for (int m = 0; m < kMeansCount; ++m) {
      std::string ptr = std::string("/means/") + kMeansNames[m];
      const auto* obj = check.get_object(*means, "/means", kMeansNames[m], true);
      if (!obj) continue;
      check.check_keys(*obj, ptr,
                       {"technique", "technique_external", "base_p", "base_p_by_tier", "exploitability_full",
                        "user_interaction_by_tier", "frs", "controls", "one_way", "command", "ttc"});
      MeansParams& p = model.means[m];
      p.technique = check.get_string(*obj, ptr, "technique", true).value_or("");
      p.technique_external = check.get_string(*obj, ptr, "technique_external").value_or("");
      if (obj->contains("base_p")) p.base_p = probability(check, *obj, ptr, "base_p");
      if (obj->contains("exploitability_full"))
        p.exploitability_full = check.get_number(*obj, ptr, "exploitability_full").value_or(3.887);
      if (const auto* by_tier = check.get_array(*obj, ptr, "base_p_by_tier")) {
        if (by_tier->size() != 4)
          check.error(ptr + "/base_p_by_tier", "needs 4 entries, one per tier", by_tier);
        else
          for (int t = 0; t < 4; ++t)
            p.base_p_by_tier[t] = (*by_tier)[t].is_number() ? (*by_tier)[t].get<double>() : 0;
      }
      if (const auto* by_tier = check.get_array(*obj, ptr, "user_interaction_by_tier")) {
        const bool shaped =
            by_tier->size() == 4 && std::all_of(by_tier->begin(), by_tier->end(), [](const auto& v) {
              return v.is_number() && v.template get<double>() >= 0 && v.template get<double>() <= 1;
            });
        if (!shaped)
          check.error(ptr + "/user_interaction_by_tier", "needs 4 probabilities in [0, 1], one per tier",
                      by_tier);
        else
          for (int t = 0; t < 4; ++t) p.user_interaction_by_tier[t] = (*by_tier)[t].get<double>();
        for (int t = 1; shaped && t < 4; ++t)
          if (p.user_interaction_by_tier[t] < p.user_interaction_by_tier[t - 1])
            check.error(ptr + "/user_interaction_by_tier", "a higher tier never does worse", by_tier);
      }
      for (const auto& fr :
           check.get_array(*obj, ptr, "frs", true) ? obj->at("frs") : nlohmann::json::array()) {
        if (!fr.is_number_integer() || fr.get<int>() < 1 || fr.get<int>() > 7)
          check.error(ptr + "/frs", "FRs are 1..7", &fr);
        else
          p.frs.push_back(fr.get<int>());
      }
      for (std::size_t i = 0; const auto& id : check.get_string_list(*obj, ptr, "controls")) {
        const Requirement* r = find_requirement(id);
        if (!r)
          check.error(ptr + "/controls/" + std::to_string(i),
                      "unknown IEC 62443-3-3 requirement '" + id + "'", &obj->at("controls")[i]);
        else
          p.controls.push_back(r->id);
        ++i;
      }
      p.one_way = check.get_bool(*obj, ptr, "one_way").value_or(false);
      p.command = check.get_bool(*obj, ptr, "command").value_or(false);
      if (obj->contains("ttc")) p.ttc = parse_ttc(check, obj->at("ttc"), ptr + "/ttc");
    }
  }
  if (!check.ok()) {
    try {
      check.throw_if_errors();
    } catch (const ValidationError& e) {
      throw ModelError(std::string("invalid threat model: ") + e.what());
    }
  }
  return model;
}

} // namespace zonepath::models
