// Internal pieces of scenario application, shared by the scenario_*.cpp files.
#pragma once

#include <optional>
#include <string>

#include "zonepath/scenarios/scenario.hpp"

namespace zonepath {
class JsonChecker;
}

namespace zonepath::scenarios::detail {

using json = nlohmann::json;

// Checks one operation object at `ptr` (all problems into `check`) and fills `out`; scenario
// files and change requests share it.
void check_operation(JsonChecker& check, const json& o, const std::string& ptr, ScenarioOperation& out);

struct OpContext {
  const Scenario& scenario;
  const ScenarioOperation& op;
  json& site;                         // the document being edited
  bool used_override = false;         // an unpatchable asset was changed under "override"
  std::size_t* copy_budget = nullptr; // JSON values "copy" may still add (kMinCopyBudget)
};

// Number of JSON values in `value` (itself included) and how deep they nest (a scalar: 1).
struct ValueCount {
  std::size_t values = 0, depth = 0;
};
ValueCount count_values(const json& value);

// Throws ValidationError at the operation (or its member `key`, "" for the operation itself).
[[noreturn]] void fail(const OpContext& c, const std::string& key, std::string message,
                       std::string suggestion = {});
// The array member `key` of the site, created when absent.
json& section(json& site, const char* key);
std::optional<std::size_t> find_index(const json& list, const std::string& id);
// Index in section `section_key` of the id held by the operation's member `key`; unknown ids
// fail with a did-you-mean suggestion.
std::size_t require_index(const OpContext& c, const char* section_key, const std::string& key,
                          const char* what);
bool is_unpatchable(const json& asset);
bool patch_field(std::string_view key);
// Fails unless the asset is patchable or the operation carries an override reason.
void require_override(OpContext& c, const json& asset, const std::string& what);

// Applies one operation to c.site; returns a one-line summary for reports.
std::string apply_operation(OpContext& c);
std::string apply_rule_operation(OpContext& c);
std::string apply_json_patch(OpContext& c);

} // namespace zonepath::scenarios::detail
