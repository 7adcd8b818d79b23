// Workbench: requests checked at the entry, designs applied by the scenario engine, analysed
// with the options of `zonepath whatif`, and kept in a small cache so undo and redo answer at once.
#include "zonepath/serve/workbench.hpp"

#include <algorithm>

#include "design_json.hpp"
#include "request_check.hpp"
#include "zonepath/core/error.hpp"
#include "zonepath/models/analysis.hpp"
#include "zonepath/models/site_loader.hpp"
#include "zonepath/render/diagram.hpp"
#include "zonepath/scenarios/diff.hpp"

namespace zonepath::serve {

namespace {

using json = nlohmann::json;

models::AnalysisOptions analysis_options(const WorkbenchOptions& o, std::uint64_t samples,
                                         const CancelToken* cancel) {
  models::AnalysisOptions a;
  a.samples = samples;
  a.seed = o.seed;
  a.paths_per_target = o.paths;
  a.as_of = o.as_of;
  a.cancel = cancel;
  return a;
}

json applied_json(const scenarios::ScenarioResult& r) {
  json out = json::array();
  for (const auto& a : r.applied)
    out.push_back(
        {{"index", a.index}, {"op", a.op}, {"summary", a.summary}, {"override", a.override_reason}});
  return out;
}

} // namespace

Workbench::Workbench(nlohmann::json site_json, std::string site_name, WorkbenchOptions options)
    : base_json_(std::move(site_json)), site_name_(std::move(site_name)), options_(options) {
  if (options_.samples < 1) throw AnalysisError("samples must be at least 1");
  base_ = models::load_site_json(base_json_, site_name_);
  baseline_ = models::analyze_site(*base_, analysis_options(options_, options_.samples, nullptr));
  // The baseline is the first design the app asks for; its diff is against itself.
  auto state = std::make_shared<DesignState>();
  state->result.site_json = base_json_;
  state->result.site = base_;
  state->report = baseline_;
  remember(json::array().dump() + "#" + std::to_string(options_.samples), std::move(state));
}

json Workbench::session() const {
  json threats = json::array();
  for (const auto& t : base_->threat_actors)
    threats.push_back({{"id", t.id}, {"name", t.name}, {"sophistication", t.sophistication}});
  return {{"schema", "zonepath/serve/session/v1"},
          {"site", {{"id", base_->id}, {"name", base_->name}, {"file", site_name_}}},
          {"assets", base_->assets.size()},
          {"zones", base_->zones.size()},
          {"conduits", base_->conduits.size()},
          {"threats", threats},
          {"samples", options_.samples},
          {"seed", options_.seed},
          {"as_of", baseline_.as_of ? json(baseline_.as_of->text()) : json()},
          {"preview_samples", options_.preview_samples},
          {"paths", options_.paths},
          {"drawn_paths", options_.drawn_paths},
          {"max_operations", options_.max_operations},
          {"operations", scenarios::operation_names()}};
}

scenarios::Scenario Workbench::scenario_of(const json& operations, const std::string& id,
                                           const std::string& name) const {
  json doc = {{"schema", scenarios::kScenarioSchema}, {"id", id}};
  if (!name.empty()) doc["name"] = name;
  if (!base_->id.empty()) doc["base"] = base_->id;
  doc["operations"] = operations;
  return scenarios::scenario_from_json(doc, "workbench edits");
}

DesignStatePtr Workbench::cached(const std::string& key) const {
  std::lock_guard lock(cache_mutex_);
  for (auto it = cache_.begin(); it != cache_.end(); ++it)
    if (it->first == key) {
      cache_.splice(cache_.begin(), cache_, it);
      return cache_.front().second;
    }
  return nullptr;
}

void Workbench::remember(const std::string& key, DesignStatePtr state) const {
  std::lock_guard lock(cache_mutex_);
  cache_.emplace_front(key, std::move(state));
  while (cache_.size() > options_.cached_states) cache_.pop_back();
}

DesignStatePtr Workbench::design(const json& operations, std::uint64_t samples,
                                 const CancelToken* cancel) const {
  const std::string key = operations.dump() + "#" + std::to_string(samples);
  if (auto hit = cached(key)) return hit;
  auto state = std::make_shared<DesignState>();
  state->result = scenarios::apply_scenario(base_json_, scenario_of(operations, "workbench", ""), site_name_);
  check_cancel(cancel);
  state->report = models::analyze_site(*state->result.site, analysis_options(options_, samples, cancel));
  remember(key, state);
  return state;
}

json Workbench::evaluate(const json& request, const CancelToken* cancel) const {
  const detail::DesignRequest req = detail::check_design_request(request, options_.max_operations);
  const std::uint64_t samples =
      req.preview ? std::min(options_.preview_samples, options_.samples) : options_.samples;
  const DesignStatePtr state = design(req.operations, samples, cancel);
  const models::Site& site = *state->result.site;
  const std::string threat = detail::check_threat(req.threat, site);
  json out =
      detail::design_to_json(site, state->result.site_json, state->report, threat, options_.drawn_paths);
  out["schema"] = "zonepath/serve/design/v1";
  out["operations"] = applied_json(state->result);
  out["view"] = req.view;
  out["samples"] = samples;
  out["preview"] = req.preview;
  out["diff"] = scenarios::diff_to_json(scenarios::diff_reports(*base_, baseline_, site, state->report),
                                        {"baseline", "design"});
  render::DiagramOptions d;
  d.view = render::parse_view(req.view);
  d.threat = threat;
  d.paths = options_.drawn_paths;
  d.element_ids = true;
  out["svg"] = render::render_diagram(site, state->report, d, render::ImageFormat::Svg);
  check_cancel(cancel);
  return out;
}

json Workbench::compare(const json& request, const CancelToken* cancel) const {
  const detail::CompareRequest req = detail::check_compare_request(request, options_.max_operations);
  const DesignStatePtr a = design(req.a, options_.samples, cancel),
                       b = design(req.b, options_.samples, cancel);
  json out = {{"schema", "zonepath/serve/compare/v1"}, {"view", req.view}};
  render::DiagramOptions d;
  d.view = render::parse_view(req.view);
  d.paths = options_.drawn_paths;
  d.element_ids = true;
  for (const auto& [label, state] : {std::pair{"a", a}, std::pair{"b", b}}) {
    d.threat = detail::check_threat(req.threat, *state->result.site);
    out[label] = {
        {"operations", applied_json(state->result)},
        {"svg", render::render_diagram(*state->result.site, state->report, d, render::ImageFormat::Svg)}};
  }
  out["diff"] = scenarios::diff_to_json(
      scenarios::diff_reports(*a->result.site, a->report, *b->result.site, b->report), {"a", "b"});
  check_cancel(cancel);
  return out;
}

json Workbench::scenario(const json& request) const {
  const detail::ScenarioRequest req = detail::check_scenario_request(request, options_.max_operations);
  const scenarios::Scenario sc = scenario_of(req.operations, req.id, req.name);
  scenarios::apply_scenario(base_json_, sc, site_name_); // the file only if it applies
  return sc.document->root();
}

json Workbench::edited_site(const json& request) const {
  const detail::DesignRequest req = detail::check_design_request(request, options_.max_operations);
  return scenarios::apply_scenario(base_json_, scenario_of(req.operations, "workbench", ""), site_name_)
      .site_json;
}

} // namespace zonepath::serve
