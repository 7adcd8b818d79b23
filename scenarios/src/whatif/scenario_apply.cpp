// Applying scenario operations to a site document. Each operation edits a JSON copy of the
// site; the site loader then validates the copy, so every rule of the site format holds after
// every operation, and an error names the operation (scenario file, pointer, line, column).
#include <algorithm>

#include "scenario_internal.hpp"
#include "zonepath/core/json_checker.hpp"
#include "zonepath/models/site_loader.hpp"

namespace zonepath::scenarios {

namespace detail {

[[noreturn]] void fail(const OpContext& c, const std::string& key, std::string message,
                       std::string suggestion) {
  std::string ptr = key.empty() ? c.op.pointer : c.op.pointer + "/" + pointer_token(key);
  const json* value = key.empty() || !c.op.spec.contains(key) ? nullptr : &c.op.spec.at(key);
  throw ValidationError(
      {c.scenario.document->diagnostic(ptr, std::move(message), value, std::move(suggestion))});
}

json& section(json& site, const char* key) {
  if (!site.contains(key) || !site.at(key).is_array()) site[key] = json::array();
  return site[key];
}

std::optional<std::size_t> find_index(const json& list, const std::string& id) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].is_object() && list[i].contains("id") && list[i]["id"] == id) return i;
  return std::nullopt;
}

std::size_t require_index(const OpContext& c, const char* section_key, const std::string& key,
                          const char* what) {
  const json& spec = c.op.spec;
  std::string id = spec.at(key).get<std::string>();
  json& list = section(c.site, section_key);
  if (auto i = find_index(list, id)) return *i;
  std::vector<std::string> ids;
  for (const auto& item : list)
    if (item.is_object() && item.contains("id") && item["id"].is_string())
      ids.push_back(item["id"].get<std::string>());
  std::vector<std::string_view> views(ids.begin(), ids.end());
  std::string near = did_you_mean(id, views);
  fail(c, key, std::string("unknown ") + what + " '" + id + "' in the site",
       near.empty() ? "" : "did you mean '" + near + "'?");
}

bool is_unpatchable(const json& asset) {
  return asset.is_object() && asset.contains("patchable") && asset["patchable"] == false;
}

// Changing what an asset runs (its vulnerabilities, version or patchable flag) is patching.
bool patch_field(std::string_view key) {
  return key == "vulnerabilities" || key == "version" || key == "patchable";
}

void require_override(OpContext& c, const json& asset, const std::string& what) {
  if (!is_unpatchable(asset)) return;
  if (!c.op.override_reason.empty()) {
    c.used_override = true;
    return;
  }
  fail(c, "",
       what + " of asset '" + asset.value("id", std::string()) +
           "', which is marked \"patchable\": false (legacy or validated state)",
       "add a compensating control instead, or say why with \"override\": \"...\"");
}

} // namespace detail

namespace {

using namespace detail;

void check_base(const Scenario& sc, const json& base, const std::string& base_name) {
  if (sc.base.empty()) return;
  std::string id =
      base.contains("site") && base["site"].is_object() ? base["site"].value("id", std::string()) : "";
  if (id == sc.base) return;
  const json& root = sc.document->root();
  throw ValidationError(
      {sc.document->diagnostic("/base",
                               "scenario '" + sc.id + "' is written for site '" + sc.base + "', but " +
                                   base_name + " is site '" + id + "'",
                               &root.at("base"), "run it against the site it names, or change 'base'")});
}

// The site after operation `c`, loaded; a site error is reported at the operation.
models::SitePtr validate(const OpContext& c, const std::string& name) {
  try {
    return models::load_site_json(c.site, name);
  } catch (const ValidationError& e) {
    std::vector<Diagnostic> out;
    for (const auto& d : e.diagnostics()) {
      std::string msg = "operation '" + c.op.op +
                        "' leaves the site invalid: " + (d.pointer.empty() ? "/" : d.pointer) + ": " +
                        d.message;
      if (!d.value.empty()) msg += " (value: " + d.value + ")";
      out.push_back(c.scenario.document->diagnostic(c.op.pointer, std::move(msg), nullptr, d.suggestion));
    }
    throw ValidationError(std::move(out));
  }
}

} // namespace

ScenarioResult apply_scenario(const nlohmann::json& base_site, const Scenario& scenario,
                              const std::string& base_name) {
  check_base(scenario, base_site, base_name);
  ScenarioResult result;
  result.site_json = base_site;
  const std::string name = base_name + " + scenario " + scenario.id;
  std::size_t copy_budget = std::max(kMinCopyBudget, count_values(base_site).values);
  for (std::size_t i = 0; i < scenario.operations.size(); ++i) {
    const ScenarioOperation& op = scenario.operations[i];
    OpContext c{scenario, op, result.site_json};
    c.copy_budget = &copy_budget;
    AppliedOperation applied;
    applied.index = i;
    applied.op = op.op;
    applied.summary = apply_operation(c);
    applied.override_reason = c.used_override ? op.override_reason : std::string();
    result.site = validate(c, name);
    result.applied.push_back(std::move(applied));
  }
  if (!result.site) result.site = models::load_site_json(result.site_json, name);
  return result;
}

} // namespace zonepath::scenarios
