// What-if scenarios ("zonepath/scenario/v1", docs/scenarios.md): a base site named by id and a
// list of operations (typed what-ifs and RFC 6902 JSON Patch) applied to the site's JSON. The
// base site is never modified: applying a scenario yields a new, fully validated Site.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zonepath/core/json_document.hpp"
#include "zonepath/models/site.hpp"

namespace zonepath::scenarios {

inline constexpr const char* kScenarioSchema = "zonepath/scenario/v1";

// JSON Patch "copy" duplicates a part of the site, so a few operations copying the growing
// document into itself double it each time (24 copies of 2 KB: 2.7 GB). The values all the
// copies of one scenario add may not exceed the base site's own number of values, or this
// floor for small sites; past it applying the scenario fails with a LimitError.
inline constexpr std::size_t kMinCopyBudget = 1'000'000;

struct ScenarioOperation {
  std::string op;              // "remove-rule", "json-patch", ...
  nlohmann::json spec;         // the operation object as written
  std::string pointer;         // "/operations/3" in the scenario file
  std::string override_reason; // "override": why an unpatchable asset may be changed
};

struct Scenario {
  std::string id, name, description;
  std::string base; // id of the base site; empty: any site
  std::vector<ScenarioOperation> operations;
  // The scenario's text, so that errors found while applying name its line and column.
  std::shared_ptr<const JsonDocument> document;

  const std::string& file() const { return document->name(); }
};

// The typed operation names, in documentation order.
const std::vector<std::string>& operation_names();

// Checks the scenario's structure and every operation's fields (all problems at once).
// Throws ValidationError with file, JSON pointer, line and column.
Scenario load_scenario(std::shared_ptr<const JsonDocument> doc);
Scenario load_scenario_file(const std::string& path);
// A scenario held in memory (e.g. built by the planner); `name` stands for the file.
Scenario scenario_from_json(const nlohmann::json& value, const std::string& name);

struct AppliedOperation {
  std::size_t index = 0;
  std::string op;
  std::string summary;         // "removed rule 100 (allow pcom) from conduit fw-1"
  std::string override_reason; // non-empty when an unpatchable asset was changed
};

struct ScenarioResult {
  nlohmann::json site_json; // the modified site document
  models::SitePtr site;     // loaded and validated from site_json
  std::vector<AppliedOperation> applied;
};

// Applies the operations in order to a copy of `base_site`; after each one the site is
// validated, so an error names the operation that broke it. Throws ValidationError (scenario
// file, pointer, line, column) for an operation that cannot apply or leaves an invalid site,
// and for a base id that does not match the site. `base_name` names the site in messages.
ScenarioResult apply_scenario(const nlohmann::json& base_site, const Scenario& scenario,
                              const std::string& base_name = "<site>");

} // namespace zonepath::scenarios
