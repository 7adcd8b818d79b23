// The workbench behind `zonepath serve` (docs/serve.md), without HTTP: one site, its baseline
// analysed once, and design states computed from lists of what-if scenario operations. The
// browser holds the list (so undo and redo are list edits); each request names the whole list,
// which is applied to the base site by the scenario engine, analysed, diffed against the
// baseline and drawn. The same list downloads as a scenario file that `zonepath whatif` and
// `batch` accept, so the numbers the app shows are the numbers the CLI gives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "zonepath/core/cancel.hpp"
#include "zonepath/models/report.hpp"
#include "zonepath/models/site.hpp"
#include "zonepath/scenarios/scenario.hpp"

namespace zonepath::serve {

struct WorkbenchOptions {
  std::uint64_t samples = 1000; // Monte Carlo samples per threat actor (as `whatif --samples`)
  // Samples of a preview ("preview": true): on large sites the app shows a preview at once and
  // the exact figures when they are ready.
  std::uint64_t preview_samples = 100;
  std::uint64_t seed = 1;      // as `whatif --seed`: the same seed gives the same numbers
  std::size_t paths = 3;       // most likely paths per threat and target (as `whatif -k`)
  std::size_t drawn_paths = 3; // paths of the chosen threat drawn on the diagram
  std::size_t max_operations = 2000;
  std::size_t cached_states = 16; // analysed designs kept, so undo and redo answer at once
  // The assessment day (`serve --as-of`); nullopt: the site's as_of. Temporary rules, conduits
  // and assets are in force or not as on that day, for the baseline and every edit.
  std::optional<models::Date> as_of;
};

// One analysed design: the operations applied to the base site and the analysis of the result.
struct DesignState {
  scenarios::ScenarioResult result; // edited site (JSON and model), operations applied
  models::Report report;
};
using DesignStatePtr = std::shared_ptr<const DesignState>;

class Workbench {
public:
  // Loads and analyses the baseline (throws the loader's and the analysis' errors).
  Workbench(nlohmann::json site_json, std::string site_name, WorkbenchOptions options);

  // GET /api/session: the site, its threat actors, the options, the operation names.
  nlohmann::json session() const;
  // POST /api/evaluate {"operations": [...], "threat": id, "view": "zones"|"assets"|"auto",
  // "preview": false}:
  // the design's figures, diff against the baseline, and its diagram. ValidationError names
  // the request member or operation at fault; CancelledError when `cancel` fires.
  nlohmann::json evaluate(const nlohmann::json& request, const CancelToken* cancel) const;
  // POST /api/compare {"a": {"operations"}, "b": {"operations"}, "threat", "view"}: two designs
  // side by side, each with its diagram, and the diff from a to b.
  nlohmann::json compare(const nlohmann::json& request, const CancelToken* cancel) const;
  // POST /api/scenario {"operations", "id"?, "name"?}: the scenario document
  // (zonepath/scenario/v1), checked by the scenario loader and applied once.
  nlohmann::json scenario(const nlohmann::json& request) const;
  // POST /api/site {"operations"}: the edited site document.
  nlohmann::json edited_site(const nlohmann::json& request) const;

  const models::Site& base_site() const { return *base_; }
  const models::Report& baseline() const { return baseline_; }

private:
  // The scenario for `operations` (checked), named so that errors point into the request.
  scenarios::Scenario scenario_of(const nlohmann::json& operations, const std::string& id,
                                  const std::string& name) const;
  DesignStatePtr design(const nlohmann::json& operations, std::uint64_t samples,
                        const CancelToken* cancel) const;
  DesignStatePtr cached(const std::string& key) const;
  void remember(const std::string& key, DesignStatePtr state) const;

  nlohmann::json base_json_;
  std::string site_name_;
  WorkbenchOptions options_;
  models::SitePtr base_;
  models::Report baseline_;
  mutable std::mutex cache_mutex_;
  mutable std::list<std::pair<std::string, DesignStatePtr>> cache_; // most recent first
};

} // namespace zonepath::serve
